// Generated inputs for the benchmark: a large valid scenario, and session logs of teams that
// played the bundled scenarios. Deterministic for a given seed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "loader.h"
#include "session.h"

namespace sigap::bench {

// A valid scenario of `nodes` nodes for `catalogue` (scenes, single-choice decisions with
// conditions, effects and conditional routes, checklists, timers, endings), as JSON text.
// Every node is reachable and can reach an ending, so it validates without errors or warnings.
std::string GenerateScenario(int nodes, const SopCatalogue& catalogue, std::uint32_t seed = 1);

// One team's complete session log (header, decisions, end record) played by a seeded random
// walk, as the text RecordedSession would have written. `finish` false stops half-way.
std::string GenerateSessionLog(const std::shared_ptr<const Scenario>& scenario, const std::shared_ptr<const SopCatalogue>& catalogue,
                               const std::string& team, std::uint32_t seed, bool finish = true);

// Choices (as the GUI's `--choices` takes them) after which `scenario` waits at a timed
// decision with no scene in between; `found` false when there is none within 8 decisions.
std::vector<std::string> ChoicesToFirstTimedDecision(const std::shared_ptr<const Scenario>& scenario,
                                                     const std::shared_ptr<const SopCatalogue>& catalogue, bool& found);

}  // namespace sigap::bench
