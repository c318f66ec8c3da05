// Write faults: a failure injected at each write step (WriteStep::Open, Write, Sync, DirSync,
// Rename) while creating a session log, appending a decision, writing the end record and
// writing an export; plus a real read-only folder and a real "disk full" (a file-size limit,
// which makes write() stop part-way exactly like a full disk, and /dev/full).
// What must hold (issue 8): the user gets a clear message, nothing already saved is damaged,
// and the session stays in memory so it can be saved elsewhere.
#include <doctest/doctest.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <sys/stat.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loader.h"
#include "recorded_session.h"
#include "session_log.h"
#include "test_support.h"

using namespace sigap;
namespace fs = std::filesystem;

namespace {

const WriteStep kAllSteps[] = {WriteStep::Open, WriteStep::Write, WriteStep::Sync, WriteStep::DirSync, WriteStep::Rename};

const char* StepName(WriteStep s) {
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

FaultInjector Injector(const std::shared_ptr<Fault>& f) {
  return [f](WriteStep s) {
    if (!f->step || *f->step != s) return false;
    if (f->skip > 0) { --f->skip; return false; }
    ++f->fired;
    return true;
  };
}

const ContentLibrary& Library() {
  static const ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  return lib;
}

std::shared_ptr<const Scenario> TestScenario() {
  auto s = Library().FindScenario("yuliana-nunukan");
  REQUIRE(s != nullptr);
  return s;
}

SessionInfo Info() {
  SessionInfo info;
  info.team = "Tim Gangguan";
  info.app_version = "test";
  return info;
}

RecordedSession StartOrFail(const std::string& dir, FaultInjector faults = {}) {
  auto scenario = TestScenario();
  auto started = RecordedSession::Start(scenario, Library().FindCatalogue(scenario->sop_catalogue), Info(), dir, std::move(faults));
  if (auto* err = std::get_if<Problem>(&started)) FAIL("cannot start: " << err->message);
  return std::move(std::get<RecordedSession>(started));
}

// Makes the next decision: passes scenes, takes the first offered choice, or ticks the first
// item of a checklist. Returns nullopt when the session has ended.
std::optional<DecideResult> Step(RecordedSession& rs, std::int64_t at_ms) {
  Session& s = rs.session();
  while (s.state() == SessionState::AtScene) REQUIRE_FALSE(rs.Continue().has_value());
  if (s.state() == SessionState::AwaitingChoice) return rs.Choose(s.AvailableChoices().front()->id, 4000, at_ms);
  if (s.state() == SessionState::AwaitingChecklist) return rs.SubmitChecklist({s.ChecklistItems().front()->id}, 9000, at_ms);
  return std::nullopt;
}

// How many decisions a first-choice walk takes to the end (the last one writes the end record).
int DecisionsToEnd() {
  auto dir = test::TempDir("fault-count");
  RecordedSession rs = StartOrFail(dir);
  int n = 0;
  while (Step(rs, n * 1000)) ++n;
  fs::remove_all(dir);
  return n;
}

std::string Slurp(const std::string& path) {
  std::string text, error;
  REQUIRE_MESSAGE(ReadFileToString(path, text, error), error);
  return text;
}

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  return out;
}

// The log at `path` reads back usable, undamaged, and replays to `s`'s history.
void CheckLogMatches(const std::string& path, const Session& s) {
  SessionLogData d = ReadSessionLogFile(path);
  for (const auto& diag : d.diagnostics) INFO(FormatDiagnostic(diag));
  CHECK(d.usable());
  CHECK_FALSE(d.torn_tail);
  CHECK(d.decisions == s.History());
  CHECK(d.finished() == (s.state() == SessionState::Ended));
}

bool RunningAsRoot() { return ::geteuid() == 0; }

}  // namespace

