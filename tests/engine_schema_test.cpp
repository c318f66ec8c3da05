// scenarios/sigap.schema.json, the JSON Schema editors use for completion and basic checks:
// every bundled file must satisfy it, and malformed files must not. The checker below supports
// exactly the keywords the schema uses (a draft-07 subset) and fails on any other, so the schema
// cannot drift into keywords nobody checks.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "engine_test_util.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

class SchemaChecker {
 public:
  explicit SchemaChecker(json schema) : root_(std::move(schema)) {}

  // Problems of `instance` against the root schema ("" when it conforms).
  std::vector<std::string> Check(const json& instance) {
    std::vector<std::string> problems;
    Validate(root_, instance, "", problems);
    return problems;
  }

  // Keywords met while checking; a schema keyword outside this list is a test failure.
  const std::set<std::string>& Unsupported() const { return unsupported_; }

 private:
  const json& Resolve(const std::string& ref) {
    const std::string prefix = "#/definitions/";
    if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
    return root_.at("definitions").at(ref.substr(prefix.size()));
  }

  static bool IsType(const json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "boolean") return v.is_boolean();
    if (type == "integer") return v.is_number_integer();  // as the loader: 1.0 is not a whole number
    if (type == "number") return v.is_number();
    if (type == "null") return v.is_null();
    throw std::runtime_error("unknown type " + type);
  }

  static std::size_t Utf8Length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }

  void Validate(const json& schema, const json& v, const std::string& at, std::vector<std::string>& out) {
    static const std::set<std::string> kAnnotations = {"$schema", "$id", "title", "description", "definitions"};
    static const std::set<std::string> kKeywords = {"$ref", "type", "enum", "properties", "required", "additionalProperties",
                                                    "patternProperties", "items", "minItems", "maxItems", "oneOf", "anyOf",
                                                    "minimum", "maximum", "minLength", "maxLength", "pattern"};
    for (const auto& item : schema.items())
      if (!kAnnotations.count(item.key()) && !kKeywords.count(item.key())) unsupported_.insert(item.key());

    if (schema.contains("$ref")) {
      for (const auto& item : schema.items())
        if (item.key() != "$ref" && item.key() != "description") unsupported_.insert("$ref with " + item.key());
      Validate(Resolve(schema["$ref"]), v, at, out);
      return;
    }
    if (auto t = schema.find("type"); t != schema.end()) {
      bool ok = false;
      if (t->is_string()) ok = IsType(v, *t);
      else for (const auto& one : *t) ok = ok || IsType(v, one);
      if (!ok) { out.push_back(at + ": expected type " + t->dump() + ", found " + v.type_name()); return; }
    }
    if (auto e = schema.find("enum"); e != schema.end()) {
      bool found = false;
      for (const auto& allowed : *e) found = found || (allowed == v && allowed.type() == v.type()) ||
                                               (allowed.is_number() && v.is_number() && allowed == v);
      if (!found) out.push_back(at + ": " + v.dump() + " is not one of " + e->dump());
    }
    if (v.is_string()) {
      std::string s = v.get<std::string>();
      if (auto m = schema.find("minLength"); m != schema.end() && Utf8Length(s) < m->get<std::size_t>()) out.push_back(at + ": string too short");
      if (auto m = schema.find("maxLength"); m != schema.end() && Utf8Length(s) > m->get<std::size_t>()) out.push_back(at + ": string too long");
      if (auto p = schema.find("pattern"); p != schema.end() && !std::regex_search(s, std::regex(p->get<std::string>())))
        out.push_back(at + ": \"" + s + "\" does not match " + p->get<std::string>());
    }
    if (v.is_number()) {
      double d = v.get<double>();
      if (auto m = schema.find("minimum"); m != schema.end() && d < m->get<double>()) out.push_back(at + ": below minimum");
      if (auto m = schema.find("maximum"); m != schema.end() && d > m->get<double>()) out.push_back(at + ": above maximum");
    }
    if (v.is_array()) {
      if (auto m = schema.find("minItems"); m != schema.end() && v.size() < m->get<std::size_t>()) out.push_back(at + ": too few items");
      if (auto m = schema.find("maxItems"); m != schema.end() && v.size() > m->get<std::size_t>()) out.push_back(at + ": too many items");
      if (auto items = schema.find("items"); items != schema.end())
        for (std::size_t i = 0; i < v.size(); ++i) Validate(*items, v[i], at + "/" + std::to_string(i), out);
    }
    if (v.is_object()) {
      if (auto req = schema.find("required"); req != schema.end())
        for (const auto& key : *req)
          if (!v.contains(key.get<std::string>())) out.push_back(at + ": missing required \"" + key.get<std::string>() + "\"");
      const json* props = schema.contains("properties") ? &schema["properties"] : nullptr;
      const json* patterns = schema.contains("patternProperties") ? &schema["patternProperties"] : nullptr;
      for (const auto& item : v.items()) {
        std::string child = at + "/" + item.key();
        bool matched = false;
        if (props && props->contains(item.key())) {
          matched = true;
          Validate((*props)[item.key()], item.value(), child, out);
        }
        if (patterns)
          for (const auto& pat : patterns->items())
            if (std::regex_search(item.key(), std::regex(pat.key()))) {
              matched = true;
              Validate(pat.value(), item.value(), child, out);
            }
        if (!matched)
          if (auto add = schema.find("additionalProperties"); add != schema.end()) {
            if (add->is_boolean()) {
              if (!add->get<bool>()) out.push_back(at + ": unknown key \"" + item.key() + "\"");
            } else {
              Validate(*add, item.value(), child, out);
            }
          }
      }
    }
    if (auto one = schema.find("oneOf"); one != schema.end()) {
      int passing = 0;
      std::vector<std::string> best;
      for (const auto& alt : *one) {
        std::vector<std::string> sub;
        Validate(alt, v, at, sub);
        if (sub.empty()) ++passing;
        else if (best.empty() || sub.size() < best.size()) best = sub;
      }
      if (passing == 0) {
        out.push_back(at + ": matches none of oneOf; closest: " + (best.empty() ? "" : best.front()));
      } else if (passing > 1) {
        out.push_back(at + ": matches " + std::to_string(passing) + " alternatives of oneOf");
      }
    }
    if (auto any = schema.find("anyOf"); any != schema.end()) {
      bool ok = false;
      for (const auto& alt : *any) {
        std::vector<std::string> sub;
        Validate(alt, v, at, sub);
        ok = ok || sub.empty();
      }
      if (!ok) out.push_back(at + ": matches none of anyOf");
    }
  }

  json root_;
  std::set<std::string> unsupported_;
};

