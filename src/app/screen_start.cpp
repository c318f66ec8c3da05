// The start screen: language, unfinished sessions to resume, scenario cards, the team's
// pseudonym and initials, and the mode the facilitator set.
// [SECTION] Header
// [SECTION] Resume offers
// [SECTION] Scenario cards
// [SECTION] Team form
// [SECTION] Screen
#include <cfloat>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "player.h"
#include "player_widgets.h"
#include "screens.h"
#include "theme.h"

namespace sigap::app {

namespace {

bool CanStart(const AppState& st) {
  return st.library.FindScenario(st.player.selected_scenario) && st.player.team.find_first_not_of(" \t") != std::string::npos;
}

// =============================================================================================
// [SECTION] Header: the name, the tagline, the language
// =============================================================================================
void DrawHeader(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  ImGui::PushFont(st.fonts.huge);
  const float title_w = ImGui::CalcTextSize("SIGAP").x;
  const float title_h = ImGui::GetTextLineHeight();
  ImGui::TextUnformatted("SIGAP");
  ImGui::PopFont();

  const char* id_label = st.tr("lang.id");
  const char* en_label = st.tr("lang.en");
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float langs_w = ui::ButtonWidth(id_label) + ui::ButtonWidth(en_label) + spacing;
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail - title_w - spacing * 2 >= langs_w) {
    ImGui::SameLine(ImGui::GetCursorPosX() + avail - langs_w);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (title_h - ImGui::GetFrameHeight()) * 0.5f);
  }
  ImGui::PushID("lang");
  if (ui::Button((std::string(id_label) + "###id").c_str(), true, lang == Lang::Id)) q.Push([](AppState& s) { player::SetLanguage(s, Lang::Id); });
  ImGui::SameLine();
  if (ui::Button((std::string(en_label) + "###en").c_str(), true, lang == Lang::En)) q.Push([](AppState& s) { player::SetLanguage(s, Lang::En); });
  ImGui::PopID();
  ui::TextColored(st.tr("app.tagline"), pal.text_muted);
  ImGui::Separator();
  for (const auto& notice : st.notices) ui::TextColored(notice, pal.warning);
}

