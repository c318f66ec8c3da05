// The review booklet (booklet.h): a scenario as a reviewer reads it on paper.
//
// [SECTION] Reading order
// [SECTION] Words: headings, verdicts, ratings in both languages
// [SECTION] Plain words: conditions, effects, routes, SOP verdicts with their sources
// [SECTION] Nodes: scene, decision (single choice, checklist), ending
// [SECTION] The document: cover, characters, variables, story, endings, sources, sign-off
#include "booklet.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <map>
#include <set>

#include "text.h"

namespace sigap {

// ---- [SECTION] Reading order -------------------------------------------------------------------

std::vector<std::string> ReadingOrder(const Scenario& sc, std::size_t* linked) {
  std::vector<std::string> order;
  std::set<std::string> seen;
  std::deque<std::string> queue;
  if (sc.FindNode(sc.start)) {
    queue.push_back(sc.start);
    seen.insert(sc.start);
  }
  while (!queue.empty()) {
    std::string id = queue.front();
    queue.pop_front();
    order.push_back(id);
    for (const auto& next : sc.FindNode(id)->Successors())
      if (sc.FindNode(next) && seen.insert(next).second) queue.push_back(next);
  }
  if (linked) *linked = order.size();
  for (const auto& n : sc.nodes)
    if (seen.insert(n.id).second) order.push_back(n.id);
  return order;
}

namespace {

// ---- [SECTION] Words ---------------------------------------------------------------------------

const char* W(Lang l, const char* id, const char* en) { return l == Lang::En ? en : id; }
constexpr Lang kBoth[] = {Lang::Id, Lang::En};

std::string Esc(std::string_view s) { return HtmlEscape(s); }

// Escaped, with the author's line breaks kept.
std::string Para(const std::string& s) {
  std::string out;
  for (char c : Esc(s)) out += c == '\n' ? std::string("<br>") : std::string(1, c);
  return out;
}

// One language of a text; an English text the author has not written yet is flagged, not
// silently replaced by the Indonesian one.
std::string TextIn(const LocalText& t, Lang l) {
  if (l == Lang::En && t.en.empty() && !t.id.empty()) return "<span class=\"missing\">[terjemahan belum ada / translation missing]</span>";
  return Para(l == Lang::En ? t.en : t.id);
}

// A row of the two-column (Indonesian | English) tables, from a function of the language.
template <typename F>
std::string Row(const char* head_id, const char* head_en, F&& in) {
  std::string h = "<tr><th>" + std::string(head_id) + "<br><span class=\"en\">" + head_en + "</span></th>";
  for (Lang l : kBoth) h += "<td>" + in(l) + "</td>";
  return h + "</tr>\n";
}

std::string RowText(const char* head_id, const char* head_en, const LocalText& t) {
  return Row(head_id, head_en, [&](Lang l) { return TextIn(t, l); });
}

const char* RatingWord(const std::string& rating, Lang l) {
  if (rating == "good") return W(l, "baik", "good");
  if (rating == "mixed") return W(l, "campuran", "mixed");
  if (rating == "bad") return W(l, "buruk", "bad");
  return "?";
}

const char* VerdictWord(Verdict v, Lang l) {
  switch (v) {
    case Verdict::Follows: return W(l, "✓ sesuai SOP", "✓ follows the SOP");
    case Verdict::Violates: return W(l, "✗ melanggar SOP", "✗ violates the SOP");
    case Verdict::Critical: return W(l, "‼ pelanggaran kritis (never event)", "‼ critical violation (never event)");
  }
  return "";
}

const char* VerdictClass(Verdict v) {
  switch (v) {
    case Verdict::Follows: return "ok";
    case Verdict::Violates: return "bad";
    case Verdict::Critical: return "crit";
  }
  return "";
}

// ---- [SECTION] Plain words ---------------------------------------------------------------------

struct Ctx {
  const Scenario& sc;
  const SopCatalogue& cat;
  std::map<std::string, int> number;  // node id → its § number in reading order
};

std::string VarName(const Ctx& c, const std::string& var, Lang l) {
  const Variable* v = c.sc.FindVariable(var);
  if (!v || v->label.id.empty()) return "<code>" + Esc(var) + "</code>";
  return "<b>" + Esc(v->label.Get(l)) + "</b>";
}

std::string Number(double x) {
  char buf[32];
  if (std::fabs(x - std::round(x)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", x);
  else std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

std::string ConditionText(const Ctx& c, const Condition& cond, Lang l) {
  switch (cond.kind) {
    case Condition::Kind::Flag: return VarName(c, cond.var, l);
    case Condition::Kind::Compare: {
      std::string rhs;
      if (const bool* b = std::get_if<bool>(&cond.value)) rhs = *b ? W(l, "ya", "yes") : W(l, "tidak", "no");
      else rhs = Number(std::get<double>(cond.value));
      return VarName(c, cond.var, l) + " " + Esc(CompareOpText(cond.op)) + " " + rhs;
    }
    case Condition::Kind::All:
    case Condition::Kind::Any: {
      std::string joiner = cond.kind == Condition::Kind::All ? W(l, " dan ", " and ") : W(l, " atau ", " or ");
      std::string out;
      for (const auto& child : cond.children) out += (out.empty() ? "" : joiner) + "(" + ConditionText(c, child, l) + ")";
      return out;
    }
    case Condition::Kind::Not:
      return std::string(W(l, "bukan ", "not ")) + "(" + (cond.children.empty() ? "" : ConditionText(c, cond.children[0], l)) + ")";
  }
  return "";
}

std::string EffectsText(const Ctx& c, const std::vector<Effect>& effects, Lang l) {
  std::string out;
  for (const auto& e : effects) {
    std::string one = VarName(c, e.var, l);
    switch (e.kind) {
      case Effect::Kind::Add: one += " " + std::string(e.number < 0 ? "−" : "+") + Number(std::fabs(e.number)); break;
      case Effect::Kind::Set: one += " = " + Number(e.number); break;
      case Effect::Kind::SetFlag: one += std::string(" → ") + (e.flag ? W(l, "ya", "yes") : W(l, "tidak", "no")); break;
    }
    out += (out.empty() ? "" : "; ") + one;
  }
  return out;
}

std::string NodeRef(const Ctx& c, const std::string& id, Lang l) {
  const Node* n = c.sc.FindNode(id);
  auto it = c.number.find(id);
  if (!n || it == c.number.end()) return "<code>" + Esc(id) + "</code>";
  std::string title = n->title.Get(l);
  if (title.empty() && n->outcome) title = n->outcome->label.Get(l);
  return "<a href=\"#n-" + Esc(id) + "\">§" + std::to_string(it->second) + "</a> " + Esc(title);
}

std::string RoutesText(const Ctx& c, const std::vector<Route>& routes, Lang l) {
  if (routes.empty()) return "–";
  std::string out;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    const Route& r = routes[i];
    std::string line;
    if (r.when) line = std::string(W(l, "jika ", "if ")) + ConditionText(c, *r.when, l) + ": ";
    else if (i > 0) line = W(l, "selain itu: ", "otherwise: ");
    out += (out.empty() ? "" : "<br>") + line + "→ " + NodeRef(c, r.to, l);
  }
  return out;
}

// Each SOP tag: the verdict, the step's label, what a correct action looks like (for a
// violation) and the legal source with what its codes stand for.
std::string TagsText(const Ctx& c, const std::vector<SopTag>& tags, Lang l) {
  if (tags.empty()) return std::string("<span class=\"none\">") + W(l, "tanpa tag SOP", "no SOP tag") + "</span>";
  std::string out = "<ul class=\"tags\">";
  for (const auto& t : tags) {
    const SopStep* s = c.cat.FindStep(t.step);
    out += std::string("<li><span class=\"v ") + VerdictClass(t.verdict) + "\">" + VerdictWord(t.verdict, l) + "</span> — <code>" +
           Esc(t.step) + "</code>";
    if (!s) {
      out += W(l, " (langkah tidak ada di katalog)", " (step not in the catalogue)");
      out += "</li>";
      continue;
    }
    out += " " + Esc(s->label.Get(l));
    if (s->critical) out += std::string(" <span class=\"crit-step\">") + W(l, "(langkah kritis)", "(critical step)") + "</span>";
    if (!s->source.empty()) {
      // The codes' meanings are listed once, in "Daftar sumber" at the end.
      out += std::string("<br><span class=\"src\">") + W(l, "Sumber", "Source") + ": " + Esc(s->source) + "</span>";
    }
    out += "</li>";
  }
  return out + "</ul>";
}

// ---- [SECTION] Nodes ---------------------------------------------------------------------------

const char* TypeWord(const Node& n) {
  switch (n.type) {
    case Node::Type::Scene: return "Adegan · Scene";
    case Node::Type::Decision:
      return n.decision && n.decision->kind == Decision::Kind::Checklist ? "Keputusan: daftar periksa · Decision: checklist"
                                                                          : "Keputusan · Decision";
    case Node::Type::Ending: return "Akhir cerita · Ending";
  }
  return "";
}

void Story(std::string& h, const Ctx& c, const Node& n) {
  if (!n.title.id.empty()) h += RowText("Judul", "Title", n.title);
  if (!n.text.id.empty()) h += RowText("Teks", "Text", n.text);
  for (const auto& v : n.text_if)
    h += Row("Teks lain", "Other text", [&](Lang l) {
      return std::string("<i>") + W(l, "Jika ", "If ") + ConditionText(c, v.when, l) + ":</i><br>" + TextIn(v.text, l);
    });
  for (const auto& line : n.lines) {
    const Character* who = c.sc.FindCharacter(line.speaker);
    std::string name = who ? who->name : line.speaker;
    h += Row("Ucapan", "Line", [&](Lang l) { return "<b>" + Esc(name) + ":</b> " + TextIn(line.text, l); });
  }
}

void Option(std::string& h, const Ctx& c, const Decision& d, const std::string& id, const LocalText& text,
            const std::vector<TextVariant>& text_if, const std::optional<Condition>& when, const std::vector<SopTag>& tags,
            const std::vector<Effect>& effects, const LocalText& feedback, const std::string& source,
            const std::vector<Route>* next, std::optional<bool> correct, const Condition* correct_if = nullptr) {
  bool never = false;
  for (const auto& t : tags) never = never || t.verdict == Verdict::Critical;
  h += std::string("<div class=\"option") + (never ? " never" : "") + "\">\n<h4>" + Esc(d.OptionLetter(id)) + " <span class=\"id\">" +
       Esc(id) + "</span>";
  if (d.Recommended(id)) h += " <span class=\"rec\">✓ jawaban yang dianjurkan · recommended answer</span>";
  if (never) h += " <span class=\"crit\">‼ never event</span>";
  h += "</h4>\n<table class=\"bi\">\n";
  h += RowText("Pilihan", "Option", text);
  for (const auto& v : text_if)
    h += Row("Teks lain", "Other text", [&](Lang l) {
      return std::string("<i>") + W(l, "Jika ", "If ") + ConditionText(c, v.when, l) + ":</i><br>" + TextIn(v.text, l);
    });
  if (correct_if)  // right or wrong by the story: "yes, when …; otherwise no"
    h += Row("Benar dicentang?", "Right to tick?", [&](Lang l) {
      return std::string(W(l, "ya, jika ", "yes, when ")) + ConditionText(c, *correct_if, l) +
             W(l, " (saat daftar ini dijawab); selain itu tidak", " (when the checklist is answered); otherwise no");
    });
  else if (correct)
    h += Row("Benar dicentang?", "Right to tick?", [&](Lang l) { return std::string(*correct ? W(l, "ya", "yes") : W(l, "tidak", "no")); });
  if (when) h += Row("Hanya muncul jika", "Shown only if", [&](Lang l) { return ConditionText(c, *when, l); });
  h += Row("Penilaian SOP", "SOP verdict", [&](Lang l) { return TagsText(c, tags, l); });
  if (!feedback.id.empty()) h += RowText("Umpan balik", "Feedback", feedback);
  if (!source.empty()) h += Row("Sumber umpan balik", "Feedback source", [&](Lang) { return Esc(source); });
  if (!effects.empty()) h += Row(correct ? "Efek bila dicentang" : "Efek", correct ? "Effects when ticked" : "Effects",
                                 [&](Lang l) { return EffectsText(c, effects, l); });
  if (next && !next->empty()) h += Row("Lanjut ke", "Leads to", [&](Lang l) { return RoutesText(c, *next, l); });
  h += "</table>\n</div>\n";
}

void DecisionPart(std::string& h, const Ctx& c, const Decision& d) {
  h += "<table class=\"bi\">\n";
  h += RowText("Pertanyaan", "Prompt", d.prompt);
  if (d.timer) {
    const Timer& t = *d.timer;
    h += Row("Batas waktu", "Time limit", [&](Lang l) {
      std::string s = std::to_string(t.seconds) + W(l, " detik", " seconds");
      for (const auto& o : t.seconds_if)
        s += std::string("; ") + W(l, "jika ", "if ") + ConditionText(c, o.when, l) + ": " + std::to_string(o.seconds) + W(l, " detik", " seconds");
      if (t.timeout)
        s += std::string("<br>") + W(l, "Bila waktu habis: hasil tersendiri (di bawah), bukan salah satu pilihan",
                                      "When time runs out: an outcome of its own (below), not one of the options");
      else if (!t.default_choice.empty())
        s += std::string("<br>") + W(l, "Bila waktu habis: pilihan ", "When time runs out: option ") + Esc(d.OptionLetter(t.default_choice));
      else if (d.kind == Decision::Kind::Checklist)
        s += std::string("<br>") + W(l, "Bila waktu habis: yang sudah dicentang dikirim", "When time runs out: what is ticked is submitted");
      return s;
    });
  }
  if (d.shuffle) h += Row("Urutan pilihan", "Option order", [&](Lang l) { return std::string(W(l, "diacak untuk tiap tim", "shuffled for each team")); });
  h += "</table>\n";
  if (d.kind == Decision::Kind::Single) {
    for (const auto& ch : d.choices)
      Option(h, c, d, ch.id, ch.text, ch.text_if, ch.when, ch.sop, ch.effects, ch.feedback, ch.source, &ch.next, std::nullopt);
    if (const TimeoutOutcome* t = d.Timeout()) {
      // Not an option on screen: what happens when the team lets the clock run out.
      bool never = std::any_of(t->sop.begin(), t->sop.end(), [](const SopTag& g) { return g.verdict == Verdict::Critical; });
      h += std::string("<div class=\"option") + (never ? " never" : "") +
           "\">\n<h4>⏱ Waktu habis · Time ran out <span class=\"id\">timeout</span>";
      if (never) h += " <span class=\"crit\">‼ never event</span>";
      h += "</h4>\n<table class=\"bi\">\n";
      h += RowText("Yang terjadi", "What happens", t->text);
      h += Row("Penilaian SOP", "SOP verdict", [&](Lang l) { return TagsText(c, t->sop, l); });
      if (!t->feedback.id.empty()) h += RowText("Umpan balik", "Feedback", t->feedback);
      if (!t->source.empty()) h += Row("Sumber umpan balik", "Feedback source", [&](Lang) { return Esc(t->source); });
      if (!t->effects.empty()) h += Row("Efek", "Effects", [&](Lang l) { return EffectsText(c, t->effects, l); });
      if (!t->next.empty()) h += Row("Lanjut ke", "Leads to", [&](Lang l) { return RoutesText(c, t->next, l); });
      h += "</table>\n</div>\n";
    }
    return;
  }
  for (const auto& it : d.items)
    Option(h, c, d, it.id, it.text, {}, std::nullopt, it.sop, it.effects, it.feedback, "", nullptr, it.correct,
           it.correct_if ? &*it.correct_if : nullptr);
  h += "<table class=\"bi\">\n";
  if (!d.per_hit.empty()) h += Row("Tiap butir benar dicentang", "Each right item ticked", [&](Lang l) { return EffectsText(c, d.per_hit, l); });
  if (!d.per_miss.empty()) h += Row("Tiap butir benar terlewat", "Each right item missed", [&](Lang l) { return EffectsText(c, d.per_miss, l); });
  if (!d.per_false_alarm.empty())
    h += Row("Tiap butir salah dicentang", "Each wrong item ticked", [&](Lang l) { return EffectsText(c, d.per_false_alarm, l); });
  for (const auto& o : d.outcomes)
    h += Row("Hasil", "Outcome", [&](Lang l) {
      return (o.when ? std::string(W(l, "Jika ", "If ")) + ConditionText(c, *o.when, l) : std::string(W(l, "Selalu", "Always"))) + ": " +
             EffectsText(c, o.effects, l);
    });
  if (!d.feedback.id.empty()) h += RowText("Umpan balik", "Feedback", d.feedback);
  if (!d.source.empty()) h += Row("Sumber", "Source", [&](Lang) { return Esc(d.source); });
  if (!d.next.empty()) h += Row("Lanjut ke", "Leads to", [&](Lang l) { return RoutesText(c, d.next, l); });
  h += "</table>\n";
}

void NodeSection(std::string& h, const Ctx& c, const Node& n, bool reached) {
  h += "<section class=\"node " + std::string(n.type == Node::Type::Ending ? "ending" : n.type == Node::Type::Decision ? "decision" : "scene") +
       "\" id=\"n-" + Esc(n.id) + "\">\n<h3>§" + std::to_string(c.number.at(n.id)) + " · " + Esc(n.title.id.empty() && n.outcome ? n.outcome->label.id : n.title.id) +
       " <span class=\"id\">" + Esc(n.id) + " · " + TypeWord(n);
  if (c.sc.DecisionNumber(n.id) > 0) h += " " + std::to_string(c.sc.DecisionNumber(n.id));
  h += "</span></h3>\n";
  if (!reached)
    h += "<p class=\"warn\">⚠ Tidak ada jalan dari awal cerita ke bagian ini. · No route from the start reaches this node.</p>\n";
  h += "<table class=\"bi\">\n<tr><th></th><th>Bahasa Indonesia</th><th>English</th></tr>\n";
  Story(h, c, n);
  if (!n.on_enter.empty())
    h += Row("Efek saat masuk", "Effects on entering", [&](Lang l) { return EffectsText(c, n.on_enter, l); });
  if (n.type == Node::Type::Scene && !n.next.empty()) h += Row("Lanjut ke", "Leads to", [&](Lang l) { return RoutesText(c, n.next, l); });
  if (n.outcome) {
    h += Row("Akhir", "Ending", [&](Lang l) {
      return "<b>" + TextIn(n.outcome->label, l) + "</b> — " + W(l, "penilaian: ", "rating: ") + RatingWord(n.outcome->rating, l);
    });
    if (!n.outcome->debrief.id.empty()) h += RowText("Untuk debrief", "For the debrief", n.outcome->debrief);
  }
  h += "</table>\n";
  if (n.decision) DecisionPart(h, c, *n.decision);
  h += "<p class=\"notes\">Catatan peninjau · Reviewer's notes:</p>\n</section>\n";
}

// What leads to an ending: "§4 (adegan)", "§7 pilihan B", "§9 daftar periksa".
std::vector<std::string> LeadsTo(const Ctx& c, const std::string& target) {
  std::vector<std::string> out;
  auto has = [&](const std::vector<Route>& routes) {
    for (const auto& r : routes)
      if (r.to == target) return true;
    return false;
  };
  for (const auto& n : c.sc.nodes) {
    std::string ref = "<a href=\"#n-" + Esc(n.id) + "\">§" + std::to_string(c.number.at(n.id)) + "</a>";
    if (has(n.next)) out.push_back(ref);
    if (!n.decision) continue;
    for (const auto& ch : n.decision->choices)
      if (has(ch.next)) out.push_back(ref + " " + Esc(n.decision->OptionLetter(ch.id)));
    if (has(n.decision->next)) out.push_back(ref + " ✓☐");
    if (n.decision->Timeout() && has(n.decision->Timeout()->next)) out.push_back(ref + " ⏱");
  }
  return out;
}

// ---- [SECTION] The document --------------------------------------------------------------------

constexpr const char* kStyle = R"CSS(
@page { size: A4; margin: 15mm 14mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff; margin: 2em; line-height: 1.35; font-size: 11pt; }
h1 { font-size: 1.7em; margin: 0 0 0.1em; }
h2 { font-size: 1.35em; border-bottom: 3px solid #111; padding-bottom: 0.15em; margin-top: 1.6em; }
h3 { font-size: 1.12em; margin: 1.4em 0 0.3em; }
h4 { font-size: 1em; margin: 0.6em 0 0.2em; }
table { border-collapse: collapse; margin: 0.3em 0 0.6em; width: 100%; }
th, td { border: 1px solid #888; padding: 0.25em 0.45em; vertical-align: top; text-align: left; }
table.bi th:first-child { width: 16%; background: #f1f1f1; font-weight: 600; }
table.bi td { width: 42%; }
.en { color: #555; font-weight: normal; font-size: 0.9em; }
.id { color: #555; font-weight: normal; font-size: 0.85em; }
.missing { color: #8a4b00; font-weight: bold; }
.option { border-left: 4px solid #999; padding-left: 0.6em; margin: 0.5em 0 0.8em; }
tr, h3, h4 { break-inside: avoid; page-break-inside: avoid; }
h3, h4 { break-after: avoid; page-break-after: avoid; }
.option.never { border-left-color: #b00020; }
.rec { color: #1b5e20; font-weight: bold; font-size: 0.9em; }
.crit, .crit-step { color: #b00020; font-weight: bold; }
.v.ok { color: #1b5e20; font-weight: bold; } .v.bad { color: #8a4b00; font-weight: bold; } .v.crit { color: #b00020; font-weight: bold; }
ul.tags { margin: 0; padding-left: 1.1em; }
.src { color: #333; font-size: 0.9em; }
.none { color: #777; }
.warn { color: #8a4b00; font-weight: bold; }
section.node { border-top: 1px solid #bbb; }
section.ending h3 { color: #1d3557; }
p.notes { border: 1px dashed #999; min-height: 3.2em; padding: 0.3em 0.5em; color: #666; font-size: 0.9em; }
table.sign td { height: 3.2em; }
.rating-good { color: #1b5e20; font-weight: bold; } .rating-bad { color: #b00020; font-weight: bold; } .rating-mixed { color: #8a4b00; font-weight: bold; }
@media print { body { margin: 0; } a { color: inherit; text-decoration: none; } * { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
)CSS";

void Cover(std::string& h, const Ctx& c, const FacilitatorGuide* guide) {
  const Scenario& sc = c.sc;
  h += "<h1>" + Esc(sc.title.id) + "</h1>\n<p class=\"en\">" + Esc(sc.title.en) + "</p>\n";
  h += "<p>Buku tinjauan skenario SIGAP · SIGAP scenario review booklet. "
       "Untuk peninjau substansi dan hukum: baca tiap bagian, tulis catatan di kotak yang tersedia, lalu tanda tangani "
       "tabel pengesahan di akhir. · For subject-matter and legal reviewers: read each part, write notes in the boxes, "
       "then sign the table at the end.</p>\n";
  h += "<table class=\"bi\">\n<tr><th></th><th>Bahasa Indonesia</th><th>English</th></tr>\n";
  h += Row("Berkas", "File", [&](Lang l) {
    std::string file = sc.path.substr(sc.path.find_last_of("/\\") == std::string::npos ? 0 : sc.path.find_last_of("/\\") + 1);
    return "<code>" + Esc(sc.id) + "</code> · " + Esc(file) + "<br>" + W(l, "Versi isi (SHA-256): ", "Content version (SHA-256): ") + "<code>" +
           Esc(sc.content_hash.substr(0, 16)) + "</code>";
  });
  h += Row("Jenis", "Kind", [&](Lang l) { return Esc(ScenarioKindLabel(sc.kind).Get(l)); });
  h += RowText("Tempat", "Place", sc.place);
  h += Row("Durasi", "Length", [&](Lang l) { return std::to_string(sc.minutes) + W(l, " menit", " minutes"); });
  h += RowText("Ringkasan", "Summary", sc.summary);
  h += RowText("Peran tim", "The team's role", sc.role);
  h += RowText("Peringatan isi", "Content warning", sc.content_warning);
  h += Row("Fiksi?", "Fictional?", [&](Lang l) {
    return std::string(sc.fictional ? W(l, "ya — kasus gabungan rekaan, tanpa nama atau kisah nyata", "yes — a fictional composite, no real names or stories")
                                    : W(l, "TIDAK DITANDAI FIKSI — periksa!", "NOT MARKED FICTIONAL — check!"));
  });
  h += Row("Katalog SOP", "SOP catalogue", [&](Lang l) {
    return Esc(c.cat.title.Get(l)) + " <code>" + Esc(c.cat.id) + "</code> " + W(l, "versi ", "version ") + Esc(c.cat.version);
  });
  if (guide) {
    if (!guide->who.id.empty()) h += RowText("Untuk siapa", "Who it is for", guide->who);
    if (!guide->goals.empty())
      h += Row("Tujuan belajar", "Learning goals", [&](Lang l) {
        std::string s = "<ul class=\"tags\">";
        for (const auto& g : guide->goals) s += "<li><code>" + Esc(g.step) + "</code> " + TextIn(g.text, l) + "</li>";
        return s + "</ul>";
      });
  }
  h += "</table>\n";
}

void Characters(std::string& h, const Ctx& c) {
  if (c.sc.characters.empty()) return;
  h += "<h2>Tokoh · Characters</h2>\n<table class=\"bi\">\n<tr><th></th><th>Bahasa Indonesia</th><th>English</th></tr>\n";
  for (const auto& ch : c.sc.characters)
    h += "<tr><th>" + Esc(ch.name) + "<br><span class=\"id\">" + Esc(ch.id) + "</span></th><td><b>" + TextIn(ch.role, Lang::Id) + "</b><br>" +
         TextIn(ch.description, Lang::Id) + "</td><td><b>" + TextIn(ch.role, Lang::En) + "</b><br>" + TextIn(ch.description, Lang::En) +
         "</td></tr>\n";
  h += "</table>\n";
}

void Variables(std::string& h, const Ctx& c) {
  if (c.sc.variables.empty()) return;
  h += "<h2>Keadaan cerita · Story state</h2>\n<p>Nilai yang dicatat cerita dan dipakai oleh syarat dan efek di bawah. · The values the "
       "story keeps, used by the conditions and effects below.</p>\n<table>\n<tr><th>Nama · Name</th><th>Awal · Start</th><th>Rentang · "
       "Range</th><th>Terlihat tim? · Shown to the team?</th></tr>\n";
  for (const auto& v : c.sc.variables) {
    bool flag = v.type == Variable::Type::Flag;
    h += "<tr><td>" + Esc(v.label.id.empty() ? v.id : v.label.id) + "<br><span class=\"en\">" + Esc(v.label.en) + "</span> <span class=\"id\">" +
         Esc(v.id) + "</span></td><td>" + (flag ? std::string(v.initial != 0 ? "ya · yes" : "tidak · no") : Number(v.initial)) + "</td><td>" +
         (flag ? std::string("ya/tidak · yes/no") : Number(v.min) + "–" + Number(v.max)) + "</td><td>" + (v.show ? "ya · yes" : "tidak · no") +
         "</td></tr>\n";
  }
  h += "</table>\n";
}

void Endings(std::string& h, const Ctx& c) {
  h += "<h2>Akhir cerita dan jalannya · The endings and what leads to each</h2>\n<table>\n<tr><th>§</th><th>Akhir · Ending</th>"
       "<th>Penilaian · Rating</th><th>Dicapai dari · Reached from</th></tr>\n";
  for (const auto& n : c.sc.nodes) {
    if (!n.outcome) continue;
    std::string from;
    for (const auto& f : LeadsTo(c, n.id)) from += (from.empty() ? "" : ", ") + f;
    h += "<tr><td><a href=\"#n-" + Esc(n.id) + "\">§" + std::to_string(c.number.at(n.id)) + "</a></td><td>" + Esc(n.outcome->label.id) +
         "<br><span class=\"en\">" + Esc(n.outcome->label.en) + "</span></td><td class=\"rating-" + Esc(n.outcome->rating) + "\">" +
         RatingWord(n.outcome->rating, Lang::Id) + " · " + RatingWord(n.outcome->rating, Lang::En) + "</td><td>" + (from.empty() ? "–" : from) +
         "</td></tr>\n";
  }
  h += "</table>\n";
}

// What each source code cited by this scenario's tags stands for, once (the catalogue's words).
void Sources(std::string& h, const Ctx& c) {
  std::map<std::string, const LocalText*> used;
  auto add = [&](const std::vector<SopTag>& tags) {
    for (const auto& t : tags)
      if (const SopStep* s = c.cat.FindStep(t.step))
        for (const auto& part : c.cat.ExplainSource(s->source))
          if (part.meaning) used.emplace(part.cited, part.meaning);
  };
  for (const auto& n : c.sc.nodes)
    if (n.decision) {
      for (const auto& ch : n.decision->choices) add(ch.sop);
      for (const auto& it : n.decision->items) add(it.sop);
    }
  if (used.empty()) return;
  h += "<h2>Daftar sumber · Sources</h2>\n<table class=\"bi\">\n<tr><th></th><th>Bahasa Indonesia</th><th>English</th></tr>\n";
  for (const auto& [cited, meaning] : used)
    h += "<tr><th>" + Esc(cited) + "</th><td>" + TextIn(*meaning, Lang::Id) + "</td><td>" + TextIn(*meaning, Lang::En) + "</td></tr>\n";
  h += "</table>\n";
}

void SignOff(std::string& h, const Ctx& c) {
  h += "<h2>Pengesahan · Sign-off</h2>\n<p>Peninjau menyatakan telah membaca seluruh isi skenario <code>" + Esc(c.sc.id) +
       "</code> versi isi <code>" + Esc(c.sc.content_hash.substr(0, 16)) +
       "</code> dan menyetujuinya dengan catatan di atas. · The reviewers have read the whole of this scenario at this content version "
       "and approve it with the notes above.</p>\n<table class=\"sign\">\n<tr><th>Peran · Role</th><th>Nama · Name</th><th>Lembaga · "
       "Institution</th><th>Tanggal · Date</th><th>Tanda tangan · Signature</th></tr>\n";
  for (const char* role : {"Peninjau substansi (SOP, layanan korban) · Subject-matter reviewer (SOP, victim services)",
                           "Peninjau hukum (UU 21/2007, KUHAP) · Legal reviewer (Law 21/2007, criminal procedure)", "Penulis skenario · Scenario author"})
    h += std::string("<tr><td>") + role + "</td><td></td><td></td><td></td><td></td></tr>\n";
  h += "</table>\n";
}

}  // namespace

std::string ReviewBookletHtml(const Scenario& sc, const SopCatalogue& cat, const FacilitatorGuide* guide) {
  Ctx c{sc, cat, {}};
  std::size_t linked = 0;
  std::vector<std::string> order = ReadingOrder(sc, &linked);
  for (std::size_t i = 0; i < order.size(); ++i) c.number[order[i]] = static_cast<int>(i + 1);
  std::string h;
  h.reserve(256 * 1024);
  h += "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Esc(sc.title.id) +
       " — buku tinjauan · review booklet</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  Cover(h, c, guide);
  Characters(h, c);
  Variables(h, c);
  h += "<h2>Alur cerita · The story</h2>\n<p>Semua bagian menurut urutan baca (dari awal, tiap cabang menurut urutan pilihannya); "
       "§ adalah nomor bagian di buku ini. · Every node in reading order (from the start, each branch in the order of its options); "
       "§ numbers the nodes of this booklet.</p>\n";
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i == linked)
      h += "<h2>Bagian yang tidak terjangkau · Nodes no route reaches</h2>\n";
    NodeSection(h, c, *sc.FindNode(order[i]), i < linked);
  }
  Endings(h, c);
  Sources(h, c);
  SignOff(h, c);
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace sigap
