// The engine: the session state machine, conditions and effects, text variants, hidden and
// shuffled choices, timers, checklists, scoring and determinism. Every test case runs twice:
// directly, and with the session serialised and restored (Session::ToJson → FromJson) before
// every step, as ink runs its suite after a JSON round trip of the story state.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <set>

#include "engine_test_util.h"
#include "scoring.h"
#include "session.h"
#include "state_space.h"

using namespace sigap;
using sigap::test::Fixture;

namespace {

// Every test case starts with this: two subcases, and `round_trip` says which one runs.
#define ENGINE_ROUND_TRIP_SUBCASES                             \
  bool round_trip = false;                                     \
  SUBCASE("direct") {}                                         \
  SUBCASE("after a JSON round trip of the session") { round_trip = true; }

// Drives a Session; with round_trip, the session is rebuilt from its JSON before every access.
class Driver {
 public:
  Driver(const Fixture& fx, bool round_trip, std::int64_t seed = 7) : fx_(fx), round_trip_(round_trip) {
    SessionInfo info;
    info.session_id = "0123456789abcdef0123456789abcdef";
    info.team = "Tim Uji";
    info.seed = seed;
    info.lang = Lang::En;
    info.mode = Mode::Assessment;
    info.started_utc = "2026-01-02T03:04:05Z";
    info.app_version = "test";
    session_.emplace(fx.scenario, fx.catalogue, info);
  }

  Session& s() {
    if (round_trip_) {
      nlohmann::json saved = session_->ToJson();
      auto restored = Session::FromJson(saved, fx_.scenario, fx_.catalogue);
      if (auto* r = std::get_if<Problem>(&restored)) FAIL(r->code << ": " << r->message);
      Session& back = std::get<Session>(restored);
      CHECK(back.ToJson() == saved);
      CHECK(back.Path() == session_->Path());
      CHECK(back.Values() == session_->Values());
      CHECK(back.state() == session_->state());
      CHECK(back.info().seed == session_->info().seed);
      session_.emplace(std::move(back));
    }
    return *session_;
  }

  std::optional<Problem> Continue() { return s().Continue(); }
  std::optional<Problem> Choose(const std::string& id, std::int64_t elapsed = 1500) {
    auto p = s().PrepareChoice(id, elapsed, ++clock_ * 1000);
    if (auto* r = std::get_if<Problem>(&p)) return *r;
    return s().Apply(std::get<DecisionRecord>(p));
  }
  std::optional<Problem> Tick(const std::vector<std::string>& items) {
    auto p = s().PrepareChecklist(items, 2000, ++clock_ * 1000);
    if (auto* r = std::get_if<Problem>(&p)) return *r;
    return s().Apply(std::get<DecisionRecord>(p));
  }
  std::optional<Problem> Timeout(const std::vector<std::string>& ticked = {}) {
    auto p = s().PrepareTimeout(30000, ++clock_ * 1000, ticked);
    if (auto* r = std::get_if<Problem>(&p)) return *r;
    return s().Apply(std::get<DecisionRecord>(p));
  }
  // Continues through scenes until a decision or an ending.
  void Advance() {
    while (s().state() == SessionState::AtScene) REQUIRE_FALSE(Continue());
  }
  SessionScore Score() { return ScoreDecisions(s().scenario(), *s().catalogue(), s().History()); }
  std::vector<std::string> Offered() {
    std::vector<std::string> ids;
    for (const Choice* c : s().AvailableChoices()) ids.push_back(c->id);
    return ids;
  }

