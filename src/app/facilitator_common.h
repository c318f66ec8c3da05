// Pieces shared by the facilitator screens: the debrief on screen, team labels, the top bar and
// the screen frame. Widgets, colours and keys are the app's one vocabulary (widgets.h).
#pragma once

#include <cstdint>
#include <string>

#include <imgui.h>

#include "app_state.h"
#include "debrief.h"
#include "widgets.h"

namespace sigap::app {

// The debrief on screen, or null when nothing has been imported.
const ScenarioDebrief* CurrentDebrief(const AppState& state);
// "Tim A" when anonymised, else the team's pseudonym; when another team of the debrief has the
// same name, the initials (else the laptop, else the start time; the session id's first digits
// as the last resort) follow it: "Elang (AB)".
std::string TeamLabel(const AppState& state, std::size_t team);
// The initials, start time (the time alone for today's) and laptop of a session, those known:
// "Inisial AB · mulai 2026-03-10 09:30 · Laptop 3F7A".
std::string TeamDetails(const AppState& state, const ImportedSession& s);
// 1-based number of a decision node, as text ("" when the node is not a decision).
std::string DecisionNumber(const ScenarioDebrief& d, const std::string& node);
// m:ss
std::string FormatDuration(std::int64_t ms);

// The bar across the top of the dashboard and the map: title, scenario picker, screen buttons.
void DrawFacilitatorTopBar(const AppState& state, ActionQueue& queue);
// The area a facilitator screen draws in. ImGui's own keyboard navigation is off inside it: the
// arrow keys, Space and PageUp/PageDown belong to the screens (a clicker sends them), and must
// not also move a focus highlight or press a button.
void BeginFacilitatorScreen(const char* id);
void EndFacilitatorScreen();
// Files dropped on the window: imported (once unlocked). The close button is DrawCloseRequest's.
void HandleFacilitatorCommon(const AppState& state, ActionQueue& queue);

// Indonesian over English, the English smaller and muted (slides).
void BilingualText(const AppState& state, const char* key, ImFont* id_font, ImFont* en_font, float wrap_width);

}  // namespace sigap::app
