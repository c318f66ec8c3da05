// `explore`: the validity report of a scenario, built on its state space (state_space.h): score
// ranges per ending, never events before a good ending, choices never offered, and how test-wise
// strategies fare. What `sigap explore` prints and `sigap validate` warns about. docs/explore.md.
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
#include "library.h"
#include "model.h"
#include "scoring.h"
#include "session.h"
#include "state_space.h"

namespace sigap {

// =============================================================================================
// The report
// =============================================================================================

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
  double pass_share = 0;                       // runs whose verdict is "passed" (scoring.h)
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
inline constexpr double kTestWiseSopLimit = kPassPercent;  // percent on the "sop" axis (mean over runs): a
                                                           // pass (scoring.h) must be out of guessing's reach
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
  int order_seeds = 64;                          // display-order seeds each deterministic strategy is played with
  int random_runs = 1000;                        // uniform random play-throughs
  std::size_t max_strategy_decisions = 400'000;  // all strategies together stop adding runs beyond this
};

struct ExploreReport {
  std::shared_ptr<const StateSpace> space;
  std::vector<EndingRange> endings;  // scenario order; only endings some path reaches
  bool ranges_exact = true;          // false on a huge space: fronts cut to fit memory
  std::vector<const Node*> endings_unreached;
  std::vector<const Node*> nodes_unreached;   // no state reaches them (unlinked ones included)
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
