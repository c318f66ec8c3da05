// The author face's explorer: ExploreScenario on a worker thread, so that the window stays
// responsive while every path of a scenario is walked. One exploration at a time; a newer
// version supersedes the one waiting and the result of the one under way (explore has no way to
// stop midway, so that one runs out and is thrown away).
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "explore.h"

namespace sigap::app {

class ExploreWorker {
 public:
  using ExploreFn = std::function<ExploreReport(std::shared_ptr<const Scenario>, std::shared_ptr<const SopCatalogue>)>;
  struct Result {
    std::string hash;  // the content hash of the version explored
    ExploreReport report;
  };

  // `on_ready` runs on the worker thread when a result can be taken (it wakes the loop);
  // `explore` is ExploreScenario unless a test gives its own.
  explicit ExploreWorker(std::function<void()> on_ready, ExploreFn explore = {});
  ~ExploreWorker();  // waits for the exploration under way
  ExploreWorker(const ExploreWorker&) = delete;
  ExploreWorker& operator=(const ExploreWorker&) = delete;

  // Explores this version next (the thread starts at the first request).
  void Request(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue,
               const std::string& hash);
  // The newest request's result, once; none while it is being explored.
  std::optional<Result> Take();
  // The hash of the newest request not yet taken ("" = none): what the face says it is exploring.
  std::string Wanted() const;

 private:
  struct Job {
    std::shared_ptr<const Scenario> scenario;
    std::shared_ptr<const SopCatalogue> catalogue;
    std::string hash;
  };
  void Run();

  std::function<void()> on_ready_;
  ExploreFn explore_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<Job> next_;      // the newest request, not started yet
  std::string wanted_;           // the newest request's hash until its result is taken
  std::optional<Result> ready_;  // the newest request's result
  bool quit_ = false;
  std::thread thread_;
};

}  // namespace sigap::app
