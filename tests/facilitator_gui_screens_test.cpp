// The facilitator screens drawn headless: a bare ImGui context (no window, no GL), the real
// string tables and fonts, and a workshop of generated result files. Keys go in through
// state.keys_pressed as the window host delivers them; the tests check what the screens queued.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include <filesystem>

#include <imgui.h>

#include "app_harness.h"
#include "app_state.h"
#include "engine_test_util.h"
#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "facilitator_gui_fixture.h"
#include "facilitator_map_layout.h"
#include "facilitator_slides.h"
#include "fonts.h"
#include "screens.h"
#include "test_support.h"
#include "theme.h"
#include "workshop.h"

using namespace sigap;
using namespace sigap::app;
namespace fs = std::filesystem;

namespace {

// One workshop folder for the whole test run (playing 17 sessions takes a moment), removed at exit.
struct SharedWorkshop {
  test::GuiWorkshop w = test::BuildGuiWorkshop(test::SharedBundledLibrary(), test::TempDir("fac-gui-results"));
  ~SharedWorkshop() {
    std::error_code ec;
    fs::remove_all(w.root, ec);
  }
};

const test::GuiWorkshop& Workshop() {
  static const SharedWorkshop shared;
  return shared.w;
}

struct Harness : test::ScreenHarness {
  AppState& state = st;

  explicit Harness(const std::string& name, GuiOptions options = {}) : test::ScreenHarness("fac-gui-" + name) {
    state.options = options;
    state.tr.SetLanguage(options.lang == "en" ? Lang::En : Lang::Id);
    UseLibrary(test::SharedBundledLibrary());
    state.facilitator.workshop_path = dir + "/workshop.json";
  }

  void Init() {
    ImGui::SetCurrentContext(ctx);
    InitFacilitator(state);
  }

  // Draws one frame with these keys pressed and applies the queued actions; returns the vertices drawn.
  int Frame(std::vector<KeyPress> keys = {}) {
    test::ScreenHarness::Frame(std::move(keys));
    return ImGui::GetDrawData()->TotalVtxCount;
  }

  void Type(const std::string& digits) {
    for (char c : digits) Frame({test::Digit(c - '0')});
    Frame({test::kEnter});
  }

  // Unlocked with a PIN and the workshop imported.
  void Open() {
    state.options.facilitator = true;
    state.options.pin = "2468";
    state.options.import_paths = {Workshop().root};
    Init();
    REQUIRE(state.facilitator.unlocked);
    REQUIRE(!state.facilitator.book.Scenarios().empty());
  }

  void SelectScenarioById(const std::string& id) {
    for (std::size_t i = 0; i < state.facilitator.book.Scenarios().size(); ++i)
      if (state.facilitator.book.Scenarios()[i].scenario->id == id) SelectScenario(state, i);
    REQUIRE(CurrentDebrief(state)->scenario->id == id);
  }
};

}  // namespace

TEST_CASE("the first launch sets a workshop PIN, typed twice, and saves only its hash") {
  GuiOptions o;
  o.facilitator = true;
  Harness h("set-pin", o);
  h.Init();
  CHECK(h.state.screen == Screen::FacilitatorLock);
  CHECK(h.Frame() > 0);
  h.Type("1357");
  CHECK_FALSE(h.state.facilitator.unlocked);  // waiting for the repeat
  h.Type("1375");                             // a slip: both entries are forgotten
  CHECK_FALSE(h.state.facilitator.unlocked);
  CHECK(h.state.facilitator.lock_message == "fac.lock.mismatch");
  h.Type("1357");
  h.Type("1357");
  CHECK(h.state.facilitator.unlocked);
  CHECK(h.state.screen == Screen::Dashboard);
  std::string warning;
  WorkshopSettings saved = LoadWorkshopSettings(h.dir + "/workshop.json", warning);
  CHECK(saved.CheckPin("1357"));
  CHECK_FALSE(saved.CheckPin("1375"));
  CHECK(test::ReadText(h.dir + "/workshop.json").find("1357") == std::string::npos);
}

