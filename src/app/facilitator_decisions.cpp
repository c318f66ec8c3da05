// The decisions tab: per decision point, the teams' choices as bars (the SOP answer only on
// demand: R), and the time each team took. Up/Down pick the decision.
#include <algorithm>
#include <cmath>

#include "facilitator_actions.h"
#include "facilitator_charts.h"
#include "facilitator_common.h"
#include "facilitator_dashboard.h"
#include "theme.h"

namespace sigap::app {

namespace {

void DrawDecisionList(const AppState& state, ActionQueue& queue, const ScenarioDebrief& d, std::size_t current) {
  const Lang lang = state.tr.Language();
  for (std::size_t i = 0; i < d.decisions.size(); ++i) {
    const DecisionAggregate& a = d.decisions[i];
    const Node* node = d.scenario->FindNode(a.node);
    ImGui::PushID(static_cast<int>(i));
    std::string label = std::to_string(i + 1) + "  " + (node ? node->title.Get(lang) : a.node);
    const bool unreached = a.teams_reached == 0;
    if (unreached) ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().text_muted);
    // A long title is cut with "…" at the list's edge (the heading on the right has it whole).
    label = ui::Ellipsize(ImGui::GetFont(), ImGui::GetFontSize(), label, ImGui::GetContentRegionAvail().x);
    label += "###decision";
    if (ImGui::Selectable(label.c_str(), i == current)) queue.Push([i](AppState& s) { SelectDecision(s, i); });
    if (unreached) ImGui::PopStyleColor();
    if (i == current && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
    ImGui::PopID();
  }
}

void DrawTimes(const AppState& state, const ScenarioDebrief& d, const DecisionAggregate& a) {
  const Palette& pal = CurrentPalette();
  auto median = a.MedianElapsed();
  ImGui::PushFont(state.fonts.bold);
  ImGui::TextUnformatted(state.tr.Format("fac.decisions.median", {median ? FormatDuration(*median) : "–"}).c_str());
  ImGui::PopFont();
  if (a.timeouts > 0) {
    ImGui::SameLine();
    ImGui::TextColored(pal.warning, "%s", state.tr.Format("fac.decisions.timeouts", {std::to_string(a.timeouts)}).c_str());
  }
  // Per team, in a flowing row: "Tim A 0:42".
  const float right = ImGui::GetWindowContentRegionMax().x;
  bool first = true;
  for (std::size_t t = 0; t < d.teams.size() && t < a.elapsed_ms.size(); ++t) {
    std::string item = TeamLabel(state, t) + "  " + FormatDuration(a.elapsed_ms[t]);
    const float w = ImGui::CalcTextSize(item.c_str()).x;
    if (!first) {
      ImGui::SameLine(0, ui::Em() * 1.2f);
      if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
    }
    first = false;
    if (a.elapsed_ms[t] < 0) ImGui::TextDisabled("%s", item.c_str());
    else ImGui::TextUnformatted(item.c_str());
  }
}

// Whether the place on screen mattered: picks of the option shown first / last against what
// chance gives (options are shuffled per session, docs/scoring.md "Order per session").
void DrawPosition(const AppState& state, const DecisionAggregate& a, const PositionCount& all) {
  // Chance rounded to whole picks: "sekitar 7" reads at a glance (and "6,8" would wrap at its comma).
  auto about = [](double v) { return std::to_string(static_cast<long>(std::lround(v))); };
  auto line = [&](const char* key, const PositionCount& p) {
    if (p.answers <= 0) return;
    const std::string text = state.tr.Format(key, {std::to_string(p.first), about(p.expected_first), std::to_string(p.last),
                                                   about(p.expected_last), std::to_string(p.answers)});
    ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().text_muted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    ui::Track(text.c_str());
  };
  if (!a.checklist) line("fac.decisions.position", a.position);
  line("fac.decisions.position_all", all);
}

}  // namespace

void DrawDecisionsTab(const AppState& state, ActionQueue& queue) {
  const ScenarioDebrief* d = CurrentDebrief(state);
  if (!d || d->decisions.empty()) return;
  const auto& f = state.facilitator;
  const Lang lang = state.tr.Language();
  const std::size_t current = std::min(f.decision, d->decisions.size() - 1);

  if ((ui::Pressed(state, Key::Up) || ui::Pressed(state, Key::PageUp)) && current > 0)
    queue.Push([current](AppState& s) { SelectDecision(s, current - 1); });
  if ((ui::Pressed(state, Key::Down) || ui::Pressed(state, Key::PageDown)) && current + 1 < d->decisions.size())
    queue.Push([current](AppState& s) { SelectDecision(s, current + 1); });
  if (ui::PressedLetter(state, 'R')) queue.Push(ToggleRevealAnswer);

  const float list_w = std::min(ImGui::GetContentRegionAvail().x * 0.3f, ui::Em() * 15);
  ImGui::BeginChild("decision-list", ImVec2(list_w, 0), true);
  DrawDecisionList(state, queue, *d, current);
  ImGui::EndChild();
  ImGui::SameLine();

  ImGui::BeginChild("decision-detail", ImVec2(0, 0), false);
  const DecisionAggregate& a = d->decisions[current];
  const Node* node = d->scenario->FindNode(a.node);
  ImGui::PushFont(state.fonts.large);
  ImGui::TextWrapped("%s", state.tr.Format("fac.decisions.heading", {std::to_string(current + 1), node ? node->title.Get(lang) : a.node}).c_str());
  ImGui::PopFont();
  if (node && node->decision) ImGui::TextWrapped("%s", node->decision->prompt.Get(lang).c_str());
  ImGui::TextDisabled("%s", state.tr.Format("fac.decisions.reached", {std::to_string(a.teams_reached), std::to_string(d->teams.size())}).c_str());

  const std::string reveal = std::string(state.tr(f.reveal_answer ? "fac.decisions.hide" : "fac.decisions.reveal")) + "###reveal";
  const float reveal_w = ImGui::CalcTextSize(reveal.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - reveal_w));
  if (ImGui::Button(reveal.c_str())) queue.Push(ToggleRevealAnswer);

  BarChartStyle style;
  style.label_font = state.fonts.body;
  style.bar_height = ui::Em() * 0.8f;
  style.label_above = a.options.size() <= 5;
  style.reveal = f.reveal_answer;
  DrawChoiceBars(state, *d, a, style, ImGui::GetContentRegionAvail().x);
  DrawPosition(state, a, d->position_single);
  ImGui::Separator();
  DrawTimes(state, *d, a);
  ImGui::EndChild();
}

}  // namespace sigap::app
