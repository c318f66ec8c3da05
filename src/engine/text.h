// Small facts about UTF-8 text that several places need: how many characters a string has, and
// cutting it on a character boundary (never inside a multi-byte sequence).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sigap {

// Characters (code points) in valid UTF-8; a stray byte counts as one.
std::size_t Utf8Length(std::string_view text);
// At most `max_chars` characters of `text`, cut after a whole character.
std::string Utf8Truncate(std::string_view text, std::size_t max_chars);

}  // namespace sigap
