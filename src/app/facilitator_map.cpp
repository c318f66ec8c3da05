// The scenario map: the story's graph laid out left to right (facilitator_map_layout.h), each
// edge as thick as the number of teams that took it, endings coloured by rating. Pick a team
// (Up/Down or its button) to highlight its path; Left/Right replay it node by node.
// +/− zoom, 0 fits, drag pans.
// [SECTION] Geometry
// [SECTION] Drawing
// [SECTION] Caption
// [SECTION] Screen
#include <algorithm>
#include <cmath>

#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "facilitator_map_layout.h"
#include "screens.h"
#include "theme.h"

namespace sigap::app {

namespace {

// =============================================================================================
// [SECTION] Geometry: layout units → screen pixels
// =============================================================================================
constexpr float kBoxW = 0.6f * MapLayout::kLayerGap;
constexpr float kBoxH = 0.74f * MapLayout::kRowGap;
constexpr float kEndingW = 1.9f * MapLayout::kLayerGap;  // endings sit in the last layer: room to the right
constexpr float kEndingH = 0.84f * MapLayout::kRowGap;

struct View {
  ImVec2 origin;  // screen position of layout (0, 0)
  float scale = 1;
  ImVec2 At(MapPoint p) const { return ImVec2(origin.x + p.x * scale, origin.y + p.y * scale); }
};

struct BoxRect {
  ImVec2 min, max;
  ImVec2 Left() const { return ImVec2(min.x, (min.y + max.y) * 0.5f); }
  ImVec2 Right() const { return ImVec2(max.x, (min.y + max.y) * 0.5f); }
};

BoxRect RectOf(const View& v, const MapLayout::Box& b, bool ending) {
  ImVec2 c = v.At(b.pos);
  const float hw = kBoxW * 0.5f * v.scale;
  if (ending) return {ImVec2(c.x - hw, c.y - kEndingH * 0.5f * v.scale), ImVec2(c.x - hw + kEndingW * v.scale, c.y + kEndingH * 0.5f * v.scale)};
  return {ImVec2(c.x - hw, c.y - kBoxH * 0.5f * v.scale), ImVec2(c.x + hw, c.y + kBoxH * 0.5f * v.scale)};
}

View FitView(const AppState& state, const MapLayout& layout, ImVec2 canvas_min, ImVec2 canvas_size) {
  const auto& f = state.facilitator;
  const float margin = ui::Em();
  const float world_w = static_cast<float>(std::max(layout.layers - 1, 0)) * MapLayout::kLayerGap - kBoxW * 0.5f + kEndingW + kBoxW * 0.5f;
  const float world_h = layout.max_y - layout.min_y + kEndingH;
  float fit = std::min((canvas_size.x - margin * 2) / world_w, (canvas_size.y - margin * 2) / world_h);
  fit = std::clamp(fit, 0.2f, 3.0f);
  View v;
  v.scale = fit * f.map_zoom;
  // Centre the layout, then apply the pan.
  const float left = -kBoxW * 0.5f, mid_y = (layout.min_y + layout.max_y) * 0.5f;
  v.origin = ImVec2(canvas_min.x + (canvas_size.x - world_w * v.scale) * 0.5f - left * v.scale + f.map_pan_x,
                    canvas_min.y + canvas_size.y * 0.5f - mid_y * v.scale + f.map_pan_y);
  return v;
}

// =============================================================================================
// [SECTION] Drawing
// =============================================================================================

void Curve(ImDrawList* dl, const std::vector<ImVec2>& pts, ImU32 col, float thickness) {
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    const ImVec2 a = pts[i], b = pts[i + 1];
    const float dx = (b.x - a.x) * 0.5f;
    dl->AddBezierCubic(a, ImVec2(a.x + dx, a.y), ImVec2(b.x - dx, b.y), b, col, thickness);
  }
}

void Arrowhead(ImDrawList* dl, ImVec2 tip, float size, ImU32 col) {
  dl->AddTriangleFilled(tip, ImVec2(tip.x - size, tip.y - size * 0.6f), ImVec2(tip.x - size, tip.y + size * 0.6f), col);
}

struct PathInfo {
  const ImportedSession* team = nullptr;
  std::vector<std::string> nodes;  // the part of the path shown (all of it, or up to the replay step)
  std::string current;             // the replay step's node ("" = no replay)
};

bool OnPath(const PathInfo& p, const std::string& from, const std::string& to) {
  for (std::size_t i = 1; i < p.nodes.size(); ++i)
    if (p.nodes[i - 1] == from && p.nodes[i] == to) return true;
  return false;
}

bool Visited(const PathInfo& p, const std::string& node) { return std::find(p.nodes.begin(), p.nodes.end(), node) != p.nodes.end(); }

std::vector<ImVec2> EdgePoints(const View& v, const MapLayout& layout, const MapLayout::Edge& e, const Scenario& sc) {
  const auto* a = layout.Find(e.from);
  const auto* b = layout.Find(e.to);
  if (!a || !b) return {};
  const Node* na = sc.FindNode(e.from);
  const Node* nb = sc.FindNode(e.to);
  BoxRect ra = RectOf(v, *a, na && na->type == Node::Type::Ending);
  BoxRect rb = RectOf(v, *b, nb && nb->type == Node::Type::Ending);
  std::vector<ImVec2> pts{ra.Right()};
  for (const auto& w : e.waypoints) pts.push_back(v.At(w));
  pts.push_back(rb.Left());
  return pts;
}

void DrawEdges(const AppState& state, const ScenarioDebrief& d, const MapLayout& layout, const View& v, const PathInfo& path) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& pal = CurrentPalette();
  int max_count = 1;
  for (const auto& [k, n] : d.edges) max_count = std::max(max_count, n);
  const bool team_on = path.team != nullptr;
  ImVec4 grey = pal.not_reached;
  grey.w = 0.55f;
  ImVec4 taken = pal.accent;
  if (team_on) taken = ImVec4(pal.not_reached.x, pal.not_reached.y, pal.not_reached.z, 0.8f);
  const float unit = std::max(1.0f, ui::Em() / 24.0f);
  struct Label {
    ImVec2 at;
    int count;
  };
  std::vector<Label> labels;
  auto branches = [&](const std::string& from) {
    return std::count_if(layout.edges.begin(), layout.edges.end(), [&](const MapLayout::Edge& x) { return x.from == from; }) > 1;
  };
  for (const auto& e : layout.edges) {
    std::vector<ImVec2> pts = EdgePoints(v, layout, e, *d.scenario);
    if (pts.size() < 2) continue;
    auto it = d.edges.find({e.from, e.to});
    const int count = it == d.edges.end() ? 0 : it->second;
    const float thick = count == 0 ? 1.5f * unit : (2.5f + 10.0f * static_cast<float>(count) / static_cast<float>(max_count)) * unit;
    const ImU32 col = ImGui::ColorConvertFloat4ToU32(count == 0 ? grey : taken);
    if (e.back) {
      // A loop back in the story: an arc under the boxes.
      const ImVec2 a(pts.front().x - kBoxW * 0.5f * v.scale, pts.front().y + kBoxH * 0.5f * v.scale);
      const ImVec2 b(pts.back().x + kBoxW * 0.5f * v.scale, pts.back().y + kBoxH * 0.5f * v.scale);
      const float drop = MapLayout::kRowGap * 0.6f * v.scale;
      dl->AddBezierCubic(a, ImVec2(a.x, a.y + drop), ImVec2(b.x, b.y + drop), b, col, thick);
      continue;
    }
    Curve(dl, pts, col, thick);
    const float gap = (MapLayout::kLayerGap - kBoxW) * v.scale;
    Arrowhead(dl, pts.back(), std::clamp(thick * 0.6f + 5.0f, 6.0f, gap * 0.4f), col);
    // Counts where the story branches (on a straight run the thickness says enough).
    if (count > 0 && branches(e.from)) labels.push_back({ImVec2((pts[0].x + pts[1].x) * 0.5f, (pts[0].y + pts[1].y) * 0.5f), count});
  }
  // The highlighted team's path on top, in the accent colour.
  if (team_on) {
    const ImU32 col = ImGui::ColorConvertFloat4ToU32(pal.accent);
    for (const auto& e : layout.edges) {
      if (e.back || !OnPath(path, e.from, e.to)) continue;
      std::vector<ImVec2> pts = EdgePoints(v, layout, e, *d.scenario);
      if (pts.size() < 2) continue;
      Curve(dl, pts, col, 7.0f * unit);
      Arrowhead(dl, pts.back(), std::min(14.0f * unit, (MapLayout::kLayerGap - kBoxW) * v.scale * 0.45f), col);
    }
  }
  // How many teams took each edge, in a small bubble.
  ImFont* font = state.fonts.bold;
  const float fs = std::min(font->FontSize, std::max(14.0f, 30.0f * v.scale));
  for (const auto& l : labels) {
    const std::string text = std::to_string(l.count);
    ImVec2 ts = font->CalcTextSizeA(fs, FLT_MAX, 0, text.c_str());
    const float r = std::max(ts.x, ts.y) * 0.5f + 3;
    dl->AddCircleFilled(l.at, r, ImGui::ColorConvertFloat4ToU32(pal.background));
    dl->AddCircle(l.at, r, ImGui::ColorConvertFloat4ToU32(pal.text_muted), 0, 1.5f);
    dl->AddText(font, fs, ImVec2(l.at.x - ts.x * 0.5f, l.at.y - ts.y * 0.5f), ImGui::ColorConvertFloat4ToU32(pal.text), text.c_str());
  }
}

