#include "text.h"

#include <algorithm>
#include <cstdio>

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

namespace {

// Calls f(index, code point) for each character; a malformed sequence gives U+FFFD.
template <typename F>
bool ForEachCodePoint(std::string_view text, F&& f) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t len = SequenceLength(lead);
    char32_t cp = 0xFFFD;
    if (i + len <= text.size()) {
      if (len == 1) cp = lead < 0x80 ? lead : 0xFFFD;
      else {
        cp = lead & (0xFF >> (len + 1));
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      }
    } else {
      len = text.size() - i;
    }
    if (!f(n, cp)) return false;
    i += len;
  }
  return true;
}

bool Invisible(char32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x20 || c == 0x85 || c == 0xA0 ||
         c == 0xAD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x1680 || c == 0x180E ||
         (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 ||
         c == 0x3164 || c == 0xFEFF || c == 0xFFA0;
}

bool Hidden(char32_t c) {
  if (c < 0x20) return c != 0x09 && c != 0x0A && c != 0x0D;
  return c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

bool IsBlankText(std::string_view text) {
  return ForEachCodePoint(text, [](std::size_t, char32_t c) { return Invisible(c); });
}

std::optional<HiddenChar> FindHiddenChar(std::string_view text) {
  std::optional<HiddenChar> out;
  ForEachCodePoint(text, [&](std::size_t i, char32_t c) {
    if (Hidden(c)) out = HiddenChar{i, c};
    return !out;
  });
  return out;
}

std::string StripHidden(std::string_view text) {
  if (!FindHiddenChar(text)) return std::string(text);
  std::string out;
  std::size_t i = 0;
  ForEachCodePoint(text, [&](std::size_t, char32_t c) {
    std::size_t len = std::min(SequenceLength(static_cast<unsigned char>(text[i])), text.size() - i);
    if (!Hidden(c)) out.append(text.substr(i, len));
    i += len;
    return true;
  });
  return out;
}

std::optional<HiddenChar> FindNonAscii(std::string_view text) {
  std::optional<HiddenChar> out;
  ForEachCodePoint(text, [&](std::size_t i, char32_t c) {
    if (c >= 0x80) out = HiddenChar{i, c};
    return !out;
  });
  return out;
}

std::string DescribeCodePoint(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  const char* name = nullptr;
  switch (cp) {
    case 0x07: name = "BEL"; break;
    case 0x08: name = "BACKSPACE"; break;
    case 0x1B: name = "ESC"; break;
    case 0x7F: name = "DEL"; break;
    case 0xA0: name = "NO-BREAK SPACE"; break;
    case 0x200B: name = "ZERO WIDTH SPACE"; break;
    case 0x202A: name = "LEFT-TO-RIGHT EMBEDDING"; break;
    case 0x202B: name = "RIGHT-TO-LEFT EMBEDDING"; break;
    case 0x202C: name = "POP DIRECTIONAL FORMATTING"; break;
    case 0x202D: name = "LEFT-TO-RIGHT OVERRIDE"; break;
    case 0x202E: name = "RIGHT-TO-LEFT OVERRIDE"; break;
    case 0x2066: name = "LEFT-TO-RIGHT ISOLATE"; break;
    case 0x2067: name = "RIGHT-TO-LEFT ISOLATE"; break;
    case 0x2068: name = "FIRST STRONG ISOLATE"; break;
    case 0x2069: name = "POP DIRECTIONAL ISOLATE"; break;
    case 0xFEFF: name = "BYTE ORDER MARK"; break;
    default: break;
  }
  if (cp < 0x20 && !name) name = "a control character";
  return name ? std::string(buf) + " (" + name + ")" : std::string(buf);
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace sigap
