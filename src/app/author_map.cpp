// The author's scenario map: the facilitator map's layout (facilitator_map_layout.h) of the last
// good version, each node marked with what the validator says of it (a red corner for errors, an
// amber one for warnings), never events on offer, endings in their rating's colour, conditional
// routes dashed and loops drawn as arcs under the boxes. A file that never loaded without errors
// is drawn from its routes as written (a sketch). A click selects a node; drag pans, the
// wheel zooms, a double click fits.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <set>

#include <imgui.h>

#include "author_actions.h"
#include "author_screens.h"
#include "facilitator_map_layout.h"
#include "theme.h"
#include "widgets.h"

namespace sigap::app {

namespace {

// Boxes take most of a layer's width, so that a label in a readable size fits at 1280x720; the
// endings, always the last layer, reach further right to show their outcome's label.
constexpr float kBoxW = 0.78f * MapLayout::kLayerGap;
constexpr float kBoxH = 0.62f * MapLayout::kRowGap;
constexpr float kEndW = 2.2f * kBoxW;
constexpr float kLabelEm = 0.8f;  // a label's size in ems of the body font, at every zoom that fits

// Layers spread across the width and rows down the height, each axis fitted on its own: a story
// is long and narrow, and one scale for both left its boxes a few pixels tall.
struct View {
  ImVec2 origin;
  float sx = 1, sy = 1;
  ImVec2 At(MapPoint p) const { return ImVec2(origin.x + p.x * sx, origin.y + p.y * sy); }
  float BoxW() const { return kBoxW * sx; }
  float BoxH() const { return std::min(kBoxH * sy, kBoxW * sx * 0.9f); }
};

View FitView(const AuthorState& a, const MapLayout& layout, ImVec2 cmin, ImVec2 csize) {
  const float margin = ui::Em();
  const float world_w = static_cast<float>(std::max(layout.layers - 1, 0)) * MapLayout::kLayerGap + kEndW;
  const float world_h = layout.max_y - layout.min_y + kBoxH;
  View v;
  v.sx = std::clamp((csize.x - margin * 2) / world_w, 0.15f, 4.0f) * a.map_zoom;
  // Rows stay far enough apart for a label (kLabelEm) with room around it, even if the outer rows
  // then need a pan to be seen.
  const float min_row = ui::Em() * kLabelEm * 1.6f / MapLayout::kRowGap;
  v.sy = std::max(std::clamp((csize.y - margin) / world_h, 0.15f, 4.0f) * a.map_zoom, min_row);
  const float mid_y = (layout.min_y + layout.max_y) * 0.5f;
  v.origin = ImVec2(cmin.x + (csize.x - world_w * v.sx) * 0.5f + kBoxW * 0.5f * v.sx + a.map_pan_x,
                    cmin.y + csize.y * 0.5f - mid_y * v.sy + a.map_pan_y);
  return v;
}

// The edges whose route has a condition: drawn dashed.
std::set<std::pair<std::string, std::string>> ConditionalEdges(const Scenario& s) {
  std::set<std::pair<std::string, std::string>> out;
  auto add = [&](const std::string& from, const std::vector<Route>& routes) {
    for (const auto& r : routes)
      if (r.when) out.insert({from, r.to});
  };
  for (const auto& n : s.nodes) {
    add(n.id, n.next);
    if (!n.decision) continue;
    for (const auto& c : n.decision->choices) add(n.id, c.next);
    add(n.id, n.decision->next);
  }
  return out;
}

void DashedCurve(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thick, bool dashed) {
  const float dx = (b.x - a.x) * 0.5f;
  const ImVec2 c1(a.x + dx, a.y), c2(b.x - dx, b.y);
  if (!dashed) {
    dl->AddBezierCubic(a, c1, c2, b, col, thick);
    return;
  }
  constexpr int kSteps = 24;
  ImVec2 prev = a;
  for (int i = 1; i <= kSteps; ++i) {
    const float t = static_cast<float>(i) / kSteps, u = 1 - t;
    const ImVec2 p(u * u * u * a.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * b.x,
                   u * u * u * a.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * b.y);
    if (i % 2 == 1) dl->AddLine(prev, p, col, thick);
    prev = p;
  }
}

// Routes as written: a node id, or a list of {"if", "to"} (the condition kept only as "some").
std::vector<Route> SketchRoutes(const OrderedJson* next) {
  std::vector<Route> out;
  if (!next) return out;
  if (next->is_string()) out.push_back(Route{std::nullopt, next->get<std::string>()});
  if (next->is_array())
    for (const auto& r : *next)
      if (r.is_object() && r.contains("to") && r["to"].is_string())
        out.push_back(
            Route{r.contains("if") ? std::optional<Condition>(Condition{}) : std::nullopt, r["to"].get<std::string>()});
  return out;
}

// The graph as the file writes it, for a file that never loaded without errors: ids, types,
// titles and routes only, enough to lay out and mark, nothing the engine would play.
std::shared_ptr<const Scenario> SketchOf(const OrderedJson& doc) {
  auto s = std::make_shared<Scenario>();
  if (!doc.is_object() || !doc.contains("nodes") || !doc["nodes"].is_array()) return nullptr;
  s->start = doc.value("start", "");
  for (const auto& j : doc["nodes"]) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) continue;
    Node n;
    n.id = j["id"].get<std::string>();
    const std::string type = j.value("type", "scene");
    n.type = type == "decision" ? Node::Type::Decision : type == "ending" ? Node::Type::Ending : Node::Type::Scene;
    if (j.contains("title") && j["title"].is_object())
      n.title.id = j["title"].value("id", ""), n.title.en = j["title"].value("en", "");
    n.next = SketchRoutes(j.contains("next") ? &j["next"] : nullptr);
    if (j.contains("decision") && j["decision"].is_object()) {
      const auto& d = j["decision"];
      n.decision.emplace();
      if (d.contains("choices") && d["choices"].is_array())
        for (const auto& c : d["choices"]) {
          Choice choice;
          choice.id = c.is_object() ? c.value("id", "") : "";
          choice.next = SketchRoutes(c.is_object() && c.contains("next") ? &c["next"] : nullptr);
          n.decision->choices.push_back(std::move(choice));
        }
      n.decision->next = SketchRoutes(d.contains("next") ? &d["next"] : nullptr);
    }
    s->nodes.push_back(std::move(n));
  }
  return s->nodes.empty() ? nullptr : s;
}

}  // namespace

