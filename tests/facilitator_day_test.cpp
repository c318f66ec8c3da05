// The facilitator's day without a terminal (issue 12.6, 12.7, 18.6), through the action layer and
// the screens drawn headless: teams of one name told apart, copies that disagree shown and chosen,
// imports remembered across restarts, "Kosongkan" asked and undone, the lock, the mode applied at
// once, and the workshop settings carried to the team laptops on a USB stick.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <imgui.h>

#include "app_harness.h"
#include "debrief_fixtures.h"
#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "player.h"
#include "screens.h"
#include "widgets.h"
#include "workshop.h"

using namespace sigap;
using namespace sigap::app;
namespace fs = std::filesystem;

namespace {

const ContentLibrary& Lib() {
  static const ContentLibrary lib = test::BundledLibrary();
  return lib;
}

// Anggrek's SOP-perfect run on yuliana-nunukan, as session n.
test::TeamPlan Team(const std::string& name, int n) {
  test::TeamPlan p = test::YulianaTeams()[0];
  p.team = name;
  p.session_id = test::HexId(n);
  return p;
}

// The facilitator face on a config folder of its own: a second DayHarness on the same `config`
// is the app started again.
struct DayHarness : test::ScreenHarness {
  explicit DayHarness(const std::string& name, const std::string& config) : test::ScreenHarness("fac-day-app-" + name) {
    UseLibrary(Lib());
    st.facilitator.workshop_path = config + "/workshop.json";
  }
  void Open(std::vector<std::string> imports = {}) {
    ImGui::SetCurrentContext(ctx);
    st.options.facilitator = true;
    st.options.pin = "2468";
    st.options.import_paths = std::move(imports);
    InitFacilitator(st);
    REQUIRE(st.facilitator.unlocked);
  }
};

// The labels of the items drawn in the last frame (the layout probe records them).
std::vector<std::string> Drawn(DayHarness& h) {
  ui::ProbeEnable(true);
  h.Frame();
  std::vector<std::string> out;
  for (const auto& item : ui::ProbeItems()) out.push_back(item.label);
  ui::ProbeEnable(false);
  return out;
}

// XDG_CONFIG_HOME for one test (a team laptop's own config folder), restored after.
struct ScopedConfigHome {
  std::string old;
  bool had = false;
  explicit ScopedConfigHome(const std::string& dir) {
    if (const char* v = std::getenv("XDG_CONFIG_HOME")) old = v, had = true;
    setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  }
  ~ScopedConfigHome() {
    if (had) setenv("XDG_CONFIG_HOME", old.c_str(), 1);
    else unsetenv("XDG_CONFIG_HOME");
  }
};

std::size_t TeamsShown(const AppState& st) {
  std::size_t n = 0;
  for (const auto& d : st.facilitator.book.Scenarios()) n += d.teams.size();
  return n;
}

}  // namespace

TEST_CASE("two teams of one name are told apart by initials, laptop and start time") {
  test::ScopedDir dir("fac-day-twins");
  test::TeamPlan a = Team("Elang", 201), b = Team("elang", 202), c = Team("Elang", 203);
  a.members = "AB";
  a.laptop = "Laptop 1A2B";
  b.members = "CD";
  b.laptop = "Laptop 1A2B";
  b.started = "2026-03-02T09:20:00Z";  // the same laptop, a later session
  c.laptop = "Laptop 9F9F";  // no initials typed: the laptop tells it apart
  c.started = "2026-03-02T10:15:00Z";
  test::PlayTeam(Lib(), a, dir.path + "/laptop-1");
  test::PlayTeam(Lib(), b, dir.path + "/laptop-1");
  test::PlayTeam(Lib(), c, dir.path + "/laptop-2");
  DayHarness h("twins", dir.path + "/config");
  h.Open({dir.path});
  REQUIRE(h.st.facilitator.book.Scenarios().size() == 1);
  std::set<std::string> labels;
  for (std::size_t t = 0; t < 3; ++t) labels.insert(TeamLabel(h.st, t));
  CHECK(labels == std::set<std::string>{"Elang (AB)", "elang (CD)", "Elang (Laptop 9F9F)"});
  // The teams tab shows who played and where, beside each name.
  const auto& d = h.st.facilitator.book.Scenarios()[0];
  for (const ImportedSession* s : d.teams) {
    const std::string details = TeamDetails(h.st, *s);
    CHECK(details.find(s->log.info.laptop) != std::string::npos);
    if (!s->log.info.members.empty()) CHECK(details.find("Inisial " + s->log.info.members) != std::string::npos);
    CHECK(details.find("mulai 2026-03-02") != std::string::npos);
  }
  h.Frame();
  // Hidden names hide the initials too.
  h.st.facilitator.anonymise = true;
  CHECK(TeamLabel(h.st, 0) == "Tim A");
}

