// `sigap explore SCENARIO... [--json] [--seed N]`
// Explores every reachable state of each scenario (a file, a folder, or a bundled scenario's id)
// and reports its endings' score ranges, never events before good endings, choices that can
// never be chosen and how test-wise strategies fare. docs/explore.md.
// Exit: 0 every validity rule holds; 1 a rule fails or a file has errors; 2 usage or I/O error.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "cli_commands.h"
#include "explore.h"
#include "library.h"
#include "paths.h"

namespace sigap::cli {

namespace {

using nlohmann::json;

struct ExploreArgs {
  std::vector<std::string> scenarios;
  bool json = false;
  std::uint64_t seed = 1;
};

int Usage(const std::string& problem) {
  std::fprintf(stderr, "sigap explore: %s\nusage: sigap explore SCENARIO... [--json] [--seed N]\n", problem.c_str());
  return 2;
}

std::optional<ExploreArgs> Parse(const std::vector<std::string>& args, int& rc) {
  ExploreArgs a;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& k = args[i];
    if (k == "--json")
      a.json = true;
    else if (k == "--seed") {
      if (i + 1 >= args.size()) {
        rc = Usage("--seed needs a value");
        return std::nullopt;
      }
      const std::string& v = args[++i];
      char* end = nullptr;
      long long n = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 0) {
        rc = Usage("--seed needs a whole number >= 0");
        return std::nullopt;
      }
      a.seed = static_cast<std::uint64_t>(n);
    } else if (!k.empty() && k[0] == '-') {
      rc = Usage("unknown option '" + k + "'");
      return std::nullopt;
    } else {
      a.scenarios.push_back(k);
    }
  }
  if (a.scenarios.empty()) {
    rc = Usage("name at least one scenario: a file, a folder or a bundled scenario's id");
    return std::nullopt;
  }
  return a;
}

struct Target {
  std::shared_ptr<const Scenario> scenario;
  std::shared_ptr<const SopCatalogue> catalogue;
};

// Scenarios named by one argument. Problems go to stderr; `rc` rises to 1 (bad files) or 2 (I/O).
std::vector<Target> Resolve(const std::string& arg, int& rc) {
  std::vector<Target> out;
  std::error_code ec;
  bool is_path = std::filesystem::exists(arg, ec);
  ContentLibrary lib = LoadLibrary({is_path ? arg : ScenariosDir()});
  if (is_path) {
    for (const auto& f : lib.files)
      for (const auto& d : f.diagnostics)
        if (d.severity == Severity::Error) {
          std::cerr << FormatDiagnostic(d) << "\n";
          rc = std::max(rc, d.code == "IO001" ? 2 : 1);
        }
    for (const auto& s : lib.Scenarios()) {
      auto c = CatalogueFor(lib, *s);
      if (!c) {
        std::fprintf(stderr, "sigap explore: %s: SOP catalogue '%s' not found\n", s->path.c_str(),
                     s->sop_catalogue.c_str());
        rc = std::max(rc, 1);
        continue;
      }
      out.push_back({s, c});
    }
    if (out.empty() && rc == 0) {
      std::fprintf(stderr, "sigap explore: no scenario in '%s'\n", arg.c_str());
      rc = 2;
    }
    return out;
  }
  auto s = lib.FindScenario(arg);
  if (!s) {
    std::fprintf(stderr, "sigap explore: '%s' is neither a file nor a bundled scenario's id\n", arg.c_str());
    rc = 2;
    return out;
  }
  if (auto c = CatalogueFor(lib, *s))
    out.push_back({s, c});
  else {
    std::fprintf(stderr, "sigap explore: SOP catalogue '%s' not found\n", s->sop_catalogue.c_str());
    rc = std::max(rc, 1);
  }
  return out;
}

std::string Pct(const std::optional<double>& v) {
  if (!v) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f", *v);
  return buf;
}

std::string Range(const std::optional<double>& lo, const std::optional<double>& hi) {
  if (!lo) return "-";
  return Pct(lo) + "–" + Pct(hi);
}

std::string Mean(const Spread& s) {
  if (s.n == 0) return "-";
  char buf[32];
  if (s.sd >= 0.5)
    std::snprintf(buf, sizeof buf, "%.0f ±%.0f", s.mean, s.sd);
  else
    std::snprintf(buf, sizeof buf, "%.0f", s.mean);
  return buf;
}

std::string Pad(std::string s, std::size_t width) {
  std::size_t len = TextLength(s);
  if (len < width) s += std::string(width - len, ' ');
  return s;
}

std::string EndingShares(const StrategyResult& s) {
  std::string out;
  for (const auto& [id, n] : s.endings) {
    char buf[64];
    double share = 100.0 * static_cast<double>(n) / static_cast<double>(s.runs);
    std::snprintf(buf, sizeof buf, share < 1.0 ? "%s%s %.1f %%" : "%s%s %.0f %%", out.empty() ? "" : ", ", id.c_str(),
                  share);
    out += buf;
  }
  if (s.unfinished) out += (out.empty() ? "" : ", ") + std::to_string(s.unfinished) + " unfinished";
  return out;
}

