// The play screen: scene text and dialogue, the decision (choices or checklist) with a confirm
// step, the countdown of timed decisions, progress, and in training mode the feedback panel.
// [SECTION] Header: title, progress, save status, countdown
// [SECTION] Narrative: narration and dialogue
// [SECTION] Decision: choices and checklist items
// [SECTION] Footer and keys
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

const Session& CurrentSession(const AppState& st) { return st.player.session->session(); }

// =============================================================================================
// [SECTION] Header: title, progress, save status, countdown
// =============================================================================================

}  // namespace

void DrawPlayHeader(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const PlayerState& p = st.player;
  const Session& s = CurrentSession(st);
  const Lang lang = st.tr.Language();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float x0 = ImGui::GetCursorPosX();
  const float avail = ImGui::GetContentRegionAvail().x;
  const auto left = player::SecondsLeft(st);
  const ImVec2 clock = left ? ui::CountdownClockSize(st) : ImVec2(0, 0);
  const float text_w = left ? avail - clock.x - style.ItemSpacing.x * 2.0f : avail;

  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(x0 + text_w);
  // Row 1: the scenario, the team and the mode.
  const std::string title = s.scenario().title.Get(lang);
  const std::string who = st.tr.Format("play.team_mode", {s.info().team, ui::ModeLabel(st.tr, s.info().mode)});
  const std::string leave = std::string(st.tr("leave.button")) + "###leave";
  const float leave_w = ui::ButtonWidth(leave.c_str());
  ImGui::PushFont(st.fonts.bold);
  const float title_w = ImGui::CalcTextSize(title.c_str()).x;
  ImGui::PopFont();
  const float who_w = ImGui::CalcTextSize(who.c_str()).x;
  // A window that is short for its text size (very large text): the header keeps what the team
  // needs to play (where they are, whether it is saved, the clock) and leaves out the rest.
  const bool short_window = ImGui::GetContentRegionAvail().y < ui::Em() * 20.0f;
  // One line when the title, the team and "leave" fit; else the title, then the team and "leave".
  const bool one_line = title_w + who_w + leave_w + style.ItemSpacing.x * 3.0f <= text_w;
  const bool show_who = one_line || !short_window;
  ImGui::AlignTextToFramePadding();
  ImGui::PushTextWrapPos(x0 + (show_who ? text_w : text_w - leave_w - style.ItemSpacing.x));
  ui::TextIn(st.fonts.bold, title, pal.text);
  ImGui::PopTextWrapPos();
  if (show_who) {
    if (one_line) ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const bool leave_beside = who_w + leave_w + style.ItemSpacing.x * 2.0f <= text_w;
    ImGui::PushTextWrapPos(x0 + (leave_beside ? text_w - leave_w - style.ItemSpacing.x : text_w));
    ui::TextColored(who, pal.text_muted);
    ImGui::PopTextWrapPos();
    if (leave_beside) ImGui::SameLine();
  } else {
    ImGui::SameLine();
  }
  if (ImGui::GetCursorPosX() > x0) ImGui::SetCursorPosX(x0 + text_w - leave_w);  // window-relative, right-aligned
  if (ui::Button(leave.c_str())) q.Push([](AppState& a) { player::AskLeave(a); });

  // Row 2: decision k of about n, a progress bar, and whether everything is saved.
  const std::size_t done = s.History().size();
  const std::size_t k = p.feedback_for ? *p.feedback_for + 1 : done + 1;
  const std::size_t n = std::max<std::size_t>(static_cast<std::size_t>(s.scenario().DecisionCount()), k);
  const std::string progress = st.tr.Format("play.progress", {std::to_string(k), std::to_string(n)});
  const bool saved = p.session->saved();
  const char* saved_text = st.tr(saved ? "play.saved" : "play.not_saved");
  const float progress_w = ImGui::CalcTextSize(progress.c_str()).x;
  const float saved_w = ImGui::CalcTextSize(saved_text).x;
  ImGui::TextUnformatted(progress.c_str());
  float rest = text_w - progress_w - style.ItemSpacing.x;
  const float bar_w = rest - saved_w - style.ItemSpacing.x;
  if (bar_w >= ui::Em() * 4.0f) {
    ImGui::SameLine();
    const ImVec2 at = ImGui::GetCursorPos();
    const float bar_h = ui::Em() * 0.45f;
    ImGui::SetCursorPosY(at.y + (ImGui::GetTextLineHeight() - bar_h) * 0.5f);
    ui::Bar(bar_w, bar_h, static_cast<float>(done) / static_cast<float>(n), pal.accent, pal.panel);
    ImGui::SameLine();
    ImGui::SetCursorPosY(at.y);
  } else if (saved_w <= rest) {
    ImGui::SameLine();
    ImGui::SetCursorPosX(x0 + text_w - saved_w);
  }
  ui::TextIn(saved ? nullptr : st.fonts.bold, saved_text, saved ? pal.follows : pal.critical);
  if (!saved && ui::Button((std::string(st.tr("play.save_elsewhere")) + "###save_elsewhere").c_str()))
    q.Push([](AppState& a) { player::OpenFolderPanel(a, player::SavePanel::Elsewhere); });

  if (!p.notice.empty()) ui::TextColored(p.notice, pal.warning);
  // Row 3, training mode: the variables the author marked for the teams to see.
  if (s.info().mode == Mode::Training && !short_window) {
    std::string values;
    for (const auto& v : s.scenario().variables) {
      if (!v.show) continue;
      if (!values.empty()) values += "   ·   ";
      values += v.label.Get(lang) + ": " + ui::FormatValue(v, s.Value(v.id), st.tr);
    }
    if (!values.empty()) ui::TextColored(values, pal.text);
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();

  if (left) {
    ImGui::SameLine(x0 + avail - clock.x);
    ui::CountdownClock(st, *left, clock);
  }
  ImGui::Separator();
}

namespace {

// =============================================================================================
// [SECTION] Narrative: narration and dialogue
// =============================================================================================

void DrawLine(const AppState& st, const DialogueLine& line) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  const Session& s = CurrentSession(st);
  const Character* c = s.scenario().FindCharacter(line.speaker);
  const float em = ui::Em();
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float bar = std::max(3.0f, em / 6.0f);
  ImGui::Indent(bar + em * 0.6f);
  if (c && !c->portrait.empty()) {
    auto it = st.player.portraits.find(c->portrait);
    if (it != st.player.portraits.end() && it->second.texture) {
      const float w = em * 4.0f;
      const float h = it->second.width > 0 ? w * static_cast<float>(it->second.height) / static_cast<float>(it->second.width) : w;
      ImGui::Image(it->second.texture, ImVec2(w, h));
      ImGui::SameLine();
    }
  }
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::PushFont(st.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, pal.accent);
  ImGui::TextUnformatted(c ? c->name.c_str() : line.speaker.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  if (c && !c->role.Get(lang).empty()) ui::TextColored(c->role.Get(lang), pal.text_muted);
  ui::Paragraphs(line.text.Get(lang));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImGui::Unindent(bar + em * 0.6f);
  const ImVec2 end = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddRectFilled(start, ImVec2(start.x + bar, end.y), ImGui::ColorConvertFloat4ToU32(pal.accent));
  ImGui::Spacing();
}

void DrawNarrative(const AppState& st) {
  const Session& s = CurrentSession(st);
  const Lang lang = st.tr.Language();
  const Node& node = s.CurrentNode();
  ui::Heading(st, node.title.Get(lang));
  ui::Paragraphs(s.CurrentText().Get(lang));
  if (!node.lines.empty()) ImGui::Spacing();
  for (std::size_t i = 0; i < node.lines.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    DrawLine(st, node.lines[i]);
    ImGui::PopID();
  }
}

// =============================================================================================
// [SECTION] Decision: choices and checklist items
// =============================================================================================

// An option picked with a key may be below the fold (large fonts, small window): show it once.
void ScrollIntoViewOnce(const AppState& st, ActionQueue& q, const std::string& id) {
  if (st.player.scroll_to == id && ui::ScrollLastItemIntoView()) q.Push(player::ScrolledIntoView);
}

// "A, B atau D": the letters of the options on screen, in the order shown.
std::string LetterList(const AppState& st, const Decision& d, const std::vector<std::string>& ids) {
  std::vector<std::string> letters;
  for (const auto& id : ids) letters.push_back(d.OptionLetter(id));
  std::sort(letters.begin(), letters.end());
  std::string out;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (i > 0) out += i + 1 == letters.size() ? st.tr("play.letters_or") : ", ";
    out += letters[i];
  }
  return out;
}

void DrawDecision(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const PlayerState& p = st.player;
  const Session& s = CurrentSession(st);
  const Lang lang = st.tr.Language();
  const Decision& d = *s.CurrentNode().decision;
  ui::TextIn(st.fonts.bold, d.prompt.Get(lang), pal.text);
  const std::string letters = LetterList(st, d, s.ShownOptions());
  if (s.state() == SessionState::AwaitingChoice) {
    ui::TextColored(st.tr.Format("play.choose_hint", {letters}), pal.text_muted);
    for (const Choice* c : s.AvailableChoices()) {
      if (ui::Option(c->id.c_str(), d.OptionLetter(c->id), s.ChoiceText(*c).Get(lang), p.selected_choice == c->id, ui::Mark::Letter)) {
        std::string id = c->id;
        q.Push([id](AppState& a) { player::SelectChoice(a, id); });
      }
      ScrollIntoViewOnce(st, q, c->id);
    }
  } else {
    ui::TextColored(st.tr.Format("play.checklist_hint", {letters}), pal.text_muted);
    // Items closer together than choices: a checklist of ten fits a laptop screen.
    const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, spacing.y * 0.5f));
    for (const ChecklistItem* it : s.ChecklistItems()) {
      bool ticked = std::find(p.ticked.begin(), p.ticked.end(), it->id) != p.ticked.end();
      if (ui::Option(it->id.c_str(), d.OptionLetter(it->id), it->text.Get(lang), ticked, ui::Mark::Checkbox)) {
        std::string id = it->id;
        q.Push([id](AppState& a) { player::ToggleItem(a, id); });
      }
      ScrollIntoViewOnce(st, q, it->id);
    }
    ImGui::PopStyleVar();
  }
  if (d.timer && !p.timer_stopped) ui::TextColored(st.tr(s.state() == SessionState::AwaitingChoice ? "play.timer_note" : "play.timer_note_checklist"), pal.text_muted);
  if (p.timer_stopped) ui::TextColored(st.tr("play.timer_stopped"), pal.warning);
  if (!p.decide_error.empty()) ui::TextColored(st.tr.Format("play.refused", {p.decide_error}), pal.critical);
}

