// A strict JSON reader that remembers where every value stands (line and column), so that the
// loader can point an author at the exact place of a problem. It enforces the input limits
// before trusting anything: size, nesting depth, string length, UTF-8, NUL bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "diagnostics.h"

namespace sigap {

struct JsonLimits {
  std::size_t max_bytes = 32u << 20;        // whole file
  int max_depth = 64;                       // nested objects/arrays
  std::size_t max_string_bytes = 64u << 10; // one string or key
};

struct JsonDocument {
  nlohmann::json root;
  bool ok = false;  // false: root is unusable, diagnostics say why
  // Start of each value, by JSON pointer ("" is the root), and of each object key.
  std::unordered_map<std::string, SourcePos> value_pos;
  std::unordered_map<std::string, SourcePos> key_pos;

  SourcePos PosOf(const std::string& pointer) const;     // value, else nearest ancestor
  SourcePos KeyPosOf(const std::string& pointer) const;  // key, else the value
};

// Parses `text` (the whole file). Problems go to `sink` with codes JSN001..JSN0xx.
JsonDocument ReadJson(std::string_view text, DiagnosticSink& sink, const JsonLimits& limits = {});

// Appends one escaped reference token to a JSON pointer.
std::string PointerAppend(const std::string& pointer, std::string_view token);
std::string PointerAppend(const std::string& pointer, std::size_t index);

// Validates UTF-8; returns the byte offset of the first bad sequence, or npos.
std::size_t FindInvalidUtf8(std::string_view s);

}  // namespace sigap
