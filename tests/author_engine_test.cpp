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

namespace {

// Where `id` is named in a document, as "pointer node option timeout" lines (readable on failure).
std::vector<std::string> ReferenceLines(const OrderedJson& doc, const std::string& id) {
  std::vector<std::string> lines;
  for (const auto& r : NodeReferences(doc, id))
    lines.push_back(r.pointer + " " + r.node + " " + r.option + (r.timeout ? " timeout" : ""));
  return lines;
}

}  // namespace

TEST_CASE("a node's references: the start and the routes of scenes, choices, timeouts and checklists") {
  auto doc = ParseOrdered(R"({
    "start": "x",
    "nodes": [
      {"id": "s1", "type": "scene", "next": [{"if": {"flag": "f"}, "to": "x"}, {"to": "e1"}]},
      {"id": "x", "type": "decision", "decision": {"kind": "single",
        "timer": {"seconds": 30, "timeout": {"text": {"id": "t", "en": "t"}, "next": "x"}},
        "choices": [{"id": "a", "next": "e1", "if": {"flag": "x"}, "effects": {"x": true}},
                    {"id": "b", "next": [{"if": {"var": "x", "op": ">", "value": 1}, "to": "e1"}, {"to": "x"}]}]}},
      {"id": "ck", "type": "decision", "decision": {"kind": "checklist", "items": [{"id": "x"}], "next": "x"}},
      {"id": "e1", "type": "ending", "outcome": {"id": "x"}}
    ]})");
  REQUIRE(doc);
  // A variable, a flag, a checklist item and an outcome may be called "x" too: not references.
  CHECK(ReferenceLines(*doc, "x") == std::vector<std::string>{
                                         "/start  ",
                                         "/nodes/0/next/0/to s1 ",
                                         "/nodes/1/decision/choices/1/next/1/to x b",
                                         "/nodes/1/decision/timer/timeout/next x  timeout",
                                         "/nodes/2/decision/next ck ",
                                     });
  CHECK(ReferenceLines(*doc, "e1").size() == 3);
  CHECK(ReferenceLines(*doc, "nowhere").empty());

  OrderedJson renamed = *doc;
  REQUIRE(RenameNode(renamed, "x", "dp-baru") == RenameResult::Renamed);
  CHECK(ReferenceLines(renamed, "x").empty());
  CHECK(ReferenceLines(renamed, "dp-baru").size() == 5);
  CHECK(renamed["nodes"][1]["id"] == "dp-baru");
  CHECK(renamed["nodes"][1]["decision"]["choices"][0]["if"]["flag"] == "x");  // the flag keeps its name
  CHECK(renamed["nodes"][2]["decision"]["items"][0]["id"] == "x");
  CHECK(renamed["nodes"][3]["outcome"]["id"] == "x");

  // Refused, and the document untouched: an id another node has, one the format does not allow,
  // a node that is not there, the same id.
  OrderedJson same = *doc;
  CHECK(RenameNode(same, "x", "e1") == RenameResult::Taken);
  CHECK(RenameNode(same, "x", "Dp 2") == RenameResult::BadId);
  CHECK(RenameNode(same, "nowhere", "y") == RenameResult::NotFound);
  CHECK(RenameNode(same, "x", "x") == RenameResult::Same);
  CHECK(same == *doc);
}

TEST_CASE("renaming any node of a bundled scenario keeps it whole, in one undo step") {
  const std::string dir = CopyOfScenarios("author-rename");
  // paman-tanjungpinang has every kind of reference: conditional routes, a timeout outcome,
  // checklists; yuliana-nunukan starts at a decision's scene.
  for (const char* name : {"paman-tanjungpinang", "yuliana-nunukan"}) {
    CAPTURE(name);
    const std::string path = dir + "/" + name + ".json";
    ScenarioDraft d;
    IoError error;
    REQUIRE(d.Open(path, error));
    REQUIRE(d.current_is_good());
    const auto before = d.good();
    const std::string original = d.text();
    for (const Node& n : before->nodes) {
      CAPTURE(n.id);
      const std::string to = n.id + "-baru";
      REQUIRE(d.RenameNode(n.id, to) == RenameResult::Renamed);
      // Still without errors, with the same warnings, and the same story under the new name.
      CHECK(d.check().errors == 0);
      REQUIRE(d.current_is_good());
      const auto after = d.good();
      auto map = [&](const std::string& id) { return id == n.id ? to : id; };
      CHECK(after->start == map(before->start));
      CHECK(after->FindNode(n.id) == nullptr);
      for (const Node& old : before->nodes) {
        const Node* now = after->FindNode(map(old.id));
        REQUIRE(now);
        std::vector<std::string> expected;
        for (const auto& s : old.Successors()) expected.push_back(map(s));
        CHECK(now->Successors() == expected);
      }
      CHECK(d.check().warnings == LoadFromText(path, original, d.catalogue().get()).warnings);
      // One undo step gives back the text as it was.
      REQUIRE(d.Undo());
      CHECK(d.text() == original);
    }
    // Onto an id another node has: refused, nothing changed, nothing to undo.
    CHECK(d.RenameNode(before->nodes[0].id, before->nodes[1].id) == RenameResult::Taken);
    CHECK(d.text() == original);
    CHECK_FALSE(d.CanUndo());
  }
  test::RemoveTree(dir);
}
