// The author face drawn headless (a bare ImGui context, the real string tables and fonts): open a
// copy of the bundled scenarios, edit in forms, save, reload a change made by another editor,
// undo and redo with the keys, and play a branch from its node with the state inspector.
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include <imgui.h>

#include "app_harness.h"
#include "author_actions.h"
#include "author_explore.h"
#include "author_screens.h"
#include "engine_test_util.h"
#include "layout_check.h"
#include "screens.h"
#include "widgets.h"

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
  // The explore worker's result: it wakes the loop, whose next frame takes it.
  bool WaitForExplore() {
    for (int i = 0; i < 1200 && !st.loop_wake->pending; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!st.loop_wake->pending) return false;
    Frame();
    return true;
  }
  const ScenarioDraft& Draft() { return *st.author.draft; }
};

// ImGui's own input, for the text fields a trainer types in (the harness's KeyPress is the app's):
// a click on a recorded item, keys held for a frame, characters typed.
struct Hands {
  AuthorHarness& h;
  explicit Hands(AuthorHarness& harness) : h(harness) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Enter] = 1;
    io.KeyMap[ImGuiKey_End] = 2;
    io.KeyMap[ImGuiKey_A] = 3;
    io.KeyMap[ImGuiKey_Backspace] = 4;
    ui::ProbeEnable(true);
  }
  ~Hands() { ui::ProbeEnable(false); }
  // The centre of the item the layout probe recorded with this label in the last frame.
  std::optional<ImVec2> Find(const std::string& label) {
    for (const auto& item : ui::ProbeItems())
      if (item.label == label) return ImVec2((item.min.x + item.max.x) / 2, (item.min.y + item.max.y) / 2);
    return std::nullopt;
  }
  bool Click(const std::string& label) {
    auto at = Find(label);
    if (!at) return false;
    ClickAt(*at);
    return true;
  }
  void ClickAt(ImVec2 at) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    io.MouseDown[0] = true;
    h.Frame();
    io.MouseDown[0] = false;
    h.Frame();
  }
  void Key(ImGuiKey key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[io.KeyMap[key]] = true;
    h.Frame();
    io.KeysDown[io.KeyMap[key]] = false;
    io.KeyCtrl = false;
    h.Frame();
  }
  void Type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    h.Frame();
  }
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
  REQUIRE(h.WaitForExplore());
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

