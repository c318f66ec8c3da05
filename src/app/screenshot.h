#pragma once

#include <string>

namespace sigap::app {

// Reads the current framebuffer (width x height) and writes it as a PNG. Returns false and sets
// `error` on failure.
bool WriteFramebufferPng(const std::string& path, int width, int height, std::string& error);

}  // namespace sigap::app
