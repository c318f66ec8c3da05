// Helpers for the engine test suites: fixtures, file I/O and running the `sigap` binary.
#pragma once

#include <doctest/doctest.h>

#ifndef _WIN32
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "library.h"
#include "session.h"
#include "test_support.h"

namespace sigap::test {

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// The fixture catalogue and scenario (tests/fixtures), loaded once per call; CHECKs they are clean.
struct Fixture {
  std::shared_ptr<const SopCatalogue> catalogue;
  std::shared_ptr<const Scenario> scenario;
};

inline Fixture LoadFixture(const std::string& scenario_file = "engine-mini.json") {
  Fixture f;
  ContentLibrary lib = LoadLibrary({DataPath("fixtures/sop-mini.json"), DataPath("fixtures/" + scenario_file)});
  for (const auto& file : lib.files)
    for (const auto& d : file.diagnostics) FAIL_CHECK(FormatDiagnostic(d));
  f.catalogue = lib.FindCatalogue("sop-mini");
  auto all = lib.Scenarios();
  REQUIRE(f.catalogue);
  REQUIRE(all.size() == 1);
  f.scenario = all.front();
  return f;
}

// A content library holding just the fixture's catalogue and scenario (for RecordedSession::Resume).
inline std::vector<LoadedFile> LoadLibraryFiles(const Fixture& fx) {
  LoadedFile c;
  c.path = "sop-mini.json";
  c.kind = FileKind::Catalogue;
  c.catalogue = fx.catalogue;
  LoadedFile s;
  s.path = "engine-mini.json";
  s.kind = FileKind::Scenario;
  s.scenario = fx.scenario;
  return {c, s};
}

// Loads a scenario given as text against a catalogue (a test builds small variants inline).
inline LoadedFile LoadScenarioText(const std::string& text, const SopCatalogue& catalogue, const std::string& path = "inline.json") {
  return LoadFromText(path, text, &catalogue);
}

// Running the `sigap` binary (the golden transcripts and the kill test): POSIX only. The Windows
// build runs the engine suites in-process under Wine, and the binary from scripts/windows-smoke.sh.
#ifndef _WIN32
struct ProcessResult {
  int exit_code = -1;   // -1: killed by a signal
  int signal = 0;
  std::string out, err;
};

// Starts `argv` (argv[0] is the program path) with stdout/stderr to files; returns the pid.
inline pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_file, const std::string& err_file,
                   const std::string& cwd = "", const std::vector<std::pair<std::string, std::string>>& env = {}) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0) ::_exit(127);
    ::dup2(out, 1);
    ::dup2(err, 2);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(127);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

inline ProcessResult Wait(pid_t pid, const std::string& out_file, const std::string& err_file) {
  ProcessResult r;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = ReadText(out_file);
  r.err = ReadText(err_file);
  return r;
}

// Runs `sigap ARGS...` to completion.
inline ProcessResult RunSigap(const std::vector<std::string>& args, const std::string& cwd = "",
                              const std::vector<std::pair<std::string, std::string>>& env = {}) {
  static std::atomic<int> counter{0};  // the kill test runs this from two threads
  std::string base = (std::filesystem::temp_directory_path() /
                      ("sigap-run-" + std::to_string(::getpid()) + "-" + std::to_string(counter++))).string();
  std::vector<std::string> argv{SIGAP_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = Spawn(argv, base + ".out", base + ".err", cwd, env);
  ProcessResult r = Wait(pid, base + ".out", base + ".err");
  std::filesystem::remove(base + ".out");
  std::filesystem::remove(base + ".err");
  return r;
}

#endif  // _WIN32

inline std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// True when the developer asked to rewrite golden files (review the diff before committing).
inline bool UpdateGoldens() {
  const char* v = std::getenv("SIGAP_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

// Compares `actual` with the golden file, or rewrites it under SIGAP_UPDATE_GOLDEN=1.
inline void CheckGolden(const std::string& golden_path, const std::string& actual) {
  if (UpdateGoldens()) {
    WriteText(golden_path, actual);
    MESSAGE("rewrote " << golden_path);
    return;
  }
  std::error_code ec;
  if (!std::filesystem::exists(golden_path, ec)) {
    FAIL_CHECK("missing golden file " << golden_path << "; run with SIGAP_UPDATE_GOLDEN=1 and review it");
    return;
  }
  std::string expected = ReadText(golden_path);
  if (expected == actual) return;
  auto e = SplitLines(expected), a = SplitLines(actual);
  std::size_t i = 0;
  while (i < e.size() && i < a.size() && e[i] == a[i]) ++i;
  FAIL_CHECK(golden_path << " differs at line " << i + 1 << ":\n  expected: " << (i < e.size() ? e[i] : "<end>")
                         << "\n  actual:   " << (i < a.size() ? a[i] : "<end>"));
}

}  // namespace sigap::test
