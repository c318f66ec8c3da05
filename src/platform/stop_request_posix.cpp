// Stop requests on Linux: SIGINT and SIGTERM blocked in every thread and taken by sigtimedwait.
#include "platform/stop_request.h"

#include <pthread.h>
#include <sys/resource.h>

#include <csignal>
#include <ctime>

namespace sigap::platform {

namespace {
sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}
}  // namespace

void CatchStopRequests() {
  // Blocked before any thread starts, so every thread inherits the mask and no handler runs in
  // a server thread.
  const sigset_t set = StopSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

bool WaitForStopRequest(std::chrono::milliseconds timeout) {
  const sigset_t set = StopSignals();
  const long long ms = timeout.count() < 0 ? 0 : timeout.count();
  timespec t{static_cast<time_t>(ms / 1000), static_cast<long>((ms % 1000) * 1000000)};
  const int sig = sigtimedwait(&set, nullptr, &t);
  return sig == SIGINT || sig == SIGTERM;
}

void RaiseOpenFileLimit() {
  // The usual soft limit of 1024 is raised to the hard one.
  rlimit nofile{};
  if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
    nofile.rlim_cur = nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);
  }
}

}  // namespace sigap::platform
