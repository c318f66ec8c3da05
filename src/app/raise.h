// Bringing another SIGAP window forward: a second copy that finds a session open elsewhere
// writes a request naming the session's log; the copy holding that log sees it within half a
// second, wakes its event loop and raises its window. Plain files in the settings folder, so it
// works the same on Linux and Windows, and costs a window holding a session one small read twice
// a second (no frame is drawn for it); a window holding none does not look at all.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "file_io.h"

namespace sigap::app {

// Asks the window that has `log_path` open to come forward. False (with `error`) when the
// request cannot be written.
bool RequestRaise(const std::string& config_dir, const std::string& log_path, IoError& error);

class RaiseWatcher {
 public:
  // `wake` is called from the watcher's thread: it must be thread-safe (glfwPostEmptyEvent is).
  RaiseWatcher(std::string config_dir, std::function<void()> wake);
  ~RaiseWatcher();
  RaiseWatcher(const RaiseWatcher&) = delete;
  RaiseWatcher& operator=(const RaiseWatcher&) = delete;

  void Watch(const std::string& log_path);  // the session this window holds; "" for none
  bool HasRequest() const { return requested_.load(); }  // a request waits for TakeRequest
  bool TakeRequest();                       // true once after a request for the watched session

 private:
  void Run();
  std::string request_path_;
  std::function<void()> wake_;
  std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
  std::string watched_;
  std::atomic<bool> requested_{false};
  std::thread thread_;
};

}  // namespace sigap::app