void PrintText(const ExploreReport& r) {
  const StateSpace& space = *r.space;
  const Scenario& sc = space.scenario();
  const auto& axes = space.catalogue().axes;
  std::cout << sc.id << " (" << sc.path << ")\n";
  char line[256];
  std::snprintf(line, sizeof line, "  %zu states, %zu moves, %zu decisions played, %.2f s", space.states().size(),
                space.moves().size(), space.applies(), r.seconds);
  std::cout << line << (space.exhaustive() ? ": every reachable state\n" : "\n");
  if (!space.exhaustive())
    std::cout << "  SAMPLED: " << space.limit_hit() << ", so " << space.sampled_paths()
              << " seeded random play-throughs were explored instead; \"never\" is not proven\n";
  if (space.loop_moves())
    std::cout << "  " << space.loop_moves()
              << " moves go round a loop back to an earlier state; score ranges count each loop once\n";
  if (r.stuck_states)
    std::cout << "  " << r.stuck_states << " states cannot reach any ending (a loop whose exit never opens)\n";

  std::cout << "\n  Endings: score range (%) over every path that reaches them"
            << (r.ranges_exact ? "" : " (approximate: too many states to keep every candidate)") << "\n";
  for (const auto& e : r.endings) {
    std::string row = "    " + Pad(e.node->id, 10) + Pad(e.node->outcome ? e.node->outcome->rating : "", 7);
    for (const auto& a : e.axes) row += " " + a.axis + " " + Pad(Range(a.min, a.max), 8);
    row += " never events " + std::to_string(e.never_min) +
           (e.never_max != e.never_min ? "–" + std::to_string(e.never_max) : "");
    std::cout << row << "\n";
  }
  for (const Node* n : r.endings_unreached) std::cout << "    " << Pad(n->id, 10) << "no path reaches it\n";
  std::string unreached;
  for (const Node* n : r.nodes_unreached)
    if (n->type != Node::Type::Ending) unreached += (unreached.empty() ? "" : ", ") + n->id;
  if (!unreached.empty()) std::cout << "  Nodes no path reaches: " << unreached << "\n";
  if (!r.choices_never_offered.empty()) {
    std::string list;
    for (const auto& [n, c] : r.choices_never_offered) list += (list.empty() ? "" : ", ") + n->id + "/" + c->id;
    std::cout << "  Choices never offered: " << list << "\n";
  }
  for (const auto& p : space.problems())
    std::cout << "  Engine refusal " << p.code << " at " << space.states()[p.state].node->id << ": " << p.message
              << " (after --choices " << ChoicesArgument(space.PathTo(p.state)) << ")\n";

  std::cout << "\n  Never event before a good ending: ";
  if (!r.good_after_never)
    std::cout << (space.exhaustive() ? "no path\n" : "none in the sample\n");
  else {
    const auto& g = *r.good_after_never;
    std::string events;
    for (const auto& t : g.score.never_events) events += (events.empty() ? "" : ", ") + t.node + "/" + t.option;
    std::cout << "yes, " << g.score.never_events.size() << " (" << events << ") on --choices "
              << ChoicesArgument(g.path) << "\n";
  }

  std::size_t most_runs = 0;
  for (const auto& s : r.strategies)
    if (s.strategy.single != SingleRule::Random) most_runs = std::max(most_runs, s.runs);
  std::cout << "\n  Test-wise strategies: mean % (± sd) over up to " << most_runs
            << " display orders each (8 when the order changes nothing), random over "
            << (r.strategies.empty() ? 0 : r.strategies.back().runs) << " runs\n";
  std::string head = "    " + Pad("strategy", 26);
  for (const auto& a : axes) head += Pad(a.id, 9);
  std::cout << head << Pad("never", 8) << "endings\n";
  for (const auto& s : r.strategies) {
    std::string row = "    " + Pad(s.strategy.Name(), 26);
    if (s.runs == 0) {
      std::cout << row << "not played: out of time\n";
      continue;
    }
    if (s.same_as_id) {
      std::cout << row << "as in Indonesian\n";
      continue;
    }
    for (const auto& a : s.axes) row += Pad(Mean(a), 9);
    char nev[32];
    std::snprintf(nev, sizeof nev, "%.1f", s.never_events.mean);
    std::cout << row << Pad(nev, 8) << EndingShares(s) << "\n";
  }
  auto cue = [](const LengthCue& c) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%zu of %zu (%.0f %%)", c.correct_longest, c.decisions, 100.0 * c.Share());
    return std::string(buf);
  };
  std::cout << "\n  The fully correct option is the longest in " << cue(r.length_id)
            << " single-choice decisions; English " << cue(r.length_en) << "\n";

  if (!r.guess_rules_apply)
    std::cout << "  (" << r.single_decisions << " single-choice decisions: the guessing rules need at least "
              << kMinGuessDecisions << ", so they are not applied)\n";
  std::cout << "\n  " << (r.Valid() ? "Validity: every rule holds" : "Validity: FAILS") << "\n";
  for (const auto& f : r.findings)
    std::cout << "    " << (f.validity ? "FAIL " : "note ") << f.code << ": " << f.message << "\n";
}

}  // namespace

int RunExplore(const std::vector<std::string>& args) {
  int rc = 0;
  auto parsed = Parse(args, rc);
  if (!parsed) return rc;
  std::vector<Target> targets;
  for (const auto& s : parsed->scenarios) {
    auto found = Resolve(s, rc);
    targets.insert(targets.end(), found.begin(), found.end());
  }
  ExploreOptions options;
  options.limits.seed = parsed->seed;
  json all = json::array();
  bool first = true;
  for (const auto& t : targets) {
    ExploreReport r = ExploreScenario(t.scenario, t.catalogue, options);
    if (!r.Valid()) rc = std::max(rc, 1);
    if (parsed->json)
      all.push_back(ToJson(r));
    else {
      if (!first) std::cout << "\n";
      PrintText(r);
    }
    first = false;
  }
  if (parsed->json) std::cout << json{{"scenarios", all}, {"valid", rc == 0}}.dump(2) << "\n";
  return rc;
}

}  // namespace sigap::cli
