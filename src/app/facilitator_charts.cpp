#include "facilitator_charts.h"

#include <algorithm>

#include "facilitator_common.h"
#include "theme.h"

namespace sigap::app {

std::vector<std::size_t> TeamsChoosing(const ScenarioDebrief& d, const std::string& node, const std::string& option) {
  std::vector<std::size_t> out;
  for (std::size_t t = 0; t < d.teams.size(); ++t) {
    const ImportedSession& s = *d.teams[t];
    const std::size_t n = std::min(s.decisions_replayed, s.log.decisions.size());
    for (std::size_t i = 0; i < n; ++i) {
      const DecisionRecord& r = s.log.decisions[i];
      if (r.node != node) continue;
      bool picked = r.checklist                  ? std::find(r.items.begin(), r.items.end(), option) != r.items.end()
                    : option == kTimeoutOption ? r.timed_out && !r.unconfirmed && r.choice.empty()
                                               : r.choice == option;
      if (picked) {
        out.push_back(t);
        break;
      }
    }
  }
  return out;
}

namespace {

ImU32 BarColor(const OptionCount& o, bool reveal) {
  const Palette& p = CurrentPalette();
  if (!reveal) return ImGui::ColorConvertFloat4ToU32(p.accent);
  if (o.recommended) return ui::U32(ui::StatusColor(StepStatus::Followed));
  if (o.worst == Verdict::Follows) return ImGui::ColorConvertFloat4ToU32(p.not_reached);
  return ui::U32(ui::VerdictColor(o.worst));
}

}  // namespace

float BarHeightToFill(const AppState& state, const DecisionAggregate& agg, const BarChartStyle& style, float height) {
  ImFont* font = style.label_font ? style.label_font : state.fonts.body;
  const float fs = font->FontSize;
  const std::size_t cols = static_cast<std::size_t>(std::max(1, style.columns));
  const std::size_t rows = std::max<std::size_t>(1, (agg.options.size() + cols - 1) / cols);
  const float row_h = height / static_cast<float>(rows);
  const float overhead = style.label_above ? fs * 1.25f + fs * 0.4f * 1.6f : fs * 0.4f * 1.2f;
  // Beside its text a bar is no taller than the line.
  const float most = style.label_above ? ui::Em(state.fonts.body) * 2.0f : fs * 1.25f;
  return std::clamp(row_h - overhead, std::min(ui::Em(state.fonts.body) * 0.45f, most), most);
}

namespace {

// Where each option's row goes: its column, its top within the column and its height. Rows are
// equal unless the labels wrap (then each is as tall as its text).
struct BarLayout {
  std::vector<std::size_t> column;
  std::vector<float> top, height;
  float total = 0;
};

BarLayout LayOutBars(const AppState& state, const Node& node, const DecisionAggregate& agg, const BarChartStyle& style,
                     float width) {
  BarLayout l;
  ImFont* font = style.label_font ? style.label_font : state.fonts.body;
  const Lang lang = style.lang ? *style.lang : state.tr.Language();
  const float fs = font->FontSize * style.scale;
  const float line_h = fs * 1.25f;
  const float pad = fs * 0.4f;
  const int cols = std::max(1, style.columns);
  const float col_gap = ui::Em(state.fonts.body) * 1.5f;
  const float col_w = (width - col_gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const std::size_t n = agg.options.size();
  const std::size_t rows = (n + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols);
  const bool above = style.label_above || style.wrap;
  std::vector<float> column_y(static_cast<std::size_t>(cols), 0.0f);
  for (std::size_t i = 0; i < n; ++i) {
    float label_h = line_h;
    if (style.wrap) {
      const LocalText* text = node.OptionText(agg.options[i].option);
      const std::string full = text ? text->Get(lang) : agg.options[i].option;
      const float label_w = col_w - line_h - pad - 2.0f;  // the last glyph stays clear of the edge
      label_h = std::max(line_h, font->CalcTextSizeA(fs, FLT_MAX, label_w, full.c_str()).y);
    }
    const float h = (above ? label_h + pad * 0.4f + style.bar_height : std::max(line_h, style.bar_height)) + pad * 1.2f;
    const std::size_t col = rows ? i / rows : 0;
    l.column.push_back(col);
    l.top.push_back(column_y[col]);
    l.height.push_back(h);
    column_y[col] += h;
  }
  for (float y : column_y) l.total = std::max(l.total, y);
  return l;
}

}  // namespace

float ChoiceBarsHeight(const AppState& state, const ScenarioDebrief& d, const DecisionAggregate& agg,
                       const BarChartStyle& style, float width) {
  const Node* node = d.scenario->FindNode(agg.node);
  if (!node || agg.options.empty()) return 0;
  return LayOutBars(state, *node, agg, style, width).total;
}

void DrawChoiceBars(const AppState& state, const ScenarioDebrief& d, const DecisionAggregate& agg, const BarChartStyle& style,
                    float width) {
  const Node* node = d.scenario->FindNode(agg.node);
  if (!node || agg.options.empty()) return;
  const Lang lang = style.lang ? *style.lang : state.tr.Language();
  const BarLayout layout = LayOutBars(state, *node, agg, style, width);
  const Palette& pal = CurrentPalette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = style.label_font ? style.label_font : state.fonts.body;
  // Counts in the label's type when that is the larger (slides).
  ImFont* bold = font->FontSize > state.fonts.bold->FontSize ? font : state.fonts.bold;
  const float fs = font->FontSize * style.scale;
  const float bold_fs = bold->FontSize * style.scale;
  const float line_h = fs * 1.25f;
  const float badge = line_h;
  const float pad = fs * 0.4f;
  const int cols = std::max(1, style.columns);
  const float col_gap = ui::Em(state.fonts.body) * 1.5f;
  const float col_w = (width - col_gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const std::size_t n = agg.options.size();
  const float total = static_cast<float>(std::max(1, agg.teams_reached));
  const ImU32 ink = ImGui::ColorConvertFloat4ToU32(pal.text);
  const ImU32 muted = ImGui::ColorConvertFloat4ToU32(pal.text_muted);
  const ImU32 track = ImGui::GetColorU32(ImGuiCol_FrameBg);
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
  // Room after the bar for the count ("8") and the SOP mark.
  const float count_w = bold->CalcTextSizeA(bold_fs, FLT_MAX, 0, "88").x + pad;
  const float mark_w = style.reveal ? line_h + pad : 0;
  const ImVec2 origin = ImGui::GetCursorScreenPos();

  for (std::size_t i = 0; i < n; ++i) {
    const OptionCount& o = agg.options[i];
    const std::size_t col = layout.column[i];
    const ImVec2 p(origin.x + static_cast<float>(col) * (col_w + col_gap), origin.y + layout.top[i]);
    const ImU32 fill = BarColor(o, style.reveal);

    // Letter badge: the letter always; after the reveal in the verdict's colour.
    const ImU32 badge_fill = style.reveal ? fill : ImGui::ColorConvertFloat4ToU32(pal.accent);
    dl->AddRectFilled(p, ImVec2(p.x + badge, p.y + badge), badge_fill, 4.0f);
    // The timer's own outcome (no option on screen) has no letter: a dash, the fonts' own glyph.
    const std::string letter = o.option == kTimeoutOption ? std::string("-") : OptionLetterAt(i);
    ImVec2 ls = bold->CalcTextSizeA(fs, FLT_MAX, 0, letter.c_str());
    dl->AddText(bold, fs, ImVec2(p.x + (badge - ls.x) * 0.5f, p.y + (badge - ls.y) * 0.5f), ui::TextOn(badge_fill), letter.c_str());

    const LocalText* text = node->OptionText(o.option);
    const std::string full = text ? text->Get(lang) : o.option;
    float bar_x, bar_y, bar_w_max;
    if (style.wrap) {
      const float label_w = col_w - badge - pad - 2.0f;  // as LayOutBars measured it
      dl->AddText(font, fs, ImVec2(p.x + badge + pad, p.y + (badge - fs) * 0.5f), ink, full.c_str(), nullptr, label_w);
      const float label_h = std::max(line_h, font->CalcTextSizeA(fs, FLT_MAX, label_w, full.c_str()).y);
      bar_x = p.x + badge + pad;
      bar_y = p.y + label_h + pad * 0.4f;
      bar_w_max = col_w - badge - pad - count_w - mark_w;
    } else if (style.label_above) {
      const float label_w = col_w - badge - pad;
      dl->AddText(font, fs, ImVec2(p.x + badge + pad, p.y + (badge - fs) * 0.5f), ink, ui::Ellipsize(font, fs, full, label_w).c_str());
      bar_x = p.x + badge + pad;
      bar_y = p.y + line_h + pad * 0.4f;
      bar_w_max = col_w - badge - pad - count_w - mark_w;
    } else {
      const float label_w = col_w * 0.58f - badge - pad * 2;
      dl->AddText(font, fs, ImVec2(p.x + badge + pad, p.y + (badge - fs) * 0.5f), ink, ui::Ellipsize(font, fs, full, label_w).c_str());
      bar_x = p.x + col_w * 0.58f;
      bar_y = p.y + (badge - style.bar_height) * 0.5f;
      bar_w_max = col_w * 0.42f - count_w - mark_w;
    }
    if (style.team_names) bar_w_max *= 0.6f;  // leave room for the names
    bar_w_max = std::max(bar_w_max, fs);

    // The bar on a light track that shows the whole (every team that reached the decision).
    const float w = bar_w_max * static_cast<float>(o.teams) / total;
    dl->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + bar_w_max, bar_y + style.bar_height), track, 3.0f);
    dl->AddRect(ImVec2(bar_x, bar_y), ImVec2(bar_x + bar_w_max, bar_y + style.bar_height), border, 3.0f);
    if (o.teams > 0) dl->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + w, bar_y + style.bar_height), fill, 3.0f);
    float x = bar_x + bar_w_max + pad;
    const std::string count = std::to_string(o.teams);
    const float cy = bar_y + (style.bar_height - bold_fs) * 0.5f;
    dl->AddText(bold, bold_fs, ImVec2(x, cy), o.teams > 0 ? ink : muted, count.c_str());
    x += count_w;
    if (style.reveal) {
      const StepStatus s = o.recommended ? StepStatus::Followed : o.worst == Verdict::Follows ? StepStatus::NotReached : StatusOf(o.worst);
      const float m = line_h * 0.9f;
      const ImVec2 mp(x, bar_y + (style.bar_height - m) * 0.5f);
      const ImU32 mf = s == StepStatus::NotReached ? ImGui::ColorConvertFloat4ToU32(pal.not_reached) : ui::U32(ui::StatusColor(s));
      dl->AddRectFilled(mp, ImVec2(mp.x + m, mp.y + m), mf, 3.0f);
      ui::DrawStatusSymbol(dl, ImVec2(mp.x + m * 0.5f, mp.y + m * 0.5f), m * 0.8f, s, ui::TextOn(mf));
      x += mark_w;
    }
    if (style.team_names && o.teams > 0) {
      std::string names;
      for (std::size_t t : TeamsChoosing(d, agg.node, o.option)) names += (names.empty() ? "" : ", ") + TeamLabel(state, t);
      const float room = p.x + col_w - x;
      ImFont* small = state.fonts.body;
      const float small_fs = small->FontSize * style.scale;
      dl->AddText(small, small_fs, ImVec2(x, bar_y + (style.bar_height - small_fs) * 0.5f), muted,
                  ui::Ellipsize(small, small_fs, names, room).c_str());
    }
    ui::TrackRect(full.c_str(), p, ImVec2(p.x + col_w, p.y + layout.height[i]));
    // The whole text on hover (the label may have been cut).
    if (style.tooltips && ImGui::IsMouseHoveringRect(p, ImVec2(p.x + col_w, p.y + layout.height[i])) &&
        ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ui::Em(state.fonts.body) * 28);
      ImGui::TextUnformatted((letter + ". " + full).c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
  ImGui::Dummy(ImVec2(width, layout.total));
}

}  // namespace sigap::app
