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

// An option's label in every export: its authored letter (Decision::OptionLetter), the one the
// team's screen showed; the id when the scenario no longer has the option.
inline std::string Letter(const Scenario& sc, const std::string& node, const std::string& option) {
  const Node* n = sc.FindNode(node);
  std::string letter = n && n->decision ? n->decision->OptionLetter(option) : std::string();
  return letter.empty() ? option : letter;
}

// What a record answered, in letters: "B", "A+C" (checklist), "-" (nothing ticked).
inline std::string Letters(const Scenario& sc, const DecisionRecord& r) {
  if (!r.checklist && r.timed_out && r.choice.empty()) return "timeout";  // the timer's own outcome: no option
  if (!r.checklist) return Letter(sc, r.node, r.choice);
  if (r.items.empty()) return "-";
  std::string out;
  for (const auto& id : r.items) out += (out.empty() ? "" : "+") + Letter(sc, r.node, id);
  return out;
}

// The display order a record holds, in letters ("C A B"); "" for logs without one.
inline std::string ShownLetters(const Scenario& sc, const DecisionRecord& r) {
  std::string out;
  for (const auto& id : r.shown) out += (out.empty() ? "" : " ") + Letter(sc, r.node, id);
  return out;
}

}  // namespace sigap::exports
