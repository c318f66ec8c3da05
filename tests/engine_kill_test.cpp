// The kill test: `sigap play` is killed with SIGKILL at random moments, at least 200 times, with
// step delays that make the kills land before, during and between log writes. After each kill:
//   - the log reads as a valid prefix: never a damaged record (LOG011/LOG012);
//   - at most one decision is lost: every decision the transcript printed is in the log, and the
//     log holds at most one decision more (the one in flight when the process died);
//   - `sigap play --resume LOG --choices <the full list>` reaches the same end state (outcome,
//     axis scores, never events) as an uninterrupted run.
// SIGAP_KILL_RUNS=N changes the number of kills; SIGAP_KILL_SEED=S replays a failing series.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <regex>
#include <thread>

#include "engine_test_util.h"
#include "session_log.h"

using namespace sigap;
namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// The decisions of yuliana-nunukan's golden timeout plan: twelve, one of them a timeout.
json PlanChoices() {
  return json::parse(test::ReadText(test::DataPath("golden/plans/yuliana-timeout.json")))["choices"];
}

std::string Join(const json& choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : ",") + c.get<std::string>();
  return out;
}

// The end state a facilitator sees: outcome, axis scores and never events, from `play --json`.
json EndState(const json& summary) {
  json axes = json::object();
  for (const auto& a : summary["axes"]) axes[a["axis"].get<std::string>()] = a["score"];
  return json{{"outcome", summary["outcome"].is_null() ? json(nullptr) : summary["outcome"]["id"]},
              {"axes", axes},
              {"never_events", summary["never_events"].size()}};
}

std::vector<std::string> Logs(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->path().string().ends_with(kLogExtension)) out.push_back(it->path().string());
  return out;
}

// True while the child runs (it is not reaped, so Wait still gets its status).
bool StillRunning(pid_t pid) {
  siginfo_t info{};
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
}

std::size_t PrintedDecisions(const std::string& out) {
  static const std::regex decision_header("^== [0-9]+\\. ");
  std::size_t n = 0;
  for (const auto& line : test::SplitLines(out)) n += std::regex_search(line, decision_header);
  return n;
}

}  // namespace

