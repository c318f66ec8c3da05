// Placeholder until the facilitator screens land.
#include "screens.h"

namespace sigap::app {
void InitFacilitator(AppState&) {}
void DrawFacilitatorLock(const AppState&, ActionQueue&) {}
void DrawDashboard(const AppState&, ActionQueue&) {}
void DrawMapScreen(const AppState&, ActionQueue&) {}
void DrawPresentation(const AppState&, ActionQueue&) {}
}  // namespace sigap::app
