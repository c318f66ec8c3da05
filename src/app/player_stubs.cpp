// Placeholder until the participant screens land (replaced by screen_play.cpp etc.).
#include "screens.h"

namespace sigap::app {
void InitPlayer(AppState&) {}
void DrawPlayScreen(const AppState&, ActionQueue&) {}
void DrawEndScreen(const AppState&, ActionQueue&) {}
}  // namespace sigap::app
