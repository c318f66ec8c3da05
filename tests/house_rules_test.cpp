// The house rules of docs/architecture.md that a tool can keep: the page names only files that
// exist, the window system stays in the window host, and the operating system stays in the
// platform layer.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "engine_test_util.h"

using namespace sigap;
namespace fs = std::filesystem;

namespace {

// Every source file under src/, as a path relative to the repository ("src/app/gui_main.cpp").
std::vector<std::string> SourceFiles() {
  std::vector<std::string> files;
  const fs::path root = test::SourcePath("");
  for (const auto& e : fs::recursive_directory_iterator(root / "src")) {
    const std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".h" || ext == ".cpp"))
      files.push_back(fs::relative(e.path(), root).generic_string());
  }
  REQUIRE(files.size() > 50);
  return files;
}

// The files of the repository whose name is `name`, wherever they are (build folders aside).
bool AnyFileNamed(const std::string& name) {
  const fs::path root = test::SourcePath("");
  for (const char* dir : {"src", "tests", "docs", "assets", "scenarios", "scripts", "bench"})
    for (const auto& e : fs::recursive_directory_iterator(root / dir))
      if (e.path().filename() == name) return true;
  return false;
}

// The lines of `file` that contain `what`, as "file:line".
std::vector<std::string> LinesWith(const std::string& file, const std::string& what) {
  std::vector<std::string> hits;
  const auto lines = test::SplitLines(test::ReadText(test::SourcePath(file)));
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].find(what) != std::string::npos) hits.push_back(file + ":" + std::to_string(i + 1));
  return hits;
}

}  // namespace

TEST_CASE("docs/architecture.md names only files that exist, and the README links it") {
  const std::string page = test::ReadText(test::SourcePath("docs/architecture.md"));
  REQUIRE(page.size() > 1000);
  // `code` spans that are a path or a file name; patterns such as `<area>.id.json`,
  // `export_*.cpp` or `x_command.cpp` (an example to write) are not files.
  const std::regex span("`([^`\\s]+)`");
  const std::regex path("^(src|tests|docs|assets|scenarios|scripts|bench|third_party|\\.ci)/[A-Za-z0-9_./-]+$");
  const std::regex file_name("^[a-z0-9_]+\\.(h|cpp|cmake|json|md)$");
  int checked = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), span); it != std::sregex_iterator(); ++it) {
    const std::string text = (*it)[1];
    if (text.find("x_command") != std::string::npos) continue;
    if (std::regex_match(text, path)) {
      CHECK_MESSAGE(fs::exists(test::SourcePath(text)),
                    "docs/architecture.md names " << text << ", which does not exist");
      ++checked;
    } else if (std::regex_match(text, file_name)) {
      CHECK_MESSAGE(AnyFileNamed(text), "docs/architecture.md names " << text << ", which no folder holds");
      ++checked;
    }
  }
  CHECK(checked > 40);
  CHECK(test::ReadText(test::SourcePath("README.md")).find("(docs/architecture.md)") != std::string::npos);
}

TEST_CASE("the window system stays in the window host, and the operating system in the platform layer") {
  const std::set<std::string> window_host = {"src/app/gui_main.cpp", "src/app/screenshot.cpp"};
  for (const std::string& file : SourceFiles()) {
    CAPTURE(file);
    const bool platform = file.rfind("src/platform/", 0) == 0;
    // GLFW's key codes once leaked into eight screen files; screens now get sigap::app::Key.
    if (file != "src/app/gui_main.cpp") CHECK(LinesWith(file, "#include <GLFW/").empty());
    if (!window_host.count(file)) {
      CHECK(LinesWith(file, "#include <glad/").empty());
      CHECK(LinesWith(file, "#include <backends/").empty());
    }
    if (file.rfind("src/engine/", 0) == 0 || file.rfind("src/cli/", 0) == 0 || platform)
      CHECK(LinesWith(file, "#include <imgui").empty());
    if (!platform) {
      CHECK(LinesWith(file, "#ifdef _WIN32").empty());
      CHECK(LinesWith(file, "#if defined(_WIN32)").empty());
      CHECK(LinesWith(file, "#ifndef _WIN32").empty());
    }
  }
}

TEST_CASE("inside the engine an include never runs up a floor, and every engine file has its floor") {
  // The floors as docs/architecture.md lists them: "The ground floor is `diagnostics`, …; then
  // `json_reader` and `model`; `session`; …", one floor per ';'.
  const std::string page = test::ReadText(test::SourcePath("docs/architecture.md"));
  const std::size_t from = page.find("Inside the engine the headers form a stack.");
  const std::size_t to = page.find("A file never includes", from);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  std::vector<std::vector<std::string>> floors;
  const std::string stack = page.substr(from, to - from);
  const std::regex name("`([a-z0-9_*]+)(\\.h|\\.cpp)?`");
  for (std::size_t begin = 0; begin <= stack.size();) {
    std::size_t end = std::min(stack.find(';', begin), stack.size());
    const std::string part = stack.substr(begin, end - begin);
    std::vector<std::string> names;
    for (auto it = std::sregex_iterator(part.begin(), part.end(), name); it != std::sregex_iterator(); ++it)
      names.push_back((*it)[1]);
    if (!names.empty()) floors.push_back(names);
    begin = end + 1;
  }
  REQUIRE(floors.size() >= 8);
  // The floor of a file stem: its own name, else a pattern such as export_*; -1 when unplaced.
  auto floor_of = [&](const std::string& stem) {
    int pattern = -1;
    for (std::size_t f = 0; f < floors.size(); ++f)
      for (const std::string& n : floors[f]) {
        if (n == stem) return static_cast<int>(f);
        if (n.back() == '*' && stem.rfind(n.substr(0, n.size() - 1), 0) == 0) pattern = static_cast<int>(f);
      }
    return pattern;
  };
  const std::regex include("^#include \"([a-z0-9_]+)\\.h\"");
  int checked = 0;
  for (const std::string& file : SourceFiles()) {
    if (file.rfind("src/engine/", 0) != 0) continue;
    CAPTURE(file);
    const std::string stem = fs::path(file).stem().string();
    const int mine = floor_of(stem);
    CHECK_MESSAGE(mine >= 0, file << " is on no floor of docs/architecture.md's stack: place it there");
    for (const std::string& line : test::SplitLines(test::ReadText(test::SourcePath(file)))) {
      std::smatch m;
      if (!std::regex_search(line, m, include) || !fs::exists(test::SourcePath("src/engine/" + m[1].str() + ".h"))) continue;
      const int theirs = floor_of(m[1]);
      CHECK_MESSAGE((theirs >= 0 && theirs <= mine), file << " includes " << m[1] << ".h, which is on a floor above it");
      ++checked;
    }
  }
  CHECK(checked > 50);
}
