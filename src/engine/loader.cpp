// Loader: JSON document → model, checking structure, types, ids and references as it reads.
// Finding the files (folders, a catalogue beside its scenario) is library.cpp's.
// [SECTION] Field reading helpers
// [SECTION] Conditions, effects, routes, SOP tags
// [SECTION] SOP catalogue
// [SECTION] Scenario
// [SECTION] Facilitator guides
// [SECTION] One file
#include "loader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "hash.h"
#include "text.h"
#include "validator.h"

namespace sigap {

using nlohmann::json;

// =============================================================================================
// [SECTION] Field reading helpers
// =============================================================================================
namespace {

// For an id with a character outside ASCII: which one, since it often looks like a Latin letter
// (a Cyrillic "р" in "dр1") and the author cannot see what is wrong. "" for other ids.
std::string LookAlike(const std::string& id) {
  auto c = FindNonAscii(id);
  if (!c) return "";
  return "character " + std::to_string(c->index + 1) + " is " + DescribeCodePoint(c->code_point) +
         ", not an ASCII letter (it may only look like one); ";
}

const char* TypeName(const json& v) {
  switch (v.type()) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "true/false";
    case json::value_t::null: return "null";
    case json::value_t::number_float: return "a decimal number";  // "expected a whole number, found a number" puzzles authors
    default: return "a number";
  }
}

}  // namespace

bool IsValidId(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  auto ok_first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!ok_first(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return ok_first(c) || c == '_' || c == '.' || c == '-'; });
}

namespace {

class Reader {
 public:
  Reader(const JsonDocument& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}

  DiagnosticSink& Sink() { return sink_; }
  const JsonDocument& Doc() const { return doc_; }

  void Error(const std::string& code, const std::string& ptr, const std::string& msg) { sink_.Error(code, doc_.PosOf(ptr), ptr, msg); }
  void Warning(const std::string& code, const std::string& ptr, const std::string& msg) { sink_.Warning(code, doc_.PosOf(ptr), ptr, msg); }
  void KeyError(const std::string& code, const std::string& ptr, const std::string& msg) { sink_.Error(code, doc_.KeyPosOf(ptr), ptr, msg); }
  void KeyWarning(const std::string& code, const std::string& ptr, const std::string& msg) { sink_.Warning(code, doc_.KeyPosOf(ptr), ptr, msg); }

  // Reports keys that are not in `allowed` (a typo would otherwise be silently ignored). In a
  // condition an ignored key changes what it means ({"flag": "met", "value": false} would hold when
  // met is true), so there it is an error (SCN088).
  void CheckKeys(const json& obj, const std::string& ptr, std::initializer_list<const char*> allowed, const char* what) {
    for (const auto& item : obj.items()) {
      const std::string& key = item.key();  // not a structured binding: clang 14 (fuzz preset) cannot capture one
      if (!key.empty() && key[0] == '_') continue;
      if (key == "$schema" && ptr.empty()) continue;
      bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
      if (!known) {
        std::string list;
        for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
        if (std::string_view(what) == "a condition")
          KeyError("SCN088", PointerAppend(ptr, key), "key \"" + key + "\" in a condition would be ignored, so the condition " +
                                                          "would not mean what it says; this kind of condition takes only: " + list +
                                                          " (for a flag that must be off write {\"var\": \"x\", \"op\": \"==\", \"value\": false})");
        else
          KeyWarning("SCN004", PointerAppend(ptr, key), "unknown key \"" + key + "\" in " + what + " (ignored); known keys: " + list);
      }
    }
  }

  const json* Field(const json& obj, const std::string& ptr, const char* key, bool required, const char* what) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) Error("SCN003", ptr, std::string(what) + " is missing the required key \"" + key + "\"");
      return nullptr;
    }
    return &*it;
  }

  bool Expect(const json& v, const std::string& ptr, json::value_t type, const char* expected) {
    bool ok = v.type() == type || (type == json::value_t::number_float && v.is_number()) ||
              (type == json::value_t::number_integer && (v.is_number_integer() || v.is_number_unsigned()));
    if (!ok) Error("SCN005", ptr, std::string("expected ") + expected + " here, found " + TypeName(v));
    return ok;
  }

  std::optional<std::string> String(const json& obj, const std::string& ptr, const char* key, bool required, const char* what) {
    const json* v = Field(obj, ptr, key, required, what);
    std::string p = PointerAppend(ptr, key);
    if (!v || !Expect(*v, p, json::value_t::string, "a string")) return std::nullopt;
    std::string s = v->get<std::string>();
    CheckHidden(s, p, key);
    return s;
  }

  // A control or direction character written as an escape ("\u001b", "\u202e") gets past the
  // JSON reader (JSN010 stops raw ones) but would reach a terminal, a report or an xAPI file.
  bool CheckHidden(const std::string& s, const std::string& p, const std::string& key) {
    auto h = FindHiddenChar(s);
    if (!h) return true;
    Error("SCN090", p, "\"" + key + "\" contains the invisible character " + DescribeCodePoint(h->code_point) +
                           " at character " + std::to_string(h->index + 1) +
                           "; remove it (it can hide or reorder text on screen, in a terminal and in the reports)");
    return false;
  }

  std::optional<std::string> Id(const json& obj, const std::string& ptr, const char* key, bool required, const char* what) {
    auto s = String(obj, ptr, key, required, what);
    if (s && !IsValidId(*s)) {
      Error("SCN006", PointerAppend(ptr, key), "\"" + *s + "\" is not a valid id: " + LookAlike(*s) + "use lower-case letters, digits, '_', '-' or '.', starting with a letter or digit, at most 64 characters");
      return std::nullopt;
    }
    return s;
  }

  std::optional<long long> Int(const json& obj, const std::string& ptr, const char* key, bool required, long long lo, long long hi, const char* what) {
    const json* v = Field(obj, ptr, key, required, what);
    std::string p = PointerAppend(ptr, key);
    if (!v || !Expect(*v, p, json::value_t::number_integer, "a whole number")) return std::nullopt;
    long long n = v->get<long long>();
    if (n < lo || n > hi) {
      Error("SCN007", p, "\"" + std::string(key) + "\" is " + std::to_string(n) + "; it must be between " + std::to_string(lo) + " and " + std::to_string(hi));
      return std::nullopt;
    }
    return n;
  }

  std::optional<double> Number(const json& v, const std::string& ptr) {
    if (!Expect(v, ptr, json::value_t::number_float, "a number")) return std::nullopt;
    return v.get<double>();
  }

  std::optional<bool> Bool(const json& obj, const std::string& ptr, const char* key, bool required, const char* what) {
    const json* v = Field(obj, ptr, key, required, what);
    std::string p = PointerAppend(ptr, key);
    if (!v || !Expect(*v, p, json::value_t::boolean, "true or false")) return std::nullopt;
    return v->get<bool>();
  }

  // A bilingual text {"id": "...", "en": "..."}. Indonesian is required, English is a warning.
  LocalText Text(const json& obj, const std::string& ptr, const char* key, bool required, const char* what) {
    const json* v = Field(obj, ptr, key, required, what);
    if (!v) return LocalText{};
    return TextValue(*v, PointerAppend(ptr, key), key);
  }

  // The bilingual text `v` found at `p`; `key` names it in messages.
  LocalText TextValue(const json& vref, const std::string& p, const std::string& key) {
    LocalText t;
    const json* v = &vref;
    if (v->is_string()) {
      Error("SCN030", p, "\"" + key + "\" must be bilingual: write {\"id\": \"…\", \"en\": \"…\"} instead of a plain string");
      return t;
    }
    if (!Expect(*v, p, json::value_t::object, "a bilingual text {\"id\": …, \"en\": …}")) return t;
    CheckKeys(*v, p, {"id", "en"}, "a bilingual text");
    auto read = [&](const char* lang, std::string& out, bool primary) {
      auto it = v->find(lang);
      std::string lp = PointerAppend(p, lang);
      if (it != v->end() && it->is_string() && !it->get<std::string>().empty() &&
          it->get<std::string>().find_first_not_of(" \t\n") != std::string::npos && IsBlankText(it->get<std::string>())) {
        // Not empty, yet it shows nothing: a screen or a projector would show a blank.
        const std::string what = std::string(primary ? "the Indonesian text (\"id\")" : "the English translation (\"en\")") +
                                 " of \"" + key + "\" shows nothing: it holds only invisible characters (no-break or " +
                                 "zero-width spaces, a lone carriage return…); write the text";
        if (primary) Error("SCN030", lp, what);
        else Warning("SCN031", lp, what);
        return;
      }
      if (it == v->end() || (it->is_string() && IsBlankText(it->get<std::string>()))) {
        if (primary) Error("SCN030", it == v->end() ? p : lp, "the Indonesian text (\"id\") of \"" + key + "\" is missing or empty; Indonesian is the primary language");
        else Warning("SCN031", it == v->end() ? p : lp, "the English translation (\"en\") of \"" + key + "\" is missing or empty; add it so English-speaking teams can play");
        return;
      }
      if (Expect(*it, lp, json::value_t::string, "a string") && CheckHidden(it->get<std::string>(), lp, key)) out = it->get<std::string>();
    };
    read("id", t.id, true);
    read("en", t.en, false);
    return t;
  }

  std::vector<std::string> IdArray(const json& obj, const std::string& ptr, const char* key, bool required, const char* what) {
    std::vector<std::string> out;
    const json* v = Field(obj, ptr, key, required, what);
    std::string p = PointerAppend(ptr, key);
    if (!v || !Expect(*v, p, json::value_t::array, "an array of ids")) return out;
    for (std::size_t i = 0; i < v->size(); ++i) {
      std::string ip = PointerAppend(p, i);
      const json& e = (*v)[i];
      if (!Expect(e, ip, json::value_t::string, "an id string")) continue;
      std::string s = e.get<std::string>();
      if (!IsValidId(s)) { Error("SCN006", ip, "\"" + s + "\" is not a valid id" + (FindNonAscii(s) ? ": " + LookAlike(s) + "retype it" : std::string())); continue; }
      out.push_back(std::move(s));
    }
    return out;
  }

  // Reports the second and later uses of an id within one list.
  bool Unique(std::set<std::string>& seen, const std::string& id, const std::string& ptr, const char* what) {
    if (!seen.insert(id).second) {
      Error("SCN010", ptr, std::string("duplicate ") + what + " id \"" + id + "\"; every " + what + " needs its own id");
      return false;
    }
    return true;
  }

 private:
  const JsonDocument& doc_;
  DiagnosticSink& sink_;
};

