// HTML export: one self-contained, printable report (no scripts, no network; charts are inline
// SVG; colours always come with a symbol or a word, so the report reads in black and white).
//
// [SECTION] Words: the report's labels in Indonesian and English
// [SECTION] Pieces: escaping, numbers, team and option names
// [SECTION] Sections: teams table, heat map, decisions with bar charts, critical moments, steps
// [SECTION] The document
#include <cmath>
#include <cstdio>
#include <string>

#include "debrief.h"
#include "export_common.h"
#include "text.h"

namespace sigap {

namespace {

// ---- [SECTION] Words ---------------------------------------------------------------------------

struct Words {
  Lang lang;
  const char* operator()(const char* id, const char* en) const { return lang == Lang::En ? en : id; }
};

const char* StatusWord(const Words& w, StepStatus s) {
  switch (s) {
    case StepStatus::Followed: return w("Dipatuhi", "Followed");
    case StepStatus::Violated: return w("Dilanggar", "Violated");
    case StepStatus::Critical: return w("Pelanggaran kritis", "Critical violation");
    case StepStatus::NotReached: return w("Tidak tercapai", "Not reached");
  }
  return "";
}

const char* StatusSymbol(StepStatus s) {
  switch (s) {
    case StepStatus::Followed: return "✓";
    case StepStatus::Violated: return "✗";
    case StepStatus::Critical: return "‼";
    case StepStatus::NotReached: return "–";
  }
  return "";
}

const char* StatusClass(StepStatus s) {
  switch (s) {
    case StepStatus::Followed: return "ok";
    case StepStatus::Violated: return "bad";
    case StepStatus::Critical: return "crit";
    case StepStatus::NotReached: return "none";
  }
  return "";
}

const char* RatingWord(const Words& w, const std::string& rating) {
  if (rating == "good") return w("baik", "good");
  if (rating == "mixed") return w("campuran", "mixed");
  if (rating == "bad") return w("buruk", "bad");
  return "";
}


// ---- [SECTION] Pieces --------------------------------------------------------------------------

std::string Esc(const std::string& s) { return HtmlEscape(s); }

// "12,5 dtk" / "12.5 s".
std::string Seconds(const Words& w, std::int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(ms) / 1000.0);
  std::string s = buf;
  if (w.lang == Lang::Id)
    for (char& c : s)
      if (c == '.') c = ',';
  return s + w(" dtk", " s");
}

std::string Percent(const std::optional<double>& p) {
  if (!p) return "–";
  return std::to_string(static_cast<int>(std::lround(*p))) + "%";
}

std::string TeamName(const ScenarioDebrief& d, std::size_t i, const Words& w, bool anonymise) {
  return TeamDisplayName(d, i, w.lang, anonymise);
}

std::string StepLabel(const ScenarioDebrief& d, const std::string& step, const Words& w) {
  const SopStep* s = d.catalogue->FindStep(step);
  return s ? s->label.Get(w.lang) : step;
}

const Outcome* FindOutcome(const Scenario& sc, const std::string& id) {
  for (const auto& n : sc.nodes)
    if (n.outcome && n.outcome->id == id) return &*n.outcome;
  return nullptr;
}

std::string Anchor(const std::string& scenario) { return "s-" + scenario; }

// The session's verdict in words, with why it did not pass (docs/scoring.md).
std::string VerdictText(const SessionScore& score, const Words& w) {
  if (score.verdict == SessionVerdict::Passed) return "<strong class=\"pass\">✓ " + std::string(w("Lulus", "Passed")) + "</strong>";
  if (score.verdict == SessionVerdict::Unfinished) return w("Belum selesai", "Not finished");
  std::string why;
  auto add = [&](const char* s) { why += (why.empty() ? "" : ", ") + std::string(s); };
  if (!score.never_events.empty()) add(w("pelanggaran kritis", "a critical violation"));
  if (score.bad_ending) add(w("akhir buruk", "a bad ending"));
  if (!score.axes_below.empty()) add(w("skor di bawah 60 %", "a score below 60 %"));
  return "<strong class=\"crit-text\">✗ " + std::string(w("Tidak lulus", "Not passed")) + "</strong>" + (why.empty() ? "" : " (" + Esc(why) + ")");
}

// ---- [SECTION] Sections ------------------------------------------------------------------------

void TeamsTable(std::string& h, const ScenarioDebrief& d, const Words& w, bool anonymise) {
  h += "<h3>" + std::string(w("Tim dan hasil", "Teams and results")) + "</h3>\n<table class=\"teams\">\n<thead><tr><th>";
  h += w("Tim", "Team");
  h += "</th><th>";
  h += w("Status", "Status");
  h += "</th><th>";
  h += w("Akhir cerita", "Outcome");
  h += "</th>";
  for (const auto& axis : d.catalogue->axes) h += "<th class=\"num\">" + Esc(axis.label.Get(w.lang)) + "</th>";
  h += "<th>" + std::string(w("Pelanggaran kritis", "Critical violations")) + "</th><th>" + w("Hasil", "Result") +
       "</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < d.teams.size(); ++i) {
    const ImportedSession& s = *d.teams[i];
    h += "<tr><th scope=\"row\">" + Esc(TeamName(d, i, w, anonymise));
    // Initials, laptop and start: two teams of one name stay apart (initials hidden with the names).
    std::string who;
    auto add_who = [&](const std::string& part) { if (!part.empty()) who += (who.empty() ? "" : " · ") + part; };
    if (!anonymise) add_who(s.log.info.members);
    add_who(s.log.info.laptop);
    // "2026-03-02T09:00:00Z" reads as "2026-03-02 09:00 UTC" on paper.
    const std::string& at = s.log.info.started_utc;
    add_who(at.size() == 20 && at[10] == 'T' && at[19] == 'Z' ? at.substr(0, 10) + " " + at.substr(11, 5) + " UTC" : at);
    if (!who.empty()) h += "<br><span class=\"who\">" + Esc(who) + "</span>";
    h += "</th><td>";
    h += s.finished() ? w("Selesai", "Finished") : w("Belum selesai", "Unfinished");
    if (s.scenario_changed) h += "<br><span class=\"flag\">⚠ " + std::string(w("skenario sudah berubah", "scenario has changed")) + "</span>";
    if (!s.replay_ok)
      h += "<br><span class=\"flag\">⚠ " + std::string(w("dinilai sampai keputusan ", "scored up to decision ")) +
           std::to_string(s.decisions_replayed) + "</span>";
    h += "</td><td>";
    if (const Outcome* o = FindOutcome(*d.scenario, s.outcome_id))
      h += Esc(o->label.Get(w.lang)) + " <span class=\"rating " + Esc(o->rating) + "\">(" + RatingWord(w, o->rating) + ")</span>";
    else
      h += "–";
    h += "</td>";
    for (const auto& axis : d.catalogue->axes) {
      const AxisResult* a = s.score.FindAxis(axis.id);
      // A never event fails every axis (docs/scoring.md): the percent earned, marked failed.
      if (a && a->capped)
        h += "<td class=\"num capped\">" + Percent(a->Percent()) + " <span class=\"crit-text\">✗ " + w("gagal", "failed") + "</span></td>";
      else
        h += "<td class=\"num\">" + Percent(a ? a->Percent() : std::nullopt) + "</td>";
    }
    h += "<td>";
    if (s.score.never_events.empty()) h += "0";
    else {
      h += "<strong class=\"crit-text\">‼ " + std::to_string(s.score.never_events.size()) + "</strong><ul class=\"never\">";
      for (const auto& t : s.score.never_events) {
        const Node* node = d.scenario->FindNode(t.node);
        h += "<li>" + Esc(node ? node->title.Get(w.lang) : t.node) + " (" + Esc(exports::Letter(*d.scenario, t.node, t.option)) + "): " +
             Esc(StepLabel(d, t.step, w)) + "</li>";
      }
      h += "</ul>";
    }
    h += "</td><td>" + VerdictText(s.score, w) + "</td></tr>\n";
  }
  h += "</tbody>\n</table>\n";
}

