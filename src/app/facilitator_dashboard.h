// The dashboard's tabs, one file each: teams (facilitator_dashboard.cpp), SOP heat map
// (facilitator_heatmap.cpp), decisions (facilitator_decisions.cpp), import/export/mode
// (facilitator_workshop.cpp).
#pragma once

#include "app_state.h"

namespace sigap::app {

void DrawTeamsTab(const AppState& state, ActionQueue& queue);
void DrawHeatTab(const AppState& state, ActionQueue& queue);
void DrawDecisionsTab(const AppState& state, ActionQueue& queue);
void DrawWorkshopTab(const AppState& state, ActionQueue& queue);
// One line: sessions, duplicates merged, unfinished, scenario changed, problems.
void DrawImportSummary(const AppState& state);
// One block per session whose copies disagree: each copy (file, laptop, decisions, last time) with
// a button that makes it the one that counts. Nothing when there is no conflict.
void DrawConflicts(const AppState& state, ActionQueue& queue);

}  // namespace sigap::app
