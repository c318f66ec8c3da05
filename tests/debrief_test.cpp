// Debrief import and aggregation over generated result files, checked against expectations
// worked out by hand from the teams' choices (debrief_fixtures.h) and yuliana-nunukan.json.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "debrief_fixtures.h"

using namespace sigap;
using namespace sigap::test;

namespace {

const ScenarioDebrief& Find(const std::vector<ScenarioDebrief>& all, const std::string& id) {
  for (const auto& d : all)
    if (d.scenario->id == id) return d;
  FAIL("no debrief for " << id);
  throw std::logic_error("unreachable");
}

int Count(const ScenarioDebrief& d, const std::string& node, const std::string& option) {
  const DecisionAggregate* a = d.FindDecision(node);
  REQUIRE_MESSAGE(a, node);
  for (const auto& o : a->options)
    if (o.option == option) return o.teams;
  FAIL("no option " << option << " at " << node);
  return -1;
}

std::vector<StepStatus> Row(const ScenarioDebrief& d, const std::string& step) {
  auto it = std::find(d.steps.begin(), d.steps.end(), step);
  REQUIRE_MESSAGE(it != d.steps.end(), step);
  return d.heat[static_cast<std::size_t>(it - d.steps.begin())];
}

bool HasProblem(const ImportResult& r, const std::string& file, const std::string& code, int line = -1) {
  for (const auto& p : r.problems)
    if (p.file == file && p.code == code && (line < 0 || p.pos.line == line)) return true;
  return false;
}

constexpr auto F = StepStatus::Followed;
constexpr auto V = StepStatus::Violated;
constexpr auto C = StepStatus::Critical;
constexpr auto N = StepStatus::NotReached;

struct WorkshopImport {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir;
  Workshop w;
  DebriefBook book;
  const ImportResult& imported = book.Imported();
  const std::vector<ScenarioDebrief>& debriefs = book.Scenarios();
  explicit WorkshopImport(const std::string& name) : dir(name) {
    w = BuildWorkshop(lib, dir.path);
    book.Add({w.root}, lib);
  }
};

}  // namespace

TEST_CASE("a results folder imports recursively: one session per team, copies merged, problems listed with their place") {
  WorkshopImport t("debrief-import");
  const ImportResult& r = t.imported;
  // 8 Yuliana teams + Kenanga + Jasmine (scenario not installed); Ixora is damaged at its first decision.
  CHECK(r.sessions.size() == 10);
  // 9 team logs + 2 copies + the corrupted one + Jasmine's; notes.txt is not a result file.
  CHECK(r.files_scanned == 13);
  CHECK(r.duplicates_merged == 2);

  for (const auto& s : r.sessions) {
    if (s.team() == "Anggrek") {
      // Two identical copies: the first found is kept, the other listed.
      CHECK(s.path == t.w.full_copy);
      CHECK(s.duplicate_paths == std::vector<std::string>{t.w.log["Anggrek"]});
    }
    if (s.team() == "Flamboyan") {
      // The shorter copy is found first, but the copy with the most records wins.
      CHECK(s.path == t.w.log["Flamboyan"]);
      CHECK(s.duplicate_paths == std::vector<std::string>{t.w.short_copy});
      CHECK(s.log.decisions.size() == 12);
      CHECK(s.finished());
    }
    if (s.team() == "Edelweis") {
      CHECK_FALSE(s.finished());
      CHECK(s.outcome_id.empty());
      CHECK(s.replay_ok);
    }
    if (s.team() == "Gardenia") CHECK(s.scenario_changed);
    else CHECK_FALSE(s.scenario_changed);
    if (s.team() == "Jasmine") CHECK(s.scenario == nullptr);
  }

  // The corrupted log: its damaged record with file:line and what to do; the rest imported.
  CHECK(HasProblem(r, t.w.corrupted, "LOG011", 2));
  for (const auto& p : r.problems)
    if (p.code == "LOG011") CHECK(p.message.find("re-copy") != std::string::npos);
  CHECK(HasProblem(r, t.w.not_installed, "DBR010"));
  for (const auto& p : r.problems)
    if (p.code == "DBR010") CHECK(p.message.find("tidak-terpasang") != std::string::npos);
  CHECK(r.problems.size() == 2);
}

