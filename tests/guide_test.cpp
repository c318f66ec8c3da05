// Facilitator guides (<scenario-id>.guide.json): loaded beside their scenario, attached to it, and
// checked against it; and a guide for every bundled scenario, complete enough to run a workshop.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "engine_test_util.h"
#include "library.h"

using namespace sigap;
namespace fs = std::filesystem;

namespace {

bool Both(const LocalText& t) { return !t.id.empty() && !t.en.empty(); }

// A folder with the guide corpus' scenario, its catalogue and the given guides (name → text).
std::string GuideFolder(const std::string& name, const std::vector<std::pair<std::string, std::string>>& guides) {
  std::string dir = test::TempDir(name);
  for (const char* f : {"_guide-mini.json", "_sop-mini.json"}) fs::copy_file(test::DataPath(std::string("malformed/") + f), dir + "/" + f);
  for (const auto& [file, text] : guides) test::WriteText(dir + "/" + file, text);
  return dir;
}

const LoadedFile* FileNamed(const ContentLibrary& lib, const std::string& name) {
  for (const auto& f : lib.files)
    if (fs::path(f.path).filename() == name) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("a guide is attached to its scenario and read as written") {
  std::string dir = GuideFolder("guide-read", {{"guide-mini.guide.json", test::ReadText(test::DataPath("malformed/guide-base-valid.json"))}});
  ContentLibrary lib = LoadLibrary({dir});
  CHECK(lib.ErrorCount() == 0);
  CHECK(lib.WarningCount() == 0);
  auto g = lib.FindGuide("guide-mini");
  REQUIRE(g);
  CHECK(FileNamed(lib, "guide-mini.guide.json")->kind == FileKind::Guide);
  CHECK(g->audience_tags == std::vector<std::string>{"uptd_ppa", "lsm"});
  CHECK(g->audience.id == "UPTD PPA, LSM");
  CHECK(g->Minutes() == 17);
  CHECK(g->Minutes("play") == lib.FindScenario("guide-mini")->minutes);
  REQUIRE(g->QuestionsFor("dp2"));
  CHECK(g->QuestionsFor("dp2")->questions.size() == 3);
  CHECK(g->QuestionsFor("end_good") == nullptr);
  REQUIRE(g->NeverEventFor("dp2", "y"));
  CHECK(g->NeverEventFor("dp2", "y")->text.en == "Discuss Y.");
  CHECK(g->NeverEventFor("dp2", "x") == nullptr);
  CHECK_FALSE(lib.FindGuide("mini"));
  fs::remove_all(dir);
}

TEST_CASE("editing a guide does not change its scenario's content hash, so old results still replay") {
  std::string text = test::ReadText(test::DataPath("malformed/guide-base-valid.json"));
  std::string dir = GuideFolder("guide-hash", {{"guide-mini.guide.json", text}});
  std::string before = LoadLibrary({dir}).FindScenario("guide-mini")->content_hash;
  std::string edited = text;
  edited.replace(edited.find("Petugas baru."), 13, "Petugas lama.");
  test::WriteText(dir + "/guide-mini.guide.json", edited);
  ContentLibrary lib = LoadLibrary({dir});
  CHECK(lib.FindGuide("guide-mini")->who.id == "Petugas lama.");
  CHECK(lib.FindScenario("guide-mini")->content_hash == before);
  fs::remove_all(dir);
}

TEST_CASE("a second guide for one scenario is reported and the first one is used") {
  std::string text = test::ReadText(test::DataPath("malformed/guide-base-valid.json"));
  std::string second = text;
  second.replace(second.find("Petugas baru."), 13, "Guide kedua.");
  std::string dir = GuideFolder("guide-twice", {{"a.guide.json", text}, {"b.guide.json", second}});
  ContentLibrary lib = LoadLibrary({dir});
  CHECK(lib.ErrorCount() == 0);
  CHECK(lib.FindGuide("guide-mini")->who.id == "Petugas baru.");
  const LoadedFile* b = FileNamed(lib, "b.guide.json");
  REQUIRE(b);
  REQUIRE(b->diagnostics.size() == 1);
  CHECK(b->diagnostics[0].code == "SCN079");
  CHECK(b->diagnostics[0].pointer == "/scenario");
  fs::remove_all(dir);
}

TEST_CASE("a guide is found by its scenario when only the guide is named, and refused without it") {
  std::string text = test::ReadText(test::DataPath("malformed/guide-base-valid.json"));
  std::string dir = GuideFolder("guide-alone", {{"guide-mini.guide.json", text}});
  ContentLibrary lib = LoadLibrary({dir + "/guide-mini.guide.json"});
  REQUIRE(lib.files.size() == 1);
  CHECK(lib.files[0].ok());
  CHECK(lib.files[0].warnings == 0);
  LoadedFile alone = LoadFromText("guide-mini.guide.json", text);
  CHECK_FALSE(alone.ok());
  REQUIRE(alone.diagnostics.size() == 1);
  CHECK(alone.diagnostics[0].code == "SCN070");
  fs::remove(dir + "/_guide-mini.json");
  ContentLibrary without = LoadLibrary({dir + "/guide-mini.guide.json"});
  CHECK(without.files[0].diagnostics.at(0).code == "SCN070");
  fs::remove_all(dir);
}

TEST_CASE("a guide follows its scenario: a new never event without a talking point is reported") {
  // The scenario grows a third never event; the unchanged guide now misses it.
  std::string scenario = test::ReadText(test::DataPath("malformed/_guide-mini.json"));
  auto j = nlohmann::json::parse(scenario);
  j["nodes"][1]["decision"]["choices"][0]["sop"] = {{"s.b", "critical"}};
  std::string dir = GuideFolder("guide-follow", {{"guide-mini.guide.json", test::ReadText(test::DataPath("malformed/guide-base-valid.json"))}});
  test::WriteText(dir + "/_guide-mini.json", j.dump(2));
  ContentLibrary lib = LoadLibrary({dir});
  const LoadedFile* g = FileNamed(lib, "guide-mini.guide.json");
  REQUIRE(g);
  CHECK(g->ok());
  REQUIRE(g->diagnostics.size() == 1);
  CHECK(g->diagnostics[0].code == "SCN074");
  CHECK(g->diagnostics[0].message.find("\"dp1/a\"") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("every bundled scenario has a facilitator guide a workshop can be run from") {
  ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  CHECK(lib.ErrorCount() == 0);
  CHECK(lib.WarningCount() == 0);
  auto scenarios = lib.Scenarios();
  REQUIRE(scenarios.size() >= 7);
  std::set<std::string> tags_seen;
  for (const auto& s : scenarios) {
    CAPTURE(s->id);
    auto g = lib.FindGuide(s->id);
    REQUIRE_MESSAGE(g, "no guide: add scenarios/" << s->id << ".guide.json");
    CHECK(fs::path(g->path).filename() == s->id + ".guide.json");
    CHECK_FALSE(g->audience_tags.empty());
    tags_seen.insert(g->audience_tags.begin(), g->audience_tags.end());
    CHECK(Both(g->audience));
    CHECK(g->audience.id.size() <= 60);  // one line on a scenario card
    CHECK(Both(g->who));
    CHECK(Both(g->distress));
    CHECK(g->goals.size() >= 5);
    for (const auto& goal : g->goals) {
      CHECK(Both(goal.text));
      CHECK(std::find(s->assesses.begin(), s->assesses.end(), goal.step) != s->assesses.end());
    }
    CHECK(g->Minutes("play") == s->minutes);
    CHECK(g->Minutes("debrief") >= 15);
    CHECK(g->debrief.size() >= 5);
    for (const auto& q : g->debrief) {
      const Node* n = s->FindNode(q.node);
      REQUIRE(n);
      CHECK(n->decision);
      CHECK(q.questions.size() >= 2);
      CHECK(q.questions.size() <= 3);
      for (const auto& t : q.questions) CHECK(Both(t));
    }
    // Every never event has its talking point, and every talking point is a never event.
    std::size_t criticals = 0;
    for (const auto& n : s->nodes) {
      if (!n.decision) continue;
      auto check = [&](const std::string& option, const std::vector<SopTag>& tags) {
        bool critical = std::any_of(tags.begin(), tags.end(), [](const SopTag& t) { return t.verdict == Verdict::Critical; });
        if (!critical) return;
        ++criticals;
        const GuideNeverEvent* e = g->NeverEventFor(n.id, option);
        CHECK_MESSAGE(e, n.id << "/" << option << " has no talking point");
        if (e) CHECK(Both(e->text));
      };
      for (const auto& c : n.decision->choices) check(c.id, c.sop);
      for (const auto& it : n.decision->items) check(it.id, it.sop);
    }
    CHECK(g->never_events.size() == criticals);
  }
  // The audiences of the workshop reports each have a scenario (issue 17).
  for (const char* tag : {"rumah_sakit", "dinas_sosial", "uptd_ppa", "kejaksaan", "lpsk", "pemerintah_desa", "kecamatan",
                          "ormas", "imigrasi", "bp3mi"})
    CHECK_MESSAGE(tags_seen.count(tag), "no scenario is written for " << tag);
}
