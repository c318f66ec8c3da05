#include "portraits.h"

#include <string>

#include <stb_image.h>

#include "file_io.h"
#include "paths.h"
#include "platform/utf8_path.h"

namespace sigap::app {

void LoadPortraits(AppState& st) {
  PlayerState& p = st.player;
  if (!p.session || !p.upload_texture) return;  // no window (tests): nothing to upload to
  std::string assets = AssetsDir();
  for (const auto& c : p.session->session().scenario().characters) {
    if (c.portrait.empty() || p.portraits.count(c.portrait)) continue;
    std::string file = platform::PathToUtf8(platform::PathFromUtf8(assets) / platform::PathFromUtf8(c.portrait));
    // Read here and decoded from memory: stb's own fopen would read a UTF-8 path in the Windows code page.
    std::string bytes, read_error;
    int w = 0, h = 0, n = 0;
    unsigned char* pixels = ReadFileToString(file, bytes, read_error)
                                ? stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes.data()),
                                                        static_cast<int>(bytes.size()), &w, &h, &n, 4)
                                : nullptr;
    Portrait portrait;
    if (!pixels) {
      const char* why = !read_error.empty() ? read_error.c_str() : stbi_failure_reason() ? stbi_failure_reason() : "?";
      st.notices.push_back(st.tr.Format("play.portrait_missing", {file, why}));
    } else {
      portrait = Portrait{p.upload_texture(pixels, w, h), w, h};
      stbi_image_free(pixels);
    }
    p.portraits[c.portrait] = portrait;  // remembered even when missing: one notice, not one per frame
  }
}

}  // namespace sigap::app
