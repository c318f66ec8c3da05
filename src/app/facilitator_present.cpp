// Presentation mode for the projector: full screen, very large type, one idea per slide, in one
// language at a time (L switches Indonesian/English). Clicker keys: Right/PageDown/Space next,
// Left/PageUp/Backspace back, Home/End, digits then Enter go to a slide, G opens the overview
// (where the facilitator chooses the decisions to show), A hides team names, Esc leaves.
// [SECTION] Layout helpers
// [SECTION] Slides
// [SECTION] Screen
#include <algorithm>
#include <cstdio>

#include <imgui_internal.h>

#include "facilitator_actions.h"
#include "facilitator_charts.h"
#include "facilitator_common.h"
#include "facilitator_slides.h"
#include "fonts.h"
#include "screens.h"
#include "theme.h"

namespace sigap::app {

namespace {

// =============================================================================================
// [SECTION] Layout helpers
// =============================================================================================

// How a slide fits the window as a whole. Every text size and gap on the slide is multiplied by
// `scale`; a slide that does not fit at that scale says so (`overflow`) and is drawn again
// smaller, down to the face's minimum text size (`last`), where it wraps and elides with "…"
// instead: never a silent cut.
struct Fit {
  float scale = 1.0f;
  bool last = false;
  bool overflow = false;
  float Px(const ImFont* font) const { return font->FontSize * scale; }
  float Em(const AppState& state) const { return Px(state.fonts.body); }  // the slide's body em
};

float WrappedHeight(const Fit& fit, ImFont* font, float wrap, const std::string& text) {
  return font->CalcTextSizeA(fit.Px(font), FLT_MAX, wrap, text.c_str()).y;
}

void Wrapped(ImFont* font, const std::string& text, const ImVec4* color = nullptr) {
  ImGui::PushFont(font);
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
  ImGui::TextWrapped("%s", text.c_str());
  ui::Track(text.c_str());
  if (color) ImGui::PopStyleColor();
  ImGui::PopFont();
}

// Text given at most `max_h` of height: whole when it fits; else, at the smallest scale, cut
// after a word with "…", and at a larger one drawn whole as an overflow (the slide shrinks).
void WrappedIn(Fit& fit, ImFont* font, const std::string& text, float max_h, const ImVec4* color = nullptr) {
  const float w = ImGui::GetContentRegionAvail().x;
  if (WrappedHeight(fit, font, w, text) <= max_h + 0.5f) return Wrapped(font, text, color);
  if (!fit.last) {
    fit.overflow = true;
    return Wrapped(font, text, color);
  }
  const std::string cut = ui::EllipsizeLines(font, fit.Px(font), text, w, max_h);
  if (!cut.empty()) Wrapped(font, cut, color);
}

// Whether what the current window holds runs past its visible bottom or right edge.
void NoteOverflow(Fit& fit) {
  const ImGuiWindow* w = ImGui::GetCurrentWindow();
  if (w->DC.CursorMaxPos.y > w->InnerClipRect.Max.y + 1.0f || w->DC.CursorMaxPos.x > w->InnerClipRect.Max.x + 1.0f)
    fit.overflow = true;
}

// The gaps of the slide's style, scaled with its text.
struct ScaledStyle {
  explicit ScaledStyle(float s) {
    const ImGuiStyle& st = ImGui::GetStyle();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(st.ItemSpacing.x * s, st.ItemSpacing.y * s));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemInnerSpacing, ImVec2(st.ItemInnerSpacing.x * s, st.ItemInnerSpacing.y * s));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(st.FramePadding.x * s, st.FramePadding.y * s));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(st.WindowPadding.x * s, st.WindowPadding.y * s));
  }
  ~ScaledStyle() { ImGui::PopStyleVar(4); }
  ScaledStyle(const ScaledStyle&) = delete;
  ScaledStyle& operator=(const ScaledStyle&) = delete;
};

// A prompt from the string tables, in the projector's language.
void Prompt(const AppState& state, const char* key, ImFont* font) { Wrapped(font, state.facilitator.SlideTr()(key)); }

// The same with arguments.
void PromptF(const AppState& state, const char* key, std::initializer_list<std::string> args, ImFont* font) {
  Wrapped(font, state.facilitator.SlideTr().Format(key, args));
}

Lang SlideLang(const AppState& state) { return state.facilitator.present_lang; }

// A slide's status square: a little larger than a line of `font`.
void Chip(const Fit& fit, ImFont* font, StepStatus s, ImU32 fill) {
  ui::StatusSquare(s, fill, fit.Px(font) * 1.1f, 4.0f, 0.75f);
}

