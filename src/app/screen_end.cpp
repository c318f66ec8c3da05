// The end screen: the outcome, the scores per axis, the SOP steps with their explanations, the
// team's path, where the result was saved, and "Save a copy to…".
// [SECTION] Outcome and scores
// [SECTION] SOP steps
// [SECTION] The team's path
// [SECTION] Screen
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "player.h"
#include "player_screens.h"
#include "widgets.h"
#include "screens.h"
#include "theme.h"

namespace sigap::app {

namespace {

// =============================================================================================
// [SECTION] Outcome and scores
// =============================================================================================

void DrawOutcome(const AppState& st) {
  const Lang lang = st.tr.Language();
  const Session& s = st.player.session->session();
  const Outcome* o = s.EndingOutcome();
  const std::string& title = s.CurrentNode().title.Get(lang);
  if (o) {
    ImGui::PushFont(st.fonts.large);
    ui::Pill(o->label.Get(lang), ui::RatingColor(o->rating));
    ImGui::PopFont();
  }
  if (!o || title != o->label.Get(lang)) ui::Heading(st, title);
  ui::Paragraphs(s.CurrentText().Get(lang));
}

// The session's verdict (docs/scoring.md, "When a session passes"): PASSED or NOT PASSED with every
// reason that applies, so a high percent beside a critical violation never reads as a pass.
void DrawVerdict(const AppState& st, const SessionScore& score) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  const SopCatalogue& cat = *st.player.session->session().catalogue();
  const std::string pass = std::to_string(static_cast<int>(kPassPercent));
  if (score.verdict == SessionVerdict::Unfinished) return;
  const bool passed = score.verdict == SessionVerdict::Passed;
  ImGui::PushFont(st.fonts.large);
  ui::Pill(st.tr(passed ? "end.verdict.passed" : "end.verdict.not_passed"), passed ? pal.follows : pal.critical);
  ImGui::PopFont();
  if (!passed) {
    std::string why;
    auto add = [&why](const std::string& reason) { why += (why.empty() ? "" : "; ") + reason; };
    if (!score.never_events.empty()) add(st.tr("end.verdict.never"));
    if (score.bad_ending) add(st.tr("end.verdict.bad_ending"));
    for (const auto& id : score.axes_below) {
      const ScoreAxis* axis = cat.FindAxis(id);
      add(st.tr.Format("end.verdict.below", {axis ? axis->label.Get(lang) : id, pass}));
    }
    ui::TextIn(st.fonts.bold, st.tr.Format("end.verdict.why", {why}), pal.text);
  }
  ui::TextColored(st.tr.Format("end.verdict.rule", {pass}), pal.text_muted);
}

void DrawScores(const AppState& st, const SessionScore& score) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  const SopCatalogue& cat = *st.player.session->session().catalogue();
  const std::string pass = std::to_string(static_cast<int>(kPassPercent));
  ui::Heading(st, st.tr("end.scores"));
  DrawVerdict(st, score);
  for (const auto& a : score.axes) {
    const ScoreAxis* axis = cat.FindAxis(a.axis);
    auto percent = a.Percent();
    std::string value = percent ? st.tr.Format("end.percent", {std::to_string(static_cast<int>(std::lround(*percent)))}) : st.tr("end.not_scored");
    // A capped axis reads "failed" whatever its percent; one below the line says so in words too.
    const AxisVerdict verdict = a.Verdict();
    if (a.capped) value = st.tr.Format("end.axis.capped", {value});
    else if (verdict == AxisVerdict::Failed) value = st.tr.Format("end.axis.below", {value, pass});
    const ImVec4 fill = verdict == AxisVerdict::Failed ? (a.capped ? pal.critical : pal.violates) : pal.accent;
    ImGui::PushID(a.axis.c_str());
    ui::TextIn(st.fonts.bold, (axis ? axis->label.Get(lang) : a.axis) + ":  " + value, a.capped ? pal.critical : pal.text);
    ui::Bar(ImGui::GetContentRegionAvail().x, ui::Em() * 0.6f, percent ? static_cast<float>(*percent / 100.0) : 0.0f, fill, pal.panel);
    if (axis && !axis->description.Get(lang).empty()) ui::TextColored(axis->description.Get(lang), pal.text_muted);
    ImGui::PopID();
  }
  ImGui::Spacing();
  if (score.never_events.empty()) {
    ui::TextIn(st.fonts.bold, st.tr("end.never_none"), pal.follows);
  } else {
    ImGui::PushFont(st.fonts.bold);
    ui::Pill(st.tr.Format("end.never_count", {std::to_string(score.never_events.size())}), pal.critical);
    ImGui::PopFont();
    ui::TextColored(st.tr("end.never_note"), pal.text);
  }
}

