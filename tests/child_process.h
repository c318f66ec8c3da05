// Starting, killing and waiting for a child program, for the tests that need a second process
// (the file lock). The one place in the tests where the two systems differ.
#pragma once

#include <string>
#include <vector>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#else
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "platform/utf8_path.h"

namespace sigap::test {

class ChildProcess {
 public:
  // argv[0] is the program's path; the arguments are UTF-8.
  explicit ChildProcess(const std::vector<std::string>& argv) {
#ifdef _WIN32
    std::wstring line;
    for (const auto& a : argv) line += (line.empty() ? L"\"" : L" \"") + platform::PathFromUtf8(a).native() + L"\"";
    STARTUPINFOW si{};
    si.cb = sizeof si;
    PROCESS_INFORMATION pi{};
    if (CreateProcessW(nullptr, line.data(), nullptr, nullptr, FALSE, 0, nullptr, nullptr, &si, &pi)) {
      CloseHandle(pi.hThread);
      process_ = pi.hProcess;
    }
#else
    pid_ = ::fork();
    if (pid_ == 0) {
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
#endif
  }
  ~ChildProcess() {
    if (running()) {
      Kill();
      Wait();
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const {
#ifdef _WIN32
    return process_ != nullptr;
#else
    return pid_ > 0;
#endif
  }
  bool running() const { return started() && !waited_; }

  // Ends the child at once, as a crash or the task manager would: no cleanup code runs in it.
  void Kill() {
#ifdef _WIN32
    TerminateProcess(process_, 137);
#else
    ::kill(pid_, SIGKILL);
#endif
  }

  // The exit code; -1 when the child was killed by a signal (Linux) or never started.
  int Wait() {
    if (!started() || waited_) return exit_code_;
    waited_ = true;
#ifdef _WIN32
    WaitForSingleObject(process_, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(process_, &code);
    CloseHandle(process_);
    exit_code_ = static_cast<int>(code);
#else
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {}
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
#endif
    return exit_code_;
  }

 private:
#ifdef _WIN32
  HANDLE process_ = nullptr;
#else
  pid_t pid_ = -1;
#endif
  bool waited_ = false;
  int exit_code_ = -1;
};

inline int RunChild(const std::vector<std::string>& argv) { return ChildProcess(argv).Wait(); }

}  // namespace sigap::test
