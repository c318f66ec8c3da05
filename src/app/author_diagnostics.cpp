// The author's diagnostics panel: what the validator says of the current version, each line on
// the node it concerns (a click selects it), then the scenario at a glance (endings with their
// rating, never events on offer, nodes no path reaches) and, on request, explore's findings.
#include <imgui.h>

#include "author_actions.h"
#include "author_screens.h"
#include "theme.h"
#include "widgets.h"

namespace sigap::app {

namespace {

void DiagnosticRow(const AppState& st, ActionQueue& q, const Diagnostic& d, std::size_t index) {
  const Palette& pal = CurrentPalette();
  const std::string node = NodeOfPointer(st.author, d.pointer);
  const bool error = d.severity == Severity::Error;
  std::string line = std::string(error ? "✕ " : "! ") + d.code + "  " + std::to_string(d.pos.line) + ":" +
                     std::to_string(d.pos.column) + (node.empty() ? "" : "  [" + node + "]") + "  " + d.message;
  const std::string id = "diagnostic-" + std::to_string(index);
  if (ui::SelectableWrapped(id.c_str(), line, error ? pal.critical : pal.text,
                            !node.empty() && node == st.author.selected) &&
      !node.empty())
    q.Push([node](AppState& s) { author::SelectNode(s, node); });
}

void Glance(const AppState& st, ActionQueue& q, const Scenario& sc) {
  const Lang lang = st.tr.Language();
  const Palette& pal = CurrentPalette();
  int row = 0;
  auto node_link = [&](const std::string& id, const std::string& text, const ImVec4& color) {
    const std::string row_id = "glance-" + std::to_string(row++);
    if (ui::SelectableWrapped(row_id.c_str(), text, color, id == st.author.selected))
      q.Push([id](AppState& s) { author::SelectNode(s, id); });
  };
  ImGui::PushFont(st.fonts.bold);
  ImGui::TextUnformatted(st.tr("author.endings"));
  ImGui::PopFont();
  for (const auto& n : sc.nodes)
    if (n.outcome)
      node_link(n.id, n.id + "  " + ui::RatingLabel(st.tr, n.outcome->rating) + " — " + n.outcome->label.Get(lang),
                pal.text);
  ImGui::PushFont(st.fonts.bold);
  ImGui::TextUnformatted(st.tr("author.never_events"));
  ImGui::PopFont();
  bool any = false;
  for (const auto& n : sc.nodes) {
    if (!n.decision) continue;
    for (const auto& c : n.decision->choices)
      for (const auto& t : c.sop)
        if (t.verdict == Verdict::Critical) {
          node_link(n.id, n.id + " " + n.decision->OptionLetter(c.id) + ": " + t.step + " — " + c.text.Get(lang),
                    pal.critical);
          any = true;
        }
    for (const auto& i : n.decision->items)
      for (const auto& t : i.sop)
        if (t.verdict == Verdict::Critical) {
          node_link(n.id, n.id + " " + n.decision->OptionLetter(i.id) + ": " + t.step + " — " + i.text.Get(lang),
                    pal.critical);
          any = true;
        }
  }
  if (!any) ui::TextColored(st.tr("author.none_found"), pal.text_muted);
  ImGui::PushFont(st.fonts.bold);
  ImGui::TextUnformatted(st.tr("author.unreachable"));
  ImGui::PopFont();
  const auto linked = sc.LinkedNodes();
  any = false;
  for (const auto& n : sc.nodes)
    if (!linked.count(n.id)) {
      node_link(n.id, n.id + ": " + n.title.Get(lang), pal.warning);
      any = true;
    }
  if (!any) ui::TextColored(st.tr("author.none_found"), pal.text_muted);
}

void Findings(const AppState& st, ActionQueue& q) {
  const auto& a = st.author;
  const Palette& pal = CurrentPalette();
  // Said once, not animated: the window draws nothing more until the worker's result wakes it.
  if (author::Exploring(st))
    ui::TextColored(st.tr(a.explore ? "author.exploring_newer" : "author.exploring"), pal.text_muted);
  if (!a.explore) return;
  const auto& r = *a.explore;
  ui::Text(
      st.tr.Format("author.explore_summary", {std::to_string(r.space ? r.space->states().size() : 0),
                                              std::to_string(r.endings.size()), std::to_string(r.findings.size())}));
  const Lang lang = st.tr.Language();
  for (const auto& e : r.endings) {
    std::string ranges;
    for (const auto& ax : e.axes)
      if (ax.min && ax.max)
        ranges += "  " + ax.axis + " " + std::to_string(static_cast<int>(*ax.min)) + "–" +
                  std::to_string(static_cast<int>(*ax.max)) + "%";
    ui::Text(e.node->id + " (" + e.node->outcome->label.Get(lang) + "):" + ranges);
  }
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const auto& f = r.findings[i];
    const std::string node = NodeOfPointer(a, f.pointer);
    const std::string row_id = "finding-" + std::to_string(i);
    if (ui::SelectableWrapped(row_id.c_str(), f.code + "  " + f.message, f.validity ? pal.critical : pal.warning,
                              false) &&
        !node.empty())
      q.Push([node](AppState& s) { author::SelectNode(s, node); });
  }
}

}  // namespace

void DrawAuthorDiagnostics(const AppState& st, ActionQueue& q) {
  const auto& a = st.author;
  if (!a.draft) return;
  const auto& c = a.draft->check();
  if (ImGui::BeginTabBar("author-diag-tabs")) {
    if (ImGui::BeginTabItem(
            (st.tr.Format("author.tab_diagnostics", {std::to_string(c.errors), std::to_string(c.warnings)}) +
             "###tab-diag")
                .c_str())) {
      if (c.diagnostics.empty()) ui::TextColored(st.tr("author.no_diagnostics"), CurrentPalette().follows);
      for (std::size_t i = 0; i < c.diagnostics.size(); ++i) DiagnosticRow(st, q, c.diagnostics[i], i);
      ImGui::EndTabItem();
    }
    if (a.draft->good() && ImGui::BeginTabItem((std::string(st.tr("author.tab_glance")) + "###tab-glance").c_str())) {
      Glance(st, q, *a.draft->good());
      ImGui::EndTabItem();
    }
    if (a.draft->good() && ImGui::BeginTabItem((std::string(st.tr("author.tab_explore")) + "###tab-explore").c_str())) {
      if (!a.show_explore && ui::Button((std::string(st.tr("author.explore_run")) + "###explore-run").c_str()))
        q.Push([](AppState& s) { author::ShowExplore(s, true); });
      Findings(st, q);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace sigap::app