void Legend(std::string& h, const Words& w) {
  h += "<p class=\"legend\">";
  for (StepStatus s : {StepStatus::Followed, StepStatus::Violated, StepStatus::Critical, StepStatus::NotReached})
    h += "<span class=\"cell " + std::string(StatusClass(s)) + "\">" + StatusSymbol(s) + "</span> " + StatusWord(w, s) + " &nbsp; ";
  h += "</p>\n";
}

void HeatMap(std::string& h, const ScenarioDebrief& d, const Words& w, bool anonymise) {
  h += "<h3>" + std::string(w("Peta panas: langkah SOP × tim", "Heat map: SOP steps × teams")) + "</h3>\n";
  Legend(h, w);
  h += "<table class=\"heat\">\n<thead><tr><th>" + std::string(w("Langkah SOP", "SOP step")) + "</th>";
  for (std::size_t i = 0; i < d.teams.size(); ++i) h += "<th class=\"team\">" + Esc(TeamName(d, i, w, anonymise)) + "</th>";
  h += "</tr></thead>\n<tbody>\n";
  for (std::size_t row = 0; row < d.steps.size(); ++row) {
    const SopStep* step = d.catalogue->FindStep(d.steps[row]);
    h += "<tr><th scope=\"row\">" + Esc(step ? step->label.Get(w.lang) : d.steps[row]) + "<br><span class=\"id\">" + Esc(d.steps[row]) +
         (step && step->critical ? " · " + std::string(w("kritis", "critical")) : "") + "</span></th>";
    for (std::size_t team = 0; team < d.teams.size(); ++team) {
      StepStatus s = d.heat[row][team];
      h += "<td class=\"cell " + std::string(StatusClass(s)) + "\" title=\"" + Esc(StatusWord(w, s)) + "\">" + StatusSymbol(s) + "</td>";
    }
    h += "</tr>\n";
  }
  h += "</tbody>\n</table>\n";
}