std::string Suggest(const std::string& wrong, const std::vector<std::string>& known) {
  // The closest known id by edit distance, when it is close enough to be a likely typo.
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, wrong.size() / 3) + 1;
  for (const auto& k : known) {
    std::vector<std::size_t> prev(k.size() + 1), cur(k.size() + 1);
    for (std::size_t j = 0; j <= k.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= wrong.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= k.size(); ++j)
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (wrong[i - 1] == k[j - 1] ? 0 : 1)});
      std::swap(prev, cur);
    }
    if (prev[k.size()] < best_d) { best_d = prev[k.size()]; best = k; }
  }
  return best.empty() ? "" : " (did you mean \"" + best + "\"?)";
}

// =============================================================================================
// [SECTION] Conditions, effects, routes, SOP tags
// =============================================================================================

struct ScenarioContext {
  std::map<std::string, Variable::Type> variables;
  std::vector<std::string> variable_ids;
  std::set<std::string> node_ids;
  std::vector<std::string> node_id_list;
  std::set<std::string> character_ids;
  const SopCatalogue* catalogue = nullptr;
  std::vector<std::string> step_ids;
  bool in_checklist = false;
};

bool IsCounter(const std::string& var) { return var == "$hits" || var == "$misses" || var == "$false_alarms"; }

std::optional<Condition> ReadCondition(Reader& r, const ScenarioContext& ctx, const json& v, const std::string& ptr) {
  if (!r.Expect(v, ptr, json::value_t::object, "a condition object ({\"flag\": …}, {\"var\": …}, {\"all\": …}, {\"any\": …} or {\"not\": …})")) return std::nullopt;
  Condition c;
  auto children = [&](const char* key) -> bool {
    std::string p = PointerAppend(ptr, key);
    const json& arr = v[key];
    if (!r.Expect(arr, p, json::value_t::array, "an array of conditions")) return false;
    if (arr.empty()) { r.Error("SCN032", p, std::string("\"") + key + "\" needs at least one condition"); return false; }
    bool ok = true;
    for (std::size_t i = 0; i < arr.size(); ++i) {
      auto child = ReadCondition(r, ctx, arr[i], PointerAppend(p, i));
      if (child) c.children.push_back(std::move(*child)); else ok = false;
    }
    return ok;
  };
  if (v.contains("all")) { r.CheckKeys(v, ptr, {"all"}, "a condition"); c.kind = Condition::Kind::All; return children("all") ? std::optional(c) : std::nullopt; }
  if (v.contains("any")) { r.CheckKeys(v, ptr, {"any"}, "a condition"); c.kind = Condition::Kind::Any; return children("any") ? std::optional(c) : std::nullopt; }
  if (v.contains("not")) {
    r.CheckKeys(v, ptr, {"not"}, "a condition");
    c.kind = Condition::Kind::Not;
    auto child = ReadCondition(r, ctx, v["not"], PointerAppend(ptr, "not"));
    if (!child) return std::nullopt;
    c.children.push_back(std::move(*child));
    return c;
  }
  if (v.contains("flag")) {
    r.CheckKeys(v, ptr, {"flag"}, "a condition");
    auto name = r.String(v, ptr, "flag", true, "a condition");
    if (!name) return std::nullopt;
    std::string p = PointerAppend(ptr, "flag");
    auto it = ctx.variables.find(*name);
    if (it == ctx.variables.end()) { r.Error("SCN012", p, "unknown variable \"" + *name + "\"; declare it under \"variables\"" + Suggest(*name, ctx.variable_ids)); return std::nullopt; }
    if (it->second != Variable::Type::Flag) { r.Error("SCN032", p, "\"" + *name + "\" is a number, not a flag; compare it with {\"var\": \"" + *name + "\", \"op\": \">=\", \"value\": N}"); return std::nullopt; }
    c.kind = Condition::Kind::Flag;
    c.var = *name;
    return c;
  }
  if (v.contains("var")) {
    r.CheckKeys(v, ptr, {"var", "op", "value"}, "a condition");
    auto name = r.String(v, ptr, "var", true, "a condition");
    auto op = r.String(v, ptr, "op", true, "a comparison");
    const json* value = r.Field(v, ptr, "value", true, "a comparison");
    if (!name || !op || !value) return std::nullopt;
    static const std::map<std::string, CompareOp> ops = {{"<", CompareOp::Lt}, {"<=", CompareOp::Le}, {"==", CompareOp::Eq},
                                                         {"!=", CompareOp::Ne}, {">=", CompareOp::Ge}, {">", CompareOp::Gt}};
    auto op_it = ops.find(*op);
    if (op_it == ops.end()) { r.Error("SCN008", PointerAppend(ptr, "op"), "unknown operator \"" + *op + "\"; use one of < <= == != >= >"); return std::nullopt; }
    c.kind = Condition::Kind::Compare;
    c.var = *name;
    c.op = op_it->second;
    std::string vp = PointerAppend(ptr, "var");
    Variable::Type type;
    if (IsCounter(*name)) {
      if (!ctx.in_checklist) { r.Error("SCN034", vp, "\"" + *name + "\" is only defined inside a checklist decision's \"outcomes\""); return std::nullopt; }
      type = Variable::Type::Number;
    } else {
      auto it = ctx.variables.find(*name);
      if (it == ctx.variables.end()) { r.Error("SCN012", vp, "unknown variable \"" + *name + "\"; declare it under \"variables\"" + Suggest(*name, ctx.variable_ids)); return std::nullopt; }
      type = it->second;
    }
    std::string valp = PointerAppend(ptr, "value");
    if (type == Variable::Type::Flag) {
      if (!value->is_boolean()) { r.Error("SCN032", valp, "\"" + *name + "\" is a flag: compare it with true or false, not " + std::string(TypeName(*value))); return std::nullopt; }
      if (c.op != CompareOp::Eq && c.op != CompareOp::Ne) { r.Error("SCN032", PointerAppend(ptr, "op"), "a flag can only be compared with == or !="); return std::nullopt; }
      c.value = value->get<bool>();
    } else {
      if (!value->is_number()) { r.Error("SCN032", valp, "\"" + *name + "\" is a number: compare it with a number, not " + std::string(TypeName(*value))); return std::nullopt; }
      c.value = value->get<double>();
    }
    return c;
  }
  r.Error("SCN032", ptr, "a condition needs one of the keys \"flag\", \"var\", \"all\", \"any\" or \"not\"");
  return std::nullopt;
}

