// The author face (sigap --author): the scenario map, the node panel (or the "play from here"
// preview) and the diagnostics panel, under a bar with the file, new, undo/redo, save and the
// booklet. Keys: Ctrl+Z / Ctrl+Y undo and redo, Ctrl+S saves (outside a text field).
// [SECTION] Shared pieces
// [SECTION] Top bar
// [SECTION] Screen
#include <algorithm>
#include <cstdlib>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "author_actions.h"
#include "author_screens.h"
#include "platform/utf8_path.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace sigap::app {

// =============================================================================================
// [SECTION] Shared pieces
// =============================================================================================

std::string NodeOfPointer(const AuthorState& a, const std::string& pointer) {
  if (!a.draft || !a.draft->doc() || pointer.rfind("/nodes/", 0) != 0) return "";
  const std::size_t end = pointer.find('/', 7);
  const std::string index = pointer.substr(7, end == std::string::npos ? std::string::npos : end - 7);
  if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos) return "";
  const auto& nodes = (*a.draft->doc())["nodes"];
  const std::size_t i = std::strtoul(index.c_str(), nullptr, 10);
  if (!nodes.is_array() || i >= nodes.size() || !nodes[i].is_object()) return "";
  return nodes[i].value("id", "");
}

std::map<std::string, NodeMarks> MarksByNode(const AuthorState& a) {
  std::map<std::string, NodeMarks> marks;
  if (!a.draft) return marks;
  for (const auto& d : a.draft->check().diagnostics) {
    const std::string node = NodeOfPointer(a, d.pointer);
    if (node.empty()) continue;
    (d.severity == Severity::Error ? marks[node].errors : marks[node].warnings)++;
  }
  return marks;
}

bool HasNeverEvent(const Node& node) {
  if (!node.decision) return false;
  auto critical = [](const std::vector<SopTag>& tags) {
    return std::any_of(tags.begin(), tags.end(), [](const SopTag& t) { return t.verdict == Verdict::Critical; });
  };
  for (const auto& c : node.decision->choices)
    if (critical(c.sop)) return true;
  for (const auto& i : node.decision->items)
    if (critical(i.sop)) return true;
  return false;
}

void SameLineOrWrap(float width) {
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + width > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
}

void SameLineOrWrap(const char* button_label) { SameLineOrWrap(ui::ButtonWidth(button_label)); }

