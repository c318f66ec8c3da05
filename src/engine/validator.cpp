#include "validator.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "state_space.h"

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

  // Things that must agree.
  std::map<std::string, std::size_t> outcome_node;  // outcome id → the first ending with it
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Node& n = s.nodes[i];
    if (n.outcome) {
      auto [it, added] = outcome_node.emplace(n.outcome->id, i);
      const Node& first = s.nodes[it->second];
      if (!added && first.outcome->rating != n.outcome->rating) {
        std::string p = node_ptr(i) + "/outcome/id";
        sink.Error("SCN082", doc.PosOf(p), p, "the ending \"" + n.id + "\" has the outcome id \"" + n.outcome->id +
                                                  "\" of the ending \"" + first.id + "\", which is rated " + first.outcome->rating +
                                                  " where this one is " + n.outcome->rating +
                                                  ": the debrief and the exports would mix them up; give each ending its own outcome id");
      } else if (!added) {
        std::string p = node_ptr(i) + "/outcome/id";
        sink.Error("SCN082", doc.PosOf(p), p, "the ending \"" + n.id + "\" has the outcome id \"" + n.outcome->id +
                                                  "\" of the ending \"" + first.id +
                                                  "\": the debrief could not tell them apart; give each ending its own outcome id");
      }
    }
    if (!n.decision || n.decision->kind != Decision::Kind::Checklist) continue;
    const auto& items = n.decision->items;
    if (items.size() > 1 && std::all_of(items.begin(), items.end(), [](const ChecklistItem& it) { return it.correct; })) {
      std::string p = node_ptr(i) + "/decision/items";
      sink.Warning("SCN083", doc.PosOf(p), p, "every item of checklist \"" + n.id +
                                                  "\" is correct, so ticking everything scores full marks without reading; add plausible items that are not indicators");
    }
    for (std::size_t k = 0; k < items.size(); ++k)
      for (const auto& t : items[k].sop)
        if (items[k].correct && t.verdict != Verdict::Follows) {
          std::string p = node_ptr(i) + "/decision/items/" + std::to_string(k) + "/sop";
          sink.Error("SCN084", doc.PosOf(p), p, "item \"" + items[k].id + "\" is marked correct (the team should tick it) but tagged \"" +
                                                    VerdictName(t.verdict) + "\" for \"" + t.step +
                                                    "\"; a correct item follows the SOP: tag it \"follows\", or mark it \"correct\": false");
        }
  }

  // SOP coverage: the steps it says it assesses and the steps it actually tags.
  const std::set<std::string> tagged = TaggedSteps(s);
  if (s.assesses.empty() && !tagged.empty())
    sink.Warning("SCN085", doc.PosOf("/sop_catalogue"), "/sop_catalogue",
                 "choices are tagged with " + std::to_string(tagged.size()) + " SOP steps but the scenario assesses none; list them under \"assesses\" so the debrief shows them as learning goals");
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

void ValidateScenarioStates(const StateSpace& space, const JsonDocument& doc, DiagnosticSink& sink) {
  if (!space.exhaustive()) return;
  const Scenario& sc = space.scenario();
  const auto& states = space.states();
  const auto& moves = space.moves();
  const std::vector<bool> finishes = space.CanFinish();
  auto node_ptr = [&](const Node* n) { return "/nodes/" + std::to_string(n - sc.nodes.data()); };
  auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  auto after = [&](std::size_t st) {
    auto path = space.PathTo(st);
    return path.empty() ? std::string("from the start") : "after --choices " + ChoicesArgument(path);
  };
  // Where a team enters a part of the story it can never leave: a state from which no ending can
  // be reached, first reached from one that could (or the start). One report per node.
  std::set<const Node*> reported;
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (finishes[i]) continue;
    const auto& by = states[i].reached_by;
    if (by && !finishes[moves[*by].from]) continue;
    const Node* entry = states[i].node;
    if (!reported.insert(entry).second) continue;
    // The trapped part from here: its nodes, and a state with nothing to choose, if any.
    std::vector<bool> seen(states.size(), false);
    std::vector<std::size_t> stack{i};
    seen[i] = true;
    std::vector<std::string> nodes;
    std::optional<std::size_t> stop;
    while (!stack.empty()) {
      std::size_t v = stack.back();
      stack.pop_back();
      const std::string& id = states[v].node->id;
      if (std::find(nodes.begin(), nodes.end(), id) == nodes.end()) nodes.push_back(id);
      if (states[v].moves.empty() && !stop) stop = v;
      for (std::size_t m : states[v].moves)
        if (!seen[moves[m].to]) {
          seen[moves[m].to] = true;
          stack.push_back(moves[m].to);
        }
    }
    if (stop) {
      const Node* n = states[*stop].node;
      std::string p = node_ptr(n);
      sink.Error("SCN081", doc.PosOf(p), p,
                 "decision " + quoted(n->id) + " can be reached with nothing to choose (every \"if\" is false), " +
                     after(*stop) + ", so the team is stuck there; give it a choice without a condition");
      continue;
    }
    std::string list;
    for (std::size_t k = 0; k < nodes.size() && k < 6; ++k) list += (k ? ", " : "") + quoted(nodes[k]);
    if (nodes.size() > 6) list += ", …";
    std::string p = node_ptr(entry);
    sink.Error("SCN080", doc.PosOf(p), p,
               "the story can go round a loop it never leaves: " + after(i) + " no ending can be reached from " +
                   quoted(entry->id) + " (the loop passes " + list +
                   "); the conditions on its way out can never hold, so give it an exit that can open");
  }
}

