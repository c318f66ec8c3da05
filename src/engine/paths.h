// Where SIGAP finds its data and keeps its results. Never the current directory by accident.
#pragma once

#include <string>

namespace sigap {

// The folder holding scenarios/ and assets/: $SIGAP_DATA_DIR, else <exe dir>/share/sigap (build
// tree), else <exe dir>/../share/sigap (installed). Empty when none exists.
std::string DataDir();
std::string ScenariosDir();  // DataDir()/scenarios
std::string AssetsDir();     // DataDir()/assets

// Per-user folders (XDG): $XDG_DATA_HOME/sigap/results and $XDG_CONFIG_HOME/sigap.
std::string DefaultResultsDir();
std::string ConfigDir();

std::string ExecutableDir();

}  // namespace sigap