// A horizontal bar per option; the SOP answer is marked with a star and the word, critical
// options with "‼", so the chart reads without colour.
void BarChart(std::string& h, const DecisionAggregate& a, const Words& w, std::size_t n_teams) {
  // The label column fits the longest option label (about 9 px a character at 15 px bold).
  std::size_t longest = 1;
  for (const auto& o : a.options) longest = std::max(longest, o.letter.size());
  const int row_h = 30, label_w = 40 + 9 * static_cast<int>(std::min<std::size_t>(longest, 32)), bar_w = 420, count_w = 110;
  const int height = row_h * static_cast<int>(a.options.size()) + 8;
  const int width = label_w + bar_w + count_w;
  int most = 1;
  for (const auto& o : a.options) most = std::max(most, o.teams);
  const double scale = static_cast<double>(bar_w) / static_cast<double>(std::max<std::size_t>(n_teams, static_cast<std::size_t>(most)));
  h += "<svg class=\"bars\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) + "\" width=\"" + std::to_string(width) +
       "\" height=\"" + std::to_string(height) + "\" role=\"img\" aria-label=\"" + Esc(w("Pilihan tim", "Teams' choices")) + "\">\n";
  for (std::size_t i = 0; i < a.options.size(); ++i) {
    const OptionCount& o = a.options[i];
    int y = 4 + row_h * static_cast<int>(i);
    std::string cls = o.recommended ? "rec" : o.worst == Verdict::Critical ? "crit" : o.worst == Verdict::Violates ? "bad" : "other";
    std::string mark = o.recommended ? "★ " : o.worst == Verdict::Critical ? "‼ " : "";
    int len = static_cast<int>(std::lround(scale * o.teams));
    h += "<text x=\"" + std::to_string(label_w - 8) + "\" y=\"" + std::to_string(y + 20) + "\" text-anchor=\"end\" class=\"opt\">" + mark +
         Esc(o.letter) + "</text>";
    h += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" + std::to_string(std::max(len, 2)) +
         "\" height=\"" + std::to_string(row_h - 8) + "\" class=\"" + cls + "\"/>";
    h += "<text x=\"" + std::to_string(label_w + std::max(len, 2) + 6) + "\" y=\"" + std::to_string(y + 20) + "\" class=\"count\">" +
         std::to_string(o.teams) + " " + w("tim", o.teams == 1 ? "team" : "teams") + (o.recommended ? std::string(" · SOP") : "") +
         "</text>\n";
  }
  h += "</svg>\n";
}