// Text centred in a box, wrapped, at most as many lines as fit.
void BoxText(ImDrawList* dl, ImFont* font, float size, const BoxRect& r, const std::string& text, ImU32 col, float top_offset = 0) {
  const float pad = 4;
  const float w = r.max.x - r.min.x - pad * 2;
  ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, w, text.c_str());
  const float avail_h = r.max.y - r.min.y - top_offset;
  const float y = r.min.y + top_offset + std::max(0.0f, (avail_h - ts.y) * 0.5f);
  dl->PushClipRect(r.min, r.max, true);
  // Line by line, so that each line is centred.
  const char* s = text.c_str();
  const char* end = s + text.size();
  float line_y = y;
  while (s < end && line_y < r.max.y) {
    const char* line_end = font->CalcWordWrapPositionA(size / font->FontSize, s, end, w);
    if (line_end == s) line_end = s + 1;
    ImVec2 ls = font->CalcTextSizeA(size, FLT_MAX, 0, s, line_end);
    dl->AddText(font, size, ImVec2(r.min.x + (r.max.x - r.min.x - ls.x) * 0.5f, line_y), col, s, line_end);
    line_y += size * 1.15f;
    s = line_end;
    while (s < end && (*s == ' ' || *s == '\n')) ++s;
  }
  dl->PopClipRect();
}

