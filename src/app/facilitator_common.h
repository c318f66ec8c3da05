// Pieces shared by the facilitator screens: team labels, option texts, status colours and
// symbols, the top bar, and key handling. Drawing helpers only: no state changes here.
#pragma once

#include <cstdint>
#include <string>

#include <imgui.h>

#include "app_state.h"
#include "debrief.h"

namespace sigap::app {

// The debrief on screen, or null when nothing has been imported.
const ScenarioDebrief* CurrentDebrief(const AppState& state);
// "Tim A" when anonymised, else the team's pseudonym.
std::string TeamLabel(const AppState& state, std::size_t team);
// 1-based number of a decision node, as text ("" when the node is not a decision).
std::string DecisionNumber(const ScenarioDebrief& d, const std::string& node);
// m:ss
std::string FormatDuration(std::int64_t ms);

// Text that fits in `width` at the font's size, cut with "…" when needed.
std::string Ellipsize(ImFont* font, float size, const std::string& text, float width);

ImU32 StatusColor(StepStatus s);
ImU32 VerdictColor(Verdict v);
ImU32 RatingColor(const std::string& rating);  // good | mixed | bad
ImU32 InkOn(ImU32 fill);                       // black or white, whichever reads on `fill`
// A symbol that reads without colour: ✓ followed, ! violated, ✕ critical, – not reached.
void DrawStatusSymbol(ImDrawList* dl, ImVec2 centre, float size, StepStatus s, ImU32 col);
// A coloured square with its symbol, then the label: for legends and inline verdicts.
void StatusChip(const AppState& state, StepStatus s, const char* label);
const char* StatusKey(StepStatus s);  // i18n key of a status name
const char* RatingKey(const std::string& rating);

// Keys pressed since the last frame (GLFW codes), ignored while a text field has the keyboard.
bool Pressed(const AppState& state, int key, bool allow_in_text_field = false);
bool PressedWithMods(const AppState& state, int key, int mods);

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
