// Shared by the write-fault suites (fault_write_test.cpp everywhere, fault_posix_test.cpp on
// Linux): a switchable fault injector and a session walked one decision at a time.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <optional>

#include "library.h"
#include "recorded_session.h"
#include "session_log.h"
#include "test_support.h"

namespace sigap::test {

namespace fs = std::filesystem;

inline const WriteStep kAllSteps[] = {WriteStep::Open, WriteStep::Write, WriteStep::Sync, WriteStep::DirSync, WriteStep::Rename};

inline const char* StepName(WriteStep s) {
  switch (s) {
    case WriteStep::Open: return "Open";
    case WriteStep::Write: return "Write";
    case WriteStep::Sync: return "Sync";
    case WriteStep::DirSync: return "DirSync";
    case WriteStep::Rename: return "Rename";
  }
  return "?";
}

// A switchable fault: fails `step` once armed, after letting `skip` matching calls through.
struct Fault {
  std::optional<WriteStep> step;
  int skip = 0;
  int fired = 0;
};

inline FaultInjector Injector(const std::shared_ptr<Fault>& f) {
  return [f](WriteStep s) {
    if (!f->step || *f->step != s) return false;
    if (f->skip > 0) { --f->skip; return false; }
    ++f->fired;
    return true;
  };
}

inline const ContentLibrary& Library() {
  static const ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  return lib;
}

inline std::shared_ptr<const Scenario> TestScenario() {
  auto s = Library().FindScenario("yuliana-nunukan");
  REQUIRE(s != nullptr);
  return s;
}

inline SessionInfo Info() {
  SessionInfo info;
  info.team = "Tim Gangguan";
  info.app_version = "test";
  return info;
}

inline RecordedSession StartOrFail(const std::string& dir, FaultInjector faults = {}) {
  auto scenario = TestScenario();
  auto started = RecordedSession::Start(scenario, Library().FindCatalogue(scenario->sop_catalogue), Info(), dir, std::move(faults));
  if (auto* err = std::get_if<Problem>(&started)) FAIL("cannot start: " << err->message);
  return std::move(std::get<RecordedSession>(started));
}

// Makes the next decision: passes scenes, takes the first offered choice, or ticks the first
// item of a checklist. Returns nullopt when the session has ended.
inline std::optional<DecideResult> Step(RecordedSession& rs, std::int64_t at_ms) {
  Session& s = rs.session();
  while (s.state() == SessionState::AtScene) REQUIRE_FALSE(rs.Continue().has_value());
  if (s.state() == SessionState::AwaitingChoice) return rs.Choose(s.AvailableChoices().front()->id, 4000, at_ms);
  if (s.state() == SessionState::AwaitingChecklist) return rs.SubmitChecklist({s.ChecklistItems().front()->id}, 9000, at_ms);
  return std::nullopt;
}

// How many decisions a first-choice walk takes to the end (the last one writes the end record).
inline int DecisionsToEnd() {
  auto dir = test::TempDir("fault-count");
  RecordedSession rs = StartOrFail(dir);
  int n = 0;
  while (Step(rs, n * 1000)) ++n;
  test::RemoveTree(dir);
  return n;
}

inline std::string Slurp(const std::string& path) {
  std::string text, error;
  REQUIRE_MESSAGE(ReadFileToString(path, text, error), error);
  return text;
}

inline std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(platform::PathToUtf8(e.path().filename()));
  return out;
}

// The log at `path` reads back usable, undamaged, and replays to `s`'s history.
inline void CheckLogMatches(const std::string& path, const Session& s) {
  SessionLogData d = ReadSessionLogFile(path);
  for (const auto& diag : d.diagnostics) INFO(FormatDiagnostic(diag));
  CHECK(d.usable());
  CHECK_FALSE(d.torn_tail);
  CHECK(d.decisions == s.History());
  CHECK(d.finished() == (s.state() == SessionState::Ended));
}

}  // namespace sigap::test