TEST_CASE("same name, same initials, same laptop: the start time tells them apart") {
  test::ScopedDir dir("fac-day-twins-time");
  test::TeamPlan a = Team("Elang", 211), b = Team("Elang", 212);
  a.members = b.members = "AB";
  b.started = "2026-03-02T11:40:00Z";
  test::PlayTeam(Lib(), a, dir.path + "/l");
  test::PlayTeam(Lib(), b, dir.path + "/l");
  DayHarness h("twins-time", dir.path + "/config");
  h.Open({dir.path});
  const std::string l0 = TeamLabel(h.st, 0), l1 = TeamLabel(h.st, 1);
  CHECK(l0 != l1);
  CHECK(l0.rfind("Elang (AB ", 0) == 0);
  CHECK(l1.rfind("Elang (AB ", 0) == 0);
}

TEST_CASE("diverging copies of one session are a conflict on the dashboard until the facilitator chooses") {
  test::ScopedDir dir("fac-day-conflict");
  test::TeamPlan a = Team("Anggrek", 220), b = Team("Anggrek", 220);
  a.laptop = "Laptop AAAA";
  b.laptop = "Laptop BBBB";
  b.choices = {"c", "d", "gender_pref", "b"};
  const std::string path_a = test::PlayTeam(Lib(), a, dir.path + "/laptop-1");
  const std::string path_b = test::PlayTeam(Lib(), b, dir.path + "/laptop-2");
  test::PlayTeam(Lib(), Team("Melati", 221), dir.path + "/laptop-1");
  const std::string config = dir.path + "/config";
  {
    DayHarness h("conflict", config);
    h.Open({dir.path});
    auto& f = h.st.facilitator;
    REQUIRE(f.book.Conflicts().size() == 1);
    CHECK(TeamsShown(h.st) == 1);  // Melati only: Anggrek's answers are held back, not merged
    // The dashboard draws the conflict with one "use this copy" button per copy.
    const auto drawn = Drawn(h);
    CHECK(std::count(drawn.begin(), drawn.end(), "Pakai salinan ini###choose") == 2);
    ChooseSessionCopy(h.st, f.book.Conflicts()[0].session_id, path_b);
    CHECK(f.book.Conflicts().empty());
    CHECK(TeamsShown(h.st) == 2);
    CHECK(f.import_message.find("Anggrek") != std::string::npos);
    const auto after = Drawn(h);
    CHECK(std::count(after.begin(), after.end(), "Pakai salinan ini###choose") == 0);
    // The teams tab says a copy was set aside, and the choice can be made again.
    CHECK(std::count(after.begin(), after.end(), "Pilih ulang###rechoose") == 1);
    ReopenSessionConflict(h.st, test::HexId(220));
    REQUIRE(f.book.Conflicts().size() == 1);
    CHECK(TeamsShown(h.st) == 1);
    ChooseSessionCopy(h.st, test::HexId(220), path_b);
    CHECK(f.book.Conflicts().empty());
  }
  // The choice holds across a restart.
  DayHarness again("conflict-again", config);
  again.Open();
  CHECK(again.st.facilitator.book.Conflicts().empty());
  REQUIRE(TeamsShown(again.st) == 2);
  bool kept_b = false;
  for (const auto* s : again.st.facilitator.book.Scenarios()[0].teams) kept_b |= s->path == path_b;
  CHECK(kept_b);
}

