// What the facilitator screens do to the state: the face's named actions. Screens push these
// (ActionQueue) and never write FacilitatorState themselves; they run after the frame (and
// directly from the headless tests). tests/house_rules_test.cpp holds the screens to it.
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
void LeaveLock(AppState& state);                 // Esc or "back": the participants' start screen
// Saves the mode in workshop.json; the participant side of this laptop uses it at once (unless
// --mode fixed it for this run).
void SetWorkshopMode(AppState& state, Mode mode);
// Writes the workshop settings (mode, PIN hash) as kWorkshopFileName into `dir` (a USB stick): a
// visible file the team laptops' start screens load (player::LoadWorkshopFromStick).
void SaveSettingsToStick(AppState& state, const std::string& dir);
void SetStickDir(AppState& state, const std::string& typed);  // the folder field, as typed

// ---- Import -------------------------------------------------------------------------------
void ImportPaths(AppState& state, const std::vector<std::string>& paths);
void SetImportField(AppState& state, const std::string& typed);  // the path field, as typed
// Files or folders dropped on the window: imported once unlocked, ignored on the lock screen.
void ImportDroppedPaths(AppState& state, const std::vector<std::string>& paths);
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
void SelectHeatCell(AppState& state, int step, int team);  // a click on a cell
void ClearHeatCell(AppState& state);             // Esc: no cell selected
void ShowScreen(AppState& state, Screen screen);
void ShowTab(AppState& state, DashboardTab tab);
void SetAnonymise(AppState& state, bool on);     // "Tim A" in place of the teams' names
void ToggleAnonymise(AppState& state);           // the A key
void ToggleRevealAnswer(AppState& state);        // the decisions tab's recommended answer (R)

// ---- Map ----------------------------------------------------------------------------------
void SelectMapTeam(AppState& state, int team);   // -1 = none
void StepMapPath(AppState& state, int delta);    // replay one node further (or back)
void ZoomMap(AppState& state, float factor);
void ResetMapView(AppState& state);
void PanMap(AppState& state, float dx, float dy);  // pixels, as dragged
void ReplayMapPathFromStart(AppState& state);    // Home: the team's first node
void ShowWholeMapPath(AppState& state);          // End: the whole path, no node singled out

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
void FirstSlide(AppState& state);                // of the current scenario
void LastSlide(AppState& state);
void ToggleSlideOverview(AppState& state);       // G: the list of slides
void CloseSlideOverview(AppState& state);        // Esc: the overview and any number typed
void TypeSlideDigit(AppState& state, char digit);  // a slide number is typed, then Enter…
void JumpToTypedSlide(AppState& state);          // …jumps to it
// The scale the slide `key` was fitted at, so the next frame starts from it (no re-fitting jump).
void RememberSlideScale(AppState& state, const std::string& key, float scale);

// ---- Live room (docs/live-room.md) ------------------------------------------------------------
// "Buka ruang langsung": serves a room from this laptop into <results>/ruang-langsung and shows
// the room view on the projector. A room already open is shown again.
void OpenRoom(AppState& state);
void CloseRoom(AppState& state);                 // the teams keep their logs; the results stay imported
void SetRoomName(AppState& state, const std::string& typed);
void SetRoomStart(AppState& state, RoomStart start);
void SetRoomMessage(AppState& state, const std::string& typed);  // the field, as typed
void RoomStartAll(AppState& state);              // the lobby opens: every team starts now
void RoomPauseAll(AppState& state);              // every laptop stops its clocks (logged there)
void RoomResumeAll(AppState& state);
void SendRoomMessage(AppState& state);           // the field's line to every screen ("" clears it)
// Reads the room's state; when records arrived, the debrief book reads the room's folder again,
// so the dashboard, heat map, decision spreads and map follow without the facilitator doing
// anything. RunFrame calls it each frame while a room is open (a lock and a copy; the book is
// read only when records came).
void RefreshLiveRoom(AppState& state);
// The folder the room writes into: <results>/ruang-langsung.
std::string LiveRoomDir(const AppState& state);

// ---- Export -------------------------------------------------------------------------------
// Writes sigap-debrief-DATE.csv, .html and/or -xapi.json into the export folder.
void Export(AppState& state, unsigned formats);
void SetExportDir(AppState& state, const std::string& typed);  // the folder field, as typed

}  // namespace sigap::app