// Returns the hovered node, if any.
const Node* DrawBoxes(const AppState& state, const ScenarioDebrief& d, const MapLayout& layout, const View& v, const PathInfo& path) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Palette& pal = CurrentPalette();
  const Lang lang = state.tr.Language();
  const ImU32 ink = ImGui::ColorConvertFloat4ToU32(pal.text);
  const ImU32 box_fill = ImGui::GetColorU32(ImGuiCol_FrameBg);
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
  const ImU32 accent = ImGui::ColorConvertFloat4ToU32(pal.accent);
  const ImU32 accent_text = ImGui::ColorConvertFloat4ToU32(pal.accent_text);
  ImVec4 visited4 = pal.accent;
  visited4.w = 0.22f;
  const ImU32 visited_fill = ImGui::ColorConvertFloat4ToU32(visited4);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hover_ok = ImGui::IsWindowHovered();
  const Node* hovered = nullptr;
  for (const auto& b : layout.boxes) {
    const Node* node = d.scenario->FindNode(b.node);
    if (!node) continue;
    const bool ending = node->type == Node::Type::Ending;
    const BoxRect r = RectOf(v, b, ending);
    const bool current = !path.current.empty() && path.current == b.node;
    const bool visited = path.team && Visited(path, b.node);
    ImU32 fill = box_fill, text_col = ink;
    if (ending && node->outcome) {
      fill = ui::U32(ui::RatingColor(node->outcome->rating));
      text_col = ui::TextOn(fill);
    } else if (current) {
      fill = accent;
      text_col = accent_text;
    } else if (visited) {
      fill = visited_fill;
    }
    const float round = 6.0f * std::min(1.0f, v.scale);
    dl->AddRectFilled(r.min, r.max, fill, round);
    dl->AddRect(r.min, r.max, node->type == Node::Type::Decision ? ink : border, round, 0, node->type == Node::Type::Decision ? 2.0f : 1.5f);
    if (visited && !ending) dl->AddRect(r.min, r.max, accent, round, 0, 4.0f);
    if (visited && ending) dl->AddRect(ImVec2(r.min.x - 4, r.min.y - 4), ImVec2(r.max.x + 4, r.max.y + 4), accent, round, 0, 5.0f);
    if (current) dl->AddRect(ImVec2(r.min.x - 6, r.min.y - 6), ImVec2(r.max.x + 6, r.max.y + 6), ink, round, 0, 4.0f);

    // Label: the decision number, or a mark for scenes; endings show their outcome.
    const float box_h = r.max.y - r.min.y, box_w = r.max.x - r.min.x;
    if (ending && node->outcome) {
      const float size = std::min(state.fonts.bold->FontSize, box_h * 0.34f);
      BoxText(dl, state.fonts.bold, size, r, node->outcome->label.Get(lang), text_col);
    } else {
      const bool titles = box_w >= ui::Em() * 5.5f;  // zoomed in far enough for words
      if (node->type != Node::Type::Decision) {
        // Scenes: a "play" triangle for the start, a diamond for the others (the font has neither).
        const ImVec2 c((r.min.x + r.max.x) * 0.5f, titles ? r.min.y + box_h * 0.2f : (r.min.y + r.max.y) * 0.5f);
        const float h = std::min(box_h, box_w) * (titles ? 0.13f : 0.25f);
        if (b.node == d.scenario->start)
          dl->AddTriangleFilled(ImVec2(c.x - h * 0.8f, c.y - h), ImVec2(c.x - h * 0.8f, c.y + h), ImVec2(c.x + h, c.y), text_col);
        else
          dl->AddQuadFilled(ImVec2(c.x, c.y - h), ImVec2(c.x + h, c.y), ImVec2(c.x, c.y + h), ImVec2(c.x - h, c.y), text_col);
        if (titles) BoxText(dl, state.fonts.body, std::min(state.fonts.body->FontSize, box_h * 0.2f), r, node->title.Get(lang), text_col, box_h * 0.35f);
        if (hover_ok && mouse.x >= r.min.x && mouse.x < r.max.x && mouse.y >= r.min.y && mouse.y < r.max.y) hovered = node;
        continue;
      }
      std::string number = DecisionNumber(d, node->id);
      const float num_size = std::min(state.fonts.large->FontSize, box_h * (titles ? 0.3f : 0.55f));
      ImVec2 ns = state.fonts.large->CalcTextSizeA(num_size, FLT_MAX, 0, number.c_str());
      const float top = titles ? r.min.y + 4 : r.min.y + (box_h - ns.y) * 0.5f;
      dl->AddText(state.fonts.large, num_size, ImVec2(r.min.x + (box_w - ns.x) * 0.5f, top), text_col, number.c_str());
      if (titles) BoxText(dl, state.fonts.body, std::min(state.fonts.body->FontSize, box_h * 0.2f), r, node->title.Get(lang), text_col, ns.y + 6);
    }
    if (hover_ok && mouse.x >= r.min.x && mouse.x < r.max.x && mouse.y >= r.min.y && mouse.y < r.max.y) hovered = node;
  }
  return hovered;
}

