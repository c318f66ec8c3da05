// `sigap debrief PATH... [--csv F] [--html F] [--xapi F] [--json] [--lang id|en] [--anonymise]
//                [--scenarios DIR]`
// Imports result files (folders searched recursively; nothing in them is touched), prints a
// per-scenario summary and writes the requested exports, each durably (complete or not at all).
// Exit: 0 ok; 1 some files had problems (the rest still imported) or nothing to debrief;
// 2 usage error, a path that cannot be read, or an export that cannot be written.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli_commands.h"
#include "debrief.h"
#include "paths.h"
#include "platform/utf8_path.h"

namespace sigap::cli {

namespace {

using nlohmann::json;

struct DebriefArgs {
  std::vector<std::string> paths;
  std::string csv, html, xapi;
  std::string scenarios;
  bool json = false;
  bool anonymise = false;
  Lang lang = Lang::Id;
};

int Usage(const std::string& problem) {
  std::fprintf(stderr,
               "sigap debrief: %s\nusage: sigap debrief PATH... [--csv FILE] [--html FILE] [--xapi FILE] [--json] "
               "[--lang id|en] [--anonymise] [--scenarios DIR]\n",
               problem.c_str());
  return 2;
}

std::optional<DebriefArgs> Parse(const std::vector<std::string>& args, int& rc) {
  DebriefArgs a;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& k = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size() || args[i + 1].empty()) {
        rc = Usage(k + " needs a value");
        return false;
      }
      into = args[++i];
      return true;
    };
    if (k == "--csv") { if (!value(a.csv)) return std::nullopt; }
    else if (k == "--html") { if (!value(a.html)) return std::nullopt; }
    else if (k == "--xapi") { if (!value(a.xapi)) return std::nullopt; }
    else if (k == "--scenarios") { if (!value(a.scenarios)) return std::nullopt; }
    else if (k == "--json") a.json = true;
    else if (k == "--anonymise" || k == "--anonymize") a.anonymise = true;
    else if (k == "--lang") {
      std::string v;
      if (!value(v)) return std::nullopt;
      auto l = ParseLang(v);
      if (!l) { rc = Usage("--lang must be id or en"); return std::nullopt; }
      a.lang = *l;
    } else if (k.size() > 1 && k[0] == '-') {
      rc = Usage("unknown option '" + k + "'");
      return std::nullopt;
    } else {
      a.paths.push_back(k);
    }
  }
  if (a.paths.empty()) {
    rc = Usage("give at least one results folder or .sigap.jsonl file, e.g. 'sigap debrief /media/usb/results'");
    return std::nullopt;
  }
  return a;
}

const char* L(Lang lang, const char* id, const char* en) { return lang == Lang::En ? en : id; }

// Pads to `width` columns, counting UTF-8 code points.
std::string Pad(const std::string& s, std::size_t width) {
  std::size_t cols = 0;
  for (unsigned char c : s) cols += (c & 0xC0) != 0x80;
  return cols >= width ? s + " " : s + std::string(width - cols, ' ');
}

std::string Percent(const std::optional<double>& p) {
  if (!p) return "–";
  return std::to_string(static_cast<int>(std::lround(*p))) + "%";
}

std::string Seconds(Lang lang, std::int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(ms) / 1000.0);
  std::string s = buf;
  if (lang == Lang::Id)
    for (char& c : s)
      if (c == '.') c = ',';
  return s + L(lang, " dtk", " s");
}

const Outcome* FindOutcome(const Scenario& sc, const std::string& id) {
  for (const auto& n : sc.nodes)
    if (n.outcome && n.outcome->id == id) return &*n.outcome;
  return nullptr;
}

const char* RatingWord(Lang lang, const std::string& rating) {
  if (rating == "good") return L(lang, "baik", "good");
  if (rating == "mixed") return L(lang, "campuran", "mixed");
  if (rating == "bad") return L(lang, "buruk", "bad");
  return "";
}

