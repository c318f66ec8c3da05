// Writes the seed corpus of fuzz_session_log: session logs played through every bundled
// scenario by seeded random walks (finished, stopped half-way, and with a torn last record).
//   fuzz_make_seeds OUT_DIR [SCENARIOS_DIR]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "library.h"
#include "recorded_session.h"

namespace fs = std::filesystem;
using namespace sigap;

namespace {

// Plays one session; stops after `stop_after` decisions (or at the end). Returns the log's path.
std::string Play(const std::shared_ptr<const Scenario>& scenario, const std::shared_ptr<const SopCatalogue>& catalogue,
                 const std::string& results, unsigned seed, int stop_after) {
  SessionInfo info;
  info.team = "Tim Benih " + std::to_string(seed);
  info.seed = seed;
  info.mode = seed % 2 ? Mode::Training : Mode::Assessment;
  info.lang = seed % 3 ? Lang::Id : Lang::En;
  info.app_version = "fuzz-seed";
  auto started = RecordedSession::Start(scenario, catalogue, info, results);
  if (auto* err = std::get_if<Problem>(&started)) {
    std::fprintf(stderr, "fuzz_make_seeds: %s\n", err->message.c_str());
    return "";
  }
  RecordedSession& rs = std::get<RecordedSession>(started);
  std::mt19937 rng(seed);
  std::int64_t at = 0;
  for (int decisions = 0; decisions < stop_after && rs.session().state() != SessionState::Ended;) {
    Session& s = rs.session();
    at += 1000 + rng() % 20000;
    if (s.state() == SessionState::AtScene) {
      if (rs.Continue()) break;  // ENG014: a loop of scenes that never opens
      continue;
    }
    if (s.state() == SessionState::AwaitingChoice) {
      auto choices = s.AvailableChoices();
      if (s.TimerSeconds() && rng() % 5 == 0) (void)rs.TimeOut(*s.TimerSeconds() * 1000, at);
      else (void)rs.Choose(choices[rng() % choices.size()]->id, 1000 + rng() % 30000, at);
    } else if (s.state() == SessionState::AwaitingChecklist) {
      std::vector<std::string> ticked;
      for (const auto* item : s.ChecklistItems())
        if (rng() % 2) ticked.push_back(item->id);
      (void)rs.SubmitChecklist(ticked, 1000 + rng() % 60000, at);
    }
    ++decisions;
  }
  return rs.log_path();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fuzz_make_seeds OUT_DIR [SCENARIOS_DIR]\n");
    return 2;
  }
  fs::path out = argv[1];
  std::string scenarios = argc > 2 ? argv[2] : std::string(SIGAP_SOURCE_DIR) + "/scenarios";
  fs::create_directories(out);
  fs::path results = out / ".results";
  fs::remove_all(results);
  ContentLibrary lib = LoadLibrary({scenarios});
  int written = 0;
  for (const auto& scenario : lib.Scenarios()) {
    auto catalogue = lib.FindCatalogue(scenario->sop_catalogue);
    if (!catalogue) continue;
    for (unsigned seed = 1; seed <= 6; ++seed) {
      int stop_after = seed <= 3 ? 1000 : static_cast<int>(seed);  // three finished, three unfinished
      std::string path = Play(scenario, catalogue, results.string(), seed * 7919u + static_cast<unsigned>(written), stop_after);
      if (path.empty()) return 1;
      std::string text, error;
      if (!ReadFileToString(path, text, error)) return 1;
      std::string name = scenario->id + "-" + std::to_string(seed);
      std::ofstream(out / (name + ".sigap.jsonl"), std::ios::binary) << text;
      // A torn last record: what a crash in the middle of a write leaves.
      if (seed == 4 && text.size() > 40) std::ofstream(out / (name + "-torn.sigap.jsonl"), std::ios::binary) << text.substr(0, text.size() - 25);
      ++written;
    }
  }
  fs::remove_all(results);
  std::printf("fuzz_make_seeds: %d session logs in %s\n", written, out.c_str());
  return written > 0 ? 0 : 1;
}
