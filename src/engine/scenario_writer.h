// The canonical text of a content file (scenario, catalogue, guide) and saving it: what the author
// face writes, so that a diff of two saves shows only what the author changed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "file_io.h"

namespace sigap {

// A JSON document that keeps its keys in the order they were written (and its "_comment"s).
using OrderedJson = nlohmann::ordered_json;

// The document as the bundled files are written: the document's own key order, two spaces per
// level, one member or element per line, `[]` and `{}` for empty ones, UTF-8 unescaped (only `"`,
// `\` and the control characters are escaped), numbers as read (shortest round trip), and a final
// newline. This is what Python's json.dumps(doc, indent=2, ensure_ascii=False) + "\n" gives, so a
// file written by either tool diffs cleanly against the other.
std::string WriteScenarioCanonical(const OrderedJson& doc);

// The text parsed keeping key order; nullopt when it is not JSON (the loader says why, with its
// place: this is only the editing copy).
std::optional<OrderedJson> ParseOrdered(std::string_view text);

// The backup kept beside a saved file: "<path>.bak" (the file as it was before the last save).
std::string BackupPathOf(const std::string& path);

// Saves `text` at `path` durably and atomically (WriteFileDurably), first keeping the file that is
// there as BackupPathOf(path) (also written durably). A failure at any step leaves `path` whole.
bool SaveWithBackup(const std::string& path, std::string_view text, IoError& error, FaultInjector faults = {});

}  // namespace sigap