 private:
  const Fixture& fx_;
  bool round_trip_;
  std::optional<Session> session_;
  std::int64_t clock_ = 0;
};

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// A refused call must leave the session exactly as it was.
void CheckRefusedAndUnchanged(Driver& d, const char* code, const std::function<std::optional<Problem>()>& call) {
  nlohmann::json before = d.s().ToJson();
  auto path = d.s().Path();
  auto values = d.s().Values();
  auto refusal = call();
  REQUIRE(refusal.has_value());
  CHECK(refusal->code == code);
  CHECK_FALSE(refusal->message.empty());
  CHECK(d.s().ToJson() == before);
  CHECK(d.s().Path() == path);
  CHECK(d.s().Values() == values);
}

// The three paths through tests/fixtures/engine-mini.json used below.
void PlayBest(Driver& d) {
  d.Advance();
  REQUIRE_FALSE(d.Choose("a"));
  d.Advance();
  REQUIRE_FALSE(d.Choose("a"));
  REQUIRE_FALSE(d.Tick({"x1", "x2", "x3"}));
}

void PlayWorst(Driver& d) {
  d.Advance();
  REQUIRE_FALSE(d.Choose("b"));
  d.Advance();
  REQUIRE_FALSE(d.Tick({"f2", "x1", "f1"}));
}

}  // namespace

TEST_CASE("a session starts at the start node with the initial values") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  Driver d(fx, round_trip);
  CHECK(d.s().state() == SessionState::AtScene);
  CHECK(d.s().CurrentNode().id == "intro");
  CHECK(d.s().Path() == std::vector<std::string>{"intro"});
  CHECK(d.s().Value("trust") == 5);
  CHECK(d.s().Value("risk") == 2);
  CHECK(d.s().Value("met") == 0);
  CHECK(d.s().History().empty());
  CHECK(d.s().AvailableChoices().empty());
  CHECK_FALSE(d.s().TimerSeconds());
  CHECK(d.s().EndingOutcome() == nullptr);
}

TEST_CASE("illegal calls are refused and change nothing") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  Driver d(fx, round_trip);

  // At a scene: no decision can be made.
  CheckRefusedAndUnchanged(d, "ENG002", [&] { return d.Choose("a"); });
  CheckRefusedAndUnchanged(d, "ENG002", [&] { return d.Tick({"x1"}); });
  CheckRefusedAndUnchanged(d, "ENG006", [&] { return d.Timeout(); });
  // A record for a node further on is refused, even though scenes would be passed through first.
  CheckRefusedAndUnchanged(d, "ENG008", [&] {
    DecisionRecord r;
    r.node = "dp3";
    r.checklist = true;
    r.items = {"x1"};
    return d.s().Apply(r);
  });
  CHECK(d.s().CurrentNode().id == "intro");

  d.Advance();
  REQUIRE(d.s().state() == SessionState::AwaitingChoice);
  CheckRefusedAndUnchanged(d, "ENG001", [&] { return d.Continue(); });
  CheckRefusedAndUnchanged(d, "ENG003", [&] { return d.Choose("zzz"); });
  CheckRefusedAndUnchanged(d, "ENG003", [&] { return d.Choose("c"); });  // hidden: trust < 6
  CheckRefusedAndUnchanged(d, "ENG002", [&] { return d.Tick({"a"}); });   // checklist on a single decision
  CheckRefusedAndUnchanged(d, "ENG006", [&] { return d.Timeout(); });     // dp1 has no timer
  CheckRefusedAndUnchanged(d, "ENG008", [&] {
    DecisionRecord r;
    r.node = "dp2";
    r.choice = "a";
    return d.s().Apply(r);
  });
  CheckRefusedAndUnchanged(d, "ENG006", [&] {
    DecisionRecord r;
    r.node = "dp1";
    r.choice = "a";
    r.timed_out = true;  // a timeout recorded for an untimed decision
    return d.s().Apply(r);
  });
  CheckRefusedAndUnchanged(d, "ENG002", [&] {
    DecisionRecord r;
    r.node = "dp1";
    r.checklist = true;
    return d.s().Apply(r);
  });

  REQUIRE_FALSE(d.Choose("a"));
  d.Advance();
  REQUIRE(d.s().CurrentNode().id == "dp2");
  // A timed-out record must carry the timeout default: anything else was not a timeout.
  CheckRefusedAndUnchanged(d, "ENG007", [&] {
    DecisionRecord r;
    r.node = "dp2";
    r.choice = "a";
    r.timed_out = true;
    return d.s().Apply(r);
  });
  REQUIRE_FALSE(d.Choose("a"));
  REQUIRE(d.s().state() == SessionState::AwaitingChecklist);
  CheckRefusedAndUnchanged(d, "ENG002", [&] { return d.Choose("x1"); });
  CheckRefusedAndUnchanged(d, "ENG004", [&] { return d.Tick({"x1", "nope"}); });
  CheckRefusedAndUnchanged(d, "ENG005", [&] { return d.Tick({"x1", "x1"}); });
  CheckRefusedAndUnchanged(d, "ENG001", [&] { return d.Continue(); });

  REQUIRE_FALSE(d.Tick({"x1", "x2", "x3"}));
  REQUIRE(d.s().state() == SessionState::Ended);
  CheckRefusedAndUnchanged(d, "ENG001", [&] { return d.Continue(); });
  CheckRefusedAndUnchanged(d, "ENG002", [&] { return d.Choose("a"); });
  CheckRefusedAndUnchanged(d, "ENG002", [&] { return d.Tick({}); });
  CheckRefusedAndUnchanged(d, "ENG006", [&] { return d.Timeout(); });
}

