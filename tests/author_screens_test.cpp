// The author face drawn headless (a bare ImGui context, the real string tables and fonts): open a
// copy of the bundled scenarios, edit in forms, save, reload a change made by another editor,
// undo and redo with the keys, and play a branch from its node with the state inspector.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

#include <imgui.h>

#include "app_harness.h"
#include "author_actions.h"
#include "author_screens.h"
#include "engine_test_util.h"
#include "screens.h"

using namespace sigap;
using namespace sigap::app;
namespace fs = std::filesystem;

namespace {

struct AuthorHarness : test::ScreenHarness {
  std::string folder;
  std::string file;

  explicit AuthorHarness(const std::string& name, ImVec2 size = ImVec2(1280, 720))
      : test::ScreenHarness("author-" + name, size) {
    folder = dir + "/scenarios";
    fs::create_directories(folder);
    for (const auto& e : fs::directory_iterator(test::SourcePath("scenarios")))
      fs::copy_file(e.path(), fs::path(folder) / e.path().filename());
    file = folder + "/yuliana-nunukan.json";
    st.scenarios_dir = folder;
    UseLibrary(LoadLibrary({folder}));
    st.options.author = true;
    st.options.author_path = file;
    InitAuthor(st);
  }
  int Vertices() { return ImGui::GetDrawData() ? ImGui::GetDrawData()->TotalVtxCount : 0; }
  const ScenarioDraft& Draft() { return *st.author.draft; }
};

KeyPress Ctrl(char letter, bool shift = false) {
  KeyPress k = test::Letter(letter, shift);
  k.ctrl = true;
  return k;
}

}  // namespace

TEST_CASE("sigap --author FILE opens the map, the node panel and the diagnostics of the scenario") {
  AuthorHarness h("open");
  REQUIRE(h.st.screen == Screen::Author);
  REQUIRE(h.st.author.draft);
  CHECK(h.Draft().current_is_good());
  CHECK(h.st.author.files.size() == 7);  // the folder's scenarios, not its catalogue or guides
  h.Frame();
  h.Frame();
  CHECK(h.Vertices() > 2000);
  // Every node of the scenario, at either size, and in English too.
  for (const auto& n : h.Draft().good()->nodes) {
    author::SelectNode(h.st, n.id);
    h.Frame();
    CHECK(h.Vertices() > 1000);
  }
  h.Resize(ImVec2(1920, 1080));
  h.st.tr.SetLanguage(Lang::En);
  h.Frame();
  h.Frame();
  CHECK(h.Vertices() > 2000);
}

TEST_CASE("an edit in a form is validated at once; Ctrl+Z and Ctrl+Y undo and redo it; save keeps a backup") {
  AuthorHarness h("edit");
  const std::string original = test::ReadText(h.file);
  h.Frame();
  author::SelectNode(h.st, "");
  author::SetValue(h.st, "/place/id", OrderedJson("UPTD PPA Kabupaten Tanah Laut, Kalimantan Selatan"), true);
  author::SetValue(h.st, "/place/id", OrderedJson("UPTD PPA Kabupaten Tanah Laut, Kalsel"),
                   true);  // typing on: one undo step
  CHECK(h.Draft().good()->place.id == "UPTD PPA Kabupaten Tanah Laut, Kalsel");
  CHECK(h.Draft().Dirty());
  // A route to nowhere: an error, placed on its node; the map keeps the last good version.
  const std::string first = h.Draft().good()->nodes.front().id;
  author::SetValue(h.st, "/nodes/0/next", OrderedJson("nowhere"));
  CHECK(h.Draft().check().errors > 0);
  h.Frame();
  h.Frame();
  CHECK(h.Vertices() > 1000);
  CHECK(h.Draft().good()->place.id == "UPTD PPA Kabupaten Tanah Laut, Kalsel");

  h.Frame({Ctrl('Z')});
  CHECK(h.Draft().current_is_good());
  h.Frame({Ctrl('Z')});
  CHECK(h.Draft().text() == original);  // the two keystrokes in the place were one step
  h.Frame({Ctrl('Y')});
  CHECK(h.Draft().good()->place.id == "UPTD PPA Kabupaten Tanah Laut, Kalsel");
  CHECK(h.Draft().check().errors == 0);

  h.Frame({Ctrl('S')});
  CHECK_FALSE(h.Draft().Dirty());
  CHECK(test::ReadText(h.file + ".bak") == original);
  const std::string saved = test::ReadText(h.file);
  CHECK(saved.find("Tanah Laut, Kalsel") != std::string::npos);
  // The diff is the one line that changed.
  int changed = 0;
  const auto a = test::SplitLines(original), b = test::SplitLines(saved);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) changed += a[i] != b[i];
  CHECK(changed == 1);
  (void)first;
}

