// The start screen: language, the facilitator's door, unfinished sessions to resume, a compact
// list of scenario cards (several in view even at 720p), the chosen scenario's details, the
// team's pseudonym and initials, and the mode the facilitator set.
// [SECTION] Header
// [SECTION] Resume offers
// [SECTION] Scenario list
// [SECTION] Details and team form
// [SECTION] Start bar and keys
// [SECTION] Screen
#include <algorithm>
#include <cfloat>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "author_actions.h"
#include "player.h"
#include "player_screens.h"
#include "session_log.h"
#include "screens.h"
#include "text.h"
#include "theme.h"
#include "widgets.h"

namespace sigap::app {

namespace {

bool CanStart(const AppState& st) {
  return st.library.FindScenario(st.player.selected_scenario) && st.player.team.find_first_not_of(" \t") != std::string::npos;
}

// =============================================================================================
// [SECTION] Header: the name, the tagline, the language, the facilitator's door
// =============================================================================================
void DrawHeader(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string id_label = std::string(st.tr("lang.id")) + "###lang-id";
  const std::string en_label = std::string(st.tr("lang.en")) + "###lang-en";
  const std::string fac_label = std::string(st.tr("start.facilitator")) + "###facilitator";
  const std::string author_label = std::string(st.tr("start.author")) + "###author";
  float buttons_w = ui::ButtonWidth(id_label.c_str()) + ui::ButtonWidth(en_label.c_str()) + ui::ButtonWidth(fac_label.c_str()) +
                    style.ItemSpacing.x * 2.0f;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float x0 = ImGui::GetCursorPosX();

  ImGui::PushFont(st.fonts.large);
  const float title_w = ImGui::CalcTextSize("SIGAP").x;
  // The author's door only where it fits beside the others: with the largest text the header
  // keeps one row (the participants' screen comes first), and `sigap --author` still opens it.
  const float author_w = ui::ButtonWidth(author_label.c_str()) + style.ItemSpacing.x;
  const bool author_door = title_w + buttons_w + author_w + style.ItemSpacing.x * 2.0f <= avail;
  if (author_door) buttons_w += author_w;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("SIGAP");
  ui::Track("SIGAP");
  ImGui::PopFont();
  // The tagline beside the name when there is room, else under it; left out when the window is
  // short for the text size (very large text on a small screen): the scenarios need the room.
  const std::string tagline = st.tr("app.tagline");
  const float tagline_w = ImGui::CalcTextSize(tagline.c_str()).x;
  const bool tagline_inline = title_w + tagline_w + buttons_w + style.ItemSpacing.x * 4.0f <= avail;
  const bool short_window = ImGui::GetContentRegionAvail().y < ui::Em() * 18.0f;
  if (tagline_inline) {
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_muted);
    ImGui::TextUnformatted(tagline.c_str());
    ImGui::PopStyleColor();
    ui::Track(tagline.c_str());
  }
  if (title_w + buttons_w + style.ItemSpacing.x * 2.0f <= avail) ImGui::SameLine(x0 + avail - buttons_w);
  if (ui::Button(id_label.c_str(), true, lang == Lang::Id)) q.Push([](AppState& s) { player::SetLanguage(s, Lang::Id); });
  ImGui::SameLine();
  if (ui::Button(en_label.c_str(), true, lang == Lang::En)) q.Push([](AppState& s) { player::SetLanguage(s, Lang::En); });
  ImGui::SameLine();
  if (ui::Button(fac_label.c_str())) q.Push([](AppState& s) { player::OpenFacilitator(s); });
  if (author_door) {
    ImGui::SameLine();
    // The author face shows the answers too: behind the same PIN.
    if (ui::Button(author_label.c_str())) q.Push([](AppState& s) { author::OpenBehindPin(s); });
  }
  if (!tagline_inline && !short_window) ui::TextColored(tagline, pal.text_muted);
  ImGui::Separator();
  for (const auto& notice : st.notices) ui::TextColored(notice, pal.warning);
}

// =============================================================================================
// [SECTION] Resume offers: unfinished sessions on this laptop
// =============================================================================================
// A session open in another window (RES006): bring that window forward, or wait and continue
// here once it lets go (checked each second; no frame is drawn in between).
void DrawBusySession(const AppState& st, ActionQueue& q) {
  const PlayerState& p = st.player;
  if (p.busy_log.empty()) return;
  const Palette& pal = CurrentPalette();
  ui::TextIn(st.fonts.bold, st.tr("problem.RES006"), pal.warning);
  if (!p.raise_message.empty()) ui::TextColored(p.raise_message, pal.text_muted);
  if (p.waiting_for_busy) {
    ui::TextColored(st.tr("start.busy.waiting"), pal.text_muted);
    if (!SessionLogOpenElsewhere(p.busy_log)) {
      std::string path = p.busy_log;
      q.Push([path](AppState& s) { player::ResumeSession(s, path); });
    } else {
      q.WakeAt(st.now + 1.0);
    }
  }
  if (ui::Button((std::string(st.tr("start.busy.raise")) + "###busy_raise").c_str())) q.Push(player::BringSessionForward);
  ImGui::SameLine();
  if (!p.waiting_for_busy && ui::Button((std::string(st.tr("start.busy.wait")) + "###busy_wait").c_str()))
    q.Push(player::WaitForBusySession);
  if (!p.waiting_for_busy) ImGui::SameLine();
  if (ui::Button((std::string(st.tr("start.busy.cancel")) + "###busy_cancel").c_str()))
    q.Push(player::ForgetBusySession);
  ImGui::Separator();
}

void DrawResumeOffers(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  DrawBusySession(st, q);
  const auto& offers = st.player.resume_offers;
  if (offers.empty()) return;
  ui::TextIn(st.fonts.bold, st.tr("start.resume.title"), pal.accent);
  constexpr std::size_t kShown = 3;
  for (std::size_t i = 0; i < offers.size() && i < kShown; ++i) {
    const ResumeOffer& o = offers[i];
    ImGui::PushID(static_cast<int>(i));
    auto scenario = st.library.FindScenario(o.scenario_id);
    const std::string title = scenario ? scenario->title.Get(st.tr.Language()) : o.scenario_id;
    ui::Text(st.tr.Format("start.resume.row", {o.team, title, st.tr.Count("count.decisions", o.decisions), ui::LocalTime(o.started_utc)}));
    if (!o.installed) ui::TextColored(st.tr("start.resume.not_installed"), pal.warning);
    if (o.open_elsewhere) ui::TextColored(st.tr("start.resume.open_elsewhere"), pal.warning);
    if (ui::Button((std::string(st.tr("start.resume.button")) + "###resume").c_str(), o.installed)) {
      std::string path = o.path;
      q.Push([path](AppState& s) { player::ResumeSession(s, path); });
    }
    ImGui::PopID();
  }
  if (offers.size() > kShown) ui::TextColored(st.tr.Format("start.resume.more", {std::to_string(offers.size() - kShown)}), pal.text_muted);
  ImGui::Separator();
}

// =============================================================================================
// [SECTION] Scenario list: compact cards, so that several show at once
// =============================================================================================
// "Untuk siapa": when the scenarios are more than a screenful, the list can be narrowed to those
// whose guide names an audience (the tags of docs/scenario-format.md, in their fixed order).
void DrawAudienceFilter(const AppState& st, ActionQueue& q, std::size_t count) {
  constexpr std::size_t kScreenful = 4;
  if (count <= kScreenful && st.player.audience_filter.empty()) return;
  const Lang lang = st.tr.Language();
  std::vector<std::string> tags;
  for (const auto& tag : GuideAudienceTags())
    for (const auto& s : st.library.Scenarios())
      if (auto g = st.library.FindGuide(s->id);
          g && std::find(g->audience_tags.begin(), g->audience_tags.end(), tag) != g->audience_tags.end()) {
        tags.push_back(tag);
        break;
      }
  if (tags.empty()) return;
  const std::string& current = st.player.audience_filter;
  const std::string shown = current.empty() ? st.tr("start.audience.all") : GuideAudienceLabel(current).Get(lang);
  ui::Text(st.tr("start.audience.label"));
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
  if (ImGui::BeginCombo("##audience", shown.c_str())) {
    auto item = [&](const std::string& tag, const std::string& label) {
      if (ImGui::Selectable(label.c_str(), tag == current)) q.Push([tag](AppState& a) { player::FilterByAudience(a, tag); });
    };
    item("", st.tr("start.audience.all"));
    for (const auto& tag : tags) item(tag, GuideAudienceLabel(tag).Get(lang));
    ImGui::EndCombo();
  }
  ui::Track(shown.c_str());
}

void DrawScenarioList(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  ui::TextIn(st.fonts.bold, st.tr.Format("start.scenarios", {std::to_string(st.library.Scenarios().size())}), pal.text);
  auto scenarios = st.library.Scenarios();
  if (scenarios.empty()) ui::TextColored(st.tr("start.no_scenarios"), pal.critical);
  DrawAudienceFilter(st, q, scenarios.size());
  const std::string& filter = st.player.audience_filter;
  int number = 0;
  for (const auto& s : scenarios) {
    ++number;  // a scenario keeps its number (and key) whatever the filter hides
    auto guide = st.library.FindGuide(s->id);
    if (!filter.empty() && (!guide || std::find(guide->audience_tags.begin(), guide->audience_tags.end(), filter) ==
                                          guide->audience_tags.end()))
      continue;
    const bool selected = s->id == st.player.selected_scenario;
    std::vector<ui::Piece> pieces;
    pieces.push_back({st.fonts.bold, pal.text, s->title.Get(lang), 0.0f});
    pieces.push_back({nullptr, pal.text_muted,
                      st.tr.Format("start.card.meta", {ui::KindLabel(st.tr, s->kind), s->place.Get(lang), std::to_string(s->minutes)}), 0.1f});
    if (guide && !guide->audience.Get(lang).empty())
      pieces.push_back({nullptr, pal.text, st.tr.Format("start.card.audience", {guide->audience.Get(lang)}), 0.1f});
    if (ui::Card(s->id.c_str(), number, pieces, selected)) {
      std::string id = s->id;
      q.Push([id](AppState& a) { player::SelectScenario(a, id); });
    }
    // Picked by key or preselected: brought into view once, then the team scrolls freely.
    if (st.player.scroll_to == s->id && ui::ScrollLastItemIntoView()) q.Push(player::ScrolledIntoView);
  }
}

// =============================================================================================
// [SECTION] Details and team form: what the chosen scenario is, who plays it, the mode
// =============================================================================================
void DrawDetails(const AppState& st) {
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  auto s = st.library.FindScenario(st.player.selected_scenario);
  if (!s) return;
  ui::TextIn(st.fonts.large, s->title.Get(lang), pal.text);
  ui::Paragraphs(s->summary.Get(lang));
  if (!s->role.Get(lang).empty()) {
    ui::TextIn(st.fonts.bold, st.tr("start.card.role"), pal.accent);
    ui::Paragraphs(s->role.Get(lang));
  }
  if (!s->content_warning.Get(lang).empty()) {
    ui::TextIn(st.fonts.bold, st.tr("start.card.warning"), pal.warning);
    ui::Paragraphs(s->content_warning.Get(lang));
  }
  ImGui::Separator();
}

void DrawTeamForm(const AppState& st, ActionQueue& q) {
  const Palette& pal = CurrentPalette();
  const PlayerState& p = st.player;
  const float width = ImGui::GetContentRegionAvail().x;

  ui::TextIn(st.fonts.bold, st.tr("start.team"), pal.text);
  std::string team = p.team;
  ImGui::SetNextItemWidth(width);
  if (ImGui::InputTextWithHint("##team", st.tr("start.team.hint"), &team)) q.Push([team](AppState& s) { player::SetTeam(s, team); });
  ui::Track("##team");
  ui::TextColored(st.tr.Format("start.team.note", {std::to_string(kTeamNameMax)}), p.team_cut ? pal.warning : pal.text_muted);

  ui::TextIn(st.fonts.bold, st.tr("start.members"), pal.text);
  std::string members = p.members;
  ImGui::SetNextItemWidth(width);
  if (ImGui::InputTextWithHint("##members", st.tr("start.members.hint"), &members))
    q.Push([members](AppState& s) { player::SetMembers(s, members); });
  ui::Track("##members");
  ui::TextColored(st.tr("start.members.note"), pal.text_muted);

  ImGui::Spacing();
  ImGui::Separator();
  ui::TextIn(st.fonts.bold, st.tr.Format("start.mode", {ui::ModeLabel(st.tr, p.workshop_mode)}), pal.accent);
  ui::Text(st.tr(p.workshop_mode == Mode::Assessment ? "start.mode.assessment_note" : "start.mode.training_note"));
  ui::TextColored(st.tr(p.mode_from_command_line ? "start.mode.command_line" : "start.mode.set_by"), pal.text_muted);
  if (ui::Button((std::string(st.tr("start.load_settings")) + "###load-settings").c_str()))
    q.Push([](AppState& s) { player::LoadWorkshopFromStick(s); });
  if (!p.settings_message.empty()) ui::TextColored(p.settings_message, p.settings_ok ? pal.follows : pal.warning);
  DrawRoomJoin(st, q);
}

// =============================================================================================
// [SECTION] Start bar and keys: the button stays in view below the form at any text size
// =============================================================================================
std::string StartBarNote(const AppState& st) {
  if (!st.player.start_error.empty()) return st.player.start_error;
  if (!CanStart(st)) return st.tr("start.begin.need_team");
  if (st.player.confirm_same_team) return st.tr.Format("start.same_team", {st.player.team, st.player.same_team_started});
  if (auto s = st.library.FindScenario(st.player.selected_scenario)) return st.tr.Format("start.selected", {s->title.Get(st.tr.Language())});
  return {};
}

ImFont* StartBarFont(const AppState& st) { return st.player.start_error.empty() && CanStart(st) ? st.fonts.bold : st.fonts.body; }

const char* StartLabel(const AppState& st) { return st.tr(st.player.confirm_same_team ? "start.begin.anyway" : "start.begin"); }

float StartBarHeight(const AppState& st, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string note = StartBarNote(st);
  float h = ImGui::GetFrameHeight() + style.ItemSpacing.y;
  if (!note.empty()) {
    ImFont* font = StartBarFont(st);
    h += font->CalcTextSizeA(font->FontSize, FLT_MAX, width, note.c_str()).y + style.ItemSpacing.y;
  }
  return h;
}

void DrawStartBar(const AppState& st, ActionQueue& q, float width) {
  const Palette& pal = CurrentPalette();
  const std::string note = StartBarNote(st);
  const bool ready = CanStart(st);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  if (!note.empty()) {
    const bool problem = !st.player.start_error.empty() || st.player.confirm_same_team;
    ImGui::PushStyleColor(ImGuiCol_Text, problem ? pal.critical : ready ? pal.text : pal.text_muted);
    ImGui::PushFont(StartBarFont(st));
    ImGui::TextUnformatted(note.c_str());
    ui::Track(note.c_str());
    ImGui::PopFont();
    ImGui::PopStyleColor();
  }
  ImGui::PopTextWrapPos();
  ImGui::PushFont(st.fonts.bold);
  if (ui::Button((std::string(StartLabel(st)) + "  [" + st.tr("key.enter") + "]###begin").c_str(), ready, true, width))
    q.Push([](AppState& s) { player::StartSession(s); });
  ImGui::PopFont();
}

void HandleKeys(const AppState& st, ActionQueue& q) {
  auto scenarios = st.library.Scenarios();
  const bool typing = ImGui::GetIO().WantTextInput;
  for (const KeyPress& k : st.keys_pressed) {
    int d = ui::DigitOf(k);
    if (d >= 1 && d <= 9 && !typing && static_cast<std::size_t>(d) <= scenarios.size()) {
      std::string id = scenarios[static_cast<std::size_t>(d) - 1]->id;
      q.Push([id](AppState& s) {
        player::SelectScenario(s, id);
        player::ScrollTo(s, id);
      });
    } else if (ui::IsEnter(k) && CanStart(st)) {
      q.Push([](AppState& s) { player::StartSession(s); });
      return;
    }
  }
}

}  // namespace

