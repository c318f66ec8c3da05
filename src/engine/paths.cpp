#include "paths.h"

#include <filesystem>

#include "platform/folders.h"
#include "platform/utf8_path.h"

namespace sigap {
namespace fs = std::filesystem;

namespace {

fs::path Native(const std::string& utf8) { return platform::PathFromUtf8(utf8); }
std::string Utf8(const fs::path& p) { return platform::PathToUtf8(p); }

}  // namespace

std::string ExecutableDir() { return platform::ExecutableDir(); }

std::string DataDir() {
  std::error_code ec;
  if (std::string env = platform::EnvironmentVariable("SIGAP_DATA_DIR"); !env.empty() && fs::is_directory(Native(env), ec))
    return env;
  std::string exe_dir = ExecutableDir();
  if (exe_dir.empty()) return {};
  const fs::path exe = Native(exe_dir);
  for (const fs::path& candidate : {exe, exe / "share" / "sigap", exe / ".." / "share" / "sigap"}) {
    if (fs::is_directory(candidate / "scenarios", ec) && fs::is_directory(candidate / "assets", ec))
      return Utf8(fs::weakly_canonical(candidate, ec));
  }
  return {};
}

std::string ScenariosDir() {
  std::string d = DataDir();
  return d.empty() ? d : Utf8(Native(d) / "scenarios");
}

std::string AssetsDir() {
  std::string d = DataDir();
  return d.empty() ? d : Utf8(Native(d) / "assets");
}

bool PortableMode() {
  std::string exe_dir = ExecutableDir();
  std::error_code ec;
  return !exe_dir.empty() && fs::is_regular_file(Native(exe_dir) / "portable", ec);
}

std::string DefaultResultsDir() {
  if (PortableMode()) return Utf8(Native(ExecutableDir()) / "results");
  return Utf8(Native(platform::UserDataDir()) / "results");
}

std::string ConfigDir() {
  if (PortableMode()) return Utf8(Native(ExecutableDir()) / "settings");
  return platform::UserConfigDir();
}

}  // namespace sigap
