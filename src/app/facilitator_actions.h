// What the facilitator screens do to the state. Screens push these as actions; they run after
// the frame (and directly from the headless tests).
#pragma once

#include <string>
#include <vector>

#include "app_state.h"
#include "facilitator_slides.h"

namespace sigap::app {

inline constexpr std::size_t kPinMinDigits = 4;
inline constexpr std::size_t kPinMaxDigits = 8;

// ---- Lock ---------------------------------------------------------------------------------
void PinDigit(AppState& state, char digit);
void PinBackspace(AppState& state);
// Checks the PIN typed so far (or, the first time, sets it in two steps). Unlocks on success.
void PinSubmit(AppState& state);
// Locks again: the answers disappear until the PIN is entered.
void Lock(AppState& state);
// Saves the mode in workshop.json; the participant side of this laptop uses it at once (unless
// --mode fixed it for this run).
void SetWorkshopMode(AppState& state, Mode mode);
// Writes the workshop settings (mode, PIN hash) as kWorkshopFileName into `dir` (a USB stick): a
// visible file the team laptops' start screens load (player::LoadWorkshopFromStick).
void SaveSettingsToStick(AppState& state, const std::string& dir);

// ---- Import -------------------------------------------------------------------------------
void ImportPaths(AppState& state, const std::vector<std::string>& paths);
// "Kosongkan": asks first (AskClearImport sets confirm_clear; the panel shows Yes / Cancel); the
// clear keeps the book for UndoClearImport until the app closes.
void AskClearImport(AppState& state);
void CancelClearImport(AppState& state);
void ClearImport(AppState& state);
void UndoClearImport(AppState& state);
// Keeps the copy at `path` of a session whose copies disagree (DebriefBook::ChooseCopy), remembered.
void ChooseSessionCopy(AppState& state, const std::string& session_id, const std::string& path);
// Forgets that choice: the copies are read again and the session is a conflict once more.
void ReopenSessionConflict(AppState& state, const std::string& session_id);
// The sources imported and the copies chosen, remembered across restarts beside workshop.json.
std::string ImportMemoryPath(const AppState& state);

// ---- Selection ----------------------------------------------------------------------------
void SelectScenario(AppState& state, std::size_t index);
void SelectDecision(AppState& state, std::size_t index);
void MoveHeatCell(AppState& state, int d_row, int d_team);
void ShowScreen(AppState& state, Screen screen);

// ---- Map ----------------------------------------------------------------------------------
void SelectMapTeam(AppState& state, int team);   // -1 = none
void StepMapPath(AppState& state, int delta);    // replay one node further (or back)
void ZoomMap(AppState& state, float factor);
void ResetMapView(AppState& state);

// ---- Presentation -------------------------------------------------------------------------
void StartPresentation(AppState& state);
void LeavePresentation(AppState& state);
void MoveSlide(AppState& state, int delta);      // across scenarios at either end
// The slides of scenario `index` with the decisions the facilitator chose to show.
std::vector<Slide> SlidesOf(const AppState& state, std::size_t index);
std::set<std::string> ShownDecisions(const AppState& state, const ScenarioDebrief& d);
void ToggleShownDecision(AppState& state, const std::string& node);
void JumpToSlide(AppState& state, std::size_t number);  // 1-based, within the current scenario
void SwitchSlideLanguage(AppState& state);

// ---- Export -------------------------------------------------------------------------------
// Writes sigap-debrief-DATE.csv, .html and/or -xapi.json into the export folder.
void Export(AppState& state, unsigned formats);

}  // namespace sigap::app
