#include "cli.h"

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli_commands.h"
#include "sigap_version.h"

namespace sigap::cli {

namespace {
const char* const kSubcommands[] = {"validate", "play", "debrief", "help", "version"};
}

bool IsCliInvocation(int argc, char** argv) {
  if (argc < 2) return false;
  std::string a = argv[1];
  if (a == "--help" || a == "-h" || a == "--version" || a == "-V") return true;
  for (const char* s : kSubcommands)
    if (a == s) return true;
  return false;
}

void PrintUsage() {
  std::printf(
      "SIGAP %s — simulator pelatihan SOP penanganan TPPO / TPPO SOP training simulator\n"
      "\n"
      "Usage:\n"
      "  sigap [GUI options]                 open the app (player; facilitator with --facilitator)\n"
      "  sigap validate PATH... [--json]     check scenarios and SOP catalogues (files or folders)\n"
      "  sigap play SCENARIO --team NAME --choices ID,ID,... [--seed N] [--mode training|assessment]\n"
      "             [--lang id|en] [--results DIR] [--json] [--resume LOG]\n"
      "                                      play headless; print the transcript and the scores\n"
      "  sigap debrief PATH... [--csv F] [--html F] [--xapi F] [--json]\n"
      "                                      aggregate result files (folders are searched)\n"
      "  sigap --version | --help\n"
      "\n"
      "GUI options:\n"
      "  --lang id|en            interface language (default id)\n"
      "  --facilitator           open the facilitator face (results, debrief, export)\n"
      "  --results DIR           results folder (default $XDG_DATA_HOME/sigap/results)\n"
      "  --scenarios DIR         scenarios folder (default: the bundled ones)\n"
      "  --screen NAME           open a screen directly (start, play, end, dashboard, map, present)\n"
      "  --screenshot FILE.png   draw the first frames, write a PNG of the window, exit\n"
      "  --size WxH              window size (default 1280x720)\n"
      "\n"
      "Exit codes: 0 ok, 1 problems found (errors in files, unknown choice), 2 usage or I/O error.\n",
      SIGAP_VERSION);
}

int Run(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "help";
  std::vector<std::string> args(argv + std::min(argc, 2), argv + argc);
  if (cmd == "--version" || cmd == "-V" || cmd == "version") {
    std::printf("sigap %s\n", SIGAP_VERSION);
    return 0;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    PrintUsage();
    return 0;
  }
  if (cmd == "validate") return RunValidate(args);
  if (cmd == "play") return RunPlay(args);
  if (cmd == "debrief") return RunDebrief(args);
  std::fprintf(stderr, "sigap: unknown command '%s'; see 'sigap --help'\n", cmd.c_str());
  return 2;
}

}  // namespace sigap::cli
