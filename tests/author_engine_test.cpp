// The author face's engine side: the canonical writer (every bundled scenario and guide saves
// byte for byte as it is, and re-validates), saving with a backup, and a scenario draft's edits,
// undo/redo and reload from disk.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

#include "bench_content.h"
#include "engine_test_util.h"
#include "library.h"
#include "scenario_draft.h"
#include "scenario_writer.h"

using namespace sigap;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> BundledContentFiles(bool with_guides) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(test::SourcePath("scenarios"))) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".json" || name.find(".schema.") != std::string::npos) continue;
    if (name == "sop-tppo.json") continue;  // the catalogue is hand-aligned and not edited in the app
    if (!with_guides && name.find(".guide.") != std::string::npos) continue;
    files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A copy of the bundled scenarios folder, for tests that write.
std::string CopyOfScenarios(const std::string& name) {
  const std::string dir = test::TempDir(name);
  for (const auto& e : fs::directory_iterator(test::SourcePath("scenarios")))
    fs::copy_file(e.path(), fs::path(dir) / e.path().filename());
  return dir;
}

int ErrorsOf(const ScenarioDraft& d) { return static_cast<int>(d.check().errors); }

}  // namespace

TEST_CASE("every bundled scenario and guide is already canonical: it saves byte for byte and re-validates") {
  const auto files = BundledContentFiles(true);
  REQUIRE(files.size() >= 14);
  for (const auto& path : files) {
    CAPTURE(path);
    const std::string text = test::ReadText(path);
    auto doc = ParseOrdered(text);
    REQUIRE(doc);
    const std::string written = WriteScenarioCanonical(*doc);
    CHECK(written == text);
    // The written text loads exactly as the file does (the same content hash and model).
    if (path.find(".guide.") != std::string::npos) continue;
    ScenarioDraft draft;
    IoError error;
    REQUIRE(draft.Open(path, error));
    CHECK(draft.current_is_good());
    REQUIRE(draft.check().scenario);
    const auto before = draft.check().scenario;
    LoadedFile again = LoadFromText(path, written, draft.catalogue().get());
    REQUIRE(again.ok());
    CHECK(again.scenario->content_hash == before->content_hash);
    CHECK(*again.scenario == *before);
  }
}

TEST_CASE("the canonical writer keeps key order, comments and unescaped Indonesian text") {
  const std::string text =
      "{\n  \"z\": 1,\n  \"_comment\": \"catatan: \\\"kutip\\\"\",\n  \"a\": [],\n  \"m\": {},\n"
      "  \"t\": \"Perempuan — é\\n2\",\n  \"n\": [\n    1.5,\n    -2,\n    true,\n    null\n  ]\n}\n";
  auto doc = ParseOrdered(text);
  REQUIRE(doc);
  CHECK(WriteScenarioCanonical(*doc) == text);
  CHECK_FALSE(ParseOrdered("{\"a\": "));
}

TEST_CASE("saving keeps the previous file as .bak and fails whole") {
  const std::string dir = test::TempDir("author-save");
  const std::string path = dir + "/s.json";
  test::WriteText(path, "old\n");
  IoError error;
  REQUIRE(SaveWithBackup(path, "new\n", error));
  CHECK(test::ReadText(path) == "new\n");
  CHECK(test::ReadText(BackupPathOf(path)) == "old\n");
  // The disk fills up while writing: the file stays as it was.
  CHECK_FALSE(SaveWithBackup(path, "newer\n", error, [](WriteStep s) { return s == WriteStep::Write; }));
  CHECK(error.cause == IoCause::NoSpace);
  CHECK(test::ReadText(path) == "new\n");
  test::RemoveTree(dir);
}

