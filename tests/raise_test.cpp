// A second copy of SIGAP asks the window that holds a session to come forward (src/app/raise.h).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "raise.h"
#include "test_support.h"

using namespace sigap;

namespace {
// Waits up to `seconds` for `done`, polling: the watcher looks twice a second.
template <typename F>
bool WaitFor(F done, double seconds = 5.0) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}
}  // namespace

TEST_CASE("a raise request wakes the window that holds that session, and only that one") {
  const std::string dir = test::TempDir("raise");
  std::atomic<int> wakes_a{0}, wakes_b{0};
  app::RaiseWatcher a(dir, [&] { ++wakes_a; });
  app::RaiseWatcher b(dir, [&] { ++wakes_b; });
  a.Watch("/results/tim-merah.sigap.jsonl");
  b.Watch("/results/tim-biru.sigap.jsonl");
  IoError error;
  REQUIRE(app::RequestRaise(dir, "/results/tim-merah.sigap.jsonl", error));
  CHECK(WaitFor([&] { return wakes_a.load() == 1; }));
  CHECK(a.TakeRequest());
  CHECK_FALSE(a.TakeRequest());  // once per request
  CHECK(wakes_b.load() == 0);
  CHECK_FALSE(b.TakeRequest());
  // A window with no session open ignores requests.
  a.Watch("");
  REQUIRE(app::RequestRaise(dir, "/results/tim-merah.sigap.jsonl", error));
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  CHECK(wakes_a.load() == 1);
  CHECK_FALSE(a.TakeRequest());
  test::RemoveTree(dir);
}
