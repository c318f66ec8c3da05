// The bar chart of the teams' choices at one decision point, shared by the dashboard and the
// slides. Before the SOP answer is revealed every bar has the same colour, so the room
// discusses the spread before it learns which choice was right.
#pragma once

#include <optional>

#include <imgui.h>

#include "app_state.h"
#include "debrief.h"

namespace sigap::app {

struct BarChartStyle {
  ImFont* label_font = nullptr;  // the option's text
  float bar_height = 20;         // pixels
  bool label_above = true;       // text on its own line above the bar (else to its left)
  int columns = 1;               // options side by side (long checklists on a slide)
  bool reveal = false;           // colour by SOP verdict and mark the recommended option
  bool team_names = false;       // list the teams after each count
  bool tooltips = true;          // the whole text on hover (not on slides)
  bool wrap = false;             // the whole text, wrapped above its bar, never cut (slides)
  std::optional<Lang> lang;      // the options' language (default: the interface's)
  float scale = 1.0f;            // of every text size (a slide that does not fit otherwise)
};

// The height DrawChoiceBars takes at `width` (to pick the largest type that fits a slide).
float ChoiceBarsHeight(const AppState& state, const ScenarioDebrief& d, const DecisionAggregate& agg,
                       const BarChartStyle& style, float width);

// The bar height that makes the chart fill `height` (for slides), within sensible limits.
float BarHeightToFill(const AppState& state, const DecisionAggregate& agg, const BarChartStyle& style, float height);

// Teams (indexes into debrief.teams) that chose or ticked `option` at `node`.
std::vector<std::size_t> TeamsChoosing(const ScenarioDebrief& d, const std::string& node, const std::string& option);

void DrawChoiceBars(const AppState& state, const ScenarioDebrief& d, const DecisionAggregate& agg, const BarChartStyle& style,
                    float width);

}  // namespace sigap::app
