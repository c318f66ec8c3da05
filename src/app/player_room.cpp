// The live room on a team's laptop: joining from the start screen (address and code from the
// projector), the calm connection line while playing, the facilitator's message, and the lobby
// and pause panels that stand in for the story while the room holds the clocks.
#include <algorithm>
#include <cfloat>
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "player.h"
#include "player_screens.h"
#include "theme.h"
#include "widgets.h"

namespace sigap::app {

namespace {

std::string ModeText(const AppState& st, const RoomConduct& c) {
  return st.tr(c.start == RoomStart::Together ? "room.mode.together" : "room.mode.free");
}

}  // namespace

void DrawRoomJoin(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const PlayerState& p = st.player;
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::Spacing();
  ImGui::Separator();
  ui::TextIn(st.fonts.bold, st.tr("room.join.title"), pal.text);
  if (p.room) {
    DrawRoomStatus(st);
    if (p.room_conduct)
      ui::Text(st.tr.Format("room.joined", {p.room_conduct->name, ModeText(st, *p.room_conduct)}));
    if (!p.room_refusal.empty()) ui::TextColored(st.tr(("room.refused." + p.room_refusal).c_str()), pal.warning);
    if (ui::Button((std::string(st.tr("room.join.leave")) + "###room-leave").c_str()))
      q.Push([](AppState& s) { player::LeaveRoom(s); });
    return;
  }
  ui::TextColored(st.tr("room.join.intro"), pal.text_muted);
  // Rooms that answer on this network (discovery), asked for with a button (a search takes a
  // second, in the background); one click on a room fills the address.
  if (p.room_search && !p.room_search->done()) {
    ui::TextColored(st.tr("room.join.searching"), pal.text_muted);
  } else {
    if (ui::Button((std::string(st.tr("room.join.search")) + "###room-search").c_str()))
      q.Push([](AppState& s) { player::SearchRooms(s); });
    if (p.room_search) {
      const auto found = p.room_search->rooms();
      if (found.empty()) ui::TextColored(st.tr("room.join.none_found"), pal.text_muted);
      else ui::Text(st.tr("room.join.found"));
      for (const auto& r : found) {
        const std::string address = r.address;
        if (ui::Button((r.name + "  " + r.address + "###found-" + r.address).c_str()))
          q.Push([address](AppState& s) { player::UseFoundRoom(s, address); });
      }
    }
  }
  ImGui::TextUnformatted(st.tr("room.join.address"));
  std::string address = p.room_address;
  ImGui::SetNextItemWidth(width);
  if (ImGui::InputTextWithHint("##room-address", "192.168.1.5:8765", &address))
    q.Push([address](AppState& s) { player::SetRoomAddress(s, address); });
  ui::Track("##room-address");
  ImGui::TextUnformatted(st.tr("room.join.code"));
  std::string code = p.room_code;
  const float join_w = ui::ButtonWidth(st.tr("room.join.button"));
  ImGui::SetNextItemWidth(std::max(ui::Em() * 5.0f, width - join_w - ImGui::GetStyle().ItemSpacing.x));
  bool join = ImGui::InputText("##room-code", &code, ImGuiInputTextFlags_EnterReturnsTrue);
  ui::Track("##room-code");
  if (code != p.room_code) q.Push([code](AppState& s) { player::SetRoomCode(s, code); });
  ImGui::SameLine();
  join |= ui::Button((std::string(st.tr("room.join.button")) + "###room-join").c_str());
  if (join) q.Push([code](AppState& s) {
    player::SetRoomCode(s, code);
    player::JoinRoom(s);
  });
  if (!p.room_error.empty()) ui::TextColored(p.room_error, pal.warning);
}

void DrawRoomStatus(const AppState& st) {
  const PlayerState& p = st.player;
  if (!p.room) return;
  const Palette& pal = CurrentPalette();
  // Calm: a small square and a few words; never a blinking alarm, since nothing is lost.
  const bool heard = p.room_conduct.has_value();
  const char* key = p.room_connected ? "room.state.connected" : heard ? "room.state.disconnected" : "room.state.connecting";
  const StepStatus s = p.room_connected ? StepStatus::Followed : StepStatus::NotReached;
  ImGui::PushFont(st.fonts.body);
  ui::StatusSquare(s, ui::U32(ui::StatusColor(s)), ImGui::GetTextLineHeight() * 0.8f);
  ImGui::SameLine();
  ui::TextColored(st.tr(key), p.room_connected ? pal.text : pal.text_muted);
  ImGui::PopFont();
  if (p.room_conduct && !p.room_conduct->message.empty()) {
    // The facilitator's message: a banner in the accent colour, wrapped.
    const float width = ImGui::GetContentRegionAvail().x;
    const std::string text = st.tr.Format("room.message", {p.room_conduct->message});
    ImFont* font = st.fonts.bold;
    const float pad = ui::Em(font) * 0.4f;
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, width - 2 * pad, text.c_str());
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + width, at.y + size.y + 2 * pad), ui::U32(pal.accent),
                                              ui::Em(font) * 0.2f);
    ImGui::SetCursorScreenPos(ImVec2(at.x + pad, at.y + pad));
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.accent_text);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
    ImGui::TextUnformatted(text.c_str());
    ui::Track("room-message", size.x, width - 2 * pad);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + size.y + 2 * pad + ImGui::GetStyle().ItemSpacing.y));
  }
}

void DrawRoomHold(const AppState& st, ImVec2 size) {
  const PlayerState& p = st.player;
  const Palette& pal = CurrentPalette();
  ImGui::BeginChild("##room-hold", size, false, ImGuiWindowFlags_NoBackground);
  ImGui::Dummy(ImVec2(0, size.y * 0.15f));
  ui::BeginReadingColumn(32.0f);
  const bool lobby = p.in_lobby;
  ui::TextIn(st.fonts.large, st.tr(lobby ? "room.lobby.title" : "room.paused.title"), lobby ? pal.text : pal.warning);
  ImGui::Spacing();
  ui::Text(st.tr(lobby ? "room.lobby.body" : "room.paused.body"));
  if (p.room_conduct) {
    ImGui::Spacing();
    ui::TextColored(st.tr.Format("room.joined", {p.room_conduct->name, ModeText(st, *p.room_conduct)}), pal.text_muted);
  }
  ui::EndReadingColumn();
  ImGui::EndChild();
}

}  // namespace sigap::app
