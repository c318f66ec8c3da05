// The loader and validator as an author meets them through `sigap validate`: the malformed-input
// corpus against its golden diagnostics, the cap per file, exit codes, --json, and the round trip
// load → ToJson → load of every bundled file.
//
// Rewrite the goldens after an intended change with SIGAP_UPDATE_GOLDEN=1, then review the diff.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "engine_test_util.h"
#include "library.h"

using namespace sigap;
namespace fs = std::filesystem;

namespace {

// The corpus: every tests/malformed/*.json except support files (names starting with '_').
std::vector<std::string> CorpusNames() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(test::DataPath("malformed"))) {
    std::string name = e.path().filename().string();
    if (e.path().extension() == ".json" && name[0] != '_') names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Files too big to commit, generated at test time into <dir>/generated/.
std::vector<std::string> WriteGeneratedCorpus(const std::string& dir) {
  std::string base = test::ReadText(test::DataPath("malformed/base-valid.json"));
  // Over the 32 MiB file limit: a valid scenario padded with spaces.
  test::WriteText(dir + "/generated/oversize.json", base + std::string((33u << 20) - base.size(), ' '));
  // A 70 KiB string, over the 64 KiB limit for one text.
  std::string longer = base;
  longer.replace(longer.find("\"Ringkasan\""), 11, "\"" + std::string(70u << 10, 'a') + "\"");
  test::WriteText(dir + "/generated/long-string.json", longer);
  return {"oversize", "long-string"};
}

bool HasErrorLine(const std::string& out) { return out.find(": error ") != std::string::npos; }

}  // namespace

TEST_CASE("every malformed file gives exactly its golden diagnostics") {
  auto names = CorpusNames();
  REQUIRE(names.size() >= 30);
  std::set<std::string> goldens_used;
  for (const auto& name : names) {
    CAPTURE(name);
    test::ProcessResult r = test::RunSigap({"validate", "malformed/" + name + ".json"}, test::DataPath(""));
    CHECK(r.err.empty());
    CHECK(r.exit_code == (HasErrorLine(r.out) ? 1 : 0));
    test::CheckGolden(test::DataPath("golden/diagnostics/" + name + ".txt"), r.out);
    goldens_used.insert(name + ".txt");
    if (name != "base-valid" && name != "guide-base-valid") CHECK_MESSAGE(test::SplitLines(r.out).size() >= 2, "a corpus file must produce a diagnostic");
  }
  std::string dir = test::TempDir("generated-corpus");
  for (const auto& name : WriteGeneratedCorpus(dir)) {
    CAPTURE(name);
    test::ProcessResult r = test::RunSigap({"validate", "generated/" + name + ".json"}, dir);
    CHECK(r.exit_code == 1);
    test::CheckGolden(test::DataPath("golden/diagnostics/generated-" + name + ".txt"), r.out);
    goldens_used.insert("generated-" + name + ".txt");
  }
  fs::remove_all(dir);
  // No golden is left without its input file.
  for (const auto& e : fs::directory_iterator(test::DataPath("golden/diagnostics")))
    CHECK_MESSAGE(goldens_used.count(e.path().filename().string()), "stale golden " << e.path());
}

TEST_CASE("the base every corpus scenario breaks loads clean through the engine API") {
  LoadedFile base = LoadFromText("base-valid.json", test::ReadText(test::DataPath("malformed/base-valid.json")),
                                 LoadLibrary({test::DataPath("malformed/_sop-mini.json")}).FindCatalogue("sop-mini").get());
  for (const auto& d : base.diagnostics) FAIL_CHECK(FormatDiagnostic(d));
  CHECK(base.ok());
}

TEST_CASE("a file's diagnostics are capped at 100, with a note saying how many were left out") {
  nlohmann::json j = nlohmann::json::parse(test::ReadText(test::DataPath("malformed/base-valid.json")));
  for (int i = 0; i < 150; ++i) j["a_typo_" + std::to_string(1000 + i)] = i;  // 150 unknown keys, first in the file
  j["minutes"] = 0;                                                          // and one error
  std::string text = j.dump(2);
  auto catalogue = LoadLibrary({test::DataPath("malformed/_sop-mini.json")}).FindCatalogue("sop-mini");
  LoadedFile f = LoadFromText("many.json", text, catalogue.get());
  CHECK(f.errors == 1);
  CHECK(f.warnings == 150);
  REQUIRE(f.diagnostics.size() == 101);
  CHECK(f.diagnostics.back().code == "DIA001");
  CHECK(f.diagnostics.back().message.find("51 more problems") != std::string::npos);
  // The error that stops the file is shown, even though it comes after 150 warnings.
  CHECK(std::any_of(f.diagnostics.begin(), f.diagnostics.end(), [](const Diagnostic& d) { return d.code == "SCN007"; }));
  CHECK_FALSE(f.ok());
  // Sorted by place, and what is shown comes first in the file.
  for (std::size_t i = 1; i + 1 < f.diagnostics.size(); ++i) {
    const auto& a = f.diagnostics[i - 1].pos;
    const auto& b = f.diagnostics[i].pos;
    CHECK((a.line < b.line || (a.line == b.line && a.column <= b.column)));
  }

  // The same through the command line: 101 lines, a summary with the full counts, exit 1.
  std::string dir = test::TempDir("cap");
  test::WriteText(dir + "/many.json", text);
  fs::copy_file(test::DataPath("malformed/_sop-mini.json"), dir + "/_sop-mini.json");
  test::ProcessResult r = test::RunSigap({"validate", "many.json"}, dir);
  auto lines = test::SplitLines(r.out);
  REQUIRE(lines.size() == 102);
  CHECK(lines[100].rfind("many.json:0:0: warning DIA001: 51 more problems", 0) == 0);
  CHECK(lines[101] == "1 file checked, 0 ok: 1 error, 150 warnings");
  CHECK(r.exit_code == 1);
  fs::remove_all(dir);
}

