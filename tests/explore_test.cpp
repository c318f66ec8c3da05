// `explore` (src/engine/explore.h) on small scenarios whose answers are known by hand: a loop
// that ends, a flag-guarded ending, a never event before a good ending, a checklist whose ticks
// route, the test-wise strategies; then against brute force and replays on bigger scenarios,
// the sampled fallback on a huge generated one, the JSON shape and `sigap explore`'s exit codes.
#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "bench_content.h"
#include "engine_test_util.h"
#include "explore.h"
#include "scoring.h"

using namespace sigap;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// ---- Building small scenarios against the fixture catalogue (tests/fixtures/sop-mini.json):
// s.a weight 1 (sop), s.b weight 2 critical (sop, safety), s.c weight 3 (safety), s.d weight 1
// critical (sop).

json Text(const std::string& id, const std::string& en = "") {
  return {{"id", id}, {"en", en.empty() ? id + " (en)" : en}};
}

json Option(const std::string& id, const std::string& text, json sop, json next, json extra = json::object()) {
  json c{{"id", id},
         {"text", Text(text)},
         {"sop", std::move(sop)},
         {"feedback", Text("Umpan balik")},
         {"source", "UU21 Ps 1"},
         {"next", std::move(next)}};
  for (auto& [k, v] : extra.items()) c[k] = v;
  return c;
}

json Single(const std::string& id, json choices, json extra = json::object()) {
  json d{{"kind", "single"}, {"prompt", Text("Pilih")}, {"choices", std::move(choices)}};
  for (auto& [k, v] : extra.items()) d[k] = v;
  return {
      {"id", id}, {"type", "decision"}, {"title", Text(id)}, {"text", Text("Apa yang Anda lakukan?")}, {"decision", d}};
}

json Ending(const std::string& id, const std::string& rating) {
  return {{"id", id},
          {"type", "ending"},
          {"title", Text(id)},
          {"text", Text("Selesai.")},
          {"outcome", {{"id", id}, {"label", Text(id)}, {"rating", rating}}}};
}

json MiniScenario(json nodes, json variables = json::array()) {
  json start{
      {"id", "intro"}, {"type", "scene"}, {"title", Text("Awal")}, {"text", Text("Mulai.")}, {"next", nodes[0]["id"]}};
  nodes.insert(nodes.begin(), start);
  return {{"format", 1},
          {"type", "scenario"},
          {"id", "explore-test"},
          {"title", Text("Uji")},
          {"kind", "other"},
          {"place", Text("Kantor")},
          {"minutes", 5},
          {"languages", {"id", "en"}},
          {"summary", Text("Ringkasan")},
          {"content_warning", Text("Tidak ada")},
          {"fictional", true},
          {"sop_catalogue", "sop-mini"},
          {"assesses", {"s.a", "s.b", "s.c", "s.d"}},
          {"variables", std::move(variables)},
          {"start", "intro"},
          {"nodes", std::move(nodes)}};
}

std::shared_ptr<const SopCatalogue> Catalogue() {
  static auto cat = LoadLibrary({test::DataPath("fixtures/sop-mini.json")}).FindCatalogue("sop-mini");
  return cat;
}

std::shared_ptr<const Scenario> Load(const json& j) {
  LoadedFile f = test::LoadScenarioText(j.dump(2), *Catalogue());
  for (const auto& d : f.diagnostics)
    if (d.severity == Severity::Error) FAIL_CHECK(FormatDiagnostic(d));
  REQUIRE(f.scenario);
  return f.scenario;
}

// No wall-clock limit: a sanitizer build on a shared machine runs ten times slower, and what the
// tests check must not depend on that. The deterministic limits still bound the work.
ExploreOptions Patient() {
  ExploreOptions o;
  o.limits.max_seconds = 600;
  return o;
}

ExploreReport Explore(const json& j, ExploreOptions o = Patient()) { return ExploreScenario(Load(j), Catalogue(), o); }

const EndingRange* FindEnding(const ExploreReport& r, const std::string& id) {
  for (const auto& e : r.endings)
    if (e.node->id == id) return &e;
  return nullptr;
}

const StrategyResult* FindStrategy(const ExploreReport& r, const std::string& name) {
  for (const auto& s : r.strategies)
    if (s.strategy.Name() == name) return &s;
  return nullptr;
}

std::vector<std::string> Codes(const ExploreReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.code);
  return out;
}

// Every play-through of a scenario by brute force (depth-first over Session copies; checklists:
// every tick set; timed decisions: also the timeout), each with its ending and score.
struct BrutePath {
  std::string ending;
  SessionScore score;
};

