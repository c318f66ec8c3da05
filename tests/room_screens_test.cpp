// The live room in the GUI, headless: two app states in one test, a facilitator's and a team's,
// each in its own bare ImGui context, talking over 127.0.0.1 as two laptops would. The
// facilitator opens the room, the team joins from the start screen and waits in the lobby, the
// facilitator starts all, pauses (the team's clocks stop and the pause is logged), sends a
// message and resumes; the dashboard fills in as records arrive; closing the room shows the team
// "disconnected" while its answers stay on its own laptop.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include <imgui.h>

#include "app_harness.h"
#include "engine_test_util.h"
#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "facilitator_gui_fixture.h"
#include "player.h"
#include "screens.h"
#include "session_log.h"
#include "widgets.h"

using namespace sigap;
using namespace sigap::app;
namespace fs = std::filesystem;

namespace {

struct Laptop : test::ScreenHarness {
  explicit Laptop(const std::string& name) : test::ScreenHarness("room-gui-" + name) {
    UseLibrary(test::SharedBundledLibrary());
    st.facilitator.workshop_path = dir + "/workshop.json";
  }
  // Frames until `done` holds (the network answers within milliseconds; at most 10 s).
  bool FrameUntil(const std::function<bool()>& done) {
    for (int i = 0; i < 500; ++i) {
      Frame();
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  // Everything drawn this frame as one string (to find a text on screen).
  std::string Drawn() {
    std::string all;
    for (const auto& item : ui::ProbeItems()) all += item.label + "\n";
    return all;
  }
};

void OpenFacilitator(Laptop& fac) {
  fac.st.options.facilitator = true;
  fac.st.options.pin = "2468";
  fac.st.options.room_port = 0;  // any free port: tests run side by side
  ImGui::SetCurrentContext(fac.ctx);
  InitFacilitator(fac.st);
  REQUIRE(fac.st.facilitator.unlocked);
}

TEST_CASE("live room GUI: open, join, lobby, start all, pause and resume, message, records on the dashboard, close") {
  ui::ProbeEnable(true);
  Laptop fac("facilitator");
  OpenFacilitator(fac);
  ShowScreen(fac.st, Screen::Room);
  fac.Frame();
  CHECK(fac.st.screen == Screen::Room);
  CHECK_FALSE(fac.st.facilitator.room);
  SetRoomName(fac.st, "Bimtek Batam");
  SetRoomStart(fac.st, RoomStart::Together);
  OpenRoom(fac.st);
  REQUIRE_MESSAGE(fac.st.facilitator.room, fac.st.facilitator.room_error);
  fac.Frame();
  const std::string code = fac.st.facilitator.room->code();
  const int port = fac.st.facilitator.room->port();
  CHECK(fac.Drawn().find("room-message") != std::string::npos);  // the command row is there
  CHECK(fac.st.facilitator.room_state.conduct.phase == RoomPhase::Lobby);

  // The team joins from the start screen: a wrong code first, then the right one.
  Laptop team("team");
  ImGui::SetCurrentContext(team.ctx);
  InitPlayer(team.st);
  player::SetRoomAddress(team.st, "127.0.0.1:" + std::to_string(port));
  player::SetRoomCode(team.st, "WRONG22");
  player::JoinRoom(team.st);
  CHECK(team.FrameUntil([&] { return team.st.player.room_refusal == "ROOM001"; }));
  player::SetRoomCode(team.st, code.substr(0, 4) + " " + code.substr(4));  // typed with a space, lower case
  player::JoinRoom(team.st);
  REQUIRE(team.FrameUntil([&] { return team.st.player.room_conduct.has_value(); }));
  CHECK(team.st.player.room_conduct->name == "Bimtek Batam");
  CHECK(team.st.player.room_connected);

  // Start: the session begins, but waits in the lobby with its clocks stopped.
  player::SelectScenario(team.st, "liburan-johor-batam");
  player::SetTeam(team.st, "Tim Biru");
  team.st.now = 0;  // the window's clock starts at 0: a lobby entered at once still holds the clocks
  REQUIRE(player::StartSession(team.st));
  team.Frame();
  CHECK(team.st.player.in_lobby);
  CHECK(player::ClocksStopped(team.st));
  team.st.now += 120;  // two minutes in the lobby do not count
  team.Frame();
  CHECK(player::SessionMs(team.st) == 0);
  REQUIRE(fac.FrameUntil([&] { return fac.st.facilitator.room_state.teams.size() == 1; }));
  CHECK(fac.st.facilitator.room_state.teams[0].team == "Tim Biru");
  CHECK(fac.st.facilitator.room_state.teams[0].connected);

  RoomStartAll(fac.st);
  REQUIRE(team.FrameUntil([&] { return !team.st.player.in_lobby; }));
  CHECK_FALSE(player::ClocksStopped(team.st));
  while (team.st.player.session->session().state() == SessionState::AtScene) REQUIRE(player::ContinueScene(team.st));
  team.st.now += 5;

  // Pause: the countdown and the session clock stand still, and the log says so.
  RoomPauseAll(fac.st);
  REQUIRE(team.FrameUntil([&] { return player::ClocksStopped(team.st); }));
  const std::int64_t decision_ms = player::DecisionMs(team.st);
  const auto left = player::SecondsLeft(team.st);
  team.st.now += 300;  // a five-minute pause
  team.Frame();
  CHECK(player::DecisionMs(team.st) == decision_ms);
  if (left) CHECK(*player::SecondsLeft(team.st) == doctest::Approx(*left));
  SetRoomMessage(fac.st, "Istirahat lima menit");
  SendRoomMessage(fac.st);
  REQUIRE(team.FrameUntil([&] {
    return team.st.player.room_conduct && team.st.player.room_conduct->message == "Istirahat lima menit";
  }));
  RoomResumeAll(fac.st);
  REQUIRE(team.FrameUntil([&] { return !player::ClocksStopped(team.st); }));
  CHECK(player::DecisionMs(team.st) == decision_ms);  // the five minutes are not the team's
  team.st.now += 2;
  CHECK(player::DecisionMs(team.st) == decision_ms + 2000);

  // A decision: on disk first, then in the room, then on the facilitator's dashboard.
  const Session& s = team.st.player.session->session();
  if (s.state() == SessionState::AwaitingChoice) {
    player::SelectChoice(team.st, s.AvailableChoices().front()->id);
    player::ConfirmChoice(team.st);
  } else {
    player::SubmitChecklist(team.st);
  }
  const std::string log_path = team.st.player.session->log_path();
  SessionLogData d = ReadSessionLogFile(log_path);
  REQUIRE(d.usable());
  REQUIRE(d.pauses.size() == 2);
  CHECK(d.pauses[1].paused_ms == 300000);
  REQUIRE(d.decisions.size() == 1);
  CHECK(d.decisions[0].elapsed_ms == decision_ms + 2000);
  const std::string local = test::ReadText(log_path);
  const auto lines = static_cast<std::int64_t>(std::count(local.begin(), local.end(), '\n'));
  REQUIRE(fac.FrameUntil([&] {
    return !fac.st.facilitator.room_state.teams.empty() && fac.st.facilitator.room_state.teams[0].records == lines;
  }));
  fac.Frame();
  // The dashboard reads the room's folder as records arrive: the team is in the debrief.
  bool in_book = false;
  for (const auto& imported : fac.st.facilitator.book.Imported().sessions)
    in_book |= imported.team() == "Tim Biru" && imported.log.decisions.size() == 1;
  CHECK(in_book);
  std::string room_copy;
  for (const auto& e : fs::directory_iterator(LiveRoomDir(fac.st)))
    if (e.path().string().ends_with(".sigap.jsonl")) room_copy = test::ReadText(e.path().string());
  CHECK(room_copy == local);  // byte for byte, pause records included

  // Close: the team sees "disconnected"; its log is whole on its own laptop.
  CloseRoom(fac.st);
  CHECK_FALSE(fac.st.facilitator.room);
  team.st.player.room->Notify();
  CHECK(team.FrameUntil([&] { return !team.st.player.room_connected; }));
  CHECK(test::ReadText(log_path) == local);
  ui::ProbeEnable(false);
}

TEST_CASE("live room GUI: the room view and the lobby fit at 1280x720 and 1920x1080") {
  ui::ProbeEnable(true);
  for (ImVec2 size : {ImVec2(1280, 720), ImVec2(1920, 1080)}) {
    Laptop fac("layout-fac");
    fac.Resize(size);
    OpenFacilitator(fac);
    OpenRoom(fac.st);
    REQUIRE(fac.st.facilitator.room);
    for (int i = 0; i < 3; ++i) fac.Frame();
    for (const auto& p : ui::ProbeProblems()) FAIL_CHECK(size.x << ": " << p.what << " " << p.a << " / " << p.b);
    // The code is drawn in the huge font: readable from the back of the hall.
    CHECK(fac.st.fonts.huge->FontSize >= 2.0f * fac.st.fonts.body->FontSize * 0.9f);
    // Locked, and a participant leaves the lock screen: the room stays open (no PIN, no closing).
    Lock(fac.st);
    LeaveLock(fac.st);
    CHECK(fac.st.facilitator.room);
    CloseRoom(fac.st);
  }
  ui::ProbeEnable(false);
}

}  // namespace
