// The participant face's named actions. Screens queue them (ActionQueue) and never write the state
// themselves (tests/house_rules_test.cpp holds them to it); they run after the frame and are the
// only code that changes PlayerState. Every decision goes through RecordedSession, which
// writes it to the session log before the session moves on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app_state.h"
#include "screen_hook.h"  // player::RunScreenHook plays through these actions

namespace sigap::app::player {

// ---- Start screen
void RefreshResumeOffers(AppState& st);
void SelectScenario(AppState& st, const std::string& scenario_id);
// Shows only the scenarios whose guide names this audience tag ("" = all); a chosen scenario the
// filter hides gives way to the first one shown.
void FilterByAudience(AppState& st, const std::string& tag);
void SetLanguage(AppState& st, Lang lang);
void SetTeam(AppState& st, const std::string& typed);      // cut to kTeamNameMax characters, on a boundary
void SetMembers(AppState& st, const std::string& typed);
void OpenFacilitator(AppState& st);                  // the lock screen, then the facilitator face
// Reads sigap-pengaturan-lokakarya.json from a USB stick (or the results folder) and applies it.
void LoadWorkshopFromStick(AppState& st);
void AskLeave(AppState& st);                         // "leave the session?" (the team may stay)
void CancelLeave(AppState& st);
void LeaveSession(AppState& st);                     // the team leaves; the session stays resumable
bool StartSession(AppState& st);                     // from the start screen's form
bool ResumeSession(AppState& st, const std::string& log_path);
// Notes the time spent on a timed decision beside the log, so a resume keeps the countdown.
void NoteTimer(AppState& st);
// Asks the window that holds st.player.busy_log to come forward (raise.h).
void BringSessionForward(AppState& st);
void WaitForBusySession(AppState& st);               // "wait": the start screen waits for it to close
void ForgetBusySession(AppState& st);                // "cancel": back to the resume offers
void ShowStartScreen(AppState& st);                  // a screen with no session to show
// The card or option `id` is scrolled into view on the next frame (it was picked with a key);
// ScrolledIntoView forgets the request once it is.
void ScrollTo(AppState& st, const std::string& id);
void ScrolledIntoView(AppState& st);

// ---- Live room (start screen: address and code typed, then Join)
void SetRoomAddress(AppState& st, const std::string& typed);
void SetRoomCode(AppState& st, const std::string& typed);
void SearchRooms(AppState& st);                       // looks for rooms on this network, in the background
void UseFoundRoom(AppState& st, const std::string& address);  // a room discovery found
void JoinRoom(AppState& st);                         // joins at once; the session's log follows it
void LeaveRoom(AppState& st);                        // back to playing alone (USB at the end)
// What the room said since the last frame (run by RunFrame when its thread woke the loop): the
// connection state, the message, and the phase: the lobby holds the session until "start all";
// a pause stops every clock and is written into the log (a resume record when it ends).
void RefreshRoom(AppState& st);
bool ClocksStopped(const AppState& st);              // in the lobby or paused by the room

// ---- Play screen
void SelectChoice(AppState& st, const std::string& choice_id);  // the confirm step
void CancelSelection(AppState& st);                  // Esc: back to choosing
void ConfirmChoice(AppState& st);                    // commits the selected choice
void ToggleItem(AppState& st, const std::string& item_id);
void AskConfirmChecklist(AppState& st);
void SubmitChecklist(AppState& st);
void TimeOut(AppState& st);                          // the countdown reached 0
void TimeOutIfDue(AppState& st);                     // …unless a choice came first this frame
// False when the engine refuses (ENG014: a story that loops through scenes without end); the
// refusal is shown as the decision error.
bool ContinueScene(AppState& st);
void DismissFeedback(AppState& st);                  // training mode: next node or the end screen
void ShowEndScreen(AppState& st);                    // after the ending: the results

// ---- Saving: two folder dialogs, "save elsewhere" after a failed write and "save a copy"
enum class SavePanel { Elsewhere, Copy };
const FolderPanel& PanelOf(const PlayerState& p, SavePanel which);
void OpenFolderPanel(FolderPanel& panel, const AppState& st);  // fills the USB suggestions
void OpenFolderPanel(AppState& st, SavePanel which);
void CloseFolderPanel(AppState& st, SavePanel which);
void SetFolderPath(AppState& st, SavePanel which, const std::string& typed);
void SaveToFolder(AppState& st, SavePanel which, const std::string& dir);  // SaveElsewhere or SaveCopy
void SaveElsewhere(AppState& st, const std::string& dir);
void SaveCopy(AppState& st, const std::string& dir);
void BackToStart(AppState& st);                      // after the end screen: a new session

// ---- Closing the window
void HandleCloseRequest(AppState& st);               // quit, or ask when a session is in progress
void ConfirmClose(AppState& st);
void CancelClose(AppState& st);

// ---- Clocks (milliseconds, from state.now)
std::int64_t SessionMs(const AppState& st);          // since the session started (resumes add up)
std::int64_t DecisionMs(const AppState& st);         // since the current node appeared
// Seconds left on the current timed decision (negative once past), nullopt when untimed.
std::optional<double> SecondsLeft(const AppState& st);

}  // namespace sigap::app::player
