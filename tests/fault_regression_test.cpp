// Inputs that once crashed a fuzzer (tests/fuzz_regressions/<target>/) are loaded again the
// way the fuzzer loaded them: each must now give diagnostics, never a crash or an exception.
// Each fixed bug also has its own case, built from a small readable input.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "json_reader.h"
#include "library.h"
#include "recorded_session.h"
#include "session_log.h"
#include "test_support.h"
#include "fuzz/log_reseal.h"

using namespace sigap;
namespace fs = std::filesystem;

namespace {

const ContentLibrary& Library() {
  static const ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  return lib;
}

std::string Slurp(const fs::path& path) {
  std::string text, error;
  REQUIRE_MESSAGE(ReadFileToString(path.string(), text, error), error);
  return text;
}

std::vector<fs::path> RegressionInputs(const std::string& target) {
  std::vector<fs::path> out;
  fs::path dir = test::DataPath("fuzz_regressions/" + target);
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool HasError(const std::vector<Diagnostic>& ds, const std::string& code = "") {
  return std::any_of(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.severity == Severity::Error && (code.empty() || d.code == code); });
}

using sigap::fuzz::Reseal;

// A finished-looking real log: header and two decisions of the bundled Yuliana scenario.
std::vector<nlohmann::json> RealLogRecords() {
  auto dir = test::TempDir("regression-log");
  auto scenario = Library().FindScenario("yuliana-nunukan");
  REQUIRE(scenario);
  SessionInfo info;
  info.team = "Tim Regresi";
  auto started = RecordedSession::Start(scenario, Library().FindCatalogue(scenario->sop_catalogue), info, dir);
  REQUIRE(std::holds_alternative<RecordedSession>(started));
  RecordedSession& rs = std::get<RecordedSession>(started);
  for (int i = 0; i < 2; ++i) {
    while (rs.session().state() == SessionState::AtScene) rs.Continue();
    REQUIRE(rs.session().state() == SessionState::AwaitingChoice);
    REQUIRE(rs.Choose(rs.session().AvailableChoices().front()->id, 1000, 1000 * (i + 1)).saved);
  }
  std::vector<nlohmann::json> records;
  std::string text = Slurp(rs.log_path());
  for (std::size_t at = 0; at < text.size();) {
    std::size_t nl = text.find('\n', at);
    records.push_back(nlohmann::json::parse(text.substr(at, nl - at)));
    at = nl + 1;
  }
  test::RemoveTree(dir);
  return records;
}

std::string Encode(const std::vector<nlohmann::json>& records) {
  std::string out;
  for (std::size_t i = 0; i < records.size(); ++i) out += EncodeLogRecord(records[i], static_cast<std::int64_t>(i));
  return out;
}

}  // namespace

