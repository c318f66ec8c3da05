// sigap without the GUI (SIGAP_BUILD_GUI=OFF): the command-line host alone.
#include <cstdio>
#include <string>
#include <vector>

#include "cli.h"
#include "platform/console.h"

int main(int argc, char** argv) {
  std::vector<std::string> args = sigap::platform::Utf8Arguments(argc, argv);
  std::vector<char*> utf8_argv;
  for (auto& a : args) utf8_argv.push_back(a.data());
  utf8_argv.push_back(nullptr);
  sigap::platform::InitConsoleOutput(true);
  if (args.size() < 2) {
    std::fprintf(stderr, "sigap: this build has no GUI (SIGAP_BUILD_GUI=OFF); use a subcommand.\n");
    sigap::cli::PrintUsage();
    return 2;
  }
  return sigap::cli::Run(static_cast<int>(args.size()), utf8_argv.data());
}