void Decisions(std::string& h, const ScenarioDebrief& d, const Words& w) {
  h += "<h3>" + std::string(w("Keputusan demi keputusan", "Decision by decision")) + "</h3>\n";
  h += "<p class=\"legend\">★ " + std::string(w("jawaban sesuai SOP", "the SOP answer")) + " &nbsp; ‼ " +
       w("pilihan dengan pelanggaran kritis", "a choice with a critical violation") + "</p>\n";
  int number = 0;
  for (const DecisionAggregate& a : d.decisions) {
    const Node* node = d.scenario->FindNode(a.node);
    if (!node || !node->decision) continue;
    ++number;
    h += "<div class=\"decision\">\n<h4>" + std::to_string(number) + ". " + Esc(node->title.Get(w.lang)) + " <span class=\"id\">[" +
         Esc(a.node) + "]</span></h4>\n";
    h += "<p class=\"prompt\">" + Esc(node->decision->prompt.Get(w.lang)) + (a.checklist ? std::string(" (") + w("daftar periksa", "checklist") + ")" : "") +
         "</p>\n";
    h += "<p class=\"stats\">" + std::string(w("Dicapai oleh ", "Reached by ")) + std::to_string(a.teams_reached) + " " +
         w("dari ", "of ") + std::to_string(d.teams.size()) + " " + w("tim", "teams");
    if (auto m = a.MedianElapsed()) {
      std::int64_t fastest = *m, slowest = *m;
      for (auto ms : a.elapsed_ms)
        if (ms >= 0) {
          fastest = std::min(fastest, ms);
          slowest = std::max(slowest, ms);
        }
      h += " · " + std::string(w("median waktu ", "median time ")) + Seconds(w, *m) + " (" + Seconds(w, fastest) + " – " + Seconds(w, slowest) + ")";
    }
    if (node->decision->timer) h += " · " + std::string(w("waktu habis: ", "timed out: ")) + std::to_string(a.timeouts);
    h += "</p>\n";
    if (a.teams_reached > 0) BarChart(h, a, w, d.teams.size());
    h += "<table class=\"options\"><tbody>\n";
    for (const OptionCount& o : a.options) {
      const LocalText* text = node->OptionText(o.option);
      const std::string label = (o.option == kTimeoutOption ? std::string(w("Waktu habis: ", "Time ran out: ")) : std::string()) +
                                (text ? text->Get(w.lang) : "");
      h += "<tr" + std::string(o.recommended ? " class=\"rec-row\"" : "") + "><th scope=\"row\">" + (o.recommended ? "★ " : "") + Esc(o.letter) +
           "</th><td>" + Esc(label) + "</td><td class=\"num\">" + std::to_string(o.teams) + "</td></tr>\n";
    }
    h += "</tbody></table>\n";
    // The SOP answer and why: the recommended choices' feedback and sources (a checklist's own).
    h += "<div class=\"answer\"><strong>" + std::string(w("Menurut SOP: ", "What the SOP says: ")) + "</strong>";
    if (a.checklist) {
      h += Esc(node->decision->feedback.Get(w.lang));
      if (!node->decision->source.empty()) h += " <span class=\"source\">(" + std::string(w("Sumber: ", "Source: ")) + Esc(node->decision->source) + ")</span>";
    } else {
      bool any = false;
      for (const auto& c : node->decision->choices) {
        if (!c.Recommended()) continue;
        any = true;
        h += "<br>★ " + Esc(node->decision->OptionLetter(c.id)) + ": " + Esc(c.feedback.Get(w.lang));
        if (!c.source.empty()) h += " <span class=\"source\">(" + std::string(w("Sumber: ", "Source: ")) + Esc(c.source) + ")</span>";
      }
      if (!any) h += w("tidak ada satu pilihan yang sepenuhnya sesuai SOP.", "no single choice fully follows the SOP.");
    }
    h += "</div>\n</div>\n";
  }
}

