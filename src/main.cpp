// sigap: one program with two hosts. A subcommand (validate, play, debrief, --help, --version)
// runs the command-line host; anything else opens the ImGui host. This file sits above both,
// the only place that knows of each.
//
// On Windows sigap.exe is a GUI-subsystem program, so Explorer opens no console window with it;
// for a subcommand it attaches to the console of the shell that started it. cmd and PowerShell do
// not wait for a GUI-subsystem program, though, so the packages also ship sigap.com: this same
// program built for the console subsystem, which the shells prefer when `sigap` is typed (.COM
// comes before .EXE in PATHEXT). See docs/windows.md.
#include <cstdio>
#include <string>
#include <vector>

#include "cli.h"
#include "gui_main.h"
#include "gui_options.h"
#include "platform/console.h"

int main(int argc, char** argv) {
  // UTF-8 arguments on every system (Windows passes argv in the ANSI code page).
  std::vector<std::string> args = sigap::platform::Utf8Arguments(argc, argv);
  std::vector<char*> utf8_argv;
  for (auto& a : args) utf8_argv.push_back(a.data());
  utf8_argv.push_back(nullptr);
  const int utf8_argc = static_cast<int>(args.size());

  if (sigap::cli::IsCliInvocation(utf8_argc, utf8_argv.data())) {
    sigap::platform::InitConsoleOutput(true);
    return sigap::cli::Run(utf8_argc, utf8_argv.data());
  }
  std::string error;
  auto options = sigap::app::ParseGuiOptions(std::vector<std::string>(args.begin() + (args.empty() ? 0 : 1), args.end()), error);
  sigap::platform::InitConsoleOutput(!options);  // a mistyped option came from a shell: answer there
  if (!options) {
    std::fprintf(stderr, "sigap: %s; see 'sigap --help'\n", error.c_str());
    return 2;
  }
  return sigap::app::RunGui(*options);
}