// =============================================================================================
// [SECTION] Footer and keys
// =============================================================================================

Footer PlayFooter(const AppState& st) {
  if (st.player.feedback_for) return FeedbackFooter(st);
  const PlayerState& p = st.player;
  const Session& s = CurrentSession(st);
  Footer f;
  auto button = [&](const char* label, const char* key, const char* id, bool enabled, bool primary, std::function<void(AppState&)> action) {
    f.buttons.push_back(FooterButton{label, key, id, enabled, primary, std::move(action)});
  };
  switch (s.state()) {
    case SessionState::AtScene:
      button(st.tr("play.continue"), st.tr("key.enter"), "continue", true, true, [](AppState& a) { player::ContinueScene(a); });
      break;
    case SessionState::AwaitingChoice:
      if (p.selected_choice.empty()) {
        f.hint = st.tr("play.footer.choose");
        button(st.tr("play.confirm"), st.tr("key.enter"), "confirm", false, true, nullptr);
      } else {
        f.hint = st.tr.Format("play.footer.selected", {s.CurrentNode().decision->OptionLetter(p.selected_choice)});
        button(st.tr("play.cancel"), st.tr("key.esc"), "cancel", true, false, [](AppState& a) { player::CancelSelection(a); });
        button(st.tr("play.confirm"), st.tr("key.enter"), "confirm", true, true, [](AppState& a) { player::ConfirmChoice(a); });
      }
      break;
    case SessionState::AwaitingChecklist:
      if (!p.confirming_checklist) {
        f.hint = st.tr.Format("play.footer.ticked", {std::to_string(p.ticked.size())});
        button(st.tr("play.submit"), st.tr("key.enter"), "submit", true, true, [](AppState& a) { player::AskConfirmChecklist(a); });
      } else {
        f.hint = st.tr.Format("play.footer.confirm_checklist", {std::to_string(p.ticked.size())});
        button(st.tr("play.back"), st.tr("key.esc"), "cancel", true, false, [](AppState& a) { player::CancelSelection(a); });
        button(st.tr("play.submit_yes"), st.tr("key.enter"), "submit_yes", true, true, [](AppState& a) { player::SubmitChecklist(a); });
      }
      break;
    case SessionState::Ended:
      button(st.tr("play.to_results"), st.tr("key.enter"), "results", true, true, player::ShowEndScreen);
      break;
  }
  return f;
}

