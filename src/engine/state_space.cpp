// [SECTION] index
//   Text and paths       TextLength, ChoicesArgument, MoveKindName
//   State space          StateSpaceBuilder: live variables, tick classes, exhaustive search, the
//                        sampled fallback; the queries
#include "state_space.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <random>
#include <set>
#include <unordered_map>

#include "answer.h"

namespace sigap {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

double SecondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

}  // namespace

// =============================================================================================
// [SECTION] Text and paths
// =============================================================================================

std::size_t TextLength(const std::string& utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string ChoicesArgument(const std::vector<DecisionRecord>& records) {
  std::string out;
  for (const auto& r : records) out += (out.empty() ? "" : ",") + FormatAnswer(r);
  return out;
}

const char* MoveKindName(MoveKind k) {
  switch (k) {
    case MoveKind::Continue: return "continue";
    case MoveKind::Choice: return "choice";
    case MoveKind::Timeout: return "timeout";
    case MoveKind::Checklist: return "checklist";
  }
  return "?";
}

// =============================================================================================
// [SECTION] State space
// =============================================================================================

namespace {

// Variables read by some condition anywhere in the scenario (text variants, choice conditions,
// routes, checklist outcomes, timer overrides).
void MarkRead(const Condition& c, const Scenario& s, std::vector<bool>& read) {
  if (c.kind == Condition::Kind::Flag || c.kind == Condition::Kind::Compare)
    for (std::size_t i = 0; i < s.variables.size(); ++i)
      if (s.variables[i].id == c.var) read[i] = true;
  for (const auto& ch : c.children) MarkRead(ch, s, read);
}

// Per node, the variables its own conditions read, then everything read on some way on from it.
std::vector<std::vector<bool>> LiveVariables(const Scenario& s) {
  std::vector<std::vector<bool>> live(s.nodes.size(), std::vector<bool>(s.variables.size(), false));
  for (std::size_t i = 0; i < s.nodes.size(); ++i) {
    const Node& n = s.nodes[i];
    auto& read = live[i];
    auto routes = [&](const std::vector<Route>& rs) {
      for (const auto& r : rs)
        if (r.when) MarkRead(*r.when, s, read);
    };
    for (const auto& v : n.text_if) MarkRead(v.when, s, read);
    routes(n.next);
    if (!n.decision) continue;
    const Decision& d = *n.decision;
    routes(d.next);
    if (const TimeoutOutcome* t = d.Timeout()) routes(t->next);
    for (const auto& o : d.outcomes)
      if (o.when) MarkRead(*o.when, s, read);
    if (d.timer)
      for (const auto& o : d.timer->seconds_if) MarkRead(o.when, s, read);
    for (const auto& it : d.items)  // what is right to tick is part of the move's score
      if (it.correct_if) MarkRead(*it.correct_if, s, read);
    for (const auto& c : d.choices) {
      if (c.when) MarkRead(*c.when, s, read);
      for (const auto& v : c.text_if) MarkRead(v.when, s, read);
      routes(c.next);
    }
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < s.nodes.size(); ++i) index[s.nodes[i].id] = i;
  for (bool changed = true; changed;) {  // a fixed point: the story graph may loop
    changed = false;
    for (std::size_t i = 0; i < s.nodes.size(); ++i)
      for (const auto& to : s.nodes[i].Successors()) {
        auto it = index.find(to);
        if (it == index.end()) continue;
        for (std::size_t v = 0; v < s.variables.size(); ++v)
          if (live[it->second][v] && !live[i][v]) {
            live[i][v] = true;
            changed = true;
          }
      }
  }
  return live;
}

// Tick sets of a checklist that Session::Apply cannot tell apart: the same hit, miss and
// false-alarm counts (all that outcomes and routes read of the ticks; only those some condition
// reads) and the same effects in the same item order. One of each class is played; the builder checks the claim on
// another member in the first states of each checklist and plays every tick set of a checklist where it does not hold
// (so a change to how Session applies a checklist cannot go unnoticed).
struct TickClass {
  std::vector<std::uint32_t> masks;  // masks[0] is played
};

// The constants each checklist counter ("$hits", "$misses", "$false_alarms") is compared with
// by some condition. A flag reads "not 0", so 0 is one of them.
void CounterConstants(const Condition& c, std::map<std::string, std::set<double>>& out) {
  if (c.kind == Condition::Kind::Flag && !c.var.empty() && c.var[0] == '$') out[c.var].insert(0.0);
  if (c.kind == Condition::Kind::Compare && !c.var.empty() && c.var[0] == '$')
    out[c.var].insert(std::holds_alternative<bool>(c.value) ? (std::get<bool>(c.value) ? 1.0 : 0.0)
                                                            : std::get<double>(c.value));
  for (const auto& ch : c.children) CounterConstants(ch, out);
}

// Where a count stands against every constant a condition compares it with: below, equal or
// above each (with Evaluate's tolerance). Counts that stand alike make every condition on the
// counter, and so every outcome and route, come out the same.
// The constants are sorted, so the ones a count is above form a prefix and it equals at most one
// of the others: how many it is above, and whether it equals the next, say it all.
int CountBucket(int count, const std::set<double>& constants) {
  int above = 0;
  bool equal = false;
  for (double c : constants) {
    const double k = count;
    if (k > c + 1e-9) ++above;
    else if (k >= c - 1e-9) equal = true;
  }
  return 2 * above + (equal ? 1 : 0);
}

// Which items are right to tick with these values, as bits (authored order).
std::uint32_t RightBits(const Decision& d, const std::map<std::string, double>& values) {
  std::uint32_t bits = 0;
  for (std::size_t i = 0; i < d.items.size(); ++i)
    if (ItemRight(d.items[i], values)) bits |= 1u << i;
  return bits;
}

// `right`: RightBits of the state. `exact`: counts that a condition reads tell tick sets apart by
// their value, not by where they stand (the finer classes that order a move's tick sets, see
// StateSpaceBuilder::OrderTickSets).
std::vector<TickClass> TickClasses(const Decision& d, std::uint32_t right, bool exact = false) {
  // Only the counters some outcome or route reads can tell tick sets apart, and only by where
  // they stand against the constants those conditions compare them with.
  std::map<std::string, std::set<double>> read;
  for (const auto& o : d.outcomes)
    if (o.when) CounterConstants(*o.when, read);
  for (const auto& r : d.next)
    if (r.when) CounterConstants(*r.when, read);
  const char* names[3] = {"$hits", "$misses", "$false_alarms"};
  const std::set<double>* constants[3] = {nullptr, nullptr, nullptr};
  for (int k = 0; k < 3; ++k)
    if (auto it = read.find(names[k]); it != read.end()) constants[k] = &it->second;
  std::vector<const std::vector<Effect>*> lists;  // distinct effect lists, by value
  auto list_id = [&](const std::vector<Effect>& effects) -> int {
    if (effects.empty()) return -1;
    for (std::size_t i = 0; i < lists.size(); ++i)
      if (*lists[i] == effects) return static_cast<int>(i);
    lists.push_back(&effects);
    return static_cast<int>(lists.size() - 1);
  };
  std::map<std::vector<int>, std::size_t> by_signature;
  std::vector<TickClass> out;
  const std::size_t n = d.items.size();
  for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
    std::vector<int> sig(3, 0);  // hits, misses, false alarms, then the effect lists in order
    for (std::size_t i = 0; i < n; ++i) {
      const ChecklistItem& item = d.items[i];
      bool ticked = mask & (1u << i);
      if (ticked) sig.push_back(list_id(item.effects));
      if ((right >> i) & 1u) {
        ++sig[ticked ? 0 : 1];
        sig.push_back(list_id(ticked ? d.per_hit : d.per_miss));
      } else if (ticked) {
        ++sig[2];
        sig.push_back(list_id(d.per_false_alarm));
      }
    }
    sig.erase(std::remove(sig.begin() + 3, sig.end(), -1), sig.end());
    for (int k = 0; k < 3; ++k)
      sig[static_cast<std::size_t>(k)] = !constants[k] ? 0
                                         : exact      ? sig[static_cast<std::size_t>(k)]
                                                      : CountBucket(sig[static_cast<std::size_t>(k)], *constants[k]);
    auto [it, added] = by_signature.emplace(std::move(sig), out.size());
    if (added) out.emplace_back();
    out[it->second].masks.push_back(mask);
  }
  return out;
}

std::vector<TickClass> SingletonClasses(std::size_t items) {
  std::vector<TickClass> out(std::size_t{1} << items);
  for (std::uint32_t mask = 0; mask < out.size(); ++mask) out[mask].masks = {mask};
  return out;
}

}  // namespace

