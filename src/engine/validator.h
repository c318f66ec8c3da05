// Whole-scenario checks that need the complete graph: reachability, dead ends, endings, and
// the coverage of the SOP steps the scenario says it assesses.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "json_reader.h"
#include "model.h"

namespace sigap {

// Every SOP step some choice or checklist item of the scenario is tagged with.
std::set<std::string> TaggedSteps(const Scenario& s);

void ValidateScenarioGraph(const Scenario& s, const SopCatalogue* catalogue, const JsonDocument& doc,
                           DiagnosticSink& sink);

}  // namespace sigap
