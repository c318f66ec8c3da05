// Loading scenarios and SOP catalogues: file → JsonDocument → immutable model, or diagnostics.
// A bad file never reaches the engine: LoadedFile::ok() is false whenever it has errors.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "file_io.h"  // ReadFileToString, which LoadLibrary and many readers of this header use
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

// All scenarios, catalogues and facilitator guides found under some paths, each validated:
// scenarios against their catalogue, guides against their scenario. Good files load even when
// others in the same folder are broken.
struct ContentLibrary {
  std::vector<LoadedFile> files;  // in path order
  std::vector<std::shared_ptr<const Scenario>> Scenarios() const;
  std::shared_ptr<const SopCatalogue> FindCatalogue(const std::string& id) const;
  std::shared_ptr<const Scenario> FindScenario(const std::string& id) const;
  std::shared_ptr<const FacilitatorGuide> FindGuide(const std::string& scenario_id) const;  // the first one loaded
  std::size_t ErrorCount() const;
  std::size_t WarningCount() const;
};

// Files or folders (searched recursively for *.json, skipping *.schema.json). A path that cannot
// be read produces an IO001 diagnostic on that path.
ContentLibrary LoadLibrary(const std::vector<std::string>& paths);

// One file's text; `path` is used for messages and to find a catalogue beside it. A guide loaded
// this way has no scenario to check against and is refused (SCN070): load guides with LoadLibrary.
LoadedFile LoadFromText(const std::string& path, std::string_view text,
                        const SopCatalogue* catalogue_for_scenario = nullptr);

bool ReadFileToString(const std::string& path, std::string& out, std::string& error);

}  // namespace sigap
