// Presentation mode for the projector: full screen, very large type, one idea per slide, in one
// language at a time (L switches Indonesian/English). Clicker keys: Right/PageDown/Space next,
// Left/PageUp/Backspace back, Home/End, digits then Enter go to a slide, G opens the overview
// (where the facilitator chooses the decisions to show), A hides team names, Esc leaves.
// [SECTION] Layout helpers
// [SECTION] Slides
// [SECTION] Screen
#include <algorithm>

#include "facilitator_actions.h"
#include "facilitator_charts.h"
#include "facilitator_common.h"
#include "facilitator_slides.h"
#include "screens.h"
#include "theme.h"

namespace sigap::app {

namespace {

// =============================================================================================
// [SECTION] Layout helpers
// =============================================================================================

float WrappedHeight(ImFont* font, float wrap, const std::string& text) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text.c_str()).y;
}

void Wrapped(ImFont* font, const std::string& text, const ImVec4* color = nullptr) {
  ImGui::PushFont(font);
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
  ImGui::TextWrapped("%s", text.c_str());
  if (color) ImGui::PopStyleColor();
  ImGui::PopFont();
}

// A prompt from the string tables, in the projector's language.
void Prompt(const AppState& state, const char* key, ImFont* font) { Wrapped(font, state.facilitator.SlideTr()(key)); }

// The same with arguments.
void PromptF(const AppState& state, const char* key, std::initializer_list<std::string> args, ImFont* font) {
  Wrapped(font, state.facilitator.SlideTr().Format(key, args));
}

Lang SlideLang(const AppState& state) { return state.facilitator.present_lang; }

void Chip(ImFont* font, StepStatus s, ImU32 fill) {
  const float size = font->FontSize * 1.1f;
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), fill, 4.0f);
  ui::DrawStatusSymbol(dl, ImVec2(p.x + size * 0.5f, p.y + size * 0.5f), size * 0.75f, s, ui::TextOn(fill));
  ImGui::Dummy(ImVec2(size, size));
}