TEST_CASE("the best path: effects, clamping, outcomes and routes") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  Driver d(fx, round_trip);
  d.Advance();
  REQUIRE_FALSE(d.Choose("a"));                       // trust 5+2, met
  CHECK(d.s().Value("trust") == 7);
  CHECK(d.s().Value("met") == 1);
  CHECK(d.s().state() == SessionState::AtScene);
  CHECK(d.s().CurrentNode().id == "mid");
  CHECK(d.s().CurrentText().Get(Lang::En) == "Met");  // first text_if that holds
  d.Advance();
  CHECK(d.s().CurrentNode().id == "dp2");             // risk < 10: the unconditional route
  CHECK(Sorted(d.Offered()) == std::vector<std::string>{"a", "b"});  // c needs "not met"
  REQUIRE_FALSE(d.Choose("a"));                       // outcome: met → trust +1
  CHECK(d.s().Value("trust") == 8);
  CHECK(d.s().state() == SessionState::AwaitingChecklist);
  CHECK(d.s().ChecklistItems().size() == 5);
  REQUIRE_FALSE(d.Tick({"x3", "x1", "x2"}));          // 3 hits: +3 (clamped at 10), outcome +1 (clamped)
  CHECK(d.s().Value("trust") == 10);
  CHECK(d.s().Value("minutes") == 10);                // no miss: the $misses outcome does not apply
  CHECK(d.s().state() == SessionState::Ended);
  REQUIRE(d.s().EndingOutcome() != nullptr);
  CHECK(d.s().EndingOutcome()->id == "e_good");
  CHECK(d.s().Path() == std::vector<std::string>{"intro", "dp1", "mid", "dp2", "dp3", "good"});
  // The checklist record is stored in the scenario's item order, whatever order they were ticked in.
  CHECK(d.s().History().back().items == std::vector<std::string>{"x1", "x2", "x3"});
}

TEST_CASE("the worst path: set effects clamp, a conditional route skips a node, checklist counters") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  Driver d(fx, round_trip);
  d.Advance();
  REQUIRE_FALSE(d.Choose("b"));            // trust -20 → 0, risk set 99 → 10
  CHECK(d.s().Value("trust") == 0);
  CHECK(d.s().Value("risk") == 10);
  CHECK(d.s().CurrentText().Get(Lang::Id) == "Berbahaya");  // second variant: met is false
  d.Advance();
  CHECK(d.s().CurrentNode().id == "dp3");  // risk >= 10 routes past dp2
  REQUIRE_FALSE(d.Tick({"f2", "x1", "f1"}));
  // x1 hit +1 → 1; x2, x3 missed -1 each → 0; f1 and f2 false alarms: risk stays clamped at 10;
  // $misses > 0 → minutes -1.
  CHECK(d.s().Value("trust") == 0);
  CHECK(d.s().Value("risk") == 10);
  CHECK(d.s().Value("minutes") == 9);
  CHECK(d.s().EndingOutcome()->id == "e_bad");
  CHECK(d.s().Path() == std::vector<std::string>{"intro", "dp1", "mid", "dp3", "bad"});
}

