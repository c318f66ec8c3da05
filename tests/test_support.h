// Helpers shared by the test suites.
#pragma once

#include <filesystem>
#include <string>

#ifdef _WIN32
#include <process.h>
#else
#include <unistd.h>
#endif

#include "platform/utf8_path.h"

namespace sigap::test {

inline std::string SourcePath(const std::string& rel) { return std::string(SIGAP_SOURCE_DIR) + "/" + rel; }
inline std::string DataPath(const std::string& rel) { return std::string(SIGAP_TEST_DATA) + "/" + rel; }

// A fresh, empty temporary folder for one test.
inline std::string TempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / platform::PathFromUtf8("sigap-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return platform::PathToUtf8(dir);
}

}  // namespace sigap::test