std::vector<Effect> ReadEffects(Reader& r, const ScenarioContext& ctx, const json& obj, const std::string& ptr, const char* key) {
  std::vector<Effect> out;
  auto it = obj.find(key);
  if (it == obj.end()) return out;
  std::string p = PointerAppend(ptr, key);
  if (!r.Expect(*it, p, json::value_t::object, "an object of variable changes, e.g. {\"trust\": 1, \"aunt_heard\": true}")) return out;
  for (const auto& [name, change] : it->items()) {
    std::string ep = PointerAppend(p, name);
    auto var = ctx.variables.find(name);
    if (var == ctx.variables.end()) {
      r.KeyError("SCN012", ep, "unknown variable \"" + name + "\"; declare it under \"variables\"" + Suggest(name, ctx.variable_ids));
      continue;
    }
    Effect e;
    e.var = name;
    if (var->second == Variable::Type::Flag) {
      if (!change.is_boolean()) { r.Error("SCN033", ep, "\"" + name + "\" is a flag: set it with true or false"); continue; }
      e.kind = Effect::Kind::SetFlag;
      e.flag = change.get<bool>();
    } else if (change.is_number()) {
      e.kind = Effect::Kind::Add;
      e.number = change.get<double>();
    } else if (change.is_object() && change.contains("set") && change.size() == 1 && change["set"].is_number()) {
      e.kind = Effect::Kind::Set;
      e.number = change["set"].get<double>();
    } else {
      r.Error("SCN033", ep, "\"" + name + "\" is a number: change it by a number (e.g. -1) or set it with {\"set\": N}");
      continue;
    }
    out.push_back(e);
  }
  return out;
}

std::vector<Route> ReadRoutes(Reader& r, const ScenarioContext& ctx, const json& obj, const std::string& ptr, const char* what) {
  std::vector<Route> out;
  const json* v = r.Field(obj, ptr, "next", true, what);
  if (!v) return out;
  std::string p = PointerAppend(ptr, "next");
  auto check_target = [&](const std::string& to, const std::string& tp) {
    if (!ctx.node_ids.count(to)) r.Error("SCN011", tp, "\"" + to + "\" is not a node in this scenario" + Suggest(to, ctx.node_id_list));
  };
  if (v->is_string()) {
    out.push_back(Route{std::nullopt, v->get<std::string>()});
    check_target(out.back().to, p);
    return out;
  }
  if (!r.Expect(*v, p, json::value_t::array, "a node id or a list of routes [{\"if\": …, \"to\": …}, {\"to\": …}]")) return out;
  if (v->empty()) { r.Error("SCN024", p, "the route list is empty; give at least one {\"to\": \"node\"}"); return out; }
  for (std::size_t i = 0; i < v->size(); ++i) {
    std::string rp = PointerAppend(p, i);
    const json& e = (*v)[i];
    if (!r.Expect(e, rp, json::value_t::object, "a route {\"if\": …, \"to\": …}")) continue;
    r.CheckKeys(e, rp, {"if", "to"}, "a route");
    Route route;
    auto to = r.String(e, rp, "to", true, "a route");
    if (to) { route.to = *to; check_target(*to, PointerAppend(rp, "to")); }
    if (e.contains("if")) route.when = ReadCondition(r, ctx, e["if"], PointerAppend(rp, "if"));
    out.push_back(std::move(route));
  }
  if (!v->empty() && v->back().is_object() && v->back().contains("if")) {
    r.Error("SCN024", PointerAppend(p, v->size() - 1), "the last route has a condition, so the story can get stuck; end the list with an unconditional {\"to\": \"…\"}");
  }
  return out;
}

std::vector<SopTag> ReadSop(Reader& r, const ScenarioContext& ctx, const json& obj, const std::string& ptr) {
  std::vector<SopTag> out;
  auto it = obj.find("sop");
  if (it == obj.end()) return out;
  std::string p = PointerAppend(ptr, "sop");
  if (!r.Expect(*it, p, json::value_t::object, "an object of SOP step ids to verdicts, e.g. {\"interview.separate\": \"follows\"}")) return out;
  for (const auto& [step, verdict] : it->items()) {
    std::string sp = PointerAppend(p, step);
    SopTag tag;
    tag.step = step;
    if (!verdict.is_string()) { r.Error("SCN005", sp, "the verdict must be \"follows\", \"violates\" or \"critical\""); continue; }
    std::string vs = verdict.get<std::string>();
    if (vs == "follows") tag.verdict = Verdict::Follows;
    else if (vs == "violates") tag.verdict = Verdict::Violates;
    else if (vs == "critical") tag.verdict = Verdict::Critical;
    else { r.Error("SCN008", sp, "unknown verdict \"" + vs + "\"; use \"follows\", \"violates\" or \"critical\""); continue; }
    if (ctx.catalogue) {
      const SopStep* s = ctx.catalogue->FindStep(step);
      if (!s) { r.KeyError("SCN013", sp, "\"" + step + "\" is not a step of SOP catalogue \"" + ctx.catalogue->id + "\"" + Suggest(step, ctx.step_ids)); continue; }
      if (tag.verdict == Verdict::Critical && !s->critical)
        r.Warning("SCN052", sp, "\"" + step + "\" is not marked critical in the catalogue, so it should not be a never event; use \"violates\" or mark the step critical");
    }
    out.push_back(tag);
  }
  return out;
}

// =============================================================================================
// [SECTION] SOP catalogue
// =============================================================================================

std::shared_ptr<SopCatalogue> ReadCatalogue(Reader& r, const json& root) {
  auto c = std::make_shared<SopCatalogue>();
  r.CheckKeys(root, "", {"format", "type", "id", "version", "title", "axes", "phases", "steps", "sources"}, "an SOP catalogue");
  c->id = r.Id(root, "", "id", true, "the catalogue").value_or("");
  c->version = r.String(root, "", "version", false, "the catalogue").value_or("");
  c->title = r.Text(root, "", "title", true, "the catalogue");

  std::set<std::string> axis_ids, phase_ids, step_ids;
  auto read_list = [&](const char* key, auto&& each) {
    const json* arr = r.Field(root, "", key, true, "the catalogue");
    std::string p = PointerAppend("", key);
    if (!arr || !r.Expect(*arr, p, json::value_t::array, "an array")) return;
    if (arr->empty()) r.Error("SCN003", p, std::string("\"") + key + "\" must not be empty");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string ip = PointerAppend(p, i);
      if (r.Expect((*arr)[i], ip, json::value_t::object, "an object")) each((*arr)[i], ip);
    }
  };
  read_list("axes", [&](const json& a, const std::string& p) {
    r.CheckKeys(a, p, {"id", "label", "description"}, "an axis");
    ScoreAxis axis;
    axis.id = r.Id(a, p, "id", true, "an axis").value_or("");
    if (!axis.id.empty()) r.Unique(axis_ids, axis.id, PointerAppend(p, "id"), "axis");
    axis.label = r.Text(a, p, "label", true, "an axis");
    axis.description = r.Text(a, p, "description", false, "an axis");
    c->axes.push_back(std::move(axis));
  });
  read_list("phases", [&](const json& a, const std::string& p) {
    r.CheckKeys(a, p, {"id", "label"}, "a phase");
    SopPhase phase;
    phase.id = r.Id(a, p, "id", true, "a phase").value_or("");
    if (!phase.id.empty()) r.Unique(phase_ids, phase.id, PointerAppend(p, "id"), "phase");
    phase.label = r.Text(a, p, "label", true, "a phase");
    c->phases.push_back(std::move(phase));
  });
  read_list("steps", [&](const json& a, const std::string& p) {
    r.CheckKeys(a, p, {"id", "phase", "label", "correct", "source", "basis", "note", "weight", "critical", "axes"}, "an SOP step");
    SopStep s;
    s.id = r.Id(a, p, "id", true, "an SOP step").value_or("");
    if (!s.id.empty()) r.Unique(step_ids, s.id, PointerAppend(p, "id"), "step");
    s.phase = r.Id(a, p, "phase", true, "an SOP step").value_or("");
    if (!s.phase.empty() && !phase_ids.count(s.phase))
      r.Error("SCN017", PointerAppend(p, "phase"), "unknown phase \"" + s.phase + "\"; declare it under \"phases\"");
    s.label = r.Text(a, p, "label", true, "an SOP step");
    s.correct = r.Text(a, p, "correct", true, "an SOP step");
    s.source = r.String(a, p, "source", true, "an SOP step").value_or("");
    if (a.contains("source") && s.source.empty()) r.Error("SCN003", PointerAppend(p, "source"), "every SOP step needs its source (law article or guidance)");
    s.basis = r.String(a, p, "basis", true, "an SOP step").value_or("law");
    if (s.basis != "law" && s.basis != "guidance" && s.basis != "good_practice")
      r.Error("SCN008", PointerAppend(p, "basis"), "unknown basis \"" + s.basis + "\"; use \"law\", \"guidance\" or \"good_practice\"");
    s.note = r.Text(a, p, "note", false, "an SOP step");
    s.weight = static_cast<int>(r.Int(a, p, "weight", true, 1, 5, "an SOP step").value_or(1));
    s.critical = r.Bool(a, p, "critical", true, "an SOP step").value_or(false);
    s.axes = r.IdArray(a, p, "axes", true, "an SOP step");
    if (a.contains("axes") && s.axes.empty()) r.Error("SCN003", PointerAppend(p, "axes"), "a step must count towards at least one axis");
    for (std::size_t i = 0; i < s.axes.size(); ++i)
      if (!axis_ids.count(s.axes[i])) r.Error("SCN017", PointerAppend(PointerAppend(p, "axes"), i), "unknown axis \"" + s.axes[i] + "\"; declare it under \"axes\"");
    c->steps.push_back(std::move(s));
  });
  // The source key: code → what it stands for, in both languages.
  if (const json* src = r.Field(root, "", "sources", false, "the catalogue")) {
    if (r.Expect(*src, "/sources", json::value_t::object, "an object of source codes")) {
      for (const auto& [code, text] : src->items()) {
        if (code.empty() || code.find_first_of(" []") != std::string::npos)
          r.Error("SCN018", PointerAppend("/sources", code), "a source code is one word without brackets, e.g. \"TI\" for [TI]");
        c->sources[code] = r.Text(*src, "/sources", code.c_str(), true, "a source");
      }
    }
  }
  return c;
}