TEST_CASE("timers: seconds_if, a timeout takes the default, a checklist timeout submits what is ticked") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  Driver d(fx, round_trip);
  d.Advance();
  CHECK_FALSE(d.s().TimerSeconds());
  REQUIRE_FALSE(d.Choose("d"));  // minutes 10 → 2, risk 3
  CHECK(d.s().CurrentText().Get(Lang::En) == "Plain");
  d.Advance();
  REQUIRE(d.s().CurrentNode().id == "dp2");
  CHECK(d.s().TimerSeconds() == 10);  // minutes <= 5
  CHECK(Sorted(d.Offered()) == std::vector<std::string>{"a", "b", "c"});
  REQUIRE_FALSE(d.Timeout());
  const DecisionRecord r = d.s().History().back();
  CHECK(r.node == "dp2");
  CHECK(r.choice == "b");
  CHECK(r.timed_out);
  CHECK(d.s().Value("risk") == 6);
  REQUIRE(d.s().CurrentNode().id == "dp3");
  CHECK(d.s().TimerSeconds() == 20);
  REQUIRE_FALSE(d.Timeout({"x2"}));
  const DecisionRecord c = d.s().History().back();
  CHECK(c.checklist);
  CHECK(c.timed_out);
  CHECK(c.items == std::vector<std::string>{"x2"});
  CHECK(d.s().Value("trust") == 4);   // 1 hit, 2 misses
  CHECK(d.s().Value("minutes") == 1); // $misses > 0
  CHECK(d.s().EndingOutcome()->id == "e_mixed");

  SessionScore score = d.Score();
  REQUIRE(score.tags.size() >= 2);
  CHECK(score.tags[1].reason == TagReason::TimedOut);
  CHECK(score.tags[1].step == "s.c");
  REQUIRE(score.checklists.size() == 1);
  CHECK(score.checklists[0].hits == 1);
  CHECK(score.checklists[0].misses == 2);
  CHECK(score.checklists[0].false_alarms == 0);
  CHECK(score.checklists[0].correct_items == 3);
}

TEST_CASE("a timeout with an option selected submits that option, recorded as unconfirmed and scored as the team's") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  Driver d(fx, round_trip);
  d.Advance();
  REQUIRE_FALSE(d.Choose("a"));
  d.Advance();
  REQUIRE(d.s().CurrentNode().id == "dp2");
  REQUIRE_FALSE(d.Timeout({"a"}));  // "a" was selected when the clock ran out; the default is "b"
  const DecisionRecord r = d.s().History().back();  // a copy: d.s() may rebuild the session
  CHECK(r.choice == "a");
  CHECK(r.timed_out);
  CHECK(r.unconfirmed);
  SessionScore score = d.Score();
  bool seen = false;
  for (const auto& t : score.tags)
    if (t.node == "dp2") {
      seen = true;
      CHECK(t.option == "a");
      CHECK(t.reason == TagReason::Unconfirmed);
    }
  CHECK(seen);
  CHECK(FormatAnswer(r) == "timeout:a");
  // A checklist that runs out with items ticked is unconfirmed too; with none it is a plain timeout.
  REQUIRE(d.s().CurrentNode().id == "dp3");
  REQUIRE_FALSE(d.Timeout({"x1"}));
  CHECK(d.s().History().back().unconfirmed);
  CHECK(FormatAnswer(d.s().History().back()) == "timeout:x1");
}

