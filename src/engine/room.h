// The live room's protocol, without sockets: teams join with the room's code, then append their
// session logs' records one by one; the room keeps each session as the same .sigap.jsonl file.
// docs/live-room.md describes the requests, the refusals and the threat model.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/file.h"

namespace sigap {

inline constexpr std::size_t kRoomMaxBodyBytes = 64u << 10;    // one request's body
inline constexpr std::size_t kRoomMaxSessionBytes = 1u << 20;  // one session's log in the room
inline constexpr std::size_t kRoomMaxTeams = 100;              // sessions per room
inline constexpr std::size_t kRoomMinCodeLength = 6;
inline constexpr int kRoomJoinFailuresPerMinute = 5;     // per address
inline constexpr std::int64_t kRoomConnectedMs = 15000;  // "connected": heard from lately
inline constexpr std::size_t kRoomMaxMessageBytes = 200;  // the facilitator's one-line message

// Conducting. The phase: teams in the lobby wait for "start all"; paused freezes every countdown.
enum class RoomPhase { Lobby, Running, Paused, Closed };
const char* RoomPhaseName(RoomPhase p);  // "lobby", "running", "paused", "closed"
// The facilitator's chosen mode: every team starts together (they wait in the lobby), or each
// team starts when it is ready.
enum class RoomStart { Together, Free };
const char* RoomStartName(RoomStart s);  // "together", "free"

// What every team laptop is told: on joining, with every record's answer, and on /poll. A
// state, not a list of events, so a laptop that missed commands catches up with one answer;
// `command` grows with every facilitator command, so a laptop sees that something changed.
struct RoomConduct {
  std::string name;                 // the room's name, as the facilitator typed it
  RoomStart start = RoomStart::Free;
  RoomPhase phase = RoomPhase::Running;
  std::string message;              // one line to every screen; "" = none
  std::int64_t command = 0;         // facilitator commands so far
};
nlohmann::json RoomConductToJson(const RoomConduct& c);
// Null when `j` is not a conduct object (a laptop reads what any server on the network sent).
std::optional<RoomConduct> RoomConductFromJson(const nlohmann::json& j);

struct RoomOptions {
  std::string name;                 // "" = "SIGAP"
  RoomStart start = RoomStart::Free;
};

// One request as the host received it. `peer` is the sender's address (rate limits only).
struct RoomRequest {
  std::string method;  // "POST"
  std::string path;    // "/join", "/record"
  std::string body;
  std::string peer;
  std::int64_t now_ms = 0;  // a monotonic clock
};

// The answer: an HTTP status and a JSON body ({"ok":true,…} or {"error":"ROOM0xx",…}).
struct RoomResponse {
  int status = 200;
  std::string body;
};

struct RoomTeam {
  std::string session, team, scenario;
  std::string file;          // the room's own name for the log in its results folder
  std::int64_t records = 0;  // header included
  std::string current_node;  // the node of the last decision
  bool finished = false;
  bool connected = false;  // a request within kRoomConnectedMs
  std::int64_t on_current_ms = -1;  // since the current decision appeared (the last record came); -1 unknown
};

struct RoomState {
  std::vector<RoomTeam> teams;
  std::int64_t accepted = 0;                     // records written
  std::int64_t duplicates = 0;                   // records received again, already held (idempotent retries)
  std::map<std::string, std::int64_t> refusals;  // code -> count
  RoomConduct conduct;
  std::int64_t changes = 0;                      // grows whenever something a view shows changed
  std::int64_t refused_total() const;
};

// A fresh join code: 8 letters and digits without look-alikes (about 2^39 codes).
std::string NewRoomCode();
// "" when `code` can serve as a room code, else why not.
std::string CheckRoomCode(const std::string& code);

// The room's conduct kept in its results folder, so a room restarted mid-workshop (a crash, a
// laptop that slept) comes back paused if it was paused, with its message and its command count.
// Not a result file: the debrief reads only *.sigap.jsonl.
inline constexpr const char* kRoomConductFile = "sigap-room.json";

class Room {
 public:
  // Opens a room over `results_dir` (created if missing). Logs already there (a room restarted
  // in the same folder) are taken up again: their teams continue where the file ends. So is the
  // conduct (kRoomConductFile): the phase (a closed room opens again: running; a lobby only in a
  // "start together" room), the message and the command count, which grows by one for the
  // reopening so every laptop looks again. The name and start mode are the options'.
  static std::unique_ptr<Room> Open(const std::string& results_dir, const std::string& code, std::string& error,
                                    const RoomOptions& options = {});
  Room(const Room&) = delete;
  Room& operator=(const Room&) = delete;

  // One request. Not thread-safe: the host serialises calls.
  RoomResponse Handle(const RoomRequest& request);
  RoomState State(std::int64_t now_ms) const;
  // A request the host refused before it reached Handle (no length, chunked, too large).
  void CountRefusal(const std::string& code) { ++refusals_[code]; }
  const std::string& code() const { return code_; }

  // The facilitator's commands. Only the host that holds the Room calls them: no request a team
  // sends changes the phase. Each returns false (and changes nothing) when it does not apply.
  bool StartAll();                                 // lobby -> running
  bool PauseAll();                                 // running -> paused
  bool ResumeAll();                                // paused -> running
  bool SetMessage(const std::string& text);        // one line, cut to kRoomMaxMessageBytes
  bool Close();                                    // -> closed: no more joins; records still land
  const RoomConduct& conduct() const { return conduct_; }
  // Grows whenever something State() shows changed (a record, a team, a command, a team that
  // came back): the host wakes its view only then.
  std::int64_t changes() const { return changes_; }
  const std::string& results_dir() const { return dir_; }

 private:
  struct Session {
    std::string id, team, scenario, path, text;
    std::vector<std::size_t> line_starts;  // where each record's line begins in `text`
    std::string current_node;
    bool finished = false;
    std::int64_t last_seen_ms = -1;
    std::int64_t current_since_ms = -1;  // when the last record arrived
    platform::File file;
  };
  struct Token {
    std::string session;  // "" until its first record binds it
    std::int64_t issued_ms = 0;
  };
  Room() = default;
  RoomResponse Join(const RoomRequest& r);
  RoomResponse Append(const RoomRequest& r);
  RoomResponse Poll(const RoomRequest& r);
  void Seen(Session& s, std::int64_t now_ms);
  bool Command();       // counts a facilitator command and keeps the conduct on disk
  void RestoreConduct();
  RoomResponse Refuse(int status, const std::string& code, const std::string& message, std::int64_t next = -1);
  RoomResponse Accepted(const Session& s);
  bool CreateSessionFile(Session& s, const std::string& line, std::string& error);
  bool AppendLine(Session& s, const std::string& line, std::string& error);
  static void Remember(Session& s, const std::string& line);

  std::string dir_, code_;
  std::map<std::string, std::unique_ptr<Session>> sessions_;        // by session id
  std::map<std::string, Token> tokens_;                             // by token
  std::map<std::string, std::vector<std::int64_t>> join_failures_;  // peer -> times (ms) in the last minute
  std::int64_t accepted_ = 0, duplicates_ = 0;
  std::map<std::string, std::int64_t> refusals_;
  int file_counter_ = 0;
  RoomConduct conduct_;
  std::int64_t changes_ = 0;
};

}  // namespace sigap