void Brute(const Session& at, std::vector<BrutePath>& out, const std::shared_ptr<const SopCatalogue>& cat) {
  switch (at.state()) {
    case SessionState::Ended:
      out.push_back({at.CurrentNode().id, ScoreDecisions(at.scenario(), *cat, at.History())});
      return;
    case SessionState::AtScene: {
      Session next = at;
      next.Continue();
      Brute(next, out, cat);
      return;
    }
    case SessionState::AwaitingChoice: {
      for (const Choice* c : at.AvailableChoices()) {
        Session next = at;
        REQUIRE_FALSE(next.Apply(std::get<DecisionRecord>(at.PrepareChoice(c->id, 0, 0))));
        Brute(next, out, cat);
      }
      if (at.TimerSeconds()) {
        Session next = at;
        REQUIRE_FALSE(next.Apply(std::get<DecisionRecord>(at.PrepareTimeout(0, 0))));
        Brute(next, out, cat);
      }
      return;
    }
    case SessionState::AwaitingChecklist: {
      const auto& items = at.CurrentNode().decision->items;
      for (std::uint32_t mask = 0; mask < (1u << items.size()); ++mask) {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < items.size(); ++i)
          if (mask & (1u << i)) ids.push_back(items[i].id);
        Session next = at;
        REQUIRE_FALSE(next.Apply(std::get<DecisionRecord>(at.PrepareChecklist(ids, 0, 0))));
        Brute(next, out, cat);
      }
      return;
    }
  }
}

// Five decisions, no shuffle, each with a right option ("r", follows s.a) and a wrong one ("w",
// violates s.a); a wrong answer ends badly at once. Per decision: whether the right option is
// the longer text, and whether it is listed first.
json FiveDecisions(const std::vector<bool>& right_longer,
                   const std::vector<bool>& right_first = std::vector<bool>(5, true)) {
  json nodes = json::array();
  for (std::size_t i = 0; i < 5; ++i) {
    std::string next = i < 4 ? "q" + std::to_string(i + 2) : "good";
    json right = Option("r", right_longer[i] ? "Wawancarai secara terpisah" : "Pisahkan", {{"s.a", "follows"}}, next);
    json wrong =
        Option("w", right_longer[i] ? "Tanya" : "Tanya semua sekaligus di lorong", {{"s.a", "violates"}}, "bad");
    nodes.push_back(Single("q" + std::to_string(i + 1), right_first[i] ? json{right, wrong} : json{wrong, right}));
  }
  nodes.push_back(Ending("good", "good"));
  nodes.push_back(Ending("bad", "bad"));
  return MiniScenario(nodes);
}

// Meets every rule: length picks the right option twice in five, and no order always wins.
json FairFive() { return FiveDecisions({true, false, false, true, false}, {false, true, false, true, false}); }

}  // namespace

TEST_CASE("a loop in the story ends: a state met again is not explored twice") {
  // dp1: "ask" adds one to tries and comes back while tries < 3; "wait" changes nothing and comes
  // back; "leave" ends. tries is read by the route, so states differ by it: dp1 with 0..3.
  json vars = json::array({{{"id", "tries"}, {"type", "number"}, {"initial", 0}, {"min", 0}, {"max", 5}}});
  json loop = json::array({{{"if", {{"var", "tries"}, {"op", "<"}, {"value", 3}}}, {"to", "dp1"}}, {{"to", "end"}}});
  json nodes = json::array({Single("dp1", json::array({Option("ask", "Tanya lagi", {{"s.a", "follows"}}, loop,
                                                              {{"effects", {{"tries", 1}}}}),
                                                       Option("wait", "Tunggu", {{"s.a", "violates"}}, "dp1"),
                                                       Option("leave", "Pergi", {{"s.b", "violates"}}, "end")})),
                            Ending("end", "mixed")});
  ExploreReport r = Explore(MiniScenario(nodes, vars));
  const StateSpace& sp = *r.space;
  CHECK(sp.exhaustive());
  CHECK(sp.StatesAt("dp1").size() == 3);  // tries 0, 1, 2; the third "ask" leaves (tries 3)
  CHECK(sp.StatesAt("end").size() == 1);  // nothing is read at the ending: one state
  CHECK(sp.loop_moves() >= 3);            // "wait" at each dp1 state returns to it
  REQUIRE(FindEnding(r, "end"));
  CHECK(r.stuck_states == 0);
  // Score ranges count paths that do not go round a loop: the best is ask, ask, ask (3/3 on sop).
  CHECK(FindEnding(r, "end")->axes[0].max == doctest::Approx(100.0));
  CHECK(FindEnding(r, "end")->axes[0].min == doctest::Approx(0.0));
}

