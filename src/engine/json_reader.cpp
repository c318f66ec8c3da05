#include "json_reader.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace sigap {

std::string PointerAppend(const std::string& pointer, std::string_view token) {
  std::string out = pointer;
  out += '/';
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string PointerAppend(const std::string& pointer, std::size_t index) {
  return pointer + '/' + std::to_string(index);
}

SourcePos JsonDocument::PosOf(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    auto it = value_pos.find(p);
    if (it != value_pos.end()) return it->second;
    if (p.empty()) return {1, 1};
    p.erase(p.rfind('/'));
  }
}

SourcePos JsonDocument::KeyPosOf(const std::string& pointer) const {
  auto it = key_pos.find(pointer);
  return it != key_pos.end() ? it->second : PosOf(pointer);
}

namespace {

// Length of the UTF-8 sequence at s[i], or 0 when it is invalid (overlong, surrogate, > U+10FFFF).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t len;
  std::uint32_t cp;
  if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1Fu; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0Fu; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07u; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3Fu);
  }
  static constexpr std::uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

class Parser {
 public:
  Parser(std::string_view text, DiagnosticSink& sink, const JsonLimits& limits, JsonDocument& doc)
      : s_(text), sink_(sink), limits_(limits), doc_(doc) {}

  bool ParseDocument() {
    SkipWhitespace();
    if (!ParseValue(doc_.root, "", 0)) return false;
    SkipWhitespace();
    if (i_ < s_.size()) return Fail("JSN003", "unexpected text after the end of the JSON value; remove it or check for a missing comma or bracket before it");
    return true;
  }

 private:
  bool Fail(const char* code, const std::string& message) {
    sink_.Error(code, Here(), "", message);
    return false;
  }

  SourcePos Here() const { return {line_, col_}; }

  // After a value, a quote means the next key or value lost its comma; anything else usually
  // means a string before here ended early, at a double quote that belongs inside it.
  const char* MissingCommaHint() const {
    return s_[i_] == '"' ? "a comma is probably missing"
                         : "a comma is missing, or the text before this has a stray or missing double quote (write a quote inside text as \\\")";
  }

  void Advance() {  // one UTF-8 character (already validated)
    if (s_[i_] == '\n') { ++line_; col_ = 1; ++i_; return; }
    std::size_t n = Utf8SequenceLength(s_, i_);
    i_ += n == 0 ? 1 : n;
    ++col_;
  }

