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
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir);
  return platform::PathToUtf8(dir);
}

// Removes a test's folder. Never throws: Windows cannot remove a folder while a file in it is
// still open (a session log whose RecordedSession is still in scope), and a leftover temporary
// folder fails no test.
inline void RemoveTree(const std::string& dir) {
  std::error_code ec;
  std::filesystem::remove_all(platform::PathFromUtf8(dir), ec);
}

}  // namespace sigap::test
