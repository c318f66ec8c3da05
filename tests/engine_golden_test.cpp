// Golden transcript plans (tests/golden/plans/*.json): each names a scenario, a team, seed,
// language, mode and the choices, with the expected transcript (tests/golden/transcripts/) and
// the expected outcome, never-event count and axis scores. New coverage is a new data file.
//
// One case runs them all through `sigap play`, then recomputes the scores from the session log it
// wrote. SIGAP_UPDATE_GOLDEN=1 rewrites transcripts and expected values: review the diff.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "engine_test_util.h"
#include "recorded_session.h"
#include "scoring.h"
#include "session_log.h"

using namespace sigap;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string JoinChoices(const json& choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : ",") + c.get<std::string>();
  return out;
}

std::string OnlyLog(const std::string& dir) {
  std::vector<std::string> logs;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().string().ends_with(kLogExtension)) logs.push_back(e.path().string());
  REQUIRE(logs.size() == 1);
  return logs.front();
}

// What the plan pins, recomputed from the log and the scenario.
json ScoreFromLog(const SessionLogData& log, const ContentLibrary& lib) {
  auto scenario = lib.FindScenario(log.scenario_id);
  REQUIRE(scenario);
  auto catalogue = lib.FindCatalogue(scenario->sop_catalogue);
  REQUIRE(catalogue);
  CHECK(log.scenario_hash == scenario->content_hash);
  Session s(scenario, catalogue, log.info);
  for (const auto& r : log.decisions) {
    auto refusal = s.Apply(r);
    REQUIRE_MESSAGE(!refusal, refusal->message);
  }
  while (s.state() == SessionState::AtScene) s.Continue();
  SessionScore score = ScoreDecisions(*scenario, *catalogue, s.History());
  json axes = json::object();
  for (const auto& a : score.axes) {
    auto p = a.Percent();
    axes[a.axis] = p ? json(std::round(*p * 10) / 10) : json(nullptr);
  }
  const Outcome* o = s.EndingOutcome();
  return json{{"outcome", o ? json(o->id) : json(nullptr)}, {"never_events", score.never_events.size()}, {"axes", axes}};
}

}  // namespace

