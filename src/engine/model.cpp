// Model helpers and the canonical JSON writer (the inverse of loader.cpp).
#include <algorithm>
#include <cmath>

#include "model.h"

namespace sigap {

using nlohmann::json;

const char* LangCode(Lang lang) { return lang == Lang::En ? "en" : "id"; }

std::optional<Lang> ParseLang(const std::string& code) {
  if (code == "id") return Lang::Id;
  if (code == "en") return Lang::En;
  return std::nullopt;
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::Follows: return "follows";
    case Verdict::Violates: return "violates";
    case Verdict::Critical: return "critical";
  }
  return "follows";
}

const char* CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::Lt: return "<";
    case CompareOp::Le: return "<=";
    case CompareOp::Eq: return "==";
    case CompareOp::Ne: return "!=";
    case CompareOp::Ge: return ">=";
    case CompareOp::Gt: return ">";
  }
  return "==";
}

bool Compare(double lhs, CompareOp op, double rhs) {
  const double eps = 1e-9;
  switch (op) {
    case CompareOp::Lt: return lhs < rhs - eps;
    case CompareOp::Le: return lhs <= rhs + eps;
    case CompareOp::Eq: return std::fabs(lhs - rhs) <= eps;
    case CompareOp::Ne: return std::fabs(lhs - rhs) > eps;
    case CompareOp::Ge: return lhs >= rhs - eps;
    case CompareOp::Gt: return lhs > rhs + eps;
  }
  return false;
}

template <typename T>
static const T* FindById(const std::vector<T>& v, const std::string& id) {
  for (const auto& e : v)
    if (e.id == id) return &e;
  return nullptr;
}

const SopStep* SopCatalogue::FindStep(const std::string& key) const { return FindById(steps, key); }
const ScoreAxis* SopCatalogue::FindAxis(const std::string& key) const { return FindById(axes, key); }
const SopPhase* SopCatalogue::FindPhase(const std::string& key) const { return FindById(phases, key); }
const Node* Scenario::FindNode(const std::string& key) const {
  // Playing a 10,000-node scenario looked nodes up linearly: 40 % of `sigap validate`'s time
  // went to comparing ids. The index is checked against the node, so a stale one costs a search.
  if (auto it = node_index.find(key); it != node_index.end() && it->second < nodes.size() && nodes[it->second].id == key)
    return &nodes[it->second];
  return FindById(nodes, key);
}
void Scenario::IndexNodes() {
  node_index.clear();
  node_index.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) node_index.emplace(nodes[i].id, i);  // the first of a duplicate id
}
std::set<std::string> Scenario::LinkedNodes() const {
  std::set<std::string> linked;
  for (std::vector<std::string> stack{start}; !stack.empty();) {
    std::string at = stack.back();
    stack.pop_back();
    const Node* n = FindNode(at);
    if (!n || !linked.insert(at).second) continue;
    for (auto& to : n->Successors()) stack.push_back(to);
  }
  return linked;
}
const Variable* Scenario::FindVariable(const std::string& key) const { return FindById(variables, key); }
const Character* Scenario::FindCharacter(const std::string& key) const { return FindById(characters, key); }

std::vector<SopCatalogue::SourcePart> SopCatalogue::ExplainSource(const std::string& source) const {
  std::vector<SourcePart> out;
  std::size_t start = 0;
  while (start < source.size()) {
    std::size_t end = source.find(';', start);
    if (end == std::string::npos) end = source.size();
    std::string part = source.substr(start, end - start);
    start = end + 1;
    const auto b = part.find_first_not_of(' ');
    if (b == std::string::npos) continue;
    part = part.substr(b, part.find_last_not_of(' ') - b + 1);
    // The code: "[TI]" → "TI"; "UU21 Ps 45" → "UU21"; "WHO P1–2" → "WHO"; and when the words
    // after the first are not an article or principle, a bracketed code names the work:
    // "WHO PFA 2011 [WHO-PFA]" → "WHO-PFA" (not WHO's 2003 interviewing principles).
    std::string code = part;
    if (code.front() == '[') {
      code = code.substr(1, code.find(']') == std::string::npos ? std::string::npos : code.find(']') - 1);
    } else {
      code = part.substr(0, part.find(' '));
      const std::size_t space = part.find(' ');
      const std::string rest = space == std::string::npos ? std::string() : part.substr(space + 1);
      const auto digit = [](char c) { return c >= '0' && c <= '9'; };
      const bool article = rest.empty() || rest.rfind("Ps", 0) == 0 || rest.rfind("Art", 0) == 0 || rest.rfind("Pasal", 0) == 0 ||
                           digit(rest[0]) || (rest[0] == 'P' && rest.size() > 1 && digit(rest[1])) || rest[0] == '[';
      const std::size_t open = part.rfind('['), close = part.rfind(']');
      if (!article && open != std::string::npos && close != std::string::npos && close > open) {
        std::string bracketed = part.substr(open + 1, close - open - 1);
        if (sources.count(bracketed)) code = bracketed;
      }
    }
    auto it = sources.find(code);
    out.push_back(SourcePart{part, it == sources.end() ? nullptr : &it->second});
  }
  return out;
}