TEST_SUITE("write faults") {

TEST_CASE("creating a session log: a failure at any step leaves no file and says what failed") {
  for (WriteStep step : kAllSteps) {
    const std::string step_name = StepName(step);
    CAPTURE(step_name);
    auto dir = test::TempDir("fault-create");
    auto fault = std::make_shared<Fault>();
    fault->step = step;
    auto scenario = TestScenario();
    auto started = RecordedSession::Start(scenario, Library().FindCatalogue(scenario->sop_catalogue), Info(), dir, Injector(fault));
    if (step == WriteStep::Rename) {
      // A new log is created in place (O_EXCL), never renamed: this step cannot fail it.
      CHECK(fault->fired == 0);
      REQUIRE(std::holds_alternative<RecordedSession>(started));
      CheckLogMatches(std::get<RecordedSession>(started).log_path(), std::get<RecordedSession>(started).session());
      fs::remove_all(dir);
      continue;
    }
    CHECK(fault->fired == 1);
    REQUIRE(std::holds_alternative<Problem>(started));
    const std::string& message = std::get<Problem>(started).message;
    CHECK(message.find("cannot start the session log") != std::string::npos);
    CHECK(message.find(dir) != std::string::npos);  // says where
    CHECK(FilesIn(dir).empty());                     // no empty or half-written log left behind
    fs::remove_all(dir);
  }
}

TEST_CASE("appending a decision: a failed write keeps the saved log intact and the session in memory") {
  for (WriteStep step : kAllSteps) {
    const std::string step_name = StepName(step);
    CAPTURE(step_name);
    auto dir = test::TempDir("fault-append");
    auto elsewhere = test::TempDir("fault-append-elsewhere");
    auto fault = std::make_shared<Fault>();
    RecordedSession rs = StartOrFail(dir, Injector(fault));
    for (int i = 0; i < 2; ++i) REQUIRE(Step(rs, 1000 * (i + 1))->saved);
    const std::string original_path = rs.log_path();
    const std::string before = Slurp(original_path);
    const std::size_t decisions_before = rs.session().History().size();

    fault->step = step;
    DecideResult r = *Step(rs, 3000);
    CHECK_FALSE(r.refused.has_value());
    CHECK(rs.session().History().size() == decisions_before + 1);  // applied in memory
    if (step != WriteStep::Write && step != WriteStep::Sync) {
      // Appending opens nothing, renames nothing and syncs no folder: these cannot fail it.
      CHECK(fault->fired == 0);
      CHECK(r.saved);
      CheckLogMatches(original_path, rs.session());
      fs::remove_all(dir);
      fs::remove_all(elsewhere);
      continue;
    }
    CHECK(fault->fired == 1);
    CHECK_FALSE(r.saved);
    CHECK(r.save_problem.message.find(original_path) != std::string::npos);
    CHECK(r.save_problem.message.find(step == WriteStep::Write ? "cannot write" : "cannot flush") != std::string::npos);
    CHECK_FALSE(rs.saved());
    CHECK(Slurp(original_path) == before);  // no partial record, nothing damaged

    // The session goes on in memory; the log on disk stays as it was (no gap in the records).
    fault->step.reset();
    DecideResult next = *Step(rs, 4000);
    CHECK_FALSE(next.refused.has_value());
    CHECK_FALSE(next.saved);
    CHECK(next.save_problem.message == r.save_problem.message);
    CHECK(rs.session().History().size() == decisions_before + 2);
    CHECK(Slurp(original_path) == before);

    // Save elsewhere: a complete log that replays to the same state, and the session continues there.
    std::string error;
    {
      auto problem = rs.SaveElsewhere(elsewhere);
      REQUIRE_MESSAGE(!problem, (problem ? problem->message : ""));
    }
    CHECK(rs.saved());
    CHECK(rs.log_path() != original_path);
    CHECK(fs::path(rs.log_path()).parent_path() == fs::path(elsewhere));
    CheckLogMatches(rs.log_path(), rs.session());
    auto resumed = RecordedSession::Resume(rs.log_path(), Library());
    REQUIRE(std::holds_alternative<RecordedSession>(resumed));
    const Session& replayed = std::get<RecordedSession>(resumed).session();
    CHECK(replayed.History() == rs.session().History());
    CHECK(replayed.Path() == rs.session().Path());
    CHECK(replayed.Values() == rs.session().Values());
    CHECK(replayed.CurrentNode().id == rs.session().CurrentNode().id);

    std::optional<DecideResult> after = Step(rs, 5000);
    REQUIRE(after.has_value());
    CHECK(after->saved);
    CheckLogMatches(rs.log_path(), rs.session());
    CHECK(Slurp(original_path) == before);  // the old log is left as it was
    fs::remove_all(dir);
    fs::remove_all(elsewhere);
  }
}

TEST_CASE("saving elsewhere can fail too: nothing is left at the target and the session stays in memory") {
  for (WriteStep step : kAllSteps) {
    const std::string step_name = StepName(step);
    CAPTURE(step_name);
    auto dir = test::TempDir("fault-saveas");
    auto elsewhere = test::TempDir("fault-saveas-elsewhere");
    auto fault = std::make_shared<Fault>();
    RecordedSession rs = StartOrFail(dir, Injector(fault));
    REQUIRE(Step(rs, 1000)->saved);
    fault->step = WriteStep::Write;
    REQUIRE_FALSE(Step(rs, 2000)->saved);

    fault->step = step;
    fault->fired = 0;
    std::string error;
    auto save_problem = rs.SaveElsewhere(elsewhere);
    bool ok = !save_problem;
    if (save_problem) error = save_problem->message;
    CHECK(fault->fired == 1);
    if (step == WriteStep::DirSync) {
      // The complete file is already in place when the folder sync fails; it is whole and valid,
      // but SIGAP cannot promise it survives a power cut, so it says so.
      CHECK_FALSE(ok);
      CHECK(error.find("cannot flush the folder") != std::string::npos);
      for (const auto& name : FilesIn(elsewhere)) CHECK(name.find(".partial") == std::string::npos);
    } else {
      CHECK_FALSE(ok);
      CHECK_FALSE(error.empty());
      CHECK(error.find(elsewhere) != std::string::npos);
      CHECK(FilesIn(elsewhere).empty());  // no half-written file, no temporary left over
    }
    CHECK_FALSE(rs.saved());
    CHECK(rs.session().History().size() == 2);  // still in memory

    fault->step.reset();
    error.clear();
    {
      auto problem = rs.SaveElsewhere(elsewhere);
      REQUIRE_MESSAGE(!problem, (problem ? problem->message : ""));
    }
    CheckLogMatches(rs.log_path(), rs.session());
    fs::remove_all(dir);
    fs::remove_all(elsewhere);
  }
}

TEST_CASE("the end record: a failure keeps every decision saved and a resume completes the log") {
  const int total = DecisionsToEnd();
  REQUIRE(total >= 2);
  for (WriteStep step : {WriteStep::Write, WriteStep::Sync}) {
    const std::string step_name = StepName(step);
    CAPTURE(step_name);
    auto dir = test::TempDir("fault-end");
    auto elsewhere = test::TempDir("fault-end-elsewhere");
    auto fault = std::make_shared<Fault>();
    RecordedSession rs = StartOrFail(dir, Injector(fault));
    for (int i = 0; i < total - 1; ++i) REQUIRE(Step(rs, 1000 * (i + 1))->saved);
    const std::string path = rs.log_path();

    fault->step = step;
    fault->skip = 1;  // the last decision is written; its end record fails
    DecideResult last = *Step(rs, 1000 * total);
    CHECK(fault->fired == 1);
    CHECK(rs.session().state() == SessionState::Ended);
    CHECK_FALSE(last.saved);
    CHECK(last.save_problem.message.find(path) != std::string::npos);

    // On disk: every decision, no end record, nothing torn.
    SessionLogData d = ReadSessionLogFile(path);
    CHECK(d.usable());
    CHECK_FALSE(d.torn_tail);
    CHECK_FALSE(d.finished());
    CHECK(d.decisions == rs.session().History());

    // Saved elsewhere (the disk is fine there): a finished log with the same scores.
    fault->step.reset();
    std::string error;
    {
      auto problem = rs.SaveElsewhere(elsewhere);
      REQUIRE_MESSAGE(!problem, (problem ? problem->message : ""));
    }
    CheckLogMatches(rs.log_path(), rs.session());
    CHECK(ReadSessionLogFile(rs.log_path()).finished());

    // Once the disk is back, resuming the original log replays it and writes the missing end.
    auto resumed = RecordedSession::Resume(path, Library());
    REQUIRE(std::holds_alternative<RecordedSession>(resumed));
    CHECK(std::get<RecordedSession>(resumed).saved());
    SessionLogData completed = ReadSessionLogFile(path);
    CHECK(completed.finished());
    CHECK(completed.decisions == rs.session().History());
    REQUIRE(completed.end.has_value());
    CHECK((*completed.end)["scores"] == (*ReadSessionLogFile(rs.log_path()).end)["scores"]);
    fs::remove_all(dir);
    fs::remove_all(elsewhere);
  }
}

TEST_CASE("exports: a failure at any step leaves the previous file whole and no temporary behind") {
  const std::string old_content = "scenario,team\nold,Tim A\n";
  std::string new_content = "scenario,team\n";
  for (int i = 0; i < 2000; ++i) new_content += "yuliana-nunukan,Tim " + std::to_string(i) + "\n";
  for (bool had_previous : {true, false}) {
    for (WriteStep step : kAllSteps) {
      const std::string step_name = StepName(step);
    CAPTURE(step_name);
      CAPTURE(had_previous);
      auto dir = test::TempDir("fault-export");
      const std::string target = dir + "/laporan.csv";
      if (had_previous) std::ofstream(target, std::ios::binary) << old_content;
      auto fault = std::make_shared<Fault>();
      fault->step = step;
      std::string error;
      bool ok = WriteFileDurably(target, new_content, error, Injector(fault));
      CHECK(fault->fired == 1);
      CHECK_FALSE(ok);
      CHECK(error.find(target) != std::string::npos);
      for (const auto& name : FilesIn(dir)) CHECK(name == "laporan.csv");  // no "*.partial"
      if (step == WriteStep::DirSync) {
        CHECK(Slurp(target) == new_content);  // renamed whole; only the folder sync failed
      } else if (had_previous) {
        CHECK(Slurp(target) == old_content);
      } else {
        CHECK_FALSE(fs::exists(target));
      }
      fs::remove_all(dir);
    }
  }
}

TEST_CASE("a full disk stops a write part-way: the partial record is cut off, the log stays valid") {
  // RLIMIT_FSIZE makes write() store what fits and then fail (EFBIG), the way a full USB stick
  // does (ENOSPC), without root or a tiny file system.
  auto dir = test::TempDir("fault-full");
  auto elsewhere = test::TempDir("fault-full-elsewhere");
  RecordedSession rs = StartOrFail(dir);
  REQUIRE(Step(rs, 1000)->saved);
  const std::string before = Slurp(rs.log_path());

  struct rlimit old_limit {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit limit = old_limit;
  limit.rlim_cur = before.size() + 20;  // room for 20 bytes of the next record only
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
  DecideResult r = *Step(rs, 2000);
  std::string error;
  auto save_problem = rs.SaveElsewhere(elsewhere);
  const bool copied = !save_problem;
  if (save_problem) error = save_problem->message;  // the new log does not fit either
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  std::signal(SIGXFSZ, old_handler);

  CHECK_FALSE(r.saved);
  CHECK(r.save_problem.message.find("cannot write") != std::string::npos);
  CHECK(Slurp(rs.log_path()) == before);  // the 20 bytes that fitted were cut off again
  CHECK_FALSE(copied);
  CHECK(FilesIn(elsewhere).empty());
  CHECK(rs.session().History().size() == 2);

  {
      auto problem = rs.SaveElsewhere(elsewhere);
      REQUIRE_MESSAGE(!problem, (problem ? problem->message : ""));
    }  // room again: saved whole
  CheckLogMatches(rs.log_path(), rs.session());
  fs::remove_all(dir);
  fs::remove_all(elsewhere);
}

TEST_CASE("an export to a full device reports it and leaves nothing at the target") {
  // /dev/full accepts the open and fails every write with ENOSPC. The temporary file name is
  // made a link to it, so WriteFileDurably meets a genuinely full device.
  if (!fs::exists("/dev/full")) {
    MESSAGE("skipped: no /dev/full on this system");
    return;
  }
  auto dir = test::TempDir("fault-devfull");
  const std::string target = dir + "/laporan.html";
  fs::create_symlink("/dev/full", target + ".partial");
  std::string error;
  CHECK_FALSE(WriteFileDurably(target, std::string(4096, 'x'), error));
  CHECK(error.find(std::strerror(ENOSPC)) != std::string::npos);
  CHECK(error.find(target) != std::string::npos);
  CHECK_FALSE(fs::exists(target));
  CHECK_FALSE(fs::exists(fs::symlink_status(target + ".partial")));
  fs::remove_all(dir);
}

TEST_CASE("a read-only folder: no log can start there, nothing can be saved there, the session survives") {
  // chmod does not bind root (CI containers often run as root): then the checks run in a child
  // process that has dropped to an unprivileged user, and report back through its exit status.
  auto dir = test::TempDir("fault-readonly");
  auto writable = test::TempDir("fault-readonly-ok");
  auto readonly = dir + "/usb";
  fs::create_directories(readonly);
  std::ofstream(readonly + "/laporan.csv") << "old\n";
  REQUIRE(::chmod(readonly.c_str(), 0555) == 0);

  // Each check prints what failed and counts it; the count is the child's exit status.
  auto run_checks = [&]() -> int {
    int failures = 0;
    auto expect = [&](bool ok, const char* what) {
      if (!ok) { std::fprintf(stderr, "read-only folder: failed: %s\n", what); ++failures; }
    };
    {
      std::ofstream probe(readonly + "/probe");
      if (probe) return 100;  // the folder is writable after all: cannot test here
    }
    auto scenario = TestScenario();
    auto catalogue = Library().FindCatalogue(scenario->sop_catalogue);
    auto started = RecordedSession::Start(scenario, catalogue, Info(), readonly);
    expect(std::holds_alternative<Problem>(started), "Start in a read-only folder fails");
    if (auto* problem = std::get_if<Problem>(&started)) {
      const std::string* msg = &problem->message;
      expect(msg->find(std::strerror(EACCES)) != std::string::npos, "the message says permission denied");
      expect(msg->find(readonly) != std::string::npos, "the message names the folder");
    }
    auto ok_start = RecordedSession::Start(scenario, catalogue, Info(), writable);
    if (!std::holds_alternative<RecordedSession>(ok_start)) return 50;
    RecordedSession& rs = std::get<RecordedSession>(ok_start);
    expect(Step(rs, 1000)->saved, "a decision saves in a writable folder");
    std::string error, copied;
    auto save_problem = rs.SaveElsewhere(readonly);
    if (save_problem) error = save_problem->message;
    expect(save_problem.has_value(), "SaveElsewhere to a read-only folder fails");
    expect(error.find(readonly) != std::string::npos, "SaveElsewhere names the folder");
    expect(rs.saved() && rs.log_path().find(writable) == 0, "the session keeps its writable log");
    expect(rs.CopyLogTo(readonly, copied).has_value(), "CopyLogTo a read-only folder fails");
    expect(!WriteFileDurably(readonly + "/laporan.csv", "new\n", error), "an export to a read-only folder fails");
    std::string text, read_error;
    expect(ReadFileToString(readonly + "/laporan.csv", text, read_error) && text == "old\n", "the old export is untouched");
    expect(FilesIn(readonly).size() == 1, "nothing new in the read-only folder");
    expect(Step(rs, 2000)->saved, "the session continues and saves in its own folder");
    return failures;
  };

  int status = 0;
  if (!RunningAsRoot()) {
    status = run_checks();
  } else {
    ::chmod(writable.c_str(), 0777);
    ::chmod(dir.c_str(), 0755);
    std::fflush(nullptr);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      const uid_t nobody = 65534;
      if (::setgroups(0, nullptr) != 0 || ::setresgid(nobody, nobody, nobody) != 0 || ::setresuid(nobody, nobody, nobody) != 0) ::_exit(101);
      ::_exit(run_checks());
    }
    int wstatus = 0;
    REQUIRE(::waitpid(pid, &wstatus, 0) == pid);
    REQUIRE(WIFEXITED(wstatus));
    status = WEXITSTATUS(wstatus);
  }
  ::chmod(readonly.c_str(), 0755);
  fs::remove_all(dir);
  fs::remove_all(writable);
  if (status == 100 || status == 101) {
    MESSAGE("skipped: this system does not enforce folder permissions for the test user (status " << status << ")");
    return;
  }
  CHECK(status == 0);
}

}  // TEST_SUITE
