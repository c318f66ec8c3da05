// Where a team can copy its result: the removable drives plugged in now (USB sticks), then the
// home folder; and whether a folder typed or picked can take the file.
#pragma once

#include <string>
#include <vector>

#include "i18n.h"
#include "player_state.h"

namespace sigap::app {

// The removable drives (platform::RemovableDrives: /media on Linux, DRIVE_REMOVABLE on Windows),
// then the home folder.
std::vector<FolderSuggestion> FindFolders(const StringTable& tr);

// A folder the team typed or picked: it must exist, or be a new folder inside an existing one.
// Otherwise `message` says what is wrong, in the interface language.
bool UsableFolder(const std::string& dir, const StringTable& tr, std::string& message);

}  // namespace sigap::app
