// The process's edges on Windows: UTF-16 arguments, UTF-8 on the console, a message box.
#include "platform/console.h"

#include "platform/win32_text.h"

#include <fcntl.h>
#include <io.h>
#include <shellapi.h>

#include <algorithm>
#include <cstdio>
#include <thread>

namespace sigap::platform {

namespace {

// One standard stream carried to the console: the CRT writes UTF-8 into a pipe, and a thread
// turns whole code points into UTF-16 for WriteConsoleW (msvcrt's printf garbles UTF-8 on a
// console even after SetConsoleOutputCP(CP_UTF8)).
struct ConsoleRoute {
  int fd = -1;
  FILE* stream = nullptr;
  HANDLE console = nullptr;
  int read_end = -1;
  std::thread pump;
};
ConsoleRoute g_routes[2];

bool IsConsole(HANDLE h) {
  DWORD mode = 0;
  return h && h != INVALID_HANDLE_VALUE && GetConsoleMode(h, &mode);
}

void WriteWide(HANDLE console, std::string_view utf8) {
  std::wstring text = win32::Widen(utf8);
  const wchar_t* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    DWORD done = 0;
    if (!WriteConsoleW(console, p, static_cast<DWORD>(std::min<std::size_t>(left, 8192)), &done, nullptr) || done == 0) return;
    p += done;
    left -= done;
  }
}

// The length of the longest prefix of `s` that ends on a code point boundary.
std::size_t WholeCodePoints(const std::string& s) {
  const std::size_t n = s.size();
  for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
    unsigned char c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back for the lead byte
    std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return length > back ? n - back : n;
  }
  return n;
}

void Pump(ConsoleRoute* route) {
  std::string pending;
  char buffer[4096];
  for (;;) {
    int got = _read(route->read_end, buffer, sizeof buffer);
    if (got <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(got));
    std::size_t whole = WholeCodePoints(pending);
    WriteWide(route->console, std::string_view(pending).substr(0, whole));
    pending.erase(0, whole);
  }
  WriteWide(route->console, pending);
  _close(route->read_end);
}

// At exit: flush what the CRT still holds, close the pipe so the pump sees its end, wait for it.
void FinishRoutes() {
  for (auto& route : g_routes) {
    if (!route.pump.joinable()) continue;
    std::fflush(route.stream);
    _close(route.fd);
    route.pump.join();
  }
}

void RouteStream(ConsoleRoute& route, int fd, FILE* stream, DWORD std_id, bool attached) {
  route.fd = fd;
  route.stream = stream;
  HANDLE h = GetStdHandle(std_id);
  if (!IsConsole(h)) {
    if (h && h != INVALID_HANDLE_VALUE && GetFileType(h) != FILE_TYPE_UNKNOWN) {
      // A file or a pipe: raw UTF-8 bytes, "\n" as on Linux. A GUI-subsystem program's CRT may
      // not have connected its descriptor to the handle it inherited: connect it.
      if (reinterpret_cast<HANDLE>(_get_osfhandle(fd)) != h) {
        int crt_fd = _open_osfhandle(reinterpret_cast<intptr_t>(h), _O_BINARY);
        if (crt_fd >= 0 && crt_fd != fd) {
          _dup2(crt_fd, fd);
          _close(crt_fd);
        }
      }
      _setmode(fd, _O_BINARY);
      return;
    }
    if (!attached) return;  // no console and nothing redirected: a GUI started from Explorer
    h = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, 0,
                    nullptr);
    if (!IsConsole(h)) return;
  }
  // _dup2 below closes the descriptor's handle, which may be this very console handle: keep our own.
  HANDLE console = nullptr;
  if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &console, 0, FALSE, DUPLICATE_SAME_ACCESS)) return;
  int ends[2];
  if (_pipe(ends, 1 << 16, _O_BINARY | _O_NOINHERIT) != 0) {
    CloseHandle(console);
    return;
  }
  std::fflush(stream);
  if (_dup2(ends[1], fd) != 0) {
    _close(ends[0]);
    _close(ends[1]);
    CloseHandle(console);
    return;
  }
  _close(ends[1]);
  std::setvbuf(stream, nullptr, _IONBF, 0);  // a line shows when it is printed, not at exit
  route.console = console;
  route.read_end = ends[0];
  route.pump = std::thread(Pump, &route);
}

}  // namespace

std::vector<std::string> Utf8Arguments(int argc, char** argv) {
  int n = 0;
  LPWSTR* wide = CommandLineToArgvW(GetCommandLineW(), &n);
  if (!wide) return std::vector<std::string>(argv, argv + argc);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(win32::Narrow(wide[i]));
  LocalFree(wide);
  return out;
}

void InitConsoleOutput(bool attach_parent_console) {
  static bool done = false;
  if (done) return;
  done = true;
  bool attached = false;
  if (attach_parent_console && !GetConsoleWindow()) attached = AttachConsole(ATTACH_PARENT_PROCESS) != 0;
  RouteStream(g_routes[0], 1, stdout, STD_OUTPUT_HANDLE, attached);
  RouteStream(g_routes[1], 2, stderr, STD_ERROR_HANDLE, attached);
  std::atexit(FinishRoutes);
}

void ShowFatalError(const std::string& title, const std::string& text) {
  std::fprintf(stderr, "sigap: %s\n%s\n", title.c_str(), text.c_str());
  MessageBoxW(nullptr, win32::Widen(text).c_str(), win32::Widen(title).c_str(), MB_OK | MB_ICONERROR | MB_SETFOREGROUND);
}

}  // namespace sigap::platform
