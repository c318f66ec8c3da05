// 1,000 generated sessions across the bundled scenarios: the aggregation holds together at
// workshop-series scale. Spot checks against a tally kept while generating; times are reported,
// not asserted.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>

#include "debrief_fixtures.h"

using namespace sigap;
using namespace sigap::test;

namespace {

struct Tally {
  std::map<std::string, int> teams;                        // scenario → sessions
  std::map<std::string, int> finished;                     // scenario → finished sessions
  std::map<std::pair<std::string, std::string>, int> dp1;  // (scenario, option at dp1) → teams
  std::map<std::string, int> timeouts;                     // scenario → timed-out decisions
};

// Plays one session with pseudo-random choices and writes its log (plain writes: the durable
// writer's fsync per record would only slow the test down).
void WriteSession(const ContentLibrary& lib, const std::shared_ptr<const Scenario>& sc, int n, std::uint64_t& rng, const std::string& dir,
                  Tally& tally) {
  auto next = [&] {
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(rng >> 33);
  };
  auto cat = lib.FindCatalogue(sc->sop_catalogue);
  SessionInfo info;
  info.session_id = HexId(100000 + n);
  info.team = "Tim " + std::to_string(n);
  info.started_utc = "2026-03-02T09:00:00Z";
  info.seed = sc->seed;
  Session s(sc, cat, info);
  std::string text = EncodeLogRecord(MakeLogHeader(info, *sc, *cat), 0);
  std::int64_t seq = 1, at = 0;
  const bool stop_early = next() % 10 == 0;
  const std::size_t stop_after = 1 + next() % 5;
  while (true) {
    while (s.state() == SessionState::AtScene) s.Continue();
    if (s.state() == SessionState::Ended) break;
    if (stop_early && s.History().size() >= stop_after) break;
    std::int64_t took = 3000 + next() % 60000;
    at += took;
    std::variant<DecisionRecord, Problem> prepared;
    if (s.TimerSeconds() && next() % 8 == 0) {
      prepared = s.PrepareTimeout(took, at);
    } else if (s.state() == SessionState::AwaitingChecklist) {
      std::vector<std::string> ticked;
      for (const ChecklistItem* it : s.ChecklistItems())
        if (next() % 2) ticked.push_back(it->id);
      prepared = s.PrepareChecklist(ticked, took, at);
    } else {
      auto choices = s.AvailableChoices();
      prepared = s.PrepareChoice(choices[next() % choices.size()]->id, took, at);
    }
    REQUIRE(std::holds_alternative<DecisionRecord>(prepared));
    const DecisionRecord& r = std::get<DecisionRecord>(prepared);
    if (r.node == "dp1") ++tally.dp1[{sc->id, r.choice}];
    if (r.timed_out) ++tally.timeouts[sc->id];
    text += EncodeLogRecord(MakeDecisionRecord(r), seq++);
    REQUIRE_FALSE(s.Apply(r));
  }
  ++tally.teams[sc->id];
  if (s.state() == SessionState::Ended) {
    ++tally.finished[sc->id];
    text += EncodeLogRecord(MakeEndRecord(s, ScoreDecisions(*sc, *cat, s.History()), at), seq++);
  }
  std::ofstream(dir + "/" + LogFileName(info, sc->id), std::ios::binary) << text;
}

}  // namespace

