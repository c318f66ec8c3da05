// "Play from here": the state inspector (the variables and flags, editable before starting) and
// the preview itself, played by the engine's own Session on the last good version, in memory:
// a preview never writes a result file.
#include <algorithm>

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

void Play(const AppState& st, ActionQueue& q) {
  const auto& p = st.author.preview;
  const Session& s = *p.session;
  const Lang lang = st.tr.Language();
  const Node& node = s.CurrentNode();
  ImGui::PushFont(st.fonts.large);
  ui::Text(node.id + " · " + node.title.Get(lang));
  ImGui::PopFont();
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
  // What the last decision did: its feedback, as a team in training mode reads it.
  if (!s.History().empty()) {
    const DecisionRecord& r = s.History().back();
    if (const Node* prev = s.scenario().FindNode(r.node); prev && prev->decision)
      if (const Choice* c = prev->decision->FindChoice(r.choice); c && !c->feedback.Get(lang).empty())
        ui::TextColored(st.tr.Format("author.preview_feedback", {c->feedback.Get(lang)}), CurrentPalette().text_muted);
  }
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
  Inspector(st, q, p.scenario ? *p.scenario : *a.draft->good(), !p.session);
  ImGui::Separator();
  if (p.session) Play(st, q);
}

}  // namespace sigap::app
