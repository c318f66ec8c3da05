// [SECTION] index
//   Text and paths       TextLength, ChoicesArgument, names
//   State space          StateSpaceBuilder: exhaustive search, the sampled fallback; the queries
//   Score ranges         loop moves left out, topological order, Pareto fronts per axis, never events
//   Strategies           test-wise players, each run through a real Session
//   Length cue           how often the longest option is the fully correct one
//   Findings             the validity rules and the other problems, with what to do
//   Report               ExploreScenario
//   JSON                 ToJson(ExploreReport)
//   Validator            ValidateScenarioValidity: the findings as sigap validate warnings
#include "explore.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <unordered_map>

#include "validator.h"

namespace sigap {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

double SecondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f %%", v);
  return buf;
}

std::string NodePointer(const Scenario& s, const Node* n) { return "/nodes/" + std::to_string(n - s.nodes.data()); }

bool FullyCorrect(const Choice& c) {
  return !c.sop.empty() &&
         std::all_of(c.sop.begin(), c.sop.end(), [](const SopTag& t) { return t.verdict == Verdict::Follows; });
}

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
  for (const auto& r : records) {
    if (!out.empty()) out += ',';
    if (r.timed_out && !r.checklist)
      out += "timeout";
    else if (r.checklist) {
      if (r.items.empty()) out += '-';
      for (std::size_t i = 0; i < r.items.size(); ++i) out += (i ? "+" : "") + r.items[i];
    } else
      out += r.choice;
  }
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

const char* SingleRuleName(SingleRule r) {
  switch (r) {
    case SingleRule::Longest: return "longest";
    case SingleRule::Shortest: return "shortest";
    case SingleRule::First: return "first";
    case SingleRule::Last: return "last";
    case SingleRule::Random: return "random";
  }
  return "?";
}

const char* ChecklistRuleName(ChecklistRule r) {
  switch (r) {
    case ChecklistRule::LongerHalf: return "longer_half";
    case ChecklistRule::All: return "all";
    case ChecklistRule::None: return "none";
    case ChecklistRule::FirstHalf: return "first_half";
    case ChecklistRule::Random: return "random";
  }
  return "?";
}

bool Strategy::UsesLength() const {
  return single == SingleRule::Longest || single == SingleRule::Shortest || checklist == ChecklistRule::LongerHalf;
}