bool MoveScore::operator==(const MoveScore& o) const {
  if (never_events != o.never_events || axes.size() != o.axes.size()) return false;
  for (std::size_t i = 0; i < axes.size(); ++i)
    if (axes[i].earned != o.axes[i].earned || axes[i].possible != o.axes[i].possible) return false;
  return true;
}

// Builds a StateSpace by playing every move of every state through a copy of a Session in that
// state. Depth-first, so that only the sessions of states not yet expanded are held.
class StateSpaceBuilder {
 public:
  StateSpaceBuilder(StateSpace& space, const ExploreLimits& limits) : s_(space), limits_(limits) {}

  void Run() {
    t0_ = Clock::now();
    s_.live_ = LiveVariables(*s_.scenario_);
    s_.tick_scores_.clear();
    // scores_[0] adds nothing: what passing a scene adds (ExploreMove::score defaults to it).
    MoveScore nothing;
    for (const auto& a : s_.catalogue_->axes) nothing.axes.push_back(AxisResult{a.id, 0, 0});
    s_.scores_.push_back(std::move(nothing));
    if (Exhaustive()) {
      OrderTickSets();
    } else {
      s_.exhaustive_ = false;
      s_.states_.clear();
      s_.moves_.clear();
      s_.problems_.clear();
      index_.clear();
      chain_.clear();
      problem_nodes_.clear();
      Sample();
    }
    Finish();
    s_.seconds_ = SecondsSince(t0_);
  }