TEST_CASE("a record cannot claim to be unconfirmed without a timeout, nor a timeout take two options") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  Driver d(fx, round_trip);
  d.Advance();
  REQUIRE_FALSE(d.Choose("a"));
  d.Advance();
  DecisionRecord forged = std::get<DecisionRecord>(d.s().PrepareChoice("a", 100, 100));
  forged.unconfirmed = true;
  CheckRefusedAndUnchanged(d, "ENG013", [&] { return d.s().Apply(forged); });
  CheckRefusedAndUnchanged(d, "ENG012", [&] { return d.Timeout({"a", "c"}); });
}

TEST_CASE("every decision record holds the order its options were shown in") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  Driver d(fx, round_trip, 11);
  d.Advance();
  auto offered = d.Offered();
  REQUIRE_FALSE(d.Choose(offered.back()));
  CHECK(d.s().History().back().shown == offered);
  d.Advance();
  REQUIRE_FALSE(d.Choose("a"));
  std::vector<std::string> items;
  for (const ChecklistItem* i : d.s().ChecklistItems()) items.push_back(i->id);
  REQUIRE_FALSE(d.Tick({"x1"}));
  CHECK(d.s().History().back().shown == items);
}

TEST_CASE("the timer uses its base seconds when no seconds_if holds") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  Driver d(fx, round_trip);
  d.Advance();
  REQUIRE_FALSE(d.Choose("a"));
  d.Advance();
  CHECK(d.s().TimerSeconds() == 30);
}

TEST_CASE("a timeout whose default is hidden by its condition is refused") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture base = test::LoadFixture();
  nlohmann::json j = ToJson(*base.scenario);
  // dp2's default becomes "c", which is hidden once "met" is set (choice a at dp1).
  j["nodes"][3]["decision"]["timer"]["default"] = "c";
  LoadedFile f = test::LoadScenarioText(j.dump(), *base.catalogue);
  REQUIRE(f.ok());
  Fixture fx{base.catalogue, f.scenario};
  Driver d(fx, round_trip);
  d.Advance();
  REQUIRE_FALSE(d.Choose("a"));
  d.Advance();
  CheckRefusedAndUnchanged(d, "ENG007", [&] { return d.Timeout(); });
  REQUIRE_FALSE(d.Choose("b"));
}

TEST_CASE("hidden choices appear when their condition holds") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture base = test::LoadFixture();
  nlohmann::json j = ToJson(*base.scenario);
  j["variables"][0]["initial"] = 6;  // trust 6: dp1's choice c ("trust >= 6") is offered
  LoadedFile f = test::LoadScenarioText(j.dump(), *base.catalogue);
  REQUIRE(f.ok());
  Fixture fx{base.catalogue, f.scenario};
  Driver d(fx, round_trip);
  d.Advance();
  CHECK(Sorted(d.Offered()) == std::vector<std::string>{"a", "b", "c", "d"});
  REQUIRE_FALSE(d.Choose("c"));
  CHECK(d.s().History().back().choice == "c");
}