// =============================================================================================
// [SECTION] Scenario
// =============================================================================================

void ReadVariables(Reader& r, const json& root, Scenario& s, ScenarioContext& ctx) {
  const json* arr = r.Field(root, "", "variables", false, "the scenario");
  if (!arr || !r.Expect(*arr, "/variables", json::value_t::array, "an array")) return;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::string p = PointerAppend("/variables", i);
    const json& v = (*arr)[i];
    if (!r.Expect(v, p, json::value_t::object, "a variable object")) continue;
    r.CheckKeys(v, p, {"id", "type", "initial", "min", "max", "label", "show", "saturates"}, "a variable");
    Variable var;
    auto id = r.Id(v, p, "id", true, "a variable");
    if (!id || !r.Unique(seen, *id, PointerAppend(p, "id"), "variable")) continue;
    var.id = *id;
    auto type = r.String(v, p, "type", true, "a variable").value_or("number");
    if (type == "flag") var.type = Variable::Type::Flag;
    else if (type != "number") r.Error("SCN008", PointerAppend(p, "type"), "unknown variable type \"" + type + "\"; use \"number\" or \"flag\"");
    var.label = r.Text(v, p, "label", false, "a variable");
    var.show = r.Bool(v, p, "show", false, "a variable").value_or(false);
    if (var.type == Variable::Type::Flag) {
      var.initial = r.Bool(v, p, "initial", false, "a flag").value_or(false) ? 1 : 0;
      var.min = 0;
      var.max = 1;
    } else {
      auto num = [&](const char* key, double fallback) {
        auto it = v.find(key);
        if (it == v.end()) return fallback;
        return r.Number(*it, PointerAppend(p, key)).value_or(fallback);
      };
      var.min = num("min", 0);
      var.max = num("max", 10);
      var.saturates = r.Bool(v, p, "saturates", false, "a variable").value_or(false);
      var.initial = num("initial", var.min);
      if (var.min > var.max) r.Error("SCN007", PointerAppend(p, "min"), "\"min\" is greater than \"max\"");
      else if (var.initial < var.min || var.initial > var.max) r.Error("SCN007", PointerAppend(p, "initial"), "\"initial\" must lie between \"min\" and \"max\"");
    }
    ctx.variables[var.id] = var.type;
    ctx.variable_ids.push_back(var.id);
    s.variables.push_back(std::move(var));
  }
}

// A file a scenario names (portrait, node image): relative to assets/, inside it on every platform,
// and an image type SIGAP reads. Windows drive and UNC paths, URLs and ".." would reach outside.
void CheckAssetPath(Reader& r, const std::string& ptr, const std::string& path, const char* what) {
  if (path.empty()) return;
  std::string why;
  std::string norm = path;
  std::replace(norm.begin(), norm.end(), '\\', '/');
  const bool drive = path.size() >= 2 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':';
  const auto colon = path.find(':');
  const bool url = !drive && colon != std::string::npos && colon > 1 &&
                   std::all_of(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(colon),
                               [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '+' || ch == '-' || ch == '.'; });
  if (norm.rfind("//", 0) == 0) why = "is a network (UNC) path";
  else if (drive) why = "is a Windows drive path";
  else if (url) why = "is a URL (" + path.substr(0, colon + 1) + ")";
  else if (norm[0] == '/') why = "is an absolute path";
  else if (norm == ".." || norm.rfind("../", 0) == 0 || norm.find("/../") != std::string::npos ||
           (norm.size() >= 3 && norm.compare(norm.size() - 3, 3, "/..") == 0))
    why = "goes up with \"..\"";
  else if (path.find('\\') != std::string::npos) why = "uses backslashes (write / between folders)";
  if (!why.empty()) {
    r.Error("SCN007", ptr, std::string(what) + " path must be relative to assets/ and stay inside it: \"" + path + "\" " + why +
                               "; copy the file into assets/ and write e.g. \"portraits/ani.png\"");
    return;
  }
  std::string ext = norm.substr(norm.find_last_of('.') == std::string::npos ? norm.size() : norm.find_last_of('.'));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (ext != ".png" && ext != ".jpg" && ext != ".jpeg")
    r.Error("SCN089", ptr, "\"" + path + "\" is not an image SIGAP can show; save it as PNG or JPEG (.png, .jpg)");
}

void ReadCharacters(Reader& r, const json& root, Scenario& s, ScenarioContext& ctx) {
  const json* arr = r.Field(root, "", "characters", false, "the scenario");
  if (!arr || !r.Expect(*arr, "/characters", json::value_t::array, "an array")) return;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::string p = PointerAppend("/characters", i);
    const json& v = (*arr)[i];
    if (!r.Expect(v, p, json::value_t::object, "a character object")) continue;
    r.CheckKeys(v, p, {"id", "name", "role", "description", "portrait"}, "a character");
    Character c;
    auto id = r.Id(v, p, "id", true, "a character");
    if (!id || !r.Unique(ctx.character_ids, *id, PointerAppend(p, "id"), "character")) continue;
    c.id = *id;
    c.name = r.String(v, p, "name", true, "a character").value_or("");
    c.role = r.Text(v, p, "role", true, "a character");
    c.description = r.Text(v, p, "description", false, "a character");
    c.portrait = r.String(v, p, "portrait", false, "a character").value_or("");
    CheckAssetPath(r, PointerAppend(p, "portrait"), c.portrait, "a portrait");
    s.characters.push_back(std::move(c));
  }
}

std::vector<TextVariant> ReadTextVariants(Reader& r, ScenarioContext& ctx, const json& v, const std::string& p) {
  std::vector<TextVariant> out;
  if (!v.contains("text_if")) return out;
  std::string tp = PointerAppend(p, "text_if");
  if (!r.Expect(v["text_if"], tp, json::value_t::array, "an array of {\"if\": …, \"text\": …}")) return out;
  for (std::size_t i = 0; i < v["text_if"].size(); ++i) {
    std::string ip = PointerAppend(tp, i);
    const json& o = v["text_if"][i];
    if (!r.Expect(o, ip, json::value_t::object, "{\"if\": …, \"text\": …}")) continue;
    r.CheckKeys(o, ip, {"if", "text"}, "a text variant");
    TextVariant tv;
    tv.text = r.Text(o, ip, "text", true, "a text variant");
    const json* cond = r.Field(o, ip, "if", true, "a text variant");
    if (!cond) continue;
    auto c = ReadCondition(r, ctx, *cond, PointerAppend(ip, "if"));
    if (c) { tv.when = std::move(*c); out.push_back(std::move(tv)); }
  }
  return out;
}

