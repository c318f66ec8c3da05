// Pieces of the author face's screen (author_*.cpp), drawn from const state; every change is an
// action of author_actions.h.
#pragma once

#include <map>
#include <string>

#include <imgui.h>

#include "app_state.h"

namespace sigap::app {

// Errors and warnings per node id, from the current version's diagnostics.
struct NodeMarks {
  int errors = 0;
  int warnings = 0;
};
std::map<std::string, NodeMarks> MarksByNode(const AuthorState& a);
// The node a diagnostic's JSON pointer is inside ("/nodes/3/…" → that node's id), else "".
std::string NodeOfPointer(const AuthorState& a, const std::string& pointer);
// A choice or item tagged "critical" somewhere in the node (a never event on offer).
bool HasNeverEvent(const Node& node);

// SameLine when an item `width` wide still fits on the row, else a new row.
void SameLineOrWrap(float width);
// …for a button with this label.
void SameLineOrWrap(const char* button_label);

void DrawAuthorMap(const AppState& state, ActionQueue& queue, ImVec2 size);
void DrawAuthorNodePanel(const AppState& state, ActionQueue& queue);
void DrawAuthorDiagnostics(const AppState& state, ActionQueue& queue);
void DrawAuthorPreview(const AppState& state, ActionQueue& queue);

}  // namespace sigap::app