const Choice* Decision::FindChoice(const std::string& key) const { return FindById(choices, key); }
const ChecklistItem* Decision::FindItem(const std::string& key) const { return FindById(items, key); }

const LocalText* Decision::OptionText(const std::string& option) const {
  if (option == kTimeoutOption) return Timeout() ? &Timeout()->text : nullptr;
  if (const Choice* c = FindChoice(option)) return &c->text;
  if (const ChecklistItem* i = FindItem(option)) return &i->text;
  return nullptr;
}

const std::vector<SopTag>* Decision::OptionTags(const std::string& option) const {
  if (option == kTimeoutOption) return Timeout() ? &Timeout()->sop : nullptr;
  if (const Choice* c = FindChoice(option)) return &c->sop;
  if (const ChecklistItem* i = FindItem(option)) return &i->sop;
  return nullptr;
}

std::string OptionLetterAt(std::size_t index) {
  std::string out;
  // A…Z, then AA, AB… (a decision has at most a dozen options; this only keeps it total).
  do {
    out.insert(out.begin(), static_cast<char>('A' + index % 26));
    index = index / 26;
  } while (index-- > 0);
  return out;
}

std::string Decision::OptionLetter(const std::string& option) const {
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (choices[i].id == option) return OptionLetterAt(i);
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == option) return OptionLetterAt(i);
  return "";
}

bool Choice::Recommended() const {
  return !sop.empty() && std::all_of(sop.begin(), sop.end(), [](const SopTag& t) { return t.verdict == Verdict::Follows; });
}

bool Decision::Recommended(const std::string& option) const {
  if (const ChecklistItem* i = FindItem(option)) return i->correct && !i->correct_if;  // right in every state
  const Choice* c = FindChoice(option);
  return c && c->Recommended();
}

std::vector<std::string> Node::Successors() const {
  std::vector<std::string> out;
  auto add = [&](const std::vector<Route>& routes) {
    for (const auto& r : routes)
      if (std::find(out.begin(), out.end(), r.to) == out.end()) out.push_back(r.to);
  };
  add(next);
  if (decision) {
    for (const auto& c : decision->choices) add(c.next);
    add(decision->next);
    if (const TimeoutOutcome* t = decision->Timeout()) add(t->next);
  }
  return out;
}

int Scenario::DecisionNumber(const std::string& node) const {
  int n = 0;
  for (const auto& x : nodes) {
    if (x.type != Node::Type::Decision) continue;
    ++n;
    if (x.id == node) return n;
  }
  return 0;
}

int Scenario::DecisionCount() const {
  int n = 0;
  for (const auto& node : nodes) n += node.type == Node::Type::Decision;
  return n;
}

bool Scenario::operator==(const Scenario& o) const {
  return id == o.id && title == o.title && kind == o.kind && place == o.place && minutes == o.minutes &&
         languages == o.languages && summary == o.summary && role == o.role && content_warning == o.content_warning &&
         fictional == o.fictional && sop_catalogue == o.sop_catalogue && sop_catalogue_version == o.sop_catalogue_version && assesses == o.assesses && seed == o.seed &&
         notes == o.notes && variables == o.variables && characters == o.characters && start == o.start && nodes == o.nodes;
}

// ---- Canonical JSON -------------------------------------------------------------------------
namespace {

json Text(const LocalText& t) { return json{{"id", t.id}, {"en", t.en}}; }
bool Empty(const LocalText& t) { return t.id.empty() && t.en.empty(); }

json Number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return static_cast<std::int64_t>(v);
  return v;
}

json ConditionJson(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::Flag: return json{{"flag", c.var}};
    case Condition::Kind::Compare: {
      json value = std::holds_alternative<bool>(c.value) ? json(std::get<bool>(c.value)) : Number(std::get<double>(c.value));
      return json{{"var", c.var}, {"op", CompareOpText(c.op)}, {"value", value}};
    }
    case Condition::Kind::Not: return json{{"not", ConditionJson(c.children.at(0))}};
    case Condition::Kind::All:
    case Condition::Kind::Any: {
      json arr = json::array();
      for (const auto& ch : c.children) arr.push_back(ConditionJson(ch));
      return json{{c.kind == Condition::Kind::All ? "all" : "any", arr}};
    }
  }
  return json::object();
}