// =============================================================================================
// [SECTION] Caption: what the room reads about the step or node in focus
// =============================================================================================

const DecisionRecord* TeamDecisionAt(const ImportedSession& s, const std::string& node) {
  const std::size_t n = std::min(s.decisions_replayed, s.log.decisions.size());
  for (std::size_t i = 0; i < n; ++i)
    if (s.log.decisions[i].node == node) return &s.log.decisions[i];
  return nullptr;
}

void NodeHeading(const AppState& state, const ScenarioDebrief& d, const Node& node) {
  const Lang lang = state.tr.Language();
  std::string number = DecisionNumber(d, node.id);
  std::string title = node.title.Get(lang);
  if (!number.empty()) title = state.tr.Format("fac.map.decision", {number, title});
  else if (node.type == Node::Type::Ending && node.outcome) title = state.tr.Format("fac.map.ending", {node.outcome->label.Get(lang)});
  ImGui::PushFont(state.fonts.large);
  ImGui::TextWrapped("%s", title.c_str());
  ImGui::PopFont();
}

void DrawTeamStep(const AppState& state, const ScenarioDebrief& d, const PathInfo& path, std::size_t team, int step) {
  const Lang lang = state.tr.Language();
  const ImportedSession& s = *path.team;
  const Node* node = d.scenario->FindNode(s.path_nodes[static_cast<std::size_t>(step)]);
  if (!node) return;
  ImGui::PushFont(state.fonts.bold);
  ImGui::TextUnformatted(state.tr.Format("fac.map.step_of", {TeamLabel(state, team), std::to_string(step + 1),
                                                           std::to_string(s.path_nodes.size())}).c_str());
  ImGui::PopFont();
  NodeHeading(state, d, *node);
  if (const DecisionRecord* r = TeamDecisionAt(s, node->id)) {
    // The team's choice, and how the SOP judged it (the worst verdict of its tags).
    std::optional<Verdict> worst;
    for (const auto& tag : s.score.tags)
      if (tag.node == node->id) worst = worst ? std::max(*worst, tag.verdict) : tag.verdict;
    std::string what;
    if (r->checklist) {
      int hits = 0, misses = 0, false_alarms = 0;
      for (const auto& c : s.score.checklists)
        if (c.node == node->id) hits = c.hits, misses = c.misses, false_alarms = c.false_alarms;
      what = state.tr.Format("fac.map.ticked", {std::to_string(r->items.size()), std::to_string(hits), std::to_string(misses),
                                                std::to_string(false_alarms)});
    } else {
      const LocalText* t = node->OptionText(r->timed_out && r->choice.empty() ? std::string(kTimeoutOption) : r->choice);
      what = state.tr.Format("fac.map.chose", {t ? t->Get(lang) : r->choice});
    }
    if (r->timed_out) what += "  " + std::string(state.tr("fac.map.timed_out"));
    if (worst) ui::StatusChip(StatusOf(*worst), what.c_str());
    else ImGui::TextWrapped("%s", what.c_str());
  } else if (node->type == Node::Type::Ending && node->outcome) {
    ImGui::TextUnformatted(ui::RatingLabel(state.tr, node->outcome->rating));
  }
}

