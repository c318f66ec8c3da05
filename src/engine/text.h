// Small facts about UTF-8 text that several places need: how many characters a string has,
// cutting it on a character boundary (never inside a multi-byte sequence), and whether it reads
// as written (nothing but invisible characters; control or direction characters hidden in it).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sigap {

// Characters (code points) in valid UTF-8; a stray byte counts as one.
std::size_t Utf8Length(std::string_view text);
// At most `max_chars` characters of `text`, cut after a whole character.
std::string Utf8Truncate(std::string_view text, std::size_t max_chars);

// True when the text shows nothing: only spaces, line breaks and invisible characters (no-break
// space, zero-width space and joiners, soft hyphen, a byte-order mark, a lone CR…).
bool IsBlankText(std::string_view text);

// A character that must not reach a screen, a terminal, an HTML report or an xAPI file: a control
// character other than tab, line feed and carriage return (ESC, BEL, DEL, C1 controls) or a
// bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), which can reorder
// or hide the text around it.
struct HiddenChar {
  std::size_t index = 0;   // 0-based, in characters
  char32_t code_point = 0;
};
std::optional<HiddenChar> FindHiddenChar(std::string_view text);
// `text` without the characters FindHiddenChar finds: for free text from a file SIGAP did not
// write itself (a team name in a copied log) on its way to a terminal, a report or an export.
std::string StripHidden(std::string_view text);
// The first character outside ASCII, e.g. a Cyrillic "р" in an id that looks Latin.
std::optional<HiddenChar> FindNonAscii(std::string_view text);
// Text for HTML: & < > " ' as entities (the HTML report, the review booklet).
std::string HtmlEscape(std::string_view text);

// "U+202E (RIGHT-TO-LEFT OVERRIDE)", "U+001B (ESC)", "U+0440" for others.
std::string DescribeCodePoint(char32_t cp);

}  // namespace sigap
