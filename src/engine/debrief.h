// Debrief: many teams' session logs → what the facilitator shows the room.
// Import is read-only (nothing in the source folders is touched). Scores are recomputed from
// each log and the installed scenario; a log whose scenario changed since is flagged.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "loader.h"
#include "scoring.h"
#include "session_log.h"

namespace sigap {

struct ImportedSession {
  std::string path;                         // the first copy found
  std::vector<std::string> duplicate_paths; // other copies of the same session (merged)
  SessionLogData log;
  std::shared_ptr<const Scenario> scenario; // null when the scenario is not installed
  std::shared_ptr<const SopCatalogue> catalogue;
  bool scenario_changed = false;            // content hash differs from the installed scenario
  bool replay_ok = false;                   // the decisions replay against the installed scenario
  std::string replay_error;
  std::vector<std::string> path_nodes;      // nodes visited, in order (from the replay)
  SessionScore score;                       // recomputed (valid when replay_ok)
  std::string outcome_id;                   // the ending's outcome id, "" when unfinished
  std::string outcome_rating;               // good | mixed | bad | ""
  bool finished() const { return log.finished(); }
  const std::string& team() const { return log.info.team; }
};

struct ImportResult {
  std::vector<ImportedSession> sessions;    // usable logs, one per session id
  std::vector<Diagnostic> problems;         // corrupted or unreadable files, with their place
  std::size_t files_scanned = 0;
  std::size_t duplicates_merged = 0;
};

// Files and folders (searched recursively for *.sigap.jsonl). When the same session appears
// more than once, the copy with the most records wins and the others are listed as duplicates.
ImportResult ImportResults(const std::vector<std::string>& paths, const ContentLibrary& library);
// Adds more paths to an existing import (drag-and-drop), merging duplicates again.
void ImportMore(ImportResult& into, const std::vector<std::string>& paths, const ContentLibrary& library);

struct OptionCount {
  std::string option;     // choice id or checklist item id
  int teams = 0;          // how many teams chose / ticked it
  Verdict worst = Verdict::Follows;  // worst verdict among its tags (Follows when untagged)
  bool recommended = false;          // the SOP answer: a choice whose tags all follow the SOP,
                                     // or a checklist item marked correct
};

struct DecisionAggregate {
  std::string node;
  bool checklist = false;
  int teams_reached = 0;
  int timeouts = 0;
  std::vector<OptionCount> options;          // in the scenario's order, zero counts included
  std::vector<std::int64_t> elapsed_ms;      // per team reached, in team order (-1: not reached)
  std::optional<std::int64_t> MedianElapsed() const;
};

struct CriticalMoment {
  std::string node, option, step;
  std::vector<std::size_t> teams;  // indexes into ScenarioDebrief::teams
};

struct ScenarioDebrief {
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const SopCatalogue> catalogue;
  std::vector<const ImportedSession*> teams;       // sessions of this scenario (finished first, by team name)
  std::vector<std::string> steps;                  // SOP step rows: assessed or touched, catalogue order
  std::vector<std::vector<StepStatus>> heat;       // [step row][team]
  std::vector<DecisionAggregate> decisions;        // decision nodes in the scenario's order
  std::map<std::pair<std::string, std::string>, int> edges;  // (from node, to node) → teams
  std::vector<CriticalMoment> critical_moments;    // most teams first
  const DecisionAggregate* FindDecision(const std::string& node) const;
};

// One debrief per scenario that has at least one usable session, in scenario-title order.
std::vector<ScenarioDebrief> Aggregate(const ImportResult& imported);

// "Tim A", "Tim B", … for anonymised presentation (index 26 → "Tim AA").
std::string AnonymousTeamName(std::size_t index, Lang lang);

// ---- Exports ---------------------------------------------------------------------------------
// CSV: one row per team decision (RFC 4180, UTF-8): scenario, session, team, decision number,
// node, option(s), timed_out, elapsed_ms, SOP step, verdict, reason. A decision with several
// tags gives one row per tag; an untagged decision gives one row with empty step and verdict.
std::string ExportCsv(const std::vector<ScenarioDebrief>& debriefs, Lang lang);
// A self-contained printable HTML report: every scenario, team, step; charts as inline SVG.
std::string ExportHtml(const std::vector<ScenarioDebrief>& debriefs, Lang lang, bool anonymise);
// xAPI statements (one per decision) as a JSON array for an LRS's bulk load.
nlohmann::json ExportXapi(const std::vector<ScenarioDebrief>& debriefs);

}  // namespace sigap
