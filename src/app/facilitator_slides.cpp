#include "facilitator_slides.h"

#include <algorithm>

namespace sigap::app {

std::set<std::string> DefaultShownDecisions(const ScenarioDebrief& d, const FacilitatorGuide* guide) {
  std::set<std::string> out;
  if (guide)
    for (const auto& q : guide->debrief)
      for (const auto& a : d.decisions)
        if (a.node == q.node && a.teams_reached > 0) out.insert(a.node);
  if (out.empty())
    for (const auto& a : d.decisions)
      if (a.teams_reached > 0) out.insert(a.node);
  return out;
}

std::vector<Slide> BuildSlides(const ScenarioDebrief& d, const std::set<std::string>* shown) {
  std::vector<Slide> slides;
  slides.push_back({SlideKind::Reactions, 0});
  for (std::size_t i = 0; i < d.decisions.size(); ++i) {
    if (d.decisions[i].teams_reached == 0) continue;
    if (shown && !shown->count(d.decisions[i].node)) continue;
    slides.push_back({SlideKind::Spread, i});
    slides.push_back({SlideKind::Answer, i});
  }
  slides.push_back({SlideKind::Critical, 0});
  const std::size_t endings = EndingsReached(d).size();
  for (std::size_t i = 0; i < endings; ++i) slides.push_back({SlideKind::Ending, i});
  slides.push_back({SlideKind::Takeaways, 0});
  return slides;
}

std::vector<StepTally> MostViolatedSteps(const ScenarioDebrief& d, std::size_t max) {
  std::vector<StepTally> out;
  for (std::size_t row = 0; row < d.steps.size() && row < d.heat.size(); ++row) {
    StepTally t{d.steps[row], 0, 0};
    for (StepStatus s : d.heat[row]) {
      if (s == StepStatus::Violated) ++t.violated;
      else if (s == StepStatus::Critical) ++t.critical;
    }
    if (t.violated + t.critical > 0) out.push_back(t);
  }
  // Never events weigh most; then how many teams broke the step; ties keep catalogue order.
  std::stable_sort(out.begin(), out.end(), [](const StepTally& a, const StepTally& b) {
    if (a.critical != b.critical) return a.critical > b.critical;
    return a.violated + a.critical > b.violated + b.critical;
  });
  if (out.size() > max) out.resize(max);
  return out;
}

std::vector<MomentGroup> GroupCriticalMoments(const ScenarioDebrief& d) {
  std::vector<MomentGroup> out;
  for (const CriticalMoment& m : d.critical_moments) {
    auto it = std::find_if(out.begin(), out.end(), [&](const MomentGroup& g) { return g.node == m.node && g.option == m.option; });
    if (it == out.end()) it = out.insert(out.end(), MomentGroup{m.node, m.option, {}, {}});
    if (std::find(it->steps.begin(), it->steps.end(), m.step) == it->steps.end()) it->steps.push_back(m.step);
    for (std::size_t t : m.teams)
      if (std::find(it->teams.begin(), it->teams.end(), t) == it->teams.end()) it->teams.push_back(t);
  }
  for (auto& g : out) std::sort(g.teams.begin(), g.teams.end());
  std::stable_sort(out.begin(), out.end(), [](const MomentGroup& a, const MomentGroup& b) { return a.teams.size() > b.teams.size(); });
  return out;
}

std::vector<EndingTally> EndingsReached(const ScenarioDebrief& d) {
  std::vector<EndingTally> out;
  for (const auto* team : d.teams) {
    if (!team->finished() || team->path_nodes.empty()) continue;
    const std::string& last = team->path_nodes.back();
    const Node* node = d.scenario->FindNode(last);
    if (!node || node->type != Node::Type::Ending) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const EndingTally& e) { return e.node == last; });
    if (it == out.end()) out.push_back({last, 1});
    else ++it->teams;
  }
  std::stable_sort(out.begin(), out.end(), [](const EndingTally& a, const EndingTally& b) { return a.teams > b.teams; });
  return out;
}

}  // namespace sigap::app