json VariantsJson(const std::vector<TextVariant>& variants) {
  json arr = json::array();
  for (const auto& tv : variants) arr.push_back(json{{"if", ConditionJson(tv.when)}, {"text", Text(tv.text)}});
  return arr;
}

json EffectsJson(const std::vector<Effect>& effects) {
  json out = json::object();
  for (const auto& e : effects) {
    if (e.kind == Effect::Kind::SetFlag) out[e.var] = e.flag;
    else if (e.kind == Effect::Kind::Set) out[e.var] = json{{"set", Number(e.number)}};
    else out[e.var] = Number(e.number);
  }
  return out;
}

json RoutesJson(const std::vector<Route>& routes) {
  if (routes.size() == 1 && !routes[0].when) return routes[0].to;
  json arr = json::array();
  for (const auto& r : routes) {
    json e{{"to", r.to}};
    if (r.when) e["if"] = ConditionJson(*r.when);
    arr.push_back(e);
  }
  return arr;
}

json SopJson(const std::vector<SopTag>& tags) {
  json out = json::object();
  for (const auto& t : tags) out[t.step] = VerdictName(t.verdict);
  return out;
}

json DecisionJson(const Decision& d) {
  json out{{"kind", d.kind == Decision::Kind::Single ? "single" : "checklist"}, {"prompt", Text(d.prompt)}};
  if (d.shuffle) out["shuffle"] = true;
  if (d.timer) {
    json t{{"seconds", d.timer->seconds}};
    if (d.kind == Decision::Kind::Single && !d.timer->timeout) t["default"] = d.timer->default_choice;
    if (const TimeoutOutcome* to = d.Timeout()) {
      json o{{"text", Text(to->text)}, {"next", RoutesJson(to->next)}};
      if (!to->sop.empty()) o["sop"] = SopJson(to->sop);
      if (!to->effects.empty()) o["effects"] = EffectsJson(to->effects);
      if (!Empty(to->feedback)) o["feedback"] = Text(to->feedback);
      if (!to->source.empty()) o["source"] = to->source;
      t["timeout"] = o;
    }
    if (!d.timer->seconds_if.empty()) {
      json arr = json::array();
      for (const auto& o : d.timer->seconds_if) arr.push_back(json{{"if", ConditionJson(o.when)}, {"seconds", o.seconds}});
      t["seconds_if"] = arr;
    }
    out["timer"] = t;
  }
  if (d.kind == Decision::Kind::Single) {
    json arr = json::array();
    for (const auto& c : d.choices) {
      json e{{"id", c.id}, {"text", Text(c.text)}, {"next", RoutesJson(c.next)}};
      if (!c.text_if.empty()) e["text_if"] = VariantsJson(c.text_if);
      if (c.when) e["if"] = ConditionJson(*c.when);
      if (!c.sop.empty()) e["sop"] = SopJson(c.sop);
      if (!c.effects.empty()) e["effects"] = EffectsJson(c.effects);
      if (!Empty(c.feedback)) e["feedback"] = Text(c.feedback);
      if (!c.source.empty()) e["source"] = c.source;
      arr.push_back(e);
    }
    out["choices"] = arr;
  } else {
    json arr = json::array();
    for (const auto& it : d.items) {
      json e{{"id", it.id}, {"text", Text(it.text)}, {"correct", it.correct_if ? ConditionJson(*it.correct_if) : json(it.correct)}};
      if (!it.sop.empty()) e["sop"] = SopJson(it.sop);
      if (!it.effects.empty()) e["effects"] = EffectsJson(it.effects);
      if (!Empty(it.feedback)) e["feedback"] = Text(it.feedback);
      arr.push_back(e);
    }
    out["items"] = arr;
    if (!d.per_hit.empty()) out["per_hit"] = EffectsJson(d.per_hit);
    if (!d.per_miss.empty()) out["per_miss"] = EffectsJson(d.per_miss);
    if (!d.per_false_alarm.empty()) out["per_false_alarm"] = EffectsJson(d.per_false_alarm);
    if (!Empty(d.feedback)) out["feedback"] = Text(d.feedback);
    if (!d.source.empty()) out["source"] = d.source;
    out["next"] = RoutesJson(d.next);
  }
  if (!d.outcomes.empty()) {
    json arr = json::array();
    for (const auto& o : d.outcomes) {
      json e{{"effects", EffectsJson(o.effects)}};
      if (o.when) e["if"] = ConditionJson(*o.when);
      arr.push_back(e);
    }
    out["outcomes"] = arr;
  }
  return out;
}

}  // namespace