TEST_CASE("importing changes nothing in the source folder") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir src("debrief-readonly"), out_dir("debrief-readonly-out");
  Workshop w = BuildWorkshop(lib, src.path);
  auto before = Snapshot(w.root);
  DebriefBook book;
  book.Add({w.root, w.log["Anggrek"]}, lib);
  book.Add({w.root}, lib);
  const auto& debriefs = book.Scenarios();
  const std::string& out = out_dir.path;
  std::string error;
  REQUIRE(WriteFileDurably(out + "/r.html", ExportHtml(debriefs, Lang::Id, false), error));
  CHECK(Snapshot(w.root) == before);
}

TEST_CASE("the per-scenario aggregation matches the hand count") {
  WorkshopImport t("debrief-aggregate");
  // Scenario-title order: "Cerita Yuliana" before "Liburan ke Johor"; Jasmine's has no debrief.
  REQUIRE(t.debriefs.size() == 2);
  CHECK(t.debriefs[0].scenario->id == "yuliana-nunukan");
  CHECK(t.debriefs[1].scenario->id == "liburan-johor-batam");
  const ScenarioDebrief& d = t.debriefs[0];

  SUBCASE("teams: finished first, then by name") {
    std::vector<std::string> names;
    for (const auto* s : d.teams) names.push_back(s->team());
    CHECK(names == std::vector<std::string>{"Anggrek", "Bougenville", "Cempaka", "Dahlia", "Flamboyan", "Gardenia",
                                            "Heliconia, \"Batam\"", "Edelweis"});
    // Anggrek played every SOP answer: all followed, no never events, the good ending.
    CHECK(d.teams[0]->outcome_id == "e1");
    CHECK(d.teams[0]->outcome_rating == "good");
    CHECK(d.teams[0]->score.never_events.empty());
    for (const auto& a : d.teams[0]->score.axes) CHECK(a.Percent() == doctest::Approx(100.0));
    // Flamboyan posted the photo in the WhatsApp group: exposed → e4.
    CHECK(d.teams[4]->outcome_id == "e4");
    // Dahlia: risk 5 -1 -1 +1 +2 +2 = 8 → e3 before e4.
    CHECK(d.teams[3]->outcome_id == "e3");
  }

  SUBCASE("choice counts per decision, zeros included, the SOP answer marked") {
    CHECK(Count(d, "dp1", "c") == 6);
    CHECK(Count(d, "dp1", "b") == 1);
    CHECK(Count(d, "dp1", "d") == 0);
    CHECK(Count(d, "dp1", "a") == 1);
    const DecisionAggregate* dp1 = d.FindDecision("dp1");
    REQUIRE(dp1->options.size() == 4);
    CHECK(dp1->options[2].recommended);
    CHECK_FALSE(dp1->options[1].recommended);
    CHECK(dp1->options[1].worst == Verdict::Violates);
    CHECK(dp1->teams_reached == 8);

    CHECK(Count(d, "dp2", "d") == 7);
    CHECK(Count(d, "dp2", "a") == 1);

    const DecisionAggregate* dp3 = d.FindDecision("dp3");
    CHECK(dp3->checklist);
    CHECK(dp3->teams_reached == 8);
    CHECK(Count(d, "dp3", "gender_pref") == 7);
    CHECK(Count(d, "dp3", "interpreter") == 5);
    CHECK(Count(d, "dp3", "aunt_interprets") == 1);
    CHECK(Count(d, "dp3", "police_uniform") == 0);
    for (const auto& o : dp3->options) CHECK(o.recommended == (o.option == "gender_pref" || o.option == "interpreter" ||
                                                               o.option == "referral_sheet" || o.option == "breaks_one_interview"));

    // Edelweis stopped before deciding at dp5.
    CHECK(d.FindDecision("dp4")->teams_reached == 8);
    CHECK(d.FindDecision("dp5")->teams_reached == 7);
    CHECK(Count(d, "dp5", "c") == 6);
    CHECK(Count(d, "dp5", "a") == 1);

    CHECK(Count(d, "dp7", "d") == 5);
    CHECK(Count(d, "dp7", "a") == 1);
    CHECK(Count(d, "dp7", "b") == 1);

    // The knock on the door: two teams let the clock run out (default a: she leaves with her aunt).
    const DecisionAggregate* dp8 = d.FindDecision("dp8");
    CHECK(dp8->timeouts == 2);
    CHECK(Count(d, "dp8", "b") == 3);
    CHECK(Count(d, "dp8", "a") == 3);
    CHECK(Count(d, "dp8", "c") == 0);
    CHECK(Count(d, "dp8", "d") == 1);
    CHECK(dp8->options[2].worst == Verdict::Critical);

    CHECK(d.FindDecision("dp8b")->teams_reached == 3);
    CHECK(d.FindDecision("dp9")->teams_reached == 4);
    CHECK(Count(d, "dp9", "c") == 1);
    CHECK(Count(d, "dp11", "c") == 4);
    CHECK(Count(d, "dp11", "d") == 2);
    CHECK(Count(d, "dp11", "a") == 1);
    CHECK(Count(d, "dp12", "report_imigrasi") == 1);
    CHECK(Count(d, "dp12", "psychosocial") == 6);
  }

  SUBCASE("time per decision and its median") {
    // Per-team times: Anggrek 12 s, Bougenville 20, Cempaka 8, Dahlia 15, Flamboyan 9, Gardenia 11,
    // Heliconia 14, Edelweis 30; a timeout takes the full 45 s.
    const DecisionAggregate* dp1 = d.FindDecision("dp1");
    CHECK(dp1->elapsed_ms == std::vector<std::int64_t>{12000, 20000, 8000, 15000, 9000, 11000, 14000, 30000});
    CHECK(dp1->MedianElapsed() == 13000);
    const DecisionAggregate* dp5 = d.FindDecision("dp5");
    CHECK(dp5->elapsed_ms.back() == -1);
    CHECK(dp5->MedianElapsed() == 12000);
    const DecisionAggregate* dp8 = d.FindDecision("dp8");
    CHECK(dp8->elapsed_ms[1] == 45000);
    CHECK(dp8->MedianElapsed() == 12000);
    CHECK_FALSE(d.FindDecision("dp8b")->elapsed_ms[0] >= 0);
  }

  SUBCASE("heat map: SOP steps × teams") {
    // Rows: every step the scenario assesses, in catalogue order.
    CHECK(d.steps.size() == d.scenario->assesses.size());
    std::size_t last = 0;
    for (const auto& id : d.steps) {
      std::size_t at = 0;
      while (d.catalogue->steps[at].id != id) ++at;
      CHECK(at >= last);
      last = at;
    }
    CHECK(d.heat.size() == d.steps.size());
    for (const auto& row : d.heat) CHECK(row.size() == 8);
    //                                         Ang Bou Cem Dah Fla Gar Hel Ede
    CHECK(Row(d, "interview.separate") == std::vector<StepStatus>{F, V, F, F, F, V, F, F});
    CHECK(Row(d, "protect.confidential") == std::vector<StepStatus>{F, F, C, C, C, F, F, N});
    CHECK(Row(d, "interview.interpreter") == std::vector<StepStatus>{F, F, C, F, F, F, V, V});
    CHECK(Row(d, "spm.no_mediation") == std::vector<StepStatus>{F, F, C, F, N, F, F, N});
  }

  SUBCASE("edges along each team's path, scenes included") {
    auto edge = [&](const char* a, const char* b) {
      auto it = d.edges.find({a, b});
      return it == d.edges.end() ? 0 : it->second;
    };
    CHECK(edge("intro", "dp1") == 8);
    CHECK(edge("dp4", "dp5") == 8);  // Edelweis is looking at dp5
    CHECK(edge("dp5", "dp6") == 7);
    CHECK(edge("dp8", "dp9") == 4);
    CHECK(edge("dp8", "dp8b") == 3);
    CHECK(edge("dp8b", "dp10") == 3);
    CHECK(edge("dp9", "dp10") == 4);
    CHECK(edge("dp12", "e1") + edge("dp12", "e2") + edge("dp12", "e3") + edge("dp12", "e4") == 7);
    CHECK(edge("dp1", "dp3") == 0);
  }

  SUBCASE("critical moments: never events grouped by node, option and step, most teams first") {
    // Bougenville and Heliconia timed out at dp8 and Cempaka chose the same (a: Yuliana leaves with her
    // aunt); Cempaka and Flamboyan posted in the group (dp11 d); then single-team moments.
    REQUIRE(d.critical_moments.size() == 10);
    CHECK(d.critical_moments[0].node == "dp8");
    CHECK(d.critical_moments[0].option == "a");
    CHECK(d.critical_moments[0].step == "interview.do_no_harm");
    CHECK(d.critical_moments[0].teams == std::vector<std::size_t>{1, 2, 6});
    CHECK(d.critical_moments[1].node == "dp11");
    CHECK(d.critical_moments[1].option == "d");
    CHECK(d.critical_moments[1].step == "protect.confidential");
    CHECK(d.critical_moments[1].teams == std::vector<std::size_t>{2, 4});
    for (std::size_t i = 2; i < d.critical_moments.size(); ++i) CHECK(d.critical_moments[i].teams.size() == 1);
    // Dahlia's message with the village (dp11 a) and Cempaka's report to Imigrasi are among them.
    auto has = [&](const char* node, const char* option, const char* step, std::size_t team) {
      for (const auto& m : d.critical_moments)
        if (m.node == node && m.option == option && m.step == step) return m.teams == std::vector<std::size_t>{team};
      return false;
    };
    CHECK(has("dp11", "a", "protect.confidential", 3));
    CHECK(has("dp12", "report_imigrasi", "ident.non_punishment", 2));
    CHECK(has("dp3", "aunt_interprets", "interview.interpreter", 2));

    // For slides and the report: one item per choice and teams, with every step it broke.
    auto choices = d.CriticalChoices();
    REQUIRE(choices.size() == 7);
    CHECK(choices[0].node == "dp8");
    CHECK(choices[0].option == "a");
    CHECK(choices[0].steps == std::vector<std::string>{"interview.do_no_harm"});
    CHECK(choices[0].teams == std::vector<std::size_t>{1, 2, 6});
    CHECK(choices[1].node == "dp11");
    CHECK(choices[1].steps == std::vector<std::string>{"protect.confidential"});
    std::size_t steps = 0;
    for (const auto& c : choices) steps += c.steps.size();
    CHECK(steps == d.critical_moments.size());
  }

  SUBCASE("the other scenario's debrief holds only its own team") {
    const ScenarioDebrief& border = Find(t.debriefs, "liburan-johor-batam");
    REQUIRE(border.teams.size() == 1);
    CHECK(border.teams[0]->team() == "Kenanga");
    CHECK_FALSE(border.teams[0]->finished());
    CHECK(Count(border, "dp1", "b") == 1);
    CHECK(border.FindDecision("dp5")->teams_reached == 0);
    CHECK(border.FindDecision("dp5")->elapsed_ms == std::vector<std::int64_t>{-1});
  }
}

