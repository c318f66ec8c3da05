// The app's one widget vocabulary, shared by every face: wrapped text, big buttons and options,
// cards, pills and status chips, colours with one contrast rule, one size unit (Em), key helpers
// and the layout probe that tests use to find overlapping or clipped widgets. Everything here
// draws only; nothing changes the app state.
// [SECTION] Text
// [SECTION] Buttons, options, cards
// [SECTION] Pills, chips and status symbols
// [SECTION] Colours and labels
// [SECTION] Layout
// [SECTION] Keys
// [SECTION] Layout probe
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app_state.h"
#include "scoring.h"

namespace sigap::app::ui {

// ---- [SECTION] Text (always wrapped at the right edge of the current column) -----------------
void Text(const std::string& text);
void TextColored(const std::string& text, const ImVec4& color);
void TextIn(ImFont* font, const std::string& text, const ImVec4& color);
void Heading(const AppState& st, const std::string& text);       // large font
void Paragraphs(const std::string& text);                        // '\n' separated, spaced
// Text that fits in `width` at the font's size, cut on a character boundary with "…".
std::string Ellipsize(ImFont* font, float size, const std::string& text, float width);
// Text that, wrapped at `width`, is at most `height` tall: cut after a whole word with "…"
// ("" when not even one line fits).
std::string EllipsizeLines(ImFont* font, float size, const std::string& text, float width, float height);

// ---- [SECTION] Buttons, options, cards -----------------------------------------------------
float ButtonWidth(const char* label);
// A big button sized to its label (or `width`); primary ones are filled with the accent colour.
bool Button(const char* label, bool enabled = true, bool primary = false, float width = 0);

// A large option: a letter badge (the option's own letter, whatever place it is shown in) or a
// checkbox with that letter, then the text wrapped to the available width.
enum class Mark { Letter, Checkbox };
bool Option(const char* id, const std::string& letter, const std::string& text, bool selected, Mark mark);

// A row of a list that can be clicked (a diagnostic, a finding): its text wrapped at the column's
// edge, as tall as it needs, rather than cut where the panel ends.
bool SelectableWrapped(const char* id, const std::string& text, const ImVec4& color, bool selected);

// A large clickable card of text pieces (title, meta line, paragraphs…) with a number badge.
struct Piece {
  ImFont* font = nullptr;       // nullptr: the current font
  ImVec4 color;
  std::string text;
  float gap_em = 0.0f;          // space above, in ems
};
bool Card(const char* id, int number, const std::vector<Piece>& pieces, bool selected);

// ---- [SECTION] Pills, chips and status symbols --------------------------------------------
void Pill(const std::string& text, const ImVec4& background);
ImVec2 PillSize(const std::string& text);
// A two-column table: pills on the left, wrapped text on the right. EndTable() when true.
bool BeginPillTable(const char* id);
// Moves the cursor down so that text beside a pill (in the next table column) shares its baseline.
void AlignWithPill();
// A symbol that reads without colour: ✓ followed, ! violated, ✕ critical, – not reached.
void DrawStatusSymbol(ImDrawList* dl, ImVec2 centre, float size, StepStatus s, ImU32 col);
// A square of `size` pixels filled with `fill`, its status symbol on it in the contrasting ink
// (symbol_share of the side; rounded corners), at the cursor: the one status square of every face.
void StatusSquare(StepStatus s, ImU32 fill, float size, float rounding = 3.0f, float symbol_share = 0.8f);
// A coloured square with its symbol, then the label: for legends and inline verdicts.
void StatusChip(StepStatus s, const std::string& label);
// A thin progress bar drawn as shapes: unlike ImGui::ProgressBar it does not shift the baseline
// of text that follows on the same line.
void Bar(float width, float height, float fraction, const ImVec4& fill, const ImVec4& background);

// ---- [SECTION] Colours and labels ---------------------------------------------------------
ImU32 U32(const ImVec4& c);
// Black or white, whichever contrasts more (WCAG) with `background` laid over the window colour.
ImVec4 TextOn(const ImVec4& background);
ImU32 TextOn(ImU32 background);
ImVec4 VerdictColor(Verdict v);
ImVec4 StatusColor(StepStatus s);             // not reached: a light grey
ImVec4 RatingColor(const std::string& rating);  // good | mixed | bad; anything else: not finished
int Severity(Verdict v);                      // follows 0 < violates 1 < critical 2
const char* VerdictLabel(const StringTable& tr, Verdict v);
const char* StatusLabel(const StringTable& tr, StepStatus s);
const char* RatingLabel(const StringTable& tr, const std::string& rating);
std::string KindLabel(const StringTable& tr, const std::string& kind);  // ScenarioKindLabel in the UI language
const char* ModeLabel(const StringTable& tr, Mode m);
std::string Countdown(double seconds_left);         // "1:05"; never below "0:00"
// The countdown box of a timed decision ("Sisa waktu" over large digits, red in the last ten
// seconds), as the team sees it and the author's preview shows it: its size, then drawn there.
ImVec2 CountdownClockSize(const AppState& st);
void CountdownClock(const AppState& st, double seconds_left, ImVec2 size);
std::string LocalTime(const std::string& iso_utc);  // "2026-05-01 16:12" in the laptop's zone
std::string FormatValue(const Variable& v, double value, const StringTable& tr);

// ---- [SECTION] Layout -----------------------------------------------------------------------
// The one size unit of every screen: an em, the current font's size in pixels. Em(font) is a named
// font's (Em(state.fonts.body) where the current font may be another, as on slides and in the
// charts that slides share). Layout is never written in Fonts::body_px, the atlas's build size.
float Em();
float Em(const ImFont* font);
// Scrolls the current window so that the last item is in view (its top, and all of it when it
// fits). Returns true when it already is.
bool ScrollLastItemIntoView();
// Width for reading columns: at most `max_em` ems, centred in the available width.
void BeginReadingColumn(float max_em);
void EndReadingColumn();

// ---- [SECTION] Keys (state.keys_pressed; auto-repeats of a held key never count here) --------
bool Plain(const KeyPress& k);               // neither Ctrl nor Alt
int DigitOf(const KeyPress& k);              // 1–9 (and 10 for 0), else 0
char LetterOf(const KeyPress& k);            // 'A'–'Z', else 0
bool IsEnter(const KeyPress& k);
bool IsEscape(const KeyPress& k);
// A key pressed since the last frame (repeats included: arrows may be held), ignored while a
// text field has the keyboard unless `allow_in_text_field`.
bool Pressed(const AppState& state, Key key, bool allow_in_text_field = false);
bool PressedLetter(const AppState& state, char letter, bool shift = false);
bool PressedDigit(const AppState& state, int digit);  // 1–9, 10 for 0 (DigitOf)

// ---- [SECTION] Layout probe ---------------------------------------------------------------
// Tests (and `--check-layout`) turn the probe on; every widget above then records its rectangle,
// and raw ImGui items are recorded with Track() right after them. At the end of a frame the
// probe reports widgets that overlap a sibling in the same window, and text that does not fit
// the width it was given or runs past the window's visible edge (vertical overflow is fine where
// the window scrolls).
struct ProbeItem {
  ImGuiID window = 0;
  std::string label;
  ImVec2 min, max;            // screen rectangle
  ImVec2 clip_min, clip_max;  // the window's visible region when it was drawn
  bool scrolls_y = false;     // the window, or one it sits in, can scroll vertically
  float needed_w = 0;         // text that had to fit inside the item: its width (0 = none)
  float given_w = 0;          // …and the width it had
};
struct LayoutProblem {
  std::string what;           // "overlap" | "clipped" | "too narrow"
  std::string a, b;           // the items concerned
};
void ProbeEnable(bool on);
bool ProbeEnabled();
void ProbeBeginFrame();
void Track(const char* label, float needed_w = 0, float given_w = 0);  // after a raw ImGui item
void TrackRect(const char* label, ImVec2 min, ImVec2 max, float needed_w = 0, float given_w = 0);
const std::vector<ProbeItem>& ProbeItems();
// Forgets the items recorded after the first `count` (a layout drawn to be measured, then hidden).
void ProbeRewind(std::size_t count);
std::vector<LayoutProblem> ProbeProblems();

}  // namespace sigap::app::ui