void ReadChoice(Reader& r, ScenarioContext& ctx, const json& v, const std::string& p, Choice& c) {
  r.CheckKeys(v, p, {"id", "text", "text_if", "if", "sop", "effects", "feedback", "source", "next"}, "a choice");
  c.text = r.Text(v, p, "text", true, "a choice");
  c.text_if = ReadTextVariants(r, ctx, v, p);
  if (v.contains("if")) c.when = ReadCondition(r, ctx, v["if"], PointerAppend(p, "if"));
  c.sop = ReadSop(r, ctx, v, p);
  if (!v.contains("sop") || v["sop"].empty())
    r.Warning("SCN040", p, "choice \"" + c.id + "\" has no SOP tag; say which SOP step it follows or violates so it can be scored");
  c.effects = ReadEffects(r, ctx, v, p, "effects");
  c.feedback = r.Text(v, p, "feedback", false, "a choice");
  if (!v.contains("feedback"))
    r.Warning("SCN041", p, "choice \"" + c.id + "\" has no feedback; explain why it follows or breaks the SOP");
  c.source = r.String(v, p, "source", false, "a choice").value_or("");
  if (v.contains("feedback") && c.source.empty())
    r.Warning("SCN041", p, "choice \"" + c.id + "\" has feedback but no \"source\"; cite the law article or guidance behind it");
  c.next = ReadRoutes(r, ctx, v, p, "a choice");
}

// A timer's "timeout": what happens when a single-choice decision runs out (SCN048, SCN049 around it).
std::optional<TimeoutOutcome> ReadTimeoutOutcome(Reader& r, ScenarioContext& ctx, const json& v, const std::string& p) {
  if (!r.Expect(v, p, json::value_t::object, "a timeout outcome {\"text\": …, \"sop\": …, \"next\": …}")) return std::nullopt;
  r.CheckKeys(v, p, {"text", "sop", "effects", "feedback", "source", "next"}, "a timeout outcome");
  TimeoutOutcome o;
  o.text = r.Text(v, p, "text", true, "a timeout outcome");
  o.sop = ReadSop(r, ctx, v, p);
  if (!v.contains("sop") || (v["sop"].is_object() && v["sop"].empty()))
    r.Warning("SCN040", p, "the timeout outcome has no SOP tag; say which SOP step not deciding in time breaks (or follows) so it can be scored");
  o.effects = ReadEffects(r, ctx, v, p, "effects");
  o.feedback = r.Text(v, p, "feedback", false, "a timeout outcome");
  if (!v.contains("feedback"))
    r.Warning("SCN041", p, "the timeout outcome has no feedback; explain what hesitating here costs and what the SOP asks");
  o.source = r.String(v, p, "source", false, "a timeout outcome").value_or("");
  if (v.contains("feedback") && o.source.empty())
    r.Warning("SCN041", p, "the timeout outcome has feedback but no \"source\"; cite the law article or guidance behind it");
  o.next = ReadRoutes(r, ctx, v, p, "a timeout outcome");
  return o;
}

void ReadTimer(Reader& r, ScenarioContext& ctx, const json& d, const std::string& dp, Decision& dec) {
  if (!d.contains("timer")) return;
  std::string p = PointerAppend(dp, "timer");
  const json& t = d["timer"];
  if (!r.Expect(t, p, json::value_t::object, "a timer {\"seconds\": N, \"default\": \"choice\"}")) return;
  r.CheckKeys(t, p, {"seconds", "default", "seconds_if", "timeout"}, "a timer");
  Timer timer;
  timer.seconds = static_cast<int>(r.Int(t, p, "seconds", true, 5, 600, "a timer").value_or(30));
  if (t.contains("seconds_if")) {
    std::string sp = PointerAppend(p, "seconds_if");
    if (r.Expect(t["seconds_if"], sp, json::value_t::array, "an array of {\"if\": …, \"seconds\": N}")) {
      for (std::size_t i = 0; i < t["seconds_if"].size(); ++i) {
        std::string ip = PointerAppend(sp, i);
        const json& o = t["seconds_if"][i];
        if (!r.Expect(o, ip, json::value_t::object, "{\"if\": …, \"seconds\": N}")) continue;
        r.CheckKeys(o, ip, {"if", "seconds"}, "a timer override");
        Timer::Override ov;
        ov.seconds = static_cast<int>(r.Int(o, ip, "seconds", true, 5, 600, "a timer override").value_or(30));
        const json* cond = r.Field(o, ip, "if", true, "a timer override");
        if (!cond) continue;
        auto c = ReadCondition(r, ctx, *cond, PointerAppend(ip, "if"));
        if (c) { ov.when = std::move(*c); timer.seconds_if.push_back(std::move(ov)); }
      }
    }
  }
  if (dec.kind == Decision::Kind::Single && t.contains("timeout")) {
    // Hesitation as an outcome of its own: not one of the options on screen.
    if (t.contains("default"))
      r.KeyError("SCN048", PointerAppend(p, "default"), "this timer has both a \"default\" choice and a \"timeout\" outcome; "
                                                         "keep one: \"default\" takes a visible choice when time runs out, "
                                                         "\"timeout\" is an outcome of its own");
    timer.timeout = ReadTimeoutOutcome(r, ctx, t["timeout"], PointerAppend(p, "timeout"));
  } else if (dec.kind == Decision::Kind::Single) {
    auto def = r.String(t, p, "default", false, "a timer");
    if (!def) {
      if (!t.contains("default"))
        r.Error("SCN043", p, "a timed decision needs a \"default\" (the choice taken when time runs out) or a "
                             "\"timeout\" outcome (what happens when the team does not decide in time)");
    } else {
      timer.default_choice = *def;
      bool found = std::any_of(dec.choices.begin(), dec.choices.end(), [&](const Choice& c) { return c.id == *def; });
      if (!found) {
        std::vector<std::string> ids;
        for (const auto& c : dec.choices) ids.push_back(c.id);
        r.Error("SCN015", PointerAppend(p, "default"), "the timeout default \"" + *def + "\" is not a choice of this decision" + Suggest(*def, ids));
      }
    }
  } else {
    if (t.contains("default"))
      r.KeyWarning("SCN047", PointerAppend(p, "default"), "a checklist has no timeout default: when time runs out it submits what the team has ticked; remove \"default\"");
    if (t.contains("timeout"))
      r.KeyError("SCN049", PointerAppend(p, "timeout"), "a checklist has no \"timeout\" outcome: when time runs out it submits what the team has ticked "
                                                        "(score it with \"outcomes\" on the counters); remove \"timeout\" or make the decision single-choice");
  }
  dec.timer = std::move(timer);
}

