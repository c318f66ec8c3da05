// The process's edges on Linux: argv is already UTF-8 bytes, and so is the terminal.
#include "platform/console.h"

#include <cstdio>

namespace sigap::platform {

std::vector<std::string> Utf8Arguments(int argc, char** argv) { return std::vector<std::string>(argv, argv + argc); }

void InitConsoleOutput(bool) {}

void ShowFatalError(const std::string& title, const std::string& text) {
  std::fprintf(stderr, "sigap: %s\n%s\n", title.c_str(), text.c_str());
}

}  // namespace sigap::platform
