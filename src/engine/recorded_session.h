// A Session tied to its log file: each decision is prepared, written durably, then applied.
// This is what the GUI and the CLI play through; it is the only writer of session logs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "loader.h"
#include "scoring.h"
#include "session.h"
#include "session_log.h"

namespace sigap {

struct DecideResult {
  std::optional<Refusal> refused;  // set: nothing happened
  bool saved = true;               // false: applied in memory only (see save_error)
  std::string save_error;
};

class RecordedSession {
 public:
  // Starts a new session and writes its header under `results_dir`.
  static std::variant<RecordedSession, std::string> Start(std::shared_ptr<const Scenario> scenario,
                                                         std::shared_ptr<const SopCatalogue> catalogue, SessionInfo info,
                                                         const std::string& results_dir, FaultInjector faults = {});
  // Resumes an unfinished log, replaying its decisions against the scenario in `library`.
  static std::variant<RecordedSession, std::string> Resume(const std::string& log_path, const ContentLibrary& library,
                                                          FaultInjector faults = {});

  Session& session() { return *session_; }
  const Session& session() const { return *session_; }
  const std::string& log_path() const { return log_path_; }
  bool saved() const { return unsaved_error_.empty(); }
  // Resumed from a log whose scenario (or SOP catalogue) content hash differs from the installed
  // file: the session replays, but the host must say so rather than silently re-read it.
  bool scenario_changed() const { return scenario_changed_; }
  bool catalogue_changed() const { return catalogue_changed_; }
  const std::string& unsaved_error() const { return unsaved_error_; }

  DecideResult Choose(const std::string& choice_id, std::int64_t elapsed_ms, std::int64_t at_ms);
  DecideResult SubmitChecklist(const std::vector<std::string>& ticked, std::int64_t elapsed_ms, std::int64_t at_ms);
  DecideResult TimeOut(std::int64_t elapsed_ms, std::int64_t at_ms, const std::vector<std::string>& ticked = {});
  std::optional<Refusal> Continue() { return session_->Continue(); }

  SessionScore Score() const;

  // After a write failure: writes the whole session as a new log in `dir` and continues there.
  bool SaveElsewhere(const std::string& dir, std::string& error);
  // Copies the log to `dir` (a USB stick) and checks the copy reads back identically.
  bool CopyLogTo(const std::string& dir, std::string& copied_path, std::string& error) const;

 private:
  RecordedSession() = default;
  DecideResult Commit(std::variant<DecisionRecord, Refusal> prepared);
  bool WriteEndIfEnded(std::string& error);
  std::string LogText() const;  // the whole session as log lines (for SaveElsewhere)

  std::unique_ptr<Session> session_;
  std::unique_ptr<SessionLogWriter> writer_;
  std::string log_path_;
  std::string unsaved_error_;
  bool end_written_ = false;
  bool scenario_changed_ = false;
  bool catalogue_changed_ = false;
  FaultInjector faults_;
};

// The log's file name: <UTC time>_<pseudonym>_<scenario>_<session id prefix>.sigap.jsonl
std::string LogFileName(const SessionInfo& info, const std::string& scenario_id);
// Lower-case ASCII letters, digits and '-' only (max 32): no personal data beyond the pseudonym.
std::string SanitisePseudonym(const std::string& team);
std::string UtcNowIso8601();

struct SessionSummary {
  std::string path;
  SessionInfo info;
  std::string scenario_id;
  std::size_t decisions = 0;
  bool finished = false;
  bool usable = false;
};
// The session logs in a folder (not recursive), newest first.
std::vector<SessionSummary> ListSessions(const std::string& dir);

nlohmann::json MakeEndRecord(const Session& s, const SessionScore& score, std::int64_t at_ms);

}  // namespace sigap
