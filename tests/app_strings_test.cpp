// The app's words: every run-time problem the engine can report reads as a whole sentence in
// Indonesian and in English (no English inside an Indonesian sentence), with every {n} filled.
#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <set>

#include "engine_test_util.h"
#include "i18n.h"
#include "paths.h"

using namespace sigap;

namespace {

// Run-time codes: the table rows of docs/diagnostics.md in the ENG, RES, SAV, CPY and EXP families.
std::set<std::string> RunTimeCodes() {
  std::set<std::string> codes;
  const std::regex row("^\\| `((ENG|RES|SAV|CPY|EXP)[0-9]{3})`");
  for (const auto& line : test::SplitLines(test::ReadText(test::SourcePath("docs/diagnostics.md")))) {
    std::smatch m;
    if (std::regex_search(line, m, row)) codes.insert(m[1]);
  }
  return codes;
}

app::StringTable Tables() {
  app::StringTable t;
  std::string error;
  REQUIRE_MESSAGE(t.Load(test::SourcePath("assets"), error), error);
  return t;
}

}  // namespace

TEST_CASE("every run-time problem code is worded in Indonesian and in English, with its values filled in") {
  const auto codes = RunTimeCodes();
  REQUIRE(codes.size() >= 20);
  app::StringTable t = Tables();
  for (const std::string& code : codes) {
    CAPTURE(code);
    REQUIRE(t.Has("problem." + code));
    Problem p{code, "ENGLISH FALLBACK", {"ARG0", "ARG1", "ARG2"}};
    t.SetLanguage(Lang::Id);
    std::string id = t.Describe(p);
    t.SetLanguage(Lang::En);
    std::string en = t.Describe(p);
    CHECK(id != en);  // each language has its own sentence
    for (const std::string& text : {id, en}) {
      CHECK(text.find("ENGLISH FALLBACK") == std::string::npos);
      CHECK(text.find('{') == std::string::npos);  // no placeholder left unfilled
      CHECK(text.size() > 20);
    }
  }
}

TEST_CASE("a problem code the tables do not know falls back to the engine's message with its code") {
  app::StringTable t = Tables();
  CHECK(t.Describe(Problem{"ZZZ999", "something odd", {}}) == "ZZZ999: something odd");
}