TEST_CASE("shuffled choices: the same seed gives the same order, different seeds differ") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  auto order = [&](std::int64_t seed) {
    Driver d(fx, round_trip, seed);
    d.Advance();
    auto first = d.Offered();
    CHECK(d.Offered() == first);  // asking again does not reshuffle
    return first;
  };
  std::set<std::vector<std::string>> seen;
  for (std::int64_t seed = 1; seed <= 24; ++seed) {
    auto o = order(seed);
    CHECK(Sorted(o) == std::vector<std::string>{"a", "b", "d"});
    CHECK(order(seed) == o);
    seen.insert(o);
  }
  CHECK(seen.size() >= 3);  // the seed really changes the order

  // A decision without "shuffle" keeps the authored order.
  Driver d(fx, round_trip, 3);
  d.Advance();
  REQUIRE_FALSE(d.Choose("d"));
  d.Advance();
  CHECK(d.Offered() == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("scoring: step status worst wins, axes weighted, never events listed") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  SUBCASE("best path") {
    Driver d(fx, round_trip);
    PlayBest(d);
    SessionScore s = d.Score();
    CHECK(s.FindStep("s.a")->status == StepStatus::Followed);
    CHECK(s.FindStep("s.a")->follows == 3);
    CHECK(s.FindStep("s.b")->status == StepStatus::Followed);
    CHECK(s.FindStep("s.c")->status == StepStatus::Followed);
    CHECK(s.FindStep("s.d")->status == StepStatus::NotReached);  // assessed, never tagged
    CHECK(s.FindAxis("sop")->Percent() == doctest::Approx(100.0));
    CHECK(s.FindAxis("sop")->possible == doctest::Approx(5.0));
    CHECK(s.FindAxis("safety")->possible == doctest::Approx(11.0));
    CHECK(s.never_events.empty());
    // A score explains itself: every point names its decision, option, step and feedback.
    for (const auto& t : s.tags) {
      CHECK(t.decision < d.s().History().size());
      CHECK_FALSE(t.node.empty());
      CHECK_FALSE(t.option.empty());
      REQUIRE(t.feedback != nullptr);
      CHECK_FALSE(t.feedback->id.empty());
      REQUIRE(t.source != nullptr);
    }
    CHECK(s.tags[0].feedback->Get(Lang::En) == "Good A");
  }
  SUBCASE("worst path") {
    Driver d(fx, round_trip);
    PlayWorst(d);
    SessionScore s = d.Score();
    // s.a: 1 follows (hit x1) and 2 violations (missed x3, false alarm f2): the worst wins.
    const StepResult* a = s.FindStep("s.a");
    CHECK(a->status == StepStatus::Violated);
    CHECK(a->follows == 1);
    CHECK(a->violations == 2);
    CHECK(s.FindStep("s.b")->status == StepStatus::Critical);
    CHECK(s.FindStep("s.b")->criticals == 2);
    CHECK(s.FindStep("s.c")->status == StepStatus::Violated);
    CHECK(s.FindStep("s.d")->status == StepStatus::NotReached);
    // sop: s.a (weight 1) 1 of 3 tags followed, s.b (weight 2) 0 of 2 → 1 / 7.
    CHECK(s.FindAxis("sop")->earned == doctest::Approx(1.0));
    CHECK(s.FindAxis("sop")->possible == doctest::Approx(7.0));
    CHECK(*s.FindAxis("sop")->Percent() == doctest::Approx(100.0 / 7.0));
    // safety: s.b 2 × 2 + s.c 2 × 3 = 10 possible, nothing earned.
    CHECK(*s.FindAxis("safety")->Percent() == doctest::Approx(0.0));
    REQUIRE(s.never_events.size() == 2);
    CHECK(s.never_events[0].node == "dp1");
    CHECK(s.never_events[0].option == "b");
    CHECK(s.never_events[1].node == "dp3");
    CHECK(s.never_events[1].option == "f1");
    CHECK(s.never_events[1].reason == TagReason::FalseAlarm);
    CHECK(s.never_events[1].feedback->Get(Lang::En) == "Not F1");  // the item's own feedback
    // Missed items count as violations of their steps.
    int misses = 0;
    for (const auto& t : s.tags)
      if (t.reason == TagReason::Miss) {
        ++misses;
        CHECK(t.verdict == Verdict::Violates);
      }
    CHECK(misses == 3);  // x2 → s.c, x3 → s.a and s.c
    REQUIRE(s.checklists.size() == 1);
    CHECK(s.checklists[0].hits == 1);
    CHECK(s.checklists[0].misses == 2);
    CHECK(s.checklists[0].false_alarms == 2);
  }
  SUBCASE("an empty session touches nothing") {
    Driver d(fx, round_trip);
    SessionScore s = d.Score();
    CHECK(s.tags.empty());
    CHECK(s.steps.size() == 4);
    for (const auto& st : s.steps) CHECK(st.status == StepStatus::NotReached);
    for (const auto& a : s.axes) CHECK_FALSE(a.Percent().has_value());
  }
}

