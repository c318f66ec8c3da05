// Write faults the system itself causes, on Linux: a real "disk full" (a file-size limit, which
// makes write() stop part-way exactly like a full disk, and /dev/full) and a real read-only
// folder. The injected faults of fault_write_test.cpp run on Windows too; these need POSIX.
#include <doctest/doctest.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault_fixtures.h"

using namespace sigap;
using namespace sigap::test;
namespace fs = std::filesystem;

namespace {

bool RunningAsRoot() { return ::geteuid() == 0; }

}  // namespace

TEST_SUITE("write faults") {

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
