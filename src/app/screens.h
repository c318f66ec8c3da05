// One function per screen. Each draws from the state and pushes actions; none mutates the state.
#pragma once

#include "app_state.h"

namespace sigap::app {

void InitScreens(AppState& state);      // after the window and fonts exist
void ShutdownScreens(AppState& state);
void DrawScreens(const AppState& state, ActionQueue& queue);

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

}  // namespace sigap::app
