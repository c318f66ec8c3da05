// [SECTION] index
//   JSON                 ToJson(ExploreReport): the report `sigap explore --json` prints
//   Validator            ValidateScenarioValidity, AddValidityWarnings: the findings as sigap
//                        validate warnings, placed at the file's positions
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "explore.h"
#include "file_io.h"
#include "platform/utf8_path.h"
#include "validator.h"

namespace sigap {

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
                          {"pass_share", std::round(s.pass_share * 1000.0) / 1000.0},
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
  ValidateScenarioStates(*r.space, doc, sink);  // the value-level errors (SCN080…), on the same states
}

std::shared_ptr<const SopCatalogue> CatalogueFor(const ContentLibrary& lib, const Scenario& scenario) {
  if (auto c = lib.FindCatalogue(scenario.sop_catalogue)) return c;
  std::string dir = platform::PathToUtf8(platform::PathFromUtf8(scenario.path).parent_path());  // UTF-8 on Windows too
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
    f.errors += sink.ErrorCount();
    for (auto& d : sink.Take()) f.diagnostics.push_back(std::move(d));
    std::stable_sort(f.diagnostics.begin(), f.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
    });
  }
}

}  // namespace sigap
