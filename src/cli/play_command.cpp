// `sigap play SCENARIO --team NAME --choices ID,ID,... [--seed N] [--mode M] [--lang L]
//               [--results DIR] [--resume LOG] [--json] [--room HOST:PORT --code C [--room-wait SECONDS]]
// Plays headless through the same RecordedSession the GUI uses: every decision is logged
// durably before the next one. Choices are answers as answer.h writes them: a choice id; for a
// checklist the ticked items joined by '+' ('-' for none); 'timeout' to let the clock run out
// with nothing selected, 'timeout:ID' with ID selected (or 'timeout:X+Y' ticked).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli_commands.h"
#include "explore.h"
#include "paths.h"
#include "platform/utf8_path.h"
#include "recorded_session.h"
#include "room_link.h"
#include "sigap_version.h"

namespace sigap::cli {

namespace {

using nlohmann::json;

struct PlayArgs {
  std::string scenario;
  std::string team;
  std::string members;
  std::vector<Answer> choices;
  std::optional<std::int64_t> seed;
  Mode mode = Mode::Training;
  Lang lang = Lang::Id;
  std::string results_dir;
  std::string resume;
  bool json = false;
  int step_delay_ms = 0;  // test hook: pause between decisions (for the kill test)
  std::string room, room_code;  // a live room to send the log to, as well
  int room_wait_s = 10;         // at the end, how long to wait for the room to have everything
};

int Usage(const std::string& problem) {
  std::fprintf(stderr, "sigap play: %s\nusage: sigap play SCENARIO --team NAME --choices ID,ID,... [--seed N] "
                       "[--mode training|assessment] [--lang id|en] [--results DIR] [--resume LOG] [--json]\n"
                       "       [--room HOST:PORT --code C [--room-wait SECONDS]]\n", problem.c_str());
  return 2;
}

std::optional<PlayArgs> Parse(const std::vector<std::string>& args, int& rc) {
  PlayArgs a;
  rc = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& k = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) { rc = Usage(k + " needs a value"); return std::nullopt; }
      return args[++i];
    };
    if (k == "--team") { auto v = value(); if (!v) return std::nullopt; a.team = *v; }
    else if (k == "--members") { auto v = value(); if (!v) return std::nullopt; a.members = *v; }
    else if (k == "--choices") {
      auto v = value(); if (!v) return std::nullopt;
      std::string why;
      auto list = ParseAnswerList(*v, &why);
      if (!list) { rc = Usage("--choices: " + why); return std::nullopt; }
      a.choices = std::move(*list);
    }
    else if (k == "--seed") {
      auto v = value(); if (!v) return std::nullopt;
      char* end = nullptr;
      long long n = std::strtoll(v->c_str(), &end, 10);
      if (v->empty() || *end || n < 0) { rc = Usage("--seed needs a whole number >= 0"); return std::nullopt; }
      a.seed = n;
    } else if (k == "--mode") {
      auto v = value(); if (!v) return std::nullopt;
      auto m = ParseMode(*v);
      if (!m) { rc = Usage("--mode must be training or assessment"); return std::nullopt; }
      a.mode = *m;
    } else if (k == "--lang") {
      auto v = value(); if (!v) return std::nullopt;
      auto l = ParseLang(*v);
      if (!l) { rc = Usage("--lang must be id or en"); return std::nullopt; }
      a.lang = *l;
    } else if (k == "--results") { auto v = value(); if (!v) return std::nullopt; a.results_dir = *v; }
    else if (k == "--resume") { auto v = value(); if (!v) return std::nullopt; a.resume = *v; }
    else if (k == "--json") a.json = true;
    else if (k == "--room") { auto v = value(); if (!v) return std::nullopt; a.room = *v; }
    else if (k == "--code") { auto v = value(); if (!v) return std::nullopt; a.room_code = *v; }
    else if (k == "--room-wait") { auto v = value(); if (!v) return std::nullopt; a.room_wait_s = std::atoi(v->c_str()); }
    else if (k == "--step-delay-ms") { auto v = value(); if (!v) return std::nullopt; a.step_delay_ms = std::atoi(v->c_str()); }
    else if (!k.empty() && k[0] == '-') { rc = Usage("unknown option '" + k + "'"); return std::nullopt; }
    else if (a.scenario.empty()) a.scenario = k;
    else { rc = Usage("only one scenario at a time ('" + k + "' is extra)"); return std::nullopt; }
  }
  if (a.resume.empty() && a.scenario.empty()) { rc = Usage("name a scenario file or id"); return std::nullopt; }
  if (a.resume.empty() && a.team.empty()) { rc = Usage("--team NAME is required (a pseudonym, never a real name)"); return std::nullopt; }
  if (a.room.empty() != a.room_code.empty()) { rc = Usage("--room HOST:PORT and --code C go together"); return std::nullopt; }
  return a;
}

