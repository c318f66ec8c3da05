// The format's reach (issue 16 item 7): effects applied on entering a node ("on_enter"), a timer
// that runs out into an outcome of its own (not a visible option), and what the validator, the
// explorer, the booklet, the debrief and its CSV make of them. Built on
// tests/fixtures/format-reach.json, whose numbers the cases below rely on.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "booklet.h"
#include "debrief_fixtures.h"
#include "engine_test_util.h"
#include "explore.h"
#include "scoring.h"
#include "session.h"
#include "state_space.h"

using namespace sigap;
using sigap::test::Fixture;

namespace {

Session Start(const Fixture& fx) {
  SessionInfo info;
  info.session_id = "0123456789abcdef0123456789abcdef";
  info.team = "Tim Uji";
  info.seed = fx.scenario->seed;
  return Session(fx.scenario, fx.catalogue, info);
}

// Prepares and applies; fails the test on a refusal.
void Play(Session& s, const std::string& answer) {
  auto a = ParseAnswer(answer);
  REQUIRE(a);
  auto prepared = s.PrepareAnswer(*a, 20000, 0);
  if (auto* p = std::get_if<Problem>(&prepared)) FAIL(answer << ": " << p->code << " " << p->message);
  auto refused = s.Apply(std::get<DecisionRecord>(prepared));
  if (refused) FAIL(answer << ": " << refused->code << " " << refused->message);
}

void Advance(Session& s) {
  while (s.state() == SessionState::AtScene) REQUIRE_FALSE(s.Continue());
}

// The fixture with one change made to its JSON, loaded against the fixture's catalogue.
LoadedFile Changed(const Fixture& fx, const std::function<void(nlohmann::json&)>& change) {
  nlohmann::json j = nlohmann::json::parse(test::ReadText(test::DataPath("fixtures/format-reach.json")));
  change(j);
  return test::LoadScenarioText(j.dump(1), *fx.catalogue);
}

std::vector<std::string> Codes(const LoadedFile& f) {
  std::vector<std::string> out;
  for (const auto& d : f.diagnostics) out.push_back(d.code);
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("on_enter: effects apply once per entry, before the node's conditions and texts are read") {
  const Fixture fx = test::LoadFixture("format-reach.json");  // loads clean: no SCN093 on a route only on_enter can open
  Session s = Start(fx);
  CHECK(s.CurrentNode().id == "intro");
  CHECK(s.Value("minutes") == 19);  // the start node's own effect, at the start
  REQUIRE_FALSE(s.Continue());
  CHECK(s.CurrentNode().id == "dp1");
  CHECK(s.Value("minutes") == 18);
  Play(s, "a");
  CHECK(s.state() == SessionState::Ended);
  CHECK(s.Value("minutes") == 18);  // the ending "good" has no effect of its own
  CHECK(s.Value("trust") == 6);

  SUBCASE("re-entering a node applies its effects again, and a replay applies them exactly as often") {
    Session t = Start(fx);
    Advance(t);
    Play(t, "timeout");   // → wait (-5) → dp1 (-1)
    CHECK(t.CurrentNode().id == "wait");
    CHECK(t.Value("minutes") == 13);
    Advance(t);
    CHECK(t.CurrentNode().id == "dp1");
    CHECK(t.Value("minutes") == 12);
    CHECK(t.CurrentText().en == "Ani is still waiting.");  // text_if sees the timeout's flag
    auto back = Session::FromJson(t.ToJson(), fx.scenario, fx.catalogue);
    REQUIRE(std::holds_alternative<Session>(back));
    CHECK(std::get<Session>(back).Values() == t.Values());
    CHECK(std::get<Session>(back).Path() == t.Path());
  }
}

TEST_CASE("a scene loop whose on_enter effects count down is not refused as endless; one that stops changing is (ENG014)") {
  const Fixture fx = test::LoadFixture("format-reach.json");
  Session s = Start(fx);
  Advance(s);
  Play(s, "c");  // → countdown, a scene that loops on itself taking a minute each time
  int advances = 0;
  while (s.state() == SessionState::AtScene) {
    auto refused = s.Continue();
    REQUIRE_FALSE(refused);
    ++advances;
  }
  CHECK(advances > static_cast<int>(fx.scenario->nodes.size()));  // more scenes in a row than nodes: once refused
  CHECK(s.CurrentNode().id == "late");
  CHECK(s.Value("minutes") == 0);
  CHECK(s.Value("trust") == 4);  // "late" takes one on entry

  // The same loop waiting for a value below the minimum: the minutes stop at 0 and it repeats.
  LoadedFile stuck = Changed(fx, [](nlohmann::json& j) { j["nodes"][3]["next"][0]["if"]["value"] = -1; });
  REQUIRE(stuck.scenario);
  Fixture fx2{fx.catalogue, stuck.scenario};
  Session t = Start(fx2);
  Advance(t);
  Play(t, "c");
  std::optional<Problem> refused;
  for (int i = 0; i < 200 && !refused; ++i) refused = t.Continue();
  REQUIRE(refused);
  CHECK(refused->code == "ENG014");
}

TEST_CASE("a timer runs out into its own outcome: effects, SOP verdicts, route; recorded as a plain timeout") {
  const Fixture fx = test::LoadFixture("format-reach.json");
  Session s = Start(fx);
  Advance(s);
  auto prepared = s.PrepareTimeout(20000, 20000);
  REQUIRE(std::holds_alternative<DecisionRecord>(prepared));
  const DecisionRecord rec = std::get<DecisionRecord>(prepared);
  CHECK(rec.timed_out);
  CHECK_FALSE(rec.unconfirmed);
  CHECK(rec.choice.empty());  // no option was taken
  CHECK(rec.shown == std::vector<std::string>{"a", "b", "c"});  // the timeout is no option on screen
  CHECK(FormatAnswer(rec) == "timeout");
  REQUIRE_FALSE(s.Apply(rec));
  CHECK(s.Value("trust") == 3);
  CHECK(s.Value("hesitated") == 1);
  // Three hesitations: 18 → 13 → 12 → 7 → 6 → 1, then the way out to "late".
  Advance(s);
  Play(s, "timeout");
  Advance(s);
  Play(s, "timeout");
  CHECK(s.CurrentNode().id == "wait");  // a scene: the team reads it, then the route out finds 1 minute left
  Advance(s);
  CHECK(s.state() == SessionState::Ended);
  CHECK(s.CurrentNode().id == "late");
  CHECK(s.Value("minutes") == 1);
  CHECK(s.Value("trust") == 0);  // 5 − 2 − 2 − 2, clamped, then "late" takes one more

  SessionScore score = ScoreSession(s);
  REQUIRE(score.tags.size() == 3);
  for (const auto& t : score.tags) {
    CHECK(t.option == kTimeoutOption);
    CHECK(t.step == "s.b");
    CHECK(t.verdict == Verdict::Violates);
    CHECK(t.reason == TagReason::TimedOut);
    REQUIRE(t.feedback);
    CHECK(t.feedback->en == "Delay leaves the victim waiting without knowing.");
  }
  CHECK(score.FindStep("s.b")->status == StepStatus::Violated);
  CHECK(score.verdict == SessionVerdict::NotPassed);

  SUBCASE("a choice selected when time runs out is still the team's answer, not the outcome") {
    Session t = Start(fx);
    Advance(t);
    Play(t, "timeout:a");
    CHECK(t.CurrentNode().id == "good");
    CHECK(t.History().back().unconfirmed);
    CHECK(t.History().back().choice == "a");
  }
  SUBCASE("a logged timeout naming a choice where time has its own outcome is refused and changes nothing") {
    Session t = Start(fx);
    Advance(t);
    DecisionRecord forged = rec;
    forged.choice = "b";
    const auto before = t.ToJson();
    auto refused = t.Apply(forged);
    REQUIRE(refused);
    CHECK(refused->code == "ENG007");
    CHECK(t.ToJson() == before);
  }
  SUBCASE("a refused record undoes the on_enter effects of the scenes passed on its way") {
    Session t = Start(fx);
    Advance(t);
    Play(t, "timeout");
    REQUIRE(t.CurrentNode().id == "wait");
    const auto values = t.Values();
    const auto path = t.Path();
    DecisionRecord wrong;
    wrong.node = "dp1";
    wrong.choice = "zz";
    auto refused = t.Apply(wrong);
    REQUIRE(refused);
    CHECK(refused->code == "ENG003");
    CHECK(t.Values() == values);  // dp1's -1 was taken back with the refusal
    CHECK(t.Path() == path);
    CHECK(t.CurrentNode().id == "wait");
  }
}

TEST_CASE("the validator: unknown variables in on_enter, a timer with both a default and a timeout, a checklist timeout") {
  const Fixture fx = test::LoadFixture("format-reach.json");
  LoadedFile unknown = Changed(fx, [](nlohmann::json& j) { j["nodes"][0]["on_enter"]["minuts"] = -1; });
  CHECK_FALSE(unknown.scenario);
  CHECK(Has(Codes(unknown), "SCN012"));

  LoadedFile both = Changed(fx, [](nlohmann::json& j) { j["nodes"][1]["decision"]["timer"]["default"] = "a"; });
  CHECK_FALSE(both.scenario);
  CHECK(Has(Codes(both), "SCN048"));

  LoadedFile neither = Changed(fx, [](nlohmann::json& j) { j["nodes"][1]["decision"]["timer"].erase("timeout"); });
  CHECK(Has(Codes(neither), "SCN043"));

  LoadedFile to_nowhere = Changed(fx, [](nlohmann::json& j) { j["nodes"][1]["decision"]["timer"]["timeout"]["next"] = "nowhere"; });
  CHECK(Has(Codes(to_nowhere), "SCN011"));

  LoadedFile untagged = Changed(fx, [](nlohmann::json& j) {
    auto& t = j["nodes"][1]["decision"]["timer"]["timeout"];
    t.erase("sop");
    t.erase("feedback");
  });
  REQUIRE(untagged.scenario);  // warnings only
  CHECK(Has(Codes(untagged), "SCN040"));
  CHECK(Has(Codes(untagged), "SCN041"));

  // Only a timeout reaches "wait": without it, the scene is unreachable (the graph follows the timeout's route).
  LoadedFile cut = Changed(fx, [](nlohmann::json& j) { j["nodes"][1]["decision"]["timer"]["timeout"]["next"] = "bad"; });
  CHECK(Has(Codes(cut), "SCN020"));
}

TEST_CASE("the explorer treats the timeout outcome as a move and on_enter as part of every state") {
  const Fixture fx = test::LoadFixture("format-reach.json");
  StateSpace space = StateSpace::Explore(fx.scenario, fx.catalogue);
  REQUIRE(space.exhaustive());
  CHECK(space.problems().empty());
  CHECK(space.Reached("late"));
  CHECK(space.Reached("wait"));
  std::size_t timeouts = 0;
  for (const auto& m : space.moves())
    if (m.kind == MoveKind::Timeout) {
      ++timeouts;
      CHECK(m.choice == nullptr);
      CHECK(m.record.choice.empty());
      CHECK(space.states()[m.to].node->id == "wait");
    }
  CHECK(timeouts == 3);  // dp1 at 18, 12 and 6 minutes
  // dp1 is met with three different minute counts: each a state of its own.
  CHECK(space.StatesAt("dp1").size() == 3);
  for (std::size_t st : space.StatesAt("dp1")) CHECK(space.Values(st).at("minutes") >= 6);

  ExploreReport report = ExploreScenario(fx.scenario, fx.catalogue);
  CHECK(report.findings.empty());
  CHECK(std::find_if(report.endings.begin(), report.endings.end(), [](const EndingRange& e) { return e.node->id == "late"; }) !=
        report.endings.end());
}

TEST_CASE("the booklet says what happens on entering a node and when time runs out") {
  const Fixture fx = test::LoadFixture("format-reach.json");
  const std::string html = ReviewBookletHtml(*fx.scenario, *fx.catalogue, nullptr);
  CHECK(html.find("Efek saat masuk") != std::string::npos);
  CHECK(html.find("Effects on entering") != std::string::npos);
  CHECK(html.find("Waktu habis · Time ran out") != std::string::npos);
  CHECK(html.find("The team hesitates; Ani waits in the corridor.") != std::string::npos);
  CHECK(html.find("When time runs out: an outcome of its own") != std::string::npos);
  CHECK(html.find("When time runs out: option") == std::string::npos);
}

TEST_CASE("canonical JSON keeps on_enter and the timeout outcome") {
  const Fixture fx = test::LoadFixture("format-reach.json");
  nlohmann::json j = ToJson(*fx.scenario);
  CHECK(j["nodes"][0]["on_enter"] == nlohmann::json{{"minutes", -1}});
  CHECK_FALSE(j["nodes"][1]["decision"]["timer"].contains("default"));
  CHECK(j["nodes"][1]["decision"]["timer"]["timeout"]["next"] == "wait");
  LoadedFile again = test::LoadScenarioText(j.dump(), *fx.catalogue);
  REQUIRE(again.scenario);
  CHECK(*again.scenario == *fx.scenario);
}

#ifndef _WIN32
TEST_CASE("a team that lets the clock run out: the debrief counts it in a row of its own, the CSV says timeout") {
  test::ScopedDir dir("format-debrief");
  ContentLibrary lib = LoadLibrary({test::DataPath("fixtures/sop-mini.json"), test::DataPath("fixtures/format-reach.json")});
  test::TeamPlan slow{"Tim Ragu", "format-reach", {"timeout", "a"}, 10000, test::HexId(1)};
  test::TeamPlan quick{"Tim Cepat", "format-reach", {"a"}, 10000, test::HexId(2)};
  test::PlayTeam(lib, slow, dir.path);
  test::PlayTeam(lib, quick, dir.path);
  DebriefBook book;
  book.Add({dir.path}, lib);
  REQUIRE(book.Scenarios().size() == 1);
  const ScenarioDebrief& d = book.Scenarios().front();
  const DecisionAggregate* a = d.FindDecision("dp1");
  REQUIRE(a);
  REQUIRE(a->options.size() == 4);  // a, b, c and the timeout
  CHECK(a->options[3].option == kTimeoutOption);
  CHECK(a->options[3].letter == kTimeoutLetter);
  CHECK(a->options[3].teams == 1);
  CHECK(a->options[3].worst == Verdict::Violates);
  CHECK_FALSE(a->options[3].recommended);
  CHECK(a->options[0].teams == 2);
  CHECK(a->timeouts == 1);

  const std::string csv = ExportCsv(book.Scenarios(), Lang::En);
  CHECK(csv.find(",dp1,timeout,true,") != std::string::npos);
  CHECK(csv.find(",s.b,violates,timed_out,") != std::string::npos);
  const std::string html = ExportHtml(book.Scenarios(), Lang::En, false);
  CHECK(html.find("Time ran out: The team hesitates; Ani waits in the corridor.") != std::string::npos);
}

TEST_CASE("sigap play and validate: a timeout into its own outcome in the transcript; the fixture validates clean") {
  test::ScopedDir dir("format-play");
  auto play = test::RunSigap({"play", test::DataPath("fixtures/format-reach.json"), "--team", "Uji", "--lang", "en",
                              "--choices", "timeout,timeout,timeout", "--results", dir.path});
  INFO(play.err);
  CHECK(play.exit_code == 0);
  CHECK(play.out.find("Time ran out: The team hesitates; Ani waits in the corridor.") != std::string::npos);
  CHECK(play.out.find("Delay leaves the victim waiting without knowing.") != std::string::npos);
  auto validate = test::RunSigap({"validate", test::DataPath("fixtures/format-reach.json"), test::DataPath("fixtures/sop-mini.json")});
  INFO(validate.out);
  CHECK(validate.exit_code == 0);
  CHECK(validate.out.find("0 errors, 0 warnings") != std::string::npos);
}
#endif
