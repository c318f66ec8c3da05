// The author face's actions: every change a screen of the author face can make, by name (the
// screens queue them; the headless tests call them directly). Edits go through the draft
// (scenario_draft.h): each one is written canonically and validated at once.
#pragma once

#include <optional>
#include <string>

#include "app_state.h"
#include "scenario_writer.h"

namespace sigap::app::author {

// Opens the author face on a scenario file, or on a folder (its first scenario). The screen
// switches to Screen::Author; `path` "" opens the scenarios folder.
void OpenAuthor(AppState& state, const std::string& path);
void OpenScenario(AppState& state, const std::string& file);
void CloseAuthor(AppState& state);  // back to the start screen
// The start screen's author button: the facilitator's lock first (the author face shows the
// answers), then the author face on the scenarios folder.
void OpenBehindPin(AppState& state);
// A new scenario from the template, "<id>.json" in the folder; refused when the id is not
// lowercase letters, digits and '-' or the file exists.
void NewScenario(AppState& state, const std::string& id);

void SelectNode(AppState& state, const std::string& node);  // "" = the scenario's own fields
void SetNewId(AppState& state, const std::string& id);      // the id typed for a new scenario

// Edits of the document at a JSON pointer. `merge` joins the edit to the previous one when both
// are typing in the same field (one undo step per field, not per letter).
void SetValue(AppState& state, const std::string& pointer, const OrderedJson& value, bool merge = false);
void RemoveValue(AppState& state, const std::string& pointer);  // an object member or array element
// A JSON form field being typed: kept until it parses, then applied.
void TypeJson(AppState& state, const std::string& pointer, const std::string& text);
// An element of an array moved by `delta` places (reorder), or duplicated right after itself
// (with a fresh "id" when it has one).
void MoveElement(AppState& state, const std::string& array_pointer, std::size_t index, int delta);
void DuplicateElement(AppState& state, const std::string& array_pointer, std::size_t index);
// A new node after the selected one (type: scene | decision | ending), selected.
void AddNode(AppState& state, const std::string& type);
// A node's id typed in the node panel: kept until the field is left, then RenameNode.
void TypeNodeId(AppState& state, const std::string& node, const std::string& text);
// A node and every reference to it (the start, every route) renamed in one undo step; refused,
// with a message, onto an id another node has or one the format does not allow.
void RenameNode(AppState& state, const std::string& from, const std::string& to);
// Removing a node asks first, showing what leads to it (AuthorState::confirm_remove).
void AskRemoveNode(AppState& state, const std::string& node);
void CancelRemoveNode(AppState& state);
void RemoveNode(AppState& state, const std::string& node);
void AddOption(AppState& state, const std::string& node);  // a choice or checklist item
void SetSopTag(AppState& state, const std::string& options_pointer, const std::string& old_step,
               const std::string& step,
               const std::string& verdict);  // old_step "" = a new tag; step "" = remove old_step

void Undo(AppState& state);
void Redo(AppState& state);
void Save(AppState& state);
// The file changed on disk? Taken at once (kept undoable). Returns whether it was; reschedules
// the next look (AuthorState::watch_due). Cheap when nothing changed: one stat of the file.
bool PollFile(AppState& state, double now);

void PanMap(AppState& state, float dx, float dy);
void ZoomMap(AppState& state, float factor);
void ResetMapView(AppState& state);

// "Play from here": the inspector starts with the scenario's initial values; a preview plays
// the last good version from `node` in memory (never a result file).
void OpenPreview(AppState& state, const std::string& node);
void SetPreviewValue(AppState& state, const std::string& var, double value);
void StartPreview(AppState& state);
void PreviewContinue(AppState& state);
void PreviewChoose(AppState& state, const std::string& choice);
void PreviewTick(AppState& state, const std::string& item);
void PreviewSubmitChecklist(AppState& state);
// A timed decision's clock in the preview, as the team's: seconds left (none: not timed, or
// stopped). The time runs out into the timer's default or its timeout outcome (with the items
// ticked, on a checklist); PreviewTimeOut runs it out at once ("Run out the time").
std::optional<double> PreviewSecondsLeft(const AppState& state);
void PreviewTimeOut(AppState& state);
void PreviewTimeOutIfDue(AppState& state);
void ClosePreview(AppState& state);

// The explore tab: while it is shown, the good version is explored on a worker thread whenever
// it changed (ExploreWorker: a newer version supersedes an older exploration). TakeExplore, run by
// RunFrame at every frame, takes a result the worker has ready and asks for the newest version.
void ShowExplore(AppState& state, bool on);
void TakeExplore(AppState& state);
bool Exploring(const AppState& state);       // an exploration of the good version is under way
void WriteBooklet(AppState& state);          // "<scenario>.booklet.html" beside the file

}  // namespace sigap::app::author