std::optional<Decision> ReadDecision(Reader& r, ScenarioContext& ctx, const json& d, const std::string& p) {
  if (!r.Expect(d, p, json::value_t::object, "a decision object")) return std::nullopt;
  Decision dec;
  auto kind = r.String(d, p, "kind", true, "a decision").value_or("single");
  if (kind == "checklist") dec.kind = Decision::Kind::Checklist;
  else if (kind != "single") { r.Error("SCN008", PointerAppend(p, "kind"), "unknown decision kind \"" + kind + "\"; use \"single\" or \"checklist\""); return std::nullopt; }
  dec.prompt = r.Text(d, p, "prompt", true, "a decision");
  dec.shuffle = r.Bool(d, p, "shuffle", false, "a decision").value_or(false);

  if (dec.kind == Decision::Kind::Single) {
    r.CheckKeys(d, p, {"kind", "prompt", "timer", "shuffle", "choices", "outcomes"}, "a single-choice decision");
    const json* arr = r.Field(d, p, "choices", true, "a single-choice decision");
    std::string cp = PointerAppend(p, "choices");
    if (arr && r.Expect(*arr, cp, json::value_t::array, "an array of choices")) {
      if (arr->empty()) r.Error("SCN044", cp, "a decision needs at least one choice");
      else if (arr->size() == 1) r.Warning("SCN045", cp, "a decision with a single choice is not a decision; add alternatives or make it a scene");
      if (arr->size() > 9) r.Error("SCN046", cp, "at most 9 choices: teams choose with the keys 1–9");
      std::set<std::string> seen;
      for (std::size_t i = 0; i < arr->size(); ++i) {
        std::string ip = PointerAppend(cp, i);
        const json& v = (*arr)[i];
        if (!r.Expect(v, ip, json::value_t::object, "a choice object")) continue;
        Choice c;
        auto id = r.Id(v, ip, "id", true, "a choice");
        if (!id || !r.Unique(seen, *id, PointerAppend(ip, "id"), "choice")) continue;
        c.id = *id;
        ReadChoice(r, ctx, v, ip, c);
        dec.choices.push_back(std::move(c));
      }
      if (!dec.choices.empty() && std::all_of(dec.choices.begin(), dec.choices.end(), [](const Choice& c) { return c.when.has_value(); }))
        r.Warning("SCN025", cp, "every choice has an \"if\"; if none holds the team is stuck; give at least one choice without a condition");
    }
  } else {
    r.CheckKeys(d, p, {"kind", "prompt", "timer", "shuffle", "items", "outcomes", "per_hit", "per_miss", "per_false_alarm", "feedback", "source", "next"}, "a checklist decision");
    const json* arr = r.Field(d, p, "items", true, "a checklist");
    std::string ip0 = PointerAppend(p, "items");
    if (arr && r.Expect(*arr, ip0, json::value_t::array, "an array of items")) {
      if (arr->empty()) r.Error("SCN044", ip0, "a checklist needs items");
      if (arr->size() > 12) r.Error("SCN046", ip0, "at most 12 checklist items fit on a screen");
      std::set<std::string> seen;
      for (std::size_t i = 0; i < arr->size(); ++i) {
        std::string ip = PointerAppend(ip0, i);
        const json& v = (*arr)[i];
        if (!r.Expect(v, ip, json::value_t::object, "a checklist item object")) continue;
        r.CheckKeys(v, ip, {"id", "text", "correct", "sop", "effects", "feedback"}, "a checklist item");
        ChecklistItem item;
        auto id = r.Id(v, ip, "id", true, "a checklist item");
        if (!id || !r.Unique(seen, *id, PointerAppend(ip, "id"), "item")) continue;
        item.id = *id;
        item.text = r.Text(v, ip, "text", true, "a checklist item");
        // true / false, or a condition: right to tick only in the states where it holds.
        if (const json* c = r.Field(v, ip, "correct", true, "a checklist item")) {
          if (c->is_object()) item.correct_if = ReadCondition(r, ctx, *c, PointerAppend(ip, "correct"));
          else item.correct = r.Bool(v, ip, "correct", true, "a checklist item").value_or(false);
        }
        item.sop = ReadSop(r, ctx, v, ip);
        if (!v.contains("sop") || v["sop"].empty()) r.Warning("SCN040", ip, "item \"" + item.id + "\" has no SOP tag; say which SOP step ticking it follows or violates");
        item.effects = ReadEffects(r, ctx, v, ip, "effects");
        item.feedback = r.Text(v, ip, "feedback", false, "a checklist item");
        dec.items.push_back(std::move(item));
      }
      if (!dec.items.empty() &&
          std::none_of(dec.items.begin(), dec.items.end(), [](const ChecklistItem& it) { return it.correct || it.correct_if; }))
        r.Error("SCN042", ip0, "no item is marked \"correct\": true; a checklist needs at least one item the team should tick");
    }
    dec.per_hit = ReadEffects(r, ctx, d, p, "per_hit");
    dec.per_miss = ReadEffects(r, ctx, d, p, "per_miss");
    dec.per_false_alarm = ReadEffects(r, ctx, d, p, "per_false_alarm");
    dec.feedback = r.Text(d, p, "feedback", false, "a checklist");
    if (!d.contains("feedback")) r.Warning("SCN041", p, "this checklist has no feedback; explain which items are indicators and why");
    dec.source = r.String(d, p, "source", false, "a checklist").value_or("");
    if (d.contains("feedback") && dec.source.empty()) r.Warning("SCN041", p, "this checklist has feedback but no \"source\"");
    dec.next = ReadRoutes(r, ctx, d, p, "a checklist decision");
  }

  if (d.contains("outcomes")) {
    std::string op = PointerAppend(p, "outcomes");
    if (r.Expect(d["outcomes"], op, json::value_t::array, "an array of {\"if\": …, \"effects\": …}")) {
      ctx.in_checklist = dec.kind == Decision::Kind::Checklist;
      for (std::size_t i = 0; i < d["outcomes"].size(); ++i) {
        std::string ep = PointerAppend(op, i);
        const json& o = d["outcomes"][i];
        if (!r.Expect(o, ep, json::value_t::object, "{\"if\": …, \"effects\": …}")) continue;
        r.CheckKeys(o, ep, {"if", "effects"}, "an outcome");
        ConditionalEffects ce;
        if (o.contains("if")) ce.when = ReadCondition(r, ctx, o["if"], PointerAppend(ep, "if"));
        ce.effects = ReadEffects(r, ctx, o, ep, "effects");
        dec.outcomes.push_back(std::move(ce));
      }
      ctx.in_checklist = false;
    }
  }
  ReadTimer(r, ctx, d, p, dec);
  return dec;
}

void ReadNode(Reader& r, ScenarioContext& ctx, const json& v, const std::string& p, Node& n) {
  auto type = r.String(v, p, "type", true, "a node").value_or("scene");
  if (type == "decision") n.type = Node::Type::Decision;
  else if (type == "ending") n.type = Node::Type::Ending;
  else if (type != "scene") r.Error("SCN008", PointerAppend(p, "type"), "unknown node type \"" + type + "\"; use \"scene\", \"decision\" or \"ending\"");
  if (n.type == Node::Type::Scene) r.CheckKeys(v, p, {"id", "type", "title", "text", "text_if", "lines", "image", "on_enter", "next"}, "a scene");
  if (n.type == Node::Type::Decision) r.CheckKeys(v, p, {"id", "type", "title", "text", "text_if", "lines", "image", "on_enter", "decision"}, "a decision node");
  if (n.type == Node::Type::Ending) r.CheckKeys(v, p, {"id", "type", "title", "text", "text_if", "lines", "image", "on_enter", "outcome"}, "an ending");
  n.title = r.Text(v, p, "title", true, "a node");
  n.text = r.Text(v, p, "text", true, "a node");
  n.image = r.String(v, p, "image", false, "a node").value_or("");
  CheckAssetPath(r, PointerAppend(p, "image"), n.image, "an image");
  n.on_enter = ReadEffects(r, ctx, v, p, "on_enter");
  n.text_if = ReadTextVariants(r, ctx, v, p);
  if (v.contains("lines")) {
    std::string lp = PointerAppend(p, "lines");
    if (r.Expect(v["lines"], lp, json::value_t::array, "an array of {\"speaker\": …, \"text\": …}")) {
      for (std::size_t i = 0; i < v["lines"].size(); ++i) {
        std::string ip = PointerAppend(lp, i);
        const json& o = v["lines"][i];
        if (!r.Expect(o, ip, json::value_t::object, "{\"speaker\": …, \"text\": …}")) continue;
        r.CheckKeys(o, ip, {"speaker", "text"}, "a dialogue line");
        DialogueLine line;
        line.speaker = r.String(o, ip, "speaker", true, "a dialogue line").value_or("");
        if (!line.speaker.empty() && !ctx.character_ids.count(line.speaker)) {
          std::vector<std::string> ids(ctx.character_ids.begin(), ctx.character_ids.end());
          r.Error("SCN014", PointerAppend(ip, "speaker"), "unknown character \"" + line.speaker + "\"; declare it under \"characters\"" + Suggest(line.speaker, ids));
        }
        line.text = r.Text(o, ip, "text", true, "a dialogue line");
        n.lines.push_back(std::move(line));
      }
    }
  }
  switch (n.type) {
    case Node::Type::Scene: n.next = ReadRoutes(r, ctx, v, p, "a scene"); break;
    case Node::Type::Decision: {
      const json* d = r.Field(v, p, "decision", true, "a decision node");
      if (d) n.decision = ReadDecision(r, ctx, *d, PointerAppend(p, "decision"));
      break;
    }
    case Node::Type::Ending: {
      const json* o = r.Field(v, p, "outcome", true, "an ending");
      std::string op = PointerAppend(p, "outcome");
      if (o && r.Expect(*o, op, json::value_t::object, "an outcome object")) {
        r.CheckKeys(*o, op, {"id", "label", "rating", "debrief"}, "an outcome");
        Outcome out;
        out.id = r.Id(*o, op, "id", true, "an outcome").value_or("");
        out.label = r.Text(*o, op, "label", true, "an outcome");
        out.rating = r.String(*o, op, "rating", true, "an outcome").value_or("mixed");
        if (out.rating != "good" && out.rating != "mixed" && out.rating != "bad")
          r.Error("SCN008", PointerAppend(op, "rating"), "unknown rating \"" + out.rating + "\"; use \"good\", \"mixed\" or \"bad\"");
        out.debrief = r.Text(*o, op, "debrief", false, "an outcome");
        n.outcome = std::move(out);
      }
      break;
    }
  }
}