TEST_CASE("the right PIN unlocks; a wrong or short PIN does not") {
  Harness h("enter-pin");
  WorkshopSettings s;
  s.SetPin("8642");
  std::string error;
  REQUIRE(SaveWorkshopSettings(h.dir + "/workshop.json", s, error));
  h.state.options.facilitator = true;
  h.Init();
  CHECK(h.state.screen == Screen::FacilitatorLock);

  h.Type("1111");
  CHECK_FALSE(h.state.facilitator.unlocked);
  CHECK(h.state.facilitator.lock_message == "fac.lock.wrong");
  CHECK(h.state.screen == Screen::FacilitatorLock);

  h.Type("86");
  CHECK_FALSE(h.state.facilitator.unlocked);
  CHECK(h.state.facilitator.lock_message == "fac.lock.bad_format");

  // Backspace takes back a digit typed by mistake.
  h.Frame({test::Digit(8)});
  h.Frame({test::Digit(6)});
  h.Frame({test::Digit(5)});
  h.Frame({test::kBackspace});
  h.Frame({test::Digit(4)});
  h.Frame({test::Digit(2)});
  h.Frame({test::kEnter});
  CHECK(h.state.facilitator.unlocked);
  CHECK(h.state.screen == Screen::Dashboard);
}

TEST_CASE("the answers stay behind the lock: no screen opens before the PIN") {
  Harness h("guard");
  WorkshopSettings s;
  s.SetPin("8642");
  std::string error;
  REQUIRE(SaveWorkshopSettings(h.dir + "/workshop.json", s, error));
  h.state.options.screen = "present";  // asking for the slides directly still needs the PIN
  h.state.options.import_paths = {Workshop().root};
  h.state.options.pin = "0000";
  h.Init();
  CHECK(h.state.screen == Screen::FacilitatorLock);
  CHECK(h.state.facilitator.book.Scenarios().empty());  // nothing imported while locked
  h.Frame({test::Letter('D')});
  h.Frame({test::Letter('P')});
  h.Frame({test::Letter('M')});
  CHECK(h.state.screen == Screen::FacilitatorLock);
  ShowScreen(h.state, Screen::Dashboard);
  CHECK(h.state.screen == Screen::FacilitatorLock);
  // Esc goes back to the participants' start screen.
  h.Frame({test::kEscape});
  CHECK(h.state.screen == Screen::Start);
}

TEST_CASE("--pin and --import open the dashboard with the workshop's results") {
  Harness h("open");
  h.Open();
  const auto& f = h.state.facilitator;
  CHECK(h.state.screen == Screen::Dashboard);
  CHECK(f.book.Imported().sessions.size() == Workshop().sessions);
  CHECK(f.book.Imported().duplicates_merged == 1);
  CHECK_FALSE(f.book.Imported().problems.empty());  // the damaged log is listed…
  bool damaged_listed = false;
  for (const auto& p : f.book.Imported().problems) damaged_listed |= p.file.find("rusak") != std::string::npos;
  CHECK(damaged_listed);
  CHECK(f.book.Scenarios().size() == 2);  // …and everything else still imports
  h.SelectScenarioById("liburan-johor-batam");
  CHECK(CurrentDebrief(h.state)->teams.size() == 9);
  // Each dashboard tab draws something, chosen by the number keys.
  for (KeyPress key : {test::Digit(1), test::Digit(2), test::Digit(3), test::Digit(4)}) {
    h.Frame({key});
    CHECK(h.Frame() > 1000);
  }
  CHECK(f.tab == DashboardTab::Workshop);
}

TEST_CASE("the teams table says who passed; a critical violation shows every axis as failed") {
  Harness h("verdict");
  h.Open();
  h.SelectScenarioById("liburan-johor-batam");
  const ScenarioDebrief* d = CurrentDebrief(h.state);
  REQUIRE(d);
  std::size_t passed = 0, capped = 0, not_passed = 0;
  for (const ImportedSession* s : d->teams) {
    if (!s->finished()) continue;
    if (s->score.verdict == SessionVerdict::Passed) ++passed;
    else ++not_passed;
    if (!s->score.never_events.empty()) ++capped;
  }
  REQUIRE(capped > 0);  // the fixture workshop has a team with a critical violation…
  REQUIRE(not_passed > 0);
  ui::ProbeEnable(true);
  h.Frame({test::Digit(1)});
  h.Frame();
  std::size_t drawn_passed = 0, drawn_not_passed = 0, drawn_failed_axes = 0;
  for (const auto& item : ui::ProbeItems()) {
    drawn_passed += item.label == "Lulus";
    drawn_not_passed += item.label == "Tidak lulus";
    drawn_failed_axes += item.label.find("% — gagal") != std::string::npos;
  }
  ui::ProbeEnable(false);
  CHECK(drawn_passed == passed);
  CHECK(drawn_not_passed == not_passed);
  // …whose every axis reads failed (three axes in the catalogue), whatever its percent.
  CHECK(drawn_failed_axes >= 3 * capped);
}