TEST_CASE("a loop whose exit never opens: states that cannot finish, and players that never end") {
  // The only way out of dp1 needs a key no choice gives: every session goes round for ever.
  json vars = json::array({{{"id", "key"}, {"type", "flag"}, {"initial", false}}});
  json nodes = json::array(
      {Single("dp1", json::array({Option("stay", "Tetap", {{"s.a", "violates"}}, "dp1"),
                                  Option("go", "Pergi", {{"s.a", "follows"}},
                                         json::array({{{"if", {{"flag", "key"}}}, {"to", "end"}}, {{"to", "dp1"}}}))})),
       Ending("end", "good")});
  ExploreReport r = Explore(MiniScenario(nodes, vars));
  CHECK(r.space->exhaustive());
  CHECK(r.space->StatesAt("dp1").size() == 1);
  CHECK(r.space->loop_moves() == 2);
  CHECK(r.stuck_states == 2);  // the start scene and dp1
  CHECK(r.endings.empty());
  REQUIRE(r.endings_unreached.size() == 1);
  CHECK(r.endings_unreached[0]->id == "end");
  const StrategyResult* first = FindStrategy(r, "first+longer_half");
  REQUIRE(first);
  CHECK(first->unfinished == first->runs);
}

TEST_CASE("an ending guarded by a flag is reached only by the paths that set it") {
  json vars = json::array({{{"id", "referred"}, {"type", "flag"}, {"initial", false}}});
  json route = json::array({{{"if", {{"flag", "referred"}}}, {"to", "good"}}, {{"to", "bad"}}});
  json nodes = json::array({Single("dp1", json::array({Option("refer", "Rujuk", {{"s.c", "follows"}}, "dp2",
                                                              {{"effects", {{"referred", true}}}}),
                                                       Option("skip", "Lewati", {{"s.c", "violates"}}, "dp2")})),
                            Single("dp2", json::array({Option("x", "Catat", {{"s.a", "follows"}}, route),
                                                       Option("y", "Abaikan", {{"s.a", "violates"}}, route)})),
                            Ending("good", "good"), Ending("bad", "bad")});
  ExploreReport r = Explore(MiniScenario(nodes, vars));
  const EndingRange* good = FindEnding(r, "good");
  const EndingRange* bad = FindEnding(r, "bad");
  REQUIRE(good);
  REQUIRE(bad);
  // good: refer (s.c 3/3 safety) then x (sop 1/1) or y (sop 0/1).
  CHECK(good->axes[0].axis == "sop");
  CHECK(*good->axes[0].min == doctest::Approx(0.0));
  CHECK(*good->axes[0].max == doctest::Approx(100.0));
  CHECK(*good->axes[1].min == doctest::Approx(100.0));  // safety: every way in referred
  CHECK(*bad->axes[1].max == doctest::Approx(0.0));     // bad: every way in skipped
  for (const auto* path : {&good->axes[0].min_path, &good->axes[0].max_path, &good->never_max_path})
    CHECK(path->front().choice == "refer");
  CHECK(r.findings.empty());  // two decisions: too few for the guessing rules, and no never event
  CHECK_FALSE(r.guess_rules_apply);
  CHECK(r.Valid());
}

TEST_CASE("a never event before a good ending is found, with a path, and goes away once it routes elsewhere") {
  auto build = [](bool flag_routes) {
    json vars = json::array({{{"id", "harm"}, {"type", "flag"}, {"initial", false}}});
    json to_end =
        flag_routes ? json::array({{{"if", {{"flag", "harm"}}}, {"to", "mixed"}}, {{"to", "good"}}}) : json("good");
    json nodes =
        json::array({Single("dp1", json::array({Option("a", "Pisahkan", {{"s.b", "follows"}}, "dp2"),
                                                Option("b", "Biarkan pendamping menerjemahkan", {{"s.b", "critical"}},
                                                       "dp2", {{"effects", {{"harm", true}}}})})),
                     Single("dp2", json::array({Option("x", "Rujuk", {{"s.a", "follows"}}, to_end),
                                                Option("y", "Pulangkan", {{"s.a", "violates"}}, "bad")})),
                     Ending("good", "good"), Ending("mixed", "mixed"), Ending("bad", "bad")});
    return MiniScenario(nodes, vars);
  };
  SUBCASE("the good ending follows the never event") {
    ExploreReport r = Explore(build(false));
    REQUIRE(r.good_after_never);
    CHECK(ChoicesArgument(r.good_after_never->path) == "b,x");
    CHECK(r.good_after_never->score.never_events.size() == 1);
    CHECK(FindEnding(r, "good")->never_min == 0);
    CHECK(FindEnding(r, "good")->never_max == 1);
    REQUIRE(Codes(r) == std::vector<std::string>{"SCN060"});
    CHECK(r.findings[0].pointer == "/nodes/3");  // intro, dp1, dp2, good
    CHECK(r.findings[0].validity);
    CHECK_FALSE(r.Valid());
  }
  SUBCASE("the never event sets a flag that routes to the mixed ending") {
    ExploreReport r = Explore(build(true));
    CHECK_FALSE(r.good_after_never);
    CHECK(FindEnding(r, "good")->never_max == 0);
    CHECK(FindEnding(r, "mixed")->never_min == 1);
    CHECK(r.findings.empty());
  }
}

