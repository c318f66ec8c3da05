// The author's node panel: the selected node as forms (or, with no node selected, the scenario's
// own fields). Texts in Indonesian and English side by side with a missing translation flagged;
// options with their SOP tags chosen from the catalogue (label, source and verdict shown);
// effects, conditions, routes and timers as JSON fields applied as soon as they parse. Each edit
// is an action (author_actions.h) and is validated at once.
// [SECTION] Fields
// [SECTION] SOP tags
// [SECTION] Options
// [SECTION] Panel
#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "author_actions.h"
#include "author_screens.h"
#include "theme.h"
#include "widgets.h"

namespace sigap::app {

namespace {

using J = OrderedJson;

// =============================================================================================
// [SECTION] Fields
// =============================================================================================

std::string Str(const J* v) { return v && v->is_string() ? v->get<std::string>() : std::string(); }
const J* Member(const J& obj, const char* key) { return obj.is_object() && obj.contains(key) ? &obj[key] : nullptr; }

void Label(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, CurrentPalette().text_muted);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

// An Indonesian | English pair; an empty side is flagged.
void TextPair(const AppState& st, ActionQueue& q, const char* label, const std::string& pointer, const J* value,
              bool multiline) {
  const Palette& pal = CurrentPalette();
  Label(label);
  ImGui::PushID(pointer.c_str());
  if (ImGui::BeginTable("pair", 2, ImGuiTableFlags_SizingStretchSame)) {
    for (const char* lang : {"id", "en"}) {
      ImGui::TableNextColumn();
      std::string text = value ? Str(Member(*value, lang)) : std::string();
      const std::string ptr = pointer + "/" + lang;
      // The language's code stays beside its field, inside the column.
      const float field_w =
          ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(lang).x - ImGui::GetStyle().ItemInnerSpacing.x;
      ImGui::SetNextItemWidth(field_w);
      const bool missing = text.empty();
      if (missing) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(pal.warning.x, pal.warning.y, pal.warning.z, 0.25f));
      bool changed = multiline ? ImGui::InputTextMultiline(lang, &text, ImVec2(field_w, ui::Em() * 3.2f))
                               : ImGui::InputText(lang, &text);
      if (missing) ImGui::PopStyleColor();
      ui::Track(lang);
      if (changed) q.Push([ptr, text](AppState& s) { author::SetValue(s, ptr, J(text), true); });
      if (missing)
        ui::TextColored(st.tr(std::string(lang) == "en" ? "author.missing_en" : "author.missing_id"), pal.warning);
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
}

void StringField(const char* label, ActionQueue& q, const std::string& pointer, const J* value, float width_em = 0) {
  std::string text = Str(value);
  ImGui::AlignTextToFramePadding();
  Label(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width_em > 0 ? ui::Em() * width_em : -1);
  if (ImGui::InputText(("##" + pointer).c_str(), &text))
    q.Push([pointer, text](AppState& s) { author::SetValue(s, pointer, J(text), true); });
  ui::Track(label);
}

// A JSON value (route, condition, effects, timer) typed as text: applied when it parses; until
// then the text typed is kept and marked.
void JsonField(const AppState& st, ActionQueue& q, const char* label, const std::string& pointer, const J* value) {
  const auto& f = st.author.json_field;
  const bool typing = f.pointer == pointer;
  std::string text = typing ? f.text : (value ? value->dump() : std::string());
  ImGui::AlignTextToFramePadding();
  Label(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  const bool bad = typing && !f.valid;
  if (bad) ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0.9f, 0.2f, 0.2f, 0.3f));
  if (ImGui::InputText(("##json" + pointer).c_str(), &text))
    q.Push([pointer, text](AppState& s) { author::TypeJson(s, pointer, text); });
  if (bad) ImGui::PopStyleColor();
  ui::Track(label);
  if (bad) ui::TextColored(st.tr("author.json_bad"), CurrentPalette().critical);
}

// =============================================================================================
// [SECTION] SOP tags: the step from the catalogue (label and source shown), the verdict
// =============================================================================================

const char* const kVerdicts[] = {"follows", "violates", "critical"};

void SopTags(const AppState& st, ActionQueue& q, const std::string& option_pointer, const J& option) {
  const auto cat = st.author.draft->catalogue();
  const Lang lang = st.tr.Language();
  const J* sop = Member(option, "sop");
  Label(st.tr("author.sop_tags"));
  if (sop && sop->is_object()) {
    for (const auto& [step, verdict_json] : sop->items()) {
      ImGui::PushID(step.c_str());
      const std::string verdict = verdict_json.is_string() ? verdict_json.get<std::string>() : "";
      const SopStep* s = cat ? cat->FindStep(step) : nullptr;
      // The verdict.
      ImGui::SetNextItemWidth(ui::Em() * 6.5f);
      if (ImGui::BeginCombo("##verdict", verdict.c_str())) {
        for (const char* v : kVerdicts)
          if (ImGui::Selectable(v, verdict == v)) {
            const std::string nv = v, same = step;
            q.Push([option_pointer, same, nv](AppState& a) { author::SetSopTag(a, option_pointer, same, same, nv); });
          }
        ImGui::EndCombo();
      }
      ui::Track("##verdict");
      ImGui::SameLine();
      // The step, chosen from the catalogue.
      ImGui::SetNextItemWidth(ui::Em() * 12);
      if (ImGui::BeginCombo("##step", step.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (cat)
          for (const auto& cs : cat->steps)
            if (ImGui::Selectable((cs.id + " — " + cs.label.Get(lang)).c_str(), cs.id == step)) {
              const std::string ns = cs.id, old = step, v = verdict;
              q.Push([option_pointer, old, ns, v](AppState& a) { author::SetSopTag(a, option_pointer, old, ns, v); });
            }
        ImGui::EndCombo();
      }
      ui::Track("##step");
      ImGui::SameLine();
      if (ImGui::SmallButton("✕")) {
        const std::string old = step;
        q.Push([option_pointer, old](AppState& a) { author::SetSopTag(a, option_pointer, old, "", ""); });
      }
      ui::Track("✕");
      if (s)
        ui::TextColored(s->label.Get(lang) + "  ·  " + s->source +
                            (s->critical ? "  ·  " + std::string(st.tr("author.critical_step")) : ""),
                        CurrentPalette().text_muted);
      else
        ui::TextColored(st.tr("author.unknown_step"), CurrentPalette().critical);
      ImGui::PopID();
    }
  }
  ImGui::SetNextItemWidth(ui::Em() * 12);
  if (ImGui::BeginCombo("##add-step", st.tr("author.add_tag"), ImGuiComboFlags_HeightLarge)) {
    if (cat)
      for (const auto& cs : cat->steps)
        if (!(sop && sop->is_object() && sop->contains(cs.id)) &&
            ImGui::Selectable((cs.id + " — " + cs.label.Get(lang)).c_str())) {
          const std::string ns = cs.id;
          q.Push([option_pointer, ns](AppState& a) { author::SetSopTag(a, option_pointer, "", ns, "follows"); });
        }
    ImGui::EndCombo();
  }
  ui::Track("##add-step");
}

// =============================================================================================
// [SECTION] Options: choices or checklist items, each with its texts, tags and consequences
// =============================================================================================

// `node`: the element is that node, whose removal asks first (what leads to it).
void ElementButtons(const AppState& st, ActionQueue& q, const std::string& array_pointer, std::size_t i,
                    std::size_t count, const std::string& node = "") {
  SameLineOrWrap("↑###up");
  if (ui::Button("↑###up", i > 0))
    q.Push([array_pointer, i](AppState& s) { author::MoveElement(s, array_pointer, i, -1); });
  SameLineOrWrap("↓###down");
  if (ui::Button("↓###down", i + 1 < count))
    q.Push([array_pointer, i](AppState& s) { author::MoveElement(s, array_pointer, i, 1); });
  const std::string dup = std::string(st.tr("author.duplicate")) + "###dup";
  SameLineOrWrap(dup.c_str());
  if (ui::Button(dup.c_str()))
    q.Push([array_pointer, i](AppState& s) { author::DuplicateElement(s, array_pointer, i); });
  const std::string ptr = array_pointer + "/" + std::to_string(i);
  const std::string rm = std::string(st.tr("author.remove")) + "###rm";
  SameLineOrWrap(rm.c_str());
  if (ui::Button(rm.c_str())) {
    if (node.empty()) q.Push([ptr](AppState& s) { author::RemoveValue(s, ptr); });
    else
      q.Push([node](AppState& s) { author::AskRemoveNode(s, node); });
  }
}

// A node's id: typed freely, applied when the field is left (Enter, Tab, a click elsewhere), so
// that the node and every route to it are renamed once, not at each letter.
void NodeIdField(const AppState& st, ActionQueue& q, const std::string& id) {
  const auto& a = st.author;
  std::string text = a.id_typed_for == id ? a.id_typed : id;
  ImGui::AlignTextToFramePadding();
  Label("id");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ui::Em() * 10);
  if (ImGui::InputText("##node-id", &text, ImGuiInputTextFlags_CharsNoBlank))
    q.Push([id, text](AppState& s) { author::TypeNodeId(s, id, text); });
  ui::Track("##node-id");
  if (ImGui::IsItemDeactivatedAfterEdit()) q.Push([id, text](AppState& s) { author::RenameNode(s, id, text); });
  const char* hint = st.tr("author.id_hint");
  SameLineOrWrap(ImGui::CalcTextSize(hint).x);
  Label(hint);
}

// Removing a node: yes or no, then what leads to it (the routes the diagnostics will flag once it
// is gone), one line per node with the options that lead there.
void RemoveQuestion(const AppState& st, ActionQueue& q, const J& doc, const std::string& id) {
  const Palette& pal = CurrentPalette();
  ImGui::Separator();
  ImGui::PushFont(st.fonts.bold);
  ui::TextColored(st.tr.Format("author.remove_node_title", {id}), pal.critical);
  ImGui::PopFont();
  const std::string yes = std::string(st.tr("author.remove_yes")) + "###remove-yes";
  if (ui::Button(yes.c_str(), true, true)) q.Push([id](AppState& s) { author::RemoveNode(s, id); });
  const std::string no = std::string(st.tr("author.remove_no")) + "###remove-no";
  SameLineOrWrap(no.c_str());
  if (ui::Button(no.c_str())) q.Push(author::CancelRemoveNode);
  // Grouped by the node they leave from: its own route, its timeout, its options.
  struct From {
    std::string node;
    bool route = false, timeout = false;
    std::string options;
  };
  std::vector<From> froms;
  for (const auto& r : NodeReferences(doc, id)) {
    if (r.node == id) continue;  // its own routes go with it
    if (froms.empty() || froms.back().node != r.node || r.node.empty()) {
      froms.emplace_back();
      froms.back().node = r.node;
    }
    From& f = froms.back();
    if (r.timeout) f.timeout = true;
    else if (!r.option.empty())
      f.options += (f.options.empty() ? "" : ", ") + r.option;
    else
      f.route = true;
  }
  if (froms.empty()) ui::TextColored(st.tr("author.remove_no_refs"), pal.text_muted);
  else
    ui::Text(st.tr("author.remove_led_by"));
  for (const From& f : froms) {
    std::vector<std::string> ways;
    if (f.node.empty()) ways.push_back(st.tr("author.led_by_start"));
    if (f.route) ways.push_back(st.tr.Format("author.led_by_node", {f.node}));
    if (!f.options.empty()) ways.push_back(st.tr.Format("author.led_by_choice", {f.node, f.options}));
    if (f.timeout) ways.push_back(st.tr.Format("author.led_by_timeout", {f.node}));
    for (const auto& w : ways) ui::TextColored("•  " + w, pal.warning);
  }
  ImGui::Separator();
}

void Options(const AppState& st, ActionQueue& q, const std::string& node_pointer, const std::string& node_id,
             const J& decision) {
  const bool checklist = decision.value("kind", "single") == "checklist";
  const std::string list_pointer = node_pointer + "/decision/" + (checklist ? "items" : "choices");
  const J* list = Member(decision, checklist ? "items" : "choices");
  const std::size_t n = list && list->is_array() ? list->size() : 0;
  for (std::size_t i = 0; i < n; ++i) {
    const J& opt = (*list)[i];
    const std::string p = list_pointer + "/" + std::to_string(i);
    ImGui::PushID(p.c_str());
    ImGui::Separator();
    ImGui::PushFont(st.fonts.bold);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted((OptionLetterAt(i) + "  (" + opt.value("id", "") + ")").c_str());
    ImGui::PopFont();
    ElementButtons(st, q, list_pointer, i, n);
    StringField("id", q, p + "/id", Member(opt, "id"), 6);
    TextPair(st, q, st.tr("author.option_text"), p + "/text", Member(opt, "text"), true);
    if (checklist) {
      bool correct = opt.value("correct", false);
      if (ImGui::Checkbox(st.tr("author.correct"), &correct))
        q.Push([p, correct](AppState& s) { author::SetValue(s, p + "/correct", J(correct)); });
      ui::Track("correct");
    }
    SopTags(st, q, p, opt);
    JsonField(st, q, st.tr("author.effects"), p + "/effects", Member(opt, "effects"));
    if (!checklist) JsonField(st, q, st.tr("author.condition"), p + "/if", Member(opt, "if"));
    TextPair(st, q, st.tr("author.feedback"), p + "/feedback", Member(opt, "feedback"), true);
    if (!checklist) {
      StringField(st.tr("author.source"), q, p + "/source", Member(opt, "source"));
      JsonField(st, q, st.tr("author.next"), p + "/next", Member(opt, "next"));
    }
    ImGui::PopID();
  }
  if (ui::Button((std::string(st.tr("author.add_option")) + "###add-option").c_str()))
    q.Push([node_id](AppState& s) { author::AddOption(s, node_id); });
}

void ScenarioFields(const AppState& st, ActionQueue& q, const J& doc) {
  ui::Heading(st, st.tr("author.scenario_fields"));
  StringField("id", q, "/id", Member(doc, "id"), 14);
  TextPair(st, q, st.tr("author.title_field"), "/title", Member(doc, "title"), false);
  TextPair(st, q, st.tr("author.place"), "/place", Member(doc, "place"), false);
  TextPair(st, q, st.tr("author.summary"), "/summary", Member(doc, "summary"), true);
  TextPair(st, q, st.tr("author.role"), "/role", Member(doc, "role"), true);
  TextPair(st, q, st.tr("author.content_warning"), "/content_warning", Member(doc, "content_warning"), true);
  StringField(st.tr("author.start"), q, "/start", Member(doc, "start"), 10);
  JsonField(st, q, st.tr("author.variables"), "/variables", Member(doc, "variables"));
  JsonField(st, q, st.tr("author.characters"), "/characters", Member(doc, "characters"));
  JsonField(st, q, st.tr("author.assesses"), "/assesses", Member(doc, "assesses"));
}

}  // namespace

// =============================================================================================
// [SECTION] Panel
// =============================================================================================

void DrawAuthorNodePanel(const AppState& st, ActionQueue& q) {
  const auto& a = st.author;
  if (!a.draft) {
    ui::Text(st.tr("author.none"));
    return;
  }
  const J* doc = a.draft->doc();
  if (!doc) {
    ui::TextColored(st.tr("author.not_json"), CurrentPalette().critical);
    return;
  }
  // Nodes are added after the selected one (or at the end).
  ImGui::AlignTextToFramePadding();
  Label(st.tr("author.add_node"));
  for (const char* type : {"scene", "decision", "ending"}) {
    const std::string t = type;
    const std::string label = std::string(st.tr(("author.type_" + t).c_str())) + "###add-" + t;
    SameLineOrWrap(label.c_str());
    if (ui::Button(label.c_str())) q.Push([t](AppState& s) { author::AddNode(s, t); });
  }
  const std::string scenario_label = std::string(st.tr("author.scenario_fields")) + "###scenario";
  SameLineOrWrap(scenario_label.c_str());
  if (ui::Button(scenario_label.c_str(), !a.selected.empty())) q.Push([](AppState& s) { author::SelectNode(s, ""); });
  ImGui::Separator();

  const J* nodes = Member(*doc, "nodes");
  std::size_t index = 0;
  const J* node = nullptr;
  if (nodes && nodes->is_array())
    for (std::size_t i = 0; i < nodes->size(); ++i)
      if ((*nodes)[i].is_object() && (*nodes)[i].value("id", "") == a.selected) {
        node = &(*nodes)[i];
        index = i;
      }
  if (!node) {
    ScenarioFields(st, q, *doc);
    return;
  }
  const std::string p = "/nodes/" + std::to_string(index);
  const std::string id = node->value("id", "");
  const std::string type = node->value("type", "");
  ImGui::PushFont(st.fonts.large);
  ImGui::TextUnformatted((id + "  ·  " + std::string(st.tr(("author.type_" + type).c_str()))).c_str());
  ImGui::PopFont();
  const bool playable = a.draft->good() && a.draft->good()->FindNode(id);
  if (ui::Button((std::string(st.tr("author.play_here")) + "###play-here").c_str(), playable, true))
    q.Push([id](AppState& s) { author::OpenPreview(s, id); });
  ElementButtons(st, q, "/nodes", index, nodes->size(), id);
  if (a.confirm_remove == id) RemoveQuestion(st, q, *doc, id);
  // What the validator says here.
  for (const auto& d : a.draft->check().diagnostics)
    if (NodeOfPointer(a, d.pointer) == id)
      ui::TextColored(d.code + ": " + d.message,
                      d.severity == Severity::Error ? CurrentPalette().critical : CurrentPalette().warning);

  NodeIdField(st, q, id);
  TextPair(st, q, st.tr("author.title_field"), p + "/title", Member(*node, "title"), false);
  TextPair(st, q, st.tr("author.text"), p + "/text", Member(*node, "text"), true);
  if (const J* lines = Member(*node, "lines"); lines && lines->is_array())
    for (std::size_t i = 0; i < lines->size(); ++i)
      TextPair(st, q, ((*lines)[i].value("speaker", "") + ":").c_str(), p + "/lines/" + std::to_string(i) + "/text",
               Member((*lines)[i], "text"), true);
  if (type == "scene") JsonField(st, q, st.tr("author.next"), p + "/next", Member(*node, "next"));
  if (type == "ending") {
    const J* o = Member(*node, "outcome");
    TextPair(st, q, st.tr("author.outcome"), p + "/outcome/label", o ? Member(*o, "label") : nullptr, false);
    const std::string rating = o ? o->value("rating", "") : "";
    ImGui::AlignTextToFramePadding();
    Label(st.tr("author.rating"));
    ImGui::SameLine();
    for (const char* r : {"good", "mixed", "bad"}) {
      ImGui::SameLine();
      const std::string rr = r;
      if (ui::Button((std::string(ui::RatingLabel(st.tr, r)) + "###rating-" + rr).c_str(), true, rating == r))
        q.Push([p, rr](AppState& s) { author::SetValue(s, p + "/outcome/rating", J(rr)); });
    }
    TextPair(st, q, st.tr("author.debrief"), p + "/outcome/debrief", o ? Member(*o, "debrief") : nullptr, true);
  }
  if (type == "decision") {
    const J* d = Member(*node, "decision");
    if (!d) return;
    TextPair(st, q, st.tr("author.prompt"), p + "/decision/prompt", Member(*d, "prompt"), true);
    JsonField(st, q, st.tr("author.timer"), p + "/decision/timer", Member(*d, "timer"));
    if (d->value("kind", "single") == "checklist") {
      TextPair(st, q, st.tr("author.feedback"), p + "/decision/feedback", Member(*d, "feedback"), true);
      StringField(st.tr("author.source"), q, p + "/decision/source", Member(*d, "source"));
      JsonField(st, q, st.tr("author.next"), p + "/decision/next", Member(*d, "next"));
      JsonField(st, q, st.tr("author.outcomes"), p + "/decision/outcomes", Member(*d, "outcomes"));
    }
    Options(st, q, p, id, *d);
  }
}

}  // namespace sigap::app