  void SkipWhitespace() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') Advance();
      else break;
    }
  }

  bool ParseValue(nlohmann::json& out, const std::string& ptr, int depth) {
    if (i_ >= s_.size()) return Fail("JSN002", "the file ends where a value was expected; the JSON is cut off");
    doc_.value_pos.emplace(ptr, Here());
    char c = s_[i_];
    switch (c) {
      case '{': return ParseObject(out, ptr, depth + 1);
      case '[': return ParseArray(out, ptr, depth + 1);
      case '"': {
        std::string str;
        if (!ParseString(str)) return false;
        out = std::move(str);
        return true;
      }
      case 't': return ParseLiteral("true", out, true);
      case 'f': return ParseLiteral("false", out, false);
      case 'n': return ParseLiteral("null", out, nullptr);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(out);
        if (c == '\'') return Fail("JSN004", "strings must use double quotes (\"), not single quotes");
        if (c == '}' || c == ']') return Fail("JSN005", "a value is missing here; remove the trailing comma before it");
        return Fail("JSN004", "unexpected character; expected a value (string, number, object, array, true, false or null)");
    }
  }

  template <typename T>
  bool ParseLiteral(std::string_view word, nlohmann::json& out, T value) {
    if (s_.substr(i_, word.size()) != word) return Fail("JSN004", "unexpected word; expected a value (did you forget the quotes around a string?)");
    for (std::size_t k = 0; k < word.size(); ++k) Advance();
    out = value;
    return true;
  }

  bool ParseNumber(nlohmann::json& out) {
    std::size_t start = i_;
    if (s_[i_] == '-') ++i_;
    if (i_ >= s_.size() || !(s_[i_] >= '0' && s_[i_] <= '9')) { col_ += static_cast<int>(i_ - start); return Fail("JSN007", "malformed number"); }
    if (s_[i_] == '0' && i_ + 1 < s_.size() && s_[i_ + 1] >= '0' && s_[i_ + 1] <= '9') return Fail("JSN007", "numbers must not have leading zeros");
    bool integral = true;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    if (i_ < s_.size() && s_[i_] == '.') {
      integral = false;
      ++i_;
      if (i_ >= s_.size() || !(s_[i_] >= '0' && s_[i_] <= '9')) { col_ += static_cast<int>(i_ - start); return Fail("JSN007", "malformed number: a digit must follow the decimal point"); }
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      integral = false;
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (i_ >= s_.size() || !(s_[i_] >= '0' && s_[i_] <= '9')) { col_ += static_cast<int>(i_ - start); return Fail("JSN007", "malformed number: digits must follow the exponent"); }
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    std::string literal(s_.substr(start, i_ - start));
    SourcePos pos = Here();
    col_ += static_cast<int>(i_ - start);
    if (literal.size() > 64) { sink_.Error("JSN007", pos, "", "number is too long"); return false; }
    if (integral) {
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(literal.c_str(), &end, 10);
      if (errno == ERANGE) { sink_.Error("JSN007", pos, "", "integer is out of range"); return false; }
      out = static_cast<std::int64_t>(v);
    } else {
      double v = std::strtod(literal.c_str(), nullptr);
      if (!std::isfinite(v)) { sink_.Error("JSN007", pos, "", "number is out of range"); return false; }
      out = v;
    }
    return true;
  }

  static int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool ReadHex4(std::uint32_t& v) {
    if (i_ + 4 > s_.size()) return Fail("JSN008", "incomplete \\u escape: four hex digits must follow");
    v = 0;
    for (int k = 0; k < 4; ++k) {
      int h = HexValue(s_[i_]);
      if (h < 0) return Fail("JSN008", "invalid \\u escape: four hex digits must follow");
      v = (v << 4) | static_cast<std::uint32_t>(h);
      ++i_;
      ++col_;
    }
    return true;
  }

  static void AppendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) { out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else { out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  }

  bool ParseString(std::string& out) {
    SourcePos start = Here();
    Advance();  // opening quote
    while (true) {
      if (i_ >= s_.size()) { sink_.Error("JSN009", start, "", "this string is never closed; add the closing double quote"); return false; }
      char c = s_[i_];
      if (c == '"') { Advance(); break; }
      if (c == '\n') { sink_.Error("JSN009", start, "", "this string is not closed before the end of the line; add the closing double quote (write a line break as \\n)"); return false; }
      if (static_cast<unsigned char>(c) < 0x20) return Fail("JSN010", "control character inside a string; write tabs as \\t and line breaks as \\n");
      if (c == '\\') {
        Advance();
        if (i_ >= s_.size()) continue;
        char e = s_[i_];
        Advance();
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            std::uint32_t cp = 0;
            if (!ReadHex4(cp)) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              std::uint32_t lo = 0;
              if (s_.substr(i_, 2) != "\\u") return Fail("JSN008", "a high surrogate \\u escape must be followed by a low surrogate");
              i_ += 2; col_ += 2;
              if (!ReadHex4(lo)) return false;
              if (lo < 0xDC00 || lo > 0xDFFF) return Fail("JSN008", "invalid surrogate pair in \\u escape");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return Fail("JSN008", "a lone low surrogate in a \\u escape is not a character");
            }
            if (cp == 0) return Fail("JSN010", "\\u0000 (NUL) is not allowed in text");
            AppendUtf8(out, cp);
            break;
          }
          default: return Fail("JSN008", "unknown escape sequence; valid ones are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
      } else {
        std::size_t n = Utf8SequenceLength(s_, i_);
        out.append(s_.substr(i_, n));
        Advance();
      }
      if (out.size() > limits_.max_string_bytes) {
        sink_.Error("JSN011", start, "", "string is longer than " + std::to_string(limits_.max_string_bytes / 1024) + " KiB; split the text into shorter scenes");
        return false;
      }
    }
    return true;
  }

  bool ParseObject(nlohmann::json& out, const std::string& ptr, int depth) {
    if (depth > limits_.max_depth) return Fail("JSN012", "nesting is deeper than " + std::to_string(limits_.max_depth) + " levels; SIGAP files are never this deep, check the brackets");
    out = nlohmann::json::object();
    Advance();  // {
    SkipWhitespace();
    if (i_ < s_.size() && s_[i_] == '}') { Advance(); return true; }
    while (true) {
      SkipWhitespace();
      if (i_ >= s_.size()) return Fail("JSN002", "the file ends inside an object; a closing } is missing");
      if (s_[i_] == '}') return Fail("JSN005", "trailing comma before }; remove the last comma");
      if (s_[i_] != '"') return Fail("JSN013", "expected a key in double quotes");
      SourcePos key_pos = Here();
      std::string key;
      if (!ParseString(key)) return false;
      std::string child = PointerAppend(ptr, key);
      if (out.contains(key)) {
        sink_.Error("JSN014", key_pos, child, "duplicate key \"" + key + "\" in this object; keep only one (JSON readers would silently use the last)");
      }
      doc_.key_pos.emplace(child, key_pos);
      SkipWhitespace();
      if (i_ >= s_.size() || s_[i_] != ':') return Fail("JSN015", "expected a colon ':' after the key");
      Advance();
      SkipWhitespace();
      nlohmann::json value;
      if (!ParseValue(value, child, depth)) return false;
      out[key] = std::move(value);
      SkipWhitespace();
      if (i_ >= s_.size()) return Fail("JSN002", "the file ends inside an object; a closing } is missing");
      if (s_[i_] == ',') { Advance(); continue; }
      if (s_[i_] == '}') { Advance(); return true; }
      return Fail("JSN016", std::string("expected a comma ',' or a closing '}' here; ") + MissingCommaHint());
    }
  }

  bool ParseArray(nlohmann::json& out, const std::string& ptr, int depth) {
    if (depth > limits_.max_depth) return Fail("JSN012", "nesting is deeper than " + std::to_string(limits_.max_depth) + " levels; SIGAP files are never this deep, check the brackets");
    out = nlohmann::json::array();
    Advance();  // [
    SkipWhitespace();
    if (i_ < s_.size() && s_[i_] == ']') { Advance(); return true; }
    std::size_t index = 0;
    while (true) {
      SkipWhitespace();
      if (i_ < s_.size() && s_[i_] == ']') return Fail("JSN005", "trailing comma before ]; remove the last comma");
      nlohmann::json value;
      if (!ParseValue(value, PointerAppend(ptr, index), depth)) return false;
      out.push_back(std::move(value));
      ++index;
      SkipWhitespace();
      if (i_ >= s_.size()) return Fail("JSN002", "the file ends inside an array; a closing ] is missing");
      if (s_[i_] == ',') { Advance(); continue; }
      if (s_[i_] == ']') { Advance(); return true; }
      return Fail("JSN016", std::string("expected a comma ',' or a closing ']' here; ") + MissingCommaHint());
    }
  }

  std::string_view s_;
  DiagnosticSink& sink_;
  const JsonLimits& limits_;
  JsonDocument& doc_;
  std::size_t i_ = 0;
  int line_ = 1;
  int col_ = 1;
};

}  // namespace