json ParseFile(const std::string& path) { return json::parse(sigap::test::ReadText(path)); }

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < 8; ++i) out += v[i] + "\n";
  return out;
}

}  // namespace

TEST_CASE("the JSON Schema is draft-07 and every bundled file satisfies it") {
  json schema = ParseFile(sigap::test::SourcePath("scenarios/sigap.schema.json"));
  CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
  SchemaChecker checker(schema);
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(sigap::test::SourcePath("scenarios")))
    if (e.path().extension() == ".json" && e.path().filename() != "sigap.schema.json") files.push_back(e.path().string());
  for (const auto& e : fs::directory_iterator(sigap::test::DataPath("fixtures"))) files.push_back(e.path().string());
  files.push_back(sigap::test::DataPath("malformed/base-valid.json"));
  files.push_back(sigap::test::DataPath("malformed/_sop-mini.json"));
  REQUIRE(files.size() >= 9);
  for (const auto& f : files) {
    CAPTURE(f);
    auto problems = checker.Check(ParseFile(f));
    CHECK_MESSAGE(problems.empty(), Join(problems));
  }
  CHECK_MESSAGE(checker.Unsupported().empty(), "schema keywords the checker does not support: " << *checker.Unsupported().begin());
  // Every scenario file points editors at the schema.
  for (const auto& f : files)
    if (f.find("/scenarios/") != std::string::npos) CHECK(ParseFile(f)["$schema"] == "sigap.schema.json");
}