TEST_CASE("determinism: the same scenario, seed and decisions give the same path and scores") {
  ENGINE_ROUND_TRIP_SUBCASES
  Fixture fx = test::LoadFixture();
  auto run = [&](auto&& play) {
    Driver d(fx, round_trip, 11);
    play(d);
    SessionScore s = d.Score();
    nlohmann::json summary{{"path", d.s().Path()}, {"values", d.s().Values()}, {"state", d.s().ToJson()}};
    for (const auto& st : s.steps) summary["steps"].push_back({st.step, StepStatusName(st.status), st.follows, st.violations, st.criticals});
    for (const auto& a : s.axes) summary["axes"].push_back({a.axis, a.earned, a.possible});
    summary["never"] = s.never_events.size();
    return summary;
  };
  CHECK(run(PlayBest) == run(PlayBest));
  CHECK(run(PlayWorst) == run(PlayWorst));
  CHECK(run(PlayBest) != run(PlayWorst));
}

TEST_CASE("a session restored from JSON continues exactly like the original") {
  Fixture fx = test::LoadFixture();
  Driver live(fx, false);
  live.Advance();
  REQUIRE_FALSE(live.Choose("d"));
  // Saved at the scene between two decisions: the restored session stands at the same scene.
  nlohmann::json saved = live.s().ToJson();
  CHECK(saved["node"] == "mid");
  auto restored = Session::FromJson(saved, fx.scenario, fx.catalogue);
  REQUIRE(std::holds_alternative<Session>(restored));
  Session& r = std::get<Session>(restored);
  CHECK(r.CurrentNode().id == "mid");
  CHECK(r.state() == SessionState::AtScene);
  CHECK(r.Values() == live.s().Values());

  // A changed save is refused with the code that says why.
  auto refusal_code = [&](auto&& change) {
    nlohmann::json bad = saved;
    change(bad);
    auto back = Session::FromJson(bad, fx.scenario, fx.catalogue);
    return std::holds_alternative<Problem>(back) ? std::get<Problem>(back).code : std::string("accepted");
  };
  CHECK(refusal_code([](nlohmann::json& j) { j["scenario"] = "another"; }) == "ENG009");
  CHECK(refusal_code([](nlohmann::json& j) { j.erase("decisions"); }) == "ENG010");          // malformed
  CHECK(refusal_code([](nlohmann::json& j) { j["decisions"][0]["choice"] = "c"; }) == "ENG003");  // hidden at dp1
  CHECK(refusal_code([](nlohmann::json& j) { j["node"] = "good"; }) == "ENG010");  // not where the decisions lead
}

TEST_CASE("conditions: comparisons, flags, all/any/not and checklist counters") {
  std::map<std::string, double> values{{"n", 0.3}, {"f", 1}, {"g", 0}};
  auto cmp = [](const char* var, CompareOp op, std::variant<double, bool> v) {
    Condition c;
    c.kind = Condition::Kind::Compare;
    c.var = var;
    c.op = op;
    c.value = v;
    return c;
  };
  CHECK(Evaluate(cmp("n", CompareOp::Eq, 0.1 + 0.2), values));  // no floating-point surprises
  CHECK(Evaluate(cmp("n", CompareOp::Le, 0.1 + 0.2), values));
  CHECK(Evaluate(cmp("n", CompareOp::Ge, 0.1 + 0.2), values));
  CHECK_FALSE(Evaluate(cmp("n", CompareOp::Lt, 0.1 + 0.2), values));
  CHECK_FALSE(Evaluate(cmp("n", CompareOp::Gt, 0.1 + 0.2), values));
  CHECK_FALSE(Evaluate(cmp("n", CompareOp::Ne, 0.1 + 0.2), values));
  CHECK(Evaluate(cmp("n", CompareOp::Lt, 1.0), values));
  CHECK(Evaluate(cmp("f", CompareOp::Eq, true), values));
  CHECK(Evaluate(cmp("g", CompareOp::Ne, true), values));
  Condition flag;
  flag.kind = Condition::Kind::Flag;
  flag.var = "f";
  CHECK(Evaluate(flag, values));
  Condition not_flag;
  not_flag.kind = Condition::Kind::Not;
  not_flag.children = {flag};
  CHECK_FALSE(Evaluate(not_flag, values));
  Condition all;
  all.kind = Condition::Kind::All;
  all.children = {flag, cmp("n", CompareOp::Gt, 1.0)};
  CHECK_FALSE(Evaluate(all, values));
  Condition any = all;
  any.kind = Condition::Kind::Any;
  CHECK(Evaluate(any, values));
  std::map<std::string, double> counters{{"$hits", 3}};
  CHECK(Evaluate(cmp("$hits", CompareOp::Ge, 3.0), values, &counters));
  CHECK_FALSE(Evaluate(cmp("$hits", CompareOp::Ge, 3.0), values));
}

