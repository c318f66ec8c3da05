// The session verdict and the never-event cap (docs/scoring.md, "When a session passes"): what
// `sigap play`, the debrief and the exports read, on the bundled Batam scenario's golden plans.
#include <doctest/doctest.h>

#include <fstream>

#include "engine_test_util.h"
#include "scoring.h"
#include "session.h"

using namespace sigap;
using nlohmann::json;

namespace {

struct Played {
  std::optional<Session> session;
  SessionScore score;
};

// Plays a golden plan's choices on the bundled scenario (the plan's seed when it has one).
Played PlayPlan(const ContentLibrary& lib, const std::string& plan_name, std::size_t stop_after = SIZE_MAX) {
  json plan = json::parse(test::ReadText(test::SourcePath("tests/golden/plans/" + plan_name + ".json")));
  auto scenario = lib.FindScenario(plan["scenario"].get<std::string>());
  REQUIRE(scenario);
  SessionInfo info;
  info.seed = plan.value("seed", scenario->seed);
  Played p;
  p.session.emplace(scenario, lib.FindCatalogue(scenario->sop_catalogue), info);
  Session& s = *p.session;
  std::size_t n = 0;
  for (const auto& c : plan["choices"]) {
    if (n++ == stop_after) break;
    while (s.state() == SessionState::AtScene) REQUIRE_FALSE(s.Continue());
    auto answer = ParseAnswer(c.get<std::string>());
    REQUIRE(answer);
    auto prepared = s.PrepareAnswer(*answer, 1000, 1000);
    REQUIRE(std::holds_alternative<DecisionRecord>(prepared));
    REQUIRE_FALSE(s.Apply(std::get<DecisionRecord>(prepared)));
  }
  while (s.state() == SessionState::AtScene) REQUIRE_FALSE(s.Continue());
  p.score = ScoreSession(s);
  return p;
}

}  // namespace

TEST_CASE("a never event fails every axis and the session, whatever the percents") {
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  Played tw = PlayPlan(lib, "liburan-testwise");  // five never events, the bad ending
  REQUIRE(tw.session->state() == SessionState::Ended);
  REQUIRE(tw.score.never_events.size() == 5);
  CHECK(tw.score.verdict == SessionVerdict::NotPassed);
  CHECK(tw.score.bad_ending);
  for (const auto& a : tw.score.axes) {
    CAPTURE(a.axis);
    CHECK(a.capped);
    CHECK(a.Verdict() == AxisVerdict::Failed);
    CHECK(a.Percent().has_value());  // the percent earned stays
  }

  // The first decisions alone: a never event already decides, before any ending.
  Played early = PlayPlan(lib, "liburan-testwise", 3);
  REQUIRE(early.session->state() != SessionState::Ended);
  REQUIRE_FALSE(early.score.never_events.empty());
  CHECK(early.score.verdict == SessionVerdict::NotPassed);
  CHECK_FALSE(early.score.bad_ending);
  for (const auto& a : early.score.axes) CHECK(a.capped);

  // A never event on a path that a good ending follows (the content forbids it: SCN060) still fails.
  SessionScore judged = tw.score;
  JudgeEnding(judged, true, "good");
  CHECK(judged.verdict == SessionVerdict::NotPassed);
  CHECK_FALSE(judged.bad_ending);
}

TEST_CASE("the SOP path passes; an unfinished session has no verdict yet; a bad ending or an axis below 60 % fails") {
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  Played best = PlayPlan(lib, "liburan-best");
  REQUIRE(best.session->EndingOutcome());
  CHECK(best.session->EndingOutcome()->rating == "good");
  CHECK(best.score.never_events.empty());
  CHECK(best.score.verdict == SessionVerdict::Passed);
  for (const auto& a : best.score.axes) {
    CHECK_FALSE(a.capped);
    CHECK(a.Verdict() == AxisVerdict::Passed);
  }

  Played part = PlayPlan(lib, "liburan-best", 2);
  CHECK(part.score.verdict == SessionVerdict::Unfinished);

  SessionScore bad = best.score;
  JudgeEnding(bad, true, "bad");
  CHECK(bad.verdict == SessionVerdict::NotPassed);
  CHECK(bad.bad_ending);

  // 59 of 100 fails an axis, 60 passes it (kPassPercent); no tag at all leaves it unscored.
  AxisResult low{"sop", 59, 100}, line{"sop", 60, 100}, none{"sop", 0, 0};
  CHECK(low.Verdict() == AxisVerdict::Failed);
  CHECK(line.Verdict() == AxisVerdict::Passed);
  CHECK(none.Verdict() == AxisVerdict::NotScored);
  none.capped = true;
  CHECK(none.Verdict() == AxisVerdict::Failed);
}

TEST_CASE("scoring a path is still the sum of scoring its decisions: the cap changes no number") {
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  Played tw = PlayPlan(lib, "liburan-testwise");
  const Session& s = *tw.session;
  std::vector<double> earned(tw.score.axes.size(), 0), possible(tw.score.axes.size(), 0);
  for (const auto& r : s.History()) {
    SessionScore one = ScoreDecisions(s.scenario(), *s.catalogue(), {r});
    for (std::size_t a = 0; a < one.axes.size(); ++a) {
      earned[a] += one.axes[a].earned;
      possible[a] += one.axes[a].possible;
    }
  }
  for (std::size_t a = 0; a < tw.score.axes.size(); ++a) {
    CHECK(tw.score.axes[a].earned == doctest::Approx(earned[a]));
    CHECK(tw.score.axes[a].possible == doctest::Approx(possible[a]));
  }
}
