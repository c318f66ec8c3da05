// Stop requests on Windows: the console's Ctrl+C, Ctrl+Break and close events set an event that
// WaitForStopRequest waits on. (A process started without a console, as under Wine in tests,
// is ended by `sigap room --for`.)
#include "platform/stop_request.h"

#include "platform/win32_text.h"

namespace sigap::platform {

namespace {

HANDLE StopEvent() {
  static HANDLE event = CreateEventW(nullptr, TRUE, FALSE, nullptr);  // manual reset: stays set
  return event;
}

BOOL WINAPI OnConsoleEvent(DWORD type) {
  if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT && type != CTRL_CLOSE_EVENT) return FALSE;
  SetEvent(StopEvent());
  return TRUE;  // handled: the command closes itself and prints its summary
}

}  // namespace

void CatchStopRequests() {
  StopEvent();
  SetConsoleCtrlHandler(OnConsoleEvent, TRUE);
}

bool WaitForStopRequest(std::chrono::milliseconds timeout) {
  const auto ms = timeout.count() < 0 ? 0 : timeout.count();
  return WaitForSingleObject(StopEvent(), static_cast<DWORD>(ms)) == WAIT_OBJECT_0;
}

void RaiseOpenFileLimit() {}  // Windows has no per-process limit on sockets to raise

}  // namespace sigap::platform
