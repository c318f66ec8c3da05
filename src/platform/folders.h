// Where the operating system keeps a program and its user's files, and which removable drives
// (USB sticks) are plugged in. Every path here is UTF-8.
#pragma once

#include <string>
#include <vector>

namespace sigap::platform {

std::string ExecutableDir();  // the folder of the running program; "" when unknown

// An environment variable's value in UTF-8 (Windows reads the UTF-16 environment); "" when unset.
std::string EnvironmentVariable(const char* name);

// Per-user folders for this application (created by the caller when needed):
//   data   Linux $XDG_DATA_HOME/sigap (~/.local/share/sigap)   Windows %LOCALAPPDATA%\SIGAP
//   config Linux $XDG_CONFIG_HOME/sigap (~/.config/sigap)      Windows %APPDATA%\SIGAP
std::string UserDataDir();
std::string UserConfigDir();
std::string HomeDir();  // $HOME, %USERPROFILE%; "" when unknown

struct RemovableDrive {
  std::string label;  // what to show: the volume label (Windows: "DATA (E:)") or the folder name
  std::string path;   // its root folder, writable by this user
};

// Removable drives now plugged in: Linux: the folders under /media/$USER, /run/media/$USER and
// /media that this user can write to; Windows: drives of type DRIVE_REMOVABLE (GetDriveTypeW).
std::vector<RemovableDrive> RemovableDrives();

}  // namespace sigap::platform