 private:
  // A move's outcome before it is filed: the session after it and, for a checklist, the tick
  // sets that lead there.
  struct Step {
    ExploreMove move;
    Session next;
    const std::vector<std::uint32_t>* masks = nullptr;
  };

  Session StartSession() const {
    SessionInfo info;
    info.seed = s_.scenario_->seed;
    return Session(s_.scenario_, s_.catalogue_, info);
  }

  std::size_t NodeIndex(const Node& n) const { return static_cast<std::size_t>(&n - s_.scenario_->nodes.data()); }

  // The state a session stands in; a new one is added. Returns {index, added}.
  std::pair<std::size_t, bool> Intern(const Session& session) {
    const auto& vars = s_.scenario_->variables;
    values_.resize(vars.size());
    std::size_t node = NodeIndex(session.CurrentNode());
    const std::vector<bool>& live = s_.live_[node];
    std::uint64_t h = (node + 1) * 0x9E3779B97F4A7C15ull;
    for (std::size_t i = 0; i < vars.size(); ++i) {
      values_[i] = session.Value(vars[i].id);
      if (live[i]) h = (h ^ std::hash<double>{}(values_[i])) * 0x100000001B3ull;
    }
    auto same = [&](const ExploreState& st) {
      if (st.node != &session.CurrentNode()) return false;
      for (std::size_t i = 0; i < vars.size(); ++i)
        if (live[i] && st.values[i] != values_[i]) return false;
      return true;
    };
    auto [head, added] = index_.try_emplace(h, kNone);
    for (std::size_t i = head->second; i != kNone; i = chain_[i])
      if (same(s_.states_[i])) return {i, false};
    ExploreState st;
    st.node = &session.CurrentNode();
    st.values = values_;
    s_.states_.push_back(std::move(st));
    chain_.push_back(head->second);
    head->second = s_.states_.size() - 1;
    return {s_.states_.size() - 1, true};
  }

  // What a decision adds to the score, from the engine's scoring of that record alone, answered
  // with the values of `at`. Scoring reads the record, the scenario and (for items whose
  // correctness depends on the story) which items are right, so it is computed once per node,
  // answer and RightBits (part of `answer_key`).
  std::size_t ScoreOf(std::uint64_t answer_key, const DecisionRecord& record, const Session& at) {
    if (auto it = score_cache_.find(answer_key); it != score_cache_.end()) return it->second;
    const ValuesAt values{at.Values()};
    SessionScore sc = ScoreDecisions(*s_.scenario_, *s_.catalogue_, {record}, &values);
    MoveScore ms{sc.axes, static_cast<int>(sc.never_events.size())};
    std::size_t index = s_.scores_.size();
    for (std::size_t i = 0; i < s_.scores_.size(); ++i)
      if (s_.scores_[i] == ms) {
        index = i;
        break;
      }
    if (index == s_.scores_.size()) s_.scores_.push_back(std::move(ms));
    score_cache_[answer_key] = index;
    return index;
  }

  // A choice's place in its decision; the timer's own timeout outcome (no choice) has one of its own.
  static std::uint64_t ChoiceKey(const Decision& d, const Choice* c) {
    return c ? static_cast<std::uint64_t>(c - d.choices.data()) : 0x0FFFFFFFu;
  }