TEST_CASE("a book merges files dropped later; the same file read twice is not a duplicate") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir src("debrief-more");
  Workshop w = BuildWorkshop(lib, src.path);
  DebriefBook book;
  const ImportResult& r = book.Imported();
  CHECK(book.Add({w.log["Cempaka"], w.short_copy}, lib) == 2);
  CHECK(r.sessions.size() == 2);
  CHECK(r.files_scanned == 2);
  // The early copy of Flamboyan stands in until the full log arrives.
  auto find = [&](const std::string& team) -> const ImportedSession& {
    for (const auto& s : r.sessions)
      if (s.team() == team) return s;
    FAIL("no session for " << team);
    throw std::logic_error("unreachable");
  };
  CHECK(find("Flamboyan").log.decisions.size() == 3);
  CHECK_FALSE(find("Flamboyan").finished());

  CHECK(book.Add({w.log["Flamboyan"], w.log["Cempaka"]}, lib) == 0);
  CHECK(r.sessions.size() == 2);
  CHECK(r.files_scanned == 3);
  CHECK(r.duplicates_merged == 1);
  CHECK(find("Flamboyan").finished());
  CHECK(find("Flamboyan").path == w.log["Flamboyan"]);
  CHECK(find("Flamboyan").duplicate_paths == std::vector<std::string>{w.short_copy});
  CHECK(find("Flamboyan").outcome_id == "e4");
  CHECK(find("Cempaka").duplicate_paths.empty());

  CHECK(book.Add({w.root}, lib) == 8);
  CHECK(r.sessions.size() == 10);
  CHECK(r.duplicates_merged == 2);
  CHECK(r.problems.size() == 2);
}

