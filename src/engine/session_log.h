// The session log: one append-only JSON Lines file per session, the truth about what a team did.
// Every record carries a sequence number and a CRC-32 of its canonical form. A decision is
// written and fsync'd before the host applies it; a failed write is rolled back so that nothing
// already saved is damaged.
//
//   {"rec":"header","seq":0,"format":1,"session":…,"scenario":…,"scenario_hash":…,
//    "catalogue":…,"catalogue_hash":…,"app":…,"team":…,"members":…,"lang":…,"seed":…,
//    "mode":…,"started":…,"crc":"…"}
//   {"rec":"decision","seq":1,"node":"dp1","choice":"a","timed_out":false,"elapsed_ms":…,"at_ms":…,"crc":"…"}
//   {"rec":"decision","seq":2,"node":"dp3","items":["x","y"],…}
//   {"rec":"pause","seq":4,"at_ms":…,"crc":"…"}            the facilitator paused the live room
//   {"rec":"resume","seq":5,"at_ms":…,"paused_ms":…,"crc":"…"}  …and resumed it after paused_ms
//   {"rec":"end","seq":13,"ending":"e1","outcome":"e1","at_ms":…,"scores":{…},"never_events":N,"crc":"…"}
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "file_io.h"
#include "platform/file.h"
#include "session.h"

namespace sigap {

inline constexpr int kLogFormatVersion = 1;
inline constexpr const char* kLogExtension = ".sigap.jsonl";

// The canonical line for a record: `record` plus "seq" and "crc", newline-terminated.
std::string EncodeLogRecord(nlohmann::json record, std::int64_t seq);

class SessionLogWriter {
 public:
  // Creates a new log (fails if the file exists) and durably writes the header.
  static std::unique_ptr<SessionLogWriter> Create(const std::string& path, const nlohmann::json& header,
                                                  IoError& error, FaultInjector faults = {});
  // Opens an existing log and takes its writer's lock: one writer per log, across processes. The
  // lock is the system's (released when the file is closed or the process dies). When another
  // window or program holds it, returns null with `held_elsewhere` set. Read the log only after
  // claiming it, then call ContinueAt: what was read cannot change under the writer.
  static std::unique_ptr<SessionLogWriter> Claim(const std::string& path, IoError& error, bool& held_elsewhere,
                                                 FaultInjector faults = {});
  // Continues after the first `valid_bytes` (a torn tail is cut off), numbering from `next_seq`.
  bool ContinueAt(std::uint64_t valid_bytes, std::int64_t next_seq, IoError& error);
  // Claim and ContinueAt in one step, for a file this program has just written.
  static std::unique_ptr<SessionLogWriter> Reopen(const std::string& path, std::uint64_t valid_bytes,
                                                  std::int64_t next_seq, IoError& error, FaultInjector faults = {});
  SessionLogWriter(const SessionLogWriter&) = delete;
  SessionLogWriter& operator=(const SessionLogWriter&) = delete;

  // Appends one record durably. On failure the file is cut back to its previous size.
  // Failures say why in an IoError (file_io.h): a coded cause, and the system's words in English.
  bool Append(const nlohmann::json& record, IoError& error);
  const std::string& path() const { return path_; }
  std::int64_t next_seq() const { return next_seq_; }

 private:
  SessionLogWriter() = default;
  std::string path_;
  platform::File file_;
  std::uint64_t size_ = 0;
  std::int64_t next_seq_ = 0;
  FaultInjector faults_;
};

// True when another window or program holds the writer's lock of the log at `path` now.
bool SessionLogOpenElsewhere(const std::string& path);

// A pause of the live room, as the team's log holds it. The session's clocks stood still during
// it (at_ms and a decision's elapsed_ms leave it out), so a timed decision stays fair.
struct PauseRecord {
  bool resume = false;             // false: "pause", true: "resume"
  std::int64_t at_ms = 0;          // session time (the same on both: the clock stood still)
  std::int64_t paused_ms = 0;      // resume only: how long the pause lasted (wall clock)
  std::size_t after_decisions = 0; // decisions before it in the log
};
nlohmann::json MakePauseRecord(const PauseRecord& p);

struct SessionLogData {
  std::string path;
  bool has_header = false;
  SessionInfo info;
  std::string scenario_id, scenario_hash, catalogue_id, catalogue_hash;
  std::vector<DecisionRecord> decisions;
  std::vector<int> decision_lines;   // 1-based line of each decision
  std::optional<nlohmann::json> end; // the end record, when the session finished
  std::vector<PauseRecord> pauses;   // pause and resume records, in order
  std::int64_t PausedMs() const;     // the resumed pauses' total
  std::vector<Diagnostic> diagnostics;
  bool corrupted = false;            // a bad record before the last line: not to be trusted
  bool torn_tail = false;            // the last line was cut off and dropped
  std::uint64_t valid_bytes = 0;     // length of the good prefix
  std::int64_t next_seq = 0;
  bool finished() const { return end.has_value(); }
  bool usable() const { return has_header && !corrupted; }
};

SessionLogData ReadSessionLog(const std::string& path, std::string_view text);
SessionLogData ReadSessionLogFile(const std::string& path);

nlohmann::json MakeLogHeader(const SessionInfo& info, const Scenario& scenario, const SopCatalogue& catalogue);
nlohmann::json MakeDecisionRecord(const DecisionRecord& r);

}  // namespace sigap
