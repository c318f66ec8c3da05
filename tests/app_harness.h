// The screen tests' harness, one for every face: the app's state in a bare ImGui context (no
// window, no GL) with the real string tables and fonts, frames run by the app's own RunFrame, and
// keys given as the window host delivers them.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <imgui.h>

#include "app_state.h"
#include "screens.h"
#include "test_support.h"

namespace sigap::test {

inline app::KeyPress Press(app::Key key, bool shift = false) {
  app::KeyPress k;
  k.key = key;
  k.shift = shift;
  return k;
}
inline app::KeyPress Letter(char c, bool shift = false) {
  app::KeyPress k = Press(app::Key::Letter, shift);
  k.ch = c;
  return k;
}
inline app::KeyPress Digit(int d) {
  app::KeyPress k = Press(app::Key::Digit);
  k.ch = static_cast<char>('0' + d);
  return k;
}
inline const app::KeyPress kEnter = Press(app::Key::Enter), kEscape = Press(app::Key::Escape), kSpace = Press(app::Key::Space),
                           kBackspace = Press(app::Key::Backspace), kUp = Press(app::Key::Up), kDown = Press(app::Key::Down),
                           kLeft = Press(app::Key::Left), kRight = Press(app::Key::Right), kHome = Press(app::Key::Home),
                           kEnd = Press(app::Key::End), kPageUp = Press(app::Key::PageUp), kPageDown = Press(app::Key::PageDown),
                           kPlus = Press(app::Key::Plus), kMinus = Press(app::Key::Minus);

struct ScreenHarness {
  app::AppState st;
  std::string dir;
  ImGuiContext* ctx = nullptr;

  explicit ScreenHarness(const std::string& name, ImVec2 size = ImVec2(1280, 720), float zoom = 1.0f, Lang lang = Lang::Id)
      : dir(TempDir(name)) {
    ctx = ImGui::CreateContext();
    ImGui::SetCurrentContext(ctx);  // CreateContext only makes the first context current
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    st.settings.zoom = zoom;
    std::string error;
    REQUIRE_MESSAGE(st.tr.Load(SourcePath("assets"), error), error);
    st.tr.SetLanguage(lang);
    st.results_dir = dir + "/results";
    st.now = 100.0;
  }
  ~ScreenHarness() {
    ImGui::DestroyContext(ctx);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  ScreenHarness(const ScreenHarness&) = delete;
  ScreenHarness& operator=(const ScreenHarness&) = delete;

  // The glyphs of the content in use (call once the library is set).
  void UseLibrary(const ContentLibrary& library) {
    st.library = library;
    st.glyph_ranges = app::CollectGlyphRanges(st.tr, st.library);
    st.fonts_dirty = true;
  }
  void Resize(ImVec2 size) {
    ImGui::SetCurrentContext(ctx);
    ImGui::GetIO().DisplaySize = size;
  }
  // One frame with these keys pressed, exactly as the window host runs it; whether actions ran.
  bool Frame(std::vector<app::KeyPress> keys = {}) {
    ImGui::SetCurrentContext(ctx);
    ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
    st.keys_pressed = std::move(keys);
    const bool acted = app::RunFrame(st);
    if (st.fonts.body_px > 0) {  // the atlas texture a renderer would upload
      unsigned char* pixels = nullptr;
      int w = 0, h = 0;
      ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    return acted;
  }
};

}  // namespace sigap::test