// A letter badge like the bar chart's, as tall as a line of `line_font` so that the text beside
// it sits level with it.
void LetterBadge(const AppState& state, const Fit& fit, const std::string& letter, ImU32 fill, ImFont* line_font) {
  ImFont* font = state.fonts.bold;
  const float size = fit.Px(line_font);
  const float fs = std::min(fit.Px(font), size * 0.8f);
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), fill, 4.0f);
  ImVec2 ts = font->CalcTextSizeA(fs, FLT_MAX, 0, letter.c_str());
  dl->AddText(font, fs, ImVec2(p.x + (size - ts.x) * 0.5f, p.y + (size - ts.y) * 0.5f), ui::TextOn(fill), letter.c_str());
  ImGui::Dummy(ImVec2(size, size));
}

std::string TeamList(const AppState& state, const std::vector<std::size_t>& teams) {
  std::string out;
  for (std::size_t t : teams) out += (out.empty() ? "" : ", ") + TeamLabel(state, t);
  return out;
}

// =============================================================================================
// [SECTION] Slides
// =============================================================================================

void DrawReactions(const AppState& state, const ScenarioDebrief& d, const Fit& fit) {
  std::size_t finished = 0;
  for (const auto* t : d.teams) finished += t->finished() ? 1 : 0;
  ImGui::Dummy(ImVec2(0, ImGui::GetContentRegionAvail().y * 0.15f));  // the questions sit in the middle
  Prompt(state, "fac.slide.reactions", state.fonts.huge);
  ImGui::Dummy(ImVec2(0, fit.Em(state)));
  Prompt(state, "fac.slide.reactions_more", state.fonts.large);
  ImGui::Dummy(ImVec2(0, fit.Em(state)));
  PromptF(state, "fac.slide.teams_played", {std::to_string(d.teams.size()), std::to_string(finished)}, state.fonts.bold);
}

void DecisionLabel(const AppState& state, const ScenarioDebrief& d, std::size_t index, const char* part_key) {
  const DecisionAggregate& a = d.decisions[index];
  const Node* node = d.scenario->FindNode(a.node);
  PromptF(state, part_key, {std::to_string(index + 1), node ? node->title.Get(SlideLang(state)) : a.node}, state.fonts.large);
}

// Bars on a slide: the largest type (and one or two columns) in which every option's whole text
// fits `height`, wrapped, never cut. When even the body type does not fit, the slide is too big
// for its scale (an overflow); at the smallest scale the options are cut to a line with "…".
BarChartStyle FitBars(const AppState& state, Fit& fit, const ScenarioDebrief& d, const DecisionAggregate& a,
                      BarChartStyle style, float width, float height) {
  struct Try {
    ImFont* font;
    int columns;
    bool wrap;
  };
  const Try tries[] = {{state.fonts.large, 1, true}, {state.fonts.bold, 1, true}, {state.fonts.bold, 2, true},
                       {state.fonts.body, 1, true},  {state.fonts.body, 2, true}};
  const Try cut[] = {{state.fonts.body, 1, false}, {state.fonts.body, 2, false}};
  style.tooltips = false;
  style.label_above = true;
  style.lang = SlideLang(state);
  style.scale = fit.scale;
  const float min_column = fit.Em(state) * 14.0f;  // narrower columns wrap a word a line
  auto fits = [&](const Try& t) {
    if (t.columns > 1 && width / static_cast<float>(t.columns) < min_column) return false;
    style.label_font = t.font;
    style.columns = t.columns;
    style.wrap = t.wrap;
    style.bar_height = std::max(fit.Em(state) * 0.45f, fit.Px(t.font) * 0.5f);
    return ChoiceBarsHeight(state, d, a, style, width) <= height;
  };
  for (const Try& t : tries)
    if (fits(t)) return style;
  if (!fit.last) {
    fit.overflow = true;
    return style;
  }
  for (const Try& t : cut)
    if (fits(t)) return style;
  // Still too tall (a dozen options in the smallest window): the body type, scaled down.
  style.label_font = state.fonts.body;
  style.wrap = false;
  style.columns = width / 2.0f >= min_column ? 2 : 1;
  for (float s = 0.9f; s > 0.35f; s *= 0.9f) {
    style.scale = fit.scale * s;
    style.bar_height = std::max(4.0f, fit.Em(state) * 0.45f * s);
    if (ChoiceBarsHeight(state, d, a, style, width) <= height) break;
  }
  return style;
}

