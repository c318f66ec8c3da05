// The facilitator dashboard: the top bar, the tab row, the sessions whose copies disagree (the
// facilitator chooses one), and the teams tab (who played, outcome, per-axis scores, never events,
// unfinished and changed sessions). Keys: 1–4 tabs, A anonymise.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "facilitator_dashboard.h"
#include "platform/utf8_path.h"
#include "screens.h"
#include "theme.h"

namespace sigap::app {

namespace {

struct TabInfo {
  DashboardTab tab;
  const char* key;
  const char* id;
};
const TabInfo kTabs[] = {{DashboardTab::Teams, "fac.tab.teams", "tab-teams"},
                         {DashboardTab::Heat, "fac.tab.heat", "tab-heat"},
                         {DashboardTab::Decisions, "fac.tab.decisions", "tab-decisions"},
                         {DashboardTab::Workshop, "fac.tab.workshop", "tab-workshop"}};

void DrawTabRow(const AppState& state, ActionQueue& queue, DashboardTab current) {
  const Palette& p = CurrentPalette();
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::PushFont(state.fonts.bold);
  for (std::size_t i = 0; i < std::size(kTabs); ++i) {
    const bool on = kTabs[i].tab == current;
    std::string label = std::to_string(i + 1) + "  " + state.tr(kTabs[i].key) + "###" + kTabs[i].id;
    // A tab that does not fit beside the previous one starts a second row (large text, small window).
    if (i > 0) {
      ImGui::SameLine();
      const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
      if (ImGui::GetCursorPosX() + width > right) ImGui::NewLine();
    }
    if (on) {
      ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
      ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    }
    const DashboardTab tab = kTabs[i].tab;
    if (ImGui::Button(label.c_str())) queue.Push([tab](AppState& s) { ShowTab(s, tab); });
    ui::Track(label.c_str());
    if (on) ImGui::PopStyleColor(3);
    if (!ImGui::GetIO().WantTextInput && ui::PressedDigit(state, static_cast<int>(i) + 1))
      queue.Push([tab](AppState& s) { ShowTab(s, tab); });
  }
  ImGui::PopFont();
  // Anonymise, right-aligned: on the tabs' row when it fits there, else on a row of its own.
  std::string anon = std::string(state.tr("fac.anonymise")) + "###anonymise";
  const ImGuiStyle& style = ImGui::GetStyle();
  const float w = ImGui::CalcTextSize(anon.c_str(), nullptr, true).x + ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
  ImGui::SameLine(0.0f, style.ItemSpacing.x * 2.0f);
  if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - w));
  bool anonymise = state.facilitator.anonymise;
  if (ImGui::Checkbox(anon.c_str(), &anonymise)) queue.Push([anonymise](AppState& s) { SetAnonymise(s, anonymise); });
  ui::Track(anon.c_str());
}

const Outcome* FindOutcome(const Scenario& scenario, const std::string& id) {
  for (const auto& n : scenario.nodes)
    if (n.outcome && n.outcome->id == id) return &*n.outcome;
  return nullptr;
}

void WrappedHeader(const char* text) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
}

}  // namespace

void DrawImportSummary(const AppState& state) {
  const auto& f = state.facilitator;
  const auto& imp = f.book.Imported();
  std::size_t unfinished = 0, changed = 0;
  for (const auto& s : imp.sessions) {
    if (!s.finished()) ++unfinished;
    if (s.scenario_changed) ++changed;
  }
  const Palette& p = CurrentPalette();
  auto item = [&](const std::string& text, bool warn, bool first) {
    if (!first) {
      ImGui::SameLine();
      ImGui::TextDisabled("·");
      ImGui::SameLine();
    }
    if (warn) ImGui::TextColored(p.warning, "%s", text.c_str());
    else ImGui::TextUnformatted(text.c_str());
  };
  item(state.tr.Format("fac.summary.sessions", {std::to_string(imp.sessions.size())}), false, true);
  item(state.tr.Format("fac.summary.duplicates", {std::to_string(imp.duplicates_merged)}), false, false);
  item(state.tr.Format("fac.summary.unfinished", {std::to_string(unfinished)}), unfinished > 0, false);
  item(state.tr.Format("fac.summary.changed", {std::to_string(changed)}), changed > 0, false);
  item(state.tr.Format("fac.summary.problems", {std::to_string(imp.problems.size())}), !imp.problems.empty(), false);
  if (const std::size_t conflicts = f.book.Conflicts().size(); conflicts > 0)
    item(state.tr.Format("fac.summary.conflicts", {std::to_string(conflicts)}), true, false);
}

