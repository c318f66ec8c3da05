// Fonts: a clear TTF from a Debian font package, baked at the size the room needs.
#pragma once

#include <string>

struct ImFont;

namespace sigap::app {

struct Fonts {
  ImFont* body = nullptr;     // scene text, choices
  ImFont* bold = nullptr;     // headings, speaker names
  ImFont* large = nullptr;    // titles, countdown
  ImFont* huge = nullptr;     // presentation slides, countdown digits
  float body_px = 0;
  std::string file;           // the regular font used
  std::string warning;        // set when the preferred font was missing
};

// (Re)builds the font atlas at `body_px` times `scale` (the monitor content scale: on X11 the
// window is sized in pixels, so everything grows with the scale).
// Call between frames; re-uploads the texture when the GL backend is already initialised.
Fonts BuildFonts(float body_px, float scale, bool upload_texture);

}  // namespace sigap::app
