// A second process for the file-lock tests (platform_test.cpp).
//   platform_lock_probe try FILE          exit 0: got the lock; 10: another holds it; 11: error
//   platform_lock_probe hold FILE MARKER  takes the lock, writes MARKER, then waits up to 60 s
//                                         for the test to kill it (exit 10/11 as above)
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "platform/console.h"
#include "platform/file.h"

using sigap::platform::File;
using sigap::platform::LockState;

int main(int argc, char** argv) {
  std::vector<std::string> args = sigap::platform::Utf8Arguments(argc, argv);
  if (args.size() < 3) return 2;
  std::string why;
  File file = File::Open(args[2], File::Mode::AppendExisting, why);
  if (!file.is_open()) {
    std::fprintf(stderr, "probe: cannot open %s: %s\n", args[2].c_str(), why.c_str());
    return 11;
  }
  LockState state = file.TryLock(why);
  if (state == LockState::HeldElsewhere) return 10;
  if (state == LockState::Failed) {
    std::fprintf(stderr, "probe: cannot lock: %s\n", why.c_str());
    return 11;
  }
  if (args[1] == "hold" && args.size() > 3) {
    File marker = File::Open(args[3], File::Mode::CreateOrTruncate, why);
    if (!marker.is_open() || !marker.Append("locked\n", why)) return 11;
    marker.Close();
    std::this_thread::sleep_for(std::chrono::seconds(60));
  }
  return 0;
}