void DrawAuthorMap(const AppState& st, ActionQueue& q, ImVec2 size) {
  const auto& a = st.author;
  ImGui::BeginChild("author-map", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  std::shared_ptr<const Scenario> sc = a.draft ? a.draft->good() : nullptr;
  const bool sketch = !sc && a.draft && a.draft->doc();
  if (sketch) sc = SketchOf(*a.draft->doc());
  if (!sc) {
    ui::Text(st.tr("author.map_none"));
    ImGui::EndChild();
    return;
  }
  const Palette& pal = CurrentPalette();
  const Lang lang = st.tr.Language();
  const ImVec2 cmin = ImGui::GetCursorScreenPos();
  const ImVec2 csize = ImGui::GetContentRegionAvail();
  const MapLayout layout = LayoutScenario(*sc);
  const View v = FitView(a, layout, cmin, csize);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto marks = MarksByNode(a);
  const auto conditional = ConditionalEdges(*sc);
  const ImU32 ink = ui::U32(pal.text), muted = ui::U32(pal.text_muted), accent = ui::U32(pal.accent);
  const float unit = std::max(1.0f, ui::Em() / 24.0f);
  ImFont* font = st.fonts.body;
  const float fs = ui::Em(font) * kLabelEm;
  auto rect = [&](const MapLayout::Box& b) {
    const ImVec2 c = v.At(b.pos);
    const float hw = v.BoxW() * 0.5f, hh = std::max(v.BoxH(), fs * 1.35f) * 0.5f;
    const Node* n = sc->FindNode(b.node);
    const float right = n && n->type == Node::Type::Ending ? kEndW * v.sx - hw : hw;
    return std::pair<ImVec2, ImVec2>{ImVec2(c.x - hw, c.y - hh), ImVec2(c.x + right, c.y + hh)};
  };

  for (const auto& e : layout.edges) {
    const auto* from = layout.Find(e.from);
    const auto* to = layout.Find(e.to);
    if (!from || !to) continue;
    const auto [fa, fb] = rect(*from);
    const auto [ta, tb] = rect(*to);
    const bool dashed = conditional.count({e.from, e.to}) > 0;
    if (e.back) {
      // A loop in the story: an arc under the boxes, from the later node back to the earlier one.
      const ImVec2 p0((fa.x + fb.x) * 0.5f, fb.y), p1((ta.x + tb.x) * 0.5f, tb.y);
      const float drop = MapLayout::kRowGap * 0.5f * v.sy;
      dl->AddBezierCubic(p0, ImVec2(p0.x, p0.y + drop), ImVec2(p1.x, p1.y + drop), p1, accent, 2.0f * unit);
      dl->AddTriangleFilled(p1, ImVec2(p1.x - 5 * unit, p1.y + 8 * unit), ImVec2(p1.x + 5 * unit, p1.y + 8 * unit),
                            accent);
      continue;
    }
    std::vector<ImVec2> pts{ImVec2(fb.x, (fa.y + fb.y) * 0.5f)};
    for (const auto& w : e.waypoints) pts.push_back(v.At(w));
    pts.push_back(ImVec2(ta.x, (ta.y + tb.y) * 0.5f));
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) DashedCurve(dl, pts[i], pts[i + 1], muted, 1.8f * unit, dashed);
    const ImVec2 tip = pts.back();
    const float s = 6 * unit;
    dl->AddTriangleFilled(tip, ImVec2(tip.x - s, tip.y - s * 0.6f), ImVec2(tip.x - s, tip.y + s * 0.6f), muted);
  }

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hover_ok = ImGui::IsWindowHovered();
  std::string clicked;
  for (const auto& b : layout.boxes) {
    const Node* node = sc->FindNode(b.node);
    if (!node) continue;
    const auto [mn, mx] = rect(b);
    ImU32 fill = ImGui::GetColorU32(ImGuiCol_FrameBg), text_col = ink;
    if (node->type == Node::Type::Ending && node->outcome) {
      fill = ui::U32(ui::RatingColor(node->outcome->rating));
      text_col = ui::TextOn(fill);
    }
    const float round = 5.0f * std::min(1.0f, v.sx);
    dl->AddRectFilled(mn, mx, fill, round);
    const bool decision = node->type == Node::Type::Decision;
    dl->AddRect(mn, mx, decision ? ink : ImGui::GetColorU32(ImGuiCol_Border), round, 0, decision ? 2.0f : 1.2f);
    if (b.node == a.selected)
      dl->AddRect(ImVec2(mn.x - 4, mn.y - 4), ImVec2(mx.x + 4, mx.y + 4), accent, round, 0, 3.5f * unit);
    // The validator's marks: a corner triangle, red for errors, amber for warnings.
    if (auto it = marks.find(b.node); it != marks.end()) {
      const float c = std::min(mx.x - mn.x, mx.y - mn.y) * 0.4f;
      const ImU32 col = ui::U32(it->second.errors > 0 ? pal.critical : pal.warning);
      dl->AddTriangleFilled(ImVec2(mx.x - c, mn.y), ImVec2(mx.x, mn.y), ImVec2(mx.x, mn.y + c), col);
    }
    // A never event on offer: a red bar along the bottom.
    if (HasNeverEvent(*node)) dl->AddRectFilled(ImVec2(mn.x, mx.y - 4 * unit), mx, ui::U32(pal.critical), round);
    // The label: the decision number and the node id (the id alone where both do not fit), or the
    // ending's outcome; the title under it when there is room. Its size does not shrink with the
    // box: a label too small to read helps nobody.
    const float bw = mx.x - mn.x, bh = mx.y - mn.y;
    const float pad = ui::Em(font) * 0.2f;
    std::string label = b.node;
    if (decision) {
      const std::string numbered = std::to_string(sc->DecisionNumber(b.node)) + " · " + b.node;
      if (font->CalcTextSizeA(fs, FLT_MAX, 0, numbered.c_str()).x <= bw - pad * 2) label = numbered;
    }
    if (node->type == Node::Type::Ending && node->outcome) label = node->outcome->label.Get(lang);
    const std::string shown = ui::Ellipsize(font, fs, label, bw - pad * 2);
    const bool with_title = bw > ui::Em(font) * 5 && bh > fs * 2.6f;
    const float label_y = with_title ? mn.y + pad : (mn.y + mx.y - fs) * 0.5f;  // alone: centred
    dl->AddText(font, fs, ImVec2(mn.x + pad, label_y), text_col, shown.c_str());
    ui::TrackRect(("map " + b.node + ": " + shown).c_str(), mn, mx);
    if (with_title) {
      const std::string title =
          ui::EllipsizeLines(font, fs * 0.9f, node->title.Get(lang), bw - pad * 2, bh - fs - pad * 3);
      dl->AddText(font, fs * 0.9f, ImVec2(mn.x + pad, mn.y + fs + pad * 2), text_col, title.c_str(), nullptr,
                  bw - pad * 2);
    }
    if (b.node == sc->start)
      dl->AddTriangleFilled(ImVec2(mn.x - 10 * unit, mn.y + 4), ImVec2(mn.x - 10 * unit, mn.y + 16 * unit),
                            ImVec2(mn.x - 2, mn.y + 10 * unit), accent);
    if (hover_ok && mouse.x >= mn.x && mouse.x < mx.x && mouse.y >= mn.y && mouse.y < mx.y) {
      ImGui::SetTooltip("%s", (b.node + ": " + node->title.Get(lang)).c_str());
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) clicked = b.node;
    }
  }

  ImGui::InvisibleButton("##author-map-drag", csize);
  const ImGuiIO& io = ImGui::GetIO();
  if (!clicked.empty()) q.Push([clicked](AppState& s) { author::SelectNode(s, clicked); });
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    const ImVec2 d = io.MouseDelta;
    q.Push([d](AppState& s) { author::PanMap(s, d.x, d.y); });
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
    const float f = io.MouseWheel > 0 ? 1.15f : 1.0f / 1.15f;
    q.Push([f](AppState& s) { author::ZoomMap(s, f); });
  }
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) q.Push(author::ResetMapView);
  // Whether what is shown is the file as it is now, or the last good version.
  if (!a.draft->current_is_good()) {
    ImGui::SetCursorScreenPos(ImVec2(cmin.x + 4, cmin.y + 4));
    ui::TextColored(st.tr(sketch ? "author.map_sketch" : "author.map_last_good"), pal.critical);
  }
  ImGui::EndChild();
}

}  // namespace sigap::app
