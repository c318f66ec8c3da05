#include "screenshot.h"

#include <string_view>
#include <vector>

#include <glad/gl.h>
#include <stb_image_write.h>

#include "file_io.h"

namespace sigap::app {

bool WriteFramebufferPng(const std::string& path, int width, int height, std::string& error) {
  if (width <= 0 || height <= 0) {
    error = "the window has no size";
    return false;
  }
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's origin is bottom-left; PNG rows go top-down.
  stbi_flip_vertically_on_write(1);
  // Encoded in memory and written by the engine: stb's own fopen would read a UTF-8 path in the
  // Windows code page.
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &png, width, height, 3, pixels.data(), width * 3)) {
    error = "cannot encode the screenshot of " + path;
    return false;
  }
  if (!WriteFileDurably(path, png, error)) {
    error += " (check that the folder exists and is writable)";
    return false;
  }
  return true;
}

}  // namespace sigap::app