TEST_CASE("a checklist whose ticks route: every tick set is accounted for, each with its own score") {
  // Two indicators (x1, x2) and a stereotype (f1). Good needs both indicators and no false alarm.
  json items =
      json::array({{{"id", "x1"}, {"text", Text("Paspor ditahan")}, {"correct", true}, {"sop", {{"s.a", "follows"}}}},
                   {{"id", "x2"}, {"text", Text("Utang perjalanan")}, {"correct", true}, {"sop", {{"s.c", "follows"}}}},
                   {{"id", "f1"}, {"text", Text("Dari NTT")}, {"correct", false}, {"sop", {{"s.b", "critical"}}}}});
  json outcomes = json::array(
      {{{"if",
         {{"all",
           {{{"var", "$hits"}, {"op", ">="}, {"value", 2}}, {{"var", "$false_alarms"}, {"op", "=="}, {"value", 0}}}}}},
        {"effects", {{"ok", true}}}}});
  json next = json::array({{{"if", {{"flag", "ok"}}}, {"to", "good"}}, {{"to", "bad"}}});
  json dp = {{"id", "dp1"},
             {"type", "decision"},
             {"title", Text("Indikator")},
             {"text", Text("Centang.")},
             {"decision",
              {{"kind", "checklist"},
               {"prompt", Text("Yang mana?")},
               {"items", items},
               {"outcomes", outcomes},
               {"feedback", Text("Umpan balik")},
               {"source", "[ILO]"},
               {"next", next}}}};
  json vars = json::array({{{"id", "ok"}, {"type", "flag"}, {"initial", false}}});
  ExploreReport r = Explore(MiniScenario(json::array({dp, Ending("good", "good"), Ending("bad", "bad")}), vars));
  const StateSpace& sp = *r.space;
  std::set<std::uint32_t> seen;
  std::size_t to_good = 0;
  for (const auto& m : sp.moves()) {
    if (m.kind != MoveKind::Checklist) continue;
    for (auto t : m.tick_sets) {
      CHECK(seen.insert(t).second);
      if (sp.states()[m.to].node->id == "good") {
        ++to_good;
        CHECK(t == 0b011u);
      }
      // Each tick set's score is the engine's score of its record.
      SessionScore one = ScoreDecisions(sp.scenario(), sp.catalogue(), {sp.RecordFor(m, t)});
      CHECK(sp.scores()[sp.TickScore(m, t)].never_events == static_cast<int>(one.never_events.size()));
    }
  }
  CHECK(seen.size() == 8);
  CHECK(to_good == 1);
  const EndingRange* good = FindEnding(r, "good");
  REQUIRE(good);
  CHECK(good->never_max == 0);
  CHECK(*good->axes[0].min == doctest::Approx(100.0));
  // bad: the worst ticks f1 alone: sop 0 of 1 (missed x1) + 0 of 2 (s.b critical) = 0 %.
  const EndingRange* bad = FindEnding(r, "bad");
  CHECK(*bad->axes[0].min == doctest::Approx(0.0));
  CHECK(bad->never_max == 1);
  CHECK(ChoicesArgument(bad->never_max_path).find("f1") != std::string::npos);
}