json ToJson(const SopCatalogue& c) {
  json axes = json::array(), phases = json::array(), steps = json::array();
  for (const auto& a : c.axes) {
    json e{{"id", a.id}, {"label", Text(a.label)}};
    if (!Empty(a.description)) e["description"] = Text(a.description);
    axes.push_back(e);
  }
  for (const auto& p : c.phases) phases.push_back(json{{"id", p.id}, {"label", Text(p.label)}});
  for (const auto& s : c.steps) {
    json e{{"id", s.id}, {"phase", s.phase}, {"label", Text(s.label)}, {"correct", Text(s.correct)}, {"source", s.source},
           {"basis", s.basis}, {"weight", s.weight}, {"critical", s.critical}, {"axes", s.axes}};
    if (!Empty(s.note)) e["note"] = Text(s.note);
    steps.push_back(e);
  }
  json out{{"format", kFormatVersion}, {"type", "sop_catalogue"}, {"id", c.id}, {"title", Text(c.title)},
           {"axes", axes}, {"phases", phases}, {"steps", steps}};
  if (!c.version.empty()) out["version"] = c.version;
  if (!c.sources.empty()) {
    json src = json::object();
    for (const auto& [code, text] : c.sources) src[code] = Text(text);
    out["sources"] = src;
  }
  return out;
}

json ToJson(const Scenario& s) {
  json vars = json::array(), chars = json::array(), nodes = json::array();
  for (const auto& v : s.variables) {
    json e{{"id", v.id}, {"type", v.type == Variable::Type::Flag ? "flag" : "number"}};
    if (v.type == Variable::Type::Flag) e["initial"] = v.initial != 0;
    else { e["initial"] = Number(v.initial); e["min"] = Number(v.min); e["max"] = Number(v.max); }
    if (!Empty(v.label)) e["label"] = Text(v.label);
    if (v.show) e["show"] = true;
    if (v.saturates) e["saturates"] = true;
    vars.push_back(e);
  }
  for (const auto& c : s.characters) {
    json e{{"id", c.id}, {"name", c.name}, {"role", Text(c.role)}};
    if (!Empty(c.description)) e["description"] = Text(c.description);
    if (!c.portrait.empty()) e["portrait"] = c.portrait;
    chars.push_back(e);
  }
  for (const auto& n : s.nodes) {
    const char* type = n.type == Node::Type::Scene ? "scene" : n.type == Node::Type::Decision ? "decision" : "ending";
    json e{{"id", n.id}, {"type", type}, {"title", Text(n.title)}, {"text", Text(n.text)}};
    if (!n.image.empty()) e["image"] = n.image;
    if (!n.on_enter.empty()) e["on_enter"] = EffectsJson(n.on_enter);
    if (!n.text_if.empty()) e["text_if"] = VariantsJson(n.text_if);
    if (!n.lines.empty()) {
      json arr = json::array();
      for (const auto& l : n.lines) arr.push_back(json{{"speaker", l.speaker}, {"text", Text(l.text)}});
      e["lines"] = arr;
    }
    if (n.type == Node::Type::Scene) e["next"] = RoutesJson(n.next);
    if (n.decision) e["decision"] = DecisionJson(*n.decision);
    if (n.outcome) {
      json o{{"id", n.outcome->id}, {"label", Text(n.outcome->label)}, {"rating", n.outcome->rating}};
      if (!Empty(n.outcome->debrief)) o["debrief"] = Text(n.outcome->debrief);
      e["outcome"] = o;
    }
    nodes.push_back(e);
  }
  json out{{"format", kFormatVersion}, {"type", "scenario"}, {"id", s.id}, {"title", Text(s.title)}, {"kind", s.kind},
           {"place", Text(s.place)}, {"minutes", s.minutes}, {"summary", Text(s.summary)},
           {"content_warning", Text(s.content_warning)}, {"fictional", s.fictional}, {"sop_catalogue", s.sop_catalogue},
           {"seed", s.seed}, {"variables", vars}, {"characters", chars}, {"start", s.start}, {"nodes", nodes}};
  if (!s.languages.empty()) out["languages"] = s.languages;
  if (!Empty(s.role)) out["role"] = Text(s.role);
  if (!s.assesses.empty()) out["assesses"] = s.assesses;
  if (!s.notes.empty()) out["notes"] = s.notes;
  if (!s.sop_catalogue_version.empty()) out["sop_catalogue_version"] = s.sop_catalogue_version;
  return out;
}

