// libFuzzer target: the strict JSON reader alone. Besides not crashing, whatever it accepts
// must be exactly what nlohmann's parser reads from the same text, and every recorded position
// must lie inside the text.
#include <algorithm>

#include "fuzz_support.h"
#include "json_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigap;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  DiagnosticSink sink("fuzz.json");
  JsonDocument doc = ReadJson(text, sink);
  std::vector<Diagnostic> diagnostics = sink.Take();
  sigap::fuzz::CheckDiagnostics(diagnostics);
  if (!doc.ok) {
    SIGAP_FUZZ_CHECK(std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
    return 0;
  }
  int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  for (const auto& [pointer, pos] : doc.value_pos) SIGAP_FUZZ_CHECK(pos.line >= 1 && pos.line <= lines && pos.column >= 1);
  for (const auto& [pointer, pos] : doc.key_pos) SIGAP_FUZZ_CHECK(pos.line >= 1 && pos.line <= lines && pos.column >= 1);
  // The reader skips any number of leading byte-order marks (with a warning); nlohmann skips one.
  std::string_view body = text;
  while (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  auto reference = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  SIGAP_FUZZ_CHECK(!reference.is_discarded());
  SIGAP_FUZZ_CHECK(reference == doc.root);
  // The shallow limits the session-log reader uses must also hold.
  JsonLimits small;
  small.max_depth = 8;
  small.max_string_bytes = 64;
  DiagnosticSink small_sink("fuzz.json", 4);
  JsonDocument limited = ReadJson(text, small_sink, small);
  sigap::fuzz::CheckDiagnostics(small_sink.Take());
  if (limited.ok) SIGAP_FUZZ_CHECK(limited.root == doc.root);
  return 0;
}
