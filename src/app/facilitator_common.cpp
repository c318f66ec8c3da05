#include "facilitator_common.h"

#include <algorithm>
#include <cstdio>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

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

std::string Ellipsize(ImFont* font, float size, const std::string& text, float width) {
  if (!font || font->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x <= width) return text;
  static const char* const kEllipsis = "…";
  float budget = width - font->CalcTextSizeA(size, FLT_MAX, 0, kEllipsis).x;
  if (budget <= 0) return "";
  const char* begin = text.c_str();
  const char* end = begin + text.size();
  const char* cut = begin;
  // Walk whole UTF-8 characters until the budget is spent.
  for (const char* p = begin; p < end;) {
    const unsigned char lead = static_cast<unsigned char>(*p);
    const long n = std::min<long>(lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4, end - p);
    if (font->CalcTextSizeA(size, FLT_MAX, 0, begin, p + n).x > budget) break;
    p += n;
    cut = p;
  }
  std::string out(begin, cut);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',')) out.pop_back();
  return out + kEllipsis;
}

namespace {
ImU32 ToU32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }
}  // namespace

ImU32 StatusColor(StepStatus s) {
  const Palette& p = CurrentPalette();
  switch (s) {
    case StepStatus::Followed: return ToU32(p.follows);
    case StepStatus::Violated: return ToU32(p.violates);
    case StepStatus::Critical: return ToU32(p.critical);
    case StepStatus::NotReached: break;
  }
  ImVec4 c = p.not_reached;
  c.w = 0.45f;
  return ToU32(c);
}

ImU32 VerdictColor(Verdict v) { return StatusColor(StatusOf(v)); }

ImU32 RatingColor(const std::string& rating) {
  const Palette& p = CurrentPalette();
  if (rating == "good") return ToU32(p.follows);
  if (rating == "mixed") return ToU32(p.violates);
  if (rating == "bad") return ToU32(p.critical);
  return ToU32(p.not_reached);
}

ImU32 InkOn(ImU32 fill) {
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(fill);
  // Blend a translucent fill over the background before judging it.
  const ImVec4& bg = CurrentPalette().background;
  float r = c.x * c.w + bg.x * (1 - c.w), g = c.y * c.w + bg.y * (1 - c.w), b = c.z * c.w + bg.z * (1 - c.w);
  float luminance = 0.2126f * r + 0.7152f * g + 0.0722f * b;
  return luminance > 0.45f ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

void DrawStatusSymbol(ImDrawList* dl, ImVec2 c, float size, StepStatus s, ImU32 col) {
  const float h = size * 0.5f;
  const float t = std::max(2.0f, size * 0.14f);
  switch (s) {
    case StepStatus::Followed:  // ✓
      dl->PathLineTo(ImVec2(c.x - h * 0.75f, c.y + h * 0.02f));
      dl->PathLineTo(ImVec2(c.x - h * 0.2f, c.y + h * 0.55f));
      dl->PathLineTo(ImVec2(c.x + h * 0.8f, c.y - h * 0.6f));
      dl->PathStroke(col, 0, t);
      break;
    case StepStatus::Violated:  // !
      dl->AddLine(ImVec2(c.x, c.y - h * 0.8f), ImVec2(c.x, c.y + h * 0.25f), col, t * 1.1f);
      dl->AddCircleFilled(ImVec2(c.x, c.y + h * 0.68f), t * 0.7f, col);
      break;
    case StepStatus::Critical:  // ✕
      dl->AddLine(ImVec2(c.x - h * 0.65f, c.y - h * 0.65f), ImVec2(c.x + h * 0.65f, c.y + h * 0.65f), col, t * 1.1f);
      dl->AddLine(ImVec2(c.x + h * 0.65f, c.y - h * 0.65f), ImVec2(c.x - h * 0.65f, c.y + h * 0.65f), col, t * 1.1f);
      break;
    case StepStatus::NotReached:  // –
      dl->AddLine(ImVec2(c.x - h * 0.45f, c.y), ImVec2(c.x + h * 0.45f, c.y), col, t * 0.8f);
      break;
  }
}

void StatusChip(const AppState& state, StepStatus s, const char* label) {
  const float size = ImGui::GetTextLineHeight();
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 fill = StatusColor(s);
  dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), fill, 3.0f);
  DrawStatusSymbol(dl, ImVec2(p.x + size * 0.5f, p.y + size * 0.5f), size * 0.8f, s, InkOn(fill));
  ImGui::Dummy(ImVec2(size, size));
  ImGui::SameLine(0, state.fonts.body_px * 0.3f);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(label);
  ImGui::PopTextWrapPos();
}

const char* StatusKey(StepStatus s) {
  switch (s) {
    case StepStatus::Followed: return "fac.status.followed";
    case StepStatus::Violated: return "fac.status.violated";
    case StepStatus::Critical: return "fac.status.critical";
    case StepStatus::NotReached: break;
  }
  return "fac.status.not_reached";
}

const char* RatingKey(const std::string& rating) {
  if (rating == "good") return "fac.rating.good";
  if (rating == "mixed") return "fac.rating.mixed";
  if (rating == "bad") return "fac.rating.bad";
  return "fac.rating.none";
}

bool Pressed(const AppState& state, int key, bool allow_in_text_field) {
  if (!allow_in_text_field && ImGui::GetIO().WantTextInput) return false;
  for (const auto& k : state.keys_pressed)
    if (k.key == key && (k.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) == 0) return true;
  return false;
}

bool PressedWithMods(const AppState& state, int key, int mods) {
  if (ImGui::GetIO().WantTextInput) return false;
  for (const auto& k : state.keys_pressed)
    if (k.key == key && (k.mods & mods) == mods) return true;
  return false;
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
    ImGui::TextUnformatted(Ellipsize(state.fonts.bold, state.fonts.bold->FontSize, labels[0], room).c_str());
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
    if (n > 1 && Pressed(state, GLFW_KEY_S)) {
      bool back = PressedWithMods(state, GLFW_KEY_S, GLFW_MOD_SHIFT);
      std::size_t next = back ? (f.scenario + n - 1) % n : (f.scenario + 1) % n;
      queue.Push([next](AppState& s) { SelectScenario(s, next); });
    }
    if (Pressed(state, GLFW_KEY_M) && state.screen != Screen::Map) queue.Push([](AppState& s) { ShowScreen(s, Screen::Map); });
    if (Pressed(state, GLFW_KEY_D) && state.screen != Screen::Dashboard) queue.Push([](AppState& s) { ShowScreen(s, Screen::Dashboard); });
    if ((Pressed(state, GLFW_KEY_P) || Pressed(state, GLFW_KEY_F5)) && n > 0) queue.Push([](AppState& s) { StartPresentation(s); });
    if (Pressed(state, GLFW_KEY_A)) queue.Push([](AppState& s) { s.facilitator.anonymise = !s.facilitator.anonymise; });
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