// ---- Facilitator guide ----------------------------------------------------------------------

namespace {
struct KindName {
  const char* id;
  LocalText label;
};
const std::vector<KindName>& KindNames() {
  static const std::vector<KindName> names = {
      {"victim_interview", {"Wawancara korban", "Victim interview"}},
      {"victim_assistance", {"Layanan terpadu bagi korban", "Integrated victim services"}},
      {"border_interception", {"Pencegahan keberangkatan di perbatasan", "Interception at a border port"}},
      {"deportee_screening", {"Skrining deportan", "Deportee screening"}},
      {"case_conference", {"Rapat koordinasi kasus", "Case conference"}},
      {"justice_accompaniment", {"Pendampingan proses hukum", "Accompanying a victim through justice"}},
      {"community_prevention", {"Pencegahan di desa", "Prevention in the community"}},
      {"other", {"Lainnya", "Other"}}};
  return names;
}
}  // namespace

const std::vector<std::string>& ScenarioKinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> out;
    for (const auto& k : KindNames()) out.push_back(k.id);
    return out;
  }();
  return kinds;
}

LocalText ScenarioKindLabel(const std::string& kind) {
  for (const auto& k : KindNames())
    if (kind == k.id) return k.label;
  return KindNames().back().label;
}

const std::vector<std::string>& GuideAudienceTags() {
  static const std::vector<std::string> tags = {
      "uptd_ppa", "dp3a",      "dinas_sosial", "rumah_sakit", "puskesmas",       "polisi",    "kejaksaan",
      "pengadilan", "imigrasi", "bp3mi",       "disnaker",    "lpsk",            "perwakilan", "pemerintah_desa",
      "kecamatan", "ormas",    "tokoh_adat",   "lsm",         "relawan",         "gugus_tugas"};
  return tags;
}

LocalText GuideAudienceLabel(const std::string& tag) {
  static const std::map<std::string, LocalText> labels = {
      {"uptd_ppa", {"UPTD PPA", "UPTD PPA"}},
      {"dp3a", {"Dinas PPPA (DP3A)", "Dinas PPPA (DP3A)"}},
      {"dinas_sosial", {"Dinas Sosial", "Social affairs (Dinas Sosial)"}},
      {"rumah_sakit", {"Rumah sakit", "Hospitals"}},
      {"puskesmas", {"Puskesmas", "Puskesmas"}},
      {"polisi", {"Polisi", "Police"}},
      {"kejaksaan", {"Kejaksaan", "Prosecutors"}},
      {"pengadilan", {"Pengadilan", "Courts"}},
      {"imigrasi", {"Imigrasi", "Immigration"}},
      {"bp3mi", {"BP3MI / KP2MI", "BP3MI / KP2MI"}},
      {"disnaker", {"Dinas Tenaga Kerja", "Labour office (Disnaker)"}},
      {"lpsk", {"LPSK", "LPSK"}},
      {"perwakilan", {"Perwakilan RI di luar negeri", "Missions abroad"}},
      {"pemerintah_desa", {"Pemerintah desa", "Village government"}},
      {"kecamatan", {"Kecamatan", "District (kecamatan)"}},
      {"ormas", {"Ormas", "Community organisations"}},
      {"tokoh_adat", {"Tokoh adat dan agama", "Adat and religious leaders"}},
      {"lsm", {"LSM", "NGOs"}},
      {"relawan", {"Relawan, paralegal", "Volunteers, paralegals"}},
      {"gugus_tugas", {"Gugus Tugas PP-TPPO", "Anti-trafficking task force"}}};
  auto it = labels.find(tag);
  return it != labels.end() ? it->second : LocalText{tag, tag};
}

const std::vector<std::string>& GuideActivities() {
  static const std::vector<std::string> activities = {"brief", "play", "debrief", "break"};
  return activities;
}

int FacilitatorGuide::Minutes(const std::string& activity) const {
  int total = 0;
  for (const auto& slot : time_plan)
    if (activity.empty() || slot.activity == activity) total += slot.minutes;
  return total;
}

const GuideQuestions* FacilitatorGuide::QuestionsFor(const std::string& node) const {
  for (const auto& q : debrief)
    if (q.node == node) return &q;
  return nullptr;
}

const GuideNeverEvent* FacilitatorGuide::NeverEventFor(const std::string& node, const std::string& option) const {
  for (const auto& e : never_events)
    if (e.node == node && e.option == option) return &e;
  return nullptr;
}

}  // namespace sigap