  static std::uint64_t AnswerKey(std::size_t node, int kind, std::uint64_t sub) {
    return (static_cast<std::uint64_t>(node) << 32) | (static_cast<std::uint64_t>(kind) << 28) | sub;
  }

  // The table of tick-set scores for the checklist `at` waits at, in its state: one per node and
  // RightBits (a node whose items are all fixed has one).
  std::pair<std::size_t, std::uint32_t> TickTable(const Session& at) {
    const Node& node = at.CurrentNode();
    const std::uint32_t right = RightBits(*node.decision, at.Values());
    auto [it, added] = tick_table_of_.try_emplace(std::make_pair(&node, right), s_.tick_scores_.size());
    if (added) s_.tick_scores_.emplace_back(std::size_t{1} << node.decision->items.size(), kNone);
    return {it->second, right};
  }

  std::size_t TickScore(std::pair<std::size_t, std::uint32_t> table, const Session& at, std::uint32_t mask) {
    auto& scores = s_.tick_scores_[table.first];
    if (scores[mask] == kNone)
      scores[mask] = ScoreOf(AnswerKey(NodeIndex(at.CurrentNode()), 2, (std::uint64_t{table.second} << 12) | mask),
                             TickRecord(at, mask), at);
    return scores[mask];
  }

  static DecisionRecord TickRecord(const Session& at, std::uint32_t mask) {
    const auto& items = at.CurrentNode().decision->items;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < items.size(); ++i)
      if (mask & (1u << i)) ids.push_back(items[i].id);
    auto prepared = at.PrepareChecklist(ids, 0, 0);
    DecisionRecord r = std::get<DecisionRecord>(std::move(prepared));  // item ids of the decision itself: never refused
    // The display order is a log's business: Apply does not read it, and without it the records
    // that every session copy carries in its history cost no allocation.
    r.shown.clear();
    r.shown.shrink_to_fit();
    return r;
  }

  bool OverLimit() {
    if (s_.states_.size() > limits_.max_states) {
      s_.limit_hit_ = "more than " + std::to_string(limits_.max_states) + " states";
      return true;
    }
    if (s_.applies_ > limits_.max_applies) {
      s_.limit_hit_ = "more than " + std::to_string(limits_.max_applies) + " moves played";
      return true;
    }
    if (limits_.max_seconds > 0 && SecondsSince(t0_) > 0.5 * limits_.max_seconds) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "more than %.1f s", 0.5 * limits_.max_seconds);
      s_.limit_hit_ = buf;
      return true;
    }
    return false;
  }

  void Problem(std::size_t state, const Refusal& r) {
    if (!problem_nodes_.insert(s_.states_[state].node).second) return;  // one per node is enough
    s_.problems_.push_back(ExploreProblem{r.code, state, r.message});
  }

  // Plays `record` on a copy of `at`; nullopt (and a problem) when the engine refuses it.
  std::optional<Session> Play(std::size_t state, const Session& at, const DecisionRecord& record) {
    Session next = at;
    ++s_.applies_;
    if (auto r = next.Apply(record)) {
      Problem(state, *r);
      return std::nullopt;
    }
    return next;
  }

  static bool SameState(const Session& a, const Session& b) {
    return &a.CurrentNode() == &b.CurrentNode() && a.state() == b.state() && a.Values() == b.Values();
  }

  // Every move out of `state`, whose session is `at`, each played on a copy of it.
  // `at` is used up: the last move is played on it.
  std::vector<Step> Steps(std::size_t state, Session& at) {
    std::vector<Step> out;
    // Grown in place: a Step that had to move when the vector grows would be copied, session and all.
    if (const Node& node = at.CurrentNode(); node.decision)
      out.reserve(node.decision->kind == Decision::Kind::Single ? node.decision->choices.size() + 1 : 16);
    switch (at.state()) {
      case SessionState::Ended: break;
      case SessionState::AtScene: {
        // The one move: played on `at` itself (its state is expanded and not needed again).
        Session& next = at;
        ++s_.applies_;
        if (auto r = next.Continue()) {
          Problem(state, *r);
          break;
        }
        ExploreMove m;
        m.from = state;
        m.kind = MoveKind::Continue;
        out.push_back(Step{std::move(m), std::move(next)});
        break;
      }
      case SessionState::AwaitingChoice: {
        const Node& node = at.CurrentNode();
        const Decision& d = *node.decision;
        // Every move is prepared (and its wording taken) before any is played: the last one is
        // then played on `at` itself, which saves copying a session with its whole history.
        std::vector<ExploreMove> ready;
        ready.reserve(d.choices.size() + 1);
        auto prepare = [&](const Choice* c, bool timeout) {
          auto prepared = timeout ? at.PrepareTimeout(0, 0) : at.PrepareChoice(c->id, 0, 0);
          if (auto* r = std::get_if<Refusal>(&prepared)) {
            Problem(state, *r);
            return;
          }
          DecisionRecord& rec = std::get<DecisionRecord>(prepared);
          std::vector<std::string>().swap(rec.shown);  // see TickRecord
          const Choice* chosen = d.FindChoice(rec.choice);  // null: the timer's own timeout outcome
          ExploreMove m;
          m.from = state;
          m.kind = timeout ? MoveKind::Timeout : MoveKind::Choice;
          m.choice = chosen;
          m.text = timeout ? nullptr : &at.ChoiceText(*chosen);
          m.score = ScoreOf(AnswerKey(NodeIndex(node), timeout ? 1 : 0, ChoiceKey(d, chosen)), rec, at);
          m.record = std::move(rec);
          ready.push_back(std::move(m));
        };
        for (const Choice* c : at.AvailableChoices()) prepare(c, false);
        if (at.TimerSeconds()) prepare(nullptr, true);
        for (std::size_t k = 0; k < ready.size(); ++k) {
          std::optional<Session> next;
          if (k + 1 < ready.size()) {
            next = Play(state, at, ready[k].record);
          } else {
            ++s_.applies_;
            if (auto r = at.Apply(ready[k].record)) Problem(state, *r);  // a refusal changes nothing
            else next = std::move(at);
          }
          if (next) out.push_back(Step{std::move(ready[k]), std::move(*next)});
        }
        break;
      }
      case SessionState::AwaitingChecklist: {
        const Node& node = at.CurrentNode();
        const std::size_t n_items = node.decision->items.size();
        ExploreMove m;
        m.from = state;
        m.kind = MoveKind::Checklist;
        const auto table = TickTable(at);
        m.tick_table = table.first;
        const auto key = std::make_pair(&node, table.second);
        auto cls = tick_classes_.find(key);
        if (cls == tick_classes_.end()) cls = tick_classes_.emplace(key, TickClasses(*node.decision, table.second)).first;
        out.reserve(cls->second.size());
        for (const auto& c : cls->second) {
          DecisionRecord record = TickRecord(at, c.masks.front());
          auto next = Play(state, at, record);
          if (!next) continue;
          if (c.masks.size() > 1 && checked_[key] < kClassChecks) {
            // The check that the class is one: another member must end in the very same state.
            auto other = Play(state, at, TickRecord(at, c.masks.back()));
            if (!other || !SameState(*next, *other)) {
              cls->second = SingletonClasses(n_items);
              return Steps(state, at);
            }
          }
          ExploreMove move = m;
          move.record = std::move(record);
          move.score = TickScore(table, at, c.masks.front());
          for (std::uint32_t mask : c.masks) TickScore(table, at, mask);
          out.push_back(Step{std::move(move), std::move(*next), &c.masks});
        }
        ++checked_[key];
        break;
      }
    }
    return out;
  }

  // Files a move into the state it reached (`to`): a checklist move takes every tick set in
  // `masks` (their scores already computed), and sampled walks that meet a move again merge it.
  void File(ExploreMove m, std::size_t to, const std::vector<std::uint32_t>* masks) {
    m.to = to;
    if (m.kind != MoveKind::Checklist) {
      for (std::size_t i : s_.states_[m.from].moves)
        if (s_.moves_[i].to == to && s_.moves_[i].kind == m.kind && s_.moves_[i].choice == m.choice) return;
      Add(std::move(m));
      return;
    }
    // One checklist move per state reached; a thousand tick sets file quickly through `grouped_`.
    if (grouped_from_ != m.from) {
      grouped_from_ = m.from;
      grouped_.clear();
      for (std::size_t i : s_.states_[m.from].moves)
        if (s_.moves_[i].kind == MoveKind::Checklist) grouped_[s_.moves_[i].to] = i;
    }
    auto it = grouped_.find(to);
    if (it == grouped_.end()) {
      m.tick_sets.clear();
      Add(std::move(m));
      it = grouped_.emplace(to, s_.moves_.size() - 1).first;
    }
    auto& sets = s_.moves_[it->second].tick_sets;
    for (std::uint32_t mask : *masks) {
      if (!exhaustive_phase_ && std::find(sets.begin(), sets.end(), mask) != sets.end()) continue;
      sets.push_back(mask);
    }
  }

  void Add(ExploreMove m) {
    s_.moves_.push_back(std::move(m));
    s_.states_[s_.moves_.back().from].moves.push_back(s_.moves_.size() - 1);
  }

  // A checklist move lists its tick sets by the class of their exact counts (classes in the order
  // of their first tick set), then ascending: the order in which the score ranges meet them, and
  // so which tick set a reported path shows when several score alike. It does not depend on how
  // coarsely the search grouped them.
  void OrderTickSets() {
    struct Order {
      std::vector<std::uint32_t> rank;     // mask → its place in that order
      std::vector<std::uint32_t> by_rank;  // place → mask
    };
    std::map<std::pair<const Node*, std::uint32_t>, Order> orders;  // by node and RightBits
    std::vector<char> present;
    std::vector<std::uint64_t> keyed;
    for (auto& m : s_.moves_) {
      if (m.kind != MoveKind::Checklist || m.tick_sets.size() < 2) continue;
      const Node* node = s_.states_[m.from].node;
      const auto key = std::make_pair(node, RightBits(*node->decision, s_.Values(m.from)));
      auto it = orders.find(key);
      if (it == orders.end()) {
        Order o;
        for (const auto& c : TickClasses(*node->decision, key.second, true))
          o.by_rank.insert(o.by_rank.end(), c.masks.begin(), c.masks.end());
        o.rank.resize(o.by_rank.size());
        for (std::size_t r = 0; r < o.by_rank.size(); ++r) o.rank[o.by_rank[r]] = static_cast<std::uint32_t>(r);
        it = orders.emplace(key, std::move(o)).first;
      }
      const Order& o = it->second;
      auto& sets = m.tick_sets;
      if (sets.size() * 16 >= o.by_rank.size()) {  // many: walk the order once
        present.assign(o.by_rank.size(), 0);
        for (std::uint32_t mask : sets) present[mask] = 1;
        sets.clear();
        for (std::uint32_t mask : o.by_rank)
          if (present[mask]) sets.push_back(mask);
      } else {
        keyed.clear();
        for (std::uint32_t mask : sets) keyed.push_back(std::uint64_t{o.rank[mask]} << 32 | mask);
        std::sort(keyed.begin(), keyed.end());
        for (std::size_t k = 0; k < keyed.size(); ++k) sets[k] = static_cast<std::uint32_t>(keyed[k]);
      }
    }
  }

  // Every reachable state. False when a limit was hit.
  bool Exhaustive() {
    std::vector<std::pair<std::size_t, Session>> todo;
    Session start = StartSession();
    todo.emplace_back(Intern(start).first, std::move(start));
    // The sessions waiting to be expanded hold their whole history: on a very long story that is
    // quadratic in its length, so their decisions are counted and bounded too.
    std::size_t pending = 0;
    while (!todo.empty()) {
      auto [state, at] = std::move(todo.back());
      todo.pop_back();
      pending -= at.History().size();
      for (Step& step : Steps(state, at)) {
        auto [to, added] = Intern(step.next);
        File(std::move(step.move), to, step.masks);
        if (!added) continue;
        pending += step.next.History().size();
        todo.emplace_back(to, std::move(step.next));
      }
      if (OverLimit()) return false;
      if (pending > kMaxPendingDecisions) {
        s_.limit_hit_ = "more than " + std::to_string(kMaxPendingDecisions) + " decisions held in waiting sessions";
        return false;
      }
    }
    return true;
  }

  // The fallback: seeded random play-throughs, each move picked uniformly (a timed decision's
  // timeout counts as one more option; a checklist's tick set is uniform over all of them).
  // A walk plays on its one session: it never goes back to a state it left.
  void Sample() {
    rng_.seed(limits_.seed);
    exhaustive_phase_ = false;
    grouped_from_ = kNone;
    const std::size_t max_steps = 4 * s_.scenario_->nodes.size() + 64;
    // The sample has its own budget of moves: without it a 10,000-node scenario sampled 20,000
    // walks of up to 40,000 moves each (minutes in `sigap validate`).
    const std::size_t budget_end = s_.applies_ + limits_.sample_applies;
    for (std::size_t walk = 0; walk < limits_.sample_paths; ++walk) {
      Session at = StartSession();
      std::size_t state = Intern(at).first;
      for (std::size_t i = 0; i < max_steps && SampleStep(state, at); ++i) {}
      s_.sampled_paths_ = walk + 1;
      if (s_.states_.size() > limits_.max_states || s_.applies_ > budget_end ||
          (limits_.max_seconds > 0 && SecondsSince(t0_) > 0.75 * limits_.max_seconds))
        break;
    }
  }

  // One random move from `state`, played on `at` itself. False at an ending or a refusal.
  bool SampleStep(std::size_t& state, Session& at) {
    ExploreMove m;
    m.from = state;
    std::vector<std::uint32_t> mask;
    std::optional<Refusal> refused;
    ++s_.applies_;
    switch (at.state()) {
      case SessionState::Ended: return false;
      case SessionState::AtScene:
        m.kind = MoveKind::Continue;
        refused = at.Continue();
        break;
      case SessionState::AwaitingChoice: {
        auto shown = at.AvailableChoices();
        std::size_t options = shown.size() + (at.TimerSeconds() ? 1 : 0);
        if (options == 0) return false;
        std::size_t k = rng_() % options;
        auto prepared = k < shown.size() ? at.PrepareChoice(shown[k]->id, 0, 0) : at.PrepareTimeout(0, 0);
        if (auto* r = std::get_if<Refusal>(&prepared)) {
          Problem(state, *r);
          return false;
        }
        const Decision& d = *at.CurrentNode().decision;
        m.kind = k < shown.size() ? MoveKind::Choice : MoveKind::Timeout;
        m.record = std::get<DecisionRecord>(prepared);
        std::vector<std::string>().swap(m.record.shown);
        m.choice = d.FindChoice(m.record.choice);
        if (m.kind == MoveKind::Choice) m.text = &at.ChoiceText(*m.choice);
        m.score = ScoreOf(AnswerKey(NodeIndex(at.CurrentNode()), m.kind == MoveKind::Timeout ? 1 : 0, ChoiceKey(d, m.choice)),
                          m.record, at);
        refused = at.Apply(m.record);
        break;
      }
      case SessionState::AwaitingChecklist: {
        const std::size_t n = at.CurrentNode().decision->items.size();
        mask = {static_cast<std::uint32_t>(rng_() & ((std::uint64_t{1} << n) - 1))};
        m.kind = MoveKind::Checklist;
        m.record = TickRecord(at, mask.front());
        const auto table = TickTable(at);
        m.tick_table = table.first;
        m.score = TickScore(table, at, mask.front());
        refused = at.Apply(m.record);
        break;
      }
    }
    if (refused) {
      Problem(state, *refused);
      return false;
    }
    std::size_t to = Intern(at).first;
    File(std::move(m), to, &mask);
    state = to;
    return true;
  }

  // The states of each node, shortest ways in (breadth-first) and the moves that close a loop
  // (depth-first).
  void Finish() {
    auto& st = s_.states_;
    s_.by_node_.assign(s_.scenario_->nodes.size(), {});
    for (std::size_t i = 0; i < st.size(); ++i) s_.by_node_[NodeIndex(*st[i].node)].push_back(i);
    std::vector<std::size_t> queue{0};
    std::vector<bool> seen(st.size(), false);
    seen[0] = true;
    for (std::size_t q = 0; q < queue.size(); ++q)
      for (std::size_t m : st[queue[q]].moves) {
        std::size_t to = s_.moves_[m].to;
        if (seen[to]) continue;
        seen[to] = true;
        st[to].reached_by = m;
        st[to].depth = st[queue[q]].depth + 1;
        queue.push_back(to);
      }
    std::vector<char> colour(st.size(), 0);  // 0 new, 1 on the current way, 2 done
    std::vector<std::pair<std::size_t, std::size_t>> stack{{0, 0}};
    colour[0] = 1;
    while (!stack.empty()) {
      std::size_t v = stack.back().first, i = stack.back().second;
      if (i == st[v].moves.size()) {
        colour[v] = 2;
        stack.pop_back();
        continue;
      }
      ++stack.back().second;
      ExploreMove& m = s_.moves_[st[v].moves[i]];
      if (colour[m.to] == 1)
        m.loop_back = true;
      else if (colour[m.to] == 0) {
        colour[m.to] = 1;
        stack.emplace_back(m.to, 0);
      }
    }
  }

  StateSpace& s_;
  ExploreLimits limits_;
  Clock::time_point t0_;
  std::vector<double> values_;
  std::unordered_map<std::uint64_t, std::size_t> index_;  // hash → the last state added with it
  std::vector<std::size_t> chain_;                         // per state: the one added before it with its hash
  std::unordered_map<std::uint64_t, std::size_t> score_cache_;
  std::map<std::pair<const Node*, std::uint32_t>, std::vector<TickClass>> tick_classes_;  // by node and RightBits
  std::map<std::pair<const Node*, std::uint32_t>, int> checked_;  // states of a checklist whose classes were checked
  std::map<std::pair<const Node*, std::uint32_t>, std::size_t> tick_table_of_;  // → StateSpace::tick_scores_
  static constexpr int kClassChecks = 16;
  static constexpr std::size_t kMaxPendingDecisions = 2'000'000;  // about 200 MB of records
  std::size_t grouped_from_ = kNone;
  std::unordered_map<std::size_t, std::size_t> grouped_;  // to → checklist move of grouped_from_
  bool exhaustive_phase_ = true;                          // each state is expanded once: no tick set can come twice
  std::set<const Node*> problem_nodes_;
  std::mt19937_64 rng_;
};