// The question and how the teams chose, before the answer: the room discusses the spread.
void DrawSpread(const AppState& state, Fit& fit, const ScenarioDebrief& d, std::size_t index) {
  const DecisionAggregate& a = d.decisions[index];
  const Node* node = d.scenario->FindNode(a.node);
  if (!node || !node->decision) return;
  const Lang lang = SlideLang(state);
  DecisionLabel(state, d, index, "fac.slide.spread");
  // A long question keeps room for the bars below it.
  WrappedIn(fit, state.fonts.bold, node->decision->prompt.Get(lang), ImGui::GetContentRegionAvail().y * 0.3f);
  ImGui::Spacing();
  // Below the bars: the teams that reached it, and the guide's first question for the room.
  auto median = a.MedianElapsed();
  std::string line = state.facilitator.SlideTr().Format(
      "fac.slide.reached", {std::to_string(a.teams_reached), std::to_string(d.teams.size()), median ? FormatDuration(*median) : "–"});
  if (a.timeouts > 0) line += " · " + state.facilitator.SlideTr().Format("fac.slide.timeouts", {std::to_string(a.timeouts)});
  std::string ask = state.facilitator.SlideTr()(a.checklist ? "fac.slide.discuss_checklist" : "fac.slide.discuss");
  if (auto guide = state.library.FindGuide(d.scenario->id))
    if (const GuideQuestions* q = guide->QuestionsFor(a.node); q && !q->questions.empty()) ask = q->questions.front().Get(lang);
  const float w = ImGui::GetContentRegionAvail().x;
  const float sp = ImGui::GetStyle().ItemSpacing.y;
  const float line_h = WrappedHeight(fit, state.fonts.body, w, line);
  const float ask_h = std::min(WrappedHeight(fit, state.fonts.bold, w, ask), ImGui::GetContentRegionAvail().y * 0.25f);
  BarChartStyle style;
  style.team_names = a.options.size() <= 5;
  style = FitBars(state, fit, d, a, style, w, ImGui::GetContentRegionAvail().y - line_h - ask_h - sp * 3);
  DrawChoiceBars(state, d, a, style, w);
  const ImVec4 muted = CurrentPalette().text_muted;
  Wrapped(state.fonts.body, line, &muted);
  WrappedIn(fit, state.fonts.bold, ask, ImGui::GetContentRegionAvail().y);
}

// What the SOP answer slide says: the recommended option(s), why, the basis and the steps.
struct Answer {
  std::vector<std::pair<std::size_t, std::string>> recommended;  // option index, text
  const LocalText* feedback = nullptr;
  const std::string* source = nullptr;
  std::vector<const SopStep*> steps;  // in the order the scenario tags them
};

Answer FindAnswer(const ScenarioDebrief& d, const DecisionAggregate& a, const Node& node, Lang lang) {
  Answer out;
  auto add_steps = [&](const std::vector<SopTag>& tags) {
    for (const auto& t : tags)
      if (const SopStep* step = d.catalogue->FindStep(t.step); step && std::find(out.steps.begin(), out.steps.end(), step) == out.steps.end())
        out.steps.push_back(step);
  };
  for (std::size_t i = 0; i < a.options.size(); ++i) {
    if (!a.options[i].recommended) continue;
    const std::string& id = a.options[i].option;
    const LocalText* text = node.OptionText(id);
    out.recommended.emplace_back(i, text ? text->Get(lang) : id);
    for (const auto& c : node.decision->choices)
      if (c.id == id) {
        out.feedback = &c.feedback;
        out.source = &c.source;
        add_steps(c.sop);
      }
    for (const auto& item : node.decision->items)
      if (item.id == id) add_steps(item.sop);
  }
  if (a.checklist) {
    out.feedback = &node.decision->feedback;
    out.source = &node.decision->source;
  }
  return out;
}