TEST_CASE("a draft: an edit is checked at once, undone, redone, saved canonically and reloaded") {
  const std::string dir = CopyOfScenarios("author-draft");
  const std::string path = dir + "/yuliana-nunukan.json";
  ScenarioDraft d;
  IoError error;
  REQUIRE(d.Open(path, error));
  REQUIRE(d.current_is_good());
  REQUIRE(d.catalogue());
  CHECK(d.catalogue()->id == "sop-tppo");
  const auto first = d.good();
  CHECK_FALSE(d.Dirty());

  // A new place: still valid, and the model shows it.
  REQUIRE(d.Edit([](OrderedJson& j) {
    j["place"]["id"] = "UPTD PPA Kabupaten Tanah Laut, Kalimantan Selatan";
    return true;
  }));
  CHECK(d.Dirty());
  CHECK(d.current_is_good());
  CHECK(d.good()->place.id == "UPTD PPA Kabupaten Tanah Laut, Kalimantan Selatan");
  // Only that line changed.
  CHECK(d.text().find("\"id\": \"UPTD PPA Kabupaten Tanah Laut, Kalimantan Selatan\",\n") != std::string::npos);

  // A route to a node that does not exist: an error on the node, the last good version kept.
  REQUIRE(d.Edit([](OrderedJson& j) {
    j["nodes"][0]["next"] = "nowhere";
    return true;
  }));
  CHECK(ErrorsOf(d) > 0);
  CHECK_FALSE(d.current_is_good());
  bool on_node = false;
  for (const auto& diag : d.check().diagnostics)
    if (diag.severity == Severity::Error && diag.pointer.rfind("/nodes/0", 0) == 0) on_node = true;
  CHECK(on_node);
  CHECK(d.good()->place.id == "UPTD PPA Kabupaten Tanah Laut, Kalimantan Selatan");

  REQUIRE(d.Undo());
  CHECK(d.current_is_good());
  REQUIRE(d.Undo());
  CHECK(d.text() == test::ReadText(path));
  CHECK_FALSE(d.Undo());
  REQUIRE(d.Redo());
  CHECK(d.good()->place.id == "UPTD PPA Kabupaten Tanah Laut, Kalimantan Selatan");
  CHECK_FALSE(d.Edit([](OrderedJson&) { return true; }));  // no change, no undo step

  const std::string original = test::ReadText(path);
  REQUIRE(d.Save(error));
  CHECK_FALSE(d.Dirty());
  CHECK(test::ReadText(BackupPathOf(path)) == original);
  CHECK(test::ReadText(path) == d.text());
  CHECK_FALSE(d.ReloadIfChanged());

  // Another editor saves a broken file: taken, with its diagnostics; the map keeps the good one.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  test::WriteText(path, "{\"format\": 1,\n  \"type\": \"scenario\",\n");
  REQUIRE(d.ReloadIfChanged());
  CHECK_FALSE(d.current_is_good());
  CHECK(d.doc() == nullptr);
  CHECK(d.check().diagnostics.front().code.rfind("JSN", 0) == 0);
  CHECK(d.good()->place.id == "UPTD PPA Kabupaten Tanah Laut, Kalimantan Selatan");
  // ...and undoing the reload gives back the version saved.
  REQUIRE(d.Undo());
  CHECK(d.current_is_good());
  test::RemoveTree(dir);
}

TEST_CASE("a new scenario from the template is valid against the bundled catalogue") {
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios/sop-tppo.json")});
  auto cat = lib.FindCatalogue("sop-tppo");
  REQUIRE(cat);
  const std::string text = NewScenarioText("kasus-baru", *cat);
  LoadedFile f = LoadFromText("kasus-baru.json", text, cat.get());
  for (const auto& d : f.diagnostics) CAPTURE(FormatDiagnostic(d));
  CHECK(f.ok());
  CHECK(f.errors == 0);
  CHECK(WriteScenarioCanonical(*ParseOrdered(text)) == text);
}

TEST_CASE("a 300-node scenario: from a save on disk to updated diagnostics") {
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios/sop-tppo.json")});
  auto cat = lib.FindCatalogue("sop-tppo");
  REQUIRE(cat);
  const std::string dir = test::TempDir("author-300");
  fs::copy_file(test::SourcePath("scenarios/sop-tppo.json"), dir + "/sop-tppo.json");
  const std::string path = dir + "/big.json";
  const std::string text = bench::GenerateScenario(300, *cat, 7);
  test::WriteText(path, text);
  ScenarioDraft d;
  IoError error;
  REQUIRE(d.Open(path, error));
  REQUIRE(d.current_is_good());
  CHECK(d.good()->nodes.size() == 300);
  // Each run: another editor saves a one-character change; the draft sees it, reads, parses and
  // validates it (ReloadIfChanged: what the app's watch does once the look is due).
  std::vector<double> ms;
  for (int run = 0; run < 7; ++run) {
    std::string changed = text;
    const std::size_t at = changed.find("\"minutes\": ");
    REQUIRE(at != std::string::npos);
    changed.replace(at, 14, "\"minutes\": " + std::to_string(10 + run));
    std::this_thread::sleep_for(std::chrono::milliseconds(12));
    test::WriteText(path, changed);
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(d.ReloadIfChanged());
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    CHECK(d.good()->minutes == 10 + run);
  }
  std::sort(ms.begin(), ms.end());
  MESSAGE("300 nodes (" << text.size() / 1024 << " KiB): change on disk -> diagnostics, median " << ms[3] << " ms (min "
                        << ms[0] << ", max " << ms[6] << "); the check alone " << d.check_ms() << " ms");
  CHECK(ms[3] < 2000.0);  // a debug build on a shared machine; docs/performance.md has the Release number
  test::RemoveTree(dir);
}