namespace {

// =============================================================================================
// [SECTION] Top bar
// =============================================================================================

std::string FileName(const std::string& path) { return platform::PathToUtf8(platform::PathFromUtf8(path).filename()); }

void DrawTopBar(const AppState& st, ActionQueue& q) {
  const auto& a = st.author;
  const Palette& pal = CurrentPalette();
  // One row of controls at 1280x720 (the face's name heads the status line under it).
  const std::string current = a.draft ? FileName(a.draft->path()) : std::string(st.tr("author.none"));
  ImGui::SetNextItemWidth(ui::Em() * 12);
  if (ImGui::BeginCombo("##author-file", current.c_str())) {
    for (const auto& f : a.files) {
      const bool on = a.draft && a.draft->path() == f;
      if (ImGui::Selectable((FileName(f) + "###" + f).c_str(), on) && !on)
        q.Push([f](AppState& s) { author::OpenScenario(s, f); });
    }
    ImGui::EndCombo();
  }
  ui::Track("##author-file");
  const bool can = a.draft.has_value();
  const std::string undo = std::string(st.tr("author.undo")) + "###undo",
                    redo = std::string(st.tr("author.redo")) + "###redo";
  SameLineOrWrap(undo.c_str());
  if (ui::Button(undo.c_str(), can && a.draft->CanUndo())) q.Push(author::Undo);
  SameLineOrWrap(redo.c_str());
  if (ui::Button(redo.c_str(), can && a.draft->CanRedo())) q.Push(author::Redo);
  const bool dirty = can && a.draft->Dirty();
  const std::string save = std::string(st.tr(dirty ? "author.save_dirty" : "author.save")) + "###save";
  SameLineOrWrap(save.c_str());
  if (ui::Button(save.c_str(), can, dirty)) q.Push(author::Save);
  const std::string booklet = std::string(st.tr("author.booklet")) + "###booklet";
  SameLineOrWrap(booklet.c_str());
  if (ui::Button(booklet.c_str(), can && a.draft->good() != nullptr)) q.Push(author::WriteBooklet);
  SameLineOrWrap(ui::Em() * 7);
  // A new scenario: its id, then the button.
  std::string id = a.new_id;
  ImGui::SetNextItemWidth(ui::Em() * 7);
  if (ImGui::InputTextWithHint("##new-id", st.tr("author.new_hint"), &id))
    q.Push([id](AppState& s) { author::SetNewId(s, id); });
  ui::Track("##new-id");
  const std::string new_label = std::string(st.tr("author.new")) + "###new";
  SameLineOrWrap(new_label.c_str());
  if (ui::Button(new_label.c_str(), !a.new_id.empty())) {
    const std::string nid = a.new_id;
    q.Push([nid](AppState& s) { author::NewScenario(s, nid); });
  }
  const std::string close = std::string(st.tr("author.close")) + "###close";
  SameLineOrWrap(close.c_str());
  if (ui::Button(close.c_str())) q.Push(author::CloseAuthor);

  // The status line: what happened last, the check's time, and the file's state.
  std::string status = a.message;
  if (a.draft) {
    const auto& c = a.draft->check();
    status += (status.empty() ? "" : "  ·  ") +
              st.tr.Format("author.status", {std::to_string(c.errors), std::to_string(c.warnings),
                                             std::to_string(static_cast<int>(a.last_check_ms + 0.5))});
  }
  ImGui::PushFont(st.fonts.bold);
  ImGui::TextUnformatted(st.tr("author.title"));
  ImGui::PopFont();
  ImGui::SameLine();
  ui::TextColored(status, a.message_error ? pal.critical : pal.text_muted);
}

void HandleKeys(const AppState& st, ActionQueue& q) {
  if (ImGui::GetIO().WantTextInput) return;  // a field's own Ctrl+Z while typing in it
  for (const auto& k : st.keys_pressed) {
    if (!k.ctrl || k.key != Key::Letter) continue;
    if (k.ch == 'Z' && !k.shift) q.Push(author::Undo);
    if (k.ch == 'Y' || (k.ch == 'Z' && k.shift)) q.Push(author::Redo);
    if (k.ch == 'S' && !k.repeat) q.Push(author::Save);
  }
}

}  // namespace

// =============================================================================================
// [SECTION] Screen
// =============================================================================================

void DrawAuthorScreen(const AppState& st, ActionQueue& q) {
  HandleKeys(st, q);
  DrawTopBar(st, q);
  ImGui::Separator();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  // The map across the top; under it the diagnostics (left) and the node or the preview (right).
  // The map keeps a third of the height (its rows fit; a label is never smaller than 0.8 em), so
  // that the panels under it show a node's fields or the preview's clock at 1280x720.
  const float map_h = std::max(avail.y * 0.34f, ui::Em() * 7);
  DrawAuthorMap(st, q, ImVec2(avail.x, map_h));
  const float rest_h = ImGui::GetContentRegionAvail().y;
  const float left_w = std::max(avail.x * 0.4f, ui::Em() * 14);
  ImGui::BeginChild("author-diagnostics", ImVec2(left_w, rest_h), true);
  DrawAuthorDiagnostics(st, q);
  ImGui::EndChild();
  ImGui::SameLine(0, gap);
  ImGui::BeginChild("author-right", ImVec2(0, rest_h), true);
  if (!st.author.preview.from.empty()) DrawAuthorPreview(st, q);
  else
    DrawAuthorNodePanel(st, q);
  ImGui::EndChild();
}

}  // namespace sigap::app
