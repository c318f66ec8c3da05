// Shared by fuzz_session_log and its regression test: gives every JSON-object line of a log a
// correct seq and CRC, so a mutated record gets past the checksum and reaches the record checks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "json_reader.h"
#include "session_log.h"

namespace sigap::fuzz {

inline std::string Reseal(std::string_view text) {
  std::string out;
  std::int64_t seq = 0;
  std::size_t offset = 0;
  while (offset < text.size()) {
    std::size_t nl = text.find('\n', offset);
    std::string_view line = text.substr(offset, nl == std::string_view::npos ? std::string_view::npos : nl - offset);
    DiagnosticSink sink("line", 1);
    JsonDocument doc = ReadJson(line, sink);
    if (doc.ok && doc.root.is_object()) out += EncodeLogRecord(doc.root, seq++);
    else out.append(line).append(nl == std::string_view::npos ? "" : "\n");
    if (nl == std::string_view::npos) break;
    offset = nl + 1;
  }
  return out;
}

}  // namespace sigap::fuzz