// Transcript labels, Indonesian first.
const char* L(Lang lang, const char* id, const char* en) { return lang == Lang::En ? en : id; }

const char* VerdictLabel(Lang lang, Verdict v) {
  switch (v) {
    case Verdict::Follows: return L(lang, "SESUAI SOP", "FOLLOWS SOP");
    case Verdict::Violates: return L(lang, "MELANGGAR", "VIOLATES");
    case Verdict::Critical: return L(lang, "PELANGGARAN KRITIS", "CRITICAL VIOLATION");
  }
  return "";
}

const char* StatusLabel(Lang lang, StepStatus s) {
  switch (s) {
    case StepStatus::Followed: return L(lang, "dipatuhi", "followed");
    case StepStatus::Violated: return L(lang, "dilanggar", "violated");
    case StepStatus::Critical: return L(lang, "pelanggaran kritis", "critical violation");
    case StepStatus::NotReached: return L(lang, "tidak tercapai", "not reached");
  }
  return "";
}

// A choice's wording as the team saw it: its text_if evaluated with the values before the decision.
const LocalText& SeenChoiceText(const Session& s, std::size_t index, const Choice& c) {
  if (c.text_if.empty()) return c.text;
  Session before(s.scenario_ptr(), s.catalogue_ptr(), s.info());
  for (std::size_t i = 0; i < index; ++i) before.Apply(s.History()[i]);
  return before.ChoiceText(c);  // refers into the scenario, which outlives `before`
}

void PrintDecision(std::ostream& out, const Session& s, const SessionScore& score, std::size_t index, Lang lang) {
  const DecisionRecord& r = s.History()[index];
  const Node* node = s.scenario().FindNode(r.node);
  const Decision& d = *node->decision;
  out << "\n== " << index + 1 << ". " << node->title.Get(lang) << " [" << r.node << "]\n";
  if (r.checklist) {
    out << "   " << L(lang, "Dicentang", "Ticked") << ": " << (r.items.empty() ? "-" : "");
    for (std::size_t i = 0; i < r.items.size(); ++i) out << (i ? ", " : "") << r.items[i];
    out << (r.timed_out ? L(lang, "  (waktu habis)", "  (time ran out)") : "") << "\n";
  } else {
    if (const Choice* c = d.FindChoice(r.choice))
      out << "   " << L(lang, "Pilihan", "Choice") << " " << c->id << ": " << SeenChoiceText(s, index, *c).Get(lang) << "\n";
    if (r.unconfirmed)
      out << "   " << L(lang, "(waktu habis sebelum dikonfirmasi: pilihan tim yang dikirim)", "(time ran out before Confirm: the team's selection was sent)") << "\n";
    else if (r.timed_out && d.Timeout())
      out << "   " << L(lang, "Waktu habis", "Time ran out") << ": " << d.Timeout()->text.Get(lang) << "\n";
    else if (r.timed_out) out << "   " << L(lang, "(waktu habis: pilihan bawaan)", "(time ran out: the default choice)") << "\n";
  }
  for (const auto& c : score.checklists)
    if (c.decision == index)
      out << "   " << L(lang, "Tepat", "Hits") << " " << c.hits << "/" << c.correct_items << ", " << L(lang, "terlewat", "misses") << " "
          << c.misses << ", " << L(lang, "salah centang", "false alarms") << " " << c.false_alarms << "\n";
  const SopCatalogue& cat = *s.catalogue();
  for (std::size_t k = 0; k < score.tags.size(); ++k) {
    const ScoredTag& t = score.tags[k];
    if (t.decision != index) continue;
    const SopStep* step = cat.FindStep(t.step);
    out << "   " << VerdictLabel(lang, t.verdict) << "  " << t.step << " — " << (step ? step->label.Get(lang) : "?");
    if (t.reason == TagReason::Miss) out << L(lang, "  (terlewat: ", "  (missed: ") << t.option << ")";
    if (t.reason == TagReason::FalseAlarm) out << L(lang, "  (salah centang: ", "  (wrongly ticked: ") << t.option << ")";
    out << "\n";
    // A missed or wrongly ticked item's own feedback says why, once, after its last tag.
    bool last_of_item = k + 1 == score.tags.size() || score.tags[k + 1].decision != index || score.tags[k + 1].option != t.option;
    const ChecklistItem* item = d.FindItem(t.option);
    if ((t.reason == TagReason::Miss || t.reason == TagReason::FalseAlarm) && last_of_item && item && !item->feedback.id.empty())
      out << "      " << item->feedback.Get(lang) << "\n";
  }
  // The explanation comes from the choice (or the checklist), even when the choice has no SOP tag.
  const LocalText* feedback = nullptr;
  const std::string* source = nullptr;
  if (r.checklist) {
    feedback = &d.feedback;
    source = &d.source;
  } else if (const Choice* c = d.FindChoice(r.choice)) {
    feedback = &c->feedback;
    source = &c->source;
  } else if (r.timed_out && d.Timeout()) {
    feedback = &d.Timeout()->feedback;
    source = &d.Timeout()->source;
  }
  if (feedback && !feedback->id.empty()) out << "   " << feedback->Get(lang) << "\n";
  if (source && !source->empty()) out << "   " << L(lang, "Sumber", "Source") << ": " << *source << "\n";
}

