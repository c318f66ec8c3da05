// Debrief: many teams' session logs → what the facilitator shows the room.
// Import is read-only (nothing in the source folders is touched). Scores are recomputed from
// each log and the installed scenario; a log whose scenario changed since is flagged.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "library.h"
#include "problem.h"
#include "scoring.h"
#include "session_log.h"

namespace sigap {

// One copy of a session that disagrees with another copy of it (a log resumed on two laptops from
// a USB copy): what the facilitator needs to choose between them.
struct SessionCopy {
  std::string path;
  SessionLogData log;
};

struct ImportedSession {
  std::string path;                         // the copy kept: the one with the most records (first found on a tie)
  std::vector<std::string> duplicate_paths; // other copies of the same session: each the same or an earlier
                                            // state of the kept one (copied mid-game), so nothing is lost
  std::vector<SessionCopy> rivals;          // copies that disagree with the kept one (neither extends the
                                            // other). While there are any the session is a conflict: it is
                                            // in no debrief until the facilitator chooses (DebriefBook::ChooseCopy)
  std::vector<std::string> set_aside_paths; // rival copies the facilitator did not choose
  SessionLogData log;
  std::shared_ptr<const Scenario> scenario; // null when the scenario is not installed
  std::shared_ptr<const SopCatalogue> catalogue;
  std::shared_ptr<const FacilitatorGuide> guide;  // the scenario's guide when installed (the report prints it)
  bool scenario_changed = false;            // content hash differs from the installed scenario
  bool catalogue_changed = false;           // the SOP catalogue's hash differs (scores may differ)
  bool replay_ok = false;                   // the decisions replay against the installed scenario
  std::string replay_error;
  std::size_t decisions_replayed = 0;       // log.decisions[0, decisions_replayed) fit the scenario
  std::vector<std::string> path_nodes;      // nodes visited, in order (from the replay)
  SessionScore score;                       // recomputed over the replayed decisions
  std::string outcome_id;                   // the ending's outcome id, "" when unfinished
  std::string outcome_rating;               // good | mixed | bad | ""
  std::vector<std::size_t> impossible_times; // indices into log.decisions whose time cannot be true (negative,
                                            // or longer than a workshop): reported, kept out of the medians
  std::string end_contradiction;            // how the log's end record disagrees with the replayed ending or
                                            // scores ("" when it agrees); the debrief shows the replayed result
  bool conflict() const { return !rivals.empty(); }
  bool finished() const { return log.finished(); }
  const std::string& team() const { return log.info.team; }
};

// A decision time no workshop can produce: more than this, or negative (DBR015).
inline constexpr std::int64_t kLongestDecisionMs = 12LL * 60 * 60 * 1000;

// Two or more copies of one session that disagree, as the facilitator chooses between them.
struct SessionConflict {
  std::string session_id, team, scenario_id;
  std::size_t common_decisions = 0;  // the decisions every copy shares before they part
  struct Copy {
    std::string path;
    std::size_t decisions = 0;
    bool finished = false;
    std::string outcome;             // the end record's outcome id, "" when unfinished
    std::string laptop;              // the header's laptop pseudonym
    std::int64_t last_at_ms = 0;     // the last decision's time since the session started
  };
  std::vector<Copy> copies;          // the kept copy first, then the rivals in the order found
};

struct ImportResult {
  std::vector<ImportedSession> sessions;    // logs with a valid header (a damaged one: its good part), one per session id
  std::vector<Diagnostic> problems;         // corrupted or unreadable files, scenarios not installed,
                                            // logs that no longer replay: each with its place
  std::size_t files_scanned = 0;
  std::size_t duplicates_merged = 0;
  std::vector<std::string> files;           // every result file read (canonical paths), sorted
  std::vector<Diagnostic> file_problems;    // problems found while reading files (part of `problems`)
};

// Files and folders (searched recursively for *.sigap.jsonl). When the same session appears
// more than once, the copy with the most records wins and the others are listed as duplicates.
// The result holds data only; a DebriefBook (below) turns it into debriefs and keeps them valid.
// Copies that disagree are kept side by side (ImportedSession::rivals), never merged. A damaged log
// imports the decisions before its first damaged record, with the problem reported.
ImportResult ImportResults(const std::vector<std::string>& paths, const ContentLibrary& library);
// The sessions whose copies disagree, in import order.
std::vector<SessionConflict> Conflicts(const ImportResult& imported);

// A key that is the same for every spelling of one file's path (canonical when it exists).
std::string ResultFileKey(const std::string& path);

// The letter of the row a decision's timeout outcome (kTimeoutOption) has among its options.
inline constexpr const char* kTimeoutLetter = "\u23F1";  // ⏱

struct OptionCount {
  std::string option;     // choice id or checklist item id; kTimeoutOption: the timer's own outcome
  std::string letter;     // its authored letter (Decision::OptionLetter): what screens and exports show
  int teams = 0;          // how many teams chose / ticked it
  Verdict worst = Verdict::Follows;  // worst verdict among its tags (Follows when untagged)
  bool recommended = false;          // the SOP answer: a choice whose tags all follow the SOP,
                                     // or a checklist item marked correct (in every state: not one
                                     // whose "correct" is a condition on the story)
};

// Whether the place on screen mattered: how often teams picked what was shown first or last,
// beside what chance alone gives, from the display order each answer records (`shown`). Single
// choice: the option chosen; checklist: the items ticked. Answers without a recorded order (logs
// from before it was recorded) and timeouts that took the default (no one picked it) are skipped.
struct PositionCount {
  int answers = 0;                  // answers counted
  int skipped = 0;                  // answers without a display order, or default taken at timeout
  int first = 0, last = 0;          // picks of the option (ticks of the item) shown first / last
  double expected_first = 0;        // what chance gives: Σ 1/n (checklist: Σ ticked/n) over answers
  double expected_last = 0;
  std::vector<int> at;              // [k]: picks (ticks) at display position k, 0-based
  std::vector<double> expected_at;  // [k]: what chance gives there
  // first / expected_first: 1 is chance, 2 twice as often as chance; nullopt with no answers.
  std::optional<double> FirstRatio() const;
  std::optional<double> LastRatio() const;
};

struct DecisionAggregate {
  std::string node;
  bool checklist = false;
  int teams_reached = 0;
  int timeouts = 0;
  std::vector<OptionCount> options;          // in the scenario's order, zero counts included
  std::vector<std::int64_t> elapsed_ms;      // per team reached, in team order (-1: not reached); an
                                             // impossible time (DBR016) is left out of the sum
  std::vector<bool> time_impossible;         // per team: a time was left out, so the team is left out of the median
  PositionCount position;                    // every answer of every team (a loop's repeats count)
  std::optional<std::int64_t> MedianElapsed() const;
};

struct CriticalMoment {
  std::string node, option, step;
  std::vector<std::size_t> teams;  // indexes into ScenarioDebrief::teams
};

// Critical moments of one choice by the same teams, with all the steps it broke: what a
// slide or a report shows as one item ("2 teams chose dp8 c: 4 never events").
struct CriticalChoice {
  std::string node, option;
  std::vector<std::string> steps;
  std::vector<std::size_t> teams;
};

struct ScenarioDebrief {
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const SopCatalogue> catalogue;
  std::shared_ptr<const FacilitatorGuide> guide;   // null when the scenario has no guide
  std::vector<const ImportedSession*> teams;       // sessions of this scenario (finished first, by team name)
  std::vector<std::string> steps;                  // SOP step rows: assessed or touched, catalogue order
  std::vector<std::vector<StepStatus>> heat;       // [step row][team]
  std::vector<DecisionAggregate> decisions;        // decision nodes in the scenario's order
  std::map<std::pair<std::string, std::string>, int> edges;  // (from node, to node) → teams
  std::vector<CriticalMoment> critical_moments;    // most teams first
  PositionCount position_single;                   // all single-choice decisions together
  const DecisionAggregate* FindDecision(const std::string& node) const;
  // critical_moments merged by node, option and teams, in the same order (most teams first).
  std::vector<CriticalChoice> CriticalChoices() const;
};

// The facilitator's imported results and the debriefs made of them, kept consistent by this one
// owner: the debriefs point into the sessions it holds and are rebuilt whenever they change, so
// no host re-aggregates by hand and no debrief outlives its sessions. Copyable (the copy builds
// its own debriefs), so a host can keep one for "undo".
class DebriefBook {
 public:
  DebriefBook() = default;
  DebriefBook(const DebriefBook& other);
  DebriefBook& operator=(const DebriefBook& other);
  DebriefBook(DebriefBook&&) noexcept = default;             // a moved vector keeps its elements in place
  DebriefBook& operator=(DebriefBook&&) noexcept = default;