// A letter badge like the bar chart's, as tall as a line of `line_font` so that the text beside
// it sits level with it.
void LetterBadge(const AppState& state, const std::string& letter, ImU32 fill, ImFont* line_font) {
  ImFont* font = state.fonts.bold;
  const float size = line_font->FontSize;
  const float fs = std::min(font->FontSize, size * 0.8f);
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

void DrawReactions(const AppState& state, const ScenarioDebrief& d) {
  std::size_t finished = 0;
  for (const auto* t : d.teams) finished += t->finished() ? 1 : 0;
  ImGui::Dummy(ImVec2(0, ImGui::GetContentRegionAvail().y * 0.15f));  // the questions sit in the middle
  Prompt(state, "fac.slide.reactions", state.fonts.huge);
  ImGui::Dummy(ImVec2(0, state.fonts.body_px));
  Prompt(state, "fac.slide.reactions_more", state.fonts.large);
  ImGui::Dummy(ImVec2(0, state.fonts.body_px));
  PromptF(state, "fac.slide.teams_played", {std::to_string(d.teams.size()), std::to_string(finished)}, state.fonts.bold);
}

void DecisionLabel(const AppState& state, const ScenarioDebrief& d, std::size_t index, const char* part_key) {
  const DecisionAggregate& a = d.decisions[index];
  const Node* node = d.scenario->FindNode(a.node);
  PromptF(state, part_key, {std::to_string(index + 1), node ? node->title.Get(SlideLang(state)) : a.node}, state.fonts.large);
}

// Bars on a slide: the largest type (and one or two columns) in which every option's whole text
// fits `height`, wrapped, never cut.
BarChartStyle FitBars(const AppState& state, const ScenarioDebrief& d, const DecisionAggregate& a, BarChartStyle style,
                      float width, float height) {
  struct Try {
    ImFont* font;
    int columns;
  };
  const Try tries[] = {{state.fonts.large, 1}, {state.fonts.bold, 1}, {state.fonts.bold, 2}, {state.fonts.body, 1},
                       {state.fonts.body, 2}};
  style.wrap = true;
  style.tooltips = false;
  style.lang = SlideLang(state);
  const float min_column = state.fonts.body_px * 14.0f;  // narrower columns wrap a word a line
  for (const Try& t : tries) {
    if (t.columns > 1 && width / static_cast<float>(t.columns) < min_column) continue;
    style.label_font = t.font;
    style.columns = t.columns;
    style.bar_height = std::max(state.fonts.body_px * 0.45f, t.font->FontSize * 0.5f);
    if (ChoiceBarsHeight(state, d, a, style, width) <= height) return style;
  }
  // Still too tall (the largest text in a small window): the body type, scaled down until it fits.
  style.label_font = state.fonts.body;
  style.columns = width / 2.0f >= min_column ? 2 : 1;
  for (style.scale = 0.9f; style.scale > 0.35f; style.scale *= 0.9f) {
    style.bar_height = std::max(4.0f, state.fonts.body_px * 0.45f * style.scale);
    if (ChoiceBarsHeight(state, d, a, style, width) <= height) break;
  }
  return style;
}

// The question and how the teams chose, before the answer: the room discusses the spread.
void DrawSpread(const AppState& state, const ScenarioDebrief& d, std::size_t index) {
  const DecisionAggregate& a = d.decisions[index];
  const Node* node = d.scenario->FindNode(a.node);
  if (!node || !node->decision) return;
  const Lang lang = SlideLang(state);
  DecisionLabel(state, d, index, "fac.slide.spread");
  Wrapped(state.fonts.bold, node->decision->prompt.Get(lang));
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
  const float below =
      WrappedHeight(state.fonts.body, w, line) + WrappedHeight(state.fonts.bold, w, ask) + ImGui::GetStyle().ItemSpacing.y * 3;
  BarChartStyle style;
  style.team_names = a.options.size() <= 5;
  style = FitBars(state, d, a, style, w, ImGui::GetContentRegionAvail().y - below);
  DrawChoiceBars(state, d, a, style, w);
  const ImVec4 muted = CurrentPalette().text_muted;
  Wrapped(state.fonts.body, line, &muted);
  Wrapped(state.fonts.bold, ask);
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

void DrawAnswer(const AppState& state, const ScenarioDebrief& d, std::size_t index) {
  const DecisionAggregate& a = d.decisions[index];
  const Node* node = d.scenario->FindNode(a.node);
  if (!node || !node->decision) return;
  const Lang lang = SlideLang(state);
  const ImGuiStyle& style = ImGui::GetStyle();
  DecisionLabel(state, d, index, "fac.slide.answer");
  ImGui::Spacing();

  const float gap = state.fonts.body_px * 1.5f;
  const float left_w = (ImGui::GetContentRegionAvail().x - gap) * 0.46f;
  const float height = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("answer-bars", ImVec2(left_w, height), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
  BarChartStyle bars;
  bars.reveal = true;
  bars = FitBars(state, d, a, bars, ImGui::GetContentRegionAvail().x, height);
  DrawChoiceBars(state, d, a, bars, ImGui::GetContentRegionAvail().x);
  ImGui::EndChild();
  ImGui::SameLine(0, gap);

  // The SOP answer: which option(s), why, the legal basis, and the steps behind it.
  ImGui::BeginChild("answer-text", ImVec2(0, height), true, ImGuiWindowFlags_NoScrollbar);
  const Answer ans = FindAnswer(d, a, *node, lang);
  const float w = ImGui::GetContentRegionAvail().x;
  const float badge = state.fonts.large->FontSize + style.ItemSpacing.x;
  const float chip = state.fonts.body->FontSize * 1.1f + style.ItemSpacing.x;
  const float sp = style.ItemSpacing.y;
  const std::string feedback = ans.feedback ? ans.feedback->Get(lang) : "";
  const std::string basis = ans.source && !ans.source->empty() ? state.facilitator.SlideTr().Format("fac.slide.basis", {*ans.source}) : "";
  // A checklist names its right items by letter (the bars show their texts); a choice in full.
  std::string letters;
  for (const auto& [i, text] : ans.recommended) letters += (letters.empty() ? "" : ", ") + OptionLetter(i);
  auto step_text = [&](const SopStep* s) { return s->label.Get(lang) + " (" + s->source + ")"; };
  // The largest type that fits: the option, then the explanation.
  struct Fonts2 {
    ImFont* option;
    ImFont* feedback;
  };
  const Fonts2 tries[] = {{state.fonts.large, state.fonts.large}, {state.fonts.large, state.fonts.body},
                          {state.fonts.bold, state.fonts.body}, {state.fonts.body, state.fonts.body}};
  Fonts2 pick = tries[3];
  for (const auto& t : tries) {
    float h = state.fonts.bold->FontSize + state.fonts.body->FontSize + sp * 3;
    if (a.checklist) h += WrappedHeight(t.option, w, letters) + sp;
    else
      for (const auto& r : ans.recommended) h += WrappedHeight(t.option, w - badge, r.second) + sp;
    h += WrappedHeight(t.feedback, w, feedback) + sp * 2;
    h += WrappedHeight(state.fonts.bold, w, basis) + sp;
    // Steps beyond the third are counted, not listed, when room is short.
    for (std::size_t i = 0; i < ans.steps.size() && i < 3; ++i) h += WrappedHeight(state.fonts.body, w - chip, step_text(ans.steps[i])) + sp;
    if (h <= ImGui::GetContentRegionAvail().y) {
      pick = t;
      break;
    }
  }
  Prompt(state, a.checklist ? "fac.slide.sop_items" : "fac.slide.sop_choice", state.fonts.bold);
  if (ans.recommended.empty()) Wrapped(state.fonts.bold, state.facilitator.SlideTr()("fac.slide.no_clean_choice"));
  else if (a.checklist) Wrapped(pick.option, letters);
  else
    for (const auto& [i, text] : ans.recommended) {
      LetterBadge(state, OptionLetter(i), ui::U32(ui::StatusColor(StepStatus::Followed)), pick.option);
      ImGui::SameLine();
      Wrapped(pick.option, text);
    }
  ImGui::Spacing();
  if (!feedback.empty()) Wrapped(pick.feedback, feedback);
  if (!basis.empty()) Wrapped(state.fonts.bold, basis);
  // The steps behind the answer, as many as fit; the rest are counted.
  const float more_h = state.fonts.body->FontSize + sp;
  for (std::size_t i = 0; i < ans.steps.size(); ++i) {
    const float h = WrappedHeight(state.fonts.body, w - chip, step_text(ans.steps[i])) + sp;
    const bool last = i + 1 == ans.steps.size();
    if (ImGui::GetContentRegionAvail().y < h + (last ? 0.0f : more_h)) {
      const ImVec4 muted = CurrentPalette().text_muted;
      Wrapped(state.fonts.body, state.facilitator.SlideTr().Format("fac.slide.more_steps", {std::to_string(ans.steps.size() - i)}), &muted);
      break;
    }
    Chip(state.fonts.body, StepStatus::Followed, ui::U32(ui::StatusColor(StepStatus::Followed)));
    ImGui::SameLine();
    Wrapped(state.fonts.body, step_text(ans.steps[i]));
  }
  ImGui::EndChild();
}

void DrawCritical(const AppState& state, const ScenarioDebrief& d) {
  const Lang lang = SlideLang(state);
  const Palette& pal = CurrentPalette();
  // A dense slide: the heading in large type, the room goes to the cards.
  Prompt(state, "fac.slide.critical", d.critical_moments.empty() ? state.fonts.huge : state.fonts.large);
  ImGui::Spacing();
  if (d.critical_moments.empty()) {
    Chip(state.fonts.large, StepStatus::Followed, ui::U32(ui::StatusColor(StepStatus::Followed)));
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
    ImGui::BeginChild("moment", ImVec2(card_w, std::min(card_h, state.fonts.body_px * 10.0f)), true, ImGuiWindowFlags_NoScrollbar);
    Chip(state.fonts.large, StepStatus::Critical, ui::U32(ui::StatusColor(StepStatus::Critical)));
    ImGui::SameLine();
    ImGui::BeginGroup();
    Wrapped(state.fonts.bold, state.facilitator.SlideTr().Format("fac.map.decision", {DecisionNumber(d, m.node), node ? node->title.Get(lang) : m.node}) + "  ·  " +
                                  state.facilitator.SlideTr().Format("fac.slide.teams_n", {std::to_string(m.teams.size()), TeamList(state, m.teams)}));
    ImGui::EndGroup();
    Wrapped(state.fonts.body, "«" + (option ? option->Get(lang) : m.option) + "»");
    // One step with its source; several by name (their sources are on the answer slides).
    std::string broken;
    for (const auto& id : m.steps) {
      const SopStep* step = d.catalogue->FindStep(id);
      std::string label = step ? step->label.Get(lang) : id;
      if (step && m.steps.size() == 1) label += " (" + step->source + ")";
      broken += (broken.empty() ? "" : "; ") + label;
    }
    const ImVec4 red = pal.critical;
    Wrapped(m.steps.size() == 1 ? state.fonts.bold : state.fonts.body, state.facilitator.SlideTr().Format("fac.slide.breaks", {broken}), &red);
    ImGui::EndChild();
    ImGui::PopID();
  }
}

void DrawEnding(const AppState& state, const ScenarioDebrief& d, std::size_t index) {
  const Lang lang = SlideLang(state);
  const auto endings = EndingsReached(d);
  if (index >= endings.size()) return;
  const Node* node = d.scenario->FindNode(endings[index].node);
  if (!node || !node->outcome) return;
  const Outcome& o = *node->outcome;
  Prompt(state, "fac.slide.ending", state.fonts.bold);
  const StepStatus sym = o.rating == "good" ? StepStatus::Followed : o.rating == "bad" ? StepStatus::Critical : StepStatus::Violated;
  Chip(state.fonts.huge, sym, ui::U32(ui::RatingColor(o.rating)));
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
  ImFont* font = WrappedHeight(state.fonts.large, w, text) <= ImGui::GetContentRegionAvail().y ? state.fonts.large : state.fonts.body;
  Wrapped(font, text);
}

void DrawTakeaways(const AppState& state, const ScenarioDebrief& d) {
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
  // As many of the most broken steps as fit whole: the correct action is the take-away.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float chip = state.fonts.large->FontSize * 1.1f + style.ItemSpacing.x;
  const float w = ImGui::GetContentRegionAvail().x - chip;
  float room = ImGui::GetContentRegionAvail().y;
  for (const auto& t : steps) {
    const SopStep* step = d.catalogue->FindStep(t.step);
    if (!step) continue;
    const std::string correct = state.facilitator.SlideTr().Format("fac.slide.correct", {step->correct.Get(lang), step->source});
    const std::string tally = state.facilitator.SlideTr().Format("fac.slide.broken_by", {std::to_string(t.violated + t.critical), std::to_string(t.critical)});
    const float h = state.fonts.large->FontSize + WrappedHeight(state.fonts.body, w, correct) + style.ItemSpacing.y * 3;
    if (h > room) break;
    room -= h;
    const StepStatus s = t.critical > 0 ? StepStatus::Critical : StepStatus::Violated;
    Chip(state.fonts.large, s, ui::U32(ui::StatusColor(s)));
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushFont(state.fonts.large);
    ImGui::TextUnformatted(step->label.Get(lang).c_str());
    ImGui::PopFont();
    ImGui::SameLine(0, state.fonts.body_px);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tally.c_str());
    ImGui::PopStyleColor();
    Wrapped(state.fonts.body, correct);
    ImGui::EndGroup();
    ImGui::Spacing();
  }
}

// The overview: every decision the teams reached as a tile, numbered as its slide when shown.
// A click on a tile's title goes to it; its switch shows or hides the decision's slides.
void DrawOverview(const AppState& state, const ScenarioDebrief& d, const std::vector<Slide>& slides, ActionQueue& queue) {
  const auto& tr = state.facilitator.SlideTr();
  const Lang lang = SlideLang(state);
  const Palette& pal = CurrentPalette();
  Wrapped(state.fonts.large, tr("fac.overview.title"));
  Wrapped(state.fonts.body, tr("fac.overview.hint"), &pal.text_muted);
  ImGui::Spacing();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float w = ImGui::GetContentRegionAvail().x;
  const int cols = std::max(1, static_cast<int>(w / (state.fonts.body_px * 16.0f)));
  const float tile_w = (w - style.ItemSpacing.x * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const float tile_h = state.fonts.body->FontSize * 3.2f + state.fonts.bold->FontSize + style.WindowPadding.y * 2;
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
    ImGui::PushFont(state.fonts.bold);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(ui::Ellipsize(state.fonts.bold, state.fonts.bold->FontSize, title, ImGui::GetContentRegionAvail().x * 1.9f).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    const std::string where = number ? tr.Format("fac.overview.slide", {std::to_string(number)}) : tr("fac.overview.hidden");
    ImGui::TextColored(number ? pal.text : pal.text_muted, "%s", where.c_str());
    if (number && ui::Button((std::string(tr("fac.overview.go")) + "###go").c_str())) {
      queue.Push([number](AppState& s) { JumpToSlide(s, number); });
    }
    if (number) ImGui::SameLine();
    const std::string node_id = a.node;
    if (ui::Button((std::string(tr(number ? "fac.overview.hide" : "fac.overview.show")) + "###toggle").c_str()))
      queue.Push([node_id](AppState& s) { ToggleShownDecision(s, node_id); });
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
      queue.Push([](AppState& s) { s.facilitator.anonymise = !s.facilitator.anonymise; });
      continue;
    }
    if (k.key == Key::Letter && k.ch == 'L') {
      queue.Push(SwitchSlideLanguage);
      continue;
    }
    if (k.key == Key::Letter && k.ch == 'G') {
      queue.Push([](AppState& s) { s.facilitator.overview = !s.facilitator.overview; s.facilitator.jump.clear(); });
      continue;
    }
    if (k.key == Key::Digit) {  // a slide number, then Enter
      const char c = k.ch;
      queue.Push([c](AppState& s) { if (s.facilitator.jump.size() < 3) s.facilitator.jump.push_back(c); });
      continue;
    }
    if (k.key == Key::Enter && !state.facilitator.jump.empty()) {
      queue.Push([](AppState& s) { JumpToSlide(s, static_cast<std::size_t>(std::stoul(s.facilitator.jump))); });
      continue;
    }
    if (k.key == Key::Escape && (state.facilitator.overview || !state.facilitator.jump.empty())) {
      queue.Push([](AppState& s) { s.facilitator.overview = false; s.facilitator.jump.clear(); });
      continue;
    }
    switch (k.key) {
      case Key::Right: case Key::PageDown: case Key::Space: case Key::Enter: case Key::Down:
        queue.Push([](AppState& s) { MoveSlide(s, 1); });
        break;
      case Key::Left: case Key::PageUp: case Key::Backspace: case Key::Up:
        queue.Push([](AppState& s) { MoveSlide(s, -1); });
        break;
      case Key::Home: queue.Push([](AppState& s) { s.facilitator.slide = 0; }); break;
      case Key::End:
        queue.Push([](AppState& s) {
          if (!s.facilitator.book.Scenarios().empty()) s.facilitator.slide = SlidesOf(s, s.facilitator.scenario).size() - 1;
        });
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
  BeginFacilitatorScreen("##present");
  const auto slides = SlidesOf(state, f.scenario);
  const std::size_t index = std::min(f.slide, slides.size() - 1);
  const Slide& slide = slides[index];
  const Lang lang = SlideLang(state);
  const Palette& pal = CurrentPalette();

  // Header: scenario and section on the left, the slide number on the right.
  ImGui::PushFont(state.fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
  std::string header = d->scenario->title.Get(lang) + "  ·  " + f.SlideTr()(SectionKey(slide.kind));
  std::string number = (f.jump.empty() ? "" : "→ " + f.jump + "_   ") + std::to_string(index + 1) + " / " + std::to_string(slides.size());
  const float number_w = ImGui::CalcTextSize(number.c_str()).x;
  ImGui::TextUnformatted(ui::Ellipsize(state.fonts.bold, state.fonts.bold->FontSize, header, ImGui::GetContentRegionAvail().x - number_w - 20).c_str());
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - number_w);
  ImGui::TextUnformatted(number.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();

  // The slide body, above a thin progress bar.
  const float bar_h = 6.0f;
  ImGui::BeginChild("slide", ImVec2(0, ImGui::GetContentRegionAvail().y - bar_h - ImGui::GetStyle().ItemSpacing.y), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoNavInputs | ImGuiWindowFlags_NoBackground);
  if (f.overview) DrawOverview(state, *d, slides, queue);
  else switch (slide.kind) {
    case SlideKind::Reactions: DrawReactions(state, *d); break;
    case SlideKind::Spread: DrawSpread(state, *d, slide.index); break;
    case SlideKind::Answer: DrawAnswer(state, *d, slide.index); break;
    case SlideKind::Critical: DrawCritical(state, *d); break;
    case SlideKind::Ending: DrawEnding(state, *d, slide.index); break;
    case SlideKind::Takeaways: DrawTakeaways(state, *d); break;
  }
  ImGui::EndChild();
  ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + bar_h), ImGui::GetColorU32(ImGuiCol_FrameBg));
  dl->AddRectFilled(p, ImVec2(p.x + w * static_cast<float>(index + 1) / static_cast<float>(slides.size()), p.y + bar_h),
                    ImGui::ColorConvertFloat4ToU32(pal.accent));
  ImGui::Dummy(ImVec2(w, bar_h));
  EndFacilitatorScreen();
}

}  // namespace sigap::app