void ValidateGuide(const FacilitatorGuide& g, const Scenario& s, const SopCatalogue* catalogue, const JsonDocument& doc,
                   DiagnosticSink& sink) {
  auto at = [&](const std::string& p) { return doc.PosOf(p); };
  // A decision node of the scenario, or an error at `p` saying why not.
  auto decision = [&](const std::string& id, const std::string& p) -> const Node* {
    const Node* n = s.FindNode(id);
    if (!n) sink.Error("SCN071", at(p), p, "\"" + id + "\" is not a node of scenario \"" + s.id + "\"; use the id of one of its decisions");
    else if (!n->decision) sink.Error("SCN071", at(p), p, "\"" + id + "\" is a " + (n->type == Node::Type::Ending ? "ending" : "scene") + ", not a decision; debrief questions and never events belong to decisions");
    return n && n->decision ? n : nullptr;
  };
  auto is_critical = [](const std::vector<SopTag>& tags) {
    return std::any_of(tags.begin(), tags.end(), [](const SopTag& t) { return t.verdict == Verdict::Critical; });
  };

  const std::set<std::string> assessed(s.assesses.begin(), s.assesses.end());
  for (std::size_t i = 0; i < g.goals.size(); ++i) {
    std::string p = "/goals/" + std::to_string(i) + "/step";
    const std::string& step = g.goals[i].step;
    if (catalogue && !catalogue->FindStep(step))
      sink.Error("SCN013", at(p), p, "\"" + step + "\" is not a step of SOP catalogue \"" + catalogue->id + "\"");
    else if (!assessed.count(step))
      sink.Warning("SCN075", at(p), p, "learning goal \"" + step + "\" is not among the steps scenario \"" + s.id + "\" assesses; use one of them, or add it to the scenario's \"assesses\"");
  }

  const int play = g.Minutes("play");
  if (std::abs(play - s.minutes) > 5)
    sink.Warning("SCN076", at("/time_plan"), "/time_plan", "the time plan gives " + std::to_string(play) + " minutes to play but the scenario says " + std::to_string(s.minutes) + "; make them agree (within 5 minutes)");
  if (g.Minutes("debrief") == 0)
    sink.Warning("SCN076", at("/time_plan"), "/time_plan", "the time plan has no debrief; add an entry with \"activity\": \"debrief\"");

  for (std::size_t i = 0; i < g.debrief.size(); ++i) decision(g.debrief[i].node, "/debrief/" + std::to_string(i) + "/node");

  for (std::size_t i = 0; i < g.never_events.size(); ++i) {
    const GuideNeverEvent& e = g.never_events[i];
    std::string base = "/never_events/" + std::to_string(i);
    const Node* n = decision(e.node, base + "/node");
    if (!n) continue;
    const std::vector<SopTag>* tags = nullptr;
    for (const auto& c : n->decision->choices)
      if (c.id == e.option) tags = &c.sop;
    for (const auto& it : n->decision->items)
      if (it.id == e.option) tags = &it.sop;
    std::string p = base + "/option";
    if (!tags) sink.Error("SCN072", at(p), p, "\"" + e.option + "\" is not a choice or checklist item of decision \"" + e.node + "\"");
    else if (!is_critical(*tags))
      sink.Warning("SCN073", at(p), p, "\"" + e.node + "/" + e.option + "\" is not tagged critical in the scenario, so it is not a never event; remove the entry or point it at a critical option");
  }

  // Every never event of the scenario has something for the facilitator to say.
  for (const auto& n : s.nodes) {
    if (!n.decision) continue;
    auto check = [&](const std::string& option, const std::vector<SopTag>& tags) {
      if (is_critical(tags) && !g.NeverEventFor(n.id, option))
        sink.Warning("SCN074", at("/never_events"), "/never_events", "never event \"" + n.id + "/" + option + "\" of the scenario has no entry; say what the facilitator should say about it");
    };
    for (const auto& c : n.decision->choices) check(c.id, c.sop);
    for (const auto& it : n.decision->items) check(it.id, it.sop);
  }
}

}  // namespace sigap
