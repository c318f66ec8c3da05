// `explore`: every reachable state of a scenario, found by playing each choice through Session
// (so the engine's own routes, effects, conditions, timers and scoring decide), and the validity
// report built on it: score ranges per ending, never events, test-wise strategies. docs/explore.md.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diagnostics.h"
#include "json_reader.h"
#include "loader.h"
#include "model.h"
#include "scoring.h"
#include "session.h"

namespace sigap {

// =============================================================================================
// The state space
// =============================================================================================

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
  DecisionRecord record;                 // the record Session::Apply took (checklists: the first tick set)
  std::size_t score = 0;                 // index into StateSpace::scores (checklists: of `record`;
                                         // 0 adds nothing: Continue)
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
  double max_seconds = 10.0;            // the whole report: exhaustive search stops at half of it, the
                                        // sample at three quarters, strategies at all of it (a safety
                                        // net for huge scenarios: results then depend on speed)
  std::size_t sample_paths = 20'000;    // the fallback: this many seeded random play-throughs
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
  std::vector<std::vector<std::size_t>> tick_scores_;  // [node index][tick set] → scores_ index
  std::vector<std::vector<std::size_t>> by_node_;      // [node index] → its states
  bool exhaustive_ = true;
  std::string limit_hit_;
  std::size_t sampled_paths_ = 0;
  std::size_t applies_ = 0;
  double seconds_ = 0;
  friend class StateSpaceBuilder;
};

// =============================================================================================
// The report
// =============================================================================================

// A play-through as `sigap play --choices` takes it: "a,b,x+y,-,timeout".
std::string ChoicesArgument(const std::vector<DecisionRecord>& records);

// Characters (Unicode code points) of UTF-8 text, as the team reads it.
std::size_t TextLength(const std::string& utf8);

struct PathScore {
  std::vector<DecisionRecord> path;
  SessionScore score;  // ScoreDecisions over the path
};

struct AxisRange {
  std::string axis;
  std::optional<double> min, max;  // percent; none when no path scores this axis
  std::vector<DecisionRecord> min_path, max_path;
};

struct EndingRange {
  const Node* node = nullptr;
  std::size_t states = 0;       // states at this ending
  std::vector<AxisRange> axes;  // catalogue axis order
  int never_min = 0, never_max = 0;
  std::vector<DecisionRecord> never_min_path, never_max_path;
};

enum class SingleRule { Longest, Shortest, First, Last, Random };
enum class ChecklistRule { LongerHalf, All, None, FirstHalf, Random };
const char* SingleRuleName(SingleRule r);        // longest | shortest | first | last | random
const char* ChecklistRuleName(ChecklistRule r);  // longer_half | all | none | first_half | random

// A way of playing that reads no SOP: one rule for single choices, one for checklists, and the
// language whose text lengths the length rules compare.
struct Strategy {
  SingleRule single = SingleRule::Longest;
  ChecklistRule checklist = ChecklistRule::LongerHalf;
  Lang lang = Lang::Id;
  std::string Name() const;  // "longest+longer_half", "longest+longer_half/en"
  bool UsesLength() const;
};

struct Spread {
  std::size_t n = 0;  // runs where the value exists
  double mean = 0, sd = 0, min = 0, max = 0;
};

struct StrategyResult {
  Strategy strategy;
  std::size_t runs = 0, unfinished = 0;
  std::map<std::string, std::size_t> endings;  // ending node id → runs
  double good_share = 0;                       // runs that reached an ending rated good
  std::vector<Spread> axes;                    // catalogue axis order, percent
  Spread never_events;
  std::vector<DecisionRecord> example;  // the first run
  const Node* example_ending = nullptr;
  bool same_as_id = false;  // an /en variant that played exactly like the Indonesian one
};

// How often the length of an option gives the answer away.
struct LengthCue {
  Lang lang = Lang::Id;
  std::size_t decisions = 0;        // reached single-choice decisions with a fully correct option
  std::size_t correct_longest = 0;  // ...where a fully correct option is strictly the longest shown
  std::vector<std::string> nodes;   // those decisions
  double Share() const { return decisions ? double(correct_longest) / double(decisions) : 0.0; }
};

// The validity rules of issue 13 and what the report found against them.
inline constexpr double kTestWiseSopLimit = 60.0;   // percent on the "sop" axis (mean over runs)
inline constexpr double kTestWiseGoodLimit = 0.05;  // share of runs reaching a good ending
inline constexpr double kLongestShareLimit = 0.40;  // decisions whose correct option is the longest
// The guessing rules (test-wise strategies, the longest option) need this many single-choice
// decisions: with fewer, luck alone gets a team through (1 in 3^4 = 81 with four 3-way choices).
inline constexpr std::size_t kMinGuessDecisions = 5;

enum class Rule {
  GoodAfterNever,
  TestWiseGood,
  TestWiseSop,
  CorrectIsLongest,
  ChoiceNeverOffered,
  DecisionNeverReached,
  TimeoutUnavailable
};
struct Finding {
  Rule rule;
  std::string code;       // the sigap validate warning (SCN060…)
  std::string pointer;    // JSON pointer of the node, choice or item concerned
  std::string message;    // says what is wrong and what to do
  bool validity = false;  // one of the rules the content validity test enforces
};

struct ExploreOptions {
  ExploreLimits limits;
  int order_seeds = 64;                            // display-order seeds each deterministic strategy is played with
  int random_runs = 1000;                          // uniform random play-throughs
  std::size_t max_strategy_decisions = 400'000;  // all strategies together stop adding runs beyond this
};

struct ExploreReport {
  std::shared_ptr<const StateSpace> space;
  std::vector<EndingRange> endings;  // scenario order; only endings some path reaches
  bool ranges_exact = true;          // false on a huge space: fronts cut to fit memory
  std::vector<const Node*> endings_unreached;
  std::vector<const Node*> nodes_unreached;   // statically linked but no state reaches them
  std::optional<PathScore> good_after_never;  // a path with a never event into a good ending
  std::vector<std::pair<const Node*, const Choice*>> choices_never_offered;  // node reached, condition never true
  std::size_t stuck_states = 0;  // states from which no ending is reachable (loops that never open)
  std::vector<StrategyResult> strategies;
  LengthCue length_id, length_en;
  std::size_t single_decisions = 0;  // single-choice decisions some path reaches
  bool guess_rules_apply = false;    // single_decisions >= kMinGuessDecisions
  std::vector<Finding> findings;
  double seconds = 0;  // the whole report, state space included

  bool Valid() const;    // no validity finding
  std::string sop_axis;  // the axis the SOP rule reads ("sop", else the first)
};

ExploreReport ExploreScenario(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue,
                              const ExploreOptions& options = {});

nlohmann::json ToJson(const ExploreReport& report);

// The findings as warnings, placed with the document's positions (SCN060…SCN066).
void ValidateScenarioValidity(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue,
                              const JsonDocument& doc, DiagnosticSink& sink);

// `sigap validate` adds the findings to every scenario of `lib` that loaded without errors (its
// file is read again for the positions). Not part of LoadLibrary: exploring costs up to a few
// hundred milliseconds per scenario, which `sigap play` and the app should not pay at each start.
void AddValidityWarnings(ContentLibrary& lib);

// The SOP catalogue a scenario is scored against: from the library, else from the scenario's folder.
std::shared_ptr<const SopCatalogue> CatalogueFor(const ContentLibrary& lib, const Scenario& scenario);

}  // namespace sigap
