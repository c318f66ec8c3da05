// The platform layer: the file lock that gives a session log one writer, durable files and
// UTF-8 paths. Built and run on Linux and, cross-built, under Wine (scripts/windows-smoke.sh).
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "child_process.h"
#include "platform/file.h"
#include "platform/folders.h"
#include "platform/utf8_path.h"
#include "test_support.h"

using namespace sigap;
using platform::File;
using platform::LockState;
namespace fs = std::filesystem;

namespace {

std::string Probe() {
#ifdef _WIN32
  const char* name = "platform_lock_probe.exe";
#else
  const char* name = "platform_lock_probe";
#endif
  return platform::PathToUtf8(platform::PathFromUtf8(platform::ExecutableDir()) / name);
}

std::string Join(const std::string& dir, const std::string& name) {
  return platform::PathToUtf8(platform::PathFromUtf8(dir) / platform::PathFromUtf8(name));
}

std::string ReadBack(const std::string& path) {
  std::ifstream in(platform::PathFromUtf8(path), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

File OpenLog(const std::string& path, File::Mode mode = File::Mode::AppendExisting) {
  std::string why;
  File f = File::Open(path, mode, why);
  REQUIRE_MESSAGE(f.is_open(), why);
  return f;
}

bool WaitForFile(const std::string& path, std::chrono::seconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  std::error_code ec;
  while (!fs::exists(platform::PathFromUtf8(path), ec)) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

constexpr int kProbeGotLock = 0;
constexpr int kProbeRefused = 10;

}  // namespace

TEST_SUITE("platform") {

TEST_CASE("the log lock: one holder at a time, readers still read, released on close") {
  std::string dir = test::TempDir("lock");
  std::string log = Join(dir, "sesi — Dédé.sigap.jsonl");
  std::string why;
  File writer = OpenLog(log, File::Mode::CreateNew);
  REQUIRE(writer.TryLock(why) == LockState::Locked);
  CHECK(writer.TryLock(why) == LockState::Locked);  // asking again is harmless
  REQUIRE(writer.Append("{\"rec\":\"header\"}\n", why));
  REQUIRE(writer.Sync(why));

  SUBCASE("a second handle in this process is refused") {
    File second = OpenLog(log);
    CHECK(second.TryLock(why) == LockState::HeldElsewhere);
    writer.Close();
    CHECK(second.TryLock(why) == LockState::Locked);
  }
  SUBCASE("another process is refused until the holder closes the file") {
    CHECK(test::RunChild({Probe(), "try", log}) == kProbeRefused);
    writer.Close();
    CHECK(test::RunChild({Probe(), "try", log}) == kProbeGotLock);
  }
  SUBCASE("the locked log can be read whole by another reader (the facilitator's import)") {
    CHECK(ReadBack(log) == "{\"rec\":\"header\"}\n");
    REQUIRE(writer.Append("{\"rec\":\"decision\"}\n", why));
    CHECK(ReadBack(log) == "{\"rec\":\"header\"}\n{\"rec\":\"decision\"}\n");
  }
  writer.Close();
  fs::remove_all(platform::PathFromUtf8(dir));
}

TEST_CASE("the log lock dies with its holder: a killed process leaves no stale lock") {
  std::string dir = test::TempDir("lock-kill");
  std::string log = Join(dir, "sesi.sigap.jsonl");
  std::string marker = Join(dir, "locked.txt");
  OpenLog(log, File::Mode::CreateNew).Close();
  test::ChildProcess holder({Probe(), "hold", log, marker});
  REQUIRE(holder.started());
  REQUIRE_MESSAGE(WaitForFile(marker, std::chrono::seconds(20)), "the probe never took the lock");
  std::string why;
  File mine = OpenLog(log);
  CHECK(mine.TryLock(why) == LockState::HeldElsewhere);
  holder.Kill();
  holder.Wait();
  // The system releases the lock as it tears the process down; allow it a moment.
  LockState state = LockState::HeldElsewhere;
  for (int i = 0; i < 100 && state == LockState::HeldElsewhere; ++i) {
    state = mine.TryLock(why);
    if (state == LockState::HeldElsewhere) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(state == LockState::Locked);
  mine.Close();
  fs::remove_all(platform::PathFromUtf8(dir));
}

TEST_CASE("durable files: append, truncate, size, and names that are not ASCII") {
  const std::string base = test::TempDir("files");
  std::string dir = Join(base, "Pelatihan — Batam/Dédé ñ 日本");
  fs::create_directories(platform::PathFromUtf8(dir));
  std::string path = Join(dir, "laporan-é.txt");
  std::string why;
  {
    File f = OpenLog(path, File::Mode::CreateNew);
    REQUIRE(f.Append("satu\n", why));
    REQUIRE(f.Append("dua\n", why));
    REQUIRE(f.Sync(why));
    CHECK(f.Size(why) == 9u);
    REQUIRE(f.Truncate(5, why));
    REQUIRE(f.Append("tiga\n", why));  // appends land at the new end
    CHECK(f.Size(why) == 10u);
  }
  CHECK(ReadBack(path) == "satu\ntiga\n");
  CHECK_FALSE(File::Open(path, File::Mode::CreateNew, why).is_open());  // the name exists
  CHECK_FALSE(why.empty());

  bool listed = false;
  for (const auto& e : fs::directory_iterator(platform::PathFromUtf8(dir)))
    listed |= platform::PathToUtf8(e.path().filename()) == "laporan-é.txt";
  CHECK(listed);
  CHECK(platform::PathToUtf8(platform::PathFromUtf8(path)) == path);

  std::string other = Join(dir, "baru — ñ.txt");
  OpenLog(other, File::Mode::CreateOrTruncate).Append("baru\n", why);
  CHECK_FALSE(platform::RenameNoReplace(other, path, why));  // never over an existing file
  CHECK(ReadBack(path) == "satu\ntiga\n");
  REQUIRE(platform::ReplaceFileAtomically(other, path, why));            // on purpose, atomically
  CHECK(ReadBack(path) == "baru\n");
  CHECK_FALSE(fs::exists(platform::PathFromUtf8(other)));
  CHECK(platform::SyncFolder(dir, why));
  CHECK(platform::RenameNoReplace(path, other, why));
  CHECK(platform::RemoveFile(other));
  CHECK_FALSE(platform::RemoveFile(other));
  fs::remove_all(platform::PathFromUtf8(base));
}

TEST_CASE("per-user folders are absolute and named for SIGAP") {
  for (const std::string& dir : {platform::UserDataDir(), platform::UserConfigDir()}) {
    INFO(dir);
    CHECK(platform::PathFromUtf8(dir).is_absolute());
    std::string name = platform::PathToUtf8(platform::PathFromUtf8(dir).filename());
    CHECK((name == "sigap" || name == "SIGAP"));
  }
  CHECK_FALSE(platform::ExecutableDir().empty());
  CHECK(fs::exists(platform::PathFromUtf8(Probe())));
}

}  // TEST_SUITE

TEST_CASE("removable drives: a USB stick that is plugged in is offered, with its label") {
  // scripts/windows-smoke.sh plugs one in under Wine (a drive of type "floppy" is DRIVE_REMOVABLE)
  // and names it here; elsewhere there is no stick to find.
  const std::string root = platform::EnvironmentVariable("SIGAP_TEST_REMOVABLE_DRIVE");  // e.g. "E:\"
  const std::string label = platform::EnvironmentVariable("SIGAP_TEST_REMOVABLE_LABEL");
  if (root.empty()) {
    MESSAGE("skipped: no test drive (SIGAP_TEST_REMOVABLE_DRIVE) on this machine");
    return;
  }
  bool found = false;
  for (const auto& drive : platform::RemovableDrives()) {
    INFO(drive.label << " at " << drive.path);
    if (drive.path != root) continue;
    found = true;
    CHECK(drive.label.find(label) != std::string::npos);
  }
  CHECK(found);
}