// =============================================================================================
// [SECTION] Screen
// =============================================================================================
void DrawStartScreen(const AppState& st, ActionQueue& q) {
  DrawHeader(st, q);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float em = ui::Em();
  const bool two_columns = avail.x / em >= 34.0f;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  if (two_columns) {
    // The list on the left, the chosen scenario and the form on the right; each scrolls alone.
    const float list_w = std::floor((avail.x - spacing) * 0.42f);
    ImGui::BeginChild("##scenarios", ImVec2(list_w, avail.y), false, ImGuiWindowFlags_NoBackground);
    DrawResumeOffers(st, q);
    DrawScenarioList(st, q);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginGroup();
    const float form_w = avail.x - list_w - spacing;
    const float bar_h = StartBarHeight(st, form_w);
    ImGui::BeginChild("##form", ImVec2(form_w, std::max(avail.y - bar_h, em * 3.0f)), true);
    DrawDetails(st);
    DrawTeamForm(st, q);
    ImGui::EndChild();
    DrawStartBar(st, q, form_w);
    ImGui::EndGroup();
  } else {
    const float bar_h = StartBarHeight(st, avail.x);
    ImGui::BeginChild("##start", ImVec2(avail.x, std::max(avail.y - bar_h, em * 3.0f)), false, ImGuiWindowFlags_NoBackground);
    DrawResumeOffers(st, q);
    DrawScenarioList(st, q);
    ImGui::Spacing();
    DrawDetails(st);
    DrawTeamForm(st, q);
    ImGui::EndChild();
    DrawStartBar(st, q, avail.x);
  }
  HandleKeys(st, q);
}

}  // namespace sigap::app