TEST_CASE("the decisions tab says whether the place on screen mattered") {
  Harness h("position");
  h.Open();
  h.SelectScenarioById("liburan-johor-batam");
  const ScenarioDebrief* d = CurrentDebrief(h.state);
  REQUIRE(d);
  REQUIRE(d->position_single.answers > 0);
  ui::ProbeEnable(true);
  h.Frame({test::Digit(3)});
  h.Frame();
  std::string all;
  for (const auto& item : ui::ProbeItems()) all += item.label + "\n";
  ui::ProbeEnable(false);
  CHECK(h.state.facilitator.tab == DashboardTab::Decisions);
  const PositionCount& p = d->position_single;
  CHECK(all.find("Semua pilihan tunggal skenario ini: opsi yang tampil pertama dipilih " + std::to_string(p.first) + " kali") != std::string::npos);
  CHECK(all.find("dari " + std::to_string(p.answers) + " jawaban") != std::string::npos);
}

TEST_CASE("team names hide behind Tim A, Tim B… with the A key, everywhere") {
  Harness h("anonymise");
  h.Open();
  h.SelectScenarioById("liburan-johor-batam");
  const std::string real = TeamLabel(h.state, 0);
  CHECK(real == CurrentDebrief(h.state)->teams[0]->team());
  h.Frame({test::Letter('A')});
  CHECK(h.state.facilitator.anonymise);
  CHECK(TeamLabel(h.state, 0) == "Tim A");
  CHECK(TeamLabel(h.state, 2) == "Tim C");
  h.Frame({test::Letter('A')});
  CHECK_FALSE(h.state.facilitator.anonymise);
  CHECK(TeamLabel(h.state, 0) == real);
}

TEST_CASE("the decisions tab reveals the SOP answer only on demand") {
  Harness h("reveal");
  h.Open();
  h.Frame({test::Digit(3)});
  REQUIRE(h.state.facilitator.tab == DashboardTab::Decisions);
  CHECK_FALSE(h.state.facilitator.reveal_answer);
  h.Frame({test::Letter('R')});
  CHECK(h.state.facilitator.reveal_answer);
  // Moving to the next decision hides it again, so the room sees the spread first.
  h.Frame({test::kDown});
  CHECK(h.state.facilitator.decision == 1);
  CHECK_FALSE(h.state.facilitator.reveal_answer);
  h.Frame({test::kUp});
  CHECK(h.state.facilitator.decision == 0);
}

TEST_CASE("the heat map's cells are picked with the arrow keys") {
  Harness h("heat");
  h.Open();
  h.Frame({test::Digit(2)});
  REQUIRE(h.state.facilitator.tab == DashboardTab::Heat);
  h.Frame({test::kDown});
  CHECK(h.state.facilitator.heat_step == 0);
  CHECK(h.state.facilitator.heat_team == 0);
  h.Frame({test::kDown});
  h.Frame({test::kRight});
  h.Frame({test::kRight});
  CHECK(h.state.facilitator.heat_step == 1);
  CHECK(h.state.facilitator.heat_team == 2);
  CHECK(h.Frame() > 1000);  // with the picked cell's explanation
  h.Frame({test::kEscape});
  CHECK(h.state.facilitator.heat_step == -1);
}