void DrawCaption(const AppState& state, const ScenarioDebrief& d, const PathInfo& path, const Node* hovered) {
  const auto& f = state.facilitator;
  const Lang lang = state.tr.Language();
  if (path.team && f.map_step >= 0 && static_cast<std::size_t>(f.map_step) < path.team->path_nodes.size()) {
    DrawTeamStep(state, d, path, static_cast<std::size_t>(f.map_team), f.map_step);
    return;
  }
  if (hovered) {
    NodeHeading(state, d, *hovered);
    if (hovered->decision) ImGui::TextWrapped("%s", hovered->decision->prompt.Get(lang).c_str());
    return;
  }
  if (path.team) {
    const ImportedSession& s = *path.team;
    ImGui::PushFont(state.fonts.large);
    ImGui::TextUnformatted(TeamLabel(state, static_cast<std::size_t>(f.map_team)).c_str());
    ImGui::PopFont();
    std::string outcome = state.tr("fac.teams.unfinished");
    for (const auto& n : d.scenario->nodes)
      if (s.finished() && n.outcome && n.outcome->id == s.outcome_id) outcome = n.outcome->label.Get(lang);
    ImGui::TextWrapped("%s", state.tr.Format("fac.map.team_summary", {outcome, std::to_string(s.log.decisions.size()),
                                                                     std::to_string(s.score.never_events.size())}).c_str());
    return;
  }
  ImGui::TextWrapped("%s", state.tr("fac.map.hint"));
}