TEST_CASE("wrong paths are problems with their place, and nothing else stops") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir src("debrief-paths"), empty_dir("debrief-paths-empty");
  Workshop w = BuildWorkshop(lib, src.path);
  const std::string& empty = empty_dir.path;
  std::string junk = w.root + "/junk/garbage.sigap.jsonl";
  WriteText(junk, "PK\x03\x04 not a log");
  ImportResult r = ImportResults({w.root + "/does-not-exist", w.not_a_log, empty, junk, w.log["Anggrek"]}, lib);
  CHECK(r.sessions.size() == 1);
  // A file that is no log at all: one error that says what to do (no torn-record warning).
  std::size_t junk_problems = 0;
  for (const auto& p : r.problems)
    if (p.file == junk) {
      ++junk_problems;
      CHECK(p.code == "LOG002");
      CHECK(p.message.find("copy the file again") != std::string::npos);
    }
  CHECK(junk_problems == 1);
  CHECK(HasProblem(r, w.root + "/does-not-exist", "DBR001"));
  CHECK(HasProblem(r, w.not_a_log, "DBR002"));
  CHECK(HasProblem(r, empty, "DBR003"));
  for (const auto& p : r.problems)
    if (p.code == "DBR003") CHECK(p.severity == Severity::Warning);
}