TEST_CASE("presentation: clicker keys move through the slides; Esc leaves full screen") {
  Harness h("present");
  h.Open();
  h.SelectScenarioById("liburan-johor-batam");
  CHECK_FALSE(h.state.fullscreen);
  h.Frame({test::Letter('P')});
  REQUIRE(h.state.screen == Screen::Present);
  CHECK(h.state.fullscreen);
  CHECK(h.state.fullscreen_dirty);
  CHECK(h.state.facilitator.slide == 0);
  h.Frame({test::kPageDown});
  CHECK(h.state.facilitator.slide == 1);
  h.Frame({test::kSpace});
  CHECK(h.state.facilitator.slide == 2);
  h.Frame({test::kRight});
  CHECK(h.state.facilitator.slide == 3);
  h.Frame({test::kLeft});
  h.Frame({test::kPageUp});
  CHECK(h.state.facilitator.slide == 1);
  h.Frame({test::Letter('A')});
  CHECK(h.state.facilitator.anonymise);
  // One language at a time: L switches it for the room.
  const Lang room = h.state.facilitator.present_lang;
  h.Frame({test::Letter('L')});
  CHECK(h.state.facilitator.present_lang != room);
  h.Frame({test::Letter('L')});
  CHECK(h.state.facilitator.present_lang == room);
  // A slide number, then Enter.
  h.Frame({test::Digit(4)});
  CHECK(h.state.facilitator.jump == "4");
  h.Frame({test::kEnter});
  CHECK(h.state.facilitator.slide == 3);
  CHECK(h.state.facilitator.jump.empty());
  // The overview (G) draws the decisions to choose from; Esc closes it, not the presentation.
  h.Frame({test::Letter('G')});
  CHECK(h.state.facilitator.overview);
  CHECK(h.Frame() > 200);
  h.Frame({test::kEscape});
  CHECK_FALSE(h.state.facilitator.overview);
  REQUIRE(h.state.screen == Screen::Present);
  // Every slide of the scenario draws.
  const auto slides = SlidesOf(h.state, h.state.facilitator.scenario);
  for (std::size_t i = 0; i < slides.size(); ++i) {
    h.state.facilitator.slide = i;
    CAPTURE(i);
    CHECK(h.Frame() > 200);
  }
  h.state.fullscreen_dirty = false;
  h.Frame({test::kEscape});
  CHECK(h.state.screen == Screen::Dashboard);
  CHECK_FALSE(h.state.fullscreen);
  CHECK(h.state.fullscreen_dirty);
}

TEST_CASE("presentation: past the last slide it goes on to the next scenario") {
  Harness h("present-next");
  h.Open();
  REQUIRE(h.state.facilitator.book.Scenarios().size() == 2);
  SelectScenario(h.state, 0);
  StartPresentation(h.state);
  const std::size_t count = SlidesOf(h.state, 0).size();
  h.state.facilitator.slide = count - 1;
  h.Frame({test::kPageDown});
  CHECK(h.state.facilitator.scenario == 1);
  CHECK(h.state.facilitator.slide == 0);
  h.Frame({test::kPageUp});
  CHECK(h.state.facilitator.scenario == 0);
  CHECK(h.state.facilitator.slide == count - 1);
}

TEST_CASE("the slide sequence: reactions, two slides per decision shown, critical moments, take-aways") {
  Harness h("slides");
  h.Open();
  h.SelectScenarioById("liburan-johor-batam");
  const ScenarioDebrief& d = *CurrentDebrief(h.state);
  const auto slides = BuildSlides(d);
  std::size_t reached = 0;
  for (const auto& a : d.decisions) reached += a.teams_reached > 0 ? 1 : 0;
  const auto endings = EndingsReached(d);
  CHECK(slides.size() == 1 + 2 * reached + 1 + endings.size() + 1);
  CHECK(slides.front().kind == SlideKind::Reactions);
  CHECK(slides[1].kind == SlideKind::Spread);
  CHECK(slides[2].kind == SlideKind::Answer);
  CHECK(slides[1].index == slides[2].index);
  // A handful by default: the decisions the scenario's guide asks about, not every one reached.
  auto guide = h.state.library.FindGuide("liburan-johor-batam");
  REQUIRE(guide);
  const std::set<std::string> key = DefaultShownDecisions(d, guide.get());
  CHECK_FALSE(key.empty());
  CHECK(key.size() < reached);
  const auto handful = SlidesOf(h.state, h.state.facilitator.scenario);
  CHECK(handful.size() == 1 + 2 * key.size() + 1 + endings.size() + 1);
  for (const auto& sl : handful)
    if (sl.kind == SlideKind::Spread) CHECK(key.count(d.decisions[sl.index].node) == 1);
  // The facilitator adds a decision from the overview: its two slides appear, in story order.
  std::string extra;
  for (const auto& a : d.decisions)
    if (a.teams_reached > 0 && !key.count(a.node)) { extra = a.node; break; }
  REQUIRE_FALSE(extra.empty());
  ToggleShownDecision(h.state, extra);
  CHECK(SlidesOf(h.state, h.state.facilitator.scenario).size() == handful.size() + 2);
  ToggleShownDecision(h.state, extra);
  CHECK(SlidesOf(h.state, h.state.facilitator.scenario).size() == handful.size());
  CHECK(slides.back().kind == SlideKind::Takeaways);
  // Endings: every finished team counted once.
  int finished = 0, counted = 0;
  for (const auto* t : d.teams) finished += t->finished() ? 1 : 0;
  for (const auto& e : endings) counted += e.teams;
  CHECK(counted == finished);
  // Critical moments grouped by what was done: each (decision, option) once, every step and team kept.
  const auto groups = GroupCriticalMoments(d);
  std::size_t pairs = 0;
  for (const auto& g : groups) {
    for (const auto& other : groups) CHECK((&g == &other || g.node != other.node || g.option != other.option));
    pairs += g.steps.size();
  }
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < d.critical_moments.size(); ++i) {
    bool seen = false;
    for (std::size_t j = 0; j < i; ++j) {
      const auto &a = d.critical_moments[i], &b = d.critical_moments[j];
      seen |= a.node == b.node && a.option == b.option && a.step == b.step;
    }
    distinct += seen ? 0 : 1;
  }
  CHECK(pairs == distinct);
  for (std::size_t i = 1; i < groups.size(); ++i) CHECK(groups[i - 1].teams.size() >= groups[i].teams.size());
  // The most-violated steps are ones the heat map shows broken.
  for (const auto& t : MostViolatedSteps(d, 4)) CHECK(t.violated + t.critical > 0);
  // --slide N (1-based) opens that slide.
  Harness h2("slides-option");
  h2.state.options.screen = "present";
  h2.state.options.scenario = "liburan-johor-batam";
  h2.state.options.slide = 3;
  h2.Open();
  CHECK(h2.state.screen == Screen::Present);
  CHECK(h2.state.facilitator.slide == 2);
}

