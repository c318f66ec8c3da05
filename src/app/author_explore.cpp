#include "author_explore.h"

namespace sigap::app {

ExploreWorker::ExploreWorker(std::function<void()> on_ready, ExploreFn explore)
    : on_ready_(std::move(on_ready)), explore_(std::move(explore)) {
  if (!explore_)
    explore_ = [](std::shared_ptr<const Scenario> s, std::shared_ptr<const SopCatalogue> c) {
      return ExploreScenario(std::move(s), std::move(c));
    };
}

ExploreWorker::~ExploreWorker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    quit_ = true;
    next_.reset();
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ExploreWorker::Request(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue,
                            const std::string& hash) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    next_ = Job{std::move(scenario), std::move(catalogue), hash};
    wanted_ = hash;
    ready_.reset();  // an older version's result is not shown any more
    if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
  }
  wake_.notify_all();
}

std::optional<ExploreWorker::Result> ExploreWorker::Take() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!ready_) return std::nullopt;
  std::optional<Result> out = std::move(ready_);
  ready_.reset();
  wanted_.clear();
  return out;
}

std::string ExploreWorker::Wanted() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return wanted_;
}

void ExploreWorker::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return quit_ || next_.has_value(); });
    if (quit_) return;
    Job job = std::move(*next_);
    next_.reset();
    lock.unlock();
    ExploreReport report = explore_(job.scenario, job.catalogue);
    lock.lock();
    if (quit_) return;
    // A newer version asked for meanwhile supersedes this one: its result is never shown.
    if (job.hash != wanted_ || next_) continue;
    ready_ = Result{job.hash, std::move(report)};
    lock.unlock();
    if (on_ready_) on_ready_();
    lock.lock();
  }
}

}  // namespace sigap::app