TEST_CASE("a torn last record is a warning; the session imports without it") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir src("debrief-torn"), torn("debrief-torn-src");
  Workshop w = BuildWorkshop(lib, src.path);
  const std::string& dir = torn.path;
  std::string text = ReadText(w.log["Cempaka"]);
  text.resize(text.size() - 20);  // the end record cut off mid-line
  WriteText(dir + "/cempaka.sigap.jsonl", text);
  ImportResult r = ImportResults({dir}, lib);
  REQUIRE(r.sessions.size() == 1);
  CHECK_FALSE(r.sessions[0].finished());
  CHECK(r.sessions[0].log.decisions.size() == 12);
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].code == "LOG010");
  CHECK(r.problems[0].severity == Severity::Warning);
}

TEST_CASE("a decision the installed scenario no longer has stops the replay there, flagged") {
  ContentLibrary lib = BundledLibrary();
  auto yuliana = lib.FindScenario("yuliana-nunukan");
  // Played on a version where dp2 had a choice "e" (since removed).
  auto older = std::make_shared<Scenario>(*yuliana);
  older->content_hash = std::string(64, '1');
  for (auto& n : older->nodes)
    if (n.id == "dp2") {
      Choice extra = n.decision->choices.front();
      extra.id = "e";
      n.decision->choices.push_back(extra);
    }
  TeamPlan p;
  p.team = "Lili";
  p.scenario = "yuliana-nunukan";
  p.session_id = HexId(30);
  p.choices = {"a", "e", "gender_pref", "a"};
  ScopedDir changed("debrief-changed");
  const std::string& dir = changed.path;
  std::string log = PlayTeam(lib, p, dir, older);
  ImportResult r = ImportResults({dir}, lib);
  REQUIRE(r.sessions.size() == 1);
  const ImportedSession& s = r.sessions[0];
  CHECK(s.scenario_changed);
  CHECK_FALSE(s.replay_ok);
  CHECK(s.decisions_replayed == 1);
  CHECK(HasProblem(r, log, "DBR012", 3));  // decision 2 is on line 3
  DebriefBook book;
  book.Add({dir}, lib);
  const auto& debriefs = book.Scenarios();
  REQUIRE(debriefs.size() == 1);
  CHECK(debriefs[0].FindDecision("dp1")->teams_reached == 1);
  CHECK(debriefs[0].FindDecision("dp2")->teams_reached == 0);
}

TEST_CASE("anonymous team names") {
  CHECK(AnonymousTeamName(0, Lang::Id) == "Tim A");
  CHECK(AnonymousTeamName(25, Lang::Id) == "Tim Z");
  CHECK(AnonymousTeamName(26, Lang::Id) == "Tim AA");
  CHECK(AnonymousTeamName(27, Lang::En) == "Team AB");
  CHECK(AnonymousTeamName(701, Lang::Id) == "Tim ZZ");
  CHECK(AnonymousTeamName(702, Lang::Id) == "Tim AAA");
}