// "Hasil: TIDAK LULUS (pelanggaran kritis, akhir buruk)": the rule of docs/scoring.md, in words.
std::string VerdictLine(Lang lang, const SessionScore& score) {
  std::string line = L(lang, "Hasil: ", "Result: ");
  switch (score.verdict) {
    case SessionVerdict::Passed: return line + L(lang, "LULUS", "PASSED");
    case SessionVerdict::Unfinished: return line + L(lang, "belum selesai", "not finished");
    case SessionVerdict::NotPassed: break;
  }
  std::vector<std::string> why;
  if (!score.never_events.empty()) why.push_back(L(lang, "pelanggaran kritis", "a critical violation"));
  if (score.bad_ending) why.push_back(L(lang, "akhir buruk", "a bad ending"));
  if (!score.axes_below.empty()) why.push_back(L(lang, "skor di bawah 60 %", "a score below 60 %"));
  line += L(lang, "TIDAK LULUS", "NOT PASSED");
  for (std::size_t i = 0; i < why.size(); ++i) line += (i ? ", " : " (") + why[i];
  return line + (why.empty() ? "" : ")");
}

void PrintSummary(std::ostream& out, const Session& s, const SessionScore& score, Lang lang) {
  const SopCatalogue& cat = *s.catalogue();
  out << "\n";
  if (const Outcome* o = s.EndingOutcome())
    out << "== " << L(lang, "Akhir", "Ending") << ": " << o->label.Get(lang) << " [" << o->id << ", " << o->rating << "]\n";
  else
    out << "== " << L(lang, "Sesi belum selesai di", "Session not finished, at") << " " << s.CurrentNode().id << "\n";
  out << L(lang, "Skor", "Scores") << ":\n";
  for (const auto& a : score.axes) {
    const ScoreAxis* axis = cat.FindAxis(a.axis);
    auto p = a.Percent();
    char buf[32];
    if (p) std::snprintf(buf, sizeof buf, "%3.0f%%", *p);
    else std::snprintf(buf, sizeof buf, "  –");
    out << "   " << buf << "  " << (axis ? axis->label.Get(lang) : a.axis);
    if (a.capped) out << L(lang, "  — GAGAL: ada pelanggaran kritis", "  — FAILED: a critical violation");
    else if (a.Verdict() == AxisVerdict::Failed) out << L(lang, "  — di bawah 60 %", "  — below 60 %");
    out << "\n";
  }
  out << L(lang, "Langkah SOP", "SOP steps") << ":\n";
  for (const auto& st : score.steps) {
    const SopStep* step = cat.FindStep(st.step);
    out << "   " << StatusLabel(lang, st.status) << "  " << st.step << " — " << (step ? step->label.Get(lang) : "?") << "\n";
  }
  out << L(lang, "Pelanggaran kritis", "Critical violations") << ": " << score.never_events.size() << "\n";
  for (const auto& t : score.never_events)
    out << "   " << t.node << ":" << t.option << "  " << t.step << "\n";
  out << VerdictLine(lang, score) << "\n";
}

