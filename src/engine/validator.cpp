#include "validator.h"

#include <map>
#include <set>

namespace sigap {

std::set<std::string> TaggedSteps(const Scenario& s) {
  std::set<std::string> tagged;
  for (const auto& n : s.nodes) {
    if (!n.decision) continue;
    for (const auto& c : n.decision->choices)
      for (const auto& t : c.sop) tagged.insert(t.step);
    for (const auto& it : n.decision->items)
      for (const auto& t : it.sop) tagged.insert(t.step);
  }
  return tagged;
}

void ValidateScenarioGraph(const Scenario& s, const SopCatalogue* catalogue, const JsonDocument& doc,
                           DiagnosticSink& sink) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < s.nodes.size(); ++i) index[s.nodes[i].id] = i;
  auto node_ptr = [](std::size_t i) { return "/nodes/" + std::to_string(i); };

  // Forward reachability from the start.
  std::vector<bool> reached(s.nodes.size(), false);
  std::vector<std::size_t> stack;
  if (auto it = index.find(s.start); it != index.end()) { reached[it->second] = true; stack.push_back(it->second); }
  while (!stack.empty()) {
    std::size_t i = stack.back();
    stack.pop_back();
    for (const auto& to : s.nodes[i].Successors()) {
      auto it = index.find(to);
      if (it != index.end() && !reached[it->second]) { reached[it->second] = true; stack.push_back(it->second); }
    }
  }
  // Backward: which nodes can reach an ending.
  std::vector<std::vector<std::size_t>> preds(s.nodes.size());
  for (std::size_t i = 0; i < s.nodes.size(); ++i)
    for (const auto& to : s.nodes[i].Successors())
      if (auto it = index.find(to); it != index.end()) preds[it->second].push_back(i);
  std::vector<bool> finishes(s.nodes.size(), false);
  for (std::size_t i = 0; i < s.nodes.size(); ++i)
    if (s.nodes[i].type == Node::Type::Ending) { finishes[i] = true; stack.push_back(i); }
  while (!stack.empty()) {
    std::size_t i = stack.back();
    stack.pop_back();
    for (std::size_t p : preds[i])
      if (!finishes[p]) { finishes[p] = true; stack.push_back(p); }
  }

  bool any_ending = false;
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Node& n = s.nodes[i];
    std::string p = node_ptr(i);
    if (!reached[i]) {
      sink.Warning("SCN020", doc.PosOf(p), p, "node \"" + n.id + "\" can never be reached from the start \"" + s.start + "\"; link to it or remove it");
      continue;
    }
    if (n.type == Node::Type::Ending) any_ending = true;
    else if (!finishes[i])
      sink.Error("SCN021", doc.PosOf(p), p, "dead end: from node \"" + n.id + "\" no ending can be reached; the team would be stuck in a loop");
  }
  if (!any_ending && !s.nodes.empty())
    sink.Error("SCN022", doc.PosOf("/start"), "/start", "no ending can be reached from the start; add a node of type \"ending\" and a route to it");

  // SOP coverage: the steps it says it assesses and the steps it actually tags.
  const std::set<std::string> tagged = TaggedSteps(s);
  std::set<std::string> assessed(s.assesses.begin(), s.assesses.end());
  for (std::size_t i = 0; i < s.assesses.size(); ++i)
    if (!tagged.count(s.assesses[i])) {
      std::string p = "/assesses/" + std::to_string(i);
      sink.Warning("SCN050", doc.PosOf(p), p, "the scenario says it assesses \"" + s.assesses[i] + "\" but no choice is tagged with it; tag a choice or remove it from \"assesses\"");
    }
  if (catalogue && !s.assesses.empty())
    for (const auto& step : tagged)
      if (!assessed.count(step))
        sink.Warning("SCN051", doc.PosOf("/assesses"), "/assesses", "choices are tagged with \"" + step + "\" but it is not listed in \"assesses\"; add it so the debrief shows it as a learning goal");
}

}  // namespace sigap