void DrawAnswer(const AppState& state, Fit& fit, const ScenarioDebrief& d, std::size_t index) {
  const DecisionAggregate& a = d.decisions[index];
  const Node* node = d.scenario->FindNode(a.node);
  if (!node || !node->decision) return;
  const Lang lang = SlideLang(state);
  const ImGuiStyle& style = ImGui::GetStyle();
  DecisionLabel(state, d, index, "fac.slide.answer");
  ImGui::Spacing();

  const float gap = fit.Em(state) * 1.5f;
  const float left_w = (ImGui::GetContentRegionAvail().x - gap) * 0.46f;
  const float height = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("answer-bars", ImVec2(left_w, height), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
  BarChartStyle bars;
  bars.reveal = true;
  bars = FitBars(state, fit, d, a, bars, ImGui::GetContentRegionAvail().x, ImGui::GetContentRegionAvail().y);
  DrawChoiceBars(state, d, a, bars, ImGui::GetContentRegionAvail().x);
  NoteOverflow(fit);
  ImGui::EndChild();
  ImGui::SameLine(0, gap);

  // The SOP answer: which option(s), why, the legal basis, and the steps behind it.
  ImGui::BeginChild("answer-text", ImVec2(0, height), true, ImGuiWindowFlags_NoScrollbar);
  const Answer ans = FindAnswer(d, a, *node, lang);
  const float w = ImGui::GetContentRegionAvail().x;
  const float badge = fit.Px(state.fonts.large) + style.ItemSpacing.x;
  const float chip = fit.Px(state.fonts.body) * 1.1f + style.ItemSpacing.x;
  const float sp = style.ItemSpacing.y;
  const std::string feedback = ans.feedback ? ans.feedback->Get(lang) : "";
  const std::string basis = ans.source && !ans.source->empty() ? state.facilitator.SlideTr().Format("fac.slide.basis", {*ans.source}) : "";
  // A checklist names its right items by letter (the bars show their texts); a choice in full.
  std::string letters;
  for (const auto& [i, text] : ans.recommended) letters += (letters.empty() ? "" : ", ") + OptionLetterAt(i);
  auto step_text = [&](const SopStep* s) { return s->label.Get(lang) + " (" + s->source + ")"; };
  // The largest type that fits: the option, then the explanation.
  struct Fonts2 {
    ImFont* option;
    ImFont* feedback;
  };
  const Fonts2 tries[] = {{state.fonts.large, state.fonts.large}, {state.fonts.large, state.fonts.body},
                          {state.fonts.bold, state.fonts.body}, {state.fonts.body, state.fonts.body}};
  const float more_h = fit.Px(state.fonts.body) + sp;
  Fonts2 pick = tries[3];
  bool fits = false;
  for (const auto& t : tries) {
    float h = fit.Px(state.fonts.bold) + sp * 2;
    if (ans.recommended.empty()) h += fit.Px(state.fonts.bold) + sp;
    else if (a.checklist) h += WrappedHeight(fit, t.option, w, letters) + sp;
    else
      for (const auto& r : ans.recommended) h += WrappedHeight(fit, t.option, w - badge, r.second) + sp;
    h += WrappedHeight(fit, t.feedback, w, feedback) + sp * 2;
    h += WrappedHeight(fit, state.fonts.bold, w, basis) + sp;
    // Steps beyond the third are counted, not listed, when room is short.
    for (std::size_t i = 0; i < ans.steps.size() && i < 3; ++i)
      h += WrappedHeight(fit, state.fonts.body, w - chip, step_text(ans.steps[i])) + sp;
    if (ans.steps.size() > 3) h += more_h;
    if (h <= ImGui::GetContentRegionAvail().y) {
      pick = t;
      fits = true;
      break;
    }
  }
  if (!fits && !fit.last) fit.overflow = true;
  Prompt(state, a.checklist ? "fac.slide.sop_items" : "fac.slide.sop_choice", state.fonts.bold);
  if (ans.recommended.empty()) Wrapped(state.fonts.bold, state.facilitator.SlideTr()("fac.slide.no_clean_choice"));
  else if (a.checklist) Wrapped(pick.option, letters);
  else
    for (const auto& [i, text] : ans.recommended) {
      LetterBadge(state, fit, OptionLetterAt(i), ui::U32(ui::StatusColor(StepStatus::Followed)), pick.option);
      ImGui::SameLine();
      WrappedIn(fit, pick.option, text, ImGui::GetContentRegionAvail().y * 0.4f);
    }
  ImGui::Spacing();
  // The explanation takes what the basis and one step (or the count of them) leave.
  const float basis_h = basis.empty() ? 0.0f : WrappedHeight(fit, state.fonts.bold, w, basis) + sp;
  float first_step_h = 0.0f;
  if (!ans.steps.empty())
    first_step_h = std::min(WrappedHeight(fit, state.fonts.body, w - chip, step_text(ans.steps.front())) + sp, more_h);
  if (!feedback.empty())
    WrappedIn(fit, pick.feedback, feedback, ImGui::GetContentRegionAvail().y - basis_h - first_step_h - sp);
  if (!basis.empty()) WrappedIn(fit, state.fonts.bold, basis, ImGui::GetContentRegionAvail().y - first_step_h);
  // The steps behind the answer, as many as fit; the rest are counted.
  for (std::size_t i = 0; i < ans.steps.size(); ++i) {
    const float h = WrappedHeight(fit, state.fonts.body, w - chip, step_text(ans.steps[i])) + sp;
    const bool last = i + 1 == ans.steps.size();
    if (ImGui::GetContentRegionAvail().y < h + (last ? 0.0f : more_h)) {
      const ImVec4 muted = CurrentPalette().text_muted;
      const std::string more =
          state.facilitator.SlideTr().Format("fac.slide.more_steps", {std::to_string(ans.steps.size() - i)});
      WrappedIn(fit, state.fonts.body, more, ImGui::GetContentRegionAvail().y, &muted);
      break;
    }
    Chip(fit, state.fonts.body, StepStatus::Followed, ui::U32(ui::StatusColor(StepStatus::Followed)));
    ImGui::SameLine();
    Wrapped(state.fonts.body, step_text(ans.steps[i]));
  }
  NoteOverflow(fit);
  ImGui::EndChild();
}

void DrawCritical(const AppState& state, Fit& fit, const ScenarioDebrief& d) {
  const Lang lang = SlideLang(state);
  const Palette& pal = CurrentPalette();
  // A dense slide: the heading in large type, the room goes to the cards.
  Prompt(state, "fac.slide.critical", d.critical_moments.empty() ? state.fonts.huge : state.fonts.large);
  ImGui::Spacing();
  if (d.critical_moments.empty()) {
    Chip(fit, state.fonts.large, StepStatus::Followed, ui::U32(ui::StatusColor(StepStatus::Followed)));
    ImGui::SameLine();
    Prompt(state, "fac.slide.no_critical", state.fonts.large);
    return;
  }
  Prompt(state, "fac.slide.critical_ask", state.fonts.bold);
  ImGui::Spacing();
  // Up to four cards, two by two: where, what the team did, which never events it was.
  const auto groups = GroupCriticalMoments(d);
  const std::size_t shown = std::min<std::size_t>(groups.size(), 4);
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::size_t cols = shown > 1 ? 2 : 1, rows = (shown + 1) / 2;
  const float card_w = (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float card_h = (ImGui::GetContentRegionAvail().y - style.ItemSpacing.y * static_cast<float>(rows - 1)) / static_cast<float>(rows);
  for (std::size_t i = 0; i < shown; ++i) {
    const MomentGroup& m = groups[i];
    const Node* node = d.scenario->FindNode(m.node);
    const LocalText* option = node ? node->OptionText(m.option) : nullptr;
    ImGui::PushID(static_cast<int>(i));
    if (i % 2 == 1) ImGui::SameLine();
    ImGui::BeginChild("moment", ImVec2(card_w, std::min(card_h, fit.Em(state) * 10.0f)), true,
                      ImGuiWindowFlags_NoScrollbar);
    // One step with its source; several by name (their sources are on the answer slides).
    std::string broken;
    for (const auto& id : m.steps) {
      const SopStep* step = d.catalogue->FindStep(id);
      std::string label = step ? step->label.Get(lang) : id;
      if (step && m.steps.size() == 1) label += " (" + step->source + ")";
      broken += (broken.empty() ? "" : "; ") + label;
    }
    broken = state.facilitator.SlideTr().Format("fac.slide.breaks", {broken});
    ImFont* broken_font = m.steps.size() == 1 ? state.fonts.bold : state.fonts.body;
    const float room = ImGui::GetContentRegionAvail().y;
    const float sp = style.ItemSpacing.y;
    Chip(fit, state.fonts.large, StepStatus::Critical, ui::U32(ui::StatusColor(StepStatus::Critical)));
    ImGui::SameLine();
    ImGui::BeginGroup();
    const auto& tr = state.facilitator.SlideTr();
    const std::string where =
        tr.Format("fac.map.decision", {DecisionNumber(d, m.node), node ? node->title.Get(lang) : m.node});
    const std::string who = tr.Format("fac.slide.teams_n", {std::to_string(m.teams.size()), TeamList(state, m.teams)});
    WrappedIn(fit, state.fonts.bold, where + "  ·  " + who, room * 0.35f);
    ImGui::EndGroup();
    // The option and the steps it broke share what is left, the steps first.
    const ImVec2 left = ImGui::GetContentRegionAvail();
    const float broken_h = std::min(WrappedHeight(fit, broken_font, left.x, broken), left.y * 0.5f);
    WrappedIn(fit, state.fonts.body, "«" + (option ? option->Get(lang) : m.option) + "»", left.y - broken_h - sp);
    const ImVec4 red = pal.critical;
    WrappedIn(fit, broken_font, broken, ImGui::GetContentRegionAvail().y, &red);
    NoteOverflow(fit);
    ImGui::EndChild();
    ImGui::PopID();
  }
}

void DrawEnding(const AppState& state, Fit& fit, const ScenarioDebrief& d, std::size_t index) {
  const Lang lang = SlideLang(state);
  const auto endings = EndingsReached(d);
  if (index >= endings.size()) return;
  const Node* node = d.scenario->FindNode(endings[index].node);
  if (!node || !node->outcome) return;
  const Outcome& o = *node->outcome;
  Prompt(state, "fac.slide.ending", state.fonts.bold);
  const StepStatus sym = o.rating == "good" ? StepStatus::Followed : o.rating == "bad" ? StepStatus::Critical : StepStatus::Violated;
  Chip(fit, state.fonts.huge, sym, ui::U32(ui::RatingColor(o.rating)));
  ImGui::SameLine();
  ImGui::BeginGroup();
  Wrapped(state.fonts.huge, o.label.Get(lang));
  std::vector<std::size_t> teams;
  for (std::size_t t = 0; t < d.teams.size(); ++t)
    if (d.teams[t]->finished() && !d.teams[t]->path_nodes.empty() && d.teams[t]->path_nodes.back() == node->id) teams.push_back(t);
  const ImVec4 muted = CurrentPalette().text_muted;
  Wrapped(state.fonts.bold, state.facilitator.SlideTr().Format("fac.slide.teams_n", {std::to_string(teams.size()), TeamList(state, teams)}), &muted);
  ImGui::EndGroup();
  ImGui::Spacing();
  // The talking points: the largest type that fits.
  const std::string text = o.debrief.Get(lang);
  const float w = ImGui::GetContentRegionAvail().x;
  const bool large = WrappedHeight(fit, state.fonts.large, w, text) <= ImGui::GetContentRegionAvail().y;
  ImFont* font = large ? state.fonts.large : state.fonts.body;
  WrappedIn(fit, font, text, ImGui::GetContentRegionAvail().y);
}

void DrawTakeaways(const AppState& state, Fit& fit, const ScenarioDebrief& d) {
  const Lang lang = SlideLang(state);
  const Palette& pal = CurrentPalette();
  Prompt(state, "fac.slide.takeaways", state.fonts.huge);
  ImGui::Spacing();
  const auto steps = MostViolatedSteps(d, 4);
  if (steps.empty()) {
    Prompt(state, "fac.slide.all_followed", state.fonts.large);
    return;
  }
  Prompt(state, "fac.slide.most_violated", state.fonts.bold);
  ImGui::Spacing();
  // The most broken steps, each whole: the correct action is the take-away. When they do not all
  // fit the slide shrinks; at the smallest size those left over are counted.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float chip = fit.Px(state.fonts.large) * 1.1f + style.ItemSpacing.x;
  const float w = ImGui::GetContentRegionAvail().x - chip;
  const float more_h = fit.Px(state.fonts.body) + style.ItemSpacing.y;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const StepTally& t = steps[i];
    const SopStep* step = d.catalogue->FindStep(t.step);
    if (!step) continue;
    const std::string label = step->label.Get(lang);
    const std::string correct = state.facilitator.SlideTr().Format("fac.slide.correct", {step->correct.Get(lang), step->source});
    const std::string tally = state.facilitator.SlideTr().Format("fac.slide.broken_by", {std::to_string(t.violated + t.critical), std::to_string(t.critical)});
    // The tally beside the step's name when both fit one line, else below it.
    const float label_w = state.fonts.large->CalcTextSizeA(fit.Px(state.fonts.large), FLT_MAX, 0, label.c_str()).x;
    const float tally_w = state.fonts.body->CalcTextSizeA(fit.Px(state.fonts.body), FLT_MAX, 0, tally.c_str()).x;
    const bool beside = label_w + fit.Em(state) + tally_w <= w;
    const float title_h = beside ? fit.Px(state.fonts.large)
                                 : WrappedHeight(fit, state.fonts.large, w, label) +
                                       WrappedHeight(fit, state.fonts.body, w, tally);
    const float h = title_h + WrappedHeight(fit, state.fonts.body, w, correct) + style.ItemSpacing.y * 3;
    const bool last = i + 1 == steps.size();
    if (h + (last ? 0.0f : more_h) > ImGui::GetContentRegionAvail().y) {
      if (!fit.last) fit.overflow = true;
      const ImVec4 muted = pal.text_muted;
      const std::string more =
          state.facilitator.SlideTr().Format("fac.slide.more_steps", {std::to_string(steps.size() - i)});
      WrappedIn(fit, state.fonts.body, more, ImGui::GetContentRegionAvail().y, &muted);
      break;
    }
    const StepStatus s = t.critical > 0 ? StepStatus::Critical : StepStatus::Violated;
    Chip(fit, state.fonts.large, s, ui::U32(ui::StatusColor(s)));
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (beside) {
      ImGui::PushFont(state.fonts.large);
      ImGui::TextUnformatted(label.c_str());
      ui::Track(label.c_str());
      ImGui::PopFont();
      ImGui::SameLine(0, fit.Em(state));
      ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(tally.c_str());
      ui::Track(tally.c_str());
      ImGui::PopStyleColor();
    } else {
      Wrapped(state.fonts.large, label);
      Wrapped(state.fonts.body, tally, &pal.text_muted);
    }
    Wrapped(state.fonts.body, correct);
    ImGui::EndGroup();
    ImGui::Spacing();
  }
}

// The overview: every decision the teams reached as a tile, numbered as its slide when shown.
// A click on a tile's title goes to it; its switch shows or hides the decision's slides.
void DrawOverview(const AppState& state, Fit& fit, const ScenarioDebrief& d, const std::vector<Slide>& slides,
                  ActionQueue& queue) {
  const auto& tr = state.facilitator.SlideTr();
  const Lang lang = SlideLang(state);
  const Palette& pal = CurrentPalette();
  Wrapped(state.fonts.large, tr("fac.overview.title"));
  Wrapped(state.fonts.body, tr("fac.overview.hint"), &pal.text_muted);
  ImGui::Spacing();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float w = ImGui::GetContentRegionAvail().x;
  // Narrower tiles at the smallest size, where the grid would otherwise scroll.
  const int cols = std::max(1, static_cast<int>(w / (fit.Em(state) * (fit.last ? 12.0f : 16.0f))));
  const float tile_w = (w - style.ItemSpacing.x * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  // A tile: its title on up to two lines, where it is, and its buttons.
  const float title_h = fit.Px(state.fonts.bold) * 2.0f + 1.0f;
  const float tile_h = title_h + fit.Px(state.fonts.body) * 2.0f + style.FramePadding.y * 2 + style.ItemSpacing.y * 2 +
                       style.WindowPadding.y * 2 + 2.0f;
  int col = 0;
  for (std::size_t i = 0; i < d.decisions.size(); ++i) {
    const DecisionAggregate& a = d.decisions[i];
    if (a.teams_reached == 0) continue;
    std::size_t number = 0;
    for (std::size_t s = 0; s < slides.size(); ++s)
      if (slides[s].kind == SlideKind::Spread && slides[s].index == i) number = s + 1;
    const Node* node = d.scenario->FindNode(a.node);
    ImGui::PushID(static_cast<int>(i));
    if (col > 0) ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, number ? pal.panel : pal.background);
    ImGui::BeginChild("tile", ImVec2(tile_w, tile_h), true, ImGuiWindowFlags_NoScrollbar);
    const std::string title = tr.Format("fac.map.decision", {std::to_string(i + 1), node ? node->title.Get(lang) : a.node});
    const float title_w = ImGui::GetContentRegionAvail().x;
    Wrapped(state.fonts.bold, ui::EllipsizeLines(state.fonts.bold, fit.Px(state.fonts.bold), title, title_w, title_h));
    const std::string where = number ? tr.Format("fac.overview.slide", {std::to_string(number)}) : tr("fac.overview.hidden");
    ImGui::TextColored(number ? pal.text : pal.text_muted, "%s", where.c_str());
    ui::Track(where.c_str());
    if (number && ui::Button((std::string(tr("fac.overview.go")) + "###go").c_str())) {
      queue.Push([number](AppState& s) { JumpToSlide(s, number); });
    }
    if (number) ImGui::SameLine();
    const std::string node_id = a.node;
    if (ui::Button((std::string(tr(number ? "fac.overview.hide" : "fac.overview.show")) + "###toggle").c_str()))
      queue.Push([node_id](AppState& s) { ToggleShownDecision(s, node_id); });
    NoteOverflow(fit);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PopID();
    col = (col + 1) % cols;
  }
}

// =============================================================================================
// [SECTION] Screen
// =============================================================================================

void HandlePresentKeys(const AppState& state, ActionQueue& queue) {
  for (const auto& k : state.keys_pressed) {
    if (!ui::Plain(k)) continue;
    if (k.key == Key::Letter && k.ch == 'N') {
      queue.Push([](AppState& s) { MoveSlide(s, 1); });
      continue;
    }
    if (k.key == Key::Letter && k.ch == 'A') {
      queue.Push(ToggleAnonymise);
      continue;
    }
    if (k.key == Key::Letter && k.ch == 'L') {
      queue.Push(SwitchSlideLanguage);
      continue;
    }
    if (k.key == Key::Letter && k.ch == 'G') {
      queue.Push(ToggleSlideOverview);
      continue;
    }
    if (k.key == Key::Digit) {  // a slide number, then Enter
      const char c = k.ch;
      queue.Push([c](AppState& s) { TypeSlideDigit(s, c); });
      continue;
    }
    if (k.key == Key::Enter && !state.facilitator.jump.empty()) {
      queue.Push(JumpToTypedSlide);
      continue;
    }
    if (k.key == Key::Escape && (state.facilitator.overview || !state.facilitator.jump.empty())) {
      queue.Push(CloseSlideOverview);
      continue;
    }
    switch (k.key) {
      case Key::Right: case Key::PageDown: case Key::Space: case Key::Enter: case Key::Down:
        queue.Push([](AppState& s) { MoveSlide(s, 1); });
        break;
      case Key::Left: case Key::PageUp: case Key::Backspace: case Key::Up:
        queue.Push([](AppState& s) { MoveSlide(s, -1); });
        break;
      case Key::Home: queue.Push(FirstSlide); break;
      case Key::End:
        queue.Push(LastSlide);
        break;
      case Key::Escape: queue.Push([](AppState& s) { LeavePresentation(s); }); break;
      default: break;
    }
  }
}

const char* SectionKey(SlideKind k) {
  switch (k) {
    case SlideKind::Reactions: return "fac.section.reactions";
    case SlideKind::Spread: case SlideKind::Answer: return "fac.section.decisions";
    case SlideKind::Critical: return "fac.section.critical";
    case SlideKind::Ending: case SlideKind::Takeaways: return "fac.section.takeaways";
  }
  return "fac.section.reactions";
}

}  // namespace