TEST_CASE("golden transcript plans") {
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  REQUIRE(lib.ErrorCount() == 0);
  std::vector<fs::path> plans;
  for (const auto& e : fs::directory_iterator(test::DataPath("golden/plans")))
    if (e.path().extension() == ".json") plans.push_back(e.path());
  std::sort(plans.begin(), plans.end());
  REQUIRE(plans.size() >= 10);
  std::set<std::string> transcripts_used;
  for (const auto& plan_path : plans) {
    std::string name = plan_path.stem().string();
    CAPTURE(name);
    json plan = json::parse(test::ReadText(plan_path.string()));
    std::string dir = test::TempDir("plan-" + name);
    std::vector<std::string> args{"play",   plan["scenario"].get<std::string>(), "--team", plan["team"].get<std::string>(),
                                  "--lang", plan["lang"].get<std::string>(),     "--mode", plan["mode"].get<std::string>(),
                                  "--choices", JoinChoices(plan["choices"]),     "--results", dir};
    // A plan without a seed plays in the scenario's own seed, so its transcript stays stable.
    args.push_back("--seed");
    if (plan.contains("seed")) args.push_back(plan["seed"].dump());
    else args.push_back(std::to_string(lib.FindScenario(plan["scenario"].get<std::string>())->seed));
    test::ProcessResult r = test::RunSigap(args);
    CHECK(r.exit_code == plan.value("exit_code", 0));
    std::string transcript = plan["transcript"].get<std::string>();
    transcripts_used.insert(transcript);
    test::CheckGolden(test::DataPath("golden/transcripts/" + transcript), r.out);

    // The log holds every decision, with timeouts marked, and reads back clean.
    SessionLogData log = ReadSessionLogFile(OnlyLog(dir));
    for (const auto& d : log.diagnostics) FAIL_CHECK(FormatDiagnostic(d));
    REQUIRE(log.decisions.size() == plan["choices"].size());
    for (std::size_t i = 0; i < log.decisions.size(); ++i)
      CHECK(log.decisions[i].timed_out == plan["choices"][i].get<std::string>().starts_with("timeout"));
    CHECK(log.info.team == plan["team"]);
    CHECK(LangCode(log.info.lang) == plan["lang"]);
    CHECK(ModeName(log.info.mode) == plan["mode"]);

    json actual = ScoreFromLog(log, lib);
    // The end record written at the time agrees with the recomputed scores.
    CHECK(log.finished() == !actual["outcome"].is_null());
    if (log.end) {
      CHECK((*log.end)["outcome"] == actual["outcome"]);
      CHECK((*log.end)["never_events"] == actual["never_events"]);
      // The log keeps whole percents, the plan one decimal: 89.47 is 89 in the log and 89.5 in the plan.
      for (const auto& [axis, value] : actual["axes"].items()) {
        const json& logged = (*log.end)["scores"][axis];
        if (value.is_null()) CHECK(logged.is_null());
        else CHECK((logged.is_number() && std::abs(logged.get<double>() - value.get<double>()) <= 0.55));
      }
    }
    if (test::UpdateGoldens()) {
      for (const char* key : {"outcome", "never_events", "axes"}) plan[key] = actual[key];
      test::WriteText(plan_path.string(), plan.dump(2) + "\n");
    } else {
      CHECK(actual["outcome"] == plan["outcome"]);
      CHECK(actual["never_events"] == plan["never_events"]);
      CHECK(actual["axes"] == plan["axes"]);
    }
    fs::remove_all(dir);
  }
  for (const auto& e : fs::directory_iterator(test::DataPath("golden/transcripts")))
    CHECK_MESSAGE(transcripts_used.count(e.path().filename().string()), "stale transcript " << e.path());
}

TEST_CASE("sigap play --json: outcome, axis scores, step results and never events") {
  std::string dir = test::TempDir("play-json");
  json plan = json::parse(test::ReadText(test::DataPath("golden/plans/yuliana-worst.json")));
  test::ProcessResult r = test::RunSigap({"play", "yuliana-nunukan", "--team", "Tim Biru", "--choices", JoinChoices(plan["choices"]),
                                          "--results", dir, "--json"});
  REQUIRE(r.exit_code == 0);
  json j = json::parse(r.out);
  CHECK(j["scenario"] == "yuliana-nunukan");
  CHECK(j["finished"] == true);
  CHECK(j["saved"] == true);
  CHECK(j["scenario_changed"] == false);
  CHECK(j["outcome"]["id"] == plan["outcome"]);
  CHECK(j["outcome"]["rating"] == "bad");
  CHECK(j["never_events"].size() == plan["never_events"]);
  for (const auto& n : j["never_events"]) {
    CHECK(n["node"].is_string());
    CHECK(n["option"].is_string());
    CHECK(n["step"].is_string());
  }
  REQUIRE(j["axes"].size() == plan["axes"].size());
  for (const auto& a : j["axes"]) {
    CHECK(a["score"] == plan["axes"][a["axis"].get<std::string>()]);
    CHECK(a["possible"].get<double>() >= a["earned"].get<double>());
  }
  REQUIRE(j["steps"].is_array());
  for (const auto& s : j["steps"]) {
    const std::string status = s["status"];
    CHECK((status == "followed" || status == "violated" || status == "critical" || status == "not_reached"));
  }
  CHECK(j["decisions"].size() == plan["choices"].size());
  CHECK(j["log"].get<std::string>().rfind(dir, 0) == 0);
  fs::remove_all(dir);
}

