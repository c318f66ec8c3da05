// A play-through of one scenario. The Scenario never changes; the Session holds progress.
//
// States and transitions (any other call is refused and changes nothing):
//   AtScene         --Continue()-->               the next node
//   AwaitingChoice  --Apply(choice|timeout)-->    the next node   (single-choice decision)
//   AwaitingChecklist --Apply(checklist|timeout)--> the next node (checklist decision)
//   Ended           (terminal: an ending node was reached)
// "The next node" is entered by following routes; scenes stop there (AtScene), decisions wait
// (AwaitingChoice/AwaitingChecklist), endings end the session (Ended).
//
// A decision is first Prepared (checked, nothing changes), then Applied. The host writes the
// prepared record to the session log before applying it, so the log is always ahead of the screen.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "answer.h"  // DecisionRecord, Answer
#include "model.h"
#include "problem.h"

namespace sigap {

enum class SessionState { AtScene, AwaitingChoice, AwaitingChecklist, Ended };
const char* SessionStateName(SessionState s);

enum class Mode { Training, Assessment };
const char* ModeName(Mode m);
std::optional<Mode> ParseMode(const std::string& s);

struct SessionInfo {
  std::string session_id;    // random hex, unique per session
  std::string team;          // pseudonym only
  std::string members;       // optional initials
  std::string laptop;        // the laptop's pseudonym (LaptopPseudonym), to tell same-named teams apart
  Lang lang = Lang::Id;
  Mode mode = Mode::Training;
  std::int64_t seed = 1;
  std::string started_utc;   // ISO 8601, set by the host
  std::string app_version;
};

// Helpers' branches written against the old name (kept until they are merged).
using Refusal = Problem;

class Session {
 public:
  Session(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue, SessionInfo info);

  const Scenario& scenario() const { return *scenario_; }
  std::shared_ptr<const Scenario> scenario_ptr() const { return scenario_; }
  const SopCatalogue* catalogue() const { return catalogue_.get(); }
  std::shared_ptr<const SopCatalogue> catalogue_ptr() const { return catalogue_; }
  const SessionInfo& info() const { return info_; }
  SessionState state() const { return state_; }

  const Node& CurrentNode() const;
  // The node's narration with its text_if variants applied.
  const LocalText& CurrentText() const;
  // A choice's text with its text_if variants applied.
  const LocalText& ChoiceText(const Choice& choice) const;
  // Choices offered now: conditions applied, in display order (shuffled by the session's seed
  // when the decision asks for it).
  std::vector<const Choice*> AvailableChoices() const;
  // Checklist items in display order (shuffled likewise).
  std::vector<const ChecklistItem*> ChecklistItems() const;
  // The ids of the options on screen now, in display order (what a decision record's `shown` holds).
  std::vector<std::string> ShownOptions() const;
  // Seconds on the clock for the current decision, if it is timed.
  std::optional<int> TimerSeconds() const;

  // Scene → next node. Refused (ENG014) once the session has passed through more scenes in a
  // row than the scenario has nodes: a loop of scenes with no way out, which would never end.
  std::optional<Problem> Continue();
  // Checks a decision against the current state; returns the record or why it is refused.
  std::variant<DecisionRecord, Problem> PrepareChoice(const std::string& choice_id, std::int64_t elapsed_ms, std::int64_t at_ms) const;
  std::variant<DecisionRecord, Problem> PrepareChecklist(const std::vector<std::string>& ticked, std::int64_t elapsed_ms, std::int64_t at_ms) const;
  // Time ran out. `selected`: the choice the team had selected (zero or one id) or the items
  // ticked. A selected choice is submitted, unconfirmed; none takes the timer's default.
  std::variant<DecisionRecord, Problem> PrepareTimeout(std::int64_t elapsed_ms, std::int64_t at_ms,
                                                       const std::vector<std::string>& selected = {}) const;
  // Any of the above, from an answer written as text (answer.h).
  std::variant<DecisionRecord, Problem> PrepareAnswer(const Answer& answer, std::int64_t elapsed_ms, std::int64_t at_ms) const;
  // Applies a prepared (or logged) record: effects, routes, history. Scenes on the way are
  // passed through (Continue) when the record is for a later node. Refused records change nothing.
  std::optional<Problem> Apply(const DecisionRecord& record);

  const std::vector<DecisionRecord>& History() const { return history_; }
  const std::vector<std::string>& Path() const { return path_; }  // node ids visited in order
  double Value(const std::string& var) const;
  const std::map<std::string, double>& Values() const { return values_; }
  const Outcome* EndingOutcome() const;  // set when Ended

  // Serialises the progress (not the scenario); FromJson replays it against the scenario.
  nlohmann::json ToJson() const;
  static std::variant<Session, Problem> FromJson(const nlohmann::json& j, std::shared_ptr<const Scenario> scenario,
                                                 std::shared_ptr<const SopCatalogue> catalogue);

 private:
  void Enter(const std::string& node_id);
  const std::string& Route(const std::vector<sigap::Route>& routes, const std::map<std::string, double>& counters) const;
  void ApplyEffects(const std::vector<Effect>& effects);

  std::shared_ptr<const Scenario> scenario_;
  std::shared_ptr<const SopCatalogue> catalogue_;
  SessionInfo info_;
  SessionState state_ = SessionState::AtScene;
  const Node* node_ = nullptr;
  std::map<std::string, double> values_;
  std::vector<DecisionRecord> history_;
  std::vector<std::string> path_;
  std::size_t scene_advances_ = 0;  // Continue calls since the last decision
  // Past the first nodes.size() of those: the scenes passed with the values there, to tell a loop
  // of scenes that repeats (ENG014) from one whose "on_enter" effects are on their way out.
  std::vector<std::pair<const Node*, std::map<std::string, double>>> scene_trail_;
};

// Evaluates a condition against variable values (and checklist counters "$hits"…).
bool Evaluate(const Condition& c, const std::map<std::string, double>& values,
              const std::map<std::string, double>* counters = nullptr);

// Whether ticking the item is right with these values (those the checklist is answered with):
// its fixed `correct`, or its `correct_if` condition.
bool ItemRight(const ChecklistItem& item, const std::map<std::string, double>& values);

// A session id: 16 random bytes as hex.
std::string NewSessionId();
// A fresh seed for one session (1 … 2^31-1): each team sees its own option order.
std::int64_t NewSessionSeed();

}  // namespace sigap