// =============================================================================================
// [SECTION] Resume offers: unfinished sessions on this laptop
// =============================================================================================
void DrawResumeOffers(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const auto& offers = st.player.resume_offers;
  if (offers.empty()) return;
  ui::TextIn(st.fonts.bold, st.tr("start.resume.title"), pal.accent);
  constexpr std::size_t kShown = 4;
  if (ImGui::BeginTable("##resume", 2, ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("##button", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthStretch);
    for (std::size_t i = 0; i < offers.size() && i < kShown; ++i) {
      const ResumeOffer& o = offers[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      if (ui::Button((std::string(st.tr("start.resume.button")) + "###resume").c_str(), o.installed)) {
        std::string path = o.path;
        q.Push([path](AppState& s) { player::ResumeSession(s, path); });
      }
      ImGui::TableSetColumnIndex(1);
      auto scenario = st.library.FindScenario(o.scenario_id);
      std::string title = scenario ? scenario->title.Get(st.tr.Language()) : o.scenario_id;
      ui::Text(st.tr.Format("start.resume.row", {o.team, title, std::to_string(o.decisions), ui::LocalTime(o.started_utc)}));
      if (!o.installed) ui::TextColored(st.tr("start.resume.not_installed"), pal.warning);
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  if (offers.size() > kShown) ui::TextColored(st.tr.Format("start.resume.more", {std::to_string(offers.size() - kShown)}), pal.text_muted);
  ImGui::Separator();
}

// =============================================================================================
// [SECTION] Scenario cards
// =============================================================================================
void DrawScenarioCards(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  ui::TextIn(st.fonts.bold, st.tr("start.scenarios"), pal.text);
  auto scenarios = st.library.Scenarios();
  if (scenarios.empty()) ui::TextColored(st.tr("start.no_scenarios"), pal.critical);
  int number = 0;
  for (const auto& s : scenarios) {
    ++number;
    const bool selected = s->id == st.player.selected_scenario;
    std::vector<ui::Piece> pieces;
    pieces.push_back({st.fonts.large, pal.text, s->title.Get(lang), 0.0f});
    pieces.push_back({nullptr, pal.text_muted,
                      st.tr.Format("start.card.meta", {ui::KindLabel(st.tr, s->kind), s->place.Get(lang), std::to_string(s->minutes)}), 0.15f});
    pieces.push_back({nullptr, pal.text, s->summary.Get(lang), 0.4f});
    if (selected && !s->role.Get(lang).empty()) {
      pieces.push_back({st.fonts.bold, pal.accent, st.tr("start.card.role"), 0.4f});
      pieces.push_back({nullptr, pal.text, s->role.Get(lang), 0.0f});
    }
    if (!s->content_warning.Get(lang).empty()) {
      pieces.push_back({st.fonts.bold, pal.warning, st.tr("start.card.warning"), 0.4f});
      pieces.push_back({nullptr, pal.text, s->content_warning.Get(lang), 0.0f});
    }
    if (ui::Card(s->id.c_str(), number, pieces, selected)) {
      std::string id = s->id;
      q.Push([id](AppState& a) { player::SelectScenario(a, id); });
    }
    // Picked by key or preselected: brought into view once, then the team scrolls freely.
    if (st.player.scroll_to == s->id && ui::ScrollLastItemIntoView()) q.Push([](AppState& a) { a.player.scroll_to.clear(); });
  }
}

// =============================================================================================
// [SECTION] Team form: pseudonym, initials, mode, start
// =============================================================================================
void DrawTeamForm(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const PlayerState& p = st.player;
  const float width = ImGui::GetContentRegionAvail().x;

  ui::TextIn(st.fonts.bold, st.tr("start.team"), pal.text);
  std::string team = p.team;
  ImGui::SetNextItemWidth(width);
  if (ImGui::InputTextWithHint("##team", st.tr("start.team.hint"), &team)) {
    if (team.size() > 40) team.resize(40);
    q.Push([team](AppState& s) { s.player.team = team; s.player.start_error.clear(); });
  }
  ui::TextColored(st.tr("start.team.note"), pal.text_muted);

  ui::TextIn(st.fonts.bold, st.tr("start.members"), pal.text);
  std::string members = p.members;
  ImGui::SetNextItemWidth(width);
  if (ImGui::InputTextWithHint("##members", st.tr("start.members.hint"), &members)) {
    if (members.size() > 60) members.resize(60);
    q.Push([members](AppState& s) { s.player.members = members; });
  }

  ImGui::Spacing();
  ImGui::Separator();
  ui::TextIn(st.fonts.bold, st.tr.Format("start.mode", {ui::ModeLabel(st.tr, p.workshop_mode)}), pal.accent);
  ui::Text(st.tr(p.workshop_mode == Mode::Assessment ? "start.mode.assessment_note" : "start.mode.training_note"));
  ui::TextColored(st.tr(p.mode_from_command_line ? "start.mode.command_line" : "start.mode.set_by"), pal.text_muted);
}

// The start button and what stands in its way; it stays in view below the form at any font size.
std::string StartBarNote(const AppState& st) {
  if (!st.player.start_error.empty()) return st.player.start_error;
  if (!CanStart(st)) return st.tr("start.begin.need_team");
  if (auto s = st.library.FindScenario(st.player.selected_scenario)) return st.tr.Format("start.selected", {s->title.Get(st.tr.Language())});
  return {};
}

// The selected scenario is named in bold; a problem in the body font.
ImFont* StartBarFont(const AppState& st) { return st.player.start_error.empty() && CanStart(st) ? st.fonts.bold : st.fonts.body; }

float StartBarHeight(const AppState& st, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string note = StartBarNote(st);
  float h = ImGui::GetFrameHeight() + style.ItemSpacing.y;
  if (!note.empty()) {
    ImFont* font = StartBarFont(st);
    h += font->CalcTextSizeA(font->FontSize, FLT_MAX, width, note.c_str()).y + style.ItemSpacing.y;
  }
  return h;
}

void DrawStartBar(const AppState& st, ActionQueue& q, float width) {
  const Palette& pal = CurrentPalette();
  const std::string note = StartBarNote(st);
  const bool ready = CanStart(st);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  if (!note.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, !st.player.start_error.empty() ? pal.critical : ready ? pal.text : pal.text_muted);
    ImGui::PushFont(StartBarFont(st));
    ImGui::TextUnformatted(note.c_str());
    ImGui::PopFont();
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  ImGui::PushFont(st.fonts.bold);
  if (ui::Button((std::string(st.tr("start.begin")) + "###begin").c_str(), ready, true, width)) q.Push([](AppState& s) { player::StartSession(s); });
  ImGui::PopFont();
}

void HandleKeys(const AppState& st, ActionQueue& q) {
  auto scenarios = st.library.Scenarios();
  const bool typing = ImGui::GetIO().WantTextInput;
  for (const KeyPress& k : st.keys_pressed) {
    int d = ui::DigitOf(k);
    if (d >= 1 && d <= 9 && !typing && static_cast<std::size_t>(d) <= scenarios.size()) {
      std::string id = scenarios[static_cast<std::size_t>(d) - 1]->id;
      q.Push([id](AppState& s) {
        player::SelectScenario(s, id);
        s.player.scroll_to = id;
      });
    } else if (ui::IsEnter(k) && CanStart(st)) {
      q.Push([](AppState& s) { player::StartSession(s); });
      return;
    }
  }
}

}  // namespace

// =============================================================================================
// [SECTION] Screen
// =============================================================================================
void DrawStartScreen(const AppState& st, ActionQueue& q) {
  DrawHeader(st, q);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float em = ui::Em();
  const bool two_columns = avail.x / em >= 40.0f;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  if (two_columns) {
    const float form_w = std::max(avail.x * 0.36f, std::min(avail.x * 0.5f, 16.0f * em));
    ImGui::BeginChild("##scenarios", ImVec2(avail.x - form_w - spacing, avail.y), false, ImGuiWindowFlags_NoBackground);
    DrawResumeOffers(st, q);
    DrawScenarioCards(st, q);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginGroup();
    const float bar_h = StartBarHeight(st, form_w);
    ImGui::BeginChild("##form", ImVec2(form_w, std::max(avail.y - bar_h, em * 4.0f)), true);
    DrawTeamForm(st, q);
    ImGui::EndChild();
    DrawStartBar(st, q, form_w);
    ImGui::EndGroup();
  } else {
    const float bar_h = StartBarHeight(st, avail.x);
    ImGui::BeginChild("##start", ImVec2(avail.x, std::max(avail.y - bar_h, em * 4.0f)), false, ImGuiWindowFlags_NoBackground);
    DrawResumeOffers(st, q);
    DrawScenarioCards(st, q);
    ImGui::Spacing();
    DrawTeamForm(st, q);
    ImGui::EndChild();
    DrawStartBar(st, q, avail.x);
  }
  HandleKeys(st, q);
}

}  // namespace sigap::app
