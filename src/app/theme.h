// Colours and sizes, readable on a washed-out projector: dark text on light, or high contrast.
#pragma once

#include <imgui.h>

namespace sigap::app {

struct Palette {
  ImVec4 text, text_muted, background, panel, accent, accent_text;
  ImVec4 follows, violates, critical, not_reached, warning;
};

const Palette& CurrentPalette();
// Applies the theme to a fresh style scaled by `scale`.
void ApplyTheme(bool high_contrast, float scale);

}  // namespace sigap::app
