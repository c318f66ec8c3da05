// UTF-8 text ⇄ the operating system's paths. Every path in SIGAP is UTF-8 in a std::string;
// only these two functions turn one into a std::filesystem::path and back.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace sigap::platform {

// On Windows std::filesystem::path(std::string) reads the bytes in the ANSI code page (and
// path::string() writes them so, throwing on characters it lacks): "Dédé" would become "DÃ©dÃ©".
// These convert through UTF-16 there, and pass the bytes through on Linux. Invalid UTF-8 becomes
// U+FFFD on Windows rather than an exception.
std::filesystem::path PathFromUtf8(std::string_view utf8);
std::string PathToUtf8(const std::filesystem::path& path);

}  // namespace sigap::platform