TEST_CASE("killed at random moments, sigap play loses at most the decision in flight and resumes to the same end") {
  // A data folder with just the scenario and its catalogue keeps each start-up short.
  std::string root = test::TempDir("kill");
  fs::create_directories(root + "/data/scenarios");
  for (const char* f : {"yuliana-nunukan.json", "sop-tppo.json"})
    fs::copy_file(test::SourcePath(std::string("scenarios/") + f), root + "/data/scenarios/" + f);
  const std::vector<std::pair<std::string, std::string>> env{{"SIGAP_DATA_DIR", root + "/data"}};
  const json choices = PlanChoices();
  const std::string all = Join(choices);
  auto play_args = [&](const std::string& results, int delay_ms) {
    return std::vector<std::string>{SIGAP_BINARY, "play", "yuliana-nunukan", "--team", "Tim Uji", "--seed", "42",
                                    "--choices", all, "--results", results, "--step-delay-ms", std::to_string(delay_ms)};
  };

  // The uninterrupted run, and how long a run takes at each step delay.
  const std::vector<int> delays{0, 1, 2, 5};
  std::map<int, double> run_us;
  json reference;
  // Two runs per delay, the faster one counts: a busy moment must not stretch the kill window
  // past the end of most runs.
  for (int run = 0; run < 2 * static_cast<int>(delays.size()); ++run) {
    int delay = delays[static_cast<std::size_t>(run) % delays.size()];
    std::string dir = root + "/ref-" + std::to_string(run);
    auto args = play_args(dir, delay);
    args.push_back("--json");
    auto t0 = Clock::now();
    pid_t pid = test::Spawn(args, root + "/ref.out", root + "/ref.err", "", env);
    test::ProcessResult r = test::Wait(pid, root + "/ref.out", root + "/ref.err");
    double us = static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count());
    run_us[delay] = run_us.count(delay) ? std::min(run_us[delay], us) : us;
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    json state = EndState(json::parse(r.out));
    if (reference.is_null()) reference = state;
    CHECK(state == reference);
  }
  REQUIRE(reference["outcome"] == "e2");  // the plan's never event at dp8 caps it at E2
  // How long until the log exists: a session with no decisions.
  double startup_us = 0;
  {
    auto args = play_args(root + "/ref-start", 0);
    args[8] = "";  // --choices ""
    auto t0 = Clock::now();
    pid_t pid = test::Spawn(args, root + "/ref.out", root + "/ref.err", "", env);
    REQUIRE(test::Wait(pid, root + "/ref.out", root + "/ref.err").exit_code == 0);
    startup_us = static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count());
  }

  const char* runs_env = std::getenv("SIGAP_KILL_RUNS");
  const int runs = runs_env ? std::max(1, std::atoi(runs_env)) : 200;
  const char* seed_env = std::getenv("SIGAP_KILL_SEED");
  const unsigned seed = seed_env ? static_cast<unsigned>(std::strtoul(seed_env, nullptr, 10)) : std::random_device{}();
  INFO("SIGAP_KILL_SEED=" << seed);

  // One kill and its checks; problems are collected as text (assertions stay on the main thread).
  enum Category { NoLog, Unusable, HeaderOnly, Mid, BeforeEnd, Finished };
  struct Outcome {
    Category category = NoLog;
    bool exited = false;
    std::vector<std::string> problems;
  };
  auto one_kill = [&](int i, std::mt19937& rng) {
    Outcome o;
    int delay = delays[static_cast<std::size_t>(i) % delays.size()];
    // One kill in eight lands anywhere in the start-up (loading, creating the log); the others at
    // a random moment after the log appeared, up to a little after the usual end of the run. The
    // second clock starts when the log is seen, so a slow machine does not skew where kills land.
    bool during_startup = rng() % 8 == 0;
    double span = during_startup ? startup_us * 1.2 : std::max(1000.0, (run_us[delay] - startup_us) * 1.1);
    std::uniform_real_distribution<double> when(0.0, span);
    auto kill_after = std::chrono::microseconds(static_cast<long long>(when(rng)));
    std::string tag = "run " + std::to_string(i) + " (delay " + std::to_string(delay) + " ms, killed " +
                      std::to_string(kill_after.count()) + " us after " + (during_startup ? "the start" : "the log appeared") + "): ";
    auto problem = [&](const std::string& what) { o.problems.push_back(tag + what); };
    std::string dir = root + "/run-" + std::to_string(i);
    std::string out = dir + ".out", err = dir + ".err";

    pid_t pid = test::Spawn(play_args(dir, delay), out, err, "", env);
    if (!during_startup) {
      auto give_up = Clock::now() + std::chrono::seconds(10);
      while (Logs(dir).empty() && StillRunning(pid) && Clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::this_thread::sleep_for(kill_after);
    ::kill(pid, SIGKILL);
    test::ProcessResult r = test::Wait(pid, out, err);
    o.exited = r.signal == 0;
    std::size_t printed = PrintedDecisions(r.out);

    auto logs = Logs(dir);
    if (logs.size() > 1) { problem("more than one log"); return o; }
    if (logs.empty()) {
      if (!r.out.empty()) problem("printed a transcript but left no log");
      return o;
    }
    SessionLogData log = ReadSessionLogFile(logs.front());
    for (const auto& d : log.diagnostics)
      if (d.code == "LOG011" || d.code == "LOG012") problem("damaged log: " + FormatDiagnostic(d));
    if (!log.usable()) {
      // A log appears only with its header in it, so a kill can never leave an empty or torn one.
      o.category = Unusable;
      std::string diags;
      for (const auto& d : log.diagnostics) diags += " " + FormatDiagnostic(d);
      problem("the log is not usable:" + diags);
      return o;
    }
    // Nothing printed is lost; at most the decision in flight is in the log but not yet printed.
    if (log.decisions.size() < printed || log.decisions.size() > printed + 1)
      problem(std::to_string(printed) + " decisions printed but " + std::to_string(log.decisions.size()) + " in the log");
    if (log.decisions.size() > choices.size()) { problem("more decisions than choices"); return o; }
    for (std::size_t k = 0; k < log.decisions.size(); ++k)
      if (FormatAnswer(log.decisions[k]) != choices[k]) problem("decision " + std::to_string(k + 1) + " is " + FormatAnswer(log.decisions[k]));

    if (log.finished()) {
      o.category = Finished;
      if ((*log.end)["outcome"] != reference["outcome"] || (*log.end)["never_events"] != reference["never_events"])
        problem("end record " + log.end->dump() + " differs from " + reference.dump());
      return o;
    }
    o.category = log.decisions.empty() ? HeaderOnly : log.decisions.size() == choices.size() ? BeforeEnd : Mid;
    test::ProcessResult res = test::RunSigap({"play", "--resume", logs.front(), "--choices", all, "--json"}, "", env);
    if (res.exit_code != 0) { problem("resume failed: " + res.err); return o; }
    json state = EndState(json::parse(res.out));
    if (state != reference) problem("resumed to " + state.dump() + ", not " + reference.dump());
    SessionLogData after = ReadSessionLogFile(logs.front());
    if (!after.finished() || !after.diagnostics.empty()) problem("the resumed log is not finished and clean");
    if (after.decisions.size() != choices.size()) problem("the resumed log has " + std::to_string(after.decisions.size()) + " decisions");
    for (std::size_t k = 0; k < after.decisions.size() && k < choices.size(); ++k)
      if (FormatAnswer(after.decisions[k]) != choices[k]) problem("resumed decision " + std::to_string(k + 1) + " is " + FormatAnswer(after.decisions[k]));
    return o;
  };

  // Two workers: most of a run is spent waiting for fsync, so they overlap well on two cores.
  std::vector<Outcome> outcomes(static_cast<std::size_t>(runs));
  auto worker = [&](int first) {
    std::mt19937 rng(seed + static_cast<unsigned>(first));
    for (int i = first; i < runs; i += 2) {
      try {
        outcomes[static_cast<std::size_t>(i)] = one_kill(i, rng);
      } catch (const std::exception& e) {
        outcomes[static_cast<std::size_t>(i)].problems.push_back("run " + std::to_string(i) + ": " + e.what());
      }
    }
  };
  std::thread second(worker, 1);
  worker(0);
  second.join();

  int counts[6] = {}, exited = 0;
  for (const auto& o : outcomes) {
    ++counts[o.category];
    exited += o.exited;
    for (const auto& p : o.problems) FAIL_CHECK(p);
  }
  MESSAGE("kills: " << runs << " (seed " << seed << "); no log yet " << counts[NoLog] << ", unusable " << counts[Unusable]
                    << ", header only " << counts[HeaderOnly] << ", between decisions " << counts[Mid]
                    << ", before the end record " << counts[BeforeEnd] << ", finished " << counts[Finished]
                    << ", exited before the kill " << exited);
  // The kills must really have landed inside sessions, not only before or after them.
  if (runs >= 100) CHECK(counts[Mid] >= runs / 5);
  fs::remove_all(root);
}