TEST_CASE("malformed files fail the schema") {
  SchemaChecker checker(ParseFile(sigap::test::SourcePath("scenarios/sigap.schema.json")));
  // Shape problems an editor can see; reference problems (unknown node, variable…) need `sigap validate`.
  for (const char* name : {"unknown-keys", "wrong-types", "missing-required", "bad-ids", "out-of-range", "unknown-enum-values",
                           "text-not-bilingual", "missing-translation", "not-fictional", "too-many-choices",
                           "checklist-too-many-items", "decision-without-choices", "no-nodes", "unknown-type",
                           "format-unsupported", "format-missing", "root-array", "catalogue-broken-steps",
                           "catalogue-missing-parts", "timed-without-default"}) {
    CAPTURE(name);
    json doc = ParseFile(sigap::test::DataPath(std::string("malformed/") + name + ".json"));
    if (std::string(name) == "timed-without-default") {
      // The schema cannot require a default only for single-choice timers; it does check the timer's shape.
      doc["nodes"][1]["decision"]["timer"]["seconds"] = "30";
    }
    CHECK_FALSE(checker.Check(doc).empty());
  }
  // A single wrong detail deep inside is found too.
  json base = ParseFile(sigap::test::DataPath("malformed/base-valid.json"));
  REQUIRE(checker.Check(base).empty());
  auto broken = [&](auto&& change) {
    json doc = base;
    change(doc);
    return !checker.Check(doc).empty();
  };
  CHECK(broken([](json& d) { d["nodes"][1]["decision"]["choices"][0]["sop"]["s.a"] = "obeys"; }));
  CHECK(broken([](json& d) { d["nodes"][1]["decision"]["choices"][0]["effects"]["trust"] = "1"; }));
  CHECK(broken([](json& d) { d["nodes"][1]["decision"]["choices"][0]["if"] = {{"flag", "met"}, {"op", "=="}}; }));
  CHECK(broken([](json& d) { d["nodes"][1]["decision"]["choices"][0]["next"] = json::array(); }));
  CHECK(broken([](json& d) { d["nodes"][4]["outcome"]["rating"] = "ok"; }));
  CHECK(broken([](json& d) { d["nodes"][0]["type"] = "cutscene"; }));
  CHECK(broken([](json& d) { d["variables"][1]["initial"] = 0; }));  // a flag starts true or false
  // A node's on_enter is effects; a timer's timeout outcome needs its text and its route.
  CHECK_FALSE(broken([](json& d) { d["nodes"][0]["on_enter"] = {{"trust", -1}, {"met", true}, {"trust2", {{"set", 3}}}}; }));
  CHECK(broken([](json& d) { d["nodes"][0]["on_enter"] = {{"trust", "-1"}}; }));
  CHECK(broken([](json& d) { d["nodes"][0]["on_enter"] = json::array(); }));
  const json timeout = {{"text", {{"id", "Tim ragu."}, {"en", "The team hesitates."}}}, {"sop", {{"s.b", "violates"}}},
                        {"effects", {{"trust", -1}}}, {"next", "end_bad"}};
  CHECK_FALSE(broken([&](json& d) { d["nodes"][1]["decision"]["timer"] = {{"seconds", 30}, {"timeout", timeout}}; }));
  CHECK(broken([&](json& d) {
    json t = timeout;
    t.erase("next");
    d["nodes"][1]["decision"]["timer"] = {{"seconds", 30}, {"timeout", t}};
  }));
  CHECK(broken([&](json& d) {
    json t = timeout;
    t["default"] = "a";  // a choice's key, not the outcome's
    d["nodes"][1]["decision"]["timer"] = {{"seconds", 30}, {"timeout", t}};
  }));
  // Author notes are welcome anywhere an object has named keys.
  CHECK_FALSE(broken([](json& d) {
    d["_todo"] = "periksa";
    d["nodes"][1]["_note"] = "x";
    d["nodes"][1]["decision"]["choices"][0]["text"]["_draft"] = "y";
  }));
}