void CriticalMoments(std::string& h, const ScenarioDebrief& d, const Words& w, bool anonymise) {
  h += "<h3>" + std::string(w("Momen kritis", "Critical moments")) + "</h3>\n";
  if (d.critical_moments.empty()) {
    h += "<p>" + std::string(w("Tidak ada pelanggaran kritis.", "No critical violations.")) + "</p>\n";
    return;
  }
  h += "<ol class=\"moments\">\n";
  for (const CriticalChoice& m : d.CriticalChoices()) {
    const Node* node = d.scenario->FindNode(m.node);
    const LocalText* text = node ? node->OptionText(m.option) : nullptr;
    h += "<li><strong class=\"crit-text\">‼ " + std::to_string(m.teams.size()) + " " + w("tim", m.teams.size() == 1 ? "team" : "teams") +
         "</strong> — " + Esc(node ? node->title.Get(w.lang) : m.node) + " [" + Esc(m.node) + "], " + w("pilihan ", "option ") + Esc(exports::Letter(*d.scenario, m.node, m.option));
    if (text) h += ": <em>" + Esc(text->Get(w.lang)) + "</em>";
    h += "<br>" + std::string(m.steps.size() == 1 ? w("Langkah SOP: ", "SOP step: ") : w("Langkah SOP yang dilanggar:", "SOP steps broken:"));
    if (m.steps.size() > 1) h += "<ul>";
    for (const std::string& id : m.steps) {
      const SopStep* step = d.catalogue->FindStep(id);
      if (m.steps.size() > 1) h += "<li>";
      h += Esc(step ? step->label.Get(w.lang) : id);
      if (step && !step->source.empty()) h += " <span class=\"source\">(" + Esc(step->source) + ")</span>";
      if (m.steps.size() > 1) h += "</li>";
    }
    h += m.steps.size() > 1 ? "</ul>" : "<br>";
    h += std::string(w("Tim: ", "Teams: "));
    for (std::size_t k = 0; k < m.teams.size(); ++k) h += (k ? ", " : "") + Esc(TeamName(d, m.teams[k], w, anonymise));
    h += "</li>\n";
  }
  h += "</ol>\n";
}

// The facilitator's guide, printed with the results: who the scenario is for, its learning goals,
// the time plan, the debrief questions per key decision, what to say about each never event, and
// what to do if a participant is distressed.
void Guide(std::string& h, const ScenarioDebrief& d, const Words& w) {
  if (!d.guide) return;
  const FacilitatorGuide& g = *d.guide;
  const Lang lang = w.lang;
  h += "<h3>" + std::string(w("Panduan fasilitator", "Facilitator's guide")) + "</h3>\n<p><strong>" + w("Untuk", "For") + ":</strong> " +
       Esc(g.audience.Get(lang)) + ". " + Esc(g.who.Get(lang)) + "</p>\n";
  if (!g.goals.empty()) {
    h += "<h4>" + std::string(w("Tujuan belajar", "Learning goals")) + "</h4>\n<ul>\n";
    for (const auto& goal : g.goals) {
      const SopStep* step = d.catalogue->FindStep(goal.step);
      h += "<li><strong>" + Esc(step ? step->label.Get(lang) : goal.step) + "</strong>: " + Esc(goal.text.Get(lang)) + "</li>\n";
    }
    h += "</ul>\n";
  }
  if (!g.time_plan.empty()) {
    h += "<h4>" + std::string(w("Rencana waktu", "Time plan")) + " (" + std::to_string(g.Minutes()) + " " + w("menit", "minutes") +
         ")</h4>\n<ol>\n";
    for (const auto& slot : g.time_plan) h += "<li>" + Esc(slot.label.Get(lang)) + " — " + std::to_string(slot.minutes) + " " + w("menit", "min") + "</li>\n";
    h += "</ol>\n";
  }
  if (!g.debrief.empty()) {
    h += "<h4>" + std::string(w("Pertanyaan debrief", "Debrief questions")) + "</h4>\n<dl>\n";
    for (const auto& q : g.debrief) {
      const Node* node = d.scenario->FindNode(q.node);
      const int number = d.scenario->DecisionNumber(q.node);
      h += "<dt>" + std::string(w("Keputusan ", "Decision ")) + std::to_string(number) + ": " + Esc(node ? node->title.Get(lang) : q.node) + "</dt>\n";
      for (const auto& text : q.questions) h += "<dd>" + Esc(text.Get(lang)) + "</dd>\n";
    }
    h += "</dl>\n";
  }
  if (!g.never_events.empty()) {
    h += "<h4>" + std::string(w("Tentang setiap pelanggaran kritis", "On each critical violation")) + "</h4>\n<ul>\n";
    for (const auto& n : g.never_events) {
      const Node* node = d.scenario->FindNode(n.node);
      h += "<li><strong>" + Esc(node ? node->title.Get(lang) : n.node) + ", " + w("pilihan ", "option ") +
           Esc(exports::Letter(*d.scenario, n.node, n.option)) + "</strong>: " + Esc(n.text.Get(lang)) + "</li>\n";
    }
    h += "</ul>\n";
  }
  if (!g.distress.Get(lang).empty())
    h += "<h4>" + std::string(w("Bila peserta tertekan", "If a participant is distressed")) + "</h4>\n<p>" + Esc(g.distress.Get(lang)) + "</p>\n";
}