// An option as every screen names it: its authored letter (the id if the scenario lost it).
std::string Letter(const Scenario& sc, const std::string& node, const std::string& option) {
  const Node* n = sc.FindNode(node);
  std::string letter = n && n->decision ? n->decision->OptionLetter(option) : std::string();
  return letter.empty() ? option : letter;
}

const char* VerdictWord(Lang lang, SessionVerdict v) {
  switch (v) {
    case SessionVerdict::Passed: return L(lang, "lulus", "passed");
    case SessionVerdict::NotPassed: return L(lang, "tidak lulus", "not passed");
    case SessionVerdict::Unfinished: break;
  }
  return "–";
}

std::string Decimal(Lang lang, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (lang == Lang::Id)
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

void PrintScenario(std::ostream& out, const ScenarioDebrief& d, Lang lang, bool anonymise) {
  const Scenario& sc = *d.scenario;
  const SopCatalogue& cat = *d.catalogue;
  std::size_t finished = 0;
  for (const auto* t : d.teams) finished += t->finished();
  out << sc.title.Get(lang) << " [" << sc.id << "] — " << sc.place.Get(lang) << "\n";
  out << "  " << d.teams.size() << " " << L(lang, "tim", "teams") << " (" << finished << " " << L(lang, "selesai", "finished") << ")\n";
  out << "  " << L(lang, "Skor", "Scores") << ":";
  for (const auto& a : cat.axes) out << " " << a.id << " = " << a.label.Get(lang) << ";";
  out << "\n\n  " << Pad(L(lang, "Tim", "Team"), 20) << Pad("Status", 15);
  for (const auto& a : cat.axes) out << Pad(a.id, 8);
  out << Pad(L(lang, "Fatal", "Never"), 7) << Pad(L(lang, "Hasil", "Result"), 13) << L(lang, "Akhir", "Outcome") << "\n";
  for (std::size_t i = 0; i < d.teams.size(); ++i) {
    const ImportedSession& s = *d.teams[i];
    out << "  " << Pad(TeamDisplayName(d, i, lang, anonymise), 20)
        << Pad(s.finished() ? L(lang, "selesai", "finished") : L(lang, "belum selesai", "unfinished"), 15);
    for (const auto& a : cat.axes) {
      const AxisResult* r = s.score.FindAxis(a.id);
      // A never event fails every axis (docs/scoring.md): "84%✗" is what was earned, failed.
      out << Pad(Percent(r ? r->Percent() : std::nullopt) + (r && r->capped ? "✗" : ""), 8);
    }
    out << Pad(std::to_string(s.score.never_events.size()), 7) << Pad(VerdictWord(lang, s.score.verdict), 13);
    if (const Outcome* o = FindOutcome(sc, s.outcome_id)) out << o->label.Get(lang) << " (" << RatingWord(lang, o->rating) << ")";
    else out << "–";
    out << "\n";
    if (s.scenario_changed)
      out << "    ⚠ " << L(lang, "skenario sudah berubah sejak sesi ini dimainkan; skor dihitung ulang dengan versi terpasang",
                          "the scenario has changed since this session was played; scores are recomputed with the installed version")
          << "\n";
    if (!s.replay_ok)
      out << "    ⚠ " << L(lang, "dinilai sampai keputusan ", "scored up to decision ") << s.decisions_replayed << ": " << s.replay_error << "\n";
    // One line per choice, with every step it broke.
    const auto& never = s.score.never_events;
    for (std::size_t k = 0; k < never.size(); ++k) {
      const ScoredTag& t = never[k];
      bool same_choice = k > 0 && never[k - 1].decision == t.decision && never[k - 1].option == t.option;
      const SopStep* step = cat.FindStep(t.step);
      if (same_choice) out << "; ";
      else out << (k ? "\n" : "") << "    ‼ " << t.node << ":" << Letter(sc, t.node, t.option) << "  ";
      out << (step ? step->label.Get(lang) : t.step);
    }
    if (!never.empty()) out << "\n";
  }

  out << "\n  " << L(lang, "Pilihan per keputusan (★ = jawaban SOP)", "Choices per decision (★ = the SOP answer)") << ":\n";
  if (const PositionCount& p = d.position_single; p.answers > 0)
    out << "  " << L(lang, "Posisi di layar, semua pilihan tunggal: tampil pertama ", "Place on screen, all single choices: shown first ")
        << p.first << L(lang, " kali (peluang ", " times (chance ") << Decimal(lang, p.expected_first)
        << L(lang, "), terakhir ", "), last ") << p.last << " (" << L(lang, "peluang ", "chance ") << Decimal(lang, p.expected_last)
        << "); " << p.answers << L(lang, " jawaban", " answers")
        << (p.skipped ? std::string(L(lang, ", tanpa urutan tampil: ", ", without a display order: ")) + std::to_string(p.skipped) : "")
        << "\n";
  int number = 0;
  for (const auto& a : d.decisions) {
    const Node* node = sc.FindNode(a.node);
    ++number;
    out << "  " << number << ". " << (node ? node->title.Get(lang) : a.node) << " [" << a.node << "]"
        << (a.checklist ? L(lang, " (daftar periksa)", " (checklist)") : "") << "  " << a.teams_reached << " "
        << L(lang, "tim", "teams");
    if (auto m = a.MedianElapsed()) out << ", median " << Seconds(lang, *m);
    if (a.timeouts) out << ", " << L(lang, "waktu habis", "timed out") << " " << a.timeouts;
    out << "\n     ";
    for (const auto& o : a.options) out << " " << (o.recommended ? "★" : "") << o.letter << " " << o.teams;
    out << "\n";
    const PositionCount& p = a.position;
    if (p.answers > 0 && !a.checklist)
      out << "      " << L(lang, "posisi di layar: dipilih saat tampil pertama ", "place on screen: chosen when shown first ") << p.first
          << L(lang, " kali (peluang ", " times (chance ") << Decimal(lang, p.expected_first) << L(lang, "), terakhir ", "), last ")
          << p.last << " (" << L(lang, "peluang ", "chance ") << Decimal(lang, p.expected_last) << ")\n";
  }

  out << "\n  " << L(lang, "Momen kritis", "Critical moments") << ":";
  if (d.critical_moments.empty()) out << " " << L(lang, "tidak ada", "none");
  out << "\n";
  for (const auto& m : d.CriticalChoices()) {
    out << "    " << m.teams.size() << " " << L(lang, "tim", "teams") << "  " << m.node << ":" << Letter(sc, m.node, m.option) << "  ";
    for (std::size_t k = 0; k < m.steps.size(); ++k) {
      const SopStep* step = cat.FindStep(m.steps[k]);
      out << (k ? "; " : "") << (step ? step->label.Get(lang) : m.steps[k]);
    }
    out << "  (";
    for (std::size_t k = 0; k < m.teams.size(); ++k) out << (k ? ", " : "") << TeamDisplayName(d, m.teams[k], lang, anonymise);
    out << ")\n";
  }
  out << "\n";
}

void PrintText(std::ostream& out, const ImportResult& imported, const std::vector<ScenarioDebrief>& debriefs, Lang lang, bool anonymise) {
  for (const auto& d : debriefs) PrintScenario(out, d, lang, anonymise);
  out << imported.files_scanned << " " << L(lang, "berkas hasil dibaca", "result files read") << ", " << imported.sessions.size() << " "
      << L(lang, "sesi", "sessions") << ", " << imported.duplicates_merged << " " << L(lang, "salinan ganda digabung", "duplicate copies merged")
      << "\n";
  if (!imported.problems.empty()) {
    out << L(lang, "Masalah", "Problems") << " (" << imported.problems.size() << "):\n";
    for (const auto& p : imported.problems) out << "  " << FormatDiagnostic(p) << "\n";
  }
}

json DiagnosticJson(const Diagnostic& d) {
  return json{{"file", d.file}, {"line", d.pos.line}, {"column", d.pos.column}, {"severity", SeverityName(d.severity)},
              {"code", d.code}, {"message", d.message}};
}

json PositionJson(const PositionCount& p) {
  auto ratio = [](std::optional<double> r) { return r ? json(std::round(*r * 100) / 100) : json(nullptr); };
  json expected = json::array();
  for (double e : p.expected_at) expected.push_back(std::round(e * 100) / 100);
  return json{{"answers", p.answers}, {"skipped", p.skipped}, {"first", p.first}, {"last", p.last},
              {"expected_first", std::round(p.expected_first * 100) / 100}, {"expected_last", std::round(p.expected_last * 100) / 100},
              {"first_ratio", ratio(p.FirstRatio())}, {"last_ratio", ratio(p.LastRatio())}, {"at", p.at}, {"expected_at", expected}};
}

json SummaryJson(const ImportResult& imported, const std::vector<ScenarioDebrief>& debriefs, Lang lang, bool anonymise) {
  json scenarios = json::array();
  for (const auto& d : debriefs) {
    json teams = json::array();
    for (std::size_t i = 0; i < d.teams.size(); ++i) {
      const ImportedSession& s = *d.teams[i];
      json axes = json::object(), axis_verdicts = json::object();
      for (const auto& a : s.score.axes) {
        auto p = a.Percent();
        axes[a.axis] = p ? json(std::round(*p * 10) / 10) : json(nullptr);
        axis_verdicts[a.axis] = AxisVerdictName(a.Verdict());
      }
      json never = json::array();
      for (const auto& t : s.score.never_events)
        never.push_back({{"node", t.node}, {"option", t.option}, {"letter", Letter(*d.scenario, t.node, t.option)}, {"step", t.step}});
      json t{{"team", TeamDisplayName(d, i, lang, anonymise)}, {"session", s.log.info.session_id}, {"finished", s.finished()},
             {"scenario_changed", s.scenario_changed}, {"replay_ok", s.replay_ok}, {"decisions", s.log.decisions.size()},
             {"outcome", s.outcome_id}, {"rating", s.outcome_rating}, {"axes", axes}, {"never_events", never}, {"path", s.path_nodes},
             {"verdict", SessionVerdictName(s.score.verdict)}, {"axis_verdicts", axis_verdicts},
             {"axes_capped", !s.score.never_events.empty()}};
      if (!anonymise) {
        t["file"] = s.path;
        t["duplicates"] = s.duplicate_paths;
      }
      if (!s.replay_ok) t["replay_error"] = s.replay_error;
      teams.push_back(t);
    }
    json decisions = json::array();
    for (const auto& a : d.decisions) {
      json options = json::array();
      for (const auto& o : a.options)
        options.push_back({{"option", o.option}, {"letter", o.letter}, {"teams", o.teams}, {"recommended", o.recommended},
                           {"worst", VerdictName(o.worst)}});
      auto m = a.MedianElapsed();
      decisions.push_back({{"node", a.node}, {"checklist", a.checklist}, {"teams_reached", a.teams_reached}, {"timeouts", a.timeouts},
                           {"elapsed_ms", a.elapsed_ms}, {"median_ms", m ? json(*m) : json(nullptr)}, {"options", options},
                           {"position", PositionJson(a.position)}});
    }
    json heat = json::array();
    for (std::size_t row = 0; row < d.steps.size(); ++row) {
      json cells = json::array();
      for (StepStatus st : d.heat[row]) cells.push_back(StepStatusName(st));
      heat.push_back({{"step", d.steps[row]}, {"teams", cells}});
    }
    json edges = json::array();
    for (const auto& [e, n] : d.edges) edges.push_back({{"from", e.first}, {"to", e.second}, {"teams", n}});
    json moments = json::array();
    for (const auto& m : d.critical_moments)
      moments.push_back({{"node", m.node}, {"option", m.option}, {"letter", Letter(*d.scenario, m.node, m.option)}, {"step", m.step},
                         {"teams", m.teams}});
    scenarios.push_back({{"scenario", d.scenario->id}, {"title", d.scenario->title.Get(lang)}, {"teams", teams}, {"decisions", decisions},
                         {"heat_map", heat}, {"edges", edges}, {"critical_moments", moments},
                         {"position_single", PositionJson(d.position_single)}});
  }
  json problems = json::array();
  for (const auto& p : imported.problems) problems.push_back(DiagnosticJson(p));
  return json{{"files_scanned", imported.files_scanned}, {"sessions", imported.sessions.size()},
              {"duplicates_merged", imported.duplicates_merged}, {"scenarios", scenarios}, {"problems", problems}};
}

}  // namespace