TEST_CASE("nodes and options: added, duplicated, reordered, removed, and tagged from the catalogue") {
  AuthorHarness h("structure");
  const auto& sc0 = *h.Draft().good();
  const std::size_t nodes = sc0.nodes.size();
  // A decision node's first choice is where the new decision will lead.
  std::string decision;
  for (const auto& n : sc0.nodes)
    if (n.decision && n.decision->kind == Decision::Kind::Single && decision.empty()) decision = n.id;
  REQUIRE(!decision.empty());
  author::SelectNode(h.st, decision);
  author::AddNode(h.st, "decision");
  const std::string added = h.st.author.selected;
  CHECK(added != decision);
  CHECK(h.Draft().doc()->at("nodes").size() == nodes + 1);
  h.Frame();
  h.Frame();
  // Its option tagged with a catalogue step: the verdict is read by the engine.
  int index = -1;
  for (std::size_t i = 0; i < h.Draft().doc()->at("nodes").size(); ++i)
    if (h.Draft().doc()->at("nodes")[i]["id"] == added) index = static_cast<int>(i);
  REQUIRE(index >= 0);
  const std::string choice = "/nodes/" + std::to_string(index) + "/decision/choices/0";
  author::SetSopTag(h.st, choice, "", "interview.privacy", "follows");
  author::AddOption(h.st, added);
  author::SetSopTag(h.st, "/nodes/" + std::to_string(index) + "/decision/choices/1", "", "interview.privacy",
                    "critical");
  // The new decision is not linked yet: the validator says so on the node.
  bool unreachable = false;
  for (const auto& d : h.Draft().check().diagnostics)
    if (d.code == "SCN020" && d.pointer.rfind("/nodes/" + std::to_string(index), 0) == 0) unreachable = true;
  CHECK(unreachable);
  const Node* n = h.Draft().good()->FindNode(added);
  REQUIRE(n);
  REQUIRE(n->decision->choices.size() == 2);
  CHECK(n->decision->choices[1].sop.front().verdict == Verdict::Critical);
  // Reordered: the critical option first; duplicated with a fresh id; removed.
  author::MoveElement(h.st, "/nodes/" + std::to_string(index) + "/decision/choices", 1, -1);
  CHECK(h.Draft().good()->FindNode(added)->decision->choices[0].sop.front().verdict == Verdict::Critical);
  author::DuplicateElement(h.st, "/nodes/" + std::to_string(index) + "/decision/choices", 0);
  CHECK(h.Draft().good()->FindNode(added)->decision->choices.size() == 3);
  CHECK(h.Draft().good()->FindNode(added)->decision->choices[1].id == "b_2");
  author::RemoveValue(h.st, "/nodes/" + std::to_string(index) + "/decision/choices/1");
  CHECK(h.Draft().good()->FindNode(added)->decision->choices.size() == 2);
  // A tag's step changed in place (choice 0 is now the critical one, moved up).
  author::SetSopTag(h.st, choice, "interview.privacy", "interview.consent", "critical");
  CHECK(h.Draft().good()->FindNode(added)->decision->choices[0].sop.front().step == "interview.consent");
  CHECK(h.Draft().good()->FindNode(added)->decision->choices[0].sop.size() == 1);
  h.Frame();
  // A JSON field: kept while it does not parse, applied once it does.
  author::TypeJson(h.st, choice + "/effects", "{\"trust\": ");
  CHECK_FALSE(h.st.author.json_field.valid);
  author::TypeJson(h.st, choice + "/effects", "{\"trust\": 1}");
  CHECK(h.st.author.json_field.valid);
  CHECK(h.Draft().good()->FindNode(added)->decision->choices[0].effects.size() == 1);
  h.Frame();
  h.Frame();
  CHECK(h.Vertices() > 1000);
  // The whole node goes, and with it the error.
  author::RemoveValue(h.st, "/nodes/" + std::to_string(index));
  CHECK(h.Draft().doc()->at("nodes").size() == nodes);
}

TEST_CASE("a change saved by another editor is reloaded, keeping the view; a broken one keeps the last good map") {
  AuthorHarness h("reload");
  author::SelectNode(h.st, "dp2");
  author::ZoomMap(h.st, 1.5f);
  h.Frame();
  CHECK_FALSE(author::PollFile(h.st, 200.0));  // nothing changed: nothing to do
  CHECK(h.st.author.watch_due == doctest::Approx(200.0 + AuthorState::kWatchPeriod));
  std::string text = test::ReadText(h.file);
  const std::string from = "Nunukan Regency, North Kalimantan";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "Tanah Laut Regency, South Kalimantan");
  std::this_thread::sleep_for(std::chrono::milliseconds(15));
  test::WriteText(h.file, text);
  CHECK(author::PollFile(h.st, 201.0));
  CHECK(h.Draft().good()->place.en == "UPTD PPA, Tanah Laut Regency, South Kalimantan");
  CHECK(h.st.author.selected == "dp2");
  CHECK(h.st.author.map_zoom == doctest::Approx(1.5f));
  h.Frame();
  // Half a save from a text editor: diagnostics, and the map stays on the last good version.
  std::this_thread::sleep_for(std::chrono::milliseconds(15));
  test::WriteText(h.file, text.substr(0, text.size() / 2));
  CHECK(author::PollFile(h.st, 202.0));
  CHECK(h.Draft().check().errors > 0);
  CHECK(h.Draft().good()->place.en == "UPTD PPA, Tanah Laut Regency, South Kalimantan");
  CHECK(h.st.author.message_error);
  h.Frame();
  h.Frame();
  CHECK(h.Vertices() > 1000);
}