std::shared_ptr<Scenario> ReadScenario(Reader& r, const json& root, const SopCatalogue* catalogue) {
  auto s = std::make_shared<Scenario>();
  ScenarioContext ctx;
  ctx.catalogue = catalogue;
  if (catalogue)
    for (const auto& st : catalogue->steps) ctx.step_ids.push_back(st.id);
  r.CheckKeys(root, "", {"format", "type", "id", "title", "kind", "place", "minutes", "languages", "summary", "role",
                         "content_warning", "fictional", "sop_catalogue", "sop_catalogue_version", "assesses", "seed", "notes", "variables",
                         "characters", "start", "nodes"}, "a scenario");
  s->id = r.Id(root, "", "id", true, "the scenario").value_or("");
  s->title = r.Text(root, "", "title", true, "the scenario");
  s->kind = r.String(root, "", "kind", true, "the scenario").value_or("other");
  const auto& kinds = ScenarioKinds();
  if (std::find(kinds.begin(), kinds.end(), s->kind) == kinds.end()) {
    std::string list;
    for (std::size_t i = 0; i < kinds.size(); ++i) list += (i == 0 ? "" : i + 1 == kinds.size() ? " or " : ", ") + kinds[i];
    r.Error("SCN008", "/kind", "unknown kind \"" + s->kind + "\"; use " + list);
  }
  s->place = r.Text(root, "", "place", true, "the scenario");
  s->minutes = static_cast<int>(r.Int(root, "", "minutes", true, 1, 240, "the scenario").value_or(30));
  s->languages = r.IdArray(root, "", "languages", false, "the scenario");
  if (root.contains("languages") && std::find(s->languages.begin(), s->languages.end(), "id") == s->languages.end())
    r.Error("SCN054", "/languages", "\"languages\" must include \"id\": Indonesian is the primary language");
  s->summary = r.Text(root, "", "summary", true, "the scenario");
  s->role = r.Text(root, "", "role", false, "the scenario");
  s->content_warning = r.Text(root, "", "content_warning", true, "the scenario");
  auto fictional = r.Bool(root, "", "fictional", true, "the scenario");
  s->fictional = fictional.value_or(false);
  if (fictional && !*fictional)
    r.Error("SCN053", "/fictional", "scenarios must be fictional composites (\"fictional\": true); never put a real person's story in a scenario");
  s->sop_catalogue = r.Id(root, "", "sop_catalogue", true, "the scenario").value_or("");
  if (!s->sop_catalogue.empty() && !catalogue)
    r.Error("SCN016", "/sop_catalogue", "SOP catalogue \"" + s->sop_catalogue + "\" was not found; put its file in the same folder as the scenario");
  if (catalogue && s->sop_catalogue != catalogue->id)
    r.Error("SCN016", "/sop_catalogue", "this scenario names catalogue \"" + s->sop_catalogue + "\" but was given \"" + catalogue->id + "\"");
  // The catalogue version the author wrote against: a newer catalogue may have renamed, split or
  // re-weighted a step, so the tags may no longer mean what the scenario intends.
  s->sop_catalogue_version = r.String(root, "", "sop_catalogue_version", false, "the scenario").value_or("");
  if (!s->sop_catalogue_version.empty() && catalogue && catalogue->id == s->sop_catalogue &&
      catalogue->version != s->sop_catalogue_version)
    r.Warning("SCN086", "/sop_catalogue_version",
              "this scenario was written for version \"" + s->sop_catalogue_version + "\" of SOP catalogue \"" + catalogue->id +
                  "\" but " + (catalogue->version.empty() ? std::string("the catalogue found has no version")
                                                           : "version \"" + catalogue->version + "\" was found") +
                  " (" + catalogue->path + "); check that its SOP tags still mean what the scenario intends, then set "
                  "\"sop_catalogue_version\" to the catalogue's version");
  s->assesses = r.IdArray(root, "", "assesses", false, "the scenario");
  for (std::size_t i = 0; i < s->assesses.size(); ++i)
    if (catalogue && !catalogue->FindStep(s->assesses[i]))
      r.Error("SCN013", PointerAppend("/assesses", i), "\"" + s->assesses[i] + "\" is not a step of SOP catalogue \"" + catalogue->id + "\"" + Suggest(s->assesses[i], ctx.step_ids));
  if (root.contains("seed")) s->seed = r.Int(root, "", "seed", false, 0, (1LL << 53), "the scenario").value_or(1);
  s->notes = r.String(root, "", "notes", false, "the scenario").value_or("");

  ReadVariables(r, root, *s, ctx);
  ReadCharacters(r, root, *s, ctx);

  const json* nodes = r.Field(root, "", "nodes", true, "the scenario");
  if (nodes && r.Expect(*nodes, "/nodes", json::value_t::array, "an array of nodes")) {
    if (nodes->empty()) r.Error("SCN044", "/nodes", "the scenario has no nodes");
    // First pass: node ids, so that routes can point forward.
    for (std::size_t i = 0; i < nodes->size(); ++i) {
      const json& v = (*nodes)[i];
      if (v.is_object() && v.contains("id") && v["id"].is_string()) {
        std::string id = v["id"].get<std::string>();
        if (ctx.node_ids.insert(id).second) ctx.node_id_list.push_back(id);
      }
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < nodes->size(); ++i) {
      std::string p = PointerAppend("/nodes", i);
      const json& v = (*nodes)[i];
      if (!r.Expect(v, p, json::value_t::object, "a node object")) continue;
      Node n;
      auto id = r.Id(v, p, "id", true, "a node");
      if (!id || !r.Unique(seen, *id, PointerAppend(p, "id"), "node")) continue;
      n.id = *id;
      ReadNode(r, ctx, v, p, n);
      s->nodes.push_back(std::move(n));
    }
  }
  auto start = r.String(root, "", "start", true, "the scenario");
  if (start) {
    s->start = *start;
    if (!ctx.node_ids.count(*start)) r.Error("SCN011", "/start", "the start node \"" + *start + "\" does not exist" + Suggest(*start, ctx.node_id_list));
  }
  return s;
}

// =============================================================================================
// [SECTION] Facilitator guides
// =============================================================================================

