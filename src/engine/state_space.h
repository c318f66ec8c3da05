// The reachable states of a scenario and the moves between them, found by playing every move of
// every state through a copy of a real Session: the engine's own routes, effects, conditions,
// timers, display order and scoring decide. explore.h builds its report on it; the validator can
// ask value-level questions of it (what is reachable, which conditions ever hold). docs/explore.md.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "scoring.h"
#include "session.h"

namespace sigap {

// What one decision adds to a session's score (ScoreDecisions of that record alone). A session's
// axes and never events are the sums of these over its decisions. (The steps behind it: run
// ScoreDecisions on the move's record, or on RecordFor(move, tick set).)
struct MoveScore {
  std::vector<AxisResult> axes;  // catalogue axis order
  int never_events = 0;
  bool operator==(const MoveScore& o) const;
};

enum class MoveKind { Continue, Choice, Timeout, Checklist };
const char* MoveKindName(MoveKind k);  // continue | choice | timeout | checklist

// One way out of a state. A checklist move stands for every tick set that leads to the same
// state; `tick_sets` lists them, and each has its own score (StateSpace::TickScore).
struct ExploreMove {
  std::size_t from = 0, to = 0;  // state indices
  MoveKind kind = MoveKind::Continue;
  const Choice* choice = nullptr;        // Choice, and Timeout (the timeout default)
  const LocalText* text = nullptr;       // Choice: its wording in this state (text_if applied)
  std::vector<std::uint32_t> tick_sets;  // Checklist: bit i set = items[i] (authored order) ticked
  DecisionRecord record;                 // the record Session::Apply took (checklists: the first tick set),
                                         // without `shown` (the display order is for logs)
  std::size_t score = 0;                 // index into StateSpace::scores (checklists: of `record`;
                                         // 0 adds nothing: Continue)
  std::size_t tick_table = 0;            // Checklist: its tick sets' scores (StateSpace::TickScore), one
                                         // table per node and set of items right to tick there
  bool loop_back = false;                // returns to a state on its own way from the start
};

// A state: a node and the values of the variables that are live there (some condition at that
// node or after it reads them). Sessions in the same state have the same future (routes,
// effects, conditions, texts and the display order read nothing else), whatever their history.
// A variable that is not live cannot change that future, so it is not part of a state's
// identity; `values` holds it as the first session to get here had it.
struct ExploreState {
  const Node* node = nullptr;
  std::vector<double> values;             // Scenario::variables order
  std::vector<std::size_t> moves;         // leaving this state, indices into StateSpace::moves
  std::optional<std::size_t> reached_by;  // the move that first reached it (a shortest way in)
  std::size_t depth = 0;                  // moves from the start on that way
};

// A problem the engine itself would hit in a reachable state.
struct ExploreProblem {
  std::string code;  // the engine's refusal code (ENG007: timeout default not available)
  std::size_t state = 0;
  std::string message;
};

struct ExploreLimits {
  std::size_t max_states = 100'000;     // exhaustive search gives up beyond these...
  std::size_t max_applies = 1'000'000;  // ...Session::Apply calls (a deterministic measure of time)
  double max_seconds = 0;               // 0: no wall-clock limit, so the report depends on the input
                                        // alone. Otherwise the whole report: exhaustive search stops
                                        // at half of it, the sample at three quarters, strategies at
                                        // all of it (results then depend on the machine's speed)
  std::size_t sample_paths = 20'000;    // the fallback: this many seeded random play-throughs...
  std::size_t sample_applies = 1'000'000;  // ...or this many moves, whichever comes first
  std::uint64_t seed = 1;               // for the sample and the random strategies
};

// Every reachable state, or (when a limit was hit) the states a seeded random sample reached.
class StateSpace {
 public:
  static StateSpace Explore(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue,
                            const ExploreLimits& limits = {});

  const Scenario& scenario() const { return *scenario_; }
  const SopCatalogue& catalogue() const { return *catalogue_; }
  const std::shared_ptr<const Scenario>& scenario_ptr() const { return scenario_; }
  const std::shared_ptr<const SopCatalogue>& catalogue_ptr() const { return catalogue_; }
  const std::vector<ExploreState>& states() const { return states_; }  // states()[0] is the start
  const std::vector<ExploreMove>& moves() const { return moves_; }
  const std::vector<MoveScore>& scores() const { return scores_; }
  const std::vector<ExploreProblem>& problems() const { return problems_; }

  bool exhaustive() const { return exhaustive_; }              // false: a sample, "never" claims are not proven
  const std::string& limit_hit() const { return limit_hit_; }  // why it fell back to sampling
  std::size_t sampled_paths() const { return sampled_paths_; }
  std::size_t applies() const { return applies_; }  // Session::Apply calls made
  double seconds() const { return seconds_; }
  std::size_t loop_moves() const;  // moves marked loop_back

  // Value-level questions.
  const std::vector<std::size_t>& StatesAt(const Node& node) const;
  std::vector<std::size_t> StatesAt(const std::string& node_id) const;  // none for an unknown id
  bool Reached(const std::string& node_id) const { return !StatesAt(node_id).empty(); }
  // States at the choice's decision where it is offered (its condition holds).
  std::vector<std::size_t> StatesOffering(const std::string& node_id, const std::string& choice_id) const;
  std::map<std::string, double> Values(std::size_t state) const;
  bool Holds(const Condition& c, std::size_t state) const;  // the condition in that state
  std::vector<bool> CanFinish() const;                      // per state: some ending is reachable from it
  // The decisions on the first way found into a state (replayable with Session::Apply).
  std::vector<DecisionRecord> PathTo(std::size_t state) const;
  // The record and the score of one of a checklist move's tick sets.
  DecisionRecord RecordFor(const ExploreMove& move, std::uint32_t tick_set) const;
  std::size_t TickScore(const ExploreMove& move, std::uint32_t tick_set) const;
  // Per variable (Scenario::variables order): read by a condition at this node or after it.
  const std::vector<bool>& LiveVariables(const Node& node) const;

 private:
  std::shared_ptr<const Scenario> scenario_;
  std::shared_ptr<const SopCatalogue> catalogue_;
  std::vector<ExploreState> states_;
  std::vector<ExploreMove> moves_;
  std::vector<MoveScore> scores_;
  std::vector<ExploreProblem> problems_;
  std::vector<std::vector<bool>> live_;                // [node index][variable]
  std::vector<std::vector<std::size_t>> tick_scores_;  // [ExploreMove::tick_table][tick set] → scores_ index
  std::vector<std::vector<std::size_t>> by_node_;      // [node index] → its states
  bool exhaustive_ = true;
  std::string limit_hit_;
  std::size_t sampled_paths_ = 0;
  std::size_t applies_ = 0;
  double seconds_ = 0;
  friend class StateSpaceBuilder;
};

// A play-through as `sigap play --choices` takes it: "a,b,x+y,-,timeout" (FormatAnswer of each
// record, answer.h, joined by commas).
std::string ChoicesArgument(const std::vector<DecisionRecord>& records);

// Characters (Unicode code points) of UTF-8 text, as the team reads it.
std::size_t TextLength(const std::string& utf8);

}  // namespace sigap
