// The SOP heat map: one row per SOP step, one column per team. Each cell has a colour and a
// symbol (✓ followed, ! violated, ✕ critical, – not reached) so it reads without colour too.
// Hover or click a cell (or move with the arrow keys) to see the step, the correct action, its
// source and the decision that caused the verdict.
#include <algorithm>

#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "facilitator_dashboard.h"
#include "theme.h"

namespace sigap::app {

namespace {

const char* ReasonKey(TagReason r) {
  switch (r) {
    case TagReason::Chosen: return "fac.reason.chosen";
    case TagReason::TimedOut: return "fac.reason.timed_out";
    case TagReason::Hit: return "fac.reason.hit";
    case TagReason::Miss: return "fac.reason.miss";
    case TagReason::FalseAlarm: return "fac.reason.false_alarm";
    case TagReason::Unconfirmed: return "fac.reason.unconfirmed";
  }
  return "fac.reason.chosen";
}

void DrawLegend(const AppState& state) {
  const StepStatus all[] = {StepStatus::Followed, StepStatus::Violated, StepStatus::Critical, StepStatus::NotReached};
  for (std::size_t i = 0; i < std::size(all); ++i) {
    if (i > 0) ImGui::SameLine(0, ui::Em() * 1.2f);
    ui::StatusChip(all[i], ui::StatusLabel(state.tr, all[i]));
  }
  // The red mark before a step's label: breaking it can be a never event.
  ImGui::SameLine(0, ui::Em() * 1.2f);
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + 2), ImVec2(p.x + 5, p.y + h - 2), ui::U32(ui::StatusColor(StepStatus::Critical)));
  ImGui::Dummy(ImVec2(5, h));
  ImGui::SameLine(0, ui::Em() * 0.4f);
  ImGui::TextUnformatted(state.tr("fac.heat.critical_step"));
}

// What the facilitator reads out about one cell.
void DrawCellDetail(const AppState& state, const ScenarioDebrief& d, int row, int team) {
  const Lang lang = state.tr.Language();
  const Palette& pal = CurrentPalette();
  const std::string& step_id = d.steps[row];
  const SopStep* step = d.catalogue->FindStep(step_id);
  const StepStatus status = d.heat[row][team];
  ImGui::PushFont(state.fonts.bold);
  ui::StatusChip(status, state.tr.Format("fac.heat.cell_title", {step ? step->label.Get(lang) : step_id, TeamLabel(state, team),
                                                                   ui::StatusLabel(state.tr, status)}).c_str());
  ImGui::PopFont();
  if (step) {
    ImGui::TextWrapped("%s", state.tr.Format("fac.heat.correct", {step->correct.Get(lang)}).c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
    ImGui::TextWrapped("%s", state.tr.Format("fac.heat.source", {step->source}).c_str());
    ImGui::PopStyleColor();
  }
  // Which decisions of this team touched the step, and how.
  const ImportedSession& s = *d.teams[team];
  for (const ScoredTag& tag : s.score.tags) {
    if (tag.step != step_id) continue;
    const Node* node = d.scenario->FindNode(tag.node);
    const LocalText* option = node ? node->OptionText(tag.option) : nullptr;
    std::string number = DecisionNumber(d, tag.node);
    ImGui::TextWrapped("%s", state.tr.Format("fac.heat.cause", {number, node ? node->title.Get(lang) : tag.node,
                                                               option ? option->Get(lang) : tag.option, state.tr(ReasonKey(tag.reason)),
                                                               ui::StatusLabel(state.tr, StatusOf(tag.verdict))}).c_str());
  }
  if (status == StepStatus::NotReached) ImGui::TextDisabled("%s", state.tr("fac.heat.not_reached_why"));
}

}  // namespace

