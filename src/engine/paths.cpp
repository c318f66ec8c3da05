#include "paths.h"

#include <cstdlib>
#include <filesystem>

namespace sigap {
namespace fs = std::filesystem;

std::string ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::string DataDir() {
  std::error_code ec;
  if (const char* env = std::getenv("SIGAP_DATA_DIR"); env && *env && fs::is_directory(env, ec)) return env;
  std::string exe_dir = ExecutableDir();
  if (exe_dir.empty()) return {};
  for (const fs::path& candidate : {fs::path(exe_dir) / "share" / "sigap", fs::path(exe_dir) / ".." / "share" / "sigap"}) {
    if (fs::is_directory(candidate / "scenarios", ec)) return fs::weakly_canonical(candidate, ec).string();
  }
  return {};
}

std::string ScenariosDir() {
  std::string d = DataDir();
  return d.empty() ? d : (fs::path(d) / "scenarios").string();
}

std::string AssetsDir() {
  std::string d = DataDir();
  return d.empty() ? d : (fs::path(d) / "assets").string();
}

static fs::path XdgDir(const char* var, const char* fallback_under_home) {
  if (const char* v = std::getenv(var); v && *v && fs::path(v).is_absolute()) return v;
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : "/tmp") / fallback_under_home;
}

std::string DefaultResultsDir() { return (XdgDir("XDG_DATA_HOME", ".local/share") / "sigap" / "results").string(); }
std::string ConfigDir() { return (XdgDir("XDG_CONFIG_HOME", ".config") / "sigap").string(); }

}  // namespace sigap