  // Imports more files and folders (drag-and-drop, a second USB stick): copies of a session
  // already here are merged again. Returns the number of sessions that are new.
  std::size_t Add(const std::vector<std::string>& paths, const ContentLibrary& library);
  // Reads every source again against `library` (scenarios installed or changed since). Choices
  // between copies (ChooseCopy) are kept.
  void Reload(const ContentLibrary& library);
  void Clear();

  // Sessions whose copies disagree and wait for the facilitator's choice (none is in a debrief).
  std::vector<SessionConflict> Conflicts() const { return sigap::Conflicts(imported_); }
  // Keeps the copy at `path` of session `session_id` and sets the others aside (they stay listed in
  // ImportedSession::set_aside_paths); the choice holds across Add and Reload. False when no
  // conflicting copy of that session has that path.
  bool ChooseCopy(const std::string& session_id, const std::string& path);
  // The choices made, session id → the chosen copy's file key (what a host remembers across restarts).
  const std::map<std::string, std::string>& ChosenCopies() const { return chosen_; }
  void SetChosenCopies(std::map<std::string, std::string> chosen) { chosen_ = std::move(chosen); }

  bool Empty() const { return imported_.sessions.empty() && imported_.problems.empty(); }
  const ImportResult& Imported() const { return imported_; }
  // One debrief per scenario that has at least one usable session, in scenario-title order.
  const std::vector<ScenarioDebrief>& Scenarios() const { return debriefs_; }
  // Every path added, in the order given (what a host remembers across restarts).
  const std::vector<std::string>& Sources() const { return sources_; }
  // True when `path` is one of the result files read (an export must never replace one).
  bool IsResultFile(const std::string& path) const;

