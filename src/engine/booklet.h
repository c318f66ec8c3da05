// The review booklet: one self-contained, printable HTML document of a scenario for a
// subject-matter or legal reviewer who signs it off on paper (`sigap booklet`). Every node in
// reading order with Indonesian and English side by side; each option's SOP verdicts with the
// step's label and legal source, its feedback, effects and conditions in plain words, and where
// it leads; the endings and what leads to each; a sign-off table naming the exact file version.
#pragma once

#include <string>

#include "model.h"

namespace sigap {

// `guide` may be null (a scenario without a facilitator guide).
std::string ReviewBookletHtml(const Scenario& scenario, const SopCatalogue& catalogue, const FacilitatorGuide* guide);

// The node ids in the booklet's reading order: breadth-first from the start, each node's
// successors in authored order; then the nodes no route from the start reaches, in file order.
// `linked` (out, optional) receives how many of them the start reaches.
std::vector<std::string> ReadingOrder(const Scenario& scenario, std::size_t* linked = nullptr);

}  // namespace sigap