void DrawSaved(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const RecordedSession& rs = *st.player.session;
  ui::Heading(st, st.tr("end.saved_title"));
  if (rs.saved()) {
    ui::TextColored(st.tr("end.saved"), pal.follows);
    ui::Text(rs.log_path());
  } else {
    ui::TextColored(st.tr.Format("end.not_saved", {st.tr.Describe(rs.unsaved())}), pal.critical);
    if (ui::Button((std::string(st.tr("play.save_elsewhere")) + "###end_save_elsewhere").c_str()))
      q.Push([](AppState& a) { player::OpenFolderPanel(a, player::SavePanel::Elsewhere); });
  }
  if (!st.player.save_copy.message.empty() && st.player.save_copy.ok) ui::TextColored(st.player.save_copy.message, pal.follows);
}

// =============================================================================================
// [SECTION] SOP steps, worst first, each with its explanation
// =============================================================================================

// The explanation behind a step's status: the feedback of the first tag with that verdict.
const ScoredTag* DecisiveTag(const SessionScore& score, const StepResult& step) {
  const Verdict wanted = step.status == StepStatus::Critical ? Verdict::Critical
                         : step.status == StepStatus::Violated ? Verdict::Violates
                                                               : Verdict::Follows;
  for (const auto& t : score.tags)
    if (t.step == step.step && t.verdict == wanted) return &t;
  return nullptr;
}

void DrawSteps(const AppState& st, const SessionScore& score) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  const SopCatalogue& cat = *st.player.session->session().catalogue();
  ui::Heading(st, st.tr("end.steps"));
  const StepStatus order[] = {StepStatus::Critical, StepStatus::Violated, StepStatus::Followed};
  if (!ui::BeginPillTable("##steps")) return;
  for (StepStatus status : order) {
    for (const auto& step : score.steps) {
      if (step.status != status) continue;
      const SopStep* def = cat.FindStep(step.step);
      ImGui::PushID(step.step.c_str());
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ui::Pill(ui::StatusLabel(st.tr, status), ui::StatusColor(status));
      ImGui::TableSetColumnIndex(1);
      ui::AlignWithPill();
      ui::TextIn(st.fonts.bold, def ? def->label.Get(lang) : step.step, pal.text);
      if (const ScoredTag* t = DecisiveTag(score, step); t && t->feedback && !t->feedback->Get(lang).empty())
        ui::Text(t->feedback->Get(lang));
      if (def && status != StepStatus::Followed && !def->correct.Get(lang).empty())
        ui::TextColored(st.tr.Format("end.correct", {def->correct.Get(lang)}), pal.text_muted);
      if (def && !def->source.empty()) ui::TextColored(st.tr.Format("feedback.source", {def->source}), pal.text_muted);
      ImGui::Dummy(ImVec2(0, ui::Em() * 0.4f));
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
  std::string not_reached;
  for (const auto& step : score.steps) {
    if (step.status != StepStatus::NotReached) continue;
    const SopStep* def = cat.FindStep(step.step);
    not_reached += (not_reached.empty() ? "" : "; ") + (def ? def->label.Get(lang) : step.step);
  }
  if (!not_reached.empty()) ui::TextColored(st.tr.Format("end.not_reached", {not_reached}), pal.text_muted);
}

// =============================================================================================
// [SECTION] The team's path: each decision and what the team did
// =============================================================================================

void DrawPath(const AppState& st, const SessionScore& score) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  const Session& s = st.player.session->session();
  ui::Heading(st, st.tr("end.path"));
  for (std::size_t i = 0; i < s.History().size(); ++i) {
    const DecisionRecord& r = s.History()[i];
    const Node* node = s.scenario().FindNode(r.node);
    if (!node || !node->decision) continue;
    ImGui::PushID(static_cast<int>(i));
    ui::TextIn(st.fonts.bold, std::to_string(i + 1) + ". " + node->title.Get(lang), pal.text);
    ImGui::Indent(ui::Em());
    std::string what;
    if (r.checklist) {
      for (const auto& item : node->decision->items)
        if (std::find(r.items.begin(), r.items.end(), item.id) != r.items.end()) what += (what.empty() ? "" : "; ") + item.text.Get(lang);
      what = st.tr.Format("end.path.ticked", {what.empty() ? st.tr("end.path.nothing") : what});
    } else {
      for (const auto& c : node->decision->choices)
        if (c.id == r.choice) what = s.ChoiceText(c).Get(lang);
      if (r.timed_out && r.choice.empty() && node->decision->Timeout()) what = node->decision->Timeout()->text.Get(lang);
    }
    if (r.timed_out) what += "  " + std::string(st.tr("end.path.timed_out"));
    ui::Text(what);
    // The worst verdict of the decision, as a colour the room can follow.
    std::optional<Verdict> worst;
    for (const auto& t : score.tags)
      if (t.decision == i && (!worst || ui::Severity(t.verdict) > ui::Severity(*worst))) worst = t.verdict;
    if (worst) ui::Pill(ui::VerdictLabel(st.tr, *worst), ui::VerdictColor(*worst));
    ImGui::Unindent(ui::Em());
    ImGui::PopID();
  }
  (void)pal;
}

}  // namespace

