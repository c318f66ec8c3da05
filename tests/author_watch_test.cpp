// The author face's file watch, in the real window under Xvfb: while nothing changes the loop
// draws no frame (the watch looks at the file without drawing); a change saved by another editor
// is drawn within a second. The frame log (frame_log.h) is the witness.
#include <doctest/doctest.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <sstream>
#include <thread>

#include "child_process.h"
#include "engine_test_util.h"

using namespace sigap;
namespace fs = std::filesystem;

namespace {

long long MonotonicNs() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

struct Log {
  std::vector<long long> frame_starts;  // monotonic ns
  int file_wakes = 0;
};

Log ReadLog(const std::string& path) {
  Log log;
  std::istringstream in(test::ReadText(path));
  std::string word;
  for (std::string line; std::getline(in, line);) {
    std::istringstream ls(line);
    ls >> word;
    if (word == "frame") {
      long long n = 0, screen = 0, start = 0;
      ls >> n >> screen >> start;
      log.frame_starts.push_back(start);
    } else if (word == "wake") {
      ls >> word;
      if (word == "file") ++log.file_wakes;
    }
  }
  return log;
}

}  // namespace

TEST_CASE("the author face draws nothing while idle and shows a change on disk within a second") {
  if (std::system("command -v xvfb-run > /dev/null 2>&1") != 0) {
    MESSAGE("xvfb-run is not installed: skipped");
    return;
  }
  const std::string dir = test::TempDir("author-watch");
  fs::create_directories(dir + "/scenarios");
  for (const auto& e : fs::directory_iterator(test::SourcePath("scenarios")))
    fs::copy_file(e.path(), fs::path(dir) / "scenarios" / e.path().filename());
  const std::string file = dir + "/scenarios/yuliana-nunukan.json";
  const std::string log_path = dir + "/frames.log";
  test::ChildProcess app({"/usr/bin/env", "HOME=" + dir, "XDG_CONFIG_HOME=" + dir + "/config",
                          "XDG_DATA_HOME=" + dir + "/data", "xvfb-run", "-a", "-s", "-screen 0 1280x720x24", "timeout",
                          "-s", "TERM", "8", SIGAP_BINARY, "--author", file, "--frame-log", log_path, "--results",
                          dir + "/results"});
  REQUIRE(app.started());
  // Up and drawn (the app ends itself after 8 s: `timeout`).
  for (int i = 0; i < 80 && test::ReadText(log_path).find("first_frame") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(test::ReadText(log_path).find("first_frame") != std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));

  // Idle: the watch looks at the file ten times a second, and draws nothing.
  const std::size_t settled = ReadLog(log_path).frame_starts.size();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const Log idle = ReadLog(log_path);
  CHECK(idle.frame_starts.size() == settled);
  CHECK(idle.file_wakes == 0);

  // Another editor saves a change: drawn within a second.
  std::string text = test::ReadText(file);
  const std::string from = "Nunukan Regency, North Kalimantan";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "Tanah Laut Regency, South Kalimantan");
  const long long written = MonotonicNs();
  test::WriteText(file, text);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  const Log after = ReadLog(log_path);
  CHECK(after.file_wakes == 1);
  REQUIRE(after.frame_starts.size() > settled);
  long long first = 0;
  for (long long t : after.frame_starts)
    if (t >= written) {
      first = t;
      break;
    }
  REQUIRE(first > 0);
  const double ms = static_cast<double>(first - written) / 1e6;
  MESSAGE("save on disk -> frame with the new diagnostics: " << ms << " ms");
  CHECK(ms < 1000.0);
  // And idle again.
  CHECK(after.frame_starts.size() - settled <= 3);
  app.Wait();  // `timeout` ends the app; xvfb-run then stops its display
  test::RemoveTree(dir);
}
