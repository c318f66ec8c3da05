// Folders on Linux: /proc/self/exe, the XDG base directories, and mounted media.
#include "platform/folders.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace sigap::platform {

namespace fs = std::filesystem;

namespace {

fs::path XdgDir(const char* var, const char* fallback_under_home) {
  if (const char* v = std::getenv(var); v && *v && fs::path(v).is_absolute()) return v;
  std::string home = HomeDir();
  return fs::path(home.empty() ? "/tmp" : home) / fallback_under_home;
}

}  // namespace

std::string ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::string EnvironmentVariable(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string UserDataDir() { return (XdgDir("XDG_DATA_HOME", ".local/share") / "sigap").string(); }
std::string UserConfigDir() { return (XdgDir("XDG_CONFIG_HOME", ".config") / "sigap").string(); }

std::string HomeDir() {
  const char* home = std::getenv("HOME");
  return home && *home ? home : "";
}

std::vector<RemovableDrive> RemovableDrives() {
  std::vector<RemovableDrive> out;
  std::error_code ec;
  const char* user = std::getenv("USER");
  std::vector<fs::path> roots;
  if (user && *user) {
    roots.push_back(fs::path("/media") / user);      // udisks on Debian and Ubuntu
    roots.push_back(fs::path("/run/media") / user);  // udisks on Fedora and Arch
  }
  roots.push_back("/media");  // mounted by hand or by older systems
  for (const auto& root : roots) {
    for (auto it = fs::directory_iterator(root, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      if (!it->is_directory(ec)) continue;
      const fs::path& p = it->path();
      if (user && p == fs::path("/media") / user) continue;
      bool seen = std::any_of(out.begin(), out.end(), [&](const RemovableDrive& d) { return d.path == p.string(); });
      if (!seen && ::access(p.c_str(), W_OK) == 0) out.push_back({p.filename().string(), p.string()});
    }
    ec.clear();
  }
  return out;
}

}  // namespace sigap::platform