void HandleKeys(const AppState& st, ActionQueue& q) {
  if (AnyPlayerDialogOpen(st) || st.player.confirm_close) return;
  const PlayerState& p = st.player;
  const Session& s = CurrentSession(st);
  std::string selected = p.selected_choice;   // follows the keys pressed within this frame
  bool confirming = p.confirming_checklist;
  for (const KeyPress& k : st.keys_pressed) {
    // An option is picked by its own letter, the one on its badge, wherever it is shown.
    const char letter = ui::LetterOf(k);
    if (p.feedback_for || s.state() == SessionState::AtScene || s.state() == SessionState::Ended) {
      if (!ui::IsEnter(k)) continue;
      if (p.feedback_for) q.Push([](AppState& a) { player::DismissFeedback(a); });
      else if (s.state() == SessionState::AtScene) q.Push([](AppState& a) { player::ContinueScene(a); });
      else q.Push(player::ShowEndScreen);
      return;
    }
    const Decision& d = *s.CurrentNode().decision;
    std::string picked;
    if (letter)
      for (const auto& id : s.ShownOptions())
        if (d.OptionLetter(id) == std::string(1, letter)) picked = id;
    if (s.state() == SessionState::AwaitingChoice) {
      if (!picked.empty()) {
        selected = picked;
        q.Push([picked](AppState& a) {
          player::SelectChoice(a, picked);
          player::ScrollTo(a, picked);
        });
      } else if (ui::IsEnter(k) && !selected.empty()) {
        q.Push([](AppState& a) { player::ConfirmChoice(a); });
        return;
      } else if (ui::IsEscape(k) && !selected.empty()) {
        selected.clear();
        q.Push([](AppState& a) { player::CancelSelection(a); });
      }
    } else {
      if (!picked.empty()) {
        confirming = false;
        q.Push([picked](AppState& a) {
          player::ToggleItem(a, picked);
          player::ScrollTo(a, picked);
        });
      } else if (ui::IsEnter(k)) {
        if (confirming) {
          q.Push([](AppState& a) { player::SubmitChecklist(a); });
          return;
        }
        confirming = true;
        q.Push([](AppState& a) { player::AskConfirmChecklist(a); });
      } else if (ui::IsEscape(k) && confirming) {
        confirming = false;
        q.Push([](AppState& a) { player::CancelSelection(a); });
      }
    }
  }
}

