#include "facilitator_common.h"

#include <algorithm>
#include <cstdio>

#include "facilitator_actions.h"
#include "theme.h"

namespace sigap::app {

const ScenarioDebrief* CurrentDebrief(const AppState& state) {
  const auto& f = state.facilitator;
  if (f.book.Scenarios().empty()) return nullptr;
  return &f.book.Scenarios()[std::min(f.scenario, f.book.Scenarios().size() - 1)];
}

std::string TeamLabel(const AppState& state, std::size_t team) {
  const ScenarioDebrief* d = CurrentDebrief(state);
  if (!d) return AnonymousTeamName(team, state.tr.Language());
  return TeamDisplayName(*d, team, state.tr.Language(), state.facilitator.anonymise);
}

std::string DecisionNumber(const ScenarioDebrief& d, const std::string& node) {
  int n = d.scenario ? d.scenario->DecisionNumber(node) : 0;
  return n > 0 ? std::to_string(n) : std::string();
}

std::string FormatDuration(std::int64_t ms) {
  if (ms < 0) return "–";
  std::int64_t s = (ms + 500) / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  return buf;
}

void BeginFacilitatorScreen(const char* id) {
  ImGui::BeginChild(id, ImVec2(0, 0), false,
                    ImGuiWindowFlags_NoNavInputs | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse);
}

void EndFacilitatorScreen() { ImGui::EndChild(); }

void HandleFacilitatorCommon(const AppState& state, ActionQueue& queue) {
  if (!state.dropped_paths.empty()) {
    std::vector<std::string> paths = state.dropped_paths;
    queue.Push([paths](AppState& s) { if (s.facilitator.unlocked) ImportPaths(s, paths); });
  }
}

namespace {

bool ScreenButton(const AppState& state, const char* key, const char* id, bool current) {
  const Palette& p = CurrentPalette();
  if (current) {
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
  }
  std::string label = std::string(state.tr(key)) + "###" + id;
  bool clicked = ImGui::Button(label.c_str());
  if (current) ImGui::PopStyleColor(3);
  return clicked && !current;
}

}  // namespace

namespace {

// One button per scenario (with its number of teams) when they fit in `room`, else a list box.
void DrawScenarioPicker(const AppState& state, ActionQueue& queue, float room) {
  const auto& f = state.facilitator;
  const Lang lang = state.tr.Language();
  const ImGuiStyle& style = ImGui::GetStyle();
  if (f.book.Scenarios().empty()) {
    ImGui::PushFont(state.fonts.large);
    ImGui::TextUnformatted(state.tr("fac.title"));
    ImGui::PopFont();
    return;
  }
  std::vector<std::string> labels;
  float total = 0;
  for (const auto& d : f.book.Scenarios()) {
    labels.push_back(state.tr.Format("fac.scenario_button", {d.scenario->title.Get(lang), std::to_string(d.teams.size())}));
    total += ImGui::CalcTextSize(labels.back().c_str()).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  }
  if (f.book.Scenarios().size() == 1) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui::Ellipsize(state.fonts.bold, state.fonts.bold->FontSize, labels[0], room).c_str());
    return;
  }
  if (total > room) {
    ImGui::SetNextItemWidth(room);
    if (ImGui::BeginCombo("##scenario", labels[f.scenario].c_str())) {
      for (std::size_t i = 0; i < labels.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Selectable(labels[i].c_str(), i == f.scenario) && i != f.scenario) queue.Push([i](AppState& s) { SelectScenario(s, i); });
        ImGui::PopID();
      }
      ImGui::EndCombo();
    }
    return;
  }
  const Palette& p = CurrentPalette();
  for (std::size_t i = 0; i < labels.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (i > 0) ImGui::SameLine();
    const bool current = i == f.scenario;
    if (current) {
      ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
      ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    }
    if (ImGui::Button(labels[i].c_str()) && !current) queue.Push([i](AppState& s) { SelectScenario(s, i); });
    if (current) ImGui::PopStyleColor(3);
    ImGui::PopID();
  }
}

}  // namespace

void DrawFacilitatorTopBar(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::PushFont(state.fonts.bold);
  const char* keys[] = {"fac.nav.dashboard", "fac.nav.map", "fac.nav.present", "fac.nav.lock"};
  float nav_w = 0;
  for (const char* k : keys) nav_w += ImGui::CalcTextSize(state.tr(k)).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float room = right - nav_w - ImGui::GetCursorPosX() - state.fonts.body_px;

  // The scenario on the left, the screens on the right.
  ImGui::BeginGroup();
  DrawScenarioPicker(state, queue, room);
  ImGui::EndGroup();
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - nav_w + style.ItemSpacing.x));
  if (ScreenButton(state, keys[0], "nav-dashboard", state.screen == Screen::Dashboard))
    queue.Push([](AppState& s) { ShowScreen(s, Screen::Dashboard); });
  ImGui::SameLine();
  if (ScreenButton(state, keys[1], "nav-map", state.screen == Screen::Map)) queue.Push([](AppState& s) { ShowScreen(s, Screen::Map); });
  ImGui::SameLine();
  ImGui::BeginDisabled(f.book.Scenarios().empty());
  if (ScreenButton(state, keys[2], "nav-present", false)) queue.Push([](AppState& s) { StartPresentation(s); });
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ScreenButton(state, keys[3], "nav-lock", false)) queue.Push([](AppState& s) { Lock(s); });
  ImGui::PopFont();

  // Keys: S / Shift+S next / previous scenario; M map; D dashboard; P or F5 presentation.
  if (!ImGui::GetIO().WantTextInput) {
    const std::size_t n = f.book.Scenarios().size();
    const bool back = ui::PressedLetter(state, 'S', true);
    if (n > 1 && (back || ui::PressedLetter(state, 'S'))) {
      std::size_t next = back ? (f.scenario + n - 1) % n : (f.scenario + 1) % n;
      queue.Push([next](AppState& s) { SelectScenario(s, next); });
    }
    if (ui::PressedLetter(state, 'M') && state.screen != Screen::Map) queue.Push([](AppState& s) { ShowScreen(s, Screen::Map); });
    if (ui::PressedLetter(state, 'D') && state.screen != Screen::Dashboard) queue.Push([](AppState& s) { ShowScreen(s, Screen::Dashboard); });
    if ((ui::PressedLetter(state, 'P') || ui::Pressed(state, Key::F5)) && n > 0) queue.Push([](AppState& s) { StartPresentation(s); });
    if (ui::PressedLetter(state, 'A')) queue.Push([](AppState& s) { s.facilitator.anonymise = !s.facilitator.anonymise; });
  }
}

void BilingualText(const AppState& state, const char* key, ImFont* id_font, ImFont* en_font, float wrap_width) {
  const auto& f = state.facilitator;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_width);
  ImGui::PushFont(id_font);
  ImGui::TextUnformatted(f.tr_id(key));
  ImGui::PopFont();
  ImGui::PushFont(en_font);
  ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().text_muted);
  ImGui::TextUnformatted(f.tr_en(key));
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
}

}  // namespace sigap::app
