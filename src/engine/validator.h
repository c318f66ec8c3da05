// Whole-scenario checks that need the complete graph: reachability, dead ends, endings, and
// the coverage of the SOP steps the scenario says it assesses; and the checks of a facilitator
// guide against its scenario.
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

// A facilitator guide against its scenario (and the scenario's catalogue, when found): goals are
// steps the scenario assesses, debrief questions and never events point at its decisions, every
// never event of the scenario has its talking point, and the time plan fits the scenario.
void ValidateGuide(const FacilitatorGuide& g, const Scenario& s, const SopCatalogue* catalogue, const JsonDocument& doc,
                   DiagnosticSink& sink);

}  // namespace sigap
