// One function per screen. Each draws from the state and pushes actions; none mutates the state.
#pragma once

#include "app_state.h"

namespace sigap::app {

void InitScreens(AppState& state);      // after the ImGui context exists
void ShutdownScreens(AppState& state);
// One frame, the same in the window host and in tests: fonts and theme brought up to date for the
// display size and zoom, NewFrame → the screens draw from const state and queue actions →
// Render → this frame's keys and drops cleared → the actions applied. The host calls its platform
// NewFrame before and renders ImGui's draw data after. Returns whether any action ran.
// Before drawing, the live room's news is read (player::RefreshRoom when its thread woke the
// loop, RefreshLiveRoom while a room is open).
bool RunFrame(AppState& state);
void DrawScreens(const AppState& state, ActionQueue& queue);
Face CurrentFace(const AppState& state);

// Participant face (screen_start.cpp, screen_play.cpp, screen_end.cpp, player.cpp)
void InitPlayer(AppState& state);
void DrawStartScreen(const AppState& state, ActionQueue& queue);
void DrawPlayScreen(const AppState& state, ActionQueue& queue);
void DrawEndScreen(const AppState& state, ActionQueue& queue);
// The window's close button: quits, or asks first while a session is in progress (any screen).
void DrawCloseRequest(const AppState& state, ActionQueue& queue);

// Facilitator face (facilitator_*.cpp)
void InitFacilitator(AppState& state);
void DrawFacilitatorLock(const AppState& state, ActionQueue& queue);
void DrawDashboard(const AppState& state, ActionQueue& queue);
void DrawMapScreen(const AppState& state, ActionQueue& queue);
void DrawPresentation(const AppState& state, ActionQueue& queue);
// The live room (facilitator_room.cpp): "open a room" before, then the projector's room view.
void DrawRoomScreen(const AppState& state, ActionQueue& queue);

// Author face (author_*.cpp, actions in author_actions.cpp)
void InitAuthor(AppState& state);  // opens it when --author was given
void DrawAuthorScreen(const AppState& state, ActionQueue& queue);

}  // namespace sigap::app
