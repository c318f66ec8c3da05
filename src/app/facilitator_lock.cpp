// The facilitator lock: the screens behind it show the SOP answers, so a participant must not
// open them by accident. The first time, the facilitator sets a workshop PIN (typed twice);
// later launches ask for it. Digits by keyboard or the on-screen keypad; Enter submits.
#include <algorithm>

#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "screens.h"
#include "theme.h"

namespace sigap::app {

namespace {

void HandleLockKeys(const AppState& state, ActionQueue& queue) {
  for (const auto& k : state.keys_pressed) {
    char digit = 0;
    if (k.key == Key::Digit && ui::Plain(k)) digit = k.ch;
    if (digit) queue.Push([digit](AppState& s) { PinDigit(s, digit); });
    else if (k.key == Key::Backspace) queue.Push([](AppState& s) { PinBackspace(s); });
    else if (k.key == Key::Enter) queue.Push([](AppState& s) { PinSubmit(s); });
    else if (k.key == Key::Escape) queue.Push(LeaveLock);
  }
}

// One dot per digit typed, and an empty ring where the next one goes.
void DrawPinDots(const AppState& state) {
  const auto& f = state.facilitator;
  const float r = ui::Em() * 0.45f;
  const float gap = r * 3.2f;
  const float h = r * 3.0f;
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
  const float width = gap * static_cast<float>(kPinMaxDigits) + r;
  dl->AddRect(p, ImVec2(p.x + width, p.y + h), ImGui::GetColorU32(ImGuiCol_Border), 6.0f, 0, 2.0f);
  for (std::size_t i = 0; i < kPinMaxDigits; ++i) {
    ImVec2 c(p.x + r * 1.6f + gap * static_cast<float>(i), p.y + h * 0.5f);
    if (i < f.pin_entry.size()) dl->AddCircleFilled(c, r, ink);
    else if (i == f.pin_entry.size()) dl->AddCircle(c, r, ink, 0, 2.0f);
  }
  ImGui::Dummy(ImVec2(width, h));
}

// Digits, Delete and Enter as large buttons, all as wide as the widest label.
float KeypadButtonWidth(const AppState& state) {
  ImGui::PushFont(state.fonts.large);
  float w = ui::Em(state.fonts.body) * 3.4f;  // inside the large font
  for (const char* key : {"fac.lock.ok", "fac.lock.delete"})
    w = std::max(w, ImGui::CalcTextSize(state.tr(key)).x + ImGui::GetStyle().FramePadding.x * 2);
  ImGui::PopFont();
  return w;
}

void DrawKeypad(const AppState& state, ActionQueue& queue) {
  const ImVec2 button(KeypadButtonWidth(state), ui::Em() * 2.5f);
  ImGui::PushFont(state.fonts.large);
  const char* digits = "123456789-0+";
  for (int i = 0; i < 12; ++i) {
    ImGui::PushID(i);
    if (i % 3 != 0) ImGui::SameLine();
    const bool del = i == 9, submit = i == 11;
    std::string label = submit ? std::string(state.tr("fac.lock.ok")) + "###ok"
                        : del  ? std::string(state.tr("fac.lock.delete")) + "###delete"
                               : std::string(1, digits[i]);
    if (submit) {
      const Palette& p = CurrentPalette();
      ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
      ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    }
    if (ImGui::Button(label.c_str(), button)) {
      if (del) queue.Push([](AppState& s) { PinBackspace(s); });
      else if (submit) queue.Push([](AppState& s) { PinSubmit(s); });
      else {
        const char digit = digits[i];
        queue.Push([digit](AppState& s) { PinDigit(s, digit); });
      }
    }
    if (submit) ImGui::PopStyleColor(2);
    ImGui::PopID();
  }
  ImGui::PopFont();
}

}  // namespace

void DrawFacilitatorLock(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  const Palette& pal = CurrentPalette();
  HandleFacilitatorCommon(state, queue);
  HandleLockKeys(state, queue);

  const float keypad_w = KeypadButtonWidth(state) * 3 + ImGui::GetStyle().ItemSpacing.x * 2;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float text_w = std::min(avail.x - keypad_w - ui::Em() * 3, ui::Em() * 24);
  const float total_w = text_w + ui::Em() * 3 + keypad_w;
  const float left = std::max(0.0f, (avail.x - total_w) * 0.5f);
  const float keypad_h = (ui::Em() * 2.5f + ImGui::GetStyle().ItemSpacing.y) * 4;
  const float top = ImGui::GetCursorPosY() + std::max(0.0f, (avail.y - keypad_h) * 0.5f);

  ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + left, top));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
  ImGui::PushFont(state.fonts.huge);
  ImGui::TextUnformatted(state.tr("fac.lock.title"));
  ImGui::PopFont();
  ImGui::TextUnformatted(state.tr("fac.lock.why"));
  ImGui::Spacing();
  ImGui::PushFont(state.fonts.large);
  const char* prompt = f.workshop.HasPin() ? "fac.lock.enter" : f.pin_first.empty() ? "fac.lock.set" : "fac.lock.repeat";
  ImGui::TextUnformatted(state.tr(prompt));
  ImGui::PopFont();
  if (!f.workshop.HasPin() && f.pin_first.empty()) ImGui::TextUnformatted(state.tr("fac.lock.set_hint"));
  DrawPinDots(state);
  if (!f.lock_message.empty()) {
    ImGui::PushFont(state.fonts.bold);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.critical);
    ImGui::TextUnformatted(state.tr(f.lock_message.c_str()));
    ImGui::PopStyleColor();
    ImGui::PopFont();
  }
  if (!f.workshop_warning.empty()) ImGui::TextColored(pal.warning, "%s", f.workshop_warning.c_str());
  ImGui::Spacing();
  if (ImGui::Button(state.tr("fac.lock.back"))) queue.Push(LeaveLock);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();

  ImGui::SameLine(0, ui::Em() * 3);
  ImGui::BeginGroup();
  DrawKeypad(state, queue);
  ImGui::EndGroup();
}

}  // namespace sigap::app
