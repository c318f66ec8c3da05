// [SECTION] index
//   Names                the strategies' rules
//   Score ranges         loop moves left out, topological order, Pareto fronts per axis, never events
//   Strategies           test-wise players, each run through a real Session
//   Length cue           how often the longest option is the fully correct one
//   Findings             the validity rules and the other problems, with what to do
//   Report               ExploreScenario
// ToJson and the sigap validate bridge are in explore_output.cpp; the state space in state_space.cpp.
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

}  // namespace

// =============================================================================================
// [SECTION] Names
// =============================================================================================

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
// [SECTION] Score ranges
// =============================================================================================
// A path's axis percent is earned/possible summed over its decisions: a ratio, so the extremes
// over all paths do not follow from the extremes of each state. Each state keeps, per axis, the
// (earned, possible) pairs no other pair beats for the minimum (less earned, more possible) and
// for the maximum (more earned, less possible): a few dozen, whatever the number of paths.
// Moves that close a loop are left out: going round a loop returns to the same state, so the
// endings reachable are the same and only the repeated decisions' scores would differ.

namespace {

constexpr std::uint32_t kNoMove = std::numeric_limits<std::uint32_t>::max();

struct FrontEntry {  // 16 bytes: a big space holds millions
  std::int32_t earned = 0, possible = 0;
  std::uint32_t pred = 0;      // entry index in the front of the move's `from` state
  std::uint32_t tick_set = 0;  // checklist moves: the tick set taken
  std::uint32_t move = kNoMove;  // kNoMove at the start
};
using Front = std::vector<FrontEntry>;  // sorted by possible, ascending

// Keeps the entries no other entry dominates. Entries with nothing possible yet are kept apart:
// they neither beat nor lose to others (their percent does not exist yet).
// A stable sort that takes the sorted runs a front is made of (each way in adds a shifted copy of
// a sorted front) and merges neighbours until one is left: n log(runs) rather than n log n.
template <typename Less>
void SortRuns(Front& f, Less less) {
  thread_local std::vector<std::size_t> bounds;
  thread_local Front scratch;
  bounds.assign(1, 0);
  for (std::size_t i = 1; i < f.size(); ++i)
    if (less(f[i], f[i - 1])) bounds.push_back(i);
  bounds.push_back(f.size());
  while (bounds.size() > 2) {
    scratch.resize(f.size());
    std::size_t w = 0, kept = 1;
    for (std::size_t r = 0; r + 1 < bounds.size(); r += 2) {
      const std::size_t a = bounds[r], b = bounds[r + 1], c = r + 2 < bounds.size() ? bounds[r + 2] : b;
      // std::merge takes from the first range on ties: stable.
      std::merge(f.begin() + static_cast<std::ptrdiff_t>(a), f.begin() + static_cast<std::ptrdiff_t>(b),
                 f.begin() + static_cast<std::ptrdiff_t>(b), f.begin() + static_cast<std::ptrdiff_t>(c),
                 scratch.begin() + static_cast<std::ptrdiff_t>(w), less);
      w += c - a;
      bounds[kept++] = c;
      if (c == b) break;
    }
    bounds.resize(kept);
    f.swap(scratch);
  }
}

// The order fronts are kept in: by `possible`, then the better earned for the bound first.
struct FrontLess {
  bool for_min;
  bool operator()(const FrontEntry& a, const FrontEntry& b) const {
    if (a.possible != b.possible) return a.possible < b.possible;
    return for_min ? a.earned < b.earned : a.earned > b.earned;
  }
};

void PruneSorted(Front& f, bool for_min);

void Prune(Front& f, bool for_min) {
  if (f.size() < 2) return;
  SortRuns(f, FrontLess{for_min});
  PruneSorted(f, for_min);
}

// Adds the ways through `from` plus `d` to a pruned front `into`, and prunes: the same as
// appending them and calling Prune (entries already in `into` come first on ties), in one pass.
void MergeInto(Front& into, const Front& from, const FrontEntry& d, bool for_min) {
  thread_local Front run, merged;
  run.clear();
  for (std::size_t k = 0; k < from.size(); ++k)
    run.push_back(FrontEntry{from[k].earned + d.earned, from[k].possible + d.possible, static_cast<std::uint32_t>(k),
                             d.tick_set, d.move});
  const FrontLess less{for_min};
  // A pruned front is sorted and has no two equal entries, unless it was cut to fit memory.
  if (!std::is_sorted(run.begin(), run.end(), less)) std::stable_sort(run.begin(), run.end(), less);
  merged.resize(into.size() + run.size());
  std::merge(into.begin(), into.end(), run.begin(), run.end(), merged.begin(), less);
  PruneSorted(merged, for_min);
  into.assign(merged.begin(), merged.end());
}

void PruneSorted(Front& f, bool for_min) {
  if (f.size() < 2) return;
  // Compacted in place (`w` never passes the entry being read); the order stays by `possible`.
  std::size_t w = 0;
  bool zero_kept = false;
  if (for_min) {
    // From the most possible down, one run of equal `possible` at a time (its least earned
    // first): keep an entry only if it earns strictly less than every entry kept so far. The
    // kept ones are gathered at the end, then moved to the front in ascending order.
    std::size_t kept_begin = f.size();
    std::int32_t best = std::numeric_limits<std::int32_t>::max();
    std::size_t end = f.size();
    while (end > 0) {
      std::size_t begin = end;
      while (begin > 0 && f[begin - 1].possible == f[end - 1].possible) --begin;
      if (f[begin].possible != 0 && f[begin].earned < best) {
        f[--kept_begin] = f[begin];  // kept_begin >= end > begin: nothing unread is overwritten
        best = f[begin].earned;
      }
      if (f[begin].possible == 0) zero_kept = true;  // the first of them (least earned) is f[0]
      end = begin;
    }
    if (zero_kept) w = 1;  // f[0] is the zero entry: it sorts first and was not overwritten
    for (std::size_t k = kept_begin; k < f.size(); ++k) f[w++] = f[k];
  } else {
    // From the least possible up: keep an entry only if it earns strictly more than any kept one.
    std::int32_t best = -1;
    for (std::size_t k = 0; k < f.size(); ++k) {
      const FrontEntry e = f[k];
      if (e.possible == 0) {
        if (!zero_kept) f[w++] = e;
        zero_kept = true;
        continue;
      }
      if (e.earned > best) {
        f[w++] = e;
        best = e.earned;
      }
    }
  }
  f.resize(w);
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

  // What each distinct move score adds per axis, in whole weights.
  std::vector<std::pair<std::int32_t, std::int32_t>> whole(space.scores().size() * axes);
  for (std::size_t k = 0; k < space.scores().size(); ++k)
    for (std::size_t a = 0; a < axes; ++a) {
      const AxisResult& d = space.scores()[k].axes[a];
      whole[k * axes + a] = {static_cast<std::int32_t>(std::lround(d.earned)),
                             static_cast<std::int32_t>(std::lround(d.possible))};
    }
  std::vector<std::uint32_t> pair_of(whole.size());  // the distinct (earned, possible) pairs, numbered
  {
    std::map<std::pair<std::int32_t, std::int32_t>, std::uint32_t> number;
    for (std::size_t k = 0; k < whole.size(); ++k)
      pair_of[k] = number.emplace(whole[k], static_cast<std::uint32_t>(number.size())).first->second;
  }
  std::vector<std::uint32_t> pair_seen(whole.size() + 1, 0);
  std::uint32_t pair_stamp = 0;
  struct Way {
    std::size_t move, score;
    std::uint32_t tick_set;
  };
  std::vector<Way> ways;
  Front deltas, best;
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
    std::nth_element(
        f.begin(), f.begin() + static_cast<std::ptrdiff_t>(cap), f.end(),
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
      ways.clear();
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
        // Ways that add the same to this axis: only the first can be kept by a prune (the prune is
        // stable), so the others are left out before it.
        deltas.clear();
        ++pair_stamp;
        for (const Way& w : ways) {
          const std::uint32_t pair = pair_of[w.score * axes + a];
          if (pair_seen[pair] == pair_stamp) continue;
          pair_seen[pair] = pair_stamp;
          const auto [earned, possible] = whole[w.score * axes + a];
          deltas.push_back(FrontEntry{earned, possible, 0, w.tick_set, static_cast<std::uint32_t>(w.move)});
        }
        for (bool for_min : {true, false}) {
          best = deltas;
          Prune(best, for_min);
          const Front& from = (for_min ? dp.min_front : dp.max_front)[v][a];
          Front& into = (for_min ? dp.min_front : dp.max_front)[to][a];
          // `into` stays pruned as ways come in (pruning in steps keeps what pruning once would).
          for (const auto& d : best) MergeInto(into, from, d, for_min);
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
    if (e.move == kNoMove) break;
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
  std::size_t good = 0, passed = 0;
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
    JudgeEnding(run.score, run.ending != nullptr,
                run.ending && run.ending->outcome ? run.ending->outcome->rating : std::string());
    if (run.score.verdict == SessionVerdict::Passed) ++passed;
  }
  for (const auto& v : values) r.axes.push_back(SpreadOf(v));
  r.never_events = SpreadOf(nevers);
  r.good_share = r.runs ? static_cast<double>(good) / static_cast<double>(r.runs) : 0.0;
  r.pass_share = r.runs ? static_cast<double>(passed) / static_cast<double>(r.runs) : 0.0;
  return r;
}

std::vector<StrategyResult> RunStrategies(const StateSpace& space, const ExploreOptions& o,
                                          Clock::time_point deadline) {
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
    // A sampled state holds only the moves its play-throughs took: there the decision's whole
    // option list stands in for what was shown (exhaustive states hold every option offered).
    if (!space.exhaustive()) {
      std::size_t best_correct = 0, best_other = 0;
      for (const auto& c : node.decision->choices) {
        std::size_t len = TextLength(c.text.Get(lang));
        if (c.Recommended()) {
          has_correct = true;
          best_correct = std::max(best_correct, len);
        } else
          best_other = std::max(best_other, len);
      }
      signposted = has_correct && best_correct > best_other;
    }
    static const std::vector<std::size_t> kNoStates;
    for (std::size_t s : space.exhaustive() ? space.StatesAt(node) : kNoStates) {
      std::size_t best_correct = 0, best_other = 0;
      bool correct_here = false;
      for (std::size_t mi : space.states()[s].moves) {
        const ExploreMove& m = space.moves()[mi];
        if (m.kind != MoveKind::Choice) continue;
        std::size_t len = TextLength(m.text->Get(lang));
        if (m.choice->Recommended()) {
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
  const std::set<std::string> linked = sc.LinkedNodes();  // SCN020 reports the nodes not linked
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
  auto deadline = options.limits.max_seconds > 0
                      ? t0 + std::chrono::duration_cast<Clock::duration>(
                                 std::chrono::duration<double>(options.limits.max_seconds))
                      : Clock::time_point::max();
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

}  // namespace sigap
