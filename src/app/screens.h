// One function per screen. Each draws from the state and pushes actions; none mutates the state.
#pragma once

#include "app_state.h"

namespace sigap::app {

void InitScreens(AppState& state);      // after the window and fonts exist
void ShutdownScreens(AppState& state);
void DrawScreens(const AppState& state, ActionQueue& queue);

void DrawStartScreen(const AppState& state, ActionQueue& queue);

}  // namespace sigap::app
