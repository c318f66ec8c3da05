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

// ---- A checklist item whose correctness depends on the story -----------------------------------

namespace {

// tests/fixtures/format-companion.json played with `choices`; returns the session.
Session PlayCompanion(const Fixture& fx, const std::vector<std::string>& choices) {
  Session s = Start(fx);
  for (const auto& c : choices) {
    Advance(s);
    Play(s, c);
  }
  return s;
}

}  // namespace

TEST_CASE("a checklist item is right or wrong by the state the team answers in: engine, scoring, replay") {
  const Fixture fx = test::LoadFixture("format-companion.json");
  // He stayed: her glances at him are a sign of control (a hit).
  Session stayed = PlayCompanion(fx, {"b", "glances+passport"});
  SessionScore s1 = ScoreSession(stayed);
  REQUIRE(s1.checklists.size() == 1);
  CHECK(s1.checklists[0].hits == 2);
  CHECK(s1.checklists[0].false_alarms == 0);
  CHECK(s1.checklists[0].correct_items == 2);
  CHECK(s1.checklists[0].right == std::vector<bool>{true, true, false});
  CHECK(stayed.Value("trust") == 5);
  // He was sent out: she cannot be looking at him, so ticking it is a false alarm, and her step is violated.
  Session out = PlayCompanion(fx, {"a", "glances+passport"});
  SessionScore s2 = ScoreSession(out);
  REQUIRE(s2.checklists.size() == 1);
  CHECK(s2.checklists[0].hits == 1);
  CHECK(s2.checklists[0].false_alarms == 1);
  CHECK(s2.checklists[0].correct_items == 1);
  CHECK(s2.checklists[0].right == std::vector<bool>{false, true, false});
  CHECK(out.Value("trust") == 4);  // the engine's own counters agree: $false_alarms ≥ 1
  bool glance_violated = false;
  for (const auto& t : s2.tags)
    if (t.option == "glances") {
      CHECK(t.reason == TagReason::FalseAlarm);
      CHECK(t.verdict == Verdict::Violates);  // tagged "follows" for where it is right; wrong here
      glance_violated = true;
    }
  CHECK(glance_violated);
  // Not ticked while he is out: a correct rejection, not a miss.
  SessionScore s3 = ScoreSession(PlayCompanion(fx, {"a", "passport"}));
  CHECK(s3.checklists[0].misses == 0);
  CHECK(s3.checklists[0].hits == 1);
  // Scoring the records alone replays them for the state; given the values, it uses those.
  SessionScore replayed = ScoreDecisions(*fx.scenario, *fx.catalogue, out.History());
  CHECK(replayed.checklists[0].right == s2.checklists[0].right);
  const ValuesAt in_room{{{"trust", 5}, {"companion_in_room", 1}}, {{"trust", 5}, {"companion_in_room", 1}}};
  CHECK(ScoreDecisions(*fx.scenario, *fx.catalogue, out.History(), &in_room).checklists[0].false_alarms == 0);
  // A session restored from its JSON scores the same.
  auto back = Session::FromJson(out.ToJson(), fx.scenario, fx.catalogue);
  REQUIRE(std::holds_alternative<Session>(back));
  CHECK(ScoreSession(std::get<Session>(back)).checklists[0].right == s2.checklists[0].right);
}

