#include "raise.h"

#include <chrono>
#include <filesystem>
#include <utility>

#include "file_io.h"
#include "platform/file.h"
#include "platform/utf8_path.h"

namespace sigap::app {

namespace {
std::string RequestFile(const std::string& config_dir) {
  return platform::PathToUtf8(platform::PathFromUtf8(config_dir) / "raise-request.txt");
}
}  // namespace

bool RequestRaise(const std::string& config_dir, const std::string& log_path, IoError& error) {
  std::error_code ec;
  std::filesystem::create_directories(platform::PathFromUtf8(config_dir), ec);
  return WriteFileDurably(RequestFile(config_dir), log_path, error);
}

RaiseWatcher::RaiseWatcher(std::string config_dir, std::function<void()> wake)
    : request_path_(RequestFile(config_dir)), wake_(std::move(wake)), thread_([this] { Run(); }) {}

RaiseWatcher::~RaiseWatcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
}

void RaiseWatcher::Watch(const std::string& log_path) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (watched_ == log_path) return;  // the loop calls this every frame
    watched_ = log_path;
  }
  stop_cv_.notify_all();
}

bool RaiseWatcher::TakeRequest() { return requested_.exchange(false); }

void RaiseWatcher::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    // Without a session to watch nothing can ask for this window: sleep until there is one, so
    // an idle start screen has no thread waking at all.
    if (watched_.empty()) stop_cv_.wait(lock, [this] { return stop_ || !watched_.empty(); });
    else stop_cv_.wait_for(lock, std::chrono::milliseconds(500));
    if (stop_ || watched_.empty()) continue;
    const std::string watched = watched_;
    lock.unlock();
    std::string text, error;
    if (ReadFileToString(request_path_, text, error) && text == watched) {
      platform::RemoveFile(request_path_);
      requested_ = true;
      wake_();
    }
    lock.lock();
  }
}

}  // namespace sigap::app