TEST_CASE("a trainer turns yuliana-nunukan into a Kalimantan Selatan case without a text editor") {
  // Issue 16's "verify as a trainer would", through the face's own actions: place and a name
  // changed, one new decision with SOP tags linked into the story, one ending changed, saved,
  // the new branch played from its node, the booklet printed, and the saved file played as a team.
  AuthorHarness h("trainer", ImVec2(1920, 1080));
  const auto index_of = [&](const std::string& id) {
    const auto& nodes = h.Draft().doc()->at("nodes");
    for (std::size_t i = 0; i < nodes.size(); ++i)
      if (nodes[i]["id"] == id) return "/nodes/" + std::to_string(i);
    return std::string();
  };
  author::SelectNode(h.st, "");
  author::SetValue(h.st, "/place/id", OrderedJson("UPTD PPA Kabupaten Tanah Laut, Kalimantan Selatan"), true);
  author::SetValue(h.st, "/place/en", OrderedJson("UPTD PPA, Tanah Laut Regency, South Kalimantan"), true);
  author::SetValue(h.st, "/characters/0/name", OrderedJson("Rina Lestari"), true);
  h.Frame();

  // A new decision after dp1's first option, and dp1's first option now leads to it.
  author::SelectNode(h.st, "dp1");
  author::AddNode(h.st, "decision");
  const std::string added = h.st.author.selected;
  const std::string at = index_of(added);
  REQUIRE(!at.empty());
  // The new decision's first option already leads where dp1 led; its second will too.
  const OrderedJson first_next = h.Draft().doc()->at(OrderedJson::json_pointer(at + "/decision/choices/0/next"));
  REQUIRE(first_next.is_string());
  author::SetValue(h.st, index_of("dp1") + "/decision/choices/0/next", OrderedJson(added));
  author::SetValue(h.st, at + "/title/id", OrderedJson("Telepon dari majikan"), true);
  author::SetValue(h.st, at + "/title/en", OrderedJson("A call from the employer"), true);
  author::SetValue(h.st, at + "/decision/prompt/id", OrderedJson("Ponselnya berdering di tengah wawancara. Apa yang Anda lakukan?"), true);
  author::SetValue(h.st, at + "/decision/prompt/en", OrderedJson("Her phone rings in the middle of the interview. What do you do?"), true);
  const std::string a = at + "/decision/choices/0";
  author::SetValue(h.st, a + "/text/id", OrderedJson("Beri dia waktu; tanyakan apakah ia merasa aman untuk menjawab"), true);
  author::SetValue(h.st, a + "/text/en", OrderedJson("Give her time; ask whether she feels safe to answer"), true);
  author::SetSopTag(h.st, a, "", "interview.do_no_harm", "follows");
  author::AddOption(h.st, added);
  const std::string b = at + "/decision/choices/1";
  author::SetValue(h.st, b + "/text/id", OrderedJson("Minta dia mengangkatnya dengan pengeras suara"), true);
  author::SetValue(h.st, b + "/text/en", OrderedJson("Ask her to answer it on speaker"), true);
  author::SetValue(h.st, b + "/next", first_next);
  author::SetSopTag(h.st, b, "", "interview.do_no_harm", "violates");
  // One ending changed.
  author::SelectNode(h.st, "e1");
  author::SetValue(h.st, index_of("e1") + "/title/id", OrderedJson("Aman di Tanah Laut"), true);
  h.Frame();
  h.Frame();
  CAPTURE(h.Draft().check().diagnostics.size());
  for (const auto& d : h.Draft().check().diagnostics)
    if (d.severity == Severity::Error) MESSAGE(d.code << " " << d.pointer << " " << d.message);
  REQUIRE(h.Draft().check().errors == 0);
  const Node* n = h.Draft().good()->FindNode(added);
  REQUIRE(n);
  REQUIRE(n->decision->choices.size() == 2);
  CHECK(n->decision->choices[1].sop.front().verdict == Verdict::Violates);
  author::Save(h.st);
  CHECK_FALSE(h.Draft().Dirty());

  // The new branch, played from its node in the preview.
  author::OpenPreview(h.st, added);
  author::StartPreview(h.st);
  REQUIRE(h.st.author.preview.session);
  CHECK(h.st.author.preview.session->CurrentNode().id == added);
  author::PreviewChoose(h.st, n->decision->choices[0].id);
  CHECK(h.st.author.preview.problem.empty());
  CHECK(h.st.author.preview.session->History().size() == 1);
  h.Frame();
  author::ClosePreview(h.st);

  // The booklet for the legal reviewer has the new decision and its verdicts.
  author::WriteBooklet(h.st);
  std::string booklet;
  for (const auto& e : fs::directory_iterator(h.folder))
    if (e.path().string().ends_with(".html")) booklet = test::ReadText(e.path().string());
  CHECK(booklet.find("Telepon dari majikan") != std::string::npos);
  CHECK(booklet.find("Tanah Laut") != std::string::npos);

  // The saved file, loaded as the start screen would, played by a team through the new decision.
  ContentLibrary lib = LoadLibrary({h.folder});
  std::shared_ptr<const Scenario> sc;
  for (const auto& s : lib.Scenarios())
    if (s->id == "yuliana-nunukan") sc = s;
  REQUIRE(sc);
  CHECK(sc->place.id.find("Kalimantan Selatan") != std::string::npos);
  SessionInfo info;
  info.session_id = "t";
  info.team = "Tim Kalsel";
  Session team(sc, lib.FindCatalogue(sc->sop_catalogue), info);
  for (int step = 0; step < 200 && team.state() != SessionState::Ended; ++step) {
    std::variant<DecisionRecord, Problem> record = Problem{};
    if (team.state() == SessionState::AtScene) {
      REQUIRE_FALSE(team.Continue());
      continue;
    }
    if (team.state() == SessionState::AwaitingChoice) {
      const auto& choices = team.CurrentNode().decision->choices;  // the first option as written
      record = team.PrepareChoice(choices.front().id, 1000, 0);
      if (std::holds_alternative<Problem>(record)) record = team.PrepareChoice(team.AvailableChoices().front()->id, 1000, 0);
    } else {
      record = team.PrepareChecklist({}, 1000, 0);
    }
    REQUIRE(std::holds_alternative<DecisionRecord>(record));
    REQUIRE_FALSE(team.Apply(std::get<DecisionRecord>(record)));
  }
  CHECK(team.state() == SessionState::Ended);
  const auto& path = team.Path();
  CHECK(std::find(path.begin(), path.end(), added) != path.end());
}

