// Whole-scenario checks that need the complete graph: reachability, dead ends, endings, and
// the coverage of the SOP steps the scenario says it assesses; the checks that need its values
// (the reachable states); and the checks of a facilitator guide against its scenario.
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

class StateSpace;

// Value-level checks on the reachable states of a scenario (state_space.h), for `sigap validate`:
// a loop whose way out never opens (SCN080) and a decision reached with nothing to choose (SCN081).
// They claim that something can never happen, so they say nothing about a sampled space.
void ValidateScenarioStates(const StateSpace& space, const JsonDocument& doc, DiagnosticSink& sink);

// A facilitator guide against its scenario (and the scenario's catalogue, when found): goals are
// steps the scenario assesses, debrief questions and never events point at its decisions, every
// never event of the scenario has its talking point, and the time plan fits the scenario.
void ValidateGuide(const FacilitatorGuide& g, const Scenario& s, const SopCatalogue* catalogue, const JsonDocument& doc,
                   DiagnosticSink& sink);

}  // namespace sigap
