// "Play from here": the state inspector (the variables and flags, editable before starting) and
// the preview itself, played by the engine's own Session on the last good version, in memory:
// a preview never writes a result file.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "author_actions.h"
#include "author_screens.h"
#include "theme.h"
#include "widgets.h"

namespace sigap::app {

namespace {

void Inspector(const AppState& st, ActionQueue& q, const Scenario& sc, bool editable) {
  const auto& p = st.author.preview;
  const Lang lang = st.tr.Language();
  if (sc.variables.empty()) ui::TextColored(st.tr("author.no_variables"), CurrentPalette().text_muted);
  if (!ImGui::BeginTable("inspector", 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return;
  for (const auto& v : sc.variables) {
    ImGui::TableNextColumn();
    const std::string name = v.label.Get(lang).empty() ? v.id : v.label.Get(lang) + " (" + v.id + ")";
    ImGui::TextUnformatted(name.c_str());
    ImGui::TableNextColumn();
    double value = p.session ? p.session->Value(v.id) : (p.values.count(v.id) ? p.values.at(v.id) : v.initial);
    ImGui::PushID(v.id.c_str());
    ImGui::BeginDisabled(!editable);
    const std::string id = v.id;
    if (v.type == Variable::Type::Flag) {
      bool on = value != 0;
      if (ImGui::Checkbox("##flag", &on)) q.Push([id, on](AppState& s) { author::SetPreviewValue(s, id, on ? 1 : 0); });
    } else {
      ImGui::SetNextItemWidth(ui::Em() * 7);
      if (ImGui::InputDouble("##num", &value, 1, 1, "%.0f"))
        q.Push([id, value](AppState& s) { author::SetPreviewValue(s, id, value); });
    }
    ui::Track(id.c_str());
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// A timed decision's clock, as the team sees it, and the button that runs it out at once. The
// loop redraws once a second for it (WakeAt), and nothing else.
void Clock(const AppState& st, ActionQueue& q) {
  const auto left = author::PreviewSecondsLeft(st);
  if (!left) return;
  if (*left <= 0) {
    q.Push(author::PreviewTimeOutIfDue);  // not if a choice came first
    return;
  }
  q.WakeAt(st.now + (*left - std::floor(*left)) + 0.005);
  ui::CountdownClock(st, *left, ui::CountdownClockSize(st));
  ui::Track(("countdown " + ui::Countdown(*left)).c_str());
  const std::string run_out = std::string(st.tr("author.preview_run_out")) + "###run-out";
  SameLineOrWrap(run_out.c_str());
  if (ui::Button(run_out.c_str())) q.Push(author::PreviewTimeOut);
}

// What the last decision did, as a team in training mode reads it: a timeout said as such (the
// timeout outcome's own text), then the feedback.
void LastDecision(const AppState& st) {
  const Session& s = *st.author.preview.session;
  const Lang lang = st.tr.Language();
  const Palette& pal = CurrentPalette();
  if (s.History().empty()) return;
  const DecisionRecord& r = s.History().back();
  const Node* prev = s.scenario().FindNode(r.node);
  if (!prev || !prev->decision) return;
  const Decision& d = *prev->decision;
  const TimeoutOutcome* timeout = r.timed_out && !r.checklist && r.choice.empty() ? d.Timeout() : nullptr;
  if (timeout) {
    ui::TextIn(st.fonts.bold, st.tr("feedback.timeout_outcome"), pal.warning);
    ui::Paragraphs(timeout->text.Get(lang));
  } else if (r.timed_out) {
    ui::TextIn(st.fonts.bold,
               r.checklist ? std::string(st.tr(r.items.empty() ? "feedback.timed_out_checklist"
                                                               : "feedback.unconfirmed_checklist"))
                           : st.tr.Format("feedback.timed_out", {d.OptionLetter(r.choice)}),
               pal.warning);
  }
  const LocalText* feedback = timeout ? &timeout->feedback : nullptr;
  if (const Choice* c = d.FindChoice(r.choice)) feedback = &c->feedback;
  if (r.checklist) feedback = &d.feedback;
  if (feedback && !feedback->Get(lang).empty())
    ui::TextColored(st.tr.Format("author.preview_feedback", {feedback->Get(lang)}), pal.text_muted);
}

void Play(const AppState& st, ActionQueue& q) {
  const auto& p = st.author.preview;
  const Session& s = *p.session;
  const Lang lang = st.tr.Language();
  const Node& node = s.CurrentNode();
  LastDecision(st);
  ImGui::PushFont(st.fonts.large);
  ui::Text(node.id + " · " + node.title.Get(lang));
  ImGui::PopFont();
  Clock(st, q);
  ui::Paragraphs(s.CurrentText().Get(lang));
  for (const auto& line : node.lines) {
    const Character* c = s.scenario().FindCharacter(line.speaker);
    ui::Text((c ? c->name : line.speaker) + ": " + line.text.Get(lang));
  }
  switch (s.state()) {
    case SessionState::AtScene:
      if (ui::Button((std::string(st.tr("author.preview_continue")) + "###continue").c_str(), true, true))
        q.Push(author::PreviewContinue);
      break;
    case SessionState::AwaitingChoice:
      ui::Text(node.decision->prompt.Get(lang));
      for (const Choice* c : s.AvailableChoices()) {
        const std::string id = c->id;
        if (ui::Option(("choice-" + id).c_str(), node.decision->OptionLetter(id), s.ChoiceText(*c).Get(lang), false,
                       ui::Mark::Letter))
          q.Push([id](AppState& a) { author::PreviewChoose(a, id); });
      }
      break;
    case SessionState::AwaitingChecklist:
      ui::Text(node.decision->prompt.Get(lang));
      for (const ChecklistItem* i : s.ChecklistItems()) {
        const std::string id = i->id;
        const bool on = std::find(p.ticked.begin(), p.ticked.end(), id) != p.ticked.end();
        if (ui::Option(("item-" + id).c_str(), node.decision->OptionLetter(id), i->text.Get(lang), on,
                       ui::Mark::Checkbox))
          q.Push([id](AppState& a) { author::PreviewTick(a, id); });
      }
      if (ui::Button((std::string(st.tr("author.preview_submit")) + "###submit").c_str(), true, true))
        q.Push(author::PreviewSubmitChecklist);
      break;
    case SessionState::Ended:
      if (const Outcome* o = s.EndingOutcome())
        ui::TextColored(o->label.Get(lang) + " — " + ui::RatingLabel(st.tr, o->rating), ui::RatingColor(o->rating));
      break;
  }
  if (!p.problem.empty()) ui::TextColored(p.problem, CurrentPalette().critical);
}

}  // namespace

void DrawAuthorPreview(const AppState& st, ActionQueue& q) {
  const auto& a = st.author;
  const auto& p = a.preview;
  if (!a.draft || !a.draft->good()) return;
  ImGui::PushFont(st.fonts.large);
  ui::Text(st.tr.Format("author.preview_title", {p.from}));
  ImGui::PopFont();
  ui::TextColored(st.tr("author.preview_note"), CurrentPalette().text_muted);
  if (ui::Button(
          (std::string(st.tr(p.session ? "author.preview_restart" : "author.preview_start")) + "###start").c_str(),
          true, !p.session))
    q.Push(author::StartPreview);
  ImGui::SameLine();
  if (ui::Button((std::string(st.tr("author.preview_close")) + "###close-preview").c_str()))
    q.Push(author::ClosePreview);
  ImGui::Separator();
  // Before starting, the inspector is what the author works on; once playing, the story comes
  // first (its clock in view) and the inspector follows with the values as they change.
  if (p.session) {
    Play(st, q);
    ImGui::Separator();
  }
  Inspector(st, q, p.scenario ? *p.scenario : *a.draft->good(), !p.session);
}

}  // namespace sigap::app
