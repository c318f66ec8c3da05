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
const char* const kSubcommands[] = {"validate", "play", "debrief", "explore", "booklet",
                                    "room",     "rooms", "help",  "version"};
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
      "  sigap [GUI options]                 open the app (participant start screen)\n"
      "  sigap validate PATH... [--json]     check scenarios and SOP catalogues (files or folders)\n"
      "  sigap play SCENARIO --team NAME --choices ID,ID,... [--seed N] [--mode training|assessment]\n"
      "             [--lang id|en] [--members INITIALS] [--results DIR] [--resume LOG] [--json]\n"
      "             [--room HOST:PORT|auto --code C [--room-wait SECONDS]]\n"
      "                                      play headless; print the transcript and the scores.\n"
      "                                      A checklist answer is item+item ('-' for none);\n"
      "                                      'timeout' lets the clock run out\n"
      "  sigap debrief PATH... [--csv F] [--html F] [--xapi F] [--json] [--lang id|en]\n"
      "             [--anonymise] [--scenarios DIR]\n"
      "                                      aggregate result files (folders are searched)\n"
      "  sigap explore SCENARIO... [--json] [--seed N]\n"
      "                                      explore every reachable state: endings' score ranges,\n"
      "                                      never events, test-wise strategies (a file, folder or id)\n"
      "  sigap booklet SCENARIO --html FILE  write a printable review booklet for a subject-matter or\n"
      "                                      legal reviewer: every node, both languages, SOP verdicts\n"
      "  sigap room --results DIR [--port N] [--code C] [--bind ADDR] [--name NAME]\n"
      "             [--start together|free] [--discovery-port N] [--for SECONDS]\n"
      "                                      a live room without a display: teams' logs arrive\n"
      "                                      as they play (play --room); conducted by typing\n"
      "                                      start, pause, resume, message TEXT, close; Ctrl+C closes it\n"
      "  sigap rooms [--timeout SECONDS] [--bind ADDR] [--discovery-port N]\n"
      "                                      list the live rooms open on the local network\n"
      "  sigap --version | --help\n"
      "\n"
      "GUI options:\n"
      "  --lang id|en            interface language (default id)\n"
      "  --facilitator           the facilitator face, behind the workshop PIN\n"
      "  --author [FILE|FOLDER]  the author face: edit a scenario (or a folder's) with its map and\n"
      "                          diagnostics, live as the file changes; play from any node\n"
      "                          (with --screen node:ID or play:ID: that node, or its preview)\n"
      "  --import PATH           facilitator: import result files or folders (repeatable)\n"
      "  --results DIR           results folder (default $XDG_DATA_HOME/sigap/results)\n"
      "  --scenarios DIR         scenarios folder (default: the bundled ones)\n"
      "  --mode training|assessment   override the workshop mode on this laptop\n"
      "  --high-contrast         white on black; Ctrl+H toggles, Ctrl +/- sizes text, F11 full screen\n"
      "  --fullscreen            start full screen\n"
      "  --size WxH              window size (default 1280x720)\n"
      "  --zoom F                text size over the window's own, 0.6-2 (Ctrl +/- in the app)\n"
      "\n"
      "Options for tests, screenshots and documentation:\n"
      "  --screenshot FILE.png   draw the first frames, write a PNG of the window, exit\n"
      "  --frames N              draw N frames, then exit\n"
      "  --screen NAME           open a screen: start, play, confirm, feedback, end, copy, close;\n"
      "                          with --facilitator: lock, dashboard, heatmap, decisions, workshop,\n"
      "                          map, present, room (opens the live room)\n"
      "  --scenario ID --team NAME --choices ID,...   the session or scenario those screens show\n"
      "  --seed N                the option order of that session (default: a fresh one)\n"
      "  --slide N               presentation slide (from 1) or map replay step\n"
      "  --pin PIN               enter (or, the first time, set) the facilitator PIN\n"
      "  --anonymise             facilitator: show teams as Tim A, Tim B...\n"
      "  --room-port N           facilitator: the live room's port (default 8765; 0 = any free port)\n"
      "  --room-code C           facilitator: the live room's join code (default: a new one)\n"
      "  --join HOST:PORT        a team laptop joins that live room at start (with --room-code)\n"
      "  --frame-log FILE        append per-frame CPU times (benchmarks)\n"
      "\n"
      "Exit codes: 0 ok, 1 problems found (errors in files, unknown choice, a validity rule fails), 2 usage or I/O error.\n",
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
  if (cmd == "explore") return RunExplore(args);
  if (cmd == "booklet") return RunBooklet(args);
  if (cmd == "room") return RunRoom(args);
  if (cmd == "rooms") return RunRooms(args);
  std::fprintf(stderr, "sigap: unknown command '%s'; see 'sigap --help'\n", cmd.c_str());
  return 2;
}

}  // namespace sigap::cli
