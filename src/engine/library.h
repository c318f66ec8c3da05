// Content discovery: the scenarios, SOP catalogues and facilitator guides found in files and
// folders, each loaded and validated (loader.h) against the others it names.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "loader.h"

namespace sigap {

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

}  // namespace sigap