TEST_CASE("answers: one syntax, parsed and written in one place") {
  struct Case {
    const char* text;
    bool timed_out;
    std::vector<std::string> ids;
  };
  for (const Case& c : {Case{"b", false, {"b"}}, Case{"x+y", false, {"x", "y"}}, Case{"-", false, {}},
                        Case{"timeout", true, {}}, Case{"timeout:b", true, {"b"}}, Case{"timeout:x+y", true, {"x", "y"}}}) {
    CAPTURE(c.text);
    auto a = ParseAnswer(c.text);
    REQUIRE(a);
    CHECK(a->timed_out == c.timed_out);
    CHECK(a->ids == c.ids);
    CHECK(FormatAnswer(*a) == c.text);
  }
  for (const char* bad : {"", "a++b", "+a", "timeout:", "timeoutx", "a,b", "time:a"}) {
    CAPTURE(bad);
    std::string why;
    CHECK_FALSE(ParseAnswer(bad, &why));
    CHECK_FALSE(why.empty());
  }
  auto list = ParseAnswerList("a,x+y,-,timeout:c");
  REQUIRE(list);
  CHECK(list->size() == 4);
  CHECK(ParseAnswerList("")->empty());
  CHECK_FALSE(ParseAnswerList("a,,b"));

  // The explorer's paths are written by the same codec, so `sigap play --choices` takes them back.
  std::vector<DecisionRecord> path(4);
  path[0].choice = "b";
  path[1].checklist = true;
  path[1].items = {"x", "y"};
  path[2].checklist = true;
  path[3].choice = "d";  // the timer's default
  path[3].timed_out = true;
  CHECK(ChoicesArgument(path) == "b,x+y,-,timeout");
  path[3].unconfirmed = true;  // d was selected, not confirmed
  CHECK(ChoicesArgument(path) == "b,x+y,-,timeout:d");
  auto back = ParseAnswerList(ChoicesArgument(path));
  REQUIRE(back);
  REQUIRE(back->size() == path.size());
  for (std::size_t i = 0; i < path.size(); ++i) CHECK((*back)[i] == AnswerOf(path[i]));
}

TEST_CASE("options have one letter each, by their authored place, whatever order they are shown in") {
  Fixture fx = test::LoadFixture();
  const Node* dp1 = fx.scenario->FindNode("dp1");
  const Node* dp3 = fx.scenario->FindNode("dp3");
  REQUIRE(dp1);
  REQUIRE(dp3);
  CHECK(dp1->decision->OptionLetter("a") == "A");
  CHECK(dp1->decision->OptionLetter("d") == "D");
  CHECK(dp1->decision->OptionLetter("zz").empty());
  CHECK(dp3->decision->OptionLetter("x1") == "A");
  CHECK(dp3->decision->OptionLetter("f2") == "E");
  CHECK(fx.scenario->DecisionNumber("dp1") == 1);
  CHECK(fx.scenario->DecisionNumber("dp3") == 3);
  CHECK(fx.scenario->DecisionNumber("intro") == 0);
  // Successors: each once, scene routes, then the choices' in authored order, then the checklist's.
  auto next = dp1->Successors();
  CHECK(std::set<std::string>(next.begin(), next.end()).size() == next.size());
}
