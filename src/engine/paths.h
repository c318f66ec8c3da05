// Where SIGAP finds its data and keeps its results. Never the current directory by accident.
// Every path is UTF-8 (see platform/utf8_path.h).
#pragma once

#include <string>

namespace sigap {

// The folder holding scenarios/ and assets/ (and fonts/ in the Windows packages):
// $SIGAP_DATA_DIR, else <exe dir> itself (the Windows zip and installer), else
// <exe dir>/share/sigap (build tree), else <exe dir>/../share/sigap (installed). Empty when none exists.
std::string DataDir();
std::string ScenariosDir();  // DataDir()/scenarios
std::string AssetsDir();     // DataDir()/assets

// Per-user folders: results under platform::UserDataDir()/results ($XDG_DATA_HOME/sigap/results,
// %LOCALAPPDATA%\SIGAP\results), settings in platform::UserConfigDir() ($XDG_CONFIG_HOME/sigap,
// %APPDATA%\SIGAP). A file named `portable` beside the program keeps both beside it instead
// (<exe dir>/results and <exe dir>/settings), so a USB stick carries its own results and mode.
std::string DefaultResultsDir();
std::string ConfigDir();
bool PortableMode();

std::string ExecutableDir();

}  // namespace sigap
