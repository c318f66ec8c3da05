// The debrief sequence for one scenario, structured like a simulation debrief:
// reactions → each chosen decision (the question with the teams' spread, then the SOP answer) →
// critical moments → take-aways (each ending the teams reached with its talking points, then the
// SOP steps most often broken). A handful of slides: the facilitator chooses which decisions to
// show (by default the key decisions of the scenario's guide). Pure data: the presentation
// screen draws it, tests check it.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "debrief.h"

namespace sigap::app {

enum class SlideKind { Reactions, Spread, Answer, Critical, Ending, Takeaways };

struct Slide {
  SlideKind kind = SlideKind::Reactions;
  std::size_t index = 0;  // Spread/Answer: into ScenarioDebrief::decisions;
                          // Ending: into EndingsReached()
};

// Decisions no team reached are left out; so are endings no team reached. `shown`: the node ids
// of the decisions to show (nullptr: every decision reached).
std::vector<Slide> BuildSlides(const ScenarioDebrief& d, const std::set<std::string>* shown = nullptr);
// The decisions shown unless the facilitator chooses otherwise: those the guide asks debrief
// questions about and some team reached; every decision reached when there is no such guide.
std::set<std::string> DefaultShownDecisions(const ScenarioDebrief& d, const FacilitatorGuide* guide);

// SOP steps most often broken across teams, worst first (critical counts before violated).
struct StepTally {
  std::string step;
  int violated = 0;  // teams whose step ended violated
  int critical = 0;  // teams whose step ended critical
};
std::vector<StepTally> MostViolatedSteps(const ScenarioDebrief& d, std::size_t max);

// Never events grouped by what the team did: one choice can break several critical steps at once,
// and the room discusses it once. Most teams first, then in the engine's order.
struct MomentGroup {
  std::string node, option;
  std::vector<std::string> steps;
  std::vector<std::size_t> teams;  // indexes into ScenarioDebrief::teams, ascending
};
std::vector<MomentGroup> GroupCriticalMoments(const ScenarioDebrief& d);

// Endings the teams reached, most teams first.
struct EndingTally {
  std::string node;
  int teams = 0;
};
std::vector<EndingTally> EndingsReached(const ScenarioDebrief& d);

}  // namespace sigap::app
