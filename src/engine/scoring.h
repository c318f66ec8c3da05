// Scoring a session against the SOP catalogue. Always recomputed from the decision records and
// the scenario (never stored as truth), so a corrected scenario re-scores old sessions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "session.h"

namespace sigap {

enum class StepStatus { NotReached, Followed, Violated, Critical };
const char* StepStatusName(StepStatus s);  // not_reached | followed | violated | critical
// The status a single tag gives its step: follows → followed, violates → violated, critical → critical.
StepStatus StatusOf(Verdict v);

// Why a tag applies: the team chose it, ticked it, missed it, it was the timeout default, or
// it was the team's selection when time ran out before they confirmed it.
enum class TagReason { Chosen, TimedOut, Hit, Miss, FalseAlarm, Unconfirmed };
const char* TagReasonName(TagReason r);

// One scored point: the decision, the SOP step and the feedback behind it.
struct ScoredTag {
  std::size_t decision = 0;      // index into the session's decisions
  std::string node;
  std::string option;            // choice id or checklist item id
  std::string step;
  Verdict verdict = Verdict::Follows;
  TagReason reason = TagReason::Chosen;
  const LocalText* feedback = nullptr;  // the choice's, item's or checklist's explanation
  const std::string* source = nullptr;
};

struct StepResult {
  std::string step;
  StepStatus status = StepStatus::NotReached;
  int follows = 0, violations = 0, criticals = 0;
};

// Never events weigh on every axis (docs/scoring.md, "When a session passes"): a session passes
// when it ended at an ending not rated bad, broke no never-event step, and scored at least
// kPassPercent on every axis it was scored on. The same 60 % that no test-wise team may reach on
// the SOP axis (explore.h, kTestWiseSopLimit): a pass must be out of reach of guessing.
inline constexpr double kPassPercent = 60.0;

enum class AxisVerdict { NotScored, Passed, Failed };
const char* AxisVerdictName(AxisVerdict v);  // not_scored | passed | failed

struct AxisResult {
  std::string axis;
  double earned = 0;    // weight of follows tags
  double possible = 0;  // weight of all tags
  // The session broke a never-event step: this axis reads "failed" whatever its percent. The
  // percent itself stays what the team earned (explore's ranges and the facilitator need it).
  bool capped = false;
  std::optional<double> Percent() const {
    if (possible <= 0) return std::nullopt;
    return 100.0 * earned / possible;
  }
  // Failed when capped or below kPassPercent; NotScored when nothing on this axis was assessed.
  AxisVerdict Verdict() const;
};

struct ChecklistResult {
  std::size_t decision = 0;
  std::string node;
  int hits = 0, misses = 0, false_alarms = 0, correct_items = 0;
  // Per item (authored order): whether ticking it was right in the state the team answered in
  // (an item's "correct" may be a condition on the story).
  std::vector<bool> right;
};

// What the end screen, the dashboard, the exports and the CLI say of a session as a whole.
enum class SessionVerdict { Unfinished, Passed, NotPassed };
const char* SessionVerdictName(SessionVerdict v);  // unfinished | passed | not_passed

struct SessionScore {
  std::vector<ScoredTag> tags;
  std::vector<StepResult> steps;     // catalogue order: every assessed or touched step
  std::vector<AxisResult> axes;      // catalogue order
  std::vector<ScoredTag> never_events;
  std::vector<ChecklistResult> checklists;
  // NotPassed as soon as a never event happens (nothing later can undo it); otherwise Unfinished
  // until JudgeEnding (or ScoreSession) knows the ending.
  SessionVerdict verdict = SessionVerdict::Unfinished;
  // Why NotPassed (every reason that applies): a never event, an ending rated bad, and the axes
  // scored below kPassPercent (ids, catalogue order).
  bool bad_ending = false;
  std::vector<std::string> axes_below;
  const StepResult* FindStep(const std::string& id) const;
  const AxisResult* FindAxis(const std::string& id) const;
};

// The values of the variables when each decision was answered (index = decision).
using ValuesAt = std::vector<std::map<std::string, double>>;

// The tags, steps, axes (capped when there is a never event) and never events of these decisions.
// The verdict is provisional: see JudgeEnding. A checklist item whose correctness depends on the
// story is judged on `values` (the state the team answered in); without them, and when the
// scenario has such an item, the decisions are replayed from the start to find them.
SessionScore ScoreDecisions(const Scenario& scenario, const SopCatalogue& catalogue,
                            const std::vector<DecisionRecord>& decisions, const ValuesAt* values = nullptr);
// Those values, by replaying `decisions` from the start (up to the first one the scenario refuses;
// the later ones get the values it stopped with).
ValuesAt ReplayValues(const Scenario& scenario, const SopCatalogue& catalogue, const std::vector<DecisionRecord>& decisions);
// Settles the verdict: `ended` false while the session is unfinished; `rating` the ending's
// rating (good | mixed | bad).
void JudgeEnding(SessionScore& score, bool ended, const std::string& rating);
// ScoreDecisions over the session's history, judged with its ending (when it has ended).
SessionScore ScoreSession(const Session& session);

}  // namespace sigap
