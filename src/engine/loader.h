// Loading scenarios and SOP catalogues: file → JsonDocument → immutable model, or diagnostics.
// A bad file never reaches the engine: LoadedFile::ok() is false whenever it has errors.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "json_reader.h"
#include "model.h"

namespace sigap {

enum class FileKind { Unknown, Scenario, Catalogue, Guide };

struct LoadedFile {
  std::string path;
  FileKind kind = FileKind::Unknown;
  std::shared_ptr<const Scenario> scenario;     // set when kind == Scenario and no errors
  std::shared_ptr<const SopCatalogue> catalogue;
  std::shared_ptr<const FacilitatorGuide> guide;  // set when kind == Guide and no errors
  std::vector<Diagnostic> diagnostics;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool ok() const { return errors == 0 && (scenario || catalogue || guide); }
};

// One file read and parsed, not yet built into the model: its kind and the ids it names, so
// that content discovery (library.h) builds catalogues before the scenarios that name them and
// scenarios before their guides.
struct ParsedFile {
  std::string path;
  std::string text;
  std::unique_ptr<DiagnosticSink> sink;
  JsonDocument doc;
  FileKind kind = FileKind::Unknown;
  std::string catalogue_ref;  // scenarios: the catalogue id they name
  std::string scenario_ref;   // guides: the scenario id they name
};

ParsedFile ParseFile(const std::string& path, std::string text);
// The model from a parsed file, checked: a scenario against `catalogue` (and its whole graph), a
// guide against `scenario_for_guide` (SCN070 without one). Diagnostics go to the file's sink.
LoadedFile BuildFile(ParsedFile& p, const SopCatalogue* catalogue, const Scenario* scenario_for_guide = nullptr);

// One file's text; `path` is used for messages and to find a catalogue beside it. A guide loaded
// this way has no scenario to check against and is refused (SCN070): load guides with LoadLibrary
// (library.h).
LoadedFile LoadFromText(const std::string& path, std::string_view text,
                        const SopCatalogue* catalogue_for_scenario = nullptr);

// An id as the format allows it (else SCN006): lower-case letters, digits, '_', '-' or '.',
// starting with a letter or digit, at most 64 characters.
bool IsValidId(const std::string& s);

}  // namespace sigap
