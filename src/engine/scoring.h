// Scoring a session against the SOP catalogue. Always recomputed from the decision records and
// the scenario (never stored as truth), so a corrected scenario re-scores old sessions.
#pragma once

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

struct AxisResult {
  std::string axis;
  double earned = 0;    // weight of follows tags
  double possible = 0;  // weight of all tags
  std::optional<double> Percent() const {
    if (possible <= 0) return std::nullopt;
    return 100.0 * earned / possible;
  }
};

struct ChecklistResult {
  std::size_t decision = 0;
  std::string node;
  int hits = 0, misses = 0, false_alarms = 0, correct_items = 0;
};

struct SessionScore {
  std::vector<ScoredTag> tags;
  std::vector<StepResult> steps;     // catalogue order: every assessed or touched step
  std::vector<AxisResult> axes;      // catalogue order
  std::vector<ScoredTag> never_events;
  std::vector<ChecklistResult> checklists;
  const StepResult* FindStep(const std::string& id) const;
  const AxisResult* FindAxis(const std::string& id) const;
};

SessionScore ScoreDecisions(const Scenario& scenario, const SopCatalogue& catalogue,
                            const std::vector<DecisionRecord>& decisions);

}  // namespace sigap