TEST_CASE("sigap play: an unknown choice is refused with the available ids, exit 1, and the log stays valid") {
  std::string dir = test::TempDir("play-unknown");
  // The first choice is the best plan's, so that the best plan can resume the session below.
  json plan = json::parse(test::ReadText(test::DataPath("golden/plans/yuliana-best.json")));
  const std::string first = plan["choices"][0].get<std::string>();
  test::ProcessResult r = test::RunSigap({"play", "yuliana-nunukan", "--team", "Tim", "--choices", first + ",zz,a", "--results", dir});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("choice 2 ('zz') at dp2") != std::string::npos);
  auto at = r.err.find("available choices: ");
  REQUIRE(at != std::string::npos);
  std::string listed = r.err.substr(at + 19, r.err.find('\n', at) - at - 19);
  std::vector<std::string> ids;
  for (std::size_t p = 0; p <= listed.size();) {
    std::size_t comma = std::min(listed.find(", ", p), listed.size());
    ids.push_back(listed.substr(p, comma - p));
    p = comma + 2;
  }
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::string>{"a", "b", "c", "d"});
  SessionLogData log = ReadSessionLogFile(OnlyLog(dir));
  CHECK(log.diagnostics.empty());
  CHECK(log.usable());
  CHECK(log.decisions.size() == 1);
  CHECK_FALSE(log.finished());

  // Resuming it with the right choices finishes the session.
  std::string log_path = OnlyLog(dir);
  test::ProcessResult resumed = test::RunSigap({"play", "--resume", log_path, "--choices", JoinChoices(plan["choices"]), "--json"});
  REQUIRE(resumed.exit_code == 0);
  json j = json::parse(resumed.out);
  CHECK(j["outcome"]["id"] == plan["outcome"]);
  CHECK(ReadSessionLogFile(log_path).finished());
  // A resume whose choices disagree with the log is refused.
  test::ProcessResult wrong = test::RunSigap({"play", "--resume", log_path, "--choices", first == "b" ? "a" : "b"});
  CHECK(wrong.exit_code == 1);
  fs::remove_all(dir);
}

TEST_CASE("sigap play: usage errors exit 2") {
  CHECK(test::RunSigap({"play"}).exit_code == 2);
  CHECK(test::RunSigap({"play", "yuliana-nunukan"}).exit_code == 2);  // no --team
  CHECK(test::RunSigap({"play", "yuliana-nunukan", "--team", "x", "--lang", "fr"}).exit_code == 2);
  CHECK(test::RunSigap({"play", "yuliana-nunukan", "--team", "x", "--bogus"}).exit_code == 2);
  CHECK(test::RunSigap({"play", "no-such-scenario", "--team", "x", "--results", "/tmp"}).exit_code == 1);
}

TEST_CASE("sigap play: the transcript shows a choice worded as the team saw it, and a choice's own feedback") {
  // engine-mini's dp1 choice a reads "A again" once "met" is set, and choosing it sets "met":
  // the team saw "A".
  std::string dir = test::TempDir("play-wording");
  test::ProcessResult r = test::RunSigap({"play", test::DataPath("fixtures/engine-mini.json"), "--team", "x", "--lang", "en",
                                          "--choices", "a,a,x1+f1", "--results", dir});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("   Choice a: A\n   FOLLOWS SOP  s.a") != std::string::npos);
  CHECK(r.out.find("A again") == std::string::npos);
  // dp2's choice a reads "A (met)" once "met" is set, as it was when the team chose it.
  CHECK(r.out.find("   Choice a: A (met)\n") != std::string::npos);
  CHECK(r.out.find("   Good A\n   Source: UU21 Ps 1\n") != std::string::npos);
  // A wrongly ticked item's own feedback follows its tag.
  CHECK(r.out.find("(wrongly ticked: f1)\n      Not F1\n") != std::string::npos);
  CHECK(r.out.find("Hits 1/3, misses 2, false alarms 1") != std::string::npos);
  fs::remove_all(dir);
}