TEST_CASE("test-wise strategies on five decisions, worked out by hand") {
  SUBCASE("the right option is always the longer one and listed first") {
    ExploreReport r = Explore(FiveDecisions({true, true, true, true, true}));
    CHECK(r.guess_rules_apply);
    const StrategyResult* longest = FindStrategy(r, "longest+longer_half");
    const StrategyResult* shortest = FindStrategy(r, "shortest+longer_half");
    const StrategyResult* first = FindStrategy(r, "first+all");
    const StrategyResult* last = FindStrategy(r, "last+none");
    REQUIRE((longest && shortest && first && last));
    CHECK(longest->good_share == 1.0);
    CHECK(longest->axes[0].mean == doctest::Approx(100.0));
    CHECK(ChoicesArgument(longest->example) == "r,r,r,r,r");
    CHECK(shortest->good_share == 0.0);
    CHECK(shortest->axes[0].mean == doctest::Approx(0.0));  // w at q1 ends at once: 0 of 1
    CHECK(ChoicesArgument(shortest->example) == "w");
    CHECK(first->good_share == 1.0);
    CHECK(last->good_share == 0.0);
    CHECK(longest->runs == 8);  // the order does not sway it: eight runs settle it
    // Random: right five times in a row with probability 1/32 (sop 100 %), else k right answers
    // then a wrong one with probability 1/2^(k+1) (sop k/(k+1)): expected mean
    // 1/4*1/2 + 1/8*2/3 + 1/16*3/4 + 1/32*4/5 + 1/32 = 0.311.
    const StrategyResult* random = FindStrategy(r, "random");
    REQUIRE(random);
    CHECK(random->runs == 1000);
    CHECK(random->axes[0].mean == doctest::Approx(31.1).epsilon(0.1));
    CHECK(random->good_share == doctest::Approx(1.0 / 32).epsilon(0.5));
    CHECK(r.length_id.correct_longest == 5);
    CHECK(r.length_id.decisions == 5);
    auto codes = Codes(r);
    CHECK(std::count(codes.begin(), codes.end(), "SCN061") == 1);
    CHECK(std::count(codes.begin(), codes.end(), "SCN062") == 1);
    CHECK(std::count(codes.begin(), codes.end(), "SCN063") == 1);
    CHECK_FALSE(r.Valid());
  }
  SUBCASE("the right option is longer in two of five, and first in three: the length rule passes, the SOP rule not") {
    ExploreReport r = Explore(FiveDecisions({true, true, false, false, false}, {true, false, true, false, true}));
    const StrategyResult* longest = FindStrategy(r, "longest+longer_half");
    CHECK(ChoicesArgument(longest->example) == "r,r,w");  // the shorter right option at q3 loses
    CHECK(longest->axes[0].mean == doctest::Approx(200.0 / 3));
    CHECK(longest->good_share == 0.0);
    CHECK(ChoicesArgument(FindStrategy(r, "first+longer_half")->example) == "r,w");
    CHECK(ChoicesArgument(FindStrategy(r, "last+longer_half")->example) == "w");
    CHECK(r.length_id.correct_longest == 2);
    CHECK(r.length_id.Share() == doctest::Approx(0.4));  // 40 % is allowed
    auto codes = Codes(r);
    CHECK(std::count(codes.begin(), codes.end(), "SCN063") == 0);
    CHECK(std::count(codes.begin(), codes.end(), "SCN061") == 0);
    CHECK(std::count(codes.begin(), codes.end(), "SCN062") == 1);  // 67 % on sop is above 60 %
  }
  SUBCASE("no rule of thumb wins") {
    ExploreReport r = Explore(FairFive());
    CHECK(r.findings.empty());
    CHECK(r.Valid());
  }
}

TEST_CASE("first shown and last shown follow the session's own display order, seed by seed") {
  json s = FiveDecisions({true, false, true, false, true});
  for (auto& n : s["nodes"])
    if (n["type"] == "decision") n["decision"]["shuffle"] = true;
  ExploreReport r = Explore(s);
  const StrategyResult* first = FindStrategy(r, "first+longer_half");
  REQUIRE(first);
  CHECK(first->runs == 64);  // the order changes the play: every seed is played
  // Each seed's first option is what Session::AvailableChoices shows first for that seed.
  auto scenario = r.space->scenario_ptr();
  SessionInfo seed1;
  seed1.seed = 1;
  Session check(scenario, Catalogue(), seed1);
  check.Continue();
  CHECK(first->example.front().choice == check.AvailableChoices().front()->id);
  CHECK(first->good_share < 0.2);
}

TEST_CASE("the state space agrees with brute force on the engine fixture and the bundled scenarios replay") {
  test::Fixture fx = test::LoadFixture();
  ExploreReport r = ExploreScenario(fx.scenario, fx.catalogue, Patient());
  REQUIRE(r.space->exhaustive());
  std::vector<BrutePath> all;
  Brute(Session(fx.scenario, fx.catalogue, SessionInfo{}), all, fx.catalogue);
  REQUIRE(all.size() > 100);
  std::map<std::string, std::vector<const BrutePath*>> by_ending;
  for (const auto& p : all) by_ending[p.ending].push_back(&p);
  CHECK(by_ending.size() == r.endings.size());
  for (const auto& e : r.endings) {
    CAPTURE(e.node->id);
    const auto& paths = by_ending[e.node->id];
    REQUIRE_FALSE(paths.empty());
    int nmin = 1 << 30, nmax = -1;
    for (const auto* p : paths) {
      nmin = std::min(nmin, static_cast<int>(p->score.never_events.size()));
      nmax = std::max(nmax, static_cast<int>(p->score.never_events.size()));
    }
    CHECK(e.never_min == nmin);
    CHECK(e.never_max == nmax);
    for (std::size_t a = 0; a < e.axes.size(); ++a) {
      std::optional<double> lo, hi;
      for (const auto* p : paths)
        if (auto v = p->score.axes[a].Percent()) {
          lo = lo ? std::min(*lo, *v) : *v;
          hi = hi ? std::max(*hi, *v) : *v;
        }
      CHECK(e.axes[a].min.has_value() == lo.has_value());
      if (lo) CHECK(*e.axes[a].min == doctest::Approx(*lo));
      if (hi) CHECK(*e.axes[a].max == doctest::Approx(*hi));
    }
  }

  // Every extreme of every bundled scenario replays through a fresh Session to its ending with
  // the value reported.
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  for (const auto& s : lib.Scenarios()) {
    CAPTURE(s->id);
    auto cat = lib.FindCatalogue(s->sop_catalogue);
    ExploreReport br = ExploreScenario(s, cat, Patient());
    CHECK(br.space->exhaustive());
    for (const auto& e : br.endings) {
      for (const auto& a : e.axes)
        for (bool max : {false, true}) {
          const auto& path = max ? a.max_path : a.min_path;
          Session played(s, cat, SessionInfo{});
          for (const auto& rec : path) REQUIRE_FALSE(played.Apply(rec));
          CHECK(played.CurrentNode().id == e.node->id);
          auto got = ScoreDecisions(*s, *cat, path).FindAxis(a.axis)->Percent();
          REQUIRE(got);
          CHECK(*got == doctest::Approx(max ? *a.max : *a.min));
        }
      CHECK(ScoreDecisions(*s, *cat, e.never_max_path).never_events.size() == static_cast<std::size_t>(e.never_max));
    }
  }
}

