// The live room on the projector: before it opens, its name and mode and "Buka ruang langsung";
// once open, the join code and the addresses large enough to read from the back of the hall, the
// facilitator's commands (start all, pause / resume all, a one-line message, close), and one row
// per team: connected or not, the decision it is on, how long it has been on it, finished.
// Drawn from FacilitatorState::room_state (RefreshLiveRoom); no frame is drawn while nothing
// arrives except when a shown minute or a team's connection would change (ActionQueue::WakeAt).
#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "theme.h"

namespace sigap::app {

namespace {

void DrawOpenForm(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  const Palette& pal = CurrentPalette();
  ui::BeginReadingColumn(40.0f);
  ui::Heading(state, state.tr("room.open.title"));
  ui::Text(state.tr("room.open.intro"));
  ImGui::Dummy(ImVec2(0, ui::Em() * 0.5f));
  ImGui::TextUnformatted(state.tr("room.open.name"));
  std::string name = f.room_name;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  ImGui::InputTextWithHint("##room-name", "SIGAP", &name);
  ui::Track("room-name");
  if (name != f.room_name) queue.Push([name](AppState& s) { SetRoomName(s, name); });
  ImGui::Dummy(ImVec2(0, ui::Em() * 0.3f));
  ImGui::TextUnformatted(state.tr("room.open.start"));
  if (ImGui::RadioButton(state.tr("room.start.together"), f.room_start == RoomStart::Together))
    queue.Push([](AppState& s) { SetRoomStart(s, RoomStart::Together); });
  ui::Track("room-start-together");
  if (ImGui::RadioButton(state.tr("room.start.free"), f.room_start == RoomStart::Free))
    queue.Push([](AppState& s) { SetRoomStart(s, RoomStart::Free); });
  ui::Track("room-start-free");
  ImGui::Dummy(ImVec2(0, ui::Em() * 0.5f));
  if (ui::Button((std::string(state.tr("room.open.button")) + "###room-open").c_str(), true, true))
    queue.Push([](AppState& s) { OpenRoom(s); });
  ImGui::SameLine();
  if (ui::Button((std::string(state.tr("room.back")) + "###room-back").c_str()))
    queue.Push([](AppState& s) { ShowScreen(s, Screen::Dashboard); });
  ui::TextColored(state.tr.Format("room.open.folder", {LiveRoomDir(state)}), pal.text_muted);
  if (!f.room_error.empty()) ui::TextColored(f.room_error, pal.warning);
  ui::EndReadingColumn();
}

const char* PhaseKey(RoomPhase p) {
  switch (p) {
    case RoomPhase::Lobby: return "room.phase.lobby";
    case RoomPhase::Running: return "room.phase.running";
    case RoomPhase::Paused: return "room.phase.paused";
    case RoomPhase::Closed: return "room.phase.closed";
  }
  return "room.phase.running";
}

// The code and the addresses: the huge font, what a team at the back of the hall must read.
void DrawJoinPanel(const AppState& state) {
  const auto& f = state.facilitator;
  const Palette& pal = CurrentPalette();
  const RoomConduct& c = f.room_state.conduct;
  ImGui::PushFont(state.fonts.bold);
  ImGui::TextUnformatted(c.name.c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, ui::Em());
  ui::Pill(state.tr(PhaseKey(c.phase)), c.phase == RoomPhase::Paused ? pal.warning : pal.panel);
  ImGui::SameLine(0, ui::Em() * 0.5f);
  ui::Pill(state.tr(c.start == RoomStart::Together ? "room.start.together_short" : "room.start.free_short"), pal.panel);
  ImGui::BeginGroup();
  ui::TextColored(state.tr("room.code"), pal.text_muted);
  ui::TextIn(state.fonts.huge, f.room->code(), pal.text);
  ImGui::EndGroup();
  ImGui::SameLine(0, ui::Em(state.fonts.huge));
  ImGui::BeginGroup();
  ui::TextColored(state.tr("room.address"), pal.text_muted);
  for (const auto& a : f.room->addresses())
    ui::TextIn(state.fonts.huge, a + ":" + std::to_string(f.room->port()), pal.text);
  ImGui::EndGroup();
}

void DrawCommands(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  const RoomPhase phase = f.room_state.conduct.phase;
  if (ui::Button((std::string(state.tr("room.cmd.start")) + "###room-start").c_str(), phase == RoomPhase::Lobby,
                 phase == RoomPhase::Lobby))
    queue.Push([](AppState& s) { RoomStartAll(s); });
  ImGui::SameLine();
  if (phase == RoomPhase::Paused) {
    if (ui::Button((std::string(state.tr("room.cmd.resume")) + "###room-pause").c_str(), true, true))
      queue.Push([](AppState& s) { RoomResumeAll(s); });
  } else if (ui::Button((std::string(state.tr("room.cmd.pause")) + "###room-pause").c_str(),
                        phase == RoomPhase::Running)) {
    queue.Push([](AppState& s) { RoomPauseAll(s); });
  }
  ImGui::SameLine();
  if (ui::Button((std::string(state.tr("room.cmd.close")) + "###room-close").c_str()))
    queue.Push([](AppState& s) { CloseRoom(s); });
  ImGui::SameLine();
  if (ui::Button((std::string(state.tr("room.back")) + "###room-back").c_str()))
    queue.Push([](AppState& s) { ShowScreen(s, Screen::Dashboard); });

  const float send_w = ui::ButtonWidth(state.tr("room.cmd.message"));
  ImGui::SetNextItemWidth(std::max(ui::Em() * 8.0f, ImGui::GetContentRegionAvail().x - send_w -
                                                        ImGui::GetStyle().ItemSpacing.x));
  std::string message = f.room_message;
  bool send = ImGui::InputTextWithHint("##room-message", state.tr("room.message.hint"), &message,
                                       ImGuiInputTextFlags_EnterReturnsTrue);
  ui::Track("room-message");
  if (message != f.room_message) queue.Push([message](AppState& s) { SetRoomMessage(s, message); });
  ImGui::SameLine();
  send |= ui::Button((std::string(state.tr("room.cmd.message")) + "###room-send").c_str());
  if (send) queue.Push([message](AppState& s) {
    SetRoomMessage(s, message);
    SendRoomMessage(s);
  });
  if (!f.room_state.conduct.message.empty())
    ui::TextColored(state.tr.Format("room.message.shown", {f.room_state.conduct.message}), CurrentPalette().text_muted);
}

// One row per team. The time on a decision is shown in whole minutes, so the view needs a frame
// only when a minute turns (or a team's silence makes it "disconnected").
void DrawTeams(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  const Palette& pal = CurrentPalette();
  const RoomState& rs = f.room_state;
  std::size_t finished = 0, connected = 0;
  for (const auto& t : rs.teams) finished += t.finished, connected += t.connected;
  ui::Text(state.tr.Format("room.teams.summary", {std::to_string(rs.teams.size()), std::to_string(connected),
                                                   std::to_string(finished)}));
  if (rs.teams.empty()) {
    ui::TextColored(state.tr("room.teams.none"), pal.text_muted);
    return;
  }
  const double since = std::max(0.0, state.now - f.room_state_at);
  double next_wake = 0;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("room-teams", 4, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(state.tr("room.col.team"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(state.tr("room.col.connection"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(state.tr("room.col.decision"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(state.tr("room.col.time"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < rs.teams.size(); ++i) {
    const RoomTeam& t = rs.teams[i];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(f.anonymise ? AnonymousTeamName(i, state.tr.Language()).c_str() : t.team.c_str());
    ImGui::TableNextColumn();
    const StepStatus s = t.connected ? StepStatus::Followed : StepStatus::NotReached;
    ui::StatusChip(s, state.tr(t.connected ? "room.connected" : "room.disconnected"));
    ImGui::TableNextColumn();
    if (t.finished) {
      ui::StatusChip(StepStatus::Followed, state.tr("room.finished"));
    } else {
      auto scenario = state.library.FindScenario(t.scenario);
      const int number = scenario && !t.current_node.empty() ? scenario->DecisionNumber(t.current_node) : 0;
      ImGui::TextUnformatted(number > 0 ? state.tr.Format("room.decision", {std::to_string(number)}).c_str()
                                        : state.tr("room.decision.first"));
    }
    ImGui::TableNextColumn();
    if (!t.finished && t.on_current_ms >= 0) {
      const double ms = static_cast<double>(t.on_current_ms) + since * 1000.0;
      const double minutes = std::floor(ms / 60000.0);
      ImGui::TextUnformatted(state.tr.Format("room.minutes", {std::to_string(static_cast<long long>(minutes))}).c_str());
      const double turn = state.now + ((minutes + 1) * 60000.0 - ms) / 1000.0;
      if (next_wake <= 0 || turn < next_wake) next_wake = turn;
    } else {
      ImGui::TextDisabled("–");
    }
  }
  ImGui::EndTable();
  // "Connected" means heard from within kRoomConnectedMs; a laptop polls every second, so a
  // team that goes silent shows as disconnected at the latest this long after.
  const double check = state.now + static_cast<double>(kRoomConnectedMs) / 1000.0;
  if (connected > 0 && (next_wake <= 0 || check < next_wake)) next_wake = check;
  if (next_wake > 0) queue.WakeAt(next_wake);
}

}  // namespace

void DrawRoomScreen(const AppState& state, ActionQueue& queue) {
  HandleFacilitatorCommon(state, queue);
  BeginFacilitatorScreen("room");
  if (!state.facilitator.room) {
    DrawOpenForm(state, queue);
  } else {
    DrawJoinPanel(state);
    ImGui::Separator();
    DrawCommands(state, queue);
    ImGui::Separator();
    DrawTeams(state, queue);
  }
  if (!ImGui::GetIO().WantTextInput && ui::Pressed(state, Key::Escape))
    queue.Push([](AppState& s) { ShowScreen(s, Screen::Dashboard); });
  EndFacilitatorScreen();
}

}  // namespace sigap::app
