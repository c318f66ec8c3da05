#include "theme.h"

namespace sigap::app {

namespace {

ImVec4 Rgb(int r, int g, int b, float a = 1.0f) {
  return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f, static_cast<float>(b) / 255.0f, a);
}

// Light theme: near-black on warm white survives a washed-out projector better than dark themes.
const Palette kLight = {Rgb(20, 24, 33), Rgb(70, 78, 92), Rgb(250, 248, 243), Rgb(236, 233, 225), Rgb(0, 84, 147),
                        Rgb(255, 255, 255), Rgb(0, 110, 51), Rgb(176, 96, 0), Rgb(190, 0, 25), Rgb(120, 124, 132),
                        Rgb(176, 96, 0)};
// High contrast: white on black, saturated status colours.
const Palette kHighContrast = {Rgb(255, 255, 255), Rgb(225, 225, 225), Rgb(0, 0, 0), Rgb(28, 28, 28), Rgb(255, 214, 0),
                               Rgb(0, 0, 0), Rgb(64, 224, 120), Rgb(255, 170, 40), Rgb(255, 70, 70), Rgb(170, 170, 170),
                               Rgb(255, 170, 40)};

const Palette* g_palette = &kLight;

}  // namespace

const Palette& CurrentPalette() { return *g_palette; }

void ApplyTheme(bool high_contrast, float scale) {
  g_palette = high_contrast ? &kHighContrast : &kLight;
  const Palette& p = *g_palette;
  ImGuiStyle style;
  if (high_contrast) ImGui::StyleColorsDark(&style);
  else ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(24, 20);
  style.FramePadding = ImVec2(16, 10);
  style.ItemSpacing = ImVec2(14, 12);
  style.ItemInnerSpacing = ImVec2(10, 8);
  style.ScrollbarSize = 22;
  style.GrabMinSize = 20;
  style.FrameRounding = 6;
  style.WindowRounding = 0;
  style.ChildRounding = 6;
  style.FrameBorderSize = 1;
  style.WindowBorderSize = 0;
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.text_muted;
  c[ImGuiCol_WindowBg] = p.background;
  c[ImGuiCol_ChildBg] = p.panel;
  c[ImGuiCol_PopupBg] = p.panel;
  c[ImGuiCol_Border] = high_contrast ? Rgb(200, 200, 200) : Rgb(150, 150, 150);
  c[ImGuiCol_Button] = high_contrast ? Rgb(40, 40, 40) : Rgb(255, 255, 255);
  c[ImGuiCol_ButtonHovered] = high_contrast ? Rgb(70, 70, 40) : Rgb(214, 230, 245);
  c[ImGuiCol_ButtonActive] = p.accent;
  c[ImGuiCol_FrameBg] = high_contrast ? Rgb(40, 40, 40) : Rgb(255, 255, 255);
  c[ImGuiCol_FrameBgHovered] = high_contrast ? Rgb(70, 70, 40) : Rgb(214, 230, 245);
  c[ImGuiCol_CheckMark] = p.accent;
  c[ImGuiCol_Header] = high_contrast ? Rgb(60, 60, 0) : Rgb(205, 224, 242);
  c[ImGuiCol_HeaderHovered] = high_contrast ? Rgb(90, 90, 0) : Rgb(185, 210, 238);
  c[ImGuiCol_TableHeaderBg] = p.panel;
  c[ImGuiCol_Tab] = p.panel;
  c[ImGuiCol_TabActive] = p.accent;
  c[ImGuiCol_TabHovered] = high_contrast ? Rgb(90, 90, 0) : Rgb(185, 210, 238);
  c[ImGuiCol_ModalWindowDimBg] = Rgb(0, 0, 0, 0.55f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace sigap::app