StateSpace StateSpace::Explore(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue,
                               const ExploreLimits& limits) {
  StateSpace space;
  space.scenario_ = std::move(scenario);
  space.catalogue_ = std::move(catalogue);
  StateSpaceBuilder(space, limits).Run();
  return space;
}

const std::vector<bool>& StateSpace::LiveVariables(const Node& node) const {
  return live_[static_cast<std::size_t>(&node - scenario_->nodes.data())];
}

std::size_t StateSpace::TickScore(const ExploreMove& move, std::uint32_t tick_set) const {
  if (move.kind != MoveKind::Checklist) return move.score;
  return tick_scores_[move.tick_table][tick_set];
}

DecisionRecord StateSpace::RecordFor(const ExploreMove& move, std::uint32_t tick_set) const {
  DecisionRecord r = move.record;
  if (move.kind != MoveKind::Checklist) return r;
  r.items.clear();
  const auto& items = states_[move.from].node->decision->items;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (tick_set & (1u << i)) r.items.push_back(items[i].id);
  return r;
}

std::size_t StateSpace::loop_moves() const {
  return static_cast<std::size_t>(
      std::count_if(moves_.begin(), moves_.end(), [](const ExploreMove& m) { return m.loop_back; }));
}

const std::vector<std::size_t>& StateSpace::StatesAt(const Node& node) const {
  return by_node_[static_cast<std::size_t>(&node - scenario_->nodes.data())];
}