int RunDebrief(const std::vector<std::string>& args) {
  int rc = 0;
  auto parsed = Parse(args, rc);
  if (!parsed) return rc;
  const DebriefArgs& a = *parsed;
  Lang lang = a.lang;

  std::string scenarios_dir = a.scenarios.empty() ? ScenariosDir() : a.scenarios;
  std::error_code ec;
  if (scenarios_dir.empty() || !std::filesystem::is_directory(platform::PathFromUtf8(scenarios_dir), ec)) {
    std::fprintf(stderr, "sigap debrief: cannot find the scenarios folder%s; give it with --scenarios DIR\n",
                 scenarios_dir.empty() ? "" : (" '" + scenarios_dir + "'").c_str());
    return 2;
  }
  ContentLibrary library = LoadLibrary({scenarios_dir});
  if (library.ErrorCount() > 0)
    std::fprintf(stderr, "sigap debrief: some scenario files in '%s' have errors; their sessions cannot be scored. Run 'sigap validate %s'\n",
                 scenarios_dir.c_str(), scenarios_dir.c_str());

  DebriefBook book;
  book.Add(a.paths, library);
  const ImportResult& imported = book.Imported();
  const std::vector<ScenarioDebrief>& debriefs = book.Scenarios();

  ExportRequest request{a.csv, a.html, a.xapi, lang, a.anonymise};
  // An export must never replace a result file it was made from: refused before anything is printed.
  for (const std::string* out : {&request.csv, &request.html, &request.xapi})
    if (!out->empty() && book.IsResultFile(*out))
      return Usage("'" + *out + "' is one of the result files being read; choose another name for the export");

  if (a.json) std::cout << SummaryJson(imported, debriefs, lang, a.anonymise).dump(2) << "\n";
  else PrintText(std::cout, imported, debriefs, lang, a.anonymise);
  std::cout.flush();

  std::vector<std::string> written;
  const std::vector<Problem> export_problems = WriteExports(book, request, &written);
  for (const auto& p : export_problems) std::fprintf(stderr, "sigap debrief: %s: %s\n", p.code.c_str(), p.message.c_str());
  for (const auto& w : written) std::fprintf(stderr, "%s: %s\n", L(lang, "Ditulis", "Written"), w.c_str());
  const bool write_failed = !export_problems.empty();

  bool io_problem = false, error_problem = false;
  for (const auto& p : imported.problems) {
    if (p.severity != Severity::Error) continue;
    error_problem = true;
    if (p.code == "DBR001" || p.code == "IO001") io_problem = true;
  }
  if (write_failed || io_problem) return 2;
  if (imported.sessions.empty()) {
    std::fprintf(stderr, "sigap debrief: %s\n",
                 L(lang, "tidak ada sesi yang dapat dibaca di jalur yang diberikan", "no readable sessions in the given paths"));
    return 1;
  }
  return error_problem ? 1 : 0;
}

}  // namespace sigap::cli
