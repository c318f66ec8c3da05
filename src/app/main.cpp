// sigap: the command-line host when a subcommand is given, the ImGui host otherwise.
#include <cstdio>
#include <string>
#include <vector>

#include "cli.h"
#include "gui_main.h"
#include "gui_options.h"

int main(int argc, char** argv) {
  if (sigap::cli::IsCliInvocation(argc, argv)) return sigap::cli::Run(argc, argv);
  std::string error;
  auto options = sigap::app::ParseGuiOptions(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!options) {
    std::fprintf(stderr, "sigap: %s; see 'sigap --help'\n", error.c_str());
    return 2;
  }
  return sigap::app::RunGui(*options);
}