TEST_CASE("play from here: the inspector sets trust before starting; the branch plays; no result is written") {
  AuthorHarness h("preview");
  const auto sc = h.Draft().good();
  // A decision with a choice shown only on a condition over a number variable.
  std::string node, var;
  double needs = 0;
  for (const auto& n : sc->nodes) {
    if (!n.decision || !node.empty()) continue;
    for (const auto& c : n.decision->choices)
      if (c.when && c.when->kind == Condition::Kind::Compare && std::holds_alternative<double>(c.when->value) &&
          (c.when->op == CompareOp::Ge || c.when->op == CompareOp::Gt)) {
        node = n.id;
        var = c.when->var;
        needs = std::get<double>(c.when->value) + (c.when->op == CompareOp::Gt ? 1 : 0);
      }
  }
  author::OpenPreview(h.st, node.empty() ? sc->start : node);
  h.Frame();
  CHECK(h.Vertices() > 500);
  if (!node.empty()) {
    const std::size_t before = [&] {
      author::StartPreview(h.st);
      return h.st.author.preview.session->AvailableChoices().size();
    }();
    author::OpenPreview(h.st, node);
    author::SetPreviewValue(h.st, var, needs);
    author::StartPreview(h.st);
    CHECK(h.st.author.preview.session->Value(var) == doctest::Approx(needs));
    CHECK(h.st.author.preview.session->AvailableChoices().size() >= before);
  } else {
    author::StartPreview(h.st);
  }
  REQUIRE(h.st.author.preview.session);
  // Play on to an ending through the first option each time.
  for (int step = 0; step < 200 && h.st.author.preview.session->state() != SessionState::Ended; ++step) {
    const Session& s = *h.st.author.preview.session;
    if (s.state() == SessionState::AtScene) author::PreviewContinue(h.st);
    else if (s.state() == SessionState::AwaitingChoice)
      author::PreviewChoose(h.st, s.AvailableChoices().front()->id);
    else
      author::PreviewSubmitChecklist(h.st);
    h.Frame();
  }
  CHECK(h.st.author.preview.session->state() == SessionState::Ended);
  CHECK(h.st.author.preview.problem.empty());
  h.Frame();
  CHECK(h.Vertices() > 500);
  std::error_code ec;
  CHECK((!fs::exists(h.st.results_dir, ec) || fs::is_empty(h.st.results_dir, ec)));
  author::ClosePreview(h.st);
  CHECK(h.st.author.preview.from.empty());
}

TEST_CASE("a new scenario from the template opens valid; the booklet and explore work on it") {
  AuthorHarness h("new");
  author::SetNewId(h.st, "Kasus Baru");
  author::NewScenario(h.st, h.st.author.new_id);
  CHECK(h.st.author.message_error);  // not an id
  author::NewScenario(h.st, "kasus-kalsel");
  REQUIRE(h.st.author.draft);
  CHECK(h.Draft().path() == h.folder + "/kasus-kalsel.json");
  CHECK(h.Draft().current_is_good());
  h.Frame();
  h.Frame();
  CHECK(h.Vertices() > 1000);
  author::WriteBooklet(h.st);
  CHECK_FALSE(h.st.author.message_error);
  CHECK(test::ReadText(h.folder + "/kasus-kalsel.booklet.html").find("<html") != std::string::npos);
  author::ShowExplore(h.st, true);
  REQUIRE(h.st.author.explore);
  CHECK(h.st.author.explore->endings.size() == 2);
  h.Frame();
}

TEST_CASE("the start screen's author button goes through the facilitator's PIN") {
  test::ScreenHarness h("author-pin");
  h.st.scenarios_dir = test::SourcePath("scenarios");
  h.UseLibrary(LoadLibrary({h.st.scenarios_dir}));
  author::OpenBehindPin(h.st);
  CHECK(h.st.screen == Screen::FacilitatorLock);
  CHECK_FALSE(h.st.author.draft);
}

TEST_CASE("a scenario that opens with errors is drawn as a sketch of its routes, marked where they are") {
  AuthorHarness h("sketch");
  std::string text = test::ReadText(h.file);
  const std::string tag = "\"interview.separate\": \"follows\"";
  REQUIRE(text.find(tag) != std::string::npos);
  text.replace(text.find(tag), tag.size(), "\"no.such.step\": \"follows\"");
  test::WriteText(h.file, text);
  author::OpenScenario(h.st, h.file);
  REQUIRE(h.st.author.draft);
  CHECK(h.Draft().good() == nullptr);
  CHECK(h.Draft().check().errors > 0);
  CHECK_FALSE(MarksByNode(h.st.author).empty());
  h.Frame();
  h.Frame();
  CHECK(h.Vertices() > 2000);
}