void Steps(std::string& h, const ScenarioDebrief& d, const Words& w) {
  h += "<h3>" + std::string(w("Langkah SOP dan dasar hukumnya", "SOP steps and their sources")) + "</h3>\n<table class=\"steps\">\n<thead><tr><th>" +
       w("Langkah", "Step") + "</th><th>" + w("Tindakan yang benar", "What a correct action looks like") + "</th><th>" +
       w("Sumber", "Source") + "</th></tr></thead>\n<tbody>\n";
  for (const std::string& id : d.steps) {
    const SopStep* s = d.catalogue->FindStep(id);
    if (!s) {
      h += "<tr><th scope=\"row\">" + Esc(id) + "</th><td></td><td></td></tr>\n";
      continue;
    }
    h += "<tr><th scope=\"row\">" + Esc(s->label.Get(w.lang)) + "<br><span class=\"id\">" + Esc(s->id) + "</span></th><td>" +
         Esc(s->correct.Get(w.lang));
    if (!s->note.id.empty()) h += "<br><em>" + Esc(s->note.Get(w.lang)) + "</em>";
    h += "</td><td>" + Esc(s->source) + "</td></tr>\n";
  }
  h += "</tbody>\n</table>\n";
}

// ---- [SECTION] The document --------------------------------------------------------------------