// =============================================================================================
// [SECTION] Screen
// =============================================================================================

void DrawTeamPicker(const AppState& state, ActionQueue& queue, const ScenarioDebrief& d) {
  const auto& f = state.facilitator;
  const Palette& p = CurrentPalette();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(state.tr("fac.map.path_of"));
  auto button = [&](const std::string& label, int team) {
    const bool on = f.map_team == team;
    const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + w > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
    if (on) {
      ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
      ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    }
    if (ImGui::Button(label.c_str()) && !on) queue.Push([team](AppState& s) { SelectMapTeam(s, team); });
    if (on) ImGui::PopStyleColor(3);
  };
  // One button per team while they fit one row; else (many teams, large text) the team shown
  // between previous and next buttons, so that the map keeps its room.
  const ImGuiStyle& style = ImGui::GetStyle();
  float row_w = ImGui::CalcTextSize(state.tr("fac.map.path_of")).x;
  auto width = [&](const std::string& label) {
    return ImGui::CalcTextSize(label.c_str()).x + style.FramePadding.x * 2 + style.ItemSpacing.x;
  };
  row_w += width(state.tr("fac.map.all_teams"));
  for (std::size_t t = 0; t < d.teams.size(); ++t) row_w += width(TeamLabel(state, t));
  if (row_w <= ImGui::GetContentRegionAvail().x) {
    button(std::string(state.tr("fac.map.all_teams")) + "###team-none", -1);
    for (std::size_t t = 0; t < d.teams.size(); ++t)
      button(TeamLabel(state, t) + "###team-" + std::to_string(t), static_cast<int>(t));
    return;
  }
  const int n = static_cast<int>(d.teams.size());
  const int prev = f.map_team < 0 ? n - 1 : f.map_team - 1, next = f.map_team + 1 >= n ? -1 : f.map_team + 1;
  ImGui::SameLine();
  if (ImGui::Button("◀###team-prev")) queue.Push([prev](AppState& s) { SelectMapTeam(s, prev); });
  ui::Track("◀");
  ImGui::SameLine();
  const float arrow_w = width("◀");
  const std::string current = f.map_team < 0 ? std::string(state.tr("fac.map.all_teams"))
                                              : TeamLabel(state, static_cast<std::size_t>(f.map_team));
  const float room = ImGui::GetContentRegionAvail().x - arrow_w - style.FramePadding.x * 2 - style.ItemSpacing.x;
  ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent);
  ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
  const std::string shown = ui::Ellipsize(ImGui::GetFont(), ImGui::GetFontSize(), current, room);
  ImGui::Button((shown + "###team-current").c_str());
  ui::Track(shown.c_str());
  ImGui::PopStyleColor(3);
  ImGui::SameLine();
  if (ImGui::Button("▶###team-next")) queue.Push([next](AppState& s) { SelectMapTeam(s, next); });
  ui::Track("▶");
}