std::vector<std::size_t> StateSpace::StatesAt(const std::string& node_id) const {
  const Node* n = scenario_->FindNode(node_id);
  return n ? StatesAt(*n) : std::vector<std::size_t>{};
}

std::vector<std::size_t> StateSpace::StatesOffering(const std::string& node_id, const std::string& choice_id) const {
  std::vector<std::size_t> out;
  for (std::size_t i : StatesAt(node_id))
    for (std::size_t m : states_[i].moves)
      if (moves_[m].kind == MoveKind::Choice && moves_[m].choice->id == choice_id) {
        out.push_back(i);
        break;
      }
  return out;
}

std::map<std::string, double> StateSpace::Values(std::size_t state) const {
  std::map<std::string, double> out;
  for (std::size_t i = 0; i < scenario_->variables.size(); ++i)
    out[scenario_->variables[i].id] = states_[state].values[i];
  return out;
}

bool StateSpace::Holds(const Condition& c, std::size_t state) const { return Evaluate(c, Values(state)); }

std::vector<bool> StateSpace::CanFinish() const {
  std::vector<std::vector<std::size_t>> preds(states_.size());
  for (const auto& m : moves_) preds[m.to].push_back(m.from);
  std::vector<bool> ok(states_.size(), false);
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < states_.size(); ++i)
    if (states_[i].node->type == Node::Type::Ending) {
      ok[i] = true;
      stack.push_back(i);
    }
  while (!stack.empty()) {
    std::size_t v = stack.back();
    stack.pop_back();
    for (std::size_t p : preds[v])
      if (!ok[p]) {
        ok[p] = true;
        stack.push_back(p);
      }
  }
  return ok;
}

std::vector<DecisionRecord> StateSpace::PathTo(std::size_t state) const {
  std::vector<DecisionRecord> out;
  for (std::optional<std::size_t> m = states_[state].reached_by; m; m = states_[moves_[*m].from].reached_by)
    if (moves_[*m].kind != MoveKind::Continue) out.push_back(moves_[*m].record);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace sigap