TEST_CASE("a node renamed in its panel takes every route to it along; a taken id is refused; removal asks first") {
  AuthorHarness h("rename");
  // The node most routes lead to.
  const OrderedJson doc0 = *h.Draft().doc();
  std::string target;
  std::size_t most = 0;
  for (const auto& n : h.Draft().good()->nodes)
    if (const auto refs = NodeReferences(doc0, n.id).size(); refs > most) {
      most = refs;
      target = n.id;
    }
  REQUIRE(most >= 2);
  const std::string original = h.Draft().text();
  author::SelectNode(h.st, target);
  Hands hands(h);
  h.Frame();
  h.Frame();

  // Click the id, go to its end, type a suffix, press Enter: one rename, every route along.
  REQUIRE(hands.Click("##node-id"));
  hands.Key(ImGuiKey_End);
  hands.Type("-kalsel");
  CHECK(h.Draft().text() == original);  // nothing renamed while typing
  hands.Key(ImGuiKey_Enter);
  const std::string renamed = target + "-kalsel";
  CHECK(h.st.author.selected == renamed);
  CHECK(h.Draft().current_is_good());
  CHECK(h.Draft().good()->FindNode(renamed));
  CHECK(NodeReferences(*h.Draft().doc(), target).empty());
  CHECK(NodeReferences(*h.Draft().doc(), renamed).size() == most);
  CHECK_FALSE(h.st.author.message_error);
  CHECK(h.st.author.message.find(renamed) != std::string::npos);
  // A preview opened from the node starts again from it under its new name.
  author::OpenPreview(h.st, renamed);
  author::RenameNode(h.st, renamed, target + "-2");
  CHECK(h.st.author.preview.from == target + "-2");
  author::StartPreview(h.st);
  REQUIRE(h.st.author.preview.session);
  CHECK(h.st.author.preview.session->CurrentNode().id == target + "-2");
  author::ClosePreview(h.st);
  author::Undo(h.st);
  author::SelectNode(h.st, renamed);
  // One undo step.
  h.Frame({Ctrl('Z')});
  CHECK(h.Draft().text() == original);
  h.Frame({Ctrl('Y')});
  CHECK(h.Draft().good()->FindNode(renamed));

  // Onto the id of another node: refused, said in the reader's language, nothing changed.
  const std::string other = h.Draft().good()->nodes.front().id == renamed ? h.Draft().good()->nodes.back().id
                                                                          : h.Draft().good()->nodes.front().id;
  const std::string before = h.Draft().text();
  h.Frame();
  REQUIRE(hands.Click("##node-id"));
  hands.Key(ImGuiKey_A, true);  // select all
  hands.Type(other);
  hands.Key(ImGuiKey_Enter);
  CHECK(h.Draft().text() == before);
  CHECK(h.st.author.selected == renamed);
  CHECK(h.st.author.message_error);
  CHECK(h.st.author.message == h.st.tr.Format("author.rename_taken", {other, renamed}));
  CHECK(h.st.author.message.find("sudah dipakai") != std::string::npos);
  h.st.tr.SetLanguage(Lang::En);
  author::RenameNode(h.st, renamed, other);
  CHECK(h.st.author.message.find("already another node's id") != std::string::npos);
  author::RenameNode(h.st, renamed, "Bukan Id");
  CHECK(h.st.author.message.find("not a valid id") != std::string::npos);
  CHECK(h.Draft().text() == before);
  h.st.tr.SetLanguage(Lang::Id);

  // Remove: first the question, with what leads here; nothing removed until yes.
  h.Frame();
  h.Frame();
  REQUIRE(hands.Click("Hapus###rm"));
  CHECK(h.st.author.confirm_remove == renamed);
  CHECK(h.Draft().text() == before);
  h.Frame();
  std::string shown;
  for (const auto& item : ui::ProbeItems()) shown += item.label + "\n";
  CAPTURE(shown);
  // Each node that leads here is named, with the options that do.
  int named = 0;
  for (const auto& r : NodeReferences(*h.Draft().doc(), renamed)) {
    if (r.node == renamed) continue;
    const std::string head = "•  " + (r.node.empty() ? std::string(h.st.tr("author.led_by_start")) : r.node + ",");
    bool found = false;
    for (const auto& item : ui::ProbeItems())
      found |=
          item.label.rfind(head, 0) == 0 && (r.option.empty() || item.label.find(" " + r.option) != std::string::npos);
    CHECK_MESSAGE(found, r.pointer);
    ++named;
  }
  CHECK(named >= 2);
  REQUIRE(hands.Click("Batal###remove-no"));
  CHECK(h.st.author.confirm_remove.empty());
  CHECK(h.Draft().text() == before);
  REQUIRE(hands.Click("Hapus###rm"));
  h.Frame();
  REQUIRE(hands.Click("Ya, hapus###remove-yes"));
  CHECK(h.Draft().good() != nullptr);
  CHECK(h.Draft().doc()->at("nodes").size() == doc0.at("nodes").size() - 1);
  CHECK(h.st.author.selected.empty());
  // The routes that led there are now errors on their nodes, as the question said.
  CHECK(h.Draft().check().errors >= 1);
  bool flagged = false;
  for (const auto& d : h.Draft().check().diagnostics)
    flagged |= d.code == "SCN011" && d.message.find(renamed) != std::string::npos;
  CHECK(flagged);
  h.Frame({Ctrl('Z')});
  CHECK(h.Draft().text() == before);
}

