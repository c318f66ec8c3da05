#include "text.h"

namespace sigap {

namespace {
// Bytes in the character that starts with `lead` (1 for a stray continuation byte).
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}
}  // namespace

std::size_t Utf8Length(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) i += SequenceLength(static_cast<unsigned char>(text[i]));
  return n;
}

std::string Utf8Truncate(std::string_view text, std::size_t max_chars) {
  std::size_t i = 0;
  for (std::size_t n = 0; i < text.size() && n < max_chars; ++n) {
    const std::size_t len = SequenceLength(static_cast<unsigned char>(text[i]));
    if (i + len > text.size()) break;  // a sequence cut short at the end: leave it out
    i += len;
  }
  return std::string(text.substr(0, i));
}

}  // namespace sigap