// A running countdown redraws once a second, and records the timeout when it reaches 0.
void TickTimer(const AppState& st, ActionQueue& q) {
  auto left = player::SecondsLeft(st);
  if (!left) return;
  if (*left <= 0) {
    q.Push(player::TimeOutIfDue);  // not if a choice came first
    return;
  }
  // Every few seconds the time spent is noted beside the log: a resume continues the countdown.
  if (st.now - st.player.clock_noted_at >= 3.0) q.Push(player::NoteTimer);
  // The display changes when the time left crosses a whole second.
  q.WakeAt(st.now + (*left - std::floor(*left)) + 0.005);
}

}  // namespace

// =============================================================================================
// [SECTION] Screen
// =============================================================================================
void DrawPlayScreen(const AppState& st, ActionQueue& q) {
  if (!st.player.session) {
    q.Push(player::ShowStartScreen);
    return;
  }
  const Session& s = CurrentSession(st);
  DrawPlayHeader(st, q);
  DrawRoomStatus(st);
  if (player::ClocksStopped(st)) {
    // The room holds the clocks (lobby, pause): the story waits, and so do the keys.
    DrawRoomHold(st, ImGui::GetContentRegionAvail());
    DrawPlayerDialogs(st, q);
    return;
  }
  const Footer footer = PlayFooter(st);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float body_h = std::max(avail.y - FooterHeight(footer), ui::Em() * 4.0f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysUseWindowPadding;

  if (st.player.feedback_for) {
    // One child per decision: each feedback opens at its top, not where the last one was scrolled.
    const std::string id = "##feedback-" + std::to_string(*st.player.feedback_for);
    ImGui::BeginChild(id.c_str(), ImVec2(avail.x, body_h), false, flags | ImGuiWindowFlags_NoBackground);
    DrawFeedback(st);
    ImGui::EndChild();
  } else if (s.state() != SessionState::AwaitingChoice && s.state() != SessionState::AwaitingChecklist) {
    ImGui::BeginChild("##scene", ImVec2(avail.x, body_h), false, flags | ImGuiWindowFlags_NoBackground);
    ui::BeginReadingColumn(48.0f);
    DrawNarrative(st);
    ui::EndReadingColumn();
    ImGui::EndChild();
  } else if (avail.x / ui::Em() >= 36.0f) {
    // Two columns: the story on the left, the decision on the right, each scrolling alone.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // A checklist's items take the wider side: more of them fit on one line each.
    const float share = s.state() == SessionState::AwaitingChecklist ? 0.36f : 0.5f;
    const float left_w = std::floor((avail.x - spacing) * share);
    ImGui::BeginChild("##narrative", ImVec2(left_w, body_h), false, flags | ImGuiWindowFlags_NoBackground);
    DrawNarrative(st);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##decision", ImVec2(avail.x - left_w - spacing, body_h), false, flags);
    DrawDecision(st, q);
    ImGui::EndChild();
  } else {
    ImGui::BeginChild("##narrow", ImVec2(avail.x, body_h), false, flags | ImGuiWindowFlags_NoBackground);
    DrawNarrative(st);
    ImGui::Spacing();
    DrawDecision(st, q);
    ImGui::EndChild();
  }
  DrawFooter(footer, q);
  HandleKeys(st, q);
  TickTimer(st, q);
  DrawPlayerDialogs(st, q);
}

}  // namespace sigap::app