// The guide's own shape; the references into its scenario are checked by ValidateGuide.
std::shared_ptr<FacilitatorGuide> ReadGuide(Reader& r, const json& root) {
  auto g = std::make_shared<FacilitatorGuide>();
  r.CheckKeys(root, "", {"format", "type", "scenario", "audience", "who", "goals", "time_plan", "debrief", "never_events",
                         "distress"}, "a facilitator guide");
  g->scenario = r.Id(root, "", "scenario", true, "the guide").value_or("");
  // Entries of a list under `key`, each an object; `read` gets the entry and its pointer.
  auto each = [&](const char* key, const char* what, bool non_empty, const char* why, auto read) {
    const json* v = r.Field(root, "", key, true, "the guide");
    std::string p = PointerAppend("", key);
    if (!v || !r.Expect(*v, p, json::value_t::array, "an array")) return;
    if (v->empty() && non_empty) r.Error("SCN003", p, "\"" + std::string(key) + "\" must not be empty: " + why);
    for (std::size_t i = 0; i < v->size(); ++i) {
      std::string ip = PointerAppend(p, i);
      if (r.Expect((*v)[i], ip, json::value_t::object, what)) read((*v)[i], ip);
    }
  };
  const json* audience = r.Field(root, "", "audience", true, "the guide");
  if (audience && r.Expect(*audience, "/audience", json::value_t::object, "an object {\"tags\": […], \"text\": …}")) {
    r.CheckKeys(*audience, "/audience", {"tags", "text"}, "the audience");
    g->audience_tags = r.IdArray(*audience, "/audience", "tags", true, "the audience");
    const auto& known = GuideAudienceTags();
    std::set<std::string> seen;
    if (const json* tags = r.Field(*audience, "/audience", "tags", false, "the audience"); tags && tags->is_array()) {
      if (tags->empty()) r.Error("SCN003", "/audience/tags", "\"tags\" must not be empty: say who the scenario was written for");
      for (std::size_t i = 0; i < tags->size(); ++i) {
        const json& t = (*tags)[i];
        if (!t.is_string() || !IsValidId(t.get<std::string>())) continue;  // reported by IdArray
        std::string tag = t.get<std::string>(), tp = PointerAppend("/audience/tags", i);
        if (std::find(known.begin(), known.end(), tag) == known.end()) {
          std::string list;
          for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
          r.Error("SCN008", tp, "unknown audience tag \"" + tag + "\"" + Suggest(tag, known) + "; use one of " + list);
        } else {
          r.Unique(seen, tag, tp, "audience tag");
        }
      }
    }
    g->audience = r.Text(*audience, "/audience", "text", true, "the audience");
  }
  g->who = r.Text(root, "", "who", true, "the guide");
  each("goals", "a learning goal {\"step\": …, \"text\": …}", true, "name the SOP steps the scenario teaches",
       [&, seen = std::set<std::string>()](const json& e, const std::string& p) mutable {
         r.CheckKeys(e, p, {"step", "text"}, "a learning goal");
         GuideGoal goal;
         goal.step = r.Id(e, p, "step", true, "a learning goal").value_or("");
         if (!goal.step.empty()) r.Unique(seen, goal.step, PointerAppend(p, "step"), "learning goal");
         goal.text = r.Text(e, p, "text", true, "a learning goal");
         g->goals.push_back(std::move(goal));
       });
  each("time_plan", "a time-plan entry {\"activity\": …, \"label\": …, \"minutes\": …}", true, "say how the minutes are spent",
       [&](const json& e, const std::string& p) {
         r.CheckKeys(e, p, {"activity", "label", "minutes"}, "a time-plan entry");
         GuideSlot slot;
         slot.activity = r.String(e, p, "activity", true, "a time-plan entry").value_or("");
         const auto& acts = GuideActivities();
         if (e.contains("activity") && e["activity"].is_string() && std::find(acts.begin(), acts.end(), slot.activity) == acts.end())
           r.Error("SCN008", PointerAppend(p, "activity"), "unknown activity \"" + slot.activity + "\"; use brief, play, debrief or break");
         slot.label = r.Text(e, p, "label", true, "a time-plan entry");
         slot.minutes = static_cast<int>(r.Int(e, p, "minutes", true, 1, 240, "a time-plan entry").value_or(0));
         g->time_plan.push_back(std::move(slot));
       });
  each("debrief", "a debrief entry {\"node\": …, \"questions\": […]}", true, "give two or three questions for each key decision",
       [&, seen = std::set<std::string>()](const json& e, const std::string& p) mutable {
         r.CheckKeys(e, p, {"node", "questions"}, "a debrief entry");
         GuideQuestions q;
         q.node = r.Id(e, p, "node", true, "a debrief entry").value_or("");
         if (!q.node.empty()) r.Unique(seen, q.node, PointerAppend(p, "node"), "debrief node");
         const json* qs = r.Field(e, p, "questions", true, "a debrief entry");
         std::string qp = PointerAppend(p, "questions");
         if (qs && r.Expect(*qs, qp, json::value_t::array, "an array of bilingual questions")) {
           for (std::size_t i = 0; i < qs->size(); ++i) q.questions.push_back(r.TextValue((*qs)[i], PointerAppend(qp, i), "questions"));
           if (qs->size() < 2 || qs->size() > 3)
             r.Warning("SCN077", qp, "give two or three debrief questions for this decision (there are " + std::to_string(qs->size()) + ")");
         }
         g->debrief.push_back(std::move(q));
       });
  each("never_events", "a never-event entry {\"node\": …, \"option\": …, \"text\": …}", false, "",
       [&, seen = std::set<std::string>()](const json& e, const std::string& p) mutable {
         r.CheckKeys(e, p, {"node", "option", "text"}, "a never-event entry");
         GuideNeverEvent ne;
         ne.node = r.Id(e, p, "node", true, "a never-event entry").value_or("");
         ne.option = r.Id(e, p, "option", true, "a never-event entry").value_or("");
         if (!ne.node.empty() && !ne.option.empty()) r.Unique(seen, ne.node + "/" + ne.option, PointerAppend(p, "option"), "never-event entry");
         ne.text = r.Text(e, p, "text", true, "a never-event entry");
         g->never_events.push_back(std::move(ne));
       });
  g->distress = r.Text(root, "", "distress", true, "the guide");
  return g;
}

FileKind DetectKind(Reader& r, const json& root) {
  if (!root.is_object()) {
    r.Error("SCN001", "", "a SIGAP file is a JSON object starting with '{'");
    return FileKind::Unknown;
  }
  auto format = root.find("format");
  if (format == root.end()) { r.Error("SCN002", "", "missing \"format\": add \"format\": 1 at the top"); }
  else if (!format->is_number_integer() || format->get<long long>() != kFormatVersion) {
    r.Error("SCN002", "/format", "unsupported format " + format->dump() + "; this version of SIGAP reads format " + std::to_string(kFormatVersion));
    return FileKind::Unknown;
  }
  auto type = root.find("type");
  if (type == root.end() || !type->is_string()) {
    r.Error("SCN001", type == root.end() ? "" : "/type", "missing \"type\": use \"scenario\", \"sop_catalogue\" or \"facilitator_guide\"");
    return FileKind::Unknown;
  }
  if (*type == "scenario") return FileKind::Scenario;
  if (*type == "sop_catalogue") return FileKind::Catalogue;
  if (*type == "facilitator_guide") return FileKind::Guide;
  r.Error("SCN001", "/type", "unknown type " + type->dump() + "; use \"scenario\", \"sop_catalogue\" or \"facilitator_guide\"");
  return FileKind::Unknown;
}

LoadedFile Finish(DiagnosticSink& sink, LoadedFile f) {
  f.errors = sink.ErrorCount();
  f.warnings = sink.WarningCount();
  f.diagnostics = sink.Take();
  if (f.errors > 0) { f.scenario.reset(); f.catalogue.reset(); f.guide.reset(); }
  return f;
}

}  // namespace

// =============================================================================================
// [SECTION] One file
// =============================================================================================

ParsedFile ParseFile(const std::string& path, std::string text) {
  ParsedFile p;
  p.path = path;
  p.text = std::move(text);
  p.sink = std::make_unique<DiagnosticSink>(path);
  p.doc = ReadJson(p.text, *p.sink);
  if (!p.doc.ok) return p;
  Reader r(p.doc, *p.sink);
  p.kind = DetectKind(r, p.doc.root);
  if (p.kind == FileKind::Scenario && p.doc.root.contains("sop_catalogue") && p.doc.root["sop_catalogue"].is_string())
    p.catalogue_ref = p.doc.root["sop_catalogue"].get<std::string>();
  if (p.kind == FileKind::Guide && p.doc.root.contains("scenario") && p.doc.root["scenario"].is_string())
    p.scenario_ref = p.doc.root["scenario"].get<std::string>();
  return p;
}

LoadedFile BuildFile(ParsedFile& p, const SopCatalogue* catalogue, const Scenario* scenario_for_guide) {
  LoadedFile f;
  f.path = p.path;
  f.kind = p.kind;
  if (!p.doc.ok || p.kind == FileKind::Unknown) return Finish(*p.sink, std::move(f));
  Reader r(p.doc, *p.sink);
  std::string hash = Sha256Hex(p.doc.root.dump());
  if (p.kind == FileKind::Catalogue) {
    auto c = ReadCatalogue(r, p.doc.root);
    c->content_hash = hash;
    c->path = p.path;
    f.catalogue = std::move(c);
  } else if (p.kind == FileKind::Guide) {
    auto g = ReadGuide(r, p.doc.root);
    g->content_hash = hash;
    g->path = p.path;
    if (!scenario_for_guide && !g->scenario.empty())
      r.Error("SCN070", "/scenario", "scenario \"" + g->scenario + "\" was not found or has errors; put the guide in the folder of its scenario and fix the scenario first");
    else if (scenario_for_guide && !p.sink->HasErrors())
      ValidateGuide(*g, *scenario_for_guide, catalogue, p.doc, *p.sink);
    f.guide = std::move(g);
  } else {
    auto s = ReadScenario(r, p.doc.root, catalogue);
    s->IndexNodes();
    s->content_hash = hash;
    s->path = p.path;
    if (!p.sink->HasErrors()) ValidateScenarioGraph(*s, catalogue, p.doc, *p.sink);
    f.scenario = std::move(s);
  }
  return Finish(*p.sink, std::move(f));
}

LoadedFile LoadFromText(const std::string& path, std::string_view text, const SopCatalogue* catalogue) {
  ParsedFile p = ParseFile(path, std::string(text));
  return BuildFile(p, catalogue);
}

}  // namespace sigap
