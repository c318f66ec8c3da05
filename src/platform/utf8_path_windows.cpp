#include "platform/utf8_path.h"

#include "platform/win32_text.h"

namespace sigap::platform {

// path's native form on Windows is UTF-16: convert explicitly, never through the code page.
std::filesystem::path PathFromUtf8(std::string_view utf8) { return std::filesystem::path(win32::Widen(utf8)); }
std::string PathToUtf8(const std::filesystem::path& path) { return win32::Narrow(path.native()); }

}  // namespace sigap::platform