TEST_CASE("tick sets played once per class lead where each of them leads when played alone") {
  // The sampled fallback plays single tick sets at random; every one must land where the
  // exhaustive space says its class goes.
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  for (const auto& s : lib.Scenarios()) {
    CAPTURE(s->id);
    auto cat = lib.FindCatalogue(s->sop_catalogue);
    StateSpace full = StateSpace::Explore(s, cat, Patient().limits);
    ExploreLimits sample_only = Patient().limits;
    sample_only.max_applies = 0;  // give up at once: sample
    sample_only.sample_paths = 3000;
    StateSpace sample = StateSpace::Explore(s, cat, sample_only);
    REQUIRE(full.exhaustive());
    REQUIRE_FALSE(sample.exhaustive());
    auto same_state = [&](const ExploreState& a, const ExploreState& b) {
      if (a.node != b.node) return false;
      const auto& live = full.LiveVariables(*a.node);
      for (std::size_t i = 0; i < live.size(); ++i)
        if (live[i] && a.values[i] != b.values[i]) return false;
      return true;
    };
    auto find_full = [&](const ExploreState& st) -> std::optional<std::size_t> {
      for (std::size_t i : full.StatesAt(*st.node))
        if (same_state(full.states()[i], st)) return i;
      return std::nullopt;
    };
    std::size_t checked = 0;
    for (const auto& m : sample.moves()) {
      if (m.kind != MoveKind::Checklist) continue;
      auto from = find_full(sample.states()[m.from]);
      REQUIRE(from);
      for (auto t : m.tick_sets) {
        auto it =
            std::find_if(full.states()[*from].moves.begin(), full.states()[*from].moves.end(), [&](std::size_t fm) {
              const auto& sets = full.moves()[fm].tick_sets;
              return std::find(sets.begin(), sets.end(), t) != sets.end();
            });
        REQUIRE(it != full.states()[*from].moves.end());
        CHECK(same_state(full.states()[full.moves()[*it].to], sample.states()[m.to]));
        ++checked;
      }
    }
    CHECK(checked > 100);
  }
}

TEST_CASE("a huge generated scenario falls back to a seeded sample and says so") {
  auto cat = LoadLibrary({test::SourcePath("scenarios/sop-tppo.json")}).FindCatalogue("sop-tppo");
  REQUIRE(cat);
  LoadedFile f = LoadFromText("huge.json", bench::GenerateScenario(2000, *cat), cat.get());
  REQUIRE(f.ok());
  ExploreOptions o = Patient();
  o.limits.max_states = 1000;
  o.limits.sample_paths = 40;
  o.order_seeds = 2;
  o.random_runs = 10;
  o.max_strategy_decisions = 20'000;
  ExploreReport r = ExploreScenario(f.scenario, cat, o);
  const StateSpace& sp = *r.space;
  CHECK_FALSE(sp.exhaustive());
  CHECK(sp.limit_hit() == "more than 1000 states");
  CHECK(sp.sampled_paths() > 0);
  CHECK(sp.sampled_paths() <= 40);
  CHECK_FALSE(r.endings.empty());
  // "Never" cannot be claimed from a sample.
  for (const auto& code : Codes(r)) CHECK((code != "SCN064" && code != "SCN065" && code != "SCN066"));
  json j = ToJson(r);
  CHECK(j["exhaustive"] == false);
  CHECK(j["sampled_paths"] == sp.sampled_paths());
  // The same seed gives the same sample.
  ExploreReport again = ExploreScenario(f.scenario, cat, o);
  CHECK(again.space->states().size() == sp.states().size());
  CHECK(ToJson(again)["endings"] == j["endings"]);
}