std::size_t FindInvalidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

static SourcePos PosAtOffset(std::string_view s, std::size_t offset) {
  SourcePos pos{1, 1};
  for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
    if (s[i] == '\n') { ++pos.line; pos.column = 1; }
    else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++pos.column;
  }
  return pos;
}

JsonDocument ReadJson(std::string_view text, DiagnosticSink& sink, const JsonLimits& limits) {
  JsonDocument doc;
  if (text.size() > limits.max_bytes) {
    sink.Error("JSN020", {1, 1}, "", "file is " + std::to_string(text.size() >> 20) + " MiB, over the limit of " +
               std::to_string(limits.max_bytes >> 20) + " MiB; is this really a SIGAP file?");
    return doc;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    sink.Error("JSN021", {1, 1}, "", "file is empty; a scenario or catalogue starts with '{'");
    return doc;
  }
  // UTF-16 (Windows Notepad's "Unicode"): a UTF-16 byte-order mark, or NUL bytes beside ASCII
  // at the start. Saying "binary file" would send the author looking for the wrong mistake.
  const bool utf16_bom = text.substr(0, 2) == "\xFF\xFE" || text.substr(0, 2) == "\xFE\xFF";
  const bool utf16_bare = text.size() >= 4 && ((text[0] != '\0' && text[1] == '\0' && text[3] == '\0') ||
                                               (text[0] == '\0' && text[1] != '\0' && text[2] == '\0'));
  if (utf16_bom || utf16_bare) {
    sink.Error("JSN025", {1, 1}, "", "the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)");
    return doc;
  }
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    sink.Error("JSN022", PosAtOffset(text, nul), "", "file contains NUL bytes: it is a binary file, not JSON text");
    return doc;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    int marks = 0;
    for (; text.substr(0, 3) == "\xEF\xBB\xBF"; ++marks) text.remove_prefix(3);
    // Two marks: a file saved "with BOM" by one editor, then again by another (or two files joined).
    sink.Warning("JSN023", {1, 1}, "",
                 marks == 1 ? "file starts with a byte-order mark (BOM); it was skipped, but save the file as UTF-8 without BOM"
                            : "file starts with " + std::to_string(marks) +
                                  " byte-order marks (BOM); they were skipped, but save the file as UTF-8 without BOM");
  }
  if (auto bad = FindInvalidUtf8(text); bad != std::string_view::npos) {
    sink.Error("JSN024", PosAtOffset(text, bad), "", "invalid UTF-8 here; save the file as UTF-8 (it may be in Latin-1 or Windows-1252)");
    return doc;
  }
  Parser parser(text, sink, limits, doc);
  doc.ok = parser.ParseDocument() && !sink.HasErrors();
  return doc;
}

}  // namespace sigap
