// The process's own edges: its arguments, its console output, and a message when the GUI cannot
// start. On Windows arguments arrive in the ANSI code page and msvcrt garbles UTF-8 on a console;
// these make both UTF-8. On Linux they are thin.
#pragma once

#include <string>
#include <vector>

namespace sigap::platform {

// The command line as UTF-8: Windows reads it again with CommandLineToArgvW(GetCommandLineW());
// Linux returns argv as it is.
std::vector<std::string> Utf8Arguments(int argc, char** argv);

// Makes stdout and stderr print UTF-8 correctly for the rest of the process, whatever writes to
// them (printf, std::cout). Windows: when a stream is a console, the bytes are carried through a
// pipe to WriteConsoleW as UTF-16; when it is a file or a pipe they stay raw UTF-8 bytes. With
// `attach_parent_console` a GUI-subsystem program first attaches to the console of the shell that
// started it (AttachConsole(ATTACH_PARENT_PROCESS)), so that subcommands print there. Linux: no-op.
void InitConsoleOutput(bool attach_parent_console);

// A fatal start-up problem the user must see: a native message box on Windows (a GUI program has
// no console there); stderr on Linux. Title and text are UTF-8.
void ShowFatalError(const std::string& title, const std::string& text);

}  // namespace sigap::platform
