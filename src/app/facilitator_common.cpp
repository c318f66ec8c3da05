#include "facilitator_common.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "facilitator_actions.h"
#include "theme.h"

namespace sigap::app {

const ScenarioDebrief* CurrentDebrief(const AppState& state) {
  const auto& f = state.facilitator;
  if (f.book.Scenarios().empty()) return nullptr;
  return &f.book.Scenarios()[std::min(f.scenario, f.book.Scenarios().size() - 1)];
}

namespace {

std::string FoldedName(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// What tells this session apart from another of the same name: the initials typed at the start,
// else the laptop's pseudonym.
std::string Distinction(const ImportedSession& s) { return !s.log.info.members.empty() ? s.log.info.members : s.log.info.laptop; }

}  // namespace

namespace {

// The label of teams[team] before its twins are looked at again: name (initials or laptop), with
// the start time when a twin has the same initials or laptop.
std::string TwinLabel(const ScenarioDebrief& d, std::size_t team, const std::string& name) {
  const ImportedSession& s = *d.teams[team];
  bool twin = false, same_distinction = false;
  for (std::size_t t = 0; t < d.teams.size(); ++t) {
    if (t == team || FoldedName(d.teams[t]->team()) != FoldedName(s.team())) continue;
    twin = true;
    same_distinction |= Distinction(*d.teams[t]) == Distinction(s);
  }
  if (!twin) return name;
  std::string extra = Distinction(s);
  if (same_distinction || extra.empty()) {
    const std::string when = ui::LocalTime(s.log.info.started_utc);
    extra += (extra.empty() ? "" : " ") + (when.size() > 11 ? when.substr(11) : when);
  }
  return extra.empty() ? name : name + " (" + extra + ")";
}

}  // namespace

std::string TeamLabel(const AppState& state, std::size_t team) {
  const ScenarioDebrief* d = CurrentDebrief(state);
  if (!d) return AnonymousTeamName(team, state.tr.Language());
  const Lang lang = state.tr.Language();
  std::string name = TeamDisplayName(*d, team, lang, state.facilitator.anonymise);
  if (state.facilitator.anonymise || team >= d->teams.size()) return name;
  // Two teams of one name (on one laptop or two): the initials or the laptop after the name, and
  // the start time when even those agree; the session id's first digits when all of that is the
  // same, so that no view shows two identical labels.
  const std::string folded = FoldedName(d->teams[team]->team());
  std::vector<std::size_t> twins;  // the others of this name (a few at most: the loop stays cheap)
  for (std::size_t t = 0; t < d->teams.size(); ++t)
    if (t != team && FoldedName(d->teams[t]->team()) == folded) twins.push_back(t);
  if (twins.empty()) return name;
  std::string label = TwinLabel(*d, team, name);
  for (std::size_t t : twins) {
    if (TwinLabel(*d, t, TeamDisplayName(*d, t, lang, false)) != label) continue;
    // Even the minute agrees (two laptops at once): the session id, which the time would not help.
    const std::string extra = Distinction(*d->teams[team]);
    return name + (extra.empty() ? "" : " (" + extra + ")") + " #" + d->teams[team]->log.info.session_id.substr(0, 4);
  }
  return label;
}

std::string TeamDetails(const AppState& state, const ImportedSession& s) {
  std::vector<std::string> parts;
  if (!s.log.info.members.empty()) parts.push_back(state.tr.Format("fac.teams.who", {s.log.info.members}));
  if (!s.log.info.started_utc.empty()) {
    // A workshop is one day: today's sessions by the time alone.
    std::string when = ui::LocalTime(s.log.info.started_utc);
    if (when.size() > 11 && when.compare(0, 10, LocalDate()) == 0) when = when.substr(11);
    parts.push_back(state.tr.Format("fac.teams.started", {when}));
  }
  if (!s.log.info.laptop.empty()) parts.push_back(s.log.info.laptop);  // logs from before laptops were named have none
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " · ") + p;
  return out;
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
    queue.Push([paths](AppState& s) { ImportDroppedPaths(s, paths); });
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
  const char* keys[] = {"fac.nav.dashboard", "fac.nav.map", "fac.nav.present", "fac.nav.room", "fac.nav.lock"};
  float nav_w = 0;
  for (const char* k : keys) nav_w += ImGui::CalcTextSize(state.tr(k)).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float room = right - nav_w - ImGui::GetCursorPosX() - ui::Em();

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
  // The live room: lit while a room is open, so the facilitator sees that laptops may be sending.
  if (ScreenButton(state, keys[3], "nav-room", f.room != nullptr)) queue.Push([](AppState& s) { ShowScreen(s, Screen::Room); });
  ImGui::SameLine();
  if (ScreenButton(state, keys[4], "nav-lock", false)) queue.Push([](AppState& s) { Lock(s); });
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
    if (ui::PressedLetter(state, 'A')) queue.Push(ToggleAnonymise);
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
