// State of the participant face (start, play, end screens). Owned by AppState.
// Screens read it; only the named actions of player.h (player.cpp, portraits.cpp) change it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "live_room.h"
#include "recorded_session.h"

namespace sigap::app {

// A character's portrait, uploaded as a texture by the window host.
struct Portrait {
  void* texture = nullptr;  // ImTextureID
  int width = 0;
  int height = 0;
};

// An unfinished session on this laptop that can be continued.
struct ResumeOffer {
  std::string path;
  std::string team;
  std::string scenario_id;
  std::string started_utc;
  std::size_t decisions = 0;
  bool installed = false;  // its scenario is installed here
  bool open_elsewhere = false;  // another SIGAP window is writing it now (its lock is held)
};

// A folder the team can save to: a USB stick found under /media, or the home folder.
struct FolderSuggestion {
  std::string label;  // the stick's name
  std::string path;
};

// The "choose a folder" panel used by "Save a copy to…" and by "save elsewhere" after a failure.
struct FolderPanel {
  bool open = false;
  std::string path;                        // what is typed in the field
  std::vector<FolderSuggestion> suggestions;
  std::string message;                     // the last result, shown under the field
  bool ok = false;                         // whether `message` reports success
};

inline constexpr std::size_t kTeamNameMax = 32;   // characters of a team's pseudonym
inline constexpr std::size_t kMembersMax = 40;    // characters of the members' initials

struct PlayerState {
  // ---- Start screen
  Mode workshop_mode = Mode::Training;     // the facilitator's setting (or --mode)
  bool mode_from_command_line = false;
  std::string selected_scenario;           // scenario id
  std::string audience_filter;             // start screen: a guide audience tag; empty = all scenarios
  std::string team;                        // pseudonym being typed (at most kTeamNameMax characters)
  bool team_cut = false;                   // the typed name was longer and was cut: the note says so
  std::string members;                     // optional initials
  bool confirm_same_team = false;          // Start pressed with a name already used here: ask once more
  std::string same_team_started;           // when that other session started (local time)
  std::string laptop;                      // this laptop's pseudonym (LaptopPseudonym)
  std::string settings_message;            // after loading workshop settings from a stick
  bool settings_ok = false;
  std::vector<ResumeOffer> resume_offers;  // newest first
  std::string start_error;                 // why starting or resuming failed
  std::string busy_log;                    // a session open in another window (RES006): the panel offers
                                           // to bring that window forward or to wait for it
  bool waiting_for_busy = false;           // waiting: resumed here as soon as the other window lets go
  std::string raise_message;               // after asking the other window to come forward

  // ---- The session being played
  std::optional<RecordedSession> session;
  double opened_at = 0;                    // state.now when the session was started or resumed
  std::int64_t at_offset_ms = 0;           // session time already spent before a resume
  double decision_shown_at = 0;            // state.now when the current node appeared
  double clock_noted_at = 0;               // state.now when the countdown was last noted beside the log
  std::string selected_choice;             // single choice awaiting confirmation ("" = none)
  std::vector<std::string> ticked;         // checklist items ticked so far (scenario order)
  bool confirming_checklist = false;       // Enter pressed once: asking to confirm
  std::string scroll_to;                   // an option picked by key: scroll it into view once
  std::optional<std::size_t> feedback_for; // training mode: decision index whose feedback shows
  std::string decide_error;                // a refused decision (should not happen; shown plainly)
  std::string notice;                      // shown in the header until the next decision (resume)
  bool timer_stopped = false;              // the timeout could not be applied: do not retry
  bool confirm_close = false;              // the window's close button was pressed mid-session
  bool confirm_leave = false;              // the team asked to leave the session

  // ---- Live room (joined from the start screen)
  std::string room_address;                // HOST:PORT as typed
  std::string room_code;                   // the code on the projector, as typed
  std::shared_ptr<RoomLinkClient> room;    // null: not in a room
  std::optional<RoomConduct> room_conduct; // as last heard (RefreshRoom)
  bool room_connected = false;
  std::string room_refusal;                // ROOM001 wrong code, ROOM004 closed
  std::string room_error;                  // the address could not be used
  std::shared_ptr<RoomSearch> room_search; // rooms looked for on this network (null: not asked)
  bool clocks_stopped = false;             // the room holds the clocks (lobby or pause)…
  double paused_at = 0;                    // …since this state.now (the app's clock starts at 0)
  bool in_lobby = false;                   // the session waits for the facilitator's "start all"
  bool paused_by_room = false;             // a pause record was written; a resume record follows

  // ---- Saving
  FolderPanel save_elsewhere;              // after a failed write
  FolderPanel save_copy;                   // "Save a copy to…" on the end screen

  // ---- Portraits (character id -> texture); empty without a window (tests)
  std::map<std::string, Portrait> portraits;
  // Set by the window host: uploads RGBA pixels as a texture, returns the ImTextureID.
  std::function<void*(const unsigned char* rgba, int width, int height)> upload_texture;

  bool InProgress() const { return session && session->session().state() != SessionState::Ended; }
};

}  // namespace sigap::app
