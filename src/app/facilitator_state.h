// State of the facilitator face (lock, import, dashboard, map, presentation). Owned by AppState.
// The screens read it; only the named actions of facilitator_actions.h change it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "debrief.h"
#include "i18n.h"
#include "live_room.h"
#include "workshop.h"

namespace sigap::app {

enum class DashboardTab { Teams, Heat, Decisions, Workshop };

struct FacilitatorState {
  // ---- Lock: a workshop PIN keeps participants out of the screens that show the answers.
  bool unlocked = false;
  WorkshopSettings workshop;            // mode and PIN hash, from workshop.json
  std::string workshop_path;            // "" = WorkshopSettingsPath()
  std::string workshop_warning;         // workshop.json was unreadable (shown on the lock screen)
  std::string pin_entry;                // digits typed so far (never shown, only counted)
  std::string pin_first;                // setting a PIN: the first entry, waiting for the repeat
  std::string lock_message;             // i18n key: why the last entry was refused ("" = none)
  int failed_attempts = 0;
  bool unlock_to_author = false;        // the start screen's author button: the author face once unlocked
  std::string settings_message;         // after saving workshop.json: i18n key or an error text
  bool settings_error = false;
  std::string stick_dir;                // where "Save settings to USB" writes kWorkshopFileName
  std::string stick_message;            // what that save did (or why it could not)
  bool stick_error = false;

  // ---- Imported results and what the engine made of them (one owner keeps them consistent).
  DebriefBook book;
  std::string import_field;             // the folder typed or pasted in the import box
  std::string import_message;           // summary of the last import ("" = none yet)
  bool confirm_clear = false;           // "Kosongkan" pressed: asking whether to clear
  std::optional<DebriefBook> undo_book; // the book before the last clear (until the app closes)
  std::vector<std::string> undo_missing;     // missing_sources before that clear
  bool first_import_done = false;       // the first unlock imported (or restored) the results
  std::vector<std::string> missing_sources;  // remembered sources not found at start (stick out?)
  std::string memory_message;           // the import memory could not be read or saved ("" = fine)

  // ---- Selection, shared by the dashboard, the map and the presentation.
  std::size_t scenario = 0;             // index into debriefs
  DashboardTab tab = DashboardTab::Teams;
  std::size_t decision = 0;             // index into debriefs[scenario].decisions
  bool reveal_answer = false;           // dashboard bar chart: show the SOP answer (key R)
  int heat_step = -1;                   // heat map cell picked (row), -1 = none
  int heat_team = -1;                   // heat map cell picked (column)
  bool anonymise = false;               // team names as Tim A, Tim B… (key A)

  // ---- Scenario map.
  int map_team = -1;                    // team whose path is highlighted, -1 = none
  int map_step = -1;                    // replay: path nodes shown so far - 1, -1 = whole path
  float map_zoom = 1.0f;                // 1 = fit the window
  float map_pan_x = 0, map_pan_y = 0;   // screen pixels, added after fitting

  // ---- Presentation.
  std::size_t slide = 0;                // index into the current scenario's slides
  std::map<std::string, std::set<std::string>> shown_decisions;  // per scenario id: the decision
                                        // nodes with slides (absent: DefaultShownDecisions)
  Lang present_lang = Lang::Id;         // slides show one language at a time (key L switches)
  bool overview = false;                // the overview grid of the slides (key G)
  std::string jump;                     // digits typed: Enter goes to that slide
  bool return_to_map = false;           // Esc goes back to the map (else the dashboard)
  bool was_fullscreen = false;          // fullscreen before the presentation started
  float slide_scale = 1.0f;             // the text scale at which the slide shown fits whole
  std::string slide_scale_key;          // …fitted for this slide, window, text size and language

  // ---- Live room: served from this laptop while the facilitator face is open.
  std::shared_ptr<LiveRoom> room;       // null: no room open
  RoomState room_state;                 // as of room_state_at (RefreshLiveRoom)
  double room_state_at = 0;             // state.now when it was taken
  std::int64_t room_accepted_seen = -1; // records the debrief book has read (-1: none yet)
  std::string room_name;                // typed before opening ("" = "SIGAP")
  RoomStart room_start = RoomStart::Together;
  std::string room_message;             // the one-line message being typed
  std::string room_error;               // why the room could not open ("" = none)
  int room_port = 8765;                 // --room-port; 0 = any free port (tests)

  // ---- Exports.
  std::string export_dir;               // "" = the results folder
  std::string export_message;
  bool export_error = false;

  // The string tables of both languages: the slides use the one chosen for the projector.
  StringTable tr_id, tr_en;
  const StringTable& SlideTr() const { return present_lang == Lang::En ? tr_en : tr_id; }
};

}  // namespace sigap::app
