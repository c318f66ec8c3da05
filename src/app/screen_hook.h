// The --screen test hook: puts the app on the screen a test or a screenshot asks for, by playing
// through the same actions a participant or facilitator would use (never by setting up state).
#pragma once

#include <string>

#include "app_state.h"

namespace sigap::app {

namespace player {

// Participant screens: --screen start|play|feedback|confirm|end|copy|close with --scenario,
// --choices, --team. Choices use the CLI's syntax: a choice id; checklist items joined by '+'
// ('-' for none); 'timeout'. Returns false with `error` when the script cannot be played; true
// (doing nothing) for a screen that is not the participant's. Run once by InitPlayer.
bool RunScreenHook(AppState& st, std::string& error);

}  // namespace player

// Facilitator screens: what --screen (dashboard, heatmap, decisions, workshop, map, present),
// --scenario, --team and --slide asked for. Applied once, at the first unlock.
void ApplyFacilitatorLaunchOptions(AppState& state);

}  // namespace sigap::app