TEST_CASE("the sample stops at its budget of moves, whatever the number of paths allowed") {
  // A 2,000-node scenario samples walks of thousands of moves; 20,000 of them took minutes.
  auto cat = LoadLibrary({test::SourcePath("scenarios/sop-tppo.json")}).FindCatalogue("sop-tppo");
  REQUIRE(cat);
  LoadedFile f = LoadFromText("huge.json", bench::GenerateScenario(2000, *cat), cat.get());
  REQUIRE(f.ok());
  ExploreLimits limits;
  limits.max_states = 1000;
  limits.sample_applies = 20'000;
  StateSpace sp = StateSpace::Explore(f.scenario, cat, limits);
  CHECK_FALSE(sp.exhaustive());
  CHECK(sp.sampled_paths() > 0);
  CHECK(sp.sampled_paths() < limits.sample_paths);
  // The exhaustive attempt up to 1,000 states, the budget, and the walk that crosses it (at most
  // 4 moves a node): far below the millions of moves 20,000 walks would play.
  CHECK(sp.applies() < 100'000);
}

TEST_CASE("the JSON report has the documented shape") {
  ExploreReport r = Explore(FiveDecisions({true, false, true, false, false}));
  json j = ToJson(r);
  for (const char* key :
       {"scenario", "path",       "exhaustive",        "limit_hit",       "sampled_paths",    "states",
        "moves",    "loop_moves", "stuck_states",      "applies",         "seconds",          "axes",
        "sop_axis", "endings",    "endings_unreached", "nodes_unreached", "good_after_never", "choices_never_offered",
        "problems", "strategies", "single_decisions",  "length_cue",      "findings",         "valid"})
    CHECK_MESSAGE(j.contains(key), key);
  CHECK(j["axes"] == json::array({"sop", "safety"}));
  REQUIRE(j["endings"].is_array());
  const json& good = j["endings"][0];
  CHECK(good["node"] == "good");
  CHECK(good["rating"] == "good");
  CHECK(good["axes"]["sop"]["min"].is_number());
  CHECK(good["axes"]["safety"]["min"].is_null());  // no choice here scores safety
  CHECK(good["axes"]["sop"]["max_path"] == "r,r,r,r,r");
  CHECK(good["never_events"]["max"] == 0);
  REQUIRE(j["strategies"].size() == r.strategies.size());
  for (const auto& s : j["strategies"]) {
    for (const char* key : {"name", "single", "checklist", "lang", "runs", "unfinished", "endings", "good_share",
                            "axes", "never_events", "example", "same_as_id"})
      CHECK_MESSAGE(s.contains(key), key);
    CHECK(s["example"]["path"].is_string());
  }
  CHECK(j["length_cue"]["id"]["decisions"] == 5);
  CHECK(j["length_cue"]["id"]["correct_longest"] == 2);
  CHECK(j["length_cue"]["en"]["share"].is_number());
  for (const auto& f : j["findings"])
    for (const char* key : {"code", "rule", "pointer", "message", "validity"}) CHECK(f.contains(key));
  CHECK(j["valid"] == r.Valid());
}

TEST_CASE("sigap explore: text and --json output, exit codes 0, 1 and 2") {
  std::string dir = test::TempDir("explore-cli");
  fs::copy_file(test::DataPath("fixtures/sop-mini.json"), dir + "/sop-mini.json");
  json bad_scenario = FiveDecisions({true, true, true, true, true});
  test::WriteText(dir + "/wise.json", bad_scenario.dump(2));
  test::WriteText(dir + "/fair.json", FairFive().dump(2));
  SUBCASE("a scenario that meets every rule: 0") {
    test::ProcessResult p = test::RunSigap({"explore", dir + "/fair.json"});
    CHECK(p.exit_code == 0);
    CHECK(p.out.find("every reachable state") != std::string::npos);
    CHECK(p.out.find("Validity: every rule holds") != std::string::npos);
    CHECK(p.out.find("longest+longer_half") != std::string::npos);
  }
  SUBCASE("a test-wise team wins: 1, with the failing rules named") {
    test::ProcessResult p = test::RunSigap({"explore", dir + "/wise.json"});
    CHECK(p.exit_code == 1);
    CHECK(p.out.find("Validity: FAILS") != std::string::npos);
    CHECK(p.out.find("FAIL SCN061") != std::string::npos);
  }
  SUBCASE("--json: one report per scenario, and the overall verdict") {
    test::ProcessResult p = test::RunSigap({"explore", "--json", dir + "/fair.json", dir + "/wise.json"});
    CHECK(p.exit_code == 1);
    json j = json::parse(p.out);
    REQUIRE(j["scenarios"].size() == 2);
    CHECK(j["scenarios"][0]["valid"] == true);
    CHECK(j["scenarios"][1]["valid"] == false);
    CHECK(j["valid"] == false);
  }
  SUBCASE("a bundled scenario by id") {
    test::ProcessResult p = test::RunSigap({"explore", "--json", "pariaman-gugus-tugas"});
    CHECK((p.exit_code == 0 || p.exit_code == 1));
    CHECK(json::parse(p.out)["scenarios"][0]["scenario"] == "pariaman-gugus-tugas");
  }
  SUBCASE("a file with errors: 1, its diagnostics on stderr") {
    test::WriteText(dir + "/broken.json", "{\"format\": 1, \"type\": \"scenario\"}");
    test::ProcessResult p = test::RunSigap({"explore", dir + "/broken.json"});
    CHECK(p.exit_code == 1);
    CHECK(p.err.find("error SCN003") != std::string::npos);
  }
  SUBCASE("usage and I/O problems: 2") {
    CHECK(test::RunSigap({"explore"}).exit_code == 2);
    CHECK(test::RunSigap({"explore", "--depth", "3", dir + "/fair.json"}).exit_code == 2);
    CHECK(test::RunSigap({"explore", "--seed", "x", dir + "/fair.json"}).exit_code == 2);
    CHECK(test::RunSigap({"explore", "no-such-scenario"}).exit_code == 2);
  }
  fs::remove_all(dir);
}

TEST_CASE("sigap validate places the findings at the concerned node") {
  std::string dir = test::TempDir("explore-validate");
  fs::copy_file(test::DataPath("fixtures/sop-mini.json"), dir + "/sop-mini.json");
  test::WriteText(dir + "/wise.json", FiveDecisions({true, true, true, true, true}).dump(2));
  test::ProcessResult p = test::RunSigap({"validate", "--json", dir + "/wise.json"});
  CHECK(p.exit_code == 0);  // warnings only
  json j = json::parse(p.out);
  std::map<std::string, std::string> pointer_of;
  for (const auto& d : j["files"][0]["diagnostics"]) pointer_of[d["code"]] = d["pointer"];
  CHECK(pointer_of["SCN061"] == "/nodes/6");  // the good ending
  CHECK(pointer_of["SCN062"] == "/nodes");
  CHECK(pointer_of["SCN063"] == "/nodes/1/decision/choices");
  fs::remove_all(dir);
}

TEST_CASE("tick sets whose counts stand alike against every constant compared are played once") {
  // Four indicators; the only condition is $hits >= 2: 0-1 hits, exactly 2 and 3-4 are three
  // classes (not five), each played once and checked once with a second member.
  json items = json::array();
  for (const char* id : {"x1", "x2", "x3", "x4"})
    items.push_back({{"id", id}, {"text", Text(std::string("Indikator ") + id)}, {"correct", true}, {"sop", {{"s.a", "follows"}}}});
  json outcomes = json::array({{{"if", {{"var", "$hits"}, {"op", ">="}, {"value", 2}}}, {"effects", {{"ok", true}}}}});
  json next = json::array({{{"if", {{"flag", "ok"}}}, {"to", "good"}}, {{"to", "bad"}}});
  json dp = {{"id", "dp1"},
             {"type", "decision"},
             {"title", Text("Indikator")},
             {"text", Text("Centang.")},
             {"decision",
              {{"kind", "checklist"},
               {"prompt", Text("Yang mana?")},
               {"items", items},
               {"outcomes", outcomes},
               {"feedback", Text("Umpan balik")},
               {"source", "[ILO]"},
               {"next", next}}}};
  json vars = json::array({{{"id", "ok"}, {"type", "flag"}, {"initial", false}}});
  ExploreReport r = Explore(MiniScenario(json::array({dp, Ending("good", "good"), Ending("bad", "bad")}), vars));
  const StateSpace& sp = *r.space;
  CHECK(sp.applies() == 1 + 6);  // the intro scene; three classes, each played and checked once (not 1 + 8)
  std::set<std::uint32_t> seen;
  for (const auto& m : sp.moves()) {
    if (m.kind != MoveKind::Checklist) continue;
    for (auto t : m.tick_sets) {
      CHECK(seen.insert(t).second);
      const int hits = std::popcount(t);
      CHECK(sp.states()[m.to].node->id == (hits >= 2 ? "good" : "bad"));
      // Each keeps its own score: the engine's score of its own record.
      SessionScore one = ScoreDecisions(sp.scenario(), sp.catalogue(), {sp.RecordFor(m, t)});
      CHECK(sp.scores()[sp.TickScore(m, t)].axes[0].earned == doctest::Approx(one.axes[0].earned));
    }
  }
  CHECK(seen.size() == 16);
}