std::string Strategy::Name() const {
  if (single == SingleRule::Random && checklist == ChecklistRule::Random) return "random";
  std::string n = std::string(SingleRuleName(single)) + "+" + ChecklistRuleName(checklist);
  if (lang == Lang::En) n += "/en";
  return n;
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
    for (const auto& o : d.outcomes)
      if (o.when) MarkRead(*o.when, s, read);
    if (d.timer)
      for (const auto& o : d.timer->seconds_if) MarkRead(o.when, s, read);
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
      for (const auto& to : Successors(s.nodes[i])) {
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
// reads) and the same effects in the same item order. One of each class is played; the builder checks the claim on another
// member in the first states of each checklist and plays every tick set of a checklist where
// it does not hold (so a change to how Session applies a checklist cannot go unnoticed).
struct TickClass {
  std::vector<std::uint32_t> masks;  // masks[0] is played
};

void NamesRead(const Condition& c, std::set<std::string>& out) {
  if (c.kind == Condition::Kind::Flag || c.kind == Condition::Kind::Compare) out.insert(c.var);
  for (const auto& ch : c.children) NamesRead(ch, out);
}

std::vector<TickClass> TickClasses(const Decision& d) {
  // Only the counters some outcome or route reads can tell tick sets apart.
  std::set<std::string> read;
  for (const auto& o : d.outcomes)
    if (o.when) NamesRead(*o.when, read);
  for (const auto& r : d.next)
    if (r.when) NamesRead(*r.when, read);
  const bool counts[3] = {read.count("$hits") > 0, read.count("$misses") > 0, read.count("$false_alarms") > 0};
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
      if (item.correct) {
        ++sig[ticked ? 0 : 1];
        sig.push_back(list_id(ticked ? d.per_hit : d.per_miss));
      } else if (ticked) {
        ++sig[2];
        sig.push_back(list_id(d.per_false_alarm));
      }
    }
    sig.erase(std::remove(sig.begin() + 3, sig.end(), -1), sig.end());
    for (int k = 0; k < 3; ++k)
      if (!counts[k]) sig[static_cast<std::size_t>(k)] = 0;
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
    s_.tick_scores_.assign(s_.scenario_->nodes.size(), {});
    // scores_[0] adds nothing: what passing a scene adds (ExploreMove::score defaults to it).
    MoveScore nothing;
    for (const auto& a : s_.catalogue_->axes) nothing.axes.push_back(AxisResult{a.id, 0, 0});
    s_.scores_.push_back(std::move(nothing));
    if (!Exhaustive()) {
      s_.exhaustive_ = false;
      s_.states_.clear();
      s_.moves_.clear();
      s_.problems_.clear();
      index_.clear();
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
    auto& bucket = index_[h];
    for (std::size_t i : bucket)
      if (same(s_.states_[i])) return {i, false};
    ExploreState st;
    st.node = &session.CurrentNode();
    st.values = values_;
    s_.states_.push_back(std::move(st));
    bucket.push_back(s_.states_.size() - 1);
    return {s_.states_.size() - 1, true};
  }

  // What a decision adds to the score, from the engine's scoring of that record alone. Scoring
  // reads the record and the scenario only, so it is computed once per node and answer.
  std::size_t ScoreOf(std::uint64_t answer_key, const DecisionRecord& record) {
    if (auto it = score_cache_.find(answer_key); it != score_cache_.end()) return it->second;
    SessionScore sc = ScoreDecisions(*s_.scenario_, *s_.catalogue_, {record});
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

  static std::uint64_t AnswerKey(std::size_t node, int kind, std::uint64_t sub) {
    return (static_cast<std::uint64_t>(node) << 32) | (static_cast<std::uint64_t>(kind) << 28) | sub;
  }

  std::size_t TickScore(const Session& at, std::uint32_t mask) {
    const Node& node = at.CurrentNode();
    auto& table = s_.tick_scores_[NodeIndex(node)];
    if (table.empty()) table.assign(std::size_t{1} << node.decision->items.size(), kNone);
    if (table[mask] == kNone) table[mask] = ScoreOf(AnswerKey(NodeIndex(node), 2, mask), TickRecord(at, mask));
    return table[mask];
  }

  static DecisionRecord TickRecord(const Session& at, std::uint32_t mask) {
    const auto& items = at.CurrentNode().decision->items;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < items.size(); ++i)
      if (mask & (1u << i)) ids.push_back(items[i].id);
    auto prepared = at.PrepareChecklist(ids, 0, 0);
    return std::get<DecisionRecord>(prepared);  // item ids of the decision itself: never refused
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
    if (SecondsSince(t0_) > 0.5 * limits_.max_seconds) {
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
  std::vector<Step> Steps(std::size_t state, const Session& at) {
    std::vector<Step> out;
    switch (at.state()) {
      case SessionState::Ended: break;
      case SessionState::AtScene: {
        Session next = at;
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
        auto offer = [&](const Choice* c, bool timeout) {
          auto prepared = timeout ? at.PrepareTimeout(0, 0) : at.PrepareChoice(c->id, 0, 0);
          if (auto* r = std::get_if<Refusal>(&prepared)) {
            Problem(state, *r);
            return;
          }
          const DecisionRecord& rec = std::get<DecisionRecord>(prepared);
          auto next = Play(state, at, rec);
          if (!next) return;
          const Choice* chosen = nullptr;
          for (const auto& ch : d.choices)
            if (ch.id == rec.choice) chosen = &ch;
          ExploreMove m;
          m.from = state;
          m.kind = timeout ? MoveKind::Timeout : MoveKind::Choice;
          m.choice = chosen;
          m.text = timeout ? nullptr : &at.ChoiceText(*chosen);
          m.record = rec;
          m.score = ScoreOf(
              AnswerKey(NodeIndex(node), timeout ? 1 : 0, static_cast<std::uint64_t>(chosen - d.choices.data())), rec);
          out.push_back(Step{std::move(m), std::move(*next)});
        };
        for (const Choice* c : at.AvailableChoices()) offer(c, false);
        if (at.TimerSeconds()) offer(nullptr, true);
        break;
      }
      case SessionState::AwaitingChecklist: {
        const Node& node = at.CurrentNode();
        const std::size_t n_items = node.decision->items.size();
        ExploreMove m;
        m.from = state;
        m.kind = MoveKind::Checklist;
        auto cls = tick_classes_.find(&node);
        if (cls == tick_classes_.end()) cls = tick_classes_.emplace(&node, TickClasses(*node.decision)).first;
        for (const auto& c : cls->second) {
          auto next = Play(state, at, TickRecord(at, c.masks.front()));
          if (!next) continue;
          if (c.masks.size() > 1 && checked_[&node] < kClassChecks) {
            // The check that the class is one: another member must end in the very same state.
            auto other = Play(state, at, TickRecord(at, c.masks.back()));
            if (!other || !SameState(*next, *other)) {
              cls->second = SingletonClasses(n_items);
              return Steps(state, at);
            }
          }
          ExploreMove move = m;
          move.record = TickRecord(at, c.masks.front());
          move.score = TickScore(at, c.masks.front());
          for (std::uint32_t mask : c.masks) TickScore(at, mask);
          out.push_back(Step{std::move(move), std::move(*next), &c.masks});
        }
        ++checked_[&node];
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
    for (std::size_t walk = 0; walk < limits_.sample_paths; ++walk) {
      Session at = StartSession();
      std::size_t state = Intern(at).first;
      for (std::size_t i = 0; i < max_steps && SampleStep(state, at); ++i) {}
      s_.sampled_paths_ = walk + 1;
      if (s_.states_.size() > limits_.max_states || SecondsSince(t0_) > 0.75 * limits_.max_seconds) break;
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
        for (const auto& ch : d.choices)
          if (ch.id == m.record.choice) m.choice = &ch;
        if (m.kind == MoveKind::Choice) m.text = &at.ChoiceText(*m.choice);
        m.score = ScoreOf(AnswerKey(NodeIndex(at.CurrentNode()), m.kind == MoveKind::Timeout ? 1 : 0,
                                    static_cast<std::uint64_t>(m.choice - d.choices.data())),
                          m.record);
        refused = at.Apply(m.record);
        break;
      }
      case SessionState::AwaitingChecklist: {
        const std::size_t n = at.CurrentNode().decision->items.size();
        mask = {static_cast<std::uint32_t>(rng_() & ((std::uint64_t{1} << n) - 1))};
        m.kind = MoveKind::Checklist;
        m.record = TickRecord(at, mask.front());
        m.score = TickScore(at, mask.front());
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
  std::unordered_map<std::uint64_t, std::vector<std::size_t>> index_;
  std::unordered_map<std::uint64_t, std::size_t> score_cache_;
  std::map<const Node*, std::vector<TickClass>> tick_classes_;
  std::map<const Node*, int> checked_;  // states of a checklist whose classes were checked
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
  return tick_scores_[static_cast<std::size_t>(states_[move.from].node - scenario_->nodes.data())][tick_set];
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

// =============================================================================================
// [SECTION] Score ranges
// =============================================================================================
// A path's axis percent is earned/possible summed over its decisions: a ratio, so the extremes
// over all paths do not follow from the extremes of each state. Each state keeps, per axis, the
// (earned, possible) pairs no other pair beats for the minimum (less earned, more possible) and
// for the maximum (more earned, less possible): a few dozen, whatever the number of paths.
// Moves that close a loop are left out: going round a loop returns to the same state, so the
// endings reachable are the same and only the repeated decisions' scores would differ.

namespace {

struct FrontEntry {
  std::int32_t earned = 0, possible = 0;
  std::uint32_t pred = 0;      // entry index in the front of the move's `from` state
  std::uint32_t tick_set = 0;  // checklist moves: the tick set taken
  std::size_t move = kNone;    // kNone at the start
};
using Front = std::vector<FrontEntry>;  // sorted by possible, ascending

// Keeps the entries no other entry dominates. Entries with nothing possible yet are kept apart:
// they neither beat nor lose to others (their percent does not exist yet).
void Prune(Front& f, bool for_min) {
  std::stable_sort(f.begin(), f.end(), [&](const FrontEntry& a, const FrontEntry& b) {
    if (a.possible != b.possible) return a.possible < b.possible;
    return for_min ? a.earned < b.earned : a.earned > b.earned;
  });
  Front out;
  bool zero_kept = false;
  for (const auto& e : f)
    if (e.possible == 0 && !zero_kept) {
      out.push_back(e);
      zero_kept = true;
    }
  if (for_min) {
    // From the most possible down, one run of equal `possible` at a time (its least earned
    // first): keep an entry only if it earns strictly less than every entry kept so far.
    Front kept;
    std::int32_t best = std::numeric_limits<std::int32_t>::max();
    std::size_t end = f.size();
    while (end > 0) {
      std::size_t begin = end;
      while (begin > 0 && f[begin - 1].possible == f[end - 1].possible) --begin;
      if (f[begin].possible != 0 && f[begin].earned < best) {
        kept.push_back(f[begin]);
        best = f[begin].earned;
      }
      end = begin;
    }
    out.insert(out.end(), kept.rbegin(), kept.rend());
  } else {
    // From the least possible up: keep an entry only if it earns strictly more than any kept one.
    std::int32_t best = -1;
    for (const auto& e : f) {
      if (e.possible == 0) continue;
      if (e.earned > best) {
        out.push_back(e);
        best = e.earned;
      }
    }
  }
  f = std::move(out);
}

struct RangeDp {
  std::vector<std::vector<Front>> min_front, max_front;  // [state][axis]
  bool exact = true;  // false: fronts were cut to fit memory (huge spaces), ranges may be too narrow
  std::vector<int> never_min, never_max;
  std::vector<std::size_t> never_min_move, never_max_move;
  std::vector<std::uint32_t> never_min_tick, never_max_tick;
};

constexpr std::size_t kFrontEntries = 8'000'000;  // about 200 MB

RangeDp ComputeRanges(const StateSpace& space) {
  const auto& states = space.states();
  const auto& moves = space.moves();
  const std::size_t n = states.size(), axes = space.catalogue().axes.size();
  RangeDp dp;
  dp.min_front.assign(n, std::vector<Front>(axes));
  dp.max_front.assign(n, std::vector<Front>(axes));
  dp.never_min.assign(n, std::numeric_limits<int>::max());
  dp.never_max.assign(n, -1);
  dp.never_min_move.assign(n, kNone);
  dp.never_max_move.assign(n, kNone);
  dp.never_min_tick.assign(n, 0);
  dp.never_max_tick.assign(n, 0);
  if (n == 0) return dp;
  for (std::size_t a = 0; a < axes; ++a) {
    dp.min_front[0][a].push_back(FrontEntry{});
    dp.max_front[0][a].push_back(FrontEntry{});
  }
  dp.never_min[0] = dp.never_max[0] = 0;

  // Topological order of the states over the moves that do not close a loop.
  std::vector<std::size_t> indegree(n, 0), order;
  for (const auto& m : moves)
    if (!m.loop_back) ++indegree[m.to];
  for (std::size_t i = 0; i < n; ++i)
    if (indegree[i] == 0) order.push_back(i);
  for (std::size_t q = 0; q < order.size(); ++q)
    for (std::size_t mi : states[order[q]].moves)
      if (!moves[mi].loop_back && --indegree[moves[mi].to] == 0) order.push_back(moves[mi].to);

  std::vector<std::size_t> out;
  std::vector<std::uint32_t> seen(space.scores().size(), 0);  // distinct scores of a move's tick sets
  std::uint32_t stamp = 0;
  // Fronts stay within kFrontEntries in all; beyond that each keeps the entries with the most
  // extreme ratio so far (and the ranges are flagged as approximate).
  const std::size_t cap = std::max<std::size_t>(8, kFrontEntries / std::max<std::size_t>(1, 2 * n * axes));
  auto cut = [&](Front& f, bool for_min) {
    if (f.size() <= cap) return;
    dp.exact = false;
    auto ratio = [](const FrontEntry& e) { return e.possible > 0 ? double(e.earned) / e.possible : 0.5; };
    std::nth_element(f.begin(), f.begin() + static_cast<std::ptrdiff_t>(cap), f.end(),
                     [&](const FrontEntry& x, const FrontEntry& y) { return for_min ? ratio(x) < ratio(y) : ratio(x) > ratio(y); });
    f.resize(cap);
  };
  for (std::size_t v : order) {
    if (dp.never_max[v] < 0) continue;  // not reached without going round a loop
    for (std::size_t a = 0; a < axes; ++a) {
      Prune(dp.min_front[v][a], true);
      Prune(dp.max_front[v][a], false);
      cut(dp.min_front[v][a], true);
      cut(dp.max_front[v][a], false);
    }
    // The moves to one state differ only in what they add (a checklist's tick sets): per axis,
    // only the additions no other one beats can matter.
    out.clear();
    for (std::size_t mi : states[v].moves)
      if (!moves[mi].loop_back) out.push_back(mi);
    std::stable_sort(out.begin(), out.end(), [&](std::size_t x, std::size_t y) { return moves[x].to < moves[y].to; });
    for (std::size_t g = 0; g < out.size();) {
      std::size_t end = g;
      const std::size_t to = moves[out[g]].to;
      while (end < out.size() && moves[out[end]].to == to) ++end;
      // What each way to `to` adds: a move's score, or each distinct score of its tick sets.
      struct Way {
        std::size_t move, score;
        std::uint32_t tick_set;
      };
      std::vector<Way> ways;
      for (std::size_t k = g; k < end; ++k) {
        const ExploreMove& m = moves[out[k]];
        if (m.kind != MoveKind::Checklist) {
          ways.push_back(Way{out[k], m.score, 0});
          continue;
        }
        ++stamp;
        for (std::uint32_t t : m.tick_sets) {
          std::size_t sc = space.TickScore(m, t);
          if (seen[sc] == stamp) continue;
          seen[sc] = stamp;
          ways.push_back(Way{out[k], sc, t});
        }
      }
      for (std::size_t a = 0; a < axes; ++a) {
        Front deltas;
        for (const Way& w : ways) {
          const AxisResult& d = space.scores()[w.score].axes[a];
          deltas.push_back(FrontEntry{static_cast<std::int32_t>(std::lround(d.earned)),
                                      static_cast<std::int32_t>(std::lround(d.possible)), 0, w.tick_set, w.move});
        }
        for (bool for_min : {true, false}) {
          Front best = deltas;
          Prune(best, for_min);
          const Front& from = (for_min ? dp.min_front : dp.max_front)[v][a];
          Front& into = (for_min ? dp.min_front : dp.max_front)[to][a];
          for (const auto& d : best)
            for (std::size_t k = 0; k < from.size(); ++k)
              into.push_back(FrontEntry{from[k].earned + d.earned, from[k].possible + d.possible,
                                        static_cast<std::uint32_t>(k), d.tick_set, d.move});
          if (into.size() > 256) Prune(into, for_min);  // keep states still to come small while many ways lead in
        }
      }
      for (const Way& w : ways) {
        int never = space.scores()[w.score].never_events;
        if (dp.never_min[v] + never < dp.never_min[to]) {
          dp.never_min[to] = dp.never_min[v] + never;
          dp.never_min_move[to] = w.move;
          dp.never_min_tick[to] = w.tick_set;
        }
        if (dp.never_max[v] + never > dp.never_max[to]) {
          dp.never_max[to] = dp.never_max[v] + never;
          dp.never_max_move[to] = w.move;
          dp.never_max_tick[to] = w.tick_set;
        }
      }
      g = end;
    }
  }
  return dp;
}

std::vector<DecisionRecord> FrontPath(const StateSpace& space, const std::vector<std::vector<Front>>& fronts,
                                      std::size_t state, std::size_t axis, std::size_t entry) {
  std::vector<DecisionRecord> out;
  for (;;) {
    const FrontEntry& e = fronts[state][axis][entry];
    if (e.move == kNone) break;
    const ExploreMove& m = space.moves()[e.move];
    if (m.kind != MoveKind::Continue) out.push_back(space.RecordFor(m, e.tick_set));
    state = m.from;
    entry = e.pred;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<DecisionRecord> NeverPath(const StateSpace& space, const std::vector<std::size_t>& via,
                                      const std::vector<std::uint32_t>& ticks, std::size_t state) {
  std::vector<DecisionRecord> out;
  for (std::size_t m = via[state]; m != kNone; state = space.moves()[m].from, m = via[state])
    if (space.moves()[m].kind != MoveKind::Continue) out.push_back(space.RecordFor(space.moves()[m], ticks[state]));
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<EndingRange> EndingRanges(const StateSpace& space, const RangeDp& dp) {
  std::vector<EndingRange> out;
  const auto& cat = space.catalogue();
  for (const auto& node : space.scenario().nodes) {
    if (node.type != Node::Type::Ending) continue;
    EndingRange r;
    r.node = &node;
    r.never_min = std::numeric_limits<int>::max();
    r.never_max = -1;
    std::size_t never_min_state = kNone, never_max_state = kNone;
    struct Best {
      double pct;
      std::size_t state, entry;
    };
    std::vector<std::optional<Best>> lo(cat.axes.size()), hi(cat.axes.size());
    for (std::size_t s : space.StatesAt(node)) {
      if (dp.never_max[s] < 0) continue;
      ++r.states;
      if (dp.never_min[s] < r.never_min) {
        r.never_min = dp.never_min[s];
        never_min_state = s;
      }
      if (dp.never_max[s] > r.never_max) {
        r.never_max = dp.never_max[s];
        never_max_state = s;
      }
      for (std::size_t a = 0; a < cat.axes.size(); ++a) {
        const Front& fmin = dp.min_front[s][a];
        for (std::size_t k = 0; k < fmin.size(); ++k) {
          if (fmin[k].possible <= 0) continue;
          double pct = 100.0 * fmin[k].earned / fmin[k].possible;
          if (!lo[a] || pct < lo[a]->pct) lo[a] = Best{pct, s, k};
        }
        const Front& fmax = dp.max_front[s][a];
        for (std::size_t k = 0; k < fmax.size(); ++k) {
          if (fmax[k].possible <= 0) continue;
          double pct = 100.0 * fmax[k].earned / fmax[k].possible;
          if (!hi[a] || pct > hi[a]->pct) hi[a] = Best{pct, s, k};
        }
      }
    }
    if (r.states == 0) continue;
    r.never_min_path = NeverPath(space, dp.never_min_move, dp.never_min_tick, never_min_state);
    r.never_max_path = NeverPath(space, dp.never_max_move, dp.never_max_tick, never_max_state);
    for (std::size_t a = 0; a < cat.axes.size(); ++a) {
      AxisRange ar;
      ar.axis = cat.axes[a].id;
      if (lo[a]) {
        ar.min = lo[a]->pct;
        ar.min_path = FrontPath(space, dp.min_front, lo[a]->state, a, lo[a]->entry);
      }
      if (hi[a]) {
        ar.max = hi[a]->pct;
        ar.max_path = FrontPath(space, dp.max_front, hi[a]->state, a, hi[a]->entry);
      }
      r.axes.push_back(std::move(ar));
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

// =============================================================================================
// [SECTION] Strategies
// =============================================================================================

namespace {

struct Run {
  std::vector<DecisionRecord> records;
  const Node* ending = nullptr;
  SessionScore score;
};

// Indices of `n` texts, ordered by length (longest first), ties in display order.
template <typename Len>
std::vector<std::size_t> ByLength(std::size_t n, Len&& len) {
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return len(a) > len(b); });
  return idx;
}

// One session played by a strategy: the display order comes from the session itself
// (AvailableChoices, ChecklistItems), the text from ChoiceText, as the team would see them.
Run Play(const std::shared_ptr<const Scenario>& scenario, const std::shared_ptr<const SopCatalogue>& catalogue,
         const Strategy& st, std::int64_t order_seed, std::mt19937_64& rng) {
  SessionInfo info;
  info.seed = order_seed;
  info.lang = st.lang;
  Session s(scenario, catalogue, info);
  const std::size_t max_steps = 4 * scenario->nodes.size() + 64;
  for (std::size_t step = 0; step < max_steps && s.state() != SessionState::Ended; ++step) {
    if (s.state() == SessionState::AtScene) {
      if (s.Continue()) break;
      continue;
    }
    std::variant<DecisionRecord, Refusal> prepared = Refusal{};
    if (s.state() == SessionState::AwaitingChoice) {
      auto shown = s.AvailableChoices();
      if (shown.empty()) break;
      auto len = [&](std::size_t i) { return TextLength(s.ChoiceText(*shown[i]).Get(st.lang)); };
      std::size_t pick = 0;
      switch (st.single) {
        case SingleRule::Longest: pick = ByLength(shown.size(), len).front(); break;
        case SingleRule::Shortest: {
          auto order = ByLength(shown.size(), len);
          // The shortest, ties in display order: the last run of equal lengths, its first member.
          std::size_t shortest = len(order.back());
          pick = *std::find_if(order.begin(), order.end(), [&](std::size_t i) { return len(i) == shortest; });
          break;
        }
        case SingleRule::First: pick = 0; break;
        case SingleRule::Last: pick = shown.size() - 1; break;
        case SingleRule::Random: pick = rng() % shown.size(); break;
      }
      prepared = s.PrepareChoice(shown[pick]->id, 0, 0);
    } else {
      auto items = s.ChecklistItems();
      const std::size_t half = (items.size() + 1) / 2;
      std::vector<std::string> ticked;
      switch (st.checklist) {
        case ChecklistRule::LongerHalf: {
          auto order = ByLength(items.size(), [&](std::size_t i) { return TextLength(items[i]->text.Get(st.lang)); });
          for (std::size_t k = 0; k < half; ++k) ticked.push_back(items[order[k]]->id);
          break;
        }
        case ChecklistRule::All:
          for (const auto* it : items) ticked.push_back(it->id);
          break;
        case ChecklistRule::None: break;
        case ChecklistRule::FirstHalf:
          for (std::size_t k = 0; k < half; ++k) ticked.push_back(items[k]->id);
          break;
        case ChecklistRule::Random:
          for (const auto* it : items)
            if (rng() & 1) ticked.push_back(it->id);
          break;
      }
      prepared = s.PrepareChecklist(ticked, 0, 0);
    }
    if (!std::holds_alternative<DecisionRecord>(prepared) || s.Apply(std::get<DecisionRecord>(prepared))) break;
  }
  Run r;
  r.records = s.History();
  if (s.state() == SessionState::Ended) r.ending = &s.CurrentNode();
  r.score = ScoreDecisions(*scenario, *catalogue, r.records);
  return r;
}

Spread SpreadOf(const std::vector<double>& v) {
  Spread s;
  s.n = v.size();
  if (v.empty()) return s;
  s.min = *std::min_element(v.begin(), v.end());
  s.max = *std::max_element(v.begin(), v.end());
  s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  double sq = 0;
  for (double x : v) sq += (x - s.mean) * (x - s.mean);
  s.sd = std::sqrt(sq / static_cast<double>(v.size()));
  return s;
}

constexpr int kSameRunsEnough = 8;

StrategyResult RunStrategy(const StateSpace& space, const Strategy& st, int runs, std::uint64_t seed,
                           std::size_t budget, Clock::time_point deadline) {
  const auto& scenario = space.scenario_ptr();
  const auto& catalogue = space.catalogue_ptr();
  StrategyResult r;
  r.strategy = st;
  std::mt19937_64 rng(seed);
  const std::size_t axes = space.catalogue().axes.size();
  std::vector<std::vector<double>> values(axes);
  std::vector<double> nevers;
  std::size_t good = 0;
  bool all_same = true;
  std::size_t decisions = 0;
  for (int k = 0; k < runs; ++k) {
    // A rule the display order does not sway plays the same session whatever the seed: eight
    // identical sessions in a row are taken as the answer for every seed.
    if (k == kSameRunsEnough && all_same && st.single != SingleRule::Random) break;
    // A huge scenario: fewer runs (`runs` says how many), none at all once the time is up.
    if ((k > 0 && decisions >= budget) || Clock::now() > deadline) break;
    Run run = Play(scenario, catalogue, st, static_cast<std::int64_t>(k) + 1, rng);
    if (k > 0 && run.records != r.example) all_same = false;
    decisions += run.records.size();
    ++r.runs;
    if (k == 0) {
      r.example = run.records;
      r.example_ending = run.ending;
    }
    if (!run.ending)
      ++r.unfinished;
    else {
      ++r.endings[run.ending->id];
      if (run.ending->outcome && run.ending->outcome->rating == "good") ++good;
    }
    for (std::size_t a = 0; a < axes; ++a)
      if (auto p = run.score.axes[a].Percent()) values[a].push_back(*p);
    nevers.push_back(static_cast<double>(run.score.never_events.size()));
  }
  for (const auto& v : values) r.axes.push_back(SpreadOf(v));
  r.never_events = SpreadOf(nevers);
  r.good_share = r.runs ? static_cast<double>(good) / static_cast<double>(r.runs) : 0.0;
  return r;
}

std::vector<StrategyResult> RunStrategies(const StateSpace& space, const ExploreOptions& o, Clock::time_point deadline) {
  std::vector<StrategyResult> out;
  const std::size_t budget = o.max_strategy_decisions / 32;  // 27 strategies, the random one counts more
  const SingleRule singles[] = {SingleRule::Longest, SingleRule::Shortest, SingleRule::First, SingleRule::Last};
  const ChecklistRule lists[] = {ChecklistRule::LongerHalf, ChecklistRule::All, ChecklistRule::None,
                                 ChecklistRule::FirstHalf};
  for (SingleRule single : singles)
    for (ChecklistRule list : lists) {
      Strategy id{single, list, Lang::Id};
      out.push_back(RunStrategy(space, id, o.order_seeds, o.limits.seed, budget, deadline));
      if (!id.UsesLength()) continue;
      Strategy en{single, list, Lang::En};
      StrategyResult r = RunStrategy(space, en, o.order_seeds, o.limits.seed, budget, deadline);
      const StrategyResult& base = out.back();
      r.same_as_id = r.example == base.example && r.endings == base.endings && r.unfinished == base.unfinished &&
                     r.never_events.mean == base.never_events.mean &&
                     std::equal(r.axes.begin(), r.axes.end(), base.axes.begin(), [](const Spread& a, const Spread& b) {
                       return a.mean == b.mean && a.min == b.min && a.max == b.max;
                     });
      out.push_back(std::move(r));
    }
  out.push_back(RunStrategy(space, Strategy{SingleRule::Random, ChecklistRule::Random, Lang::Id}, o.random_runs,
                            o.limits.seed + 1, 6 * budget, deadline));
  return out;
}

// =============================================================================================
// [SECTION] Length cue
// =============================================================================================

LengthCue MeasureLengthCue(const StateSpace& space, Lang lang) {
  LengthCue cue;
  cue.lang = lang;
  for (const auto& node : space.scenario().nodes) {
    if (!node.decision || node.decision->kind != Decision::Kind::Single) continue;
    bool has_correct = false, signposted = false;
    for (std::size_t s : space.StatesAt(node)) {
      std::size_t best_correct = 0, best_other = 0;
      bool correct_here = false;
      for (std::size_t mi : space.states()[s].moves) {
        const ExploreMove& m = space.moves()[mi];
        if (m.kind != MoveKind::Choice) continue;
        std::size_t len = TextLength(m.text->Get(lang));
        if (FullyCorrect(*m.choice)) {
          correct_here = true;
          best_correct = std::max(best_correct, len);
        } else
          best_other = std::max(best_other, len);
      }
      has_correct |= correct_here;
      // Strictly longer than every other option shown: a tie gives a length-picker nothing.
      if (correct_here && best_correct > best_other) signposted = true;
    }
    if (!has_correct) continue;
    ++cue.decisions;
    if (signposted) {
      ++cue.correct_longest;
      cue.nodes.push_back(node.id);
    }
  }
  return cue;
}

}  // namespace

// =============================================================================================
// [SECTION] Findings
// =============================================================================================

namespace {

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

std::string DescribeStrategy(const Strategy& st, bool checklists) {
  std::string single;
  switch (st.single) {
    case SingleRule::Longest: single = "always picks the longest option"; break;
    case SingleRule::Shortest: single = "always picks the shortest option"; break;
    case SingleRule::First: single = "always picks the first option shown"; break;
    case SingleRule::Last: single = "always picks the last option shown"; break;
    case SingleRule::Random: single = "picks options at random"; break;
  }
  std::string list;
  switch (st.checklist) {
    case ChecklistRule::LongerHalf: list = "ticks the longer half of each checklist"; break;
    case ChecklistRule::All: list = "ticks every checklist item"; break;
    case ChecklistRule::None: list = "ticks no checklist item"; break;
    case ChecklistRule::FirstHalf: list = "ticks the first half of each checklist"; break;
    case ChecklistRule::Random: list = "ticks items at random"; break;
  }
  return "a team that " + single + (checklists ? " and " + list : "") + (st.lang == Lang::En ? " (English text)" : "");
}

std::string EndingLabel(const Node* n) { return Quoted(n->outcome ? n->outcome->id : n->id); }

bool IsGood(const Node* n) { return n && n->outcome && n->outcome->rating == "good"; }

// A never event, then a good ending.
void FindGoodAfterNever(ExploreReport& r) {
  const Scenario& sc = r.space->scenario();
  for (const auto& e : r.endings) {
    if (!IsGood(e.node) || e.never_max < 1) continue;
    std::string first_bad;
    for (const auto& rec : e.never_max_path)
      if (first_bad.empty() && !ScoreDecisions(sc, r.space->catalogue(), {rec}).never_events.empty())
        first_bad = rec.node;
    r.findings.push_back(
        Finding{Rule::GoodAfterNever, "SCN060", NodePointer(sc, e.node),
                "the ending " + EndingLabel(e.node) + " is rated good but can be reached after " +
                    std::to_string(e.never_max) + (e.never_max == 1 ? " never event" : " never events") +
                    (first_bad.empty() ? "" : " (the first at " + Quoted(first_bad) + ")") + ", e.g. --choices " +
                    ChoicesArgument(e.never_max_path) +
                    "; let every never event set a flag that routes away from it, or rate it \"mixed\"",
                true});
  }
}

// Test-wise strategies that reach a good ending too often or score high on the SOP axis, and
// the longest option being the right one too often. Indonesian text decides; English is reported.
void FindGuessing(ExploreReport& r) {
  const Scenario& sc = r.space->scenario();
  const auto& axes = r.space->catalogue().axes;
  std::size_t sop = 0;
  for (std::size_t a = 0; a < axes.size(); ++a)
    if (axes[a].id == r.sop_axis) sop = a;
  bool checklists = false;
  for (const auto& st : r.space->states())
    checklists |= st.node->decision && st.node->decision->kind == Decision::Kind::Checklist;
  std::map<std::string, std::vector<const StrategyResult*>> good_by_ending;
  std::vector<const StrategyResult*> high_sop;
  for (const auto& s : r.strategies) {
    if (s.strategy.lang == Lang::En || s.runs == 0) continue;
    // Without a checklist the checklist rules change nothing: count each single-choice rule once.
    if (!checklists && s.strategy.checklist != ChecklistRule::LongerHalf &&
        s.strategy.checklist != ChecklistRule::Random)
      continue;
    if (s.good_share > kTestWiseGoodLimit) {
      std::string most;
      std::size_t most_runs = 0;
      for (const auto& [id, n] : s.endings)
        if (IsGood(sc.FindNode(id)) && n > most_runs) {
          most = id;
          most_runs = n;
        }
      good_by_ending[most].push_back(&s);
    }
    if (!axes.empty() && s.axes[sop].n > 0 && s.axes[sop].mean > kTestWiseSopLimit) high_sop.push_back(&s);
  }
  auto others = [](std::size_t n, const std::string& tail) {
    return n == 0 ? std::string()
                  : " (" + std::to_string(n) + " other test-wise strateg" + (n == 1 ? "y" : "ies") + tail + ")";
  };
  for (const auto& [ending, list] : good_by_ending) {
    const Node* n = sc.FindNode(ending);
    const StrategyResult& first = *list.front();
    r.findings.push_back(
        Finding{Rule::TestWiseGood, "SCN061", NodePointer(sc, n),
                DescribeStrategy(first.strategy, checklists) + " reaches the good ending " + EndingLabel(n) + " in " +
                    Percent(100.0 * first.good_share) + " of sessions" + others(list.size() - 1, " too") +
                    " without knowing the SOP; make wrong options as long and as plausible as right ones",
                true});
  }
  if (!high_sop.empty()) {
    auto worst = *std::max_element(
        high_sop.begin(), high_sop.end(),
        [&](const StrategyResult* a, const StrategyResult* b) { return a->axes[sop].mean < b->axes[sop].mean; });
    r.findings.push_back(
        Finding{Rule::TestWiseSop, "SCN062", "/nodes",
                DescribeStrategy(worst->strategy, checklists) + " scores " + Percent(worst->axes[sop].mean) + " on " +
                    Quoted(r.sop_axis) + " (above " + Percent(kTestWiseSopLimit) + ") without knowing the SOP" +
                    others(high_sop.size() - 1, " too") + "; make wrong options as long and as plausible as right ones",
                true});
  }
  if (r.length_id.decisions > 0 && r.length_id.Share() > kLongestShareLimit) {
    std::string list;
    for (std::size_t i = 0; i < r.length_id.nodes.size() && i < 8; ++i) list += (i ? ", " : "") + r.length_id.nodes[i];
    if (r.length_id.nodes.size() > 8) list += ", …";
    const Node* first = sc.FindNode(r.length_id.nodes.front());
    r.findings.push_back(Finding{
        Rule::CorrectIsLongest, "SCN063", NodePointer(sc, first) + "/decision/choices",
        "the fully correct option is the longest in " + std::to_string(r.length_id.correct_longest) + " of " +
            std::to_string(r.length_id.decisions) + " single-choice decisions (" +
            Percent(100.0 * r.length_id.Share()) + "; at most " + Percent(100.0 * kLongestShareLimit) +
            " keeps length from giving the answer away): " + list + "; shorten it or lengthen the others (English: " +
            std::to_string(r.length_en.correct_longest) + " of " + std::to_string(r.length_en.decisions) + ")",
        true});
  }
}

// What no play-through can do. Only claimed when every state was explored.
void FindNever(ExploreReport& r) {
  const StateSpace& space = *r.space;
  const Scenario& sc = space.scenario();
  if (!space.exhaustive()) return;
  for (const auto& [node, choice] : r.choices_never_offered) {
    auto ci = static_cast<std::size_t>(choice - node->decision->choices.data());
    r.findings.push_back(
        Finding{Rule::ChoiceNeverOffered, "SCN064", NodePointer(sc, node) + "/decision/choices/" + std::to_string(ci),
                "choice " + Quoted(choice->id) + " can never be chosen: its \"if\" is false in every state in which " +
                    Quoted(node->id) + " is reached; change the condition or remove the choice",
                false});
  }
  std::set<std::string> linked;  // statically reachable from the start (SCN020 reports the rest)
  for (std::vector<std::string> stack{sc.start}; !stack.empty();) {
    std::string id = stack.back();
    stack.pop_back();
    const Node* n = sc.FindNode(id);
    if (!n || !linked.insert(id).second) continue;
    for (auto& to : Successors(*n)) stack.push_back(to);
  }
  for (const Node* n : r.nodes_unreached) {
    if (!n->decision || !linked.count(n->id)) continue;
    r.findings.push_back(Finding{
        Rule::DecisionNeverReached, "SCN065", NodePointer(sc, n),
        "decision " + Quoted(n->id) +
            " is linked but no play-through reaches it: the conditions on the routes to it never hold, so its " +
            (n->decision->kind == Decision::Kind::Checklist ? "items" : "choices") +
            " can never be chosen; change those conditions or remove the decision",
        false});
  }
  for (const auto& p : space.problems()) {
    const Node* n = space.states()[p.state].node;
    if (p.code != "ENG007" || !n->decision || !n->decision->timer) continue;
    r.findings.push_back(Finding{
        Rule::TimeoutUnavailable, "SCN066", NodePointer(sc, n) + "/decision/timer/default",
        "when time runs out at " + Quoted(n->id) + " the default " + Quoted(n->decision->timer->default_choice) +
            " is not offered (its \"if\" is false)" +
            (space.PathTo(p.state).empty() ? std::string(" when the session starts")
                                           : ", e.g. after --choices " + ChoicesArgument(space.PathTo(p.state))) +
            "; make the default a choice that is always offered",
        false});
  }
}

}  // namespace

bool ExploreReport::Valid() const {
  return std::none_of(findings.begin(), findings.end(), [](const Finding& f) { return f.validity; });
}

// =============================================================================================
// [SECTION] Report
// =============================================================================================

ExploreReport ExploreScenario(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue,
                              const ExploreOptions& options) {
  auto t0 = Clock::now();
  ExploreReport r;
  auto space = std::make_shared<StateSpace>(StateSpace::Explore(scenario, catalogue, options.limits));
  r.space = space;
  const Scenario& sc = *scenario;
  r.sop_axis = catalogue->FindAxis("sop") ? "sop" : catalogue->axes.empty() ? "" : catalogue->axes.front().id;
  RangeDp dp = ComputeRanges(*space);
  r.ranges_exact = dp.exact;
  r.endings = EndingRanges(*space, dp);
  for (const auto& node : sc.nodes) {
    if (!space->StatesAt(node).empty()) continue;
    r.nodes_unreached.push_back(&node);
    if (node.type == Node::Type::Ending) r.endings_unreached.push_back(&node);
  }
  for (const auto& e : r.endings) {
    if (!e.node->outcome || e.node->outcome->rating != "good" || e.never_max < 1 || r.good_after_never) continue;
    r.good_after_never = PathScore{e.never_max_path, ScoreDecisions(sc, *catalogue, e.never_max_path)};
  }
  for (const auto& node : sc.nodes) {
    if (!node.decision || node.decision->kind != Decision::Kind::Single) continue;
    if (space->StatesAt(node).empty()) continue;
    ++r.single_decisions;
    std::set<const Choice*> offered;
    for (std::size_t st : space->StatesAt(node))
      for (std::size_t m : space->states()[st].moves)
        if (space->moves()[m].kind == MoveKind::Choice) offered.insert(space->moves()[m].choice);
    for (const auto& c : node.decision->choices)
      if (!offered.count(&c)) r.choices_never_offered.emplace_back(&node, &c);
  }
  auto finish = space->CanFinish();
  r.stuck_states = static_cast<std::size_t>(std::count(finish.begin(), finish.end(), false));
  auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.limits.max_seconds));
  r.strategies = RunStrategies(*space, options, deadline);
  r.length_id = MeasureLengthCue(*space, Lang::Id);
  r.length_en = MeasureLengthCue(*space, Lang::En);
  r.guess_rules_apply = r.single_decisions >= kMinGuessDecisions;
  FindGoodAfterNever(r);
  if (r.guess_rules_apply) FindGuessing(r);
  FindNever(r);
  r.seconds = SecondsSince(t0);
  return r;
}

// =============================================================================================
// [SECTION] JSON
// =============================================================================================

namespace {

nlohmann::json SpreadJson(const Spread& s) {
  if (s.n == 0) return nullptr;
  auto round1 = [](double v) { return std::round(v * 10.0) / 10.0; };
  return {
      {"mean", round1(s.mean)}, {"sd", round1(s.sd)}, {"min", round1(s.min)}, {"max", round1(s.max)}, {"runs", s.n}};
}

nlohmann::json OptPercent(const std::optional<double>& v) {
  if (!v) return nullptr;
  return std::round(*v * 10.0) / 10.0;
}

const char* RuleName(Rule r) {
  switch (r) {
    case Rule::GoodAfterNever: return "good_after_never";
    case Rule::TestWiseGood: return "test_wise_good";
    case Rule::TestWiseSop: return "test_wise_sop";
    case Rule::CorrectIsLongest: return "correct_is_longest";
    case Rule::ChoiceNeverOffered: return "choice_never_offered";
    case Rule::DecisionNeverReached: return "decision_never_reached";
    case Rule::TimeoutUnavailable: return "timeout_unavailable";
  }
  return "?";
}

nlohmann::json LengthJson(const LengthCue& c) {
  return {{"decisions", c.decisions},
          {"correct_longest", c.correct_longest},
          {"share", std::round(c.Share() * 1000.0) / 1000.0},
          {"nodes", c.nodes}};
}

}  // namespace

nlohmann::json ToJson(const ExploreReport& r) {
  using nlohmann::json;
  const StateSpace& space = *r.space;
  const Scenario& sc = space.scenario();
  json axes = json::array();
  for (const auto& a : space.catalogue().axes) axes.push_back(a.id);

  json endings = json::array();
  for (const auto& e : r.endings) {
    json ax = json::object();
    for (const auto& a : e.axes)
      ax[a.axis] = {{"min", OptPercent(a.min)},
                    {"max", OptPercent(a.max)},
                    {"min_path", ChoicesArgument(a.min_path)},
                    {"max_path", ChoicesArgument(a.max_path)}};
    const Outcome* o = e.node->outcome ? &*e.node->outcome : nullptr;
    endings.push_back({{"node", e.node->id},
                       {"outcome", o ? o->id : ""},
                       {"rating", o ? o->rating : ""},
                       {"label", o ? json{{"id", o->label.id}, {"en", o->label.en}} : json(nullptr)},
                       {"states", e.states},
                       {"axes", ax},
                       {"never_events",
                        {{"min", e.never_min},
                         {"max", e.never_max},
                         {"min_path", ChoicesArgument(e.never_min_path)},
                         {"max_path", ChoicesArgument(e.never_max_path)}}}});
  }
  json unreached = json::array(), endings_unreached = json::array();
  for (const Node* n : r.nodes_unreached) unreached.push_back(n->id);
  for (const Node* n : r.endings_unreached) endings_unreached.push_back(n->id);

  json good_after_never = nullptr;
  if (r.good_after_never) {
    json ax = json::object();
    for (const auto& a : r.good_after_never->score.axes) ax[a.axis] = OptPercent(a.Percent());
    json events = json::array();
    for (const auto& t : r.good_after_never->score.never_events)
      events.push_back({{"node", t.node}, {"option", t.option}, {"step", t.step}});
    good_after_never = {{"path", ChoicesArgument(r.good_after_never->path)}, {"never_events", events}, {"axes", ax}};
  }
  json never_offered = json::array();
  for (const auto& [node, choice] : r.choices_never_offered)
    never_offered.push_back({{"node", node->id}, {"choice", choice->id}});
  json problems = json::array();
  for (const auto& p : space.problems())
    problems.push_back({{"code", p.code},
                        {"node", space.states()[p.state].node->id},
                        {"message", p.message},
                        {"path", ChoicesArgument(space.PathTo(p.state))}});

  json strategies = json::array();
  for (const auto& s : r.strategies) {
    json ax = json::object();
    for (std::size_t a = 0; a < s.axes.size(); ++a) ax[space.catalogue().axes[a].id] = SpreadJson(s.axes[a]);
    json ends = json::object();
    for (const auto& [id, n] : s.endings)
      ends[id] = std::round(1000.0 * static_cast<double>(n) / static_cast<double>(s.runs)) / 1000.0;
    strategies.push_back({{"name", s.strategy.Name()},
                          {"single", SingleRuleName(s.strategy.single)},
                          {"checklist", ChecklistRuleName(s.strategy.checklist)},
                          {"lang", LangCode(s.strategy.lang)},
                          {"runs", s.runs},
                          {"unfinished", s.unfinished},
                          {"endings", ends},
                          {"good_share", std::round(s.good_share * 1000.0) / 1000.0},
                          {"axes", ax},
                          {"never_events", SpreadJson(s.never_events)},
                          {"example",
                           {{"path", ChoicesArgument(s.example)},
                            {"ending", s.example_ending ? json(s.example_ending->id) : json(nullptr)}}},
                          {"same_as_id", s.same_as_id}});
  }
  json findings = json::array();
  for (const auto& f : r.findings)
    findings.push_back({{"code", f.code},
                        {"rule", RuleName(f.rule)},
                        {"pointer", f.pointer},
                        {"message", f.message},
                        {"validity", f.validity}});

  return {{"scenario", sc.id},
          {"path", sc.path},
          {"exhaustive", space.exhaustive()},
          {"limit_hit", space.limit_hit()},
          {"sampled_paths", space.sampled_paths()},
          {"states", space.states().size()},
          {"moves", space.moves().size()},
          {"loop_moves", space.loop_moves()},
          {"stuck_states", r.stuck_states},
          {"applies", space.applies()},
          {"seconds", std::round(r.seconds * 1000.0) / 1000.0},
          {"axes", axes},
          {"sop_axis", r.sop_axis},
          {"endings", endings},
          {"endings_unreached", endings_unreached},
          {"nodes_unreached", unreached},
          {"good_after_never", good_after_never},
          {"choices_never_offered", never_offered},
          {"problems", problems},
          {"strategies", strategies},
          {"ranges_exact", r.ranges_exact},
          {"single_decisions", r.single_decisions},
          {"guess_rules_apply", r.guess_rules_apply},
          {"length_cue", {{"id", LengthJson(r.length_id)}, {"en", LengthJson(r.length_en)}}},
          {"findings", findings},
          {"valid", r.Valid()}};
}

// =============================================================================================
// [SECTION] Validator
// =============================================================================================

void ValidateScenarioValidity(std::shared_ptr<const Scenario> scenario, std::shared_ptr<const SopCatalogue> catalogue,
                              const JsonDocument& doc, DiagnosticSink& sink) {
  if (!scenario || !catalogue || scenario->nodes.empty()) return;
  ExploreReport r = ExploreScenario(std::move(scenario), std::move(catalogue));
  for (const auto& f : r.findings) sink.Warning(f.code, doc.PosOf(f.pointer), f.pointer, f.message);
}

std::shared_ptr<const SopCatalogue> CatalogueFor(const ContentLibrary& lib, const Scenario& scenario) {
  if (auto c = lib.FindCatalogue(scenario.sop_catalogue)) return c;
  std::string dir = std::filesystem::path(scenario.path).parent_path().string();
  return LoadLibrary({dir.empty() ? "." : dir}).FindCatalogue(scenario.sop_catalogue);
}

void AddValidityWarnings(ContentLibrary& lib) {
  for (auto& f : lib.files) {
    if (!f.scenario || f.errors > 0) continue;
    if (!f.diagnostics.empty() && f.diagnostics.back().code == "DIA001") continue;  // capped: fix the rest first
    auto catalogue = CatalogueFor(lib, *f.scenario);
    std::string text, error;
    if (!catalogue || !ReadFileToString(f.path, text, error)) continue;
    DiagnosticSink ignored(f.path);
    JsonDocument doc = ReadJson(text, ignored);
    DiagnosticSink sink(f.path);
    ValidateScenarioValidity(f.scenario, catalogue, doc, sink);
    f.warnings += sink.WarningCount();
    for (auto& d : sink.Take()) f.diagnostics.push_back(std::move(d));
    std::stable_sort(f.diagnostics.begin(), f.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
    });
  }
}

}  // namespace sigap
