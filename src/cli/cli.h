// The command-line host: `sigap validate|play|debrief|explore|help|version`. It never touches GLFW.
#pragma once

namespace sigap::cli {

// True when the arguments ask for a subcommand, --help or --version rather than the GUI.
bool IsCliInvocation(int argc, char** argv);

// Runs the subcommand; returns the process exit code (0 ok, 1 problems found, 2 usage/IO error).
int Run(int argc, char** argv);

void PrintUsage();

}  // namespace sigap::cli
