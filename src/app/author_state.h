// State of the author face (sigap --author): the scenario being edited (a ScenarioDraft: its
// document, diagnostics, undo/redo), the node in view, the file watch and the "play from here"
// preview. Owned by AppState; the screens read it, only the actions of author_actions.h change it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "author_explore.h"
#include "explore.h"
#include "scenario_draft.h"
#include "session.h"

namespace sigap::app {

// A JSON value being typed in a form field (a route, a condition, effects): kept here until it
// parses, so that a half-typed value is not thrown away at the next frame.
struct JsonFieldDraft {
  std::string pointer;  // the field's JSON pointer ("" = none being typed)
  std::string text;
  bool valid = true;  // the text parses (and was applied)
};

struct AuthorPreview {
  std::string from;                          // the node the preview starts at ("" = no preview)
  std::map<std::string, double> values;      // the inspector's values, editable before starting
  std::shared_ptr<const Scenario> scenario;  // the last good version, starting at `from`
  std::optional<Session> session;            // in memory only: a preview never writes a result
  std::vector<std::string> ticked;           // checklist items ticked at the current decision
  std::string problem;                       // why the last move was refused ("" = none)
  double decision_shown_at = 0;              // AppState::now when the current node was shown: its clock
  bool timer_stopped = false;                // the timeout was refused (ENG007): the clock stops
};

struct AuthorState {
  std::string folder;                  // the folder whose scenarios are listed
  std::vector<std::string> files;      // scenario files in it, in name order
  std::optional<ScenarioDraft> draft;  // the scenario open (none: the folder has none yet)
  std::string selected;                // node id in view ("" = the scenario's own fields)
  std::string message;                 // what the last save, open or reload did ("" = nothing)
  bool message_error = false;
  std::string new_id;  // "new scenario": the id typed
  JsonFieldDraft json_field;
  std::string id_typed_for;              // the node whose id is being typed in the node panel ("" = none)
  std::string id_typed;                  // …what is typed: the node is renamed when the field is left
  std::string confirm_remove;            // the node whose removal waits for the author's yes ("" = none)
  bool show_explore = false;             // the diagnostics panel shows explore's findings
  std::optional<ExploreReport> explore;  // the last exploration of the good version
  std::string explored_hash;             // …of this content hash
  // Explores on a worker thread (started at the first exploration), which wakes the loop through
  // AppState::loop_wake when a result is ready; RunFrame takes it (author::TakeExplore).
  std::shared_ptr<ExploreWorker> explorer;

  // Map view.
  float map_zoom = 1.0f;               // 1 = fit the canvas
  float map_pan_x = 0, map_pan_y = 0;  // screen pixels, added after fitting

  // File watch: the loop looks at the file's size and time when this is due, without drawing.
  double watch_due = 0;                        // glfwGetTime seconds; 0 = not watching
  static constexpr double kWatchPeriod = 0.1;  // seconds between looks

  AuthorPreview preview;
  double last_check_ms = 0;  // load + validation of the last version, for the status line
};

}  // namespace sigap::app