TEST_CASE("play from here on a timed decision: the countdown as the team sees it, run out into the timeout outcome") {
  AuthorHarness h("clock");
  // paman-tanjungpinang's dp3: 30 seconds, and a timeout outcome that is not one of its options.
  author::OpenScenario(h.st, h.folder + "/paman-tanjungpinang.json");
  REQUIRE(h.Draft().current_is_good());
  const Node* timed = h.Draft().good()->FindNode("dp3");
  REQUIRE(timed);
  REQUIRE(timed->decision->Timeout());
  const TimeoutOutcome& timeout = *timed->decision->Timeout();
  Hands hands(h);
  author::SelectNode(h.st, "dp3");
  author::OpenPreview(h.st, "dp3");
  author::StartPreview(h.st);
  REQUIRE(h.st.author.preview.session);
  h.Frame();
  // The clock as the team's: 0:30, and the next redraw asked for when it reads 0:29, not sooner.
  CHECK(hands.Find("countdown 0:30"));
  CHECK(h.st.wake_at > h.st.now);
  CHECK(h.st.wake_at <= h.st.now + 1.01);
  h.st.now += 1.0;
  h.Frame();
  CHECK(hands.Find("countdown 0:29"));
  CHECK(h.st.author.preview.session->CurrentNode().id == "dp3");

  // "Habiskan waktu": the timeout outcome at once, no option taken, its text and feedback shown.
  REQUIRE(hands.Click("Habiskan waktu###run-out"));
  const Session& s = *h.st.author.preview.session;
  REQUIRE(s.History().size() == 1);
  CHECK(s.History().back().timed_out);
  CHECK(s.History().back().choice.empty());
  CHECK(s.CurrentNode().id == timeout.next.back().to);
  CHECK(h.st.author.preview.problem.empty());
  h.Frame();
  CHECK(hands.Find(h.st.tr("feedback.timeout_outcome")));
  CHECK(hands.Find(timeout.text.Get(Lang::Id)));
  CHECK(hands.Find(h.st.tr.Format("author.preview_feedback", {timeout.feedback.Get(Lang::Id)})));
  CHECK_FALSE(hands.Find("countdown 0:30"));  // not timed where it leads: no clock, no wake
  // The timeout's effects applied: risk went up by 3 from the inspector's value.
  const Variable* risk = h.Draft().good()->FindVariable("risk");
  REQUIRE(risk);
  CHECK(s.Value("risk") == doctest::Approx(std::min(risk->max, risk->initial + 3)));

  // Left alone, the clock runs out by itself (the frame after the time is up).
  author::StartPreview(h.st);
  h.Frame();
  h.st.now += 30.2;
  h.Frame();
  CHECK(h.st.author.preview.session->History().size() == 1);
  CHECK(h.st.author.preview.session->History().back().timed_out);
  CHECK(h.st.author.preview.session->CurrentNode().id == timeout.next.back().to);

  // A timer with a "default" runs out into that option (yuliana-nunukan).
  author::OpenScenario(h.st, h.file);
  std::string with_default;
  for (const auto& n : h.Draft().good()->nodes)
    if (n.decision && n.decision->timer && !n.decision->Timeout() && with_default.empty()) with_default = n.id;
  REQUIRE(!with_default.empty());
  author::OpenPreview(h.st, with_default);
  author::StartPreview(h.st);
  h.Frame();
  REQUIRE(hands.Click("Habiskan waktu###run-out"));
  REQUIRE(h.st.author.preview.session->History().size() == 1);
  const DecisionRecord& r = h.st.author.preview.session->History().back();
  CHECK(r.timed_out);
  CHECK(r.choice == h.Draft().good()->FindNode(with_default)->decision->timer->default_choice);
  h.Frame();
  CHECK(hands.Find(h.st.tr.Format("feedback.timed_out",
                                  {h.Draft().good()->FindNode(with_default)->decision->OptionLetter(r.choice)})));

  // Never a result file.
  std::error_code ec;
  CHECK((!fs::exists(h.st.results_dir, ec) || fs::is_empty(h.st.results_dir, ec)));
}

