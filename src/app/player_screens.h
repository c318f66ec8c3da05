// Parts shared by the participant screens (not used elsewhere).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app_state.h"

namespace sigap::app {

// ---- The bottom bar: a hint on the left, big buttons on the right (player_footer.cpp)
struct FooterButton {
  std::string label;   // already translated
  std::string key;     // "Enter", "Esc"… shown in brackets when there is room
  std::string id;      // stable ImGui id
  bool enabled = true;
  bool primary = false;
  std::function<void(AppState&)> action;
};
struct Footer {
  std::string hint;
  std::vector<FooterButton> buttons;
};
float FooterHeight(const Footer& footer);  // measure before drawing the area above it
void DrawFooter(const Footer& footer, ActionQueue& q);

// ---- Play screen parts
void DrawPlayHeader(const AppState& st, ActionQueue& q);          // screen_play.cpp
void DrawFeedback(const AppState& st);                            // player_feedback.cpp
Footer FeedbackFooter(const AppState& st);

// ---- Live room (player_room.cpp)
void DrawRoomJoin(const AppState& st, ActionQueue& q);            // start screen: address, code, Join
// One calm line while in a room: a status square with "Connected" / "Disconnected — answers safe
// on this laptop", and the facilitator's message as a banner under it.
void DrawRoomStatus(const AppState& st);
void DrawRoomHold(const AppState& st, ImVec2 size);               // the lobby, or "paused"

// ---- Dialogs (player_dialogs.cpp)
bool AnyPlayerDialogOpen(const AppState& st);
void DrawPlayerDialogs(const AppState& st, ActionQueue& q);       // save elsewhere, save a copy

}  // namespace sigap::app
