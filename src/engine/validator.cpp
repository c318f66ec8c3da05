#include "validator.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "session.h"
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
    if (const TimeoutOutcome* to = n.decision->Timeout())
      for (const auto& t : to->sop) tagged.insert(t.step);
  }
  return tagged;
}

namespace {

// What values a variable can take anywhere in the scenario, for conditions that can never hold.
// A variable no effect touches keeps its initial value; a flag takes its initial value and the
// values effects set; a number changed by effects may take anything in [min, max].
struct ValueRange {
  bool fixed = false;  // only `values` are possible
  std::set<double> values;
  double min = 0, max = 0;
};

std::map<std::string, ValueRange> PossibleValues(const Scenario& s) {
  std::map<std::string, std::vector<const Effect*>> effects;
  auto add = [&](const std::vector<Effect>& list) {
    for (const auto& e : list) effects[e.var].push_back(&e);
  };
  for (const auto& n : s.nodes) {
    add(n.on_enter);
    if (!n.decision) continue;
    if (const TimeoutOutcome* t = n.decision->Timeout()) add(t->effects);
    for (const auto& c : n.decision->choices) add(c.effects);
    for (const auto& it : n.decision->items) add(it.effects);
    for (const auto& o : n.decision->outcomes) add(o.effects);
    add(n.decision->per_hit);
    add(n.decision->per_miss);
    add(n.decision->per_false_alarm);
  }
  std::map<std::string, ValueRange> out;
  for (const auto& v : s.variables) {
    ValueRange r;
    r.min = v.min;
    r.max = v.max;
    r.values.insert(v.initial);
    r.fixed = true;
    for (const Effect* e : effects[v.id]) {
      if (e->kind == Effect::Kind::SetFlag) r.values.insert(e->flag ? 1 : 0);
      else if (e->kind == Effect::Kind::Set) r.values.insert(std::clamp(e->number, v.min, v.max));
      else if (e->number != 0) r.fixed = false;
    }
    if (v.type == Variable::Type::Flag) r.min = 0, r.max = 1;
    out[v.id] = r;
  }
  return out;
}

struct Verdict3 {
  bool possible = true, always = false;
  std::string why;  // for an impossible leaf
};

// Whether a condition can ever hold (and whether it always does), from the values each variable
// can take. Conservative: "possible" may be claimed for a condition that never holds, never the reverse.
Verdict3 Analyse(const Condition& c, const std::map<std::string, ValueRange>& ranges, const Scenario& s) {
  auto quoted = [](const std::string& v) { return "\"" + v + "\""; };
  switch (c.kind) {
    case Condition::Kind::Flag:
    case Condition::Kind::Compare: {
      auto it = ranges.find(c.var);
      if (it == ranges.end()) return {};  // a checklist counter
      const ValueRange& r = it->second;
      const double rhs = c.kind == Condition::Kind::Flag ? 0.0
                         : std::holds_alternative<bool>(c.value) ? (std::get<bool>(c.value) ? 1.0 : 0.0)
                                                                 : std::get<double>(c.value);
      const CompareOp op = c.kind == Condition::Kind::Flag ? CompareOp::Ne : c.op;
      const Variable* var = s.FindVariable(c.var);
      const bool flag = var && var->type == Variable::Type::Flag;
      Verdict3 v;
      if (r.fixed) {
        v.possible = std::any_of(r.values.begin(), r.values.end(), [&](double x) { return Compare(x, op, rhs); });
        v.always = std::all_of(r.values.begin(), r.values.end(), [&](double x) { return Compare(x, op, rhs); });
        if (!v.possible)
          v.why = flag ? quoted(c.var) + " is never " + (rhs == 0 && op == CompareOp::Ne ? "set" : "changed") +
                             " by any effect, so it stays " + (*r.values.begin() != 0 ? "true" : "false")
                       : "no effect changes " + quoted(c.var) + " to such a value";
        return v;
      }
      // A number anywhere in [min, max].
      bool lo = Compare(r.min, op, rhs), hi = Compare(r.max, op, rhs);
      switch (op) {
        case CompareOp::Eq: v.possible = rhs >= r.min - 1e-9 && rhs <= r.max + 1e-9; v.always = r.min == r.max && lo; break;
        case CompareOp::Ne: v.possible = !(r.min == r.max && !lo); v.always = rhs < r.min || rhs > r.max; break;
        default: v.possible = lo || hi; v.always = lo && hi; break;
      }
      if (!v.possible) {
        std::ostringstream os;
        os << quoted(c.var) << " stays between " << r.min << " and " << r.max << " (the engine clamps it), so it is never "
           << CompareOpText(op) << " " << rhs;
        v.why = os.str();
      }
      return v;
    }
    case Condition::Kind::Not: {
      Verdict3 in = Analyse(c.children.at(0), ranges, s);
      Verdict3 v{!in.always, !in.possible, ""};
      if (!v.possible) v.why = "its \"not\" part always holds";
      return v;
    }
    case Condition::Kind::All: {
      Verdict3 v{true, true, ""};
      for (const auto& ch : c.children) {
        Verdict3 x = Analyse(ch, ranges, s);
        if (!x.possible && v.possible) v.why = x.why;
        v.possible = v.possible && x.possible;
        v.always = v.always && x.always;
      }
      return v;
    }
    case Condition::Kind::Any: {
      Verdict3 v{false, false, ""};
      for (const auto& ch : c.children) {
        Verdict3 x = Analyse(ch, ranges, s);
        if (!x.possible && v.why.empty()) v.why = x.why;
        v.possible = v.possible || x.possible;
        v.always = v.always || x.always;
      }
      return v;
    }
  }
  return {};
}

// Every condition of the scenario with its JSON pointer.
template <typename F>
void ForEachCondition(const Scenario& s, F&& f) {
  auto routes = [&](const std::vector<Route>& list, const std::string& p) {
    for (std::size_t j = 0; j < list.size(); ++j)
      if (list[j].when) f(*list[j].when, p + "/next/" + std::to_string(j) + "/if");
  };
  auto variants = [&](const std::vector<TextVariant>& list, const std::string& p) {
    for (std::size_t j = 0; j < list.size(); ++j) f(list[j].when, p + "/text_if/" + std::to_string(j) + "/if");
  };
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Node& n = s.nodes[i];
    const std::string p = "/nodes/" + std::to_string(i);
    variants(n.text_if, p);
    routes(n.next, p);
    if (!n.decision) continue;
    const Decision& d = *n.decision;
    const std::string dp = p + "/decision";
    for (std::size_t k = 0; k < d.choices.size(); ++k) {
      const std::string cp = dp + "/choices/" + std::to_string(k);
      if (d.choices[k].when) f(*d.choices[k].when, cp + "/if");
      variants(d.choices[k].text_if, cp);
      routes(d.choices[k].next, cp);
    }
    if (d.timer)
      for (std::size_t j = 0; j < d.timer->seconds_if.size(); ++j)
        f(d.timer->seconds_if[j].when, dp + "/timer/seconds_if/" + std::to_string(j) + "/if");
    for (std::size_t j = 0; j < d.outcomes.size(); ++j)
      if (d.outcomes[j].when) f(*d.outcomes[j].when, dp + "/outcomes/" + std::to_string(j) + "/if");
    for (std::size_t k = 0; k < d.items.size(); ++k)
      if (d.items[k].correct_if) f(*d.items[k].correct_if, dp + "/items/" + std::to_string(k) + "/correct");
    routes(d.next, dp);
    if (const TimeoutOutcome* t = d.Timeout()) routes(t->next, dp + "/timer/timeout");
  }
}

}  // namespace