TEST_CASE("readable at 1280x720 and 1920x1080: one row of controls, map labels whole, nothing overlaps or is cut") {
  struct View {
    const char* name;
    const char* scenario;
    std::string node;  // selected; "" = the scenario's own fields
    bool play = false;
    bool remove = false;
    bool broken = false;  // two errors, whose messages are longer than the diagnostics panel is wide
  };
  const View views[] = {{"scenario fields", "yuliana-nunukan", ""},
                        {"decision", "yuliana-nunukan", "dp2"},
                        {"ending", "yuliana-nunukan", "e1"},
                        {"remove question", "yuliana-nunukan", "dp8", false, true},
                        {"preview with a clock", "paman-tanjungpinang", "dp3", true},
                        {"diagnostics", "yuliana-nunukan", "dp1", false, false, true}};
  for (ImVec2 size : {ImVec2(1280, 720), ImVec2(1920, 1080)}) {
    for (Lang lang : {Lang::Id, Lang::En}) {
      for (const View& view : views) {
        CAPTURE(size.x);
        CAPTURE(static_cast<int>(lang));
        const std::string view_name = view.name;
        CAPTURE(view_name);
        AuthorHarness h("layout", size);
        h.st.tr.SetLanguage(lang);
        const std::string file = h.folder + "/" + view.scenario + ".json";
        if (view.broken) {
          std::string text = test::ReadText(file);
          text.replace(text.find("\"next\": \"dp2\""), 13, "\"next\": \"dp2x\"");
          text.replace(text.find("\"interview.separate\""), 20, "\"interview.sparate\"");
          test::WriteText(file, text);
        }
        author::OpenScenario(h.st, file);
        REQUIRE(h.Draft().check().errors == (view.broken ? 2u : 0u));
        author::SelectNode(h.st, view.node);
        if (view.play) {
          author::OpenPreview(h.st, view.node);
          author::StartPreview(h.st);
        }
        if (view.remove) author::AskRemoveNode(h.st, view.node);
        ui::ProbeEnable(true);
        for (int i = 0; i < 3; ++i) h.Frame();
        std::string shown;
        for (const auto& item : ui::ProbeItems()) shown += item.label + "\n";
        CAPTURE(shown);
        ImGuiWindow* root = ImGui::FindWindowByName("##root");
        REQUIRE(root);
        CHECK(root->ScrollMax.y <= 0.5f);  // the face fits the window; its panels scroll
        test::CheckLayout(false);
        // The controls on one row: the file list and the last button share their top.
        std::optional<float> file_y, close_y;
        for (const auto& item : ui::ProbeItems()) {
          if (item.label == "##author-file") file_y = item.min.y;
          if (item.label.ends_with("###close")) close_y = item.min.y;
        }
        REQUIRE(file_y);
        REQUIRE(close_y);
        CHECK(*close_y == doctest::Approx(*file_y));
        // Every decision's id can be read on the map, whole.
        if (view.broken) {
          // Each message whole, wrapped in the panel, on the row that selects its node.
          for (const auto& d : h.Draft().check().diagnostics) CHECK(shown.find(d.message) != std::string::npos);
          ui::ProbeEnable(false);
          continue;
        }
        int decisions = 0;
        for (const auto& n : h.Draft().good()->nodes) {
          if (!n.decision) continue;
          ++decisions;
          bool whole = false;
          for (const auto& item : ui::ProbeItems())
            if (item.label.rfind("map " + n.id + ": ", 0) == 0) {
              whole = item.label.find(n.id, 5 + n.id.size()) != std::string::npos &&
                      item.label.find("…") == std::string::npos;
              // A box a label of 0.8 em fits in, with room around it.
              CHECK(item.max.x - item.min.x >= 2.2f * ui::Em(h.st.fonts.body));
              CHECK(item.max.y - item.min.y >= 1.05f * ui::Em(h.st.fonts.body));
            }
          CHECK_MESSAGE(whole, n.id);
        }
        CHECK(decisions > 5);
        // The preview's clock is in view.
        if (view.play) {
          bool clock = false;
          for (const auto& item : ui::ProbeItems())
            if (item.label.rfind("countdown ", 0) == 0)
              clock = item.max.y <= item.clip_max.y && item.min.y >= item.clip_min.y;
          CHECK(clock);
        }
        ui::ProbeEnable(false);
      }
    }
  }
}