TEST_CASE("the map: Up/Down pick a team, Left/Right replay its path") {
  Harness h("map");
  h.Open();
  h.SelectScenarioById("liburan-johor-batam");
  h.Frame({test::Letter('M')});
  REQUIRE(h.state.screen == Screen::Map);
  CHECK(h.Frame() > 1000);
  h.Frame({test::kDown});
  CHECK(h.state.facilitator.map_team == 0);
  CHECK(h.state.facilitator.map_step == -1);
  h.Frame({test::kRight});
  CHECK(h.state.facilitator.map_step == 0);
  h.Frame({test::kRight});
  h.Frame({test::kRight});
  CHECK(h.state.facilitator.map_step == 2);
  h.Frame({test::kLeft});
  CHECK(h.state.facilitator.map_step == 1);
  CHECK(h.Frame() > 1000);
  const std::size_t len = CurrentDebrief(h.state)->teams[0]->path_nodes.size();
  for (std::size_t i = 0; i < len + 3; ++i) h.Frame({test::kRight});
  CHECK(h.state.facilitator.map_step == static_cast<int>(len) - 1);  // stops at the ending
  h.Frame({test::kUp});
  CHECK(h.state.facilitator.map_team == -1);
  h.Frame({test::kPlus});
  CHECK(h.state.facilitator.map_zoom > 1.0f);
  h.Frame({test::Digit(0)});
  CHECK(h.state.facilitator.map_zoom == 1.0f);
  h.Frame({test::kEscape});
  CHECK(h.state.screen == Screen::Dashboard);
}

TEST_CASE("the map layout runs left to right, with a waypoint in every layer an edge crosses") {
  for (const auto& scenario : test::SharedBundledLibrary().Scenarios()) {
    CAPTURE(scenario->id);
    MapLayout layout = LayoutScenario(*scenario);
    CHECK(layout.boxes.size() == scenario->nodes.size());
    const MapLayout::Box* start = layout.Find(scenario->start);
    REQUIRE(start);
    CHECK(start->layer == 0);
    int last = 0;
    for (const auto& b : layout.boxes) last = std::max(last, b.layer);
    for (const auto& node : scenario->nodes)
      if (node.type == Node::Type::Ending) CHECK(layout.Find(node.id)->layer == last);
    std::size_t edges = 0;
    for (const auto& node : scenario->nodes) edges += node.Successors().size();
    CHECK(layout.edges.size() == edges);
    for (const auto& e : layout.edges) {
      if (e.back) continue;
      const int from = layout.Find(e.from)->layer, to = layout.Find(e.to)->layer;
      CHECK(to > from);
      CHECK(e.waypoints.size() == static_cast<std::size_t>(to - from - 1));
    }
    // The bundled stories are nearly linear: the ordering leaves few crossings.
    CHECK(layout.crossings <= 2);
  }
}