// =============================================================================================
// [SECTION] Screen
// =============================================================================================
void DrawEndScreen(const AppState& st, ActionQueue& q) {
  if (!st.player.session) {
    q.Push(player::ShowStartScreen);
    return;
  }
  const Palette& pal = CurrentPalette();
  const Session& s = st.player.session->session();
  const SessionScore score = st.player.session->Score();

  ImGui::PushFont(st.fonts.large);
  ui::Text(st.tr.Format("end.title", {s.info().team}));
  ImGui::PopFont();
  ui::TextColored(s.scenario().title.Get(st.tr.Language()), pal.text_muted);
  ImGui::Separator();

  Footer footer;
  footer.hint = st.tr("end.footer");
  footer.buttons.push_back(FooterButton{st.tr("end.save_copy"), "", "save_copy", true, true,
                                        [](AppState& a) { player::OpenFolderPanel(a, player::SavePanel::Copy); }});
  footer.buttons.push_back(FooterButton{st.tr("end.new_session"), "", "new_session", true, false, [](AppState& a) { player::BackToStart(a); }});
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float body_h = std::max(avail.y - FooterHeight(footer), ui::Em() * 4.0f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoBackground;
  if (avail.x / ui::Em() >= 60.0f) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float left_w = std::floor((avail.x - spacing) * 0.45f);
    ImGui::BeginChild("##end_left", ImVec2(left_w, body_h), false, flags);
    DrawOutcome(st);
    ImGui::Spacing();
    DrawScores(st, score);
    ImGui::Spacing();
    DrawSaved(st, q);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##end_right", ImVec2(avail.x - left_w - spacing, body_h), false, flags);
    DrawSteps(st, score);
    ImGui::Spacing();
    DrawPath(st, score);
    ImGui::EndChild();
  } else {
    ImGui::BeginChild("##end", ImVec2(avail.x, body_h), false, flags);
    ui::BeginReadingColumn(50.0f);
    DrawOutcome(st);
    ImGui::Spacing();
    DrawScores(st, score);
    ImGui::Spacing();
    DrawSaved(st, q);
    ImGui::Spacing();
    DrawSteps(st, score);
    ImGui::Spacing();
    DrawPath(st, score);
    ui::EndReadingColumn();
    ImGui::EndChild();
  }
  // No key leaves this screen: a team pressing Enter twice must not skip its results.
  DrawFooter(footer, q);
  DrawPlayerDialogs(st, q);
}

}  // namespace sigap::app