TEST_CASE("a state-dependent item: validator, schema's twin in the loader, explorer, booklet and debrief") {
  const Fixture fx = test::LoadFixture("format-companion.json");
  auto changed = [&](const std::function<void(nlohmann::json&)>& change) {
    nlohmann::json j = nlohmann::json::parse(test::ReadText(test::DataPath("fixtures/format-companion.json")));
    change(j);
    return test::LoadScenarioText(j.dump(1), *fx.catalogue);
  };
  CHECK(Has(Codes(changed([](nlohmann::json& j) { j["nodes"][1]["decision"]["items"][0]["correct"] = {{"flag", "companion"}}; })), "SCN012"));
  CHECK(Has(Codes(changed([](nlohmann::json& j) {
          j["nodes"][1]["decision"]["items"][0]["correct"] = {{"var", "$hits"}, {"op", ">="}, {"value", 1}};
        })), "SCN034"));
  CHECK(Has(Codes(changed([](nlohmann::json& j) { j["nodes"][1]["decision"]["items"][0]["sop"]["s.c"] = "violates"; })), "SCN084"));
  CHECK(Has(Codes(changed([](nlohmann::json& j) { j["nodes"][1]["decision"]["items"][0]["correct"] = "yes"; })), "SCN005"));
  // The only other right item made wrong: still a checklist with something to tick (no SCN042).
  CHECK_FALSE(Has(Codes(changed([](nlohmann::json& j) { j["nodes"][1]["decision"]["items"][1]["correct"] = false; })), "SCN042"));
  // A condition that can never hold is found as anywhere else.
  CHECK(Has(Codes(changed([](nlohmann::json& j) {
          j["nodes"][0]["decision"]["choices"][0]["effects"].erase("companion_in_room");
          j["variables"][1]["initial"] = false;
        })), "SCN093"));

  // The explorer scores each state's tick sets by what is right there.
  StateSpace space = StateSpace::Explore(fx.scenario, fx.catalogue);
  REQUIRE(space.exhaustive());
  REQUIRE(space.StatesAt("dp2").size() == 2);  // the companion in the room, or not
  std::set<std::pair<int, int>> glance_scores;  // (never events, earned on the "sop" axis) when only "glances" is ticked
  for (std::size_t st : space.StatesAt("dp2"))
    for (std::size_t mi : space.states()[st].moves) {
      const ExploreMove& m = space.moves()[mi];
      for (std::uint32_t t : m.tick_sets)
        if (t == 1u) {
          const MoveScore& sc = space.scores()[space.TickScore(m, t)];
          glance_scores.emplace(sc.never_events, static_cast<int>(sc.axes.back().earned));
        }
    }
  CHECK(glance_scores.size() == 2);  // the same ticks, two different scores
  ExploreReport report = ExploreScenario(fx.scenario, fx.catalogue);
  CHECK(report.findings.empty());

  const std::string html = ReviewBookletHtml(*fx.scenario, *fx.catalogue, nullptr);
  CHECK(html.find("yes, when") != std::string::npos);
  CHECK(html.find("ya, jika") != std::string::npos);

  nlohmann::json j = ToJson(*fx.scenario);
  CHECK(j["nodes"][1]["decision"]["items"][0]["correct"] == nlohmann::json{{"flag", "companion_in_room"}});
}

#ifndef _WIN32
TEST_CASE("the debrief and the CSV judge a state-dependent item by each team's own state") {
  test::ScopedDir dir("format-companion-debrief");
  ContentLibrary lib = LoadLibrary({test::DataPath("fixtures/sop-mini.json"), test::DataPath("fixtures/format-companion.json")});
  test::PlayTeam(lib, {"Tim Luar", "format-companion", {"a", "glances+passport"}, 10000, test::HexId(11)}, dir.path);
  test::PlayTeam(lib, {"Tim Dalam", "format-companion", {"b", "glances+passport"}, 10000, test::HexId(12)}, dir.path);
  DebriefBook book;
  book.Add({dir.path}, lib);
  REQUIRE(book.Scenarios().size() == 1);
  const ScenarioDebrief& d = book.Scenarios().front();
  const DecisionAggregate* a = d.FindDecision("dp2");
  REQUIRE(a);
  CHECK_FALSE(a->options[0].recommended);  // right for one team, wrong for the other
  CHECK(a->options[1].recommended);
  const std::string csv = ExportCsv(book.Scenarios(), Lang::En);
  CHECK(csv.find("Tim Luar") != std::string::npos);
  std::size_t false_alarm = 0, hit = 0;
  for (const auto& line : test::SplitLines(csv)) {
    if (line.find(",s.c,") == std::string::npos || line.find(",A,") == std::string::npos) continue;  // item A: glances
    if (line.find("Tim Luar") != std::string::npos && line.find(",violates,false_alarm,") != std::string::npos) ++false_alarm;
    if (line.find("Tim Dalam") != std::string::npos && line.find(",follows,hit,") != std::string::npos) ++hit;
  }
  CHECK(false_alarm == 1);
  CHECK(hit == 1);
}
#endif
