// A Session tied to its log file: each decision is prepared, written durably, then applied.
// This is what the GUI and the CLI play through; it is the only writer of session logs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "library.h"
#include "scoring.h"
#include "session.h"
#include "session_log.h"

namespace sigap {

struct DecideResult {
  std::optional<Problem> refused;  // set: nothing happened
  bool saved = true;               // false: applied in memory only (see save_problem)
  Problem save_problem;            // SAV002: why the decision is not on disk
};

class RecordedSession {
 public:
  // Starts a new session and writes its header under `results_dir` (SAV001 when it cannot).
  static std::variant<RecordedSession, Problem> Start(std::shared_ptr<const Scenario> scenario,
                                                         std::shared_ptr<const SopCatalogue> catalogue, SessionInfo info,
                                                         const std::string& results_dir, FaultInjector faults = {});
  // Resumes an unfinished log, replaying its decisions against the scenario in `library`
  // (RES001…RES006, ENG011 when it cannot). RES006: another window or program is writing it.
  static std::variant<RecordedSession, Problem> Resume(const std::string& log_path, const ContentLibrary& library,
                                                          FaultInjector faults = {});

  Session& session() { return *session_; }
  const Session& session() const { return *session_; }
  const std::string& log_path() const { return log_path_; }
  bool saved() const { return unsaved_.code.empty(); }
  // Resumed from a log whose scenario (or SOP catalogue) content hash differs from the installed
  // file: the session replays, but the host must say so rather than silently re-read it.
  bool scenario_changed() const { return scenario_changed_; }
  bool catalogue_changed() const { return catalogue_changed_; }
  const Problem& unsaved() const { return unsaved_; }

  DecideResult Choose(const std::string& choice_id, std::int64_t elapsed_ms, std::int64_t at_ms);
  DecideResult SubmitChecklist(const std::vector<std::string>& ticked, std::int64_t elapsed_ms, std::int64_t at_ms);
  // `selected`: the choice selected but not confirmed, or the ticked items (see PrepareTimeout).
  DecideResult TimeOut(std::int64_t elapsed_ms, std::int64_t at_ms, const std::vector<std::string>& selected = {});
  DecideResult Answer(const sigap::Answer& answer, std::int64_t elapsed_ms, std::int64_t at_ms);
  std::optional<Problem> Continue() { return session_->Continue(); }
  // The live room paused (or resumed): the record goes into the log, so that the debrief sees
  // why a decision took longer on the wall clock than its elapsed_ms says. `at_ms` is the
  // session time, which the host stops during the pause. SAV002 when it cannot be written; the
  // session goes on either way. Refused (ENG015) once the session has ended.
  std::optional<Problem> Pause(std::int64_t at_ms);
  std::optional<Problem> Resume(std::int64_t at_ms, std::int64_t paused_ms);
  const std::vector<PauseRecord>& Pauses() const { return pauses_; }

  SessionScore Score() const;

  // The time a team has spent on the decision on screen, kept beside the log in
  // "<log>.clock" (the host notes it every few seconds), so that a session resumed after a crash
  // or a kill continues a timed decision's countdown where it stopped instead of at full time.
  // Best effort: the log itself never depends on it.
  void NoteTimeOnDecision(std::int64_t spent_ms);
  // On a resumed session: the time noted for the decision now on screen (0 when none was, or
  // once that decision is made). Scenes before it are passed again after a resume, so this is
  // asked whenever a node appears.
  std::int64_t TimeOnDecisionBeforeResume() const;
  static std::string ClockPath(const std::string& log_path) { return log_path + ".clock"; }

  // After a write failure: writes the whole session as a new log in `dir` and continues there
  // (SAV003 when it cannot).
  std::optional<Problem> SaveElsewhere(const std::string& dir);
  // Copies the log to `dir` (a USB stick) and checks the copy reads back identically (CPY001,
  // CPY002 when not).
  std::optional<Problem> CopyLogTo(const std::string& dir, std::string& copied_path) const;

 private:
  RecordedSession() = default;
  DecideResult Commit(std::variant<DecisionRecord, Problem> prepared);
  std::optional<Problem> WriteBreak(PauseRecord p);
  std::optional<Problem> WriteEndIfEnded();
  std::string LogText() const;  // the whole session as log lines (for SaveElsewhere)

  std::unique_ptr<Session> session_;
  std::unique_ptr<SessionLogWriter> writer_;
  std::string log_path_;
  Problem unsaved_;  // the first write that failed (code empty: everything is on disk)
  bool end_written_ = false;
  bool scenario_changed_ = false;
  bool catalogue_changed_ = false;
  struct NotedClock {
    std::size_t decisions = 0;
    std::string node;
    std::int64_t spent_ms = 0;
  };
  std::optional<NotedClock> resumed_clock_;
  std::vector<PauseRecord> pauses_;  // as written, so that SaveElsewhere writes them again
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
