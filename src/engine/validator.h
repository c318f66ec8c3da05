// Whole-scenario checks that need the complete graph: reachability, dead ends, endings, and
// the coverage of the SOP steps the scenario says it assesses.
#pragma once

#include "diagnostics.h"
#include "json_reader.h"
#include "model.h"

namespace sigap {

// The ids of the nodes a route list or a node can lead to.
std::vector<std::string> Successors(const Node& node);

void ValidateScenarioGraph(const Scenario& s, const SopCatalogue* catalogue, const JsonDocument& doc,
                           DiagnosticSink& sink);

}  // namespace sigap