void DrawConflicts(const AppState& state, ActionQueue& queue) {
  const auto conflicts = state.facilitator.book.Conflicts();
  if (conflicts.empty()) return;
  const Palette& pal = CurrentPalette();
  const Lang lang = state.tr.Language();
  for (std::size_t c = 0; c < conflicts.size(); ++c) {
    const SessionConflict& k = conflicts[c];
    ImGui::PushID(static_cast<int>(c));
    auto scenario = state.library.FindScenario(k.scenario_id);
    ImGui::PushFont(state.fonts.bold);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.warning);
    ImGui::TextWrapped("%s", state.tr.Format("fac.conflict.title", {k.team, scenario ? scenario->title.Get(lang) : k.scenario_id}).c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::TextWrapped("%s", state.tr.Format("fac.conflict.held", {std::to_string(k.common_decisions)}).c_str());
    for (std::size_t i = 0; i < k.copies.size(); ++i) {
      const SessionConflict::Copy& copy = k.copies[i];
      ImGui::PushID(static_cast<int>(i));
      const std::string label = std::string(state.tr("fac.conflict.choose")) + "###choose";
      if (ImGui::Button(label.c_str())) {
        const std::string id = k.session_id, path = copy.path;
        queue.Push([id, path](AppState& s) { ChooseSessionCopy(s, id, path); });
      }
      ui::Track(label.c_str());
      ImGui::SameLine();
      // Where the copy came from (its laptop) and how far it got; the file's full path below.
      ImGui::PushFont(state.fonts.bold);
      ImGui::TextWrapped("%s", ((copy.laptop.empty() ? std::string(state.tr("fac.teams.no_laptop")) : copy.laptop) + "  ·  " +
                                state.tr.Format("fac.conflict.copy", {std::to_string(copy.decisions), FormatDuration(copy.last_at_ms),
                                                                      state.tr(copy.finished ? "fac.conflict.finished" : "fac.conflict.unfinished")}))
                                   .c_str());
      ImGui::PopFont();
      ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
      ImGui::Indent(ImGui::GetFrameHeight());
      ImGui::TextWrapped("%s", copy.path.c_str());
      ImGui::Unindent(ImGui::GetFrameHeight());
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
    ImGui::Separator();
    ImGui::PopID();
  }
}

void DrawTeamsTab(const AppState& state, ActionQueue& queue) {
  const ScenarioDebrief* d = CurrentDebrief(state);
  if (!d) return;
  const Lang lang = state.tr.Language();
  const Palette& pal = CurrentPalette();
  DrawImportSummary(state);

  const auto& axes = d->catalogue->axes;
  const int columns = 4 + static_cast<int>(axes.size());
  // Column widths: shares of the width, but never narrower than the longest word of the column's
  // header (a header wraps between words, never inside one: "Kepat-uhan" on the projector). When
  // the words alone are wider than the window, the table scrolls sideways instead.
  std::vector<std::string> headers = {state.tr("fac.teams.team"), state.tr("fac.teams.outcome")};
  std::vector<float> shares = {1.3f, 2.6f};
  for (const auto& axis : axes) headers.push_back(axis.label.Get(lang)), shares.push_back(0.9f);
  headers.push_back(state.tr("fac.teams.never")), shares.push_back(0.9f);
  headers.push_back(state.tr("fac.teams.notes")), shares.push_back(1.3f);
  const float pad = ImGui::GetStyle().CellPadding.x * 2.0f + 2.0f;
  const float avail_w = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize - pad;
  float share_sum = 0, width_sum = 0;
  for (float s : shares) share_sum += s;
  std::vector<float> widths(headers.size());
  ImGui::PushFont(state.fonts.bold);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    float word = 0;
    for (std::size_t at = 0; at < headers[c].size();) {
      std::size_t end = headers[c].find(' ', at);
      if (end == std::string::npos) end = headers[c].size();
      word = std::max(word, ImGui::CalcTextSize(headers[c].c_str() + at, headers[c].c_str() + end).x);
      at = end + 1;
    }
    widths[c] = std::max(avail_w * shares[c] / share_sum - pad, word);
    width_sum += widths[c] + pad;
  }
  ImGui::PopFont();
  const bool sideways = width_sum > avail_w + 1.0f;
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_PadOuterX |
                                (sideways ? ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit : ImGuiTableFlags_SizingStretchProp);
  // The table scrolls when there are many teams; below the last row the screen stays plain.
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
  const bool open = ImGui::BeginTable("teams", columns, flags, ImGui::GetContentRegionAvail());
  ImGui::PopStyleColor();
  if (!open) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  const char* ids[] = {"team", "outcome"};
  for (std::size_t c = 0; c < headers.size(); ++c) {
    const std::string id = c < 2 ? ids[c] : c < 2 + axes.size() ? axes[c - 2].id : c == 2 + axes.size() ? "never" : "notes";
    ImGui::TableSetupColumn(id.c_str(), sideways ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch, widths[c]);
  }

  // Header row with wrapped labels: axis names are long and must not be cut.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::PushFont(state.fonts.bold);
  ImGui::TableNextColumn();
  WrappedHeader(state.tr("fac.teams.team"));
  ImGui::TableNextColumn();
  WrappedHeader(state.tr("fac.teams.outcome"));
  for (const auto& axis : axes) {
    ImGui::TableNextColumn();
    WrappedHeader(axis.label.Get(lang).c_str());
  }
  ImGui::TableNextColumn();
  WrappedHeader(state.tr("fac.teams.never"));
  ImGui::TableNextColumn();
  WrappedHeader(state.tr("fac.teams.notes"));
  ImGui::PopFont();

  const float chip = ImGui::GetTextLineHeight();
  for (std::size_t t = 0; t < d->teams.size(); ++t) {
    const ImportedSession& s = *d->teams[t];
    ImGui::PushID(static_cast<int>(t));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushFont(state.fonts.bold);
    ImGui::TextWrapped("%s", TeamLabel(state, t).c_str());
    ImGui::PopFont();
    // Initials, start time and laptop: what tells two teams of one name apart (hidden with the names).
    if (!state.facilitator.anonymise) {
      ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
      ImGui::TextWrapped("%s", TeamDetails(state, s).c_str());
      ImGui::PopStyleColor();
    }

    ImGui::TableNextColumn();
    if (s.finished()) {
      const Outcome* o = FindOutcome(*d->scenario, s.outcome_id);
      StepStatus sym = s.outcome_rating == "good" ? StepStatus::Followed : s.outcome_rating == "bad" ? StepStatus::Critical
                                                                                                      : StepStatus::Violated;
      ui::StatusSquare(sym, ui::U32(ui::RatingColor(s.outcome_rating)), chip);
      ImGui::SameLine();
      ImGui::TextWrapped("%s", o ? o->label.Get(lang).c_str() : s.outcome_id.c_str());
      // The session's verdict (docs/scoring.md): a high percent beside a critical violation is no pass.
      const bool passed = s.score.verdict == SessionVerdict::Passed;
      ImGui::PushFont(state.fonts.bold);
      ImGui::TextColored(passed ? pal.follows : pal.critical, "%s", state.tr(passed ? "fac.teams.passed" : "fac.teams.not_passed"));
      ImGui::PopFont();
      ui::Track(state.tr(passed ? "fac.teams.passed" : "fac.teams.not_passed"));
    } else {
      ui::StatusSquare(StepStatus::NotReached, ImGui::ColorConvertFloat4ToU32(pal.not_reached), chip);
      ImGui::SameLine();
      std::string where = s.path_nodes.empty() ? "" : DecisionNumber(*d, s.path_nodes.back());
      ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
      ImGui::TextWrapped("%s", where.empty() ? state.tr("fac.teams.unfinished") : state.tr.Format("fac.teams.unfinished_at", {where}).c_str());
      ImGui::PopStyleColor();
    }

    for (const auto& axis : axes) {
      ImGui::TableNextColumn();
      const AxisResult* r = s.score.FindAxis(axis.id);
      auto pct = r ? r->Percent() : std::nullopt;
      ImGui::PushFont(state.fonts.bold);
      if (pct) {
        // A capped axis (a critical violation) reads failed whatever its percent; below 60 % too.
        const std::string percent = std::to_string(static_cast<int>(std::lround(*pct)));
        const bool failed = r->Verdict() == AxisVerdict::Failed;
        const std::string text = r->capped ? state.tr.Format("fac.teams.axis_capped", {percent})
                                           : state.tr.Format("fac.teams.axis_percent", {percent});
        ImGui::PushStyleColor(ImGuiCol_Text, r->capped ? pal.critical : failed ? pal.violates : pal.text);
        ImGui::TextWrapped("%s", text.c_str());
        ImGui::PopStyleColor();
        ui::Track(text.c_str());
      } else {
        ImGui::TextDisabled("–");
      }
      ImGui::PopFont();
    }

    ImGui::TableNextColumn();
    const std::size_t never = s.score.never_events.size();
    if (never > 0) {
      ui::StatusSquare(StepStatus::Critical, ui::U32(ui::StatusColor(StepStatus::Critical)), chip);
      ImGui::SameLine();
      ImGui::PushFont(state.fonts.bold);
      ImGui::TextColored(pal.critical, "%zu", never);
      ImGui::PopFont();
    } else {
      ImGui::TextDisabled("0");
    }

    ImGui::TableNextColumn();
    if (s.scenario_changed) ImGui::TextColored(pal.warning, "%s", state.tr("fac.teams.changed"));
    if (!s.replay_ok) ImGui::TextColored(pal.warning, "%s", state.tr("fac.teams.partial"));
    if (!s.duplicate_paths.empty())
      ImGui::TextDisabled("%s", state.tr.Format("fac.teams.copies", {std::to_string(s.duplicate_paths.size() + 1)}).c_str());
    if (!s.set_aside_paths.empty()) {
      // A copy that disagreed was set aside by the facilitator's choice: said, and undoable.
      ImGui::PushStyleColor(ImGuiCol_Text, pal.warning);
      ImGui::TextWrapped("%s", state.tr.Format("fac.teams.set_aside", {std::to_string(s.set_aside_paths.size())}).c_str());
      ImGui::PopStyleColor();
      const std::string label = std::string(state.tr("fac.teams.rechoose")) + "###rechoose";
      if (ImGui::SmallButton(label.c_str())) {
        const std::string id = s.log.info.session_id;
        queue.Push([id](AppState& st) { ReopenSessionConflict(st, id); });
      }
      ui::Track(label.c_str());
    }
    if (s.finished() && s.replay_ok && !s.scenario_changed && s.duplicate_paths.empty() && s.set_aside_paths.empty())
      ImGui::TextDisabled("–");
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void DrawDashboard(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  HandleFacilitatorCommon(state, queue);
  BeginFacilitatorScreen("##dashboard");
  DrawFacilitatorTopBar(state, queue);
  // Nothing imported yet: the import tab is the only useful one.
  const DashboardTab tab = f.book.Scenarios().empty() ? DashboardTab::Workshop : f.tab;
  DrawTabRow(state, queue, tab);
  ImGui::Spacing();
  // Copies that disagree wait for the facilitator's choice: above the teams (and above the import
  // when nothing else is there to show, e.g. every session imported is a conflict).
  if (tab == DashboardTab::Teams || (tab == DashboardTab::Workshop && f.book.Scenarios().empty())) DrawConflicts(state, queue);
  switch (tab) {
    case DashboardTab::Teams: DrawTeamsTab(state, queue); break;
    case DashboardTab::Heat: DrawHeatTab(state, queue); break;
    case DashboardTab::Decisions: DrawDecisionsTab(state, queue); break;
    case DashboardTab::Workshop: DrawWorkshopTab(state, queue); break;
  }
  EndFacilitatorScreen();
}

}  // namespace sigap::app