TEST_CASE("files dropped on the window are imported and merged") {
  Harness h("drop");
  h.state.options.facilitator = true;
  h.state.options.pin = "2468";
  h.state.options.import_paths = {Workshop().root + "/laptop-a"};
  h.Init();
  const std::size_t before = h.state.facilitator.book.Imported().sessions.size();
  CHECK(before > 0);
  CHECK(before < Workshop().sessions);
  h.state.dropped_paths = {Workshop().root + "/laptop-b", Workshop().duplicate};
  h.Frame();
  CHECK(h.state.facilitator.book.Imported().sessions.size() == Workshop().sessions);
  CHECK(h.state.facilitator.book.Imported().duplicates_merged == 1);
  CHECK(h.state.facilitator.book.Sources().size() == 3);
  // Nothing in the source folders was written.
  for (const auto& e : fs::recursive_directory_iterator(Workshop().root))
    CHECK(e.path().filename().string().rfind("sigap-debrief", 0) != 0);
}

TEST_CASE("exports write CSV, HTML and xAPI into the chosen folder, or say why they could not") {
  Harness h("export");
  h.Open();
  h.state.facilitator.export_dir = h.dir + "/report";
  Export(h.state, kExportAll);
  CHECK_FALSE(h.state.facilitator.export_error);
  std::size_t csv = 0, html = 0, xapi = 0;
  for (const auto& e : fs::directory_iterator(h.dir + "/report")) {
    const std::string name = e.path().filename().string();
    if (name.ends_with(".csv")) csv = e.file_size();
    if (name.ends_with(".html")) html = e.file_size();
    if (name.ends_with("-xapi.json")) xapi = e.file_size();
  }
  CHECK(csv > 100);
  CHECK(html > 1000);
  CHECK(xapi > 100);
  // A folder that cannot exist (below a file): an error message, no crash.
  test::WriteText(h.dir + "/plain-file", "x");
  h.state.facilitator.export_dir = h.dir + "/plain-file/report";
  Export(h.state, kExportCsv);
  CHECK(h.state.facilitator.export_error);
  CHECK(h.state.facilitator.export_message.find("plain-file") != std::string::npos);
}

TEST_CASE("with team names hidden, every export carries Tim A, Tim B… and no pseudonym") {
  Harness h("export-anon");
  h.Open();
  REQUIRE_FALSE(h.state.facilitator.book.Scenarios().empty());
  std::vector<std::string> teams;
  for (const auto* t : h.state.facilitator.book.Scenarios()[0].teams) teams.push_back(t->team());
  REQUIRE_FALSE(teams.empty());
  h.state.facilitator.anonymise = true;
  h.state.facilitator.export_dir = h.dir + "/report";
  Export(h.state, kExportAll);
  REQUIRE_FALSE(h.state.facilitator.export_error);
  for (const auto& e : fs::directory_iterator(h.dir + "/report")) {
    std::ifstream in(e.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    INFO(e.path().filename().string());
    for (const auto& team : teams) CHECK(text.find(team) == std::string::npos);
    CHECK(text.find("Tim A") != std::string::npos);
  }
}

TEST_CASE("the workshop mode is saved for the team laptops") {
  Harness h("mode");
  h.Open();
  SetWorkshopMode(h.state, Mode::Assessment);
  std::string warning;
  WorkshopSettings saved = LoadWorkshopSettings(h.dir + "/workshop.json", warning);
  CHECK(saved.mode == Mode::Assessment);
  CHECK(saved.CheckPin("2468"));  // the PIN survives
  CHECK_FALSE(h.state.facilitator.settings_error);
}

TEST_CASE("a typed folder that does not exist is reported, and the other results stay") {
  Harness h("bad-path");
  h.Open();
  const std::size_t before = h.state.facilitator.book.Imported().sessions.size();
  ImportPaths(h.state, {"  '" + h.dir + "/no-such-stick'  "});
  CHECK(h.state.facilitator.book.Imported().sessions.size() == before);
  bool listed = false;
  for (const auto& p : h.state.facilitator.book.Imported().problems) listed |= p.file.find("no-such-stick") != std::string::npos;
  CHECK(listed);
}
