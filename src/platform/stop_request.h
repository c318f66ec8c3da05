// The end of a long-running command (`sigap room`): Ctrl+C or a termination request (SIGINT,
// SIGTERM; on Windows the console's Ctrl+C, Ctrl+Break and close events), and the limit of open
// files a server needs.
#pragma once

#include <chrono>

namespace sigap::platform {

// Call before any thread starts: from then on a stop request only ends WaitForStopRequest, never
// the process in the middle of a write.
void CatchStopRequests();
// True when a stop was requested within `timeout`.
bool WaitForStopRequest(std::chrono::milliseconds timeout);
// Raises this process's limit of open files to the most it may have: every connection is one.
void RaiseOpenFileLimit();

}  // namespace sigap::platform