TEST_CASE("sigap validate exit codes: 0 clean, 1 errors, 2 usage or I/O failure") {
  std::string data = test::DataPath("");
  SUBCASE("the bundled scenarios: 0") {
    // Every bundled file (catalogue, scenarios, facilitator guides) validates without a warning.
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(test::SourcePath("scenarios")))
      if (e.path().extension() == ".json" && e.path().filename().string().find(".schema.") == std::string::npos) ++files;
    REQUIRE(files >= 8);
    test::ProcessResult r = test::RunSigap({"validate", test::SourcePath("scenarios")});
    CHECK(r.exit_code == 0);
    CHECK(r.out == std::to_string(files) + " files checked, " + std::to_string(files) + " ok: 0 errors, 0 warnings\n");
  }
  SUBCASE("warnings only: 0") {
    CHECK(test::RunSigap({"validate", "malformed/unreachable-node.json"}, data).exit_code == 0);
  }
  SUBCASE("errors: 1, and the good files in the same run still load") {
    test::ProcessResult r = test::RunSigap({"validate", "malformed/base-valid.json", "malformed/not-fictional.json"}, data);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("2 files checked, 1 ok: 1 error, 0 warnings") != std::string::npos);
  }
  SUBCASE("a folder is searched and every JSON file in it is checked") {
    test::ProcessResult r = test::RunSigap({"validate", "malformed"}, data);
    CHECK(r.exit_code == 1);
    auto lines = test::SplitLines(r.out);
    REQUIRE_FALSE(lines.empty());
    std::size_t files = CorpusNames().size() + 2;  // + _sop-mini.json and _guide-mini.json
    CHECK(lines.back().rfind(std::to_string(files) + " files checked, ", 0) == 0);
  }
  SUBCASE("no path: 2") {
    test::ProcessResult r = test::RunSigap({"validate"});
    CHECK(r.exit_code == 2);
    CHECK_FALSE(r.err.empty());
  }
  SUBCASE("an unknown option: 2") {
    CHECK(test::RunSigap({"validate", "--strict", "malformed/base-valid.json"}, data).exit_code == 2);
  }
  SUBCASE("a path that cannot be read: 2, with IO001 on that path") {
    test::ProcessResult r = test::RunSigap({"validate", "malformed/base-valid.json", "malformed/no-such-file.json"}, data);
    CHECK(r.exit_code == 2);
    CHECK(r.out.find("malformed/no-such-file.json:0:0: error IO001: cannot read: no such file") != std::string::npos);
  }
  SUBCASE("a folder without JSON files: 2") {
    std::string dir = test::TempDir("validate-empty");
    CHECK(test::RunSigap({"validate", dir}).exit_code == 2);
    fs::remove_all(dir);
  }
}

TEST_CASE("sigap validate --json gives the same diagnostics in machine-readable form") {
  std::string data = test::DataPath("");
  std::vector<std::string> paths{"malformed/unknown-node.json", "malformed/missing-translation.json", "malformed/base-valid.json"};
  std::vector<std::string> args{"validate", "--json"};
  args.insert(args.end(), paths.begin(), paths.end());
  test::ProcessResult r = test::RunSigap(args, data);
  CHECK(r.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  REQUIRE(j["files"].is_array());
  REQUIRE(j["files"].size() == 3);
  CHECK(j["errors"] == 2);
  CHECK(j["warnings"] == 2);
  std::vector<std::string> rebuilt;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& f = j["files"][i];
    CHECK(f["path"] == paths[i]);
    CHECK(f["kind"] == "scenario");
    CHECK(f["errors"].is_number_integer());
    CHECK(f["warnings"].is_number_integer());
    for (const auto& d : f["diagnostics"]) {
      for (const char* key : {"file", "pointer", "severity", "code", "message"}) CHECK(d[key].is_string());
      CHECK(d["line"].is_number_integer());
      CHECK(d["column"].is_number_integer());
      CHECK(std::regex_match(d["code"].get<std::string>(), std::regex("(JSN|SCN|IO|DIA)[0-9]{3}")));
      rebuilt.push_back(d["file"].get<std::string>() + ":" + d["line"].dump() + ":" + d["column"].dump() + ": " +
                        d["severity"].get<std::string>() + " " + d["code"].get<std::string>() + ": " + d["message"].get<std::string>());
    }
  }
  // The JSON pointer says which value is meant.
  CHECK(j["files"][0]["diagnostics"][0]["pointer"] == "/start");
  CHECK(j["files"][0]["diagnostics"][1]["pointer"] == "/nodes/1/decision/choices/0/next");
  CHECK(j["files"][1]["diagnostics"][0]["pointer"] == "/summary");
  // The same lines as the text output.
  std::vector<std::string> text_args{"validate"};
  text_args.insert(text_args.end(), paths.begin(), paths.end());
  auto text_lines = test::SplitLines(test::RunSigap(text_args, data).out);
  text_lines.pop_back();  // the summary
  CHECK(rebuilt == text_lines);
}

