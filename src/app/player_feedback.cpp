// Training mode: the feedback panel shown after each decision. Whether the choice followed the
// SOP (verdict colours), which steps it touched, the explanation and its source.
#include <algorithm>
#include <map>

#include <imgui.h>

#include "player.h"
#include "player_screens.h"
#include "widgets.h"
#include "theme.h"

namespace sigap::app {

namespace {

// One row of a two-column table: a coloured pill, then wrapped text.
void PillRow(const std::string& pill, const ImVec4& color, const std::string& text, ImFont* font) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ui::Pill(pill, color);
  ImGui::TableSetColumnIndex(1);
  ui::AlignWithPill();
  ui::TextIn(font, text, CurrentPalette().text);
}

// Steps touched by this decision, each with its worst verdict, in the order first met.
std::vector<std::pair<std::string, Verdict>> StepsOf(const SessionScore& score, std::size_t decision) {
  std::vector<std::pair<std::string, Verdict>> steps;
  for (const auto& t : score.tags) {
    if (t.decision != decision) continue;
    auto it = std::find_if(steps.begin(), steps.end(), [&](const auto& s) { return s.first == t.step; });
    if (it == steps.end()) steps.emplace_back(t.step, t.verdict);
    else if (ui::Severity(t.verdict) > ui::Severity(it->second)) it->second = t.verdict;
  }
  return steps;
}

void DrawVerdictBanner(const AppState& st, const std::vector<std::pair<std::string, Verdict>>& steps) {
  ImGui::PushFont(st.fonts.large);
  if (steps.empty()) {
    ui::Pill(st.tr("feedback.not_scored"), CurrentPalette().not_reached);
  } else {
    Verdict worst = Verdict::Follows;
    for (const auto& s : steps)
      if (ui::Severity(s.second) > ui::Severity(worst)) worst = s.second;
    ui::Pill(ui::VerdictLabel(st.tr, worst), ui::VerdictColor(worst));
  }
  ImGui::PopFont();
}

void DrawChecklistSummary(const AppState& st, const SessionScore& score, std::size_t index) {
  for (const auto& c : score.checklists)
    if (c.decision == index)
      ui::Text(st.tr.Format("feedback.checklist_summary", {std::to_string(c.hits), std::to_string(c.correct_items),
                                                           std::to_string(c.misses), std::to_string(c.false_alarms)}));
}

// Item by item: what was rightly ticked, missed or wrongly ticked, with the item's explanation.
void DrawChecklistItems(const AppState& st, const Decision& d, const DecisionRecord& r) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  ui::TextIn(st.fonts.bold, st.tr("feedback.items"), pal.text_muted);
  if (!ui::BeginPillTable("##items")) return;
  for (const auto& item : d.items) {
    bool ticked = std::find(r.items.begin(), r.items.end(), item.id) != r.items.end();
    if (!ticked && !item.correct) continue;  // rightly left unticked: nothing to say
    ImGui::PushID(item.id.c_str());
    if (ticked && item.correct) PillRow(st.tr("feedback.item.hit"), pal.follows, item.text.Get(lang), nullptr);
    else if (item.correct) PillRow(st.tr("feedback.item.miss"), pal.violates, item.text.Get(lang), nullptr);
    else PillRow(st.tr("feedback.item.false_alarm"), pal.violates, item.text.Get(lang), nullptr);
    if (!item.feedback.Get(lang).empty()) ui::TextColored(item.feedback.Get(lang), pal.text_muted);
    ImGui::Dummy(ImVec2(0, ui::Em() * 0.2f));
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void DrawFeedback(const AppState& st) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  const Session& s = st.player.session->session();
  const std::size_t index = *st.player.feedback_for;
  const DecisionRecord& r = s.History().at(index);
  const Node* node = s.scenario().FindNode(r.node);
  if (!node || !node->decision) return;
  const Decision& d = *node->decision;
  const SessionScore score = st.player.session->Score();
  const auto steps = StepsOf(score, index);

  ui::BeginReadingColumn(50.0f);
  ui::Heading(st, st.tr.Format("feedback.title", {node->title.Get(lang)}));
  DrawVerdictBanner(st, steps);
  if (r.timed_out) ui::TextIn(st.fonts.bold, st.tr(r.checklist ? "feedback.timed_out_checklist" : "feedback.timed_out"), pal.warning);
  ImGui::Spacing();

  // What the team did.
  const LocalText* explanation = nullptr;
  const std::string* source = nullptr;
  if (!r.checklist) {
    ui::TextIn(st.fonts.bold, st.tr("feedback.your_choice"), pal.text_muted);
    for (const auto& c : d.choices) {
      if (c.id != r.choice) continue;
      ui::Text(s.ChoiceText(c).Get(lang));
      explanation = &c.feedback;
      source = &c.source;
    }
  } else {
    ui::TextIn(st.fonts.bold, st.tr("feedback.your_checklist"), pal.text_muted);
    DrawChecklistSummary(st, score, index);
    explanation = &d.feedback;
    source = &d.source;
  }
  ImGui::Spacing();

  // The SOP steps it touched.
  if (!steps.empty()) {
    ui::TextIn(st.fonts.bold, st.tr("feedback.steps"), pal.text_muted);
    if (ui::BeginPillTable("##steps")) {
      for (const auto& [step_id, verdict] : steps) {
        const SopStep* step = s.catalogue()->FindStep(step_id);
        ImGui::PushID(step_id.c_str());
        PillRow(ui::VerdictLabel(st.tr, verdict), ui::VerdictColor(verdict), step ? step->label.Get(lang) : step_id, st.fonts.bold);
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
  }

  // Why, and where the SOP says so.
  if (explanation && !explanation->Get(lang).empty()) {
    ui::TextIn(st.fonts.bold, st.tr("feedback.why"), pal.text_muted);
    ui::Paragraphs(explanation->Get(lang));
  }
  if (source && !source->empty()) ui::TextColored(st.tr.Format("feedback.source", {*source}), pal.text_muted);
  if (r.checklist) {
    ImGui::Spacing();
    DrawChecklistItems(st, d, r);
  }
  ui::EndReadingColumn();
}

Footer FeedbackFooter(const AppState& st) {
  Footer f;
  const bool ended = st.player.session->session().state() == SessionState::Ended;
  f.hint = st.tr(ended ? "feedback.footer_end" : "feedback.footer");
  f.buttons.push_back(FooterButton{st.tr(ended ? "feedback.to_results" : "feedback.next"), st.tr("key.enter"), "next", true, true,
                                   [](AppState& a) { player::DismissFeedback(a); }});
  return f;
}

}  // namespace sigap::app
