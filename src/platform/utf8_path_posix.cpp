#include "platform/utf8_path.h"

namespace sigap::platform {

// Linux paths are bytes, and SIGAP's bytes are UTF-8: nothing to convert.
std::filesystem::path PathFromUtf8(std::string_view utf8) { return std::filesystem::path(std::string(utf8)); }
std::string PathToUtf8(const std::filesystem::path& path) { return path.string(); }

}  // namespace sigap::platform
