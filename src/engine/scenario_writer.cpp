#include "scenario_writer.h"

#include <filesystem>

#include "platform/utf8_path.h"

namespace sigap {

std::string WriteScenarioCanonical(const OrderedJson& doc) {
  // nlohmann's pretty printer already writes Python's layout (", " never appears: one member a
  // line; ": " after keys; "[]"/"{}" when empty); ensure_ascii off keeps Indonesian and English
  // text readable in a diff. Invalid UTF-8 cannot reach here: the reader refuses it (JSN).
  return doc.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
}

std::optional<OrderedJson> ParseOrdered(std::string_view text) {
  OrderedJson doc = OrderedJson::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

std::string BackupPathOf(const std::string& path) { return path + ".bak"; }

bool SaveWithBackup(const std::string& path, std::string_view text, IoError& error, FaultInjector faults) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(platform::PathFromUtf8(path), ec)) {
    std::string previous;
    if (!ReadFileToString(path, previous, error)) return false;
    if (!WriteFileDurably(BackupPathOf(path), previous, error, faults)) return false;
  }
  return WriteFileDurably(path, text, error, faults);
}

}  // namespace sigap
