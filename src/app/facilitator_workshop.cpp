// The workshop tab: import results (a typed or pasted folder, or files dropped on the window),
// what the import found (counts and every problem with its file:line), clearing it (asked, and
// undone on request), the exports, the workshop mode, and that mode saved to a USB stick for the
// team laptops.
#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "facilitator_dashboard.h"
#include "theme.h"

namespace sigap::app {

namespace {

void SectionTitle(const AppState& state, const char* key) {
  ImGui::PushFont(state.fonts.large);
  ImGui::TextUnformatted(state.tr(key));
  ImGui::PopFont();
}

// A count and what it counts, in one cell of the counts table.
void CountCell(const AppState& state, const char* key, std::size_t n, bool warn_if_any) {
  const Palette& p = CurrentPalette();
  ImGui::TableNextColumn();
  ImGui::PushFont(state.fonts.bold);
  const std::string number = std::to_string(n);
  if (warn_if_any && n > 0) ImGui::TextColored(p.warning, "%s", number.c_str());
  else ImGui::TextUnformatted(number.c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextWrapped("%s", state.tr(key));
}

void DrawImportPanel(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  const Palette& pal = CurrentPalette();
  SectionTitle(state, "fac.import.title");
  ImGui::TextUnformatted(state.tr("fac.import.folder"));
  const float button_w = ImGui::CalcTextSize(state.tr("fac.import.button")).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x);
  std::string field = f.import_field;
  bool go = ImGui::InputText("##import-path", &field, ImGuiInputTextFlags_EnterReturnsTrue);
  if (field != f.import_field) queue.Push([field](AppState& s) { SetImportField(s, field); });
  ImGui::SameLine();
  go |= ImGui::Button(state.tr("fac.import.button"));
  if (go) queue.Push([field](AppState& s) { ImportPaths(s, {field}); });
  ImGui::TextDisabled("%s", state.tr("fac.import.drop_hint"));
  if (!f.import_message.empty()) ImGui::TextWrapped("%s", f.import_message.c_str());
  if (!f.memory_message.empty()) ImGui::TextColored(pal.warning, "%s", f.memory_message.c_str());
  // "Kosongkan" asks first; after it, the cleared results can come back until the app closes.
  if (f.confirm_clear) {
    ImGui::PushStyleColor(ImGuiCol_Text, pal.warning);
    ImGui::TextWrapped("%s", state.tr.Format("fac.import.clear_ask", {std::to_string(f.book.Imported().sessions.size())}).c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button((std::string(state.tr("fac.import.clear_yes")) + "###clear-yes").c_str())) queue.Push([](AppState& s) { ClearImport(s); });
    ImGui::SameLine();
    if (ImGui::Button((std::string(state.tr("fac.import.clear_no")) + "###clear-no").c_str()))
      queue.Push([](AppState& s) { CancelClearImport(s); });
  }
  if (f.undo_book && ImGui::Button((std::string(state.tr("fac.import.undo")) + "###clear-undo").c_str()))
    queue.Push([](AppState& s) { UndoClearImport(s); });

  if (!f.book.Empty()) {
    const auto& imp = f.book.Imported();
    std::size_t unfinished = 0, changed = 0;
    for (const auto& s : imp.sessions) {
      if (!s.finished()) ++unfinished;
      if (s.scenario_changed) ++changed;
    }
    if (ImGui::BeginTable("counts", 2)) {
      CountCell(state, "fac.import.count_sessions", imp.sessions.size(), false);
      CountCell(state, "fac.import.count_duplicates", imp.duplicates_merged, false);
      CountCell(state, "fac.import.count_unfinished", unfinished, true);
      CountCell(state, "fac.import.count_changed", changed, true);
      CountCell(state, "fac.import.count_problems", imp.problems.size(), true);
      ImGui::TableNextColumn();
      ImGui::BeginDisabled(f.confirm_clear);
      if (ImGui::Button((std::string(state.tr("fac.import.clear")) + "###clear").c_str())) queue.Push([](AppState& s) { AskClearImport(s); });
      ImGui::EndDisabled();
      ImGui::EndTable();
    }
    if (!imp.problems.empty()) {
      ImGui::PushFont(state.fonts.bold);
      ImGui::TextUnformatted(state.tr("fac.import.problems"));
      ImGui::PopFont();
      ImGui::BeginChild("problems", ImVec2(0, 0), true);
      for (std::size_t i = 0; i < imp.problems.size(); ++i) {
        const Diagnostic& p = imp.problems[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushStyleColor(ImGuiCol_Text, p.severity == Severity::Error ? pal.critical : pal.warning);
        ImGui::TextWrapped("%s", FormatDiagnostic(p).c_str());
        ImGui::PopStyleColor();
        ImGui::PopID();
      }
      ImGui::EndChild();
    }
  }
}

void DrawExportPanel(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  const Palette& pal = CurrentPalette();
  SectionTitle(state, "fac.export.title");
  ImGui::TextUnformatted(state.tr("fac.export.folder"));
  ImGui::SetNextItemWidth(-1);
  std::string dir = f.export_dir;
  ImGui::InputText("##export-dir", &dir);
  if (dir != f.export_dir) queue.Push([dir](AppState& s) { SetExportDir(s, dir); });
  ImGui::BeginDisabled(f.book.Scenarios().empty());
  struct Btn {
    const char* key;
    const char* id;
    unsigned formats;
  };
  const Btn buttons[] = {{"fac.export.csv", "csv", kExportCsv},
                         {"fac.export.html", "html", kExportHtml},
                         {"fac.export.xapi", "xapi", kExportXapi},
                         {"fac.export.all", "all", kExportAll}};
  for (std::size_t i = 0; i < std::size(buttons); ++i) {
    std::string label = std::string(state.tr(buttons[i].key)) + "###export-" + buttons[i].id;
    const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    if (i > 0) {
      ImGui::SameLine();
      if (ImGui::GetCursorPosX() + w > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
    }
    const unsigned formats = buttons[i].formats;
    if (ImGui::Button(label.c_str())) queue.Push([formats](AppState& s) { Export(s, formats); });
  }
  ImGui::EndDisabled();
  if (!f.export_message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, f.export_error ? pal.critical : pal.follows);
    ImGui::TextWrapped("%s", f.export_message.c_str());
    ImGui::PopStyleColor();
  }
}

void DrawModePanel(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  const Palette& pal = CurrentPalette();
  SectionTitle(state, "fac.mode.title");
  const Mode modes[] = {Mode::Training, Mode::Assessment};
  const char* keys[] = {"fac.mode.training", "fac.mode.assessment"};
  const char* hints[] = {"fac.mode.training_hint", "fac.mode.assessment_hint"};
  for (int i = 0; i < 2; ++i) {
    ImGui::PushID(i);
    const Mode m = modes[i];
    if (ImGui::RadioButton(state.tr(keys[i]), f.workshop.mode == m) && f.workshop.mode != m)
      queue.Push([m](AppState& s) { SetWorkshopMode(s, m); });
    ImGui::Indent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
    ImGui::TextWrapped("%s", state.tr(hints[i]));
    ImGui::PopStyleColor();
    ImGui::Unindent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::PopID();
  }
  if (!f.settings_message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, f.settings_error ? pal.critical : pal.text_muted);
    ImGui::TextWrapped("%s", f.settings_message.c_str());
    ImGui::PopStyleColor();
  }
}

// The team laptops' settings on a USB stick: a visible file, loaded from their start screens.
void DrawStickPanel(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  const Palette& pal = CurrentPalette();
  SectionTitle(state, "fac.stick.title");
  ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
  ImGui::TextWrapped("%s", state.tr.Format("fac.stick.hint", {kWorkshopFileName}).c_str());
  ImGui::PopStyleColor();
  ImGui::TextUnformatted(state.tr("fac.stick.folder"));
  const std::string label = std::string(state.tr("fac.stick.save")) + "###stick-save";
  const float button_w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x, button_w));
  std::string dir = f.stick_dir;
  bool go = ImGui::InputText("##stick-dir", &dir, ImGuiInputTextFlags_EnterReturnsTrue);
  if (dir != f.stick_dir) queue.Push([dir](AppState& s) { SetStickDir(s, dir); });
  if (ImGui::GetCursorPosX() + button_w < ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
  go |= ImGui::Button(label.c_str());
  if (go) queue.Push([dir](AppState& s) { SaveSettingsToStick(s, dir); });
  if (!f.stick_message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, f.stick_error ? pal.critical : pal.follows);
    ImGui::TextWrapped("%s", f.stick_message.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

void DrawWorkshopTab(const AppState& state, ActionQueue& queue) {
  const float gap = ui::Em();
  const float left_w = (ImGui::GetContentRegionAvail().x - gap) * 0.55f;
  ImGui::BeginChild("import", ImVec2(left_w, 0), false);
  DrawImportPanel(state, queue);
  ImGui::EndChild();
  ImGui::SameLine(0, gap);
  ImGui::BeginChild("export-mode", ImVec2(0, 0), false);
  DrawExportPanel(state, queue);
  ImGui::Spacing();
  ImGui::Separator();
  DrawModePanel(state, queue);
  ImGui::Spacing();
  ImGui::Separator();
  DrawStickPanel(state, queue);
  ImGui::EndChild();
}

}  // namespace sigap::app