 private:
  void Rebuild();
  ImportResult imported_;
  std::vector<ScenarioDebrief> debriefs_;
  std::vector<std::string> sources_;
  std::map<std::string, std::string> chosen_;  // session id → ResultFileKey of the copy chosen
};

// "Tim A", "Tim B", … for anonymised presentation (index 26 → "Tim AA"); "Team A" in English.
std::string AnonymousTeamName(std::size_t index, Lang lang);
// The name to show for teams[index]: the pseudonym, or AnonymousTeamName when anonymising.
std::string TeamDisplayName(const ScenarioDebrief& debrief, std::size_t index, Lang lang, bool anonymise);

// ---- Exports ---------------------------------------------------------------------------------
// CSV: one row per team decision (RFC 4180, UTF-8, CRLF), after a header row:
//   scenario,session,team,decision,node,options,timed_out,elapsed_ms,step,verdict,reason,item,
//   step_label,finished,scenario_changed,option_ids,item_id,shown,session_verdict,members,laptop,started_utc
// decision: 1-based number in the team's log; options: the choice's letter (Decision::OptionLetter,
// what the team's screen showed), or the ticked checklist items' letters joined by '+' ('-' for
// none); reason: chosen | timed_out | unconfirmed | hit | miss | false_alarm (TagReasonName), or
// "unscored" for a decision the installed scenario no longer has; item: the letter of the
// checklist item a hit/miss/false alarm is about; step_label: the SOP step's label in `lang`;
// option_ids and item_id: the same as ids (for machines); shown: the display order as letters
// separated by spaces ("" in logs without it); session_verdict: SessionVerdictName (scoring.h);
// members, laptop, started_utc: the initials typed at the start (empty when anonymised), the
// laptop's pseudonym and the session's start: what tells two teams of one name apart.
// A decision with several tags gives one row per tag; an untagged decision gives one row with
// empty step, verdict and reason. Every cell that a spreadsheet would run as a formula (a team
// name, a session id or an id from a log starting with =, +, -, @) is prefixed with an apostrophe.
std::string ExportCsv(const std::vector<ScenarioDebrief>& debriefs, Lang lang);
// The same with team names replaced by AnonymousTeamName when `anonymise` is set.
std::string ExportCsv(const std::vector<ScenarioDebrief>& debriefs, Lang lang, bool anonymise);
// A self-contained printable HTML report: every scenario, team, step; charts as inline SVG.
std::string ExportHtml(const std::vector<ScenarioDebrief>& debriefs, Lang lang, bool anonymise);
// xAPI 1.0.3 statements (one per decision) as a JSON array for an LRS's bulk load. The actor is
// the team as a Group (account homePage "urn:sigap", name = session id); the verb "answered";
// the object "urn:sigap:scenario:<id>:node:<node>"; context.registration the session id as a
// UUID (version and variant bits set: see SessionRegistration); the SOP tags under
// context.extensions["urn:sigap:ext:sop"]. Options are named by their letter (Decision::OptionLetter):
// the interaction's choices, correctResponsesPattern and result.response use letters, the ids are
// in definition.extensions["urn:sigap:ext:option-ids"] (letter → id) and
// result.extensions["urn:sigap:ext:response-ids"]; the display order, when the log has it, in
// result.extensions["urn:sigap:ext:shown"]. Each finished session adds a "completed" statement on
// the scenario: result.success is its verdict (SessionVerdict::Passed), result.score.scaled its
// SOP axis as earned, the axes with their verdicts under "urn:sigap:ext:axes". Every statement's
// context.extensions["urn:sigap:ext:team"] holds the team's members (initials; left out when
// anonymised), laptop and started (UTC), when known. Statement ids are deterministic.
nlohmann::json ExportXapi(const std::vector<ScenarioDebrief>& debriefs);
// The same with the Group names anonymised ("Tim A"…; the account still holds the session id).
nlohmann::json ExportXapi(const std::vector<ScenarioDebrief>& debriefs, bool anonymise);
// ---- Writing exports to files ----------------------------------------------------------------
enum ExportFormat : unsigned { kExportCsv = 1, kExportHtml = 2, kExportXapi = 4, kExportAll = 7 };
struct ExportRequest {
  std::string csv, html, xapi;  // files to write ("" = not asked for)
  Lang lang = Lang::Id;
  bool anonymise = false;
};
// The usual names in `dir`: sigap-debrief-DATE.csv, sigap-debrief-DATE.html, sigap-debrief-DATE-xapi.json.
ExportRequest ExportsIn(const std::string& dir, unsigned formats, const std::string& date);
std::string LocalDate();  // today on this computer, YYYY-MM-DD
// Writes the exports asked for, each durably. Nothing is written when a target is one of the
// result files the book read (EXP001); a write that fails is EXP002 (the others are still
// written). `written` receives the paths written.
std::vector<Problem> WriteExports(const DebriefBook& book, const ExportRequest& request, std::vector<std::string>* written = nullptr);

// The session id as an RFC 4122 UUID (8-4-4-4-12): the 32 hex digits with the version nibble set
// to 4 and the variant to 10xx, so that a strict LRS accepts it. Other ids are hashed first.
std::string SessionRegistration(const std::string& session_id);

}  // namespace sigap