TEST_CASE("the explore worker: one exploration at a time, a newer version supersedes, the loop woken once per result") {
  // A stand-in for ExploreScenario that waits to be let go, so that the order of events is fixed.
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::string> started;  // the versions the worker began, in order
  int released = 0, running = 0, most_running = 0;
  auto explore = [&](std::shared_ptr<const Scenario> s, std::shared_ptr<const SopCatalogue>) {
    std::unique_lock<std::mutex> lock(m);
    started.push_back(s->id);
    most_running = std::max(most_running, ++running);
    cv.notify_all();
    const std::size_t mine = started.size();
    cv.wait(lock, [&] { return released >= static_cast<int>(mine); });
    --running;
    ExploreReport r;
    r.sop_axis = s->id;  // which version this report is of
    return r;
  };
  std::atomic<int> wakes{0};
  ExploreWorker worker([&] { ++wakes; }, explore);
  // Should a check stop the test midway, the stand-in is let go before the worker is joined.
  struct LetGo {
    std::function<void()> go;
    ~LetGo() { go(); }
  } let_go{[&] {
    std::lock_guard<std::mutex> lock(m);
    released = 1000;
    cv.notify_all();
  }};
  auto version = [](const std::string& id) {
    auto s = std::make_shared<Scenario>();
    s->id = id;
    return std::shared_ptr<const Scenario>(s);
  };
  auto wait_started = [&](std::size_t n) {
    std::unique_lock<std::mutex> lock(m);
    return cv.wait_for(lock, std::chrono::seconds(10), [&] { return started.size() >= n; });
  };
  auto release = [&] {
    std::lock_guard<std::mutex> lock(m);
    ++released;
    cv.notify_all();
  };
  auto wait_wakes = [&](int n) {
    for (int i = 0; i < 1000 && wakes < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return wakes >= n;
  };

  worker.Request(version("v1"), nullptr, "h1");
  REQUIRE(wait_started(1));
  CHECK(worker.Wanted() == "h1");
  CHECK_FALSE(worker.Take());
  // Two newer versions while v1 runs: v2 is superseded before it starts, v1's result is dropped.
  worker.Request(version("v2"), nullptr, "h2");
  worker.Request(version("v3"), nullptr, "h3");
  CHECK(worker.Wanted() == "h3");
  release();  // v1 ends
  REQUIRE(wait_started(2));
  {
    std::lock_guard<std::mutex> lock(m);
    CHECK(started == std::vector<std::string>{"v1", "v3"});
  }
  CHECK(wakes == 0);
  CHECK_FALSE(worker.Take());
  release();  // v3 ends
  REQUIRE(wait_wakes(1));
  auto result = worker.Take();
  REQUIRE(result);
  CHECK(result->hash == "h3");
  CHECK(result->report.sop_axis == "v3");
  CHECK(worker.Wanted().empty());
  CHECK_FALSE(worker.Take());  // once
  CHECK(most_running == 1);
  CHECK(wakes == 1);
}

TEST_CASE(
    "explore runs off the UI thread: the face says so, draws nothing while it waits, and follows a newer version") {
  AuthorHarness h("explore");
  h.Frame();
  const std::string first = h.Draft().good()->content_hash;
  author::ShowExplore(h.st, true);  // returns at once: the worker explores
  CHECK(author::Exploring(h.st));
  CHECK_FALSE(h.st.author.explore);
  Hands hands(h);
  // While it waits: the frame queues no action and asks for no redraw (the loop sleeps until the
  // worker wakes it), and the tab says that it is exploring.
  const bool acted = h.Frame();
  if (author::Exploring(h.st)) {
    CHECK_FALSE(acted);
    CHECK(h.st.wake_at == 0);
  }
  auto wait_for_wake = [&] {
    for (int i = 0; i < 1200 && !h.st.loop_wake->pending; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return h.st.loop_wake->pending.load();
  };
  REQUIRE(wait_for_wake());
  h.Frame();  // the woken frame takes the result
  REQUIRE(h.st.author.explore);
  CHECK(h.st.author.explored_hash == first);
  CHECK_FALSE(author::Exploring(h.st));

  // An edit makes a newer version: explored anew; the previous findings stay, marked, meanwhile.
  author::SetValue(h.st, "/place/id", OrderedJson("UPTD PPA Kabupaten Tanah Laut, Kalimantan Selatan"));
  const std::string second = h.Draft().good()->content_hash;
  REQUIRE(second != first);
  h.Frame();
  CHECK(author::Exploring(h.st));
  CHECK(h.st.author.explored_hash == first);
  REQUIRE(wait_for_wake());
  h.Frame();
  CHECK(h.st.author.explored_hash == second);
  CHECK_FALSE(author::Exploring(h.st));
  // Another file opened while exploring: a result for the old one is never shown on the new one.
  author::SetValue(h.st, "/place/id", OrderedJson("UPTD PPA Kabupaten Banjar"));
  h.Frame();
  author::OpenScenario(h.st, h.folder + "/paman-tanjungpinang.json");
  REQUIRE(wait_for_wake());
  h.Frame();
  for (int i = 0; i < 3 && h.st.author.explored_hash != h.Draft().good()->content_hash; ++i) {
    REQUIRE(wait_for_wake());
    h.Frame();
  }
  CHECK(h.st.author.explored_hash == h.Draft().good()->content_hash);
  REQUIRE(h.st.author.explore);
  CHECK(h.st.author.explore->space->scenario_ptr() == h.Draft().good());
}