TEST_CASE("1,000 sessions aggregate correctly") {
  ContentLibrary lib = BundledLibrary();
  auto scenarios = lib.Scenarios();
  REQUIRE(scenarios.size() >= 4);
  ScopedDir scratch("debrief-scale");
  const std::string& root = scratch.path;
  Tally tally;
  std::uint64_t rng = 20260302;
  for (int n = 0; n < 1000; ++n) {
    std::string dir = root + "/laptop-" + std::to_string(n % 25);
    std::filesystem::create_directories(dir);
    WriteSession(lib, scenarios[static_cast<std::size_t>(n) % scenarios.size()], n, rng, dir, tally);
  }
  // Forty copies collected twice (a second USB stick).
  std::filesystem::create_directories(root + "/stick-2");
  int copied = 0;
  for (const auto& e : std::filesystem::directory_iterator(root + "/laptop-3"))
    if (copied < 40) {
      std::filesystem::copy_file(e.path(), root + "/stick-2/" + e.path().filename().string());
      ++copied;
    }

  auto t0 = std::chrono::steady_clock::now();
  DebriefBook book;
  book.Add({root}, lib);
  const ImportResult& r = book.Imported();
  auto t1 = std::chrono::steady_clock::now();
  const auto& debriefs = book.Scenarios();
  auto t2 = std::chrono::steady_clock::now();
  auto ms = [](auto a, auto b) { return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count(); };
  MESSAGE("import of " << r.files_scanned << " files: " << ms(t0, t1) << " ms; aggregation: " << ms(t1, t2) << " ms");

  CHECK(r.files_scanned == 1000 + static_cast<std::size_t>(copied));
  CHECK(r.sessions.size() == 1000);
  CHECK(r.duplicates_merged == static_cast<std::size_t>(copied));
  CHECK(r.problems.empty());
  REQUIRE(debriefs.size() == scenarios.size());
  std::size_t total = 0;
  for (const auto& d : debriefs) {
    const std::string& id = d.scenario->id;
    CAPTURE(id);
    total += d.teams.size();
    CHECK(static_cast<int>(d.teams.size()) == tally.teams[id]);
    // Finished first.
    int finished = 0;
    for (std::size_t i = 0; i < d.teams.size(); ++i) {
      finished += d.teams[i]->finished();
      if (i > 0) CHECK((d.teams[i - 1]->finished() || !d.teams[i]->finished()));
    }
    CHECK(finished == tally.finished[id]);
    // Every team starts with the same scene and the first decision.
    CHECK(d.edges.at({d.scenario->start, "dp1"}) == tally.teams[id]);
    const DecisionAggregate* dp1 = d.FindDecision("dp1");
    REQUIRE(dp1);
    CHECK(dp1->teams_reached == tally.teams[id]);
    for (const auto& o : dp1->options) CHECK(o.teams == tally.dp1[{id, o.option}]);
    int timeouts = 0;
    for (const auto& a : d.decisions) timeouts += a.timeouts;
    CHECK(timeouts == tally.timeouts[id]);
    // A single-choice decision's counts add up to the teams that reached it.
    for (const auto& a : d.decisions) {
      if (a.checklist) continue;
      int sum = 0;
      for (const auto& o : a.options) sum += o.teams;
      CHECK(sum == a.teams_reached);
    }
    // Every never event is in exactly one critical moment.
    std::size_t never = 0, in_moments = 0;
    for (const auto* s : d.teams) never += s->score.never_events.size();
    for (const auto& m : d.critical_moments) in_moments += m.teams.size();
    CHECK(in_moments == never);
    for (std::size_t i = 1; i < d.critical_moments.size(); ++i)
      CHECK(d.critical_moments[i - 1].teams.size() >= d.critical_moments[i].teams.size());
    // Heat map cells agree with each team's own score.
    for (std::size_t row = 0; row < d.steps.size(); row += 5)
      for (std::size_t team = 0; team < d.teams.size(); team += 37) {
        const StepResult* st = d.teams[team]->score.FindStep(d.steps[row]);
        CHECK(d.heat[row][team] == (st ? st->status : StepStatus::NotReached));
      }
  }
  CHECK(total == 1000);

  // The exports handle the whole set.
  std::string csv = ExportCsv(debriefs, Lang::Id);
  auto t_csv = std::chrono::steady_clock::now();
  std::string html = ExportHtml(debriefs, Lang::En, true);
  auto t_html = std::chrono::steady_clock::now();
  auto xapi = ExportXapi(debriefs);
  auto t_xapi = std::chrono::steady_clock::now();
  MESSAGE("CSV " << ms(t2, t_csv) << " ms, HTML " << ms(t_csv, t_html) << " ms, xAPI " << ms(t_html, t_xapi) << " ms");
  std::size_t decisions = 0;
  for (const auto& s : r.sessions) decisions += s.log.decisions.size() + (s.finished() && s.replay_ok ? 1 : 0);
  CHECK(xapi.size() == decisions);  // one "answered" per decision, one "completed" per finished session
  CHECK(html.find(">" + AnonymousTeamName(debriefs[0].teams.size() - 1, Lang::En) + "<") != std::string::npos);
  auto t3 = std::chrono::steady_clock::now();
  MESSAGE("exports: " << ms(t2, t3) << " ms (CSV " << csv.size() / 1024 << " KiB, HTML " << html.size() / 1024 << " KiB)");
}
