// The house rules of docs/architecture.md that a tool can keep: the page names only files that
// exist, the window system stays in the window host, the operating system stays in the platform
// layer, and screens change the state only through named actions.
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


// Source text with its comments and the insides of its string literals blanked out (line breaks
// kept, so line numbers stay right).
std::string WithoutComments(const std::string& text) {
  std::string out = text;
  bool in_string = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (in_string) {
      if (out[i] == '"') {
        in_string = false;
      } else if (out[i] != '\n') {
        if (out[i] == '\\' && i + 1 < out.size()) out[i++] = ' ';
        out[i] = ' ';
      }
    } else if (out[i] == '"' && (i == 0 || out[i - 1] != '\'')) {
      in_string = true;
    } else if (out.compare(i, 2, "//") == 0) {
      for (; i < out.size() && out[i] != '\n'; ++i) out[i] = ' ';
    }
  }
  return out;
}

std::size_t LineOf(const std::string& text, std::size_t pos) {
  return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n')) + 1;
}

// Where a file of screens changes the state itself instead of through a named action (player.h,
// facilitator_actions.h), as "file:line: what". Two ways to do it:
//  - a queued lambda `[…](AppState& a) { … }` that does anything with `a` but hand it on to a
//    function (`a.screen = …`, `a.player.team = …`, `Foo(a.player.panel)`): the body may only
//    pass `a` as an argument, `Foo(a, …)`;
//  - a function that takes a non-const AppState, PlayerState, FacilitatorState or FolderPanel:
//    an action defined among the screens. (A type alone, `void (*)(AppState&)`, is no parameter.)
std::vector<std::string> DirectStateWrites(const std::string& file, const std::string& source) {
  std::vector<std::string> found;
  const std::string text = WithoutComments(source);
  const std::regex lambda(R"(\]\s*\(\s*AppState\s*&\s*(\w+)\s*\)\s*(mutable\s*)?\{)");
  std::set<std::size_t> lambda_params;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), lambda); it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[1];
    lambda_params.insert(static_cast<std::size_t>(it->position(0)));
    std::size_t open = static_cast<std::size_t>(it->position(0) + it->length(0)) - 1, end = open;
    for (int depth = 0; end < text.size(); ++end) {
      if (text[end] == '{') ++depth;
      else if (text[end] == '}' && --depth == 0) break;
    }
    const std::string body = text.substr(open, end - open);
    const std::regex use("\\b" + name + "\\b\\s*(.)");
    for (auto u = std::sregex_iterator(body.begin(), body.end(), use); u != std::sregex_iterator(); ++u) {
      const std::string next = (*u)[1];
      if (next == ")" || next == ",") continue;
      found.push_back(file + ":" + std::to_string(LineOf(text, open + static_cast<std::size_t>(u->position(0)))) +
                      ": a queued lambda uses '" + name + next + "' (call a named action instead)");
    }
  }
  const std::regex param(R"((const\s+)?\b(AppState|PlayerState|FacilitatorState|FolderPanel)\s*&\s*(\w+))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), param); it != std::sregex_iterator(); ++it) {
    if ((*it)[1].matched) continue;
    const std::size_t pos = static_cast<std::size_t>(it->position(0));
    const std::size_t bracket = text.rfind(']', pos);
    const bool lambda_param = bracket != std::string::npos && lambda_params.count(bracket) &&
                              std::regex_match(text.substr(bracket, pos - bracket), std::regex(R"(\]\s*\(\s*)"));
    if (lambda_param) continue;
    found.push_back(file + ":" + std::to_string(LineOf(text, pos)) + ": takes a non-const " + std::string((*it)[2]) +
                    " (an action belongs in player.cpp or facilitator_actions.cpp)");
  }
  return found;
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

TEST_CASE("screens change the state only through named actions") {
  // The rule, on examples: a queued lambda may hand the state to an action, nothing more.
  const std::string ok = "q.Push([id](AppState& a) { player::SelectChoice(a, id); player::ScrollTo(a, id); });\n"
                         "q.Push(player::ShowEndScreen);  // [](AppState& a) { a.screen = Screen::End; }\n"
                         "void DrawExitDialog(const AppState& st, ActionQueue& q, void (*go)(AppState&));\n";
  CHECK(DirectStateWrites("ok.cpp", ok).empty());
  const std::string bad = "q.Push([](AppState& s) { s.screen = Screen::Start; });\n"
                          "q.Push([tab](AppState& s) {\n  ShowTab(s, tab);\n  s.facilitator.tab = tab;\n});\n"
                          "q.Push([](AppState& a) { player::OpenFolderPanel(a.player.save_copy, a); });\n"
                          "void Reset(PlayerState& p) { p.team.clear(); }\n";
  const auto hits = DirectStateWrites("bad.cpp", bad);
  REQUIRE(hits.size() == 4);
  CHECK(hits[0].rfind("bad.cpp:1:", 0) == 0);
  CHECK(hits[1].rfind("bad.cpp:4:", 0) == 0);
  CHECK(hits[2].rfind("bad.cpp:6:", 0) == 0);
  CHECK(hits[3].rfind("bad.cpp:7:", 0) == 0);

  // Only the actions, the test hook (which plays through them), the frame that applies them and the
  // window host change the state; every other file of the app (the screens, dialogs and widgets)
  // is held to the rule, new ones included.
  const std::set<std::string> may_change_state = {
      "src/app/player.cpp",      "src/app/portraits.cpp", "src/app/facilitator_actions.cpp",
      "src/app/screen_hook.cpp", "src/app/screens.cpp",   "src/app/gui_main.cpp",
      "src/app/author_actions.cpp"};
  int checked = 0;
  for (const std::string& file : SourceFiles()) {
    const bool app_cpp = file.rfind("src/app/", 0) == 0 && fs::path(file).extension() == ".cpp";
    if (!app_cpp || may_change_state.count(file)) continue;
    ++checked;
    for (const std::string& hit : DirectStateWrites(file, test::ReadText(test::SourcePath(file)))) FAIL_CHECK(hit);
  }
  CHECK(checked >= 20);
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