constexpr const char* kStyle = R"CSS(
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff; margin: 2em; line-height: 1.4; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { font-size: 1.5em; border-bottom: 3px solid #111; padding-bottom: 0.2em; margin-top: 2em; }
h3 { font-size: 1.2em; margin-top: 1.6em; }
h4 { font-size: 1.05em; margin: 0.4em 0; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border: 1px solid #777; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
thead th { background: #eee; }
.num { text-align: right; }
.id { color: #555; font-size: 0.85em; font-weight: normal; }
.flag { color: #8a4b00; font-weight: bold; }
.who { color: #555; font-weight: normal; font-size: 0.85em; }
.crit-text { color: #b00020; }
.pass { color: #1b5e20; }
td.capped { background: #fde7ea; }
.rating.good { color: #1b6e34; } .rating.bad { color: #b00020; } .rating.mixed { color: #8a4b00; }
ul.never { margin: 0.2em 0 0 1em; padding: 0; font-size: 0.9em; }
.cell { text-align: center; font-weight: bold; min-width: 2.2em; display: inline-block; }
td.cell { display: table-cell; }
.cell.ok { background: #1b7f3b; color: #fff; }
.cell.bad { background: #f2b600; color: #000; }
.cell.crit { background: #b00020; color: #fff; }
.cell.none { background: #e6e6e6; color: #333; }
.legend .cell { border: 1px solid #777; padding: 0 0.3em; }
table.heat th.team { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
.decision { border-left: 4px solid #555; padding: 0.2em 0 0.2em 1em; margin: 1.2em 0; page-break-inside: avoid; }
.prompt { font-style: italic; margin: 0.2em 0; }
.stats { color: #333; margin: 0.2em 0; }
svg.bars { display: block; max-width: 100%; height: auto; }
svg.bars text { font-size: 15px; fill: #111; }
svg.bars text.opt { font-weight: bold; }
svg.bars rect.rec { fill: #1b7f3b; } svg.bars rect.bad { fill: #f2b600; } svg.bars rect.crit { fill: #b00020; } svg.bars rect.other { fill: #5a6b7b; }
table.options { width: 100%; }
table.options td, table.options th { font-size: 0.9em; }
table.options th { white-space: nowrap; }
tr.rec-row th, tr.rec-row td { background: #e7f4ea; }
.answer { margin: 0.4em 0; }
.source { color: #444; font-size: 0.9em; }
ol.moments > li { margin-bottom: 0.7em; }
nav ul { columns: 2; }
section.scenario { page-break-before: always; }
section.scenario:first-of-type { page-break-before: auto; }
@media print {
  body { margin: 1cm; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav { display: none; }
}
)CSS";

}  // namespace

std::string ExportHtml(const std::vector<ScenarioDebrief>& debriefs, Lang lang, bool anonymise) {
  Words w{lang};
  std::size_t sessions = 0;
  for (const auto& d : debriefs) sessions += d.teams.size();
  std::string h;
  h.reserve(64 * 1024);
  h += "<!DOCTYPE html>\n<html lang=\"" + std::string(LangCode(lang)) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  h += w("SIGAP — Laporan debrief", "SIGAP — Debrief report");
  h += "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<header>\n<h1>";
  h += w("Laporan debrief SIGAP", "SIGAP debrief report");
  h += "</h1>\n<p>" + std::to_string(sessions) + " " + w("sesi tim", sessions == 1 ? "team session" : "team sessions") + ", " +
       std::to_string(debriefs.size()) + " " + w("skenario", debriefs.size() == 1 ? "scenario" : "scenarios") + ". " +
       w("Skor dihitung ulang dari log keputusan dan skenario yang terpasang. Semua skenario adalah fiksi.",
         "Scores are recomputed from the decision logs and the installed scenarios. All scenarios are fictional.") +
       "</p>\n";
  if (anonymise) h += "<p>" + std::string(w("Nama tim disamarkan (Tim A, Tim B, …).", "Team names are hidden (Team A, Team B, …).")) + "</p>\n";
  if (debriefs.empty()) h += "<p>" + std::string(w("Belum ada hasil yang dapat dibaca.", "No readable results yet.")) + "</p>\n";
  if (debriefs.size() > 1) {
    h += "<nav><ul>\n";
    for (const auto& d : debriefs)
      h += "<li><a href=\"#" + Esc(Anchor(d.scenario->id)) + "\">" + Esc(d.scenario->title.Get(lang)) + "</a></li>\n";
    h += "</ul></nav>\n";
  }
  h += "</header>\n";
  for (const auto& d : debriefs) {
    const Scenario& sc = *d.scenario;
    std::size_t finished = 0;
    for (const auto* t : d.teams) finished += t->finished();
    h += "<section class=\"scenario\" id=\"" + Esc(Anchor(sc.id)) + "\">\n<h2>" + Esc(sc.title.Get(lang)) + "</h2>\n";
    h += "<p>" + Esc(sc.place.Get(lang)) + " · " + Esc(ScenarioKindLabel(sc.kind).Get(lang)) + " · " + Esc(d.catalogue->title.Get(lang)) + " " +
         Esc(d.catalogue->version) + "<br>" + std::to_string(d.teams.size()) + " " + w("tim", d.teams.size() == 1 ? "team" : "teams") +
         ", " + std::to_string(finished) + " " + w("selesai", "finished") + "</p>\n";
    TeamsTable(h, d, w, anonymise);
    HeatMap(h, d, w, anonymise);
    Decisions(h, d, w);
    CriticalMoments(h, d, w, anonymise);
    Steps(h, d, w);
    Guide(h, d, w);
    h += "</section>\n";
  }
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace sigap