TEST_CASE("imported results are read again after a restart; a vanished source is reported, not fatal") {
  test::ScopedDir dir("fac-day-restore");
  test::PlayTeam(Lib(), Team("Anggrek", 230), dir.path + "/stick-1");
  test::PlayTeam(Lib(), Team("Melati", 231), dir.path + "/stick-2");
  const std::string config = dir.path + "/config";
  {
    DayHarness h("restore", config);
    h.Open({dir.path + "/stick-1"});
    ImportPaths(h.st, {dir.path + "/stick-2"});
    CHECK(TeamsShown(h.st) == 2);
  }
  {
    DayHarness h("restore-2", config);
    h.Open();  // no --import: what was imported before
    CHECK(TeamsShown(h.st) == 2);
    CHECK(h.st.facilitator.missing_sources.empty());
  }
  fs::remove_all(dir.path + "/stick-2");  // the stick is unplugged
  {
    DayHarness h("restore-3", config);
    h.Open();
    CHECK(TeamsShown(h.st) == 1);
    REQUIRE(h.st.facilitator.missing_sources.size() == 1);
    CHECK(h.st.facilitator.import_message.find("stick-2") != std::string::npos);
    h.Frame();
  }
  // Still remembered: plugged in again, it is read at the next start.
  test::PlayTeam(Lib(), Team("Melati", 231), dir.path + "/stick-2");
  DayHarness h("restore-4", config);
  h.Open();
  CHECK(TeamsShown(h.st) == 2);
  CHECK(h.st.facilitator.missing_sources.empty());
}

TEST_CASE("Kosongkan asks first, and the clear can be undone") {
  test::ScopedDir dir("fac-day-clear");
  test::PlayTeam(Lib(), Team("Anggrek", 240), dir.path + "/stick");
  const std::string config = dir.path + "/config";
  DayHarness h("clear", config);
  h.Open({dir.path + "/stick"});
  auto& f = h.st.facilitator;
  f.tab = DashboardTab::Workshop;
  h.Frame();
  AskClearImport(h.st);
  CHECK(f.confirm_clear);
  h.Frame();
  CancelClearImport(h.st);  // "Batal": nothing lost
  CHECK(TeamsShown(h.st) == 1);
  AskClearImport(h.st);
  ClearImport(h.st);
  CHECK(f.book.Empty());
  CHECK(f.undo_book.has_value());
  h.Frame();
  UndoClearImport(h.st);
  CHECK(TeamsShown(h.st) == 1);
  CHECK_FALSE(f.undo_book.has_value());
  CHECK(f.book.Sources() == std::vector<std::string>{dir.path + "/stick"});
  // The memory follows: cleared, then back.
  DayHarness again("clear-again", config);
  again.Open();
  CHECK(TeamsShown(again.st) == 1);
  // A clear that is not undone is remembered as well: the next start shows nothing imported, not
  // even this laptop's own results folder (which the very first start imports).
  ClearImport(again.st);
  DayHarness third("clear-third", config);
  third.st.results_dir = dir.path + "/stick";
  third.Open();
  CHECK(third.st.facilitator.book.Empty());
  DayHarness fresh("clear-fresh", dir.path + "/config-fresh");
  fresh.st.results_dir = dir.path + "/stick";
  fresh.Open();
  CHECK(TeamsShown(fresh.st) == 1);
}

TEST_CASE("locking returns to the lock screen; from there the PIN opens it again or Esc goes to the start screen") {
  test::ScopedDir dir("fac-day-lock");
  DayHarness h("lock", dir.path + "/config");
  h.Open();
  CHECK(h.st.screen == Screen::Dashboard);
  Lock(h.st);
  CHECK(h.st.screen == Screen::FacilitatorLock);
  CHECK_FALSE(h.st.facilitator.unlocked);
  h.Frame();
  for (char c : std::string("2468")) h.Frame({test::Digit(c - '0')});
  h.Frame({test::kEnter});
  CHECK(h.st.facilitator.unlocked);
  CHECK(h.st.screen == Screen::Dashboard);
  Lock(h.st);
  h.Frame({test::kEscape});
  CHECK(h.st.screen == Screen::Start);
  // The start screen's facilitator button leads back to the lock.
  player::OpenFacilitator(h.st);
  CHECK(h.st.screen == Screen::FacilitatorLock);
  CHECK_FALSE(h.st.facilitator.unlocked);
}

