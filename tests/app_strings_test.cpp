// The app's words: every run-time problem the engine can report reads as a whole sentence in
// Indonesian and in English (no English inside an Indonesian sentence), with every {n} filled,
// and so does every cause of a file failure (io.*), from the tables and from real failures.
#include <doctest/doctest.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "engine_test_util.h"
#include "fault_fixtures.h"
#include "file_io.h"
#include "i18n.h"
#include "paths.h"

using namespace sigap;
namespace fs = std::filesystem;

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

namespace {

// English the operating system says (POSIX strerror, Windows FormatMessage, the engine's own
// fault injector): none of it may appear in a sentence worded for a participant.
bool HasSystemWords(const std::string& text) {
  for (const char* words : {"No space left", "Permission denied", "Input/output error", "Read-only file system",
                            "No such file", "File exists", "Access is denied", "cannot write", "cannot create",
                            "cannot flush", "cannot rename", "cannot open", "cannot lock", "is a folder"})
    if (text.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a file failure's cause is worded in both languages inside every run-time sentence") {
  app::StringTable t = Tables();
  std::set<std::string> worded[2];
  for (IoCause cause : kAllIoCauses) {
    const std::string key = IoCauseKey(cause);
    CAPTURE(key);
    REQUIRE(t.Has(key));
    for (Lang lang : {Lang::Id, Lang::En}) {
      t.SetLanguage(lang);
      worded[lang == Lang::En].insert(t(key.c_str()));
    }
    for (const std::string& code : RunTimeCodes()) {
      CAPTURE(code);
      Problem p{code, "ENGLISH FALLBACK: No space left on device", {"ARG0", key, "ARG2"}};
      for (Lang lang : {Lang::Id, Lang::En}) {
        t.SetLanguage(lang);
        const std::string text = t.Describe(p);
        CHECK(text.find(key) == std::string::npos);  // the key is worded, never shown
        CHECK_FALSE(HasSystemWords(text));
      }
    }
  }
  // Each cause has its own words, in each language, and the Indonesian ones are not the English.
  CHECK(worded[0].size() == std::size(kAllIoCauses));
  CHECK(worded[1].size() == std::size(kAllIoCauses));
  for (const std::string& id : worded[0]) CHECK_FALSE(worded[1].count(id));
}

TEST_CASE("a full disk and a denied folder read as whole Indonesian sentences, the system's words kept for the CLI") {
  app::StringTable t = Tables();
  auto dir = test::TempDir("strings-io");
  auto fault = std::make_shared<test::Fault>();
  auto indonesian = [&](const Problem& p) {
    t.SetLanguage(Lang::Id);
    return t.Describe(p);
  };

  SUBCASE("the results folder is denied: the session cannot start (SAV001)") {
    fault->step = WriteStep::Open;
    auto scenario = test::TestScenario();
    auto catalogue = test::Library().FindCatalogue(scenario->sop_catalogue);
    auto started = RecordedSession::Start(scenario, catalogue, test::Info(), dir, test::Injector(fault));
    REQUIRE(std::holds_alternative<Problem>(started));
    const Problem& p = std::get<Problem>(started);
    CHECK(p.code == "SAV001");
    CHECK(p.message.find("Permission denied") != std::string::npos);  // the CLI's English, as before
    const std::string id = indonesian(p);
    CHECK(id.find("akses ke folder atau berkas ditolak") != std::string::npos);
    CHECK_FALSE(HasSystemWords(id));
  }
  SUBCASE("the disk fills up during play: the decision is not saved (SAV002)") {
    RecordedSession rs = test::StartOrFail(dir, test::Injector(fault));
    fault->step = WriteStep::Write;
    auto r = test::Step(rs, 1000);
    REQUIRE(r);
    REQUIRE_FALSE(r->saved);
    CHECK(r->save_problem.code == "SAV002");
    CHECK(r->save_problem.message.find("No space left on device") != std::string::npos);
    const std::string id = indonesian(r->save_problem);
    CHECK(id.find("disk/flashdisk penuh") != std::string::npos);
    CHECK_FALSE(HasSystemWords(id));
    t.SetLanguage(Lang::En);
    CHECK(t.Describe(r->save_problem).find("the disk or USB stick is full") != std::string::npos);
  }
  SUBCASE("a real full device (/dev/full) is found to be full, not some other error") {
    if (!fs::exists("/dev/full")) return;
    const std::string target = dir + "/laporan.html";
    fs::create_symlink("/dev/full", target + ".partial");
    IoError error;
    CHECK_FALSE(WriteFileDurably(target, std::string(4096, 'x'), error));
    CHECK(error.cause == IoCause::NoSpace);
    CHECK(error.detail.find(std::strerror(ENOSPC)) != std::string::npos);
    const Problem exp{"EXP002", error.detail, {target, IoCauseKey(error.cause)}};
    CHECK(indonesian(exp).find("penuh") != std::string::npos);
  }
  test::RemoveTree(dir);
}
