#include "fonts.h"

#include <filesystem>

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

namespace sigap::app {

namespace {

struct FontFiles {
  std::string regular, bold;
};

FontFiles FindFontFiles(std::string& warning) {
  const FontFiles candidates[] = {
      {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"},
      {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
      {"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"},
  };
  std::error_code ec;
  for (std::size_t i = 0; i < std::size(candidates); ++i) {
    if (std::filesystem::exists(candidates[i].regular, ec)) {
      if (i > 0) warning = "Noto Sans (fonts-noto-core) not found; using " + candidates[i].regular;
      FontFiles f = candidates[i];
      if (!std::filesystem::exists(f.bold, ec)) f.bold = f.regular;
      return f;
    }
  }
  warning = "no TTF font found (install fonts-noto-core); using ImGui's built-in font";
  return {};
}

}  // namespace

Fonts BuildFonts(float body_px, float scale, bool upload_texture) {
  Fonts fonts;
  fonts.body_px = body_px * scale;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  FontFiles files = FindFontFiles(fonts.warning);
  fonts.file = files.regular;
  // Latin + Latin-1 + Latin Extended-A, general punctuation (– — ' " • …), arrows and the euro.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x2030, 0x205E,
                                   0x20AC, 0x20AC, 0x2190, 0x2199, 0x2212, 0x2212, 0x25A0, 0x25CF, 0};
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  auto add = [&](const std::string& file, float px) -> ImFont* {
    if (file.empty()) {
      ImFontConfig def;
      def.SizePixels = px;
      return io.Fonts->AddFontDefault(&def);
    }
    return io.Fonts->AddFontFromFileTTF(file.c_str(), px * scale, &cfg, ranges);
  };
  fonts.body = add(files.regular, body_px);
  fonts.bold = add(files.bold, body_px);
  fonts.large = add(files.bold, body_px * 1.45f);
  fonts.huge = add(files.bold, body_px * 2.4f);
  io.Fonts->Build();
  if (upload_texture) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  return fonts;
}

}  // namespace sigap::app