TEST_CASE("the mode set by the facilitator applies to this laptop's participant side at once") {
  test::ScopedDir dir("fac-day-mode");
  DayHarness h("mode", dir.path + "/config");
  h.Open();
  CHECK(h.st.player.workshop_mode == Mode::Training);
  SetWorkshopMode(h.st, Mode::Assessment);
  CHECK(h.st.player.workshop_mode == Mode::Assessment);
  SetWorkshopMode(h.st, Mode::Training);
  CHECK(h.st.player.workshop_mode == Mode::Training);
  // --mode on the command line fixed this run's mode: the saved setting waits for the next start.
  h.st.player.mode_from_command_line = true;
  h.st.player.workshop_mode = Mode::Training;
  SetWorkshopMode(h.st, Mode::Assessment);
  CHECK(h.st.player.workshop_mode == Mode::Training);
  std::string warning;
  CHECK(LoadWorkshopSettings(dir.path + "/config/workshop.json", warning).mode == Mode::Assessment);
}

TEST_CASE("workshop settings go to a USB stick as a visible file and a team laptop loads them") {
  test::ScopedDir dir("fac-day-stick");
  DayHarness fac("stick", dir.path + "/config");
  fac.Open();
  SetWorkshopMode(fac.st, Mode::Assessment);
  fac.st.facilitator.tab = DashboardTab::Workshop;
  fac.Frame();
  const std::string stick = dir.path + "/USB STICK";
  fs::create_directories(stick);
  SaveSettingsToStick(fac.st, "  '" + stick + "'  ");
  CHECK_FALSE(fac.st.facilitator.stick_error);
  const std::string file = stick + "/" + kWorkshopFileName;
  REQUIRE(fs::is_regular_file(file));
  CHECK(fs::path(file).filename().string()[0] != '.');  // not hidden
  std::string warning;
  WorkshopSettings saved = LoadWorkshopSettings(file, warning);
  CHECK(warning.empty());
  CHECK(saved.mode == Mode::Assessment);
  CHECK(saved.CheckPin("2468"));
  // A folder that cannot exist is refused with a reason.
  SaveSettingsToStick(fac.st, dir.path + "/no/such/stick");
  CHECK(fac.st.facilitator.stick_error);
  CHECK_FALSE(fac.st.facilitator.stick_message.empty());

  // A team laptop (its own config folder) loads the file from the stick; here the stick is its
  // results folder, the second place the start screen looks.
  ScopedConfigHome env(dir.path + "/team-config");
  DayHarness team("stick-team", dir.path + "/team-config");
  team.st.results_dir = stick;
  InitPlayer(team.st);
  CHECK(team.st.player.workshop_mode == Mode::Training);
  player::LoadWorkshopFromStick(team.st);
  CHECK(team.st.player.settings_ok);
  CHECK(team.st.player.workshop_mode == Mode::Assessment);
}

TEST_CASE("a second team of one name on this laptop is warned before it starts, and its initials reach the log") {
  test::ScopedDir dir("fac-day-same-start");
  ScopedConfigHome env(dir.path + "/config");
  DayHarness h("same-start", dir.path + "/config");
  h.st.results_dir = dir.path + "/results";
  test::PlayTeam(Lib(), Team("Elang", 250), h.st.results_dir);
  InitPlayer(h.st);
  player::SelectScenario(h.st, "yuliana-nunukan");
  player::SetTeam(h.st, " elang");
  player::SetMembers(h.st, "RS, TW");
  CHECK_FALSE(player::StartSession(h.st));  // asked first: the facilitator could not tell them apart
  CHECK(h.st.player.confirm_same_team);
  CHECK(h.st.screen == Screen::Start);
  h.Frame();
  CHECK(player::StartSession(h.st));  // Start again: on purpose
  CHECK(h.st.screen == Screen::Play);
  player::LeaveSession(h.st);
  // The facilitator tells the two apart: the initials typed at the start are in the log.
  DayHarness fac("same-start-fac", dir.path + "/config-fac");
  fac.Open({h.st.results_dir});
  REQUIRE(fac.st.facilitator.book.Scenarios().size() == 1);
  std::set<std::string> labels;
  for (std::size_t t = 0; t < 2; ++t) labels.insert(TeamLabel(fac.st, t));
  CHECK(labels.size() == 2);
  CHECK(labels.count("elang (RS, TW)") == 1);
}
