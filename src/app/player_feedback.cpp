// Training mode: the feedback panel shown after each decision. It teaches: whether the choice
// followed the SOP, and when it did not, which option does and why; a checklist's hits, misses
// and false alarms with partial credit; the SOP steps touched; and the sources in words.
// Nothing here is the facilitator's (no ending talking points, no guide notes).
#include <algorithm>
#include <map>

#include <imgui.h>

#include "player.h"
#include "player_screens.h"
#include "theme.h"
#include "widgets.h"

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

const ChecklistResult* ChecklistOf(const SessionScore& score, std::size_t index) {
  for (const auto& c : score.checklists)
    if (c.decision == index) return &c;
  return nullptr;
}

// The banner: a choice's worst verdict; a checklist's share of right ticks, so that 4 of 5 does
// not wear the same badge as 0 of 5.
void DrawVerdictBanner(const AppState& st, const std::vector<std::pair<std::string, Verdict>>& steps, const ChecklistResult* checklist) {
  const Palette& pal = CurrentPalette();
  ImGui::PushFont(st.fonts.large);
  if (checklist) {
    const int right = checklist->hits, of = checklist->correct_items;
    const bool all = right == of && checklist->false_alarms == 0;
    const bool critical = std::any_of(steps.begin(), steps.end(), [](const auto& s) { return s.second == Verdict::Critical; });
    const char* key = all ? "feedback.checklist.all" : right * 2 >= of && !critical ? "feedback.checklist.partial" : "feedback.checklist.few";
    ui::Pill(st.tr.Format(key, {std::to_string(right), std::to_string(of)}), all ? pal.follows : critical ? pal.critical : pal.violates);
  } else if (steps.empty()) {
    ui::Pill(st.tr("feedback.not_scored"), pal.not_reached);
  } else {
    Verdict worst = Verdict::Follows;
    for (const auto& s : steps)
      if (ui::Severity(s.second) > ui::Severity(worst)) worst = s.second;
    ui::Pill(ui::VerdictLabel(st.tr, worst), ui::VerdictColor(worst));
  }
  ImGui::PopFont();
}

// Item by item: what was rightly ticked, missed or wrongly ticked, with the item's explanation.
// `checklist->right` says which items were right to tick in the state the team answered in.
void DrawChecklistItems(const AppState& st, const Decision& d, const DecisionRecord& r, const ChecklistResult* checklist) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  ui::TextIn(st.fonts.bold, st.tr("feedback.items"), pal.text_muted);
  if (!ui::BeginPillTable("##items")) return;
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    const ChecklistItem& item = d.items[i];
    bool ticked = std::find(r.items.begin(), r.items.end(), item.id) != r.items.end();
    const bool right = checklist && i < checklist->right.size() ? checklist->right[i] : item.correct;
    if (!ticked && !right) continue;  // rightly left unticked: nothing to say
    ImGui::PushID(item.id.c_str());
    const std::string text = d.OptionLetter(item.id) + ". " + item.text.Get(lang);
    if (ticked && right) PillRow(st.tr("feedback.item.hit"), pal.follows, text, nullptr);
    else if (right) PillRow(st.tr("feedback.item.miss"), pal.violates, text, nullptr);
    else PillRow(st.tr("feedback.item.false_alarm"), pal.violates, text, nullptr);
    if (!item.feedback.Get(lang).empty()) ui::TextColored(item.feedback.Get(lang), pal.text_muted);
    ImGui::Dummy(ImVec2(0, ui::Em() * 0.2f));
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// "Dasar: UU21 Ps 45 — UU 21/2007 tentang PTPPO; [TI] — pedoman wawancara peka trauma": each
// citation with what it stands for, so that a team reads a source and not a code.
void DrawSource(const AppState& st, const SopCatalogue& catalogue, const std::string& source) {
  if (source.empty()) return;
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  ui::TextIn(st.fonts.bold, st.tr("feedback.source_title"), pal.text_muted);
  for (const auto& part : catalogue.ExplainSource(source)) {
    const std::string line = part.meaning && !part.meaning->Get(lang).empty() ? part.cited + " — " + part.meaning->Get(lang) : part.cited;
    ui::TextColored("• " + line, pal.text_muted);
  }
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
  const ChecklistResult* checklist = r.checklist ? ChecklistOf(score, index) : nullptr;

  ui::BeginReadingColumn(50.0f);
  ui::Heading(st, st.tr.Format("feedback.title", {node->title.Get(lang)}));
  DrawVerdictBanner(st, steps, checklist);
  if (r.unconfirmed) {
    const std::string what = r.checklist ? st.tr("feedback.unconfirmed_checklist") : st.tr.Format("feedback.unconfirmed", {d.OptionLetter(r.choice)});
    ui::TextIn(st.fonts.bold, what, pal.warning);
  } else if (r.timed_out && !r.checklist && d.Timeout()) {
    ui::TextIn(st.fonts.bold, st.tr("feedback.timeout_outcome"), pal.warning);
  } else if (r.timed_out) {
    const std::string what = r.checklist ? st.tr("feedback.timed_out_checklist") : st.tr.Format("feedback.timed_out", {d.OptionLetter(r.choice)});
    ui::TextIn(st.fonts.bold, what, pal.warning);
  }
  ImGui::Spacing();

  // What the team did, and why it is judged so.
  const LocalText* explanation = nullptr;
  const std::string* source = nullptr;
  if (!r.checklist) {
    ui::TextIn(st.fonts.bold, st.tr("feedback.your_choice"), pal.text_muted);
    if (const Choice* c = d.FindChoice(r.choice)) {
      ui::Text(d.OptionLetter(c->id) + ". " + s.ChoiceText(*c).Get(lang));
      explanation = &c->feedback;
      source = &c->source;
    } else if (const TimeoutOutcome* t = r.timed_out ? d.Timeout() : nullptr) {
      ui::Paragraphs(t->text.Get(lang));  // no option was taken: what the hesitation led to
      explanation = &t->feedback;
      source = &t->source;
    }
  } else {
    ui::TextIn(st.fonts.bold, st.tr("feedback.your_checklist"), pal.text_muted);
    if (checklist)
      ui::Text(st.tr.Format("feedback.checklist_summary", {std::to_string(checklist->hits), std::to_string(checklist->correct_items),
                                                           std::to_string(checklist->misses), std::to_string(checklist->false_alarms)}));
    explanation = &d.feedback;
    source = &d.source;
  }
  if (explanation && !explanation->Get(lang).empty()) {
    ui::TextIn(st.fonts.bold, st.tr("feedback.why"), pal.text_muted);
    ui::Paragraphs(explanation->Get(lang));
  }
  ImGui::Spacing();

  // After a choice that was not the SOP's: the option that is, and why.
  if (!r.checklist && !d.Recommended(r.choice)) {
    for (const auto& c : d.choices) {
      if (!d.Recommended(c.id)) continue;
      ImGui::PushID(c.id.c_str());
      ui::TextIn(st.fonts.bold, st.tr("feedback.sop_choice"), pal.follows);
      ui::Text(d.OptionLetter(c.id) + ". " + c.text.Get(lang));
      if (!c.feedback.Get(lang).empty()) ui::Paragraphs(c.feedback.Get(lang));
      ImGui::PopID();
      ImGui::Spacing();
    }
  }

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
  if (source) DrawSource(st, *s.catalogue(), *source);
  if (r.checklist) {
    ImGui::Spacing();
    DrawChecklistItems(st, d, r, checklist);
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
