// Fonts: Noto Sans from Debian's fonts-noto-core (or shipped beside the data on Windows), with the
// Noto symbol and math faces merged in so that every character SIGAP shows has a glyph, baked
// at the size the room needs. The text size follows the window: the same share of the screen at
// 1024×600 as at 1920×1080, times the user's zoom, never below the face's minimum.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "library.h"

namespace sigap::app {

class StringTable;

struct Fonts {
  ImFont* body = nullptr;     // scene text, choices
  ImFont* bold = nullptr;     // headings, speaker names
  ImFont* large = nullptr;    // titles, countdown
  ImFont* huge = nullptr;     // presentation slides, countdown digits
  float body_px = 0;          // the body size baked (0: not built yet)
  std::string file;           // the regular font used
  std::vector<std::string> merged;  // symbol faces merged in
  std::string warning;        // set when the preferred font was missing
};

// The code points the app must be able to draw, as ImGui takes them (inclusive ranges,
// 0-terminated). `text`, for the body and bold faces where people also type: Latin with its
// extensions, punctuation, currency, arrows and the screens' symbols, plus every character of
// the string tables and the loaded content. `display`, for the large and huge faces (titles,
// slides, countdown), which only show what SIGAP itself wrote: ASCII, Latin-1, the screens'
// symbols and the characters of the string tables and content. The large faces hold most of the
// atlas's pixels, so leaving unused blocks out of them keeps start-up and memory down.
struct GlyphRanges {
  std::vector<ImWchar> text;
  std::vector<ImWchar> display;
};
GlyphRanges CollectGlyphRanges(const StringTable& tr, const ContentLibrary& library);

// (Re)builds the font atlas with the body text at `body_px` pixels. The caller uploads the atlas
// texture when a renderer is running (fonts have no GL in them). Empty ranges: ImGui's default.
Fonts BuildFonts(float body_px, const GlyphRanges& ranges);

// Which face is on screen: each has its own minimum text size.
enum class Face { Participant, Facilitator, Presentation };
inline constexpr float kBasePx = 24.0f;  // body text at 1280×720 and zoom 1
inline constexpr float kMinZoom = 0.6f, kMaxZoom = 2.0f;
// The body text size for a window of `window_px` pixels at `zoom`.
float BodyPx(ImVec2 window_px, float zoom, Face face);

}  // namespace sigap::app
