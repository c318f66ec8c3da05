// Helpers shared by the test suites.
#pragma once

#include <filesystem>
#include <string>
#include <unistd.h>

namespace sigap::test {

inline std::string SourcePath(const std::string& rel) { return std::string(SIGAP_SOURCE_DIR) + "/" + rel; }
inline std::string DataPath(const std::string& rel) { return std::string(SIGAP_TEST_DATA) + "/" + rel; }

// A fresh, empty temporary folder for one test.
inline std::string TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("sigap-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace sigap::test