void ValidateScenarioGraph(const Scenario& s, const SopCatalogue* catalogue, const JsonDocument& doc,
                           DiagnosticSink& sink) {
  // Conditions that can never hold, whatever the team does.
  const auto ranges = PossibleValues(s);
  ForEachCondition(s, [&](const Condition& c, const std::string& p) {
    Verdict3 v = Analyse(c, ranges, s);
    if (!v.possible)
      sink.Warning("SCN093", doc.PosOf(p), p, "this condition can never hold: " + v.why +
                                                  "; change the condition or the effects that should make it true");
  });
  if (const Node* start = s.FindNode(s.start); start && start->type == Node::Type::Ending)
    sink.Error("SCN096", doc.PosOf("/start"), "/start", "the start \"" + s.start +
                                                            "\" is an ending, so the story is over before it begins; start at a scene or a decision");

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
    if (items.size() > 1 && std::all_of(items.begin(), items.end(), [](const ChecklistItem& it) { return it.correct && !it.correct_if; })) {
      std::string p = node_ptr(i) + "/decision/items";
      sink.Warning("SCN083", doc.PosOf(p), p, "every item of checklist \"" + n.id +
                                                  "\" is correct, so ticking everything scores full marks without reading; add plausible items that are not indicators");
    }
    for (std::size_t k = 0; k < items.size(); ++k)
      for (const auto& t : items[k].sop)
        if ((items[k].correct || items[k].correct_if) && t.verdict != Verdict::Follows) {
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

namespace {

// What no reachable state shows: endings, SOP steps, text variants; and effects that some
// reachable state pushes past a variable's bound (the engine clamps, but the author meant a value
// the variable cannot hold). Called on an exhaustive space only.
void ValidateReachedValues(const StateSpace& space, const JsonDocument& doc, DiagnosticSink& sink) {
  const Scenario& sc = space.scenario();
  const auto& states = space.states();
  const auto& moves = space.moves();
  auto quoted = [](const std::string& v) { return "\"" + v + "\""; };
  auto node_ptr = [&](const Node& n) { return "/nodes/" + std::to_string(&n - sc.nodes.data()); };

  // Endings the graph links but no play-through reaches.
  const std::set<std::string> linked = sc.LinkedNodes();
  for (const auto& n : sc.nodes)
    if (n.type == Node::Type::Ending && linked.count(n.id) && space.StatesAt(n).empty()) {
      std::string p = node_ptr(n);
      sink.Warning("SCN091", doc.PosOf(p), p, "the ending " + quoted(n.id) +
                                                  " is linked but no play-through reaches it: the conditions on the routes to it never hold; change them or remove the ending");
    }

  // SOP steps the scenario assesses that no play-through can meet (every option tagged with it is
  // in a decision never reached, or a choice never offered).
  std::set<std::string> met;
  for (const auto& m : moves) {
    if (m.choice) for (const auto& t : m.choice->sop) met.insert(t.step);
    if (m.kind == MoveKind::Timeout && !m.choice)
      if (const TimeoutOutcome* to = states[m.from].node->decision->Timeout())
        for (const auto& t : to->sop) met.insert(t.step);
    if (m.kind == MoveKind::Checklist)
      for (const auto& it : states[m.from].node->decision->items)
        for (const auto& t : it.sop) met.insert(t.step);
  }
  const std::set<std::string> tagged = TaggedSteps(sc);
  for (std::size_t i = 0; i < sc.assesses.size(); ++i)
    if (tagged.count(sc.assesses[i]) && !met.count(sc.assesses[i])) {
      std::string p = "/assesses/" + std::to_string(i);
      sink.Warning("SCN092", doc.PosOf(p), p, "the scenario assesses " + quoted(sc.assesses[i]) +
                                                  " but no play-through meets an option tagged with it; make one of those options reachable, or remove the step from \"assesses\"");
    }

  // Text variants that never show: in no state at their node (or offering their choice) is the
  // variant the first whose condition holds.
  auto check_variants = [&](const std::vector<TextVariant>& variants, const std::vector<std::size_t>& at,
                            const std::string& p, const std::string& where) {
    if (at.empty()) return;  // never reached at all: SCN064/SCN065 say so
    for (std::size_t j = 0; j < variants.size(); ++j) {
      bool shows = std::any_of(at.begin(), at.end(), [&](std::size_t st) {
        for (std::size_t k = 0; k < j; ++k)
          if (space.Holds(variants[k].when, st)) return false;
        return space.Holds(variants[j].when, st);
      });
      if (shows) continue;
      std::string vp = p + "/text_if/" + std::to_string(j);
      sink.Warning("SCN095", doc.PosOf(vp), vp, "text variant " + std::to_string(j + 1) + " of " + where +
                                                    " never shows: wherever it is reached, its \"if\" is false or an earlier variant holds; change its condition or remove it");
    }
  };
  for (const auto& n : sc.nodes) {
    check_variants(n.text_if, space.StatesAt(n), node_ptr(n), quoted(n.id));
    if (!n.decision) continue;
    for (std::size_t k = 0; k < n.decision->choices.size(); ++k) {
      const Choice& c = n.decision->choices[k];
      check_variants(c.text_if, space.StatesOffering(n.id, c.id), node_ptr(n) + "/decision/choices/" + std::to_string(k),
                     "choice " + quoted(c.id));
    }
  }

  // Effects that a reachable state pushes past a bound: one warning per variable and bound (the
  // first such effect, with a way to reach it, and how many choices do it), since pressing against
  // a bound is often the design and one note per variable says all there is to say.
  struct Push {
    std::string pointer, message;
    std::set<const Choice*> choices;
  };
  std::map<std::pair<std::string, bool>, Push> pushes;  // (variable, over the maximum)
  for (const auto& m : moves) {
    if (m.kind != MoveKind::Choice || !m.choice) continue;
    const Node& n = *states[m.from].node;
    const auto values = space.Values(m.from);
    for (const Effect& eff : m.choice->effects) {
      const Variable* var = sc.FindVariable(eff.var);
      if (!var || var->type != Variable::Type::Number || var->saturates) continue;
      const double now = values.count(eff.var) ? values.at(eff.var) : var->initial;
      const double after = eff.kind == Effect::Kind::Set ? eff.number : now + eff.number;
      const bool over = after > var->max + 1e-9, under = after < var->min - 1e-9;
      if (!over && !under) continue;
      Push& push = pushes[{eff.var, over}];
      push.choices.insert(m.choice);
      if (!push.pointer.empty()) continue;
      auto ci = static_cast<std::size_t>(m.choice - n.decision->choices.data());
      push.pointer = node_ptr(n) + "/decision/choices/" + std::to_string(ci) + "/effects";
      std::ostringstream os;
      auto path = space.PathTo(m.from);
      os << "first: choice " << quoted(m.choice->id) << " at " << quoted(n.id) << " takes it to " << after
         << (path.empty() ? std::string(" at the start") : " after --choices " + ChoicesArgument(path));
      push.message = os.str();
    }
  }
  for (const auto& [key, push] : pushes) {
    const Variable* var = sc.FindVariable(key.first);
    std::ostringstream os;
    os << quoted(key.first) << " is pushed past its " << (key.second ? "maximum " : "minimum ")
       << (key.second ? var->max : var->min) << " by " << push.choices.size()
       << (push.choices.size() == 1 ? " choice" : " choices") << " (" << push.message
       << "); the engine clamps it, so a further step that way counts for nothing: widen the range if that is not meant";
    sink.Warning("SCN094", doc.PosOf(push.pointer), push.pointer, os.str());
  }
}

}  // namespace

void ValidateScenarioStates(const StateSpace& space, const JsonDocument& doc, DiagnosticSink& sink) {
  if (!space.exhaustive()) return;
  const Scenario& sc = space.scenario();
  const auto& states = space.states();
  const auto& moves = space.moves();
  ValidateReachedValues(space, doc, sink);
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
    const std::vector<SopTag>* tags = n->decision->OptionTags(e.option);
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