void HandleMapKeys(const AppState& state, ActionQueue& queue, const ScenarioDebrief& d) {
  const auto& f = state.facilitator;
  const int n = static_cast<int>(d.teams.size());
  if (ui::Pressed(state, Key::Down) && n > 0) {
    int next = f.map_team + 1 >= n ? -1 : f.map_team + 1;
    queue.Push([next](AppState& s) { SelectMapTeam(s, next); });
  }
  if (ui::Pressed(state, Key::Up) && n > 0) {
    int prev = f.map_team < 0 ? n - 1 : f.map_team - 1;
    queue.Push([prev](AppState& s) { SelectMapTeam(s, prev); });
  }
  if (ui::Pressed(state, Key::Right) || ui::Pressed(state, Key::Space) || ui::Pressed(state, Key::PageDown))
    queue.Push([](AppState& s) { StepMapPath(s, 1); });
  if (ui::Pressed(state, Key::Left) || ui::Pressed(state, Key::PageUp)) queue.Push([](AppState& s) { StepMapPath(s, -1); });
  if (ui::Pressed(state, Key::Home)) queue.Push(ReplayMapPathFromStart);
  if (ui::Pressed(state, Key::End)) queue.Push(ShowWholeMapPath);
  if (ui::Pressed(state, Key::Plus)) queue.Push([](AppState& s) { ZoomMap(s, 1.25f); });
  if (ui::Pressed(state, Key::Minus)) queue.Push([](AppState& s) { ZoomMap(s, 0.8f); });
  if (ui::PressedDigit(state, 10)) queue.Push([](AppState& s) { ResetMapView(s); });
  if (ui::Pressed(state, Key::Escape)) queue.Push([](AppState& s) { ShowScreen(s, Screen::Dashboard); });
}

}  // namespace

void DrawMapScreen(const AppState& state, ActionQueue& queue) {
  const auto& f = state.facilitator;
  HandleFacilitatorCommon(state, queue);
  BeginFacilitatorScreen("##map");
  DrawFacilitatorTopBar(state, queue);
  const ScenarioDebrief* d = CurrentDebrief(state);
  if (!d) {
    ImGui::TextWrapped("%s", state.tr("fac.nothing_imported"));
    EndFacilitatorScreen();
    return;
  }
  HandleMapKeys(state, queue, *d);
  DrawTeamPicker(state, queue, *d);

  PathInfo path;
  if (f.map_team >= 0 && static_cast<std::size_t>(f.map_team) < d->teams.size()) {
    path.team = d->teams[static_cast<std::size_t>(f.map_team)];
    const auto& all = path.team->path_nodes;
    if (f.map_step >= 0 && static_cast<std::size_t>(f.map_step) < all.size()) {
      path.nodes.assign(all.begin(), all.begin() + f.map_step + 1);
      path.current = all[static_cast<std::size_t>(f.map_step)];
    } else {
      path.nodes = all;
    }
  }

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // The caption's lines, but at most a third of the room: with large text the map comes first
  // (the caption scrolls).
  const float caption_lines = ImGui::GetTextLineHeightWithSpacing() * 3 + state.fonts.large->FontSize * 1.3f;
  const float caption_h = std::min(caption_lines + ImGui::GetStyle().WindowPadding.y * 2, avail.y * 0.33f);
  const ImVec2 canvas_size(avail.x, std::max(avail.y - caption_h - ImGui::GetStyle().ItemSpacing.y, 100.0f));
  ImGui::BeginChild("map-canvas", canvas_size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNavInputs);
  const ImVec2 cmin = ImGui::GetCursorScreenPos();
  const ImVec2 csize = ImGui::GetContentRegionAvail();
  const MapLayout layout = LayoutScenario(*d->scenario);
  const View view = FitView(state, layout, cmin, csize);
  DrawEdges(state, *d, layout, view, path);
  const Node* hovered = DrawBoxes(state, *d, layout, view, path);

  // Drag to pan, wheel to zoom, double-click to fit.
  ImGui::InvisibleButton("##map-drag", csize);
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    const ImVec2 delta = io.MouseDelta;
    queue.Push([delta](AppState& s) { PanMap(s, delta.x, delta.y); });
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
    const float factor = io.MouseWheel > 0 ? 1.15f : 1.0f / 1.15f;
    queue.Push([factor](AppState& s) { ZoomMap(s, factor); });
  }
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) queue.Push([](AppState& s) { ResetMapView(s); });
  ImGui::EndChild();

  // The caption scrolls when the largest text in a small window needs more than its lines.
  ImGui::BeginChild("map-caption", ImVec2(0, 0), true);
  DrawCaption(state, *d, path, hovered);
  ImGui::EndChild();
  EndFacilitatorScreen();
}

}  // namespace sigap::app
