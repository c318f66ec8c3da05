// The participant screens' bottom bar: what to do next, and the big buttons that do it.
#include <algorithm>

#include <imgui.h>

#include "player_screens.h"
#include "widgets.h"
#include "theme.h"

namespace sigap::app {

namespace {

std::string LabelOf(const FooterButton& b, bool with_key) {
  std::string label = with_key && !b.key.empty() ? b.label + "  [" + b.key + "]" : b.label;
  return label + "###" + b.id;
}

struct FooterLayout {
  bool with_keys = true;
  float buttons_w = 0;
  float hint_wrap = 0;        // width the hint wraps at
  bool hint_on_own_line = false;
  float hint_h = 0;
};

FooterLayout Measure(const Footer& f) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  auto total = [&](bool keys) {
    float w = 0;
    for (const auto& b : f.buttons) w += ui::ButtonWidth(LabelOf(b, keys).c_str()) + spacing;
    return std::max(0.0f, w - spacing);
  };
  FooterLayout l;
  l.with_keys = total(true) <= avail * 0.7f;
  l.buttons_w = total(l.with_keys);
  l.hint_wrap = avail - l.buttons_w - spacing * 2.0f;
  if (l.hint_wrap < ui::Em() * 10.0f) {
    l.hint_on_own_line = true;
    l.hint_wrap = avail;
  }
  if (!f.hint.empty()) l.hint_h = ImGui::CalcTextSize(f.hint.c_str(), nullptr, false, l.hint_wrap).y;
  return l;
}

}  // namespace

float FooterHeight(const Footer& f) {
  const FooterLayout l = Measure(f);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float frame = ImGui::GetFrameHeight();
  float row = l.hint_on_own_line ? (l.hint_h > 0 ? l.hint_h + style.ItemSpacing.y : 0) + frame
                                 : std::max(l.hint_h + style.FramePadding.y, frame);
  return row + style.ItemSpacing.y * 2.0f + 1.0f;
}

void DrawFooter(const Footer& f, ActionQueue& q) {
  const FooterLayout l = Measure(f);
  const float avail = ImGui::GetContentRegionAvail().x;
  const float x0 = ImGui::GetCursorPosX();
  ImGui::Separator();
  if (!f.hint.empty()) {
    if (!l.hint_on_own_line) ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(x0 + l.hint_wrap);
    ImGui::TextUnformatted(f.hint.c_str());
    ImGui::PopTextWrapPos();
    if (!l.hint_on_own_line) ImGui::SameLine(x0 + avail - l.buttons_w);
    else ImGui::SetCursorPosX(x0 + avail - l.buttons_w);
  } else {
    ImGui::SetCursorPosX(x0 + avail - l.buttons_w);
  }
  bool first = true;
  for (const auto& b : f.buttons) {
    if (!first) ImGui::SameLine();
    first = false;
    if (ui::Button(LabelOf(b, l.with_keys).c_str(), b.enabled, b.primary) && b.action) q.Push(b.action);
  }
}

}  // namespace sigap::app