json SummaryJson(const RecordedSession& rs, const SessionScore& score) {
  const Session& s = rs.session();
  json axes = json::array(), steps = json::array(), never = json::array(), decisions = json::array();
  for (const auto& a : score.axes) {
    auto p = a.Percent();
    axes.push_back({{"axis", a.axis}, {"score", p ? json(std::round(*p * 10) / 10) : json(nullptr)}, {"earned", a.earned}, {"possible", a.possible},
                    {"capped", a.capped}, {"verdict", AxisVerdictName(a.Verdict())}});
  }
  for (const auto& st : score.steps)
    steps.push_back({{"step", st.step}, {"status", StepStatusName(st.status)}, {"follows", st.follows}, {"violations", st.violations}, {"criticals", st.criticals}});
  for (const auto& t : score.never_events) never.push_back({{"node", t.node}, {"option", t.option}, {"step", t.step}});
  for (const auto& r : s.History()) {
    json d{{"node", r.node}, {"timed_out", r.timed_out}, {"answer", FormatAnswer(r)}};
    if (r.unconfirmed) d["unconfirmed"] = true;
    if (r.checklist) d["items"] = r.items; else d["choice"] = r.choice;
    decisions.push_back(d);
  }
  const Outcome* o = s.EndingOutcome();
  return json{{"scenario", s.scenario().id}, {"session", s.info().session_id}, {"team", s.info().team},
              {"finished", s.state() == SessionState::Ended}, {"node", s.CurrentNode().id},
              {"outcome", o ? json{{"id", o->id}, {"rating", o->rating}, {"label", o->label.Get(s.info().lang)}} : json(nullptr)},
              {"axes", axes}, {"steps", steps}, {"never_events", never}, {"decisions", decisions}, {"log", rs.log_path()},
              {"verdict", SessionVerdictName(score.verdict)},
              {"saved", rs.saved()}, {"scenario_changed", rs.scenario_changed() || rs.catalogue_changed()}};
}

std::string ResolveScenarioPath(const std::string& arg, const ContentLibrary*& lib_out, ContentLibrary& storage, std::string& id) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(platform::PathFromUtf8(arg), ec)) {
    storage = LoadLibrary({arg});
    id.clear();
    for (const auto& f : storage.files)
      if (f.scenario) id = f.scenario->id;
    lib_out = &storage;
    return arg;
  }
  storage = LoadLibrary({ScenariosDir()});
  lib_out = &storage;
  id = arg;
  return arg;
}

}  // namespace