TEST_CASE("a copy of a book has debriefs of its own, and survives the original being cleared") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir src("debrief-book-copy");
  Workshop w = BuildWorkshop(lib, src.path);
  auto book = std::make_unique<DebriefBook>();
  book->Add({w.root}, lib);
  DebriefBook kept = *book;  // what "undo" keeps
  book->Clear();
  book.reset();
  REQUIRE(kept.Scenarios().size() == 2);
  for (const auto& d : kept.Scenarios())
    for (const ImportedSession* s : d.teams) {
      bool owned = false;
      for (const auto& own : kept.Imported().sessions) owned |= &own == s;
      CHECK(owned);  // every team points into the copy's own sessions
    }
  CHECK(kept.Sources() == std::vector<std::string>{w.root});
}

TEST_CASE("exports are written by one writer that never replaces a result file it read") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir src("debrief-writer"), out("debrief-writer-out");
  Workshop w = BuildWorkshop(lib, src.path);
  DebriefBook book;
  book.Add({w.root}, lib);
  const std::string before = ReadText(w.log["Anggrek"]);
  ExportRequest onto_log{w.log["Anggrek"], out.path + "/r.html", "", Lang::Id, false};
  auto problems = WriteExports(book, onto_log);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].code == "EXP001");
  CHECK(ReadText(w.log["Anggrek"]) == before);
  CHECK_FALSE(std::filesystem::exists(out.path + "/r.html"));  // nothing at all is written

  std::vector<std::string> written;
  ExportRequest all = ExportsIn(out.path, kExportAll, "2026-12-06");
  CHECK(WriteExports(book, all, &written).empty());
  CHECK(written == std::vector<std::string>{out.path + "/sigap-debrief-2026-12-06.csv", out.path + "/sigap-debrief-2026-12-06.html",
                                            out.path + "/sigap-debrief-2026-12-06-xapi.json"});
}

TEST_CASE("whether the place on screen mattered: picks of the first and last option shown, beside chance") {
  ContentLibrary lib = test::BundledLibrary();
  auto scenario = lib.FindScenario("liburan-johor-batam");
  auto catalogue = lib.FindCatalogue(scenario->sop_catalogue);
  // What dp1 (shuffled, four options, timed) shows in the scenario's seed, which PlayTeam plays in.
  SessionInfo info;
  info.seed = scenario->seed;
  Session probe(scenario, catalogue, info);
  while (probe.state() == SessionState::AtScene) REQUIRE_FALSE(probe.Continue());
  REQUIRE(probe.CurrentNode().id == "dp1");
  const std::vector<std::string> shown = probe.ShownOptions();
  REQUIRE(shown.size() == 4);

  test::ScopedDir dir("debrief-position");
  test::PlayTeam(lib, {"Anyelir", "liburan-johor-batam", {shown.front()}, 5000, test::HexId(901)}, dir.path);
  test::PlayTeam(lib, {"Bakung", "liburan-johor-batam", {shown.front()}, 5000, test::HexId(902)}, dir.path);
  test::PlayTeam(lib, {"Cattleya", "liburan-johor-batam", {shown.back()}, 5000, test::HexId(903)}, dir.path);
  // The clock ran out with nothing selected: the default was taken, not picked from a place.
  test::PlayTeam(lib, {"Dandelion", "liburan-johor-batam", {"timeout"}, 5000, test::HexId(904)}, dir.path);
  DebriefBook book;
  book.Add({dir.path}, lib);
  REQUIRE(book.Scenarios().size() == 1);
  const ScenarioDebrief& d = book.Scenarios().front();
  const DecisionAggregate* a = d.FindDecision("dp1");
  REQUIRE(a);
  const PositionCount& p = a->position;
  CHECK(p.answers == 3);
  CHECK(p.skipped == 1);
  CHECK(p.first == 2);
  CHECK(p.last == 1);
  CHECK(p.expected_first == doctest::Approx(0.75));
  CHECK(p.expected_last == doctest::Approx(0.75));
  REQUIRE(p.FirstRatio());
  CHECK(*p.FirstRatio() == doctest::Approx(2 / 0.75));
  CHECK(p.at == std::vector<int>{2, 0, 0, 1});
  REQUIRE(p.expected_at.size() == 4);
  for (double e : p.expected_at) CHECK(e == doctest::Approx(0.75));
  // Only dp1 was answered, so the scenario's summary is dp1's.
  CHECK(d.position_single.answers == 3);
  CHECK(d.position_single.first == 2);
  // Every option carries the letter the screens show: authored order, not display order.
  REQUIRE(a->options.size() == 4);
  CHECK(a->options[0].letter == "A");
  CHECK(a->options[3].letter == "D");
}