void DrawHeatTab(const AppState& state, ActionQueue& queue) {
  const ScenarioDebrief* d = CurrentDebrief(state);
  if (!d || d->teams.empty() || d->steps.empty()) return;
  const auto& f = state.facilitator;
  const Lang lang = state.tr.Language();
  DrawLegend(state);

  const int rows = static_cast<int>(d->steps.size());
  const int teams = static_cast<int>(d->teams.size());
  int sel_row = f.heat_step < rows ? f.heat_step : -1;
  int sel_team = f.heat_team < teams ? f.heat_team : -1;

  // Arrow keys move the picked cell; the grid scrolls to it in the same frame.
  int d_row = 0, d_team = 0;
  if (ui::Pressed(state, Key::Up)) d_row = -1;
  if (ui::Pressed(state, Key::Down)) d_row = 1;
  if (ui::Pressed(state, Key::Left)) d_team = -1;
  if (ui::Pressed(state, Key::Right)) d_team = 1;
  bool moved = d_row != 0 || d_team != 0;
  if (moved) {
    queue.Push([d_row, d_team](AppState& s) { MoveHeatCell(s, d_row, d_team); });
    if (sel_row < 0 || sel_team < 0) sel_row = sel_team = 0;
    else {
      sel_row = std::clamp(sel_row + d_row, 0, rows - 1);
      sel_team = std::clamp(sel_team + d_team, 0, teams - 1);
    }
  }
  if (ui::Pressed(state, Key::Escape) && sel_row >= 0)
    queue.Push(ClearHeatCell);

  const ImGuiStyle& style = ImGui::GetStyle();
  const float row_h = ImGui::GetTextLineHeight() + 6.0f;
  // The picked cell's explanation takes the bottom of the screen; without one the grid does.
  const bool picked = sel_row >= 0 && sel_team >= 0;
  const float detail_h = picked ? ImGui::GetTextLineHeightWithSpacing() * 4.6f + style.WindowPadding.y * 2 : 0.0f;
  const float avail_w = ImGui::GetContentRegionAvail().x - style.ScrollbarSize;
  const float col_w = std::clamp((avail_w * 0.55f) / static_cast<float>(teams), ui::Em() * 2.2f, ui::Em() * 5.0f);
  const float label_w = std::max(avail_w - col_w * static_cast<float>(teams), ui::Em() * 8);

  // Team names above the columns, outside the scrolling part so they stay in view. When a name
  // is wider than its column, the names alternate between two lines and each may span two columns.
  {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* bold = state.fonts.bold;
    const float fs = bold->FontSize;
    bool stagger = false;
    for (int t = 0; t < teams; ++t) stagger |= bold->CalcTextSizeA(fs, FLT_MAX, 0, TeamLabel(state, t).c_str()).x > col_w - 6;
    const float line = fs + 6;
    // Names are centred on their column; the first and last may not reach past the grid's left
    // edge (into the hint) or the window's right edge.
    const float left = p.x + label_w, right = p.x + ImGui::GetContentRegionAvail().x;
    for (int t = 0; t < teams; ++t) {
      const float centre = left + col_w * (static_cast<float>(t) + 0.5f);
      const float room =
          std::min(stagger ? col_w * 2 - 10 : col_w - 6, 2.0f * std::min(centre - left, right - centre) - 4.0f);
      std::string name = ui::Ellipsize(bold, fs, TeamLabel(state, t), room);
      const float tw = bold->CalcTextSizeA(fs, FLT_MAX, 0, name.c_str()).x;
      const float x = centre - tw * 0.5f;
      const float y = p.y + (stagger && t % 2 == 0 ? 0.0f : stagger ? line : 0.0f);
      dl->AddText(bold, fs, ImVec2(x, y), ImGui::GetColorU32(ImGuiCol_Text), name.c_str());
      if (t == sel_team) dl->AddLine(ImVec2(x, y + fs + 2), ImVec2(x + tw, y + fs + 2), ImGui::GetColorU32(ImGuiCol_Text), 3.0f);
    }
    // How to use it, where the header has room: above "SOP step", or after it.
    const ImU32 muted = ImGui::ColorConvertFloat4ToU32(CurrentPalette().text_muted);
    ImFont* body = state.fonts.body;
    if (stagger) {
      dl->AddText(body, body->FontSize, p, muted, ui::Ellipsize(body, body->FontSize, state.tr("fac.heat.hint"), label_w - 12).c_str());
      ImGui::Dummy(ImVec2(0, line - ImGui::GetStyle().ItemSpacing.y));
    }
    ImGui::PushFont(bold);
    ImGui::TextUnformatted(state.tr("fac.heat.step"));
    ImGui::PopFont();
    if (!stagger) {
      ImGui::SameLine();
      const float room = label_w - ImGui::GetCursorPosX() - 12;
      ImGui::TextDisabled("%s", ui::Ellipsize(body, body->FontSize, state.tr("fac.heat.hint"), room).c_str());
    }
  }

  const float grid_h = std::max(row_h * 3, ImGui::GetContentRegionAvail().y - (picked ? detail_h + style.ItemSpacing.y : 0.0f));
  ImGui::BeginChild("heatgrid", ImVec2(0, grid_h), false, ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoNavInputs);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
  int hover_row = -1, hover_team = -1;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered_window = ImGui::IsWindowHovered();
  const ImVec2 clip_min = ImGui::GetWindowPos();
  const ImVec2 clip_max(clip_min.x + ImGui::GetWindowWidth(), clip_min.y + ImGui::GetWindowHeight());
  for (int r = 0; r < rows; ++r) {
    const float y = origin.y + row_h * static_cast<float>(r);
    if (y + row_h < clip_min.y || y > clip_max.y) continue;  // off screen
    const SopStep* step = d->catalogue->FindStep(d->steps[r]);
    const std::string label = step ? step->label.Get(lang) : d->steps[r];
    if (r % 2 == 1) dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(origin.x + label_w + col_w * static_cast<float>(teams), y + row_h),
                                      ImGui::GetColorU32(ImGuiCol_TableRowBgAlt, 1.0f));
    if (step && step->critical) {
      // Never-event steps carry a red mark before their label.
      dl->AddRectFilled(ImVec2(origin.x, y + 4), ImVec2(origin.x + 5, y + row_h - 4), ui::U32(ui::StatusColor(StepStatus::Critical)));
    }
    dl->AddText(state.fonts.body, state.fonts.body->FontSize, ImVec2(origin.x + 12, y + 4), ink,
                ui::Ellipsize(state.fonts.body, state.fonts.body->FontSize, label, label_w - 20).c_str());
    for (int t = 0; t < teams; ++t) {
      const StepStatus s = d->heat[r][t];
      ImVec2 a(origin.x + label_w + col_w * static_cast<float>(t) + 2, y + 2);
      ImVec2 b(a.x + col_w - 4, y + row_h - 2);
      const ImU32 fill = ui::U32(ui::StatusColor(s));
      dl->AddRectFilled(a, b, fill, 3.0f);
      const float sym = std::min(row_h - 8, col_w - 8);
      ui::DrawStatusSymbol(dl, ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f), sym, s, ui::TextOn(fill));
      if (hovered_window && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) hover_row = r, hover_team = t;
      if (r == sel_row && t == sel_team) dl->AddRect(ImVec2(a.x - 2, a.y - 2), ImVec2(b.x + 2, b.y + 2), ink, 3.0f, 0, 4.0f);
    }
  }
  ImGui::Dummy(ImVec2(label_w + col_w * static_cast<float>(teams), row_h * static_cast<float>(rows)));
  if (moved && sel_row >= 0) {
    const float top = row_h * static_cast<float>(sel_row);
    if (top < ImGui::GetScrollY()) ImGui::SetScrollY(top);
    else if (top + row_h > ImGui::GetScrollY() + ImGui::GetWindowHeight()) ImGui::SetScrollY(top + row_h - ImGui::GetWindowHeight());
  }
  if (hover_row >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    queue.Push([hover_row, hover_team](AppState& s) { SelectHeatCell(s, hover_row, hover_team); });
  }
  if (hover_row >= 0 && (hover_row != sel_row || hover_team != sel_team)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ui::Em() * 22);
    DrawCellDetail(state, *d, hover_row, hover_team);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  ImGui::EndChild();

  if (picked) {
    ImGui::BeginChild("heatdetail", ImVec2(0, 0), true);
    DrawCellDetail(state, *d, sel_row, sel_team);
    ImGui::EndChild();
  }
}

}  // namespace sigap::app