TEST_SUITE("fuzz regressions") {

TEST_CASE("every input that once crashed a fuzzer now loads with diagnostics") {
  const auto catalogue = Library().FindCatalogue("sop-tppo");
  REQUIRE(catalogue);
  std::size_t inputs = 0;
  for (const auto& path : RegressionInputs("scenario")) {
    CAPTURE(path.string());
    ++inputs;
    std::string text = Slurp(path);
    for (const SopCatalogue* cat : {static_cast<const SopCatalogue*>(nullptr), catalogue.get()}) {
      LoadedFile f;
      REQUIRE_NOTHROW(f = LoadFromText(path.string(), text, cat));
      if (f.errors > 0) CHECK(HasError(f.diagnostics));  // the user is told what stops the file
    }
  }
  for (const auto& path : RegressionInputs("json")) {
    CAPTURE(path.string());
    ++inputs;
    DiagnosticSink sink(path.string());
    JsonDocument doc;
    REQUIRE_NOTHROW(doc = ReadJson(Slurp(path), sink));
    if (!doc.ok) CHECK(HasError(sink.Take()));
  }
  for (const auto& path : RegressionInputs("session_log")) {
    CAPTURE(path.string());
    ++inputs;
    std::string text = Slurp(path);
    for (const std::string& variant : {text, Reseal(text)}) {
      SessionLogData d;
      REQUIRE_NOTHROW(d = ReadSessionLog(path.string(), variant));
      if (!d.usable()) CHECK(HasError(d.diagnostics));
    }
  }
  CHECK(inputs >= 2);  // the regression folders are found (a wrong path would pass vacuously)
}

TEST_CASE("a session-log record whose fields have the wrong JSON type is reported as damaged, not thrown") {
  // Found by fuzz_session_log: json::value("rec", "") throws when "rec" holds a number, and the
  // exception ended the program while a facilitator imported results.
  const std::vector<nlohmann::json> good = RealLogRecords();
  REQUIRE(good.size() == 3);
  REQUIRE(ReadSessionLog("good.sigap.jsonl", Encode(good)).usable());

  SUBCASE("\"rec\" is a number in a decision") {
    auto records = good;
    records[1]["rec"] = 0;
    SessionLogData d;
    REQUIRE_NOTHROW(d = ReadSessionLog("bad.sigap.jsonl", Encode(records)));
    CHECK(d.corrupted);
    CHECK(HasError(d.diagnostics, "LOG011"));
    CHECK(d.diagnostics.front().pos.line == 2);
  }
  SUBCASE("\"rec\" is a number in the header") {
    auto records = good;
    records[0]["rec"] = 1;
    SessionLogData d;
    REQUIRE_NOTHROW(d = ReadSessionLog("bad.sigap.jsonl", Encode(records)));
    CHECK_FALSE(d.usable());
    CHECK(HasError(d.diagnostics, "LOG002"));
  }
  SUBCASE("\"format\" is a string") {
    auto records = good;
    records[0]["format"] = "1";
    SessionLogData d;
    REQUIRE_NOTHROW(d = ReadSessionLog("bad.sigap.jsonl", Encode(records)));
    CHECK_FALSE(d.usable());
    CHECK(HasError(d.diagnostics, "LOG003"));
  }
  SUBCASE("\"timed_out\" is a string") {
    auto records = good;
    records[2]["timed_out"] = "yes";
    SessionLogData d;
    REQUIRE_NOTHROW(d = ReadSessionLog("bad.sigap.jsonl", Encode(records)));
    CHECK(d.corrupted);  // its checksum holds, so it was written whole: damage, not a torn tail
    CHECK(HasError(d.diagnostics, "LOG011"));
    CHECK(d.decisions.size() == 1);
  }
  SUBCASE("the saved input that crashed the fuzzer") {
    std::string text = Reseal(Slurp(test::DataPath("fuzz_regressions/session_log/rec-is-a-number.sigap.jsonl")));
    SessionLogData d;
    REQUIRE_NOTHROW(d = ReadSessionLog("rec-is-a-number.sigap.jsonl", text));
    CHECK_FALSE(d.usable());
    CHECK(HasError(d.diagnostics, "LOG011"));
  }
}

TEST_CASE("the errors that stop a file loading are shown even when a hundred warnings come first") {
  // Found by fuzz_scenario: a catalogue with its steps under "axes" gave 159 unknown-key
  // warnings; the list stops at 100, and the two errors (no "phases", no "steps") were cut,
  // so `sigap validate` said "2 errors" and showed none.
  SUBCASE("the saved input") {
    std::string path = test::DataPath("fuzz_regressions/scenario/errors-hidden-by-warnings.json");
    LoadedFile f = LoadFromText(path, Slurp(path));
    CHECK_FALSE(f.ok());
    CHECK(f.errors == 2);
    CHECK(HasError(f.diagnostics, "SCN003"));
    CHECK(std::count_if(f.diagnostics.begin(), f.diagnostics.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }) == 2);
    CHECK(f.diagnostics.back().code == "DIA001");  // and it still says that some were left out
  }
  SUBCASE("a small catalogue: 150 unknown keys, then a bad weight") {
    std::string text = Slurp(test::SourcePath("scenarios/sop-tppo.json"));
    nlohmann::json j = nlohmann::json::parse(text);
    for (int i = 0; i < 150; ++i) j["axes"][0]["typo" + std::to_string(i)] = 1;
    j["steps"].back()["weight"] = 99;
    LoadedFile f = LoadFromText("cat.json", j.dump(2));
    CHECK(f.errors == 1);
    CHECK(HasError(f.diagnostics));
    CHECK(f.diagnostics.size() == DiagnosticSink::kDefaultCap + 1);
  }
}

}  // TEST_SUITE