TEST_CASE("round trip: load → ToJson → load gives an equal model for every bundled file") {
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios"), test::DataPath("fixtures")});
  REQUIRE(lib.ErrorCount() == 0);
  std::size_t scenarios = 0, catalogues = 0;
  for (const auto& f : lib.files) {
    CAPTURE(f.path);
    if (f.catalogue) {
      ++catalogues;
      std::string text = ToJson(*f.catalogue).dump(2);
      LoadedFile again = LoadFromText("again.json", text);
      for (const auto& d : again.diagnostics) FAIL_CHECK(FormatDiagnostic(d));
      REQUIRE(again.catalogue);
      CHECK(*again.catalogue == *f.catalogue);
      CHECK(ToJson(*again.catalogue) == ToJson(*f.catalogue));
    }
    if (f.scenario) {
      ++scenarios;
      auto cat = lib.FindCatalogue(f.scenario->sop_catalogue);
      REQUIRE(cat);
      std::string text = ToJson(*f.scenario).dump(2);
      LoadedFile again = LoadFromText("again.json", text, cat.get());
      for (const auto& d : again.diagnostics) FAIL_CHECK(FormatDiagnostic(d));
      REQUIRE(again.scenario);
      CHECK(*again.scenario == *f.scenario);
      CHECK(ToJson(*again.scenario) == ToJson(*f.scenario));
      // Saving again is stable, so the canonical form is a fixed point.
      CHECK(ToJson(*again.scenario).dump(2) == text);
    }
  }
  CHECK(scenarios >= 5);
  CHECK(catalogues >= 2);

  // Equality really compares: a changed choice makes the models differ.
  auto s = lib.FindScenario("engine-mini");
  REQUIRE(s);
  nlohmann::json j = ToJson(*s);
  j["nodes"][1]["decision"]["choices"][0]["effects"]["trust"] = 3;
  LoadedFile changed = LoadFromText("changed.json", j.dump(), lib.FindCatalogue("sop-mini").get());
  REQUIRE(changed.scenario);
  CHECK_FALSE(*changed.scenario == *s);
}

TEST_CASE("docs/diagnostics.md documents exactly the codes the program can emit") {
  // Every code literal in the engine and CLI sources ("SCN012", "LOG010"…).
  std::set<std::string> in_code;
  const std::regex literal("\"((JSN|SCN|IO|DIA|LOG|ENG|DBR|RES|SAV|CPY|EXP|ROOM)[0-9]{3})\"");
  for (const char* dir : {"src/engine", "src/cli"})
    for (const auto& e : fs::directory_iterator(test::SourcePath(dir))) {
      std::string text = test::ReadText(e.path().string());
      for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) in_code.insert((*it)[1]);
    }
  // Documented: a "### CODE" heading or a table row starting with the code.
  std::set<std::string> documented;
  const std::regex entry("^(### |\\| `)((JSN|SCN|IO|DIA|LOG|ENG|DBR|RES|SAV|CPY|EXP|ROOM)[0-9]{3})");
  for (const auto& line : test::SplitLines(test::ReadText(test::SourcePath("docs/diagnostics.md")))) {
    std::smatch m;
    if (std::regex_search(line, m, entry)) CHECK_MESSAGE(documented.insert(m[2]).second, "documented twice: " << m[2]);
  }
  REQUIRE(in_code.size() >= 60);
  for (const auto& code : in_code) CHECK_MESSAGE(documented.count(code), code << " is emitted but not in docs/diagnostics.md");
  for (const auto& code : documented) CHECK_MESSAGE(in_code.count(code), code << " is documented but no longer emitted");
  // Every code in the goldens is one of them, and the format page links to the list.
  for (const auto& e : fs::directory_iterator(test::DataPath("golden/diagnostics"))) {
    std::string text = test::ReadText(e.path().string());
    const std::regex code(" (error|warning) ([A-Z]{2,3}[0-9]{3}): ");
    for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) CHECK(documented.count((*it)[2]));
  }
  CHECK(test::ReadText(test::SourcePath("docs/scenario-format.md")).find("(diagnostics.md)") != std::string::npos);
}