void DrawPresentation(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  HandleFacilitatorCommon(state, queue);
  HandlePresentKeys(state, queue);
  const ScenarioDebrief* d = CurrentDebrief(state);
  if (!d) return;
  // The clicker's arrow keys also move ImGui's keyboard focus onto the screen's frame: its
  // highlight would draw a blue box around the slide on the projector.
  ImGui::PushStyleColor(ImGuiCol_NavHighlight, ImVec4(0, 0, 0, 0));
  BeginFacilitatorScreen("##present");
  const auto slides = SlidesOf(state, f.scenario);
  const std::size_t index = std::min(f.slide, slides.size() - 1);
  const Slide& slide = slides[index];
  const Lang lang = SlideLang(state);
  const Palette& pal = CurrentPalette();

  // Header: scenario and section on the left, the slide number on the right (drawn with the
  // slide, at its scale).
  auto draw_header = [&](const Fit& fit) {
    ImGui::PushFont(state.fonts.bold);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
    std::string header = d->scenario->title.Get(lang) + "  ·  " + f.SlideTr()(SectionKey(slide.kind));
    std::string number = f.jump.empty() ? "" : "→ " + f.jump + "_   ";
    number += std::to_string(index + 1) + " / " + std::to_string(slides.size());
    const float number_w = ImGui::CalcTextSize(number.c_str()).x;
    const float header_w = ImGui::GetContentRegionAvail().x - number_w - fit.Em(state);
    header = ui::Ellipsize(state.fonts.bold, fit.Px(state.fonts.bold), header, header_w);
    ImGui::TextUnformatted(header.c_str());
    ui::Track(header.c_str());
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - number_w);
    ImGui::TextUnformatted(number.c_str());
    ui::Track(number.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
  };

  // The slide body, above a thin progress bar, drawn whole at the largest scale at which it fits:
  // a try that overflows is hidden and drawn again smaller. The scale found is kept for the next
  // frames of the same slide, window, text size and language.
  const float bar_h = 6.0f;
  const ImVec2 body_pos = ImGui::GetCursorPos();
  const ImVec2 body_size(ImGui::GetContentRegionAvail().x,
                         ImGui::GetContentRegionAvail().y - bar_h - ImGui::GetStyle().ItemSpacing.y);
  // The face's minimum body size (what the smallest window at the smallest zoom gets).
  const float min_scale = std::min(1.0f, BodyPx(ImVec2(1, 1), kMinZoom, Face::Presentation) / ui::Em(state.fonts.body));
  char key[160];
  std::snprintf(key, sizeof key, "%zu/%zu/%d/%d/%d/%zu/%.0fx%.0f/%.1f", f.scenario, index, f.overview ? 1 : 0,
                static_cast<int>(lang), f.anonymise ? 1 : 0, slides.size(), body_size.x, body_size.y,
                ui::Em(state.fonts.body));
  float scale = f.slide_scale_key == key ? std::clamp(f.slide_scale, min_scale, 1.0f) : 1.0f;
  for (int attempt = 0;; ++attempt) {
    Fit fit;
    fit.scale = scale;
    fit.last = scale <= min_scale * 1.001f;
    const std::size_t probed = ui::ProbeItems().size();
    ImGui::SetCursorPos(body_pos);
    // The overview is a control panel: at the smallest size it scrolls rather than cut tiles.
    const ImGuiWindowFlags scroll =
        f.overview && fit.last ? 0 : ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
    char id[24];
    std::snprintf(id, sizeof id, "slide-%d", attempt);
    ImGui::BeginChild(id, body_size, false, scroll | ImGuiWindowFlags_NoNavInputs | ImGuiWindowFlags_NoBackground);
    ImGui::SetWindowFontScale(scale);
    {
      const ScaledStyle scaled(scale);
      draw_header(fit);
      if (f.overview) DrawOverview(state, fit, *d, slides, queue);
      else switch (slide.kind) {
        case SlideKind::Reactions: DrawReactions(state, *d, fit); break;
        case SlideKind::Spread: DrawSpread(state, fit, *d, slide.index); break;
        case SlideKind::Answer: DrawAnswer(state, fit, *d, slide.index); break;
        case SlideKind::Critical: DrawCritical(state, fit, *d); break;
        case SlideKind::Ending: DrawEnding(state, fit, *d, slide.index); break;
        case SlideKind::Takeaways: DrawTakeaways(state, fit, *d); break;
      }
    }
    if (!(f.overview && fit.last)) NoteOverflow(fit);
    ImGuiWindow* tried = ImGui::GetCurrentWindow();
    ImGui::EndChild();
    if (!fit.overflow || fit.last) break;
    tried->Hidden = true;  // not rendered, not hovered next frame
    ui::ProbeRewind(probed);
    scale = std::max(min_scale, scale * 0.9f);
  }
  if (f.slide_scale_key != key || f.slide_scale != scale) {
    const std::string fitted = key;
    queue.Push([fitted, scale](AppState& s) { RememberSlideScale(s, fitted, scale); });
  }
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + bar_h), ImGui::GetColorU32(ImGuiCol_FrameBg));
  dl->AddRectFilled(p, ImVec2(p.x + w * static_cast<float>(index + 1) / static_cast<float>(slides.size()), p.y + bar_h),
                    ImGui::ColorConvertFloat4ToU32(pal.accent));
  ImGui::Dummy(ImVec2(w, bar_h));
  EndFacilitatorScreen();
  ImGui::PopStyleColor();
}

}  // namespace sigap::app
