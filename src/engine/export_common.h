// Helpers shared by the debrief exports (CSV, HTML, xAPI). Internal to the engine.
#pragma once

#include <string>
#include <vector>

#include "debrief.h"

namespace sigap::exports {

// The scored tags of each decision of a session (index = decision number - 1).
inline std::vector<std::vector<const ScoredTag*>> TagsByDecision(const ImportedSession& s) {
  std::vector<std::vector<const ScoredTag*>> out(s.log.decisions.size());
  for (const auto& t : s.score.tags)
    if (t.decision < out.size()) out[t.decision].push_back(&t);
  return out;
}

}  // namespace sigap::exports
