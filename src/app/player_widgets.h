// Widgets and labels shared by the participant screens: large wrapped option buttons, pills,
// wrapped text, key helpers. Everything here draws only; nothing changes the app state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app_state.h"
#include "scoring.h"

namespace sigap::app::ui {

// ---- Text (always wrapped at the right edge of the current column)
void Text(const std::string& text);
void TextColored(const std::string& text, const ImVec4& color);
void TextIn(ImFont* font, const std::string& text, const ImVec4& color);
void Heading(const AppState& st, const std::string& text);       // large font
void Paragraphs(const std::string& text);                        // '\n' separated, spaced

// ---- Buttons
float ButtonWidth(const char* label);
// A big button sized to its label (or `width`); primary ones are filled with the accent colour.
bool Button(const char* label, bool enabled = true, bool primary = false, float width = 0);

// A large option: a number badge or a checkbox, then text wrapped to the available width.
enum class Mark { Number, Checkbox };
bool Option(const char* id, int number, const std::string& text, bool selected, Mark mark);

// A large clickable card of text pieces (title, meta line, paragraphs…) with a number badge.
struct Piece {
  ImFont* font = nullptr;       // nullptr: the current font
  ImVec4 color;
  std::string text;
  float gap_em = 0.0f;          // space above, in ems
};
bool Card(const char* id, int number, const std::vector<Piece>& pieces, bool selected);

// ---- Pills: a short coloured label with text readable on it
ImVec4 TextOn(const ImVec4& background);
void Pill(const std::string& text, const ImVec4& background);
ImVec2 PillSize(const std::string& text);
// A two-column table: pills on the left, wrapped text on the right. EndTable() when true.
bool BeginPillTable(const char* id);
// Moves the cursor down so that text beside a pill (in the next table column) shares its baseline.
void AlignWithPill();

// A thin progress bar drawn as shapes: unlike ImGui::ProgressBar it does not shift the baseline
// of text that follows on the same line.
void Bar(float width, float height, float fraction, const ImVec4& fill, const ImVec4& background);

// ---- Layout
float Em();
// Scrolls the current window so that the last item is in view (its top, and all of it when it
// fits). Returns true when it already is.
bool ScrollLastItemIntoView();                                  // the current font size in pixels
// Width for reading columns: at most `max_em` ems, centred in the available width.
void BeginReadingColumn(float max_em);
void EndReadingColumn();

// ---- Keys (GLFW codes from state.keys_pressed; auto-repeats of a held key never count)
int DigitOf(const KeyPress& k);              // 1–9 (and 10 for 0), else 0; never with Ctrl/Alt
bool IsEnter(const KeyPress& k);
bool IsEscape(const KeyPress& k);

// ---- Labels from the string tables
const char* KindLabel(const StringTable& tr, const std::string& kind);
const char* VerdictLabel(const StringTable& tr, Verdict v);
ImVec4 VerdictColor(Verdict v);
int Severity(Verdict v);                     // follows 0 < violates 1 < critical 2
const char* StatusLabel(const StringTable& tr, StepStatus s);
ImVec4 StatusColor(StepStatus s);
ImVec4 RatingColor(const std::string& rating);
const char* ModeLabel(const StringTable& tr, Mode m);
std::string Countdown(double seconds_left);  // "1:05"; never below "0:00"
std::string LocalTime(const std::string& iso_utc);  // "2026-05-01 16:12" in the laptop's zone
std::string FormatValue(const Variable& v, double value, const StringTable& tr);

}  // namespace sigap::app::ui
