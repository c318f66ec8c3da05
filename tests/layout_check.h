// The screen tests' layout check, shared by every face: after a frame drawn with the layout probe
// on (ui::ProbeEnable), no widget overlaps another, none is too narrow for its text, nothing runs
// past a window's visible edge, and no glyph straddles the edge of its clip rectangle.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "widgets.h"

namespace sigap::test {

// A vertex of a text glyph: its texture coordinates are neither the atlas's white pixel (filled
// shapes) nor its anti-aliased line strip (lines and borders).
inline bool IsGlyph(const ImDrawVert& v) {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  const ImVec2 white = atlas->TexUvWhitePixel;
  if (std::fabs(v.uv.x - white.x) < 1e-6f && std::fabs(v.uv.y - white.y) < 1e-6f) return false;
  const ImFontAtlasCustomRect& lines = atlas->CustomRects[atlas->PackIdLines];
  const float u0 = lines.X * atlas->TexUvScale.x, u1 = (lines.X + lines.Width) * atlas->TexUvScale.x;
  const float v0 = lines.Y * atlas->TexUvScale.y, v1 = (lines.Y + lines.Height) * atlas->TexUvScale.y;
  return !(v.uv.x >= u0 && v.uv.x <= u1 && v.uv.y >= v0 && v.uv.y <= v1);
}

// Whether `window`, or a window it sits in, scrolls vertically (as the layout probe decides).
inline bool ScrollsVertically(const ImGuiWindow* window) {
  for (const ImGuiWindow* v = window; v; v = (v->Flags & ImGuiWindowFlags_ChildWindow) ? v->ParentWindow : nullptr)
    if (!(v->Flags & ImGuiWindowFlags_NoScrollbar) || v->ScrollMax.y > 0) return true;
  return false;
}

// Glyph vertices outside their clip rectangle in the last frame's draw list: ImGui drops glyphs
// wholly outside it, so a line cut at an edge leaves one straddling it. `vertical`: the top and
// bottom edges count too, in windows that cannot be scrolled (a line half hidden at the edge of a
// scrolling list is not lost). Only glyphs are checked: ImGui's own separators and borders reach
// past the clip on purpose.
inline int GlyphsOutsideClip(const ImDrawList& list, bool vertical, float overhang = 1.0f) {
  if (vertical && list._OwnerName && ScrollsVertically(ImGui::FindWindowByName(list._OwnerName))) vertical = false;
  int outside = 0;
  for (const ImDrawCmd& cmd : list.CmdBuffer) {
    for (unsigned e = 0; e < cmd.ElemCount; ++e) {
      const int index = static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + e)]);
      const ImDrawVert& v = list.VtxBuffer[index];
      if (!IsGlyph(v)) continue;
      const bool out_x = v.pos.x < cmd.ClipRect.x - overhang || v.pos.x > cmd.ClipRect.z + overhang;
      const bool out_y = vertical && (v.pos.y < cmd.ClipRect.y - overhang || v.pos.y > cmd.ClipRect.w + overhang);
      if (out_x || out_y) ++outside;
    }
  }
  return outside;
}

// Every layout fault of the last frame, as a failed check (the caller CAPTUREs what was drawn).
// `overhang`: how far a glyph may reach past its clip edge (a "J" hangs left of its pen position
// by about a tenth of its size; 1 px unless the caller knows its faces).
inline void CheckLayout(bool vertical_clip, float overhang = 1.0f) {
  for (const auto& p : app::ui::ProbeProblems()) FAIL_CHECK(p.what << ": '" << p.a << "' / '" << p.b << "'");
  const ImDrawData* data = ImGui::GetDrawData();
  REQUIRE(data);
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    const std::string window = list->_OwnerName ? list->_OwnerName : "?";
    CAPTURE(window);
    CHECK(GlyphsOutsideClip(*list, vertical_clip, overhang) == 0);
  }
}

}  // namespace sigap::test
