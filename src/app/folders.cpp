#include "folders.h"

#include <filesystem>

#include "platform/folders.h"
#include "platform/utf8_path.h"

namespace sigap::app {

namespace fs = std::filesystem;

std::vector<FolderSuggestion> FindFolders(const StringTable& tr) {
  std::vector<FolderSuggestion> out;
  for (const auto& drive : platform::RemovableDrives()) out.push_back({drive.label, drive.path});
  if (std::string home = platform::HomeDir(); !home.empty()) out.push_back({tr("save.home_folder"), home});
  return out;
}

bool UsableFolder(const std::string& dir, const StringTable& tr, std::string& message) {
  std::error_code ec;
  if (dir.find_first_not_of(" \t\r\n") == std::string::npos) {
    message = tr("save.error.no_folder");
    return false;
  }
  const fs::path p = platform::PathFromUtf8(dir);
  if (fs::is_directory(p, ec)) return true;
  if (fs::exists(p, ec)) {
    message = tr.Format("save.error.not_folder", {dir});
    return false;
  }
  if (!p.has_parent_path() || !fs::is_directory(p.parent_path(), ec)) {
    message = tr.Format("save.error.no_such_folder", {dir});
    return false;
  }
  return true;
}

}  // namespace sigap::app
