#include <cstdio>

#include "cli.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "sigap: this build has no GUI (SIGAP_BUILD_GUI=OFF); use a subcommand.\n");
    sigap::cli::PrintUsage();
    return 2;
  }
  return sigap::cli::Run(argc, argv);
}