int RunPlay(const std::vector<std::string>& args) {
  int rc = 0;
  auto parsed = Parse(args, rc);
  if (!parsed) return rc;
  PlayArgs a = *parsed;
  std::string results = a.results_dir.empty() ? DefaultResultsDir() : a.results_dir;

  std::optional<RecordedSession> rs;
  if (!a.resume.empty()) {
    SessionLogData data = ReadSessionLogFile(a.resume);
    for (const auto& d : data.diagnostics) std::cerr << FormatDiagnostic(d) << "\n";
    // The log names its scenario; a scenario file or folder given beside --resume says where to find
    // it (the folder, so that its SOP catalogue is found too), else the bundled scenarios.
    std::string where = ScenariosDir();
    std::error_code ec;
    const std::filesystem::path scenario_path = platform::PathFromUtf8(a.scenario);
    if (!a.scenario.empty() && std::filesystem::is_directory(scenario_path, ec)) where = a.scenario;
    else if (!a.scenario.empty() && std::filesystem::is_regular_file(scenario_path, ec)) {
      where = platform::PathToUtf8(scenario_path.parent_path());
      if (where.empty()) where = ".";
    }
    ContentLibrary lib = LoadLibrary({where});
    auto resumed = RecordedSession::Resume(a.resume, lib);
    if (auto* err = std::get_if<Problem>(&resumed)) {
      std::fprintf(stderr, "sigap play: %s: %s\n", err->code.c_str(), err->message.c_str());
      return data.finished() ? 1 : 2;
    }
    rs.emplace(std::move(std::get<RecordedSession>(resumed)));
    if (rs->scenario_changed() || rs->catalogue_changed())
      std::fprintf(stderr, "sigap play: warning: the %s has changed since this session started; its decisions were replayed against the current version\n",
                   rs->scenario_changed() ? "scenario" : "SOP catalogue");
  } else {
    ContentLibrary storage;
    const ContentLibrary* lib = nullptr;
    std::string id;
    ResolveScenarioPath(a.scenario, lib, storage, id);
    for (const auto& f : lib->files)
      for (const auto& d : f.diagnostics)
        if (d.severity == Severity::Error && (id.empty() || f.path == a.scenario || (f.scenario == nullptr && f.kind == FileKind::Scenario)))
          std::cerr << FormatDiagnostic(d) << "\n";
    auto scenario = lib->FindScenario(id);
    if (!scenario) {
      std::fprintf(stderr, "sigap play: scenario '%s' not found or not valid; run 'sigap validate' on it\n", a.scenario.c_str());
      return 1;
    }
    // A scenario given as a file finds its catalogue beside it, also when named without a folder
    // (`sigap play scenario.json` in the scenarios folder).
    std::shared_ptr<const SopCatalogue> catalogue = CatalogueFor(*lib, *scenario);
    if (!catalogue) {
      std::fprintf(stderr, "sigap play: SOP catalogue '%s' not found\n", scenario->sop_catalogue.c_str());
      return 1;
    }
    SessionInfo info;
    info.team = a.team;
    info.members = a.members;
    info.lang = a.lang;
    info.mode = a.mode;
    info.seed = a.seed.value_or(NewSessionSeed());
    info.app_version = SIGAP_VERSION;
    auto started = RecordedSession::Start(scenario, catalogue, info, results);
    if (auto* err = std::get_if<Problem>(&started)) {
      std::fprintf(stderr, "sigap play: %s: %s\n", err->code.c_str(), err->message.c_str());
      return 2;
    }
    rs.emplace(std::move(std::get<RecordedSession>(started)));
  }
  Session& s = rs->session();
  Lang lang = s.info().lang;

  // The local log stays the truth: each record is on the disk before the sender sees it, and
  // the sender works in the background, so a slow or absent room never holds up a decision.
  std::unique_ptr<RoomLink> room;
  if (!a.room.empty()) {
    std::string why;
    room = ConnectRoom(a.room, a.room_code, rs->log_path(), why);
    if (!room) return Usage("--room: " + why);
    room->Notify();
  }

  // On resume, the given choices start from the beginning: the logged ones must match them.
  std::size_t already = s.History().size();
  if (already > 0 && !a.choices.empty()) {
    if (a.choices.size() < already) {
      std::fprintf(stderr, "sigap play: the log already has %zu decisions but only %zu choices were given\n", already, a.choices.size());
      return 1;
    }
    for (std::size_t i = 0; i < already; ++i) {
      const DecisionRecord& r = s.History()[i];
      if (AnswerOf(r) != a.choices[i]) {
        std::fprintf(stderr, "sigap play: choice %zu is '%s' but the log recorded '%s'\n", i + 1, FormatAnswer(a.choices[i]).c_str(),
                     FormatAnswer(r).c_str());
        return 1;
      }
    }
  }

  // The transcript is printed as the session goes: a decision appears once it is saved, so what
  // was printed is always in the log (the kill test relies on it).
  if (!a.json) {
    const Scenario& sc = s.scenario();
    std::cout << sc.title.Get(lang) << " — " << sc.place.Get(lang) << "\n";
    std::cout << L(lang, "Tim", "Team") << ": " << s.info().team << "   " << L(lang, "Mode", "Mode") << ": " << ModeName(s.info().mode)
              << "   Seed: " << s.info().seed << "\n";
    SessionScore replayed = rs->Score();
    for (std::size_t i = 0; i < already; ++i) PrintDecision(std::cout, s, replayed, i, lang);
    std::cout << std::flush;
  }

  auto start_clock = std::chrono::steady_clock::now();
  auto now_ms = [&]() { return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_clock).count()); };
  int exit_code = 0;
  // Through the scenes to the next decision or ending; false when the engine refuses (ENG014: a
  // loop of scenes that never opens), which is reported.
  auto advance = [&]() {
    while (s.state() == SessionState::AtScene)
      if (auto refused = rs->Continue()) {
        std::fprintf(stderr, "sigap play: at %s: %s: %s\n", s.CurrentNode().id.c_str(), refused->code.c_str(), refused->message.c_str());
        return false;
      }
    return true;
  };
  for (std::size_t i = already; i < a.choices.size(); ++i) {
    if (!advance()) {
      exit_code = 1;
      break;
    }
    if (s.state() == SessionState::Ended) {
      std::fprintf(stderr, "sigap play: the scenario ended before choice %zu ('%s'); extra choices ignored\n", i + 1,
                   FormatAnswer(a.choices[i]).c_str());
      exit_code = 1;
      break;
    }
    const std::string c = FormatAnswer(a.choices[i]);
    DecideResult result = rs->Answer(a.choices[i], 0, now_ms());
    if (result.refused) {
      std::string available;
      if (s.state() == SessionState::AwaitingChecklist) {
        for (const ChecklistItem* it : s.ChecklistItems()) available += (available.empty() ? "" : ", ") + it->id;
        available = "tick items joined by '+' ('-' for none) from: " + available;
      } else {
        for (const Choice* ch : s.AvailableChoices()) available += (available.empty() ? "" : ", ") + ch->id;
        available = "available choices: " + available;
      }
      if (s.TimerSeconds()) available += ", or 'timeout' / 'timeout:ID'";
      std::fprintf(stderr, "sigap play: choice %zu ('%s') at %s: %s: %s\n  %s\n", i + 1, c.c_str(), s.CurrentNode().id.c_str(),
                   result.refused->code.c_str(), result.refused->message.c_str(), available.c_str());
      exit_code = 1;
      break;
    }
    if (!result.saved) {
      std::fprintf(stderr, "sigap play: %s: %s\n", result.save_problem.code.c_str(), result.save_problem.message.c_str());
      exit_code = 2;
      break;
    }
    if (room) room->Notify();
    if (!a.json) {
      PrintDecision(std::cout, s, rs->Score(), s.History().size() - 1, lang);
      std::cout << std::flush;
    }
    if (a.step_delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(a.step_delay_ms));
  }
  if (exit_code == 0 && !advance()) exit_code = 1;

  SessionScore score = rs->Score();
  if (a.json) {
    std::cout << SummaryJson(*rs, score).dump(2) << "\n";
  } else {
    PrintSummary(std::cout, s, score, lang);
    std::cout << std::flush;
  }
  std::fprintf(stderr, "%s: %s\n", L(lang, "Hasil disimpan", "Result saved"), rs->log_path().c_str());
  if (room) {
    if (room->WaitUntilDelivered(std::chrono::seconds(std::max(0, a.room_wait_s))))
      std::fprintf(stderr, "%s\n", L(lang, "Ruang langsung: semua rekaman diterima.", "Live room: every record received."));
    else
      std::fprintf(stderr, "%s (%s)\n",
                   L(lang, "Ruang langsung: belum semua rekaman diterima; hasil tetap tersimpan di laptop ini",
                     "Live room: not every record arrived; the result is still saved on this laptop"),
                   room->last_problem().c_str());
  }
  if (s.state() != SessionState::Ended && exit_code == 0)
    std::fprintf(stderr, "%s\n", L(lang, "Sesi belum selesai; lanjutkan dengan --resume LOG.", "The session is not finished; continue it with --resume LOG."));
  return exit_code;
}

}  // namespace sigap::cli
