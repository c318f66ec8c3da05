// xAPI 1.0.3 export: one "answered" statement per team decision, for a learning record store's
// bulk load (POST /statements with the array). Decisions the installed scenario no longer has
// (a changed scenario) are left out: they have no activity to point at.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>

#include "debrief.h"
#include "export_common.h"
#include "hash.h"
#include "platform/clock.h"

namespace sigap {

using nlohmann::json;

namespace {

constexpr const char* kHomePage = "urn:sigap";
constexpr const char* kExtSop = "urn:sigap:ext:sop";
constexpr const char* kExtSession = "urn:sigap:ext:session";
constexpr const char* kExtDecision = "urn:sigap:ext:decision";
constexpr const char* kExtScenarioChanged = "urn:sigap:ext:scenario-changed";
constexpr const char* kExtTimedOut = "urn:sigap:ext:timed-out";
constexpr const char* kExtOptionIds = "urn:sigap:ext:option-ids";      // activity: letter → option id
constexpr const char* kExtResponseIds = "urn:sigap:ext:response-ids";  // the response as ids
constexpr const char* kExtShown = "urn:sigap:ext:shown";               // display order, letters
constexpr const char* kExtVerdict = "urn:sigap:ext:verdict";           // SessionVerdictName
constexpr const char* kExtAxes = "urn:sigap:ext:axes";                 // axis → {percent, verdict, capped}
constexpr const char* kExtNeverEvents = "urn:sigap:ext:never-events";
constexpr const char* kExtTeam = "urn:sigap:ext:team";                 // {members, laptop, started}: tells same-named teams apart

bool IsHex32(const std::string& s) {
  if (s.size() != 32) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// 32 hex digits → 8-4-4-4-12 with RFC 4122 version `version` and variant 10xx.
std::string FormatUuid(std::string hex, char version) {
  for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  hex[12] = version;
  int v = std::isdigit(static_cast<unsigned char>(hex[16])) ? hex[16] - '0' : hex[16] - 'a' + 10;
  hex[16] = "89ab"[v & 3];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

json LanguageMap(const LocalText& t) {
  json m = json::object();
  m["id"] = t.id;
  if (!t.en.empty()) m["en"] = t.en;
  return m;
}

// "PT12.5S": ISO 8601 duration from milliseconds.
std::string Duration(std::int64_t ms) {
  if (ms < 0) ms = 0;
  std::string out = "PT" + std::to_string(ms / 1000);
  if (std::int64_t frac = ms % 1000) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(frac));
    std::string f = buf;
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out + "S";
}

// started ("2026-03-01T09:00:00Z") + at_ms, with milliseconds; "" when `started` is unreadable.
std::string Timestamp(const std::string& started, std::int64_t at_ms) {
  std::tm tm{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  if (std::sscanf(started.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 || z != 'Z') return "";
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  std::int64_t ms = static_cast<std::int64_t>(platform::FromUtcCalendar(tm)) * 1000 + std::max<std::int64_t>(0, at_ms);
  std::tm out = platform::UtcCalendar(static_cast<std::time_t>(ms / 1000));
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", out.tm_year + 1900, out.tm_mon + 1, out.tm_mday, out.tm_hour,
                out.tm_min, out.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

// xAPI's "choice" response: the choice's letter, or the ticked items' letters joined by "[,]"
// (the interaction's choices are named by letter, as the team's screen names them). `ids`: the
// same with the ids (an extension keeps them for machines).
std::string Response(const Scenario& sc, const DecisionRecord& r, bool ids) {
  auto name = [&](const std::string& id) { return ids ? id : exports::Letter(sc, r.node, id); };
  if (!r.checklist) return name(r.choice);
  std::string joined;
  for (const auto& i : r.items) joined += (joined.empty() ? "" : "[,]") + name(i);
  return joined;
}

std::string ScenarioIri(const Scenario& sc) { return "urn:sigap:scenario:" + sc.id; }

json Activity(const Scenario& sc, const Node& node) {
  const Decision& d = *node.decision;
  json choices = json::array();
  json correct = json::array();
  json ids = json::object();  // letter → id
  if (d.kind == Decision::Kind::Checklist) {
    std::string pattern;
    for (const auto& item : d.items) {
      const std::string letter = d.OptionLetter(item.id);
      choices.push_back({{"id", letter}, {"description", LanguageMap(item.text)}});
      ids[letter] = item.id;
      // Items whose correctness depends on the story are right in some states only: the pattern
      // lists those right in every state; each statement's result.success follows the team's own.
      if (d.Recommended(item.id)) pattern += (pattern.empty() ? "" : "[,]") + letter;
    }
    correct.push_back(pattern);
  } else {
    for (const auto& c : d.choices) {
      const std::string letter = d.OptionLetter(c.id);
      choices.push_back({{"id", letter}, {"description", LanguageMap(c.text)}});
      ids[letter] = c.id;
      if (c.Recommended()) correct.push_back(letter);
    }
  }
  json definition{{"name", LanguageMap(node.title)},
                  {"description", LanguageMap(d.prompt)},
                  {"type", "http://adlnet.gov/expapi/activities/cmi.interaction"},
                  {"interactionType", "choice"},
                  {"choices", choices}};
  if (!correct.empty()) definition["correctResponsesPattern"] = correct;
  definition["extensions"][kExtOptionIds] = std::move(ids);
  return json{{"objectType", "Activity"}, {"id", ScenarioIri(sc) + ":node:" + node.id}, {"definition", definition}};
}

// Who played where and when: the initials typed at the start (left out when names are hidden),
// the laptop's pseudonym and the start time, so that two teams of one name stay apart.
json TeamExtension(const ImportedSession& s, bool anonymise) {
  json team = json::object();
  if (!anonymise && !s.log.info.members.empty()) team["members"] = s.log.info.members;
  if (!s.log.info.laptop.empty()) team["laptop"] = s.log.info.laptop;
  if (!s.log.info.started_utc.empty()) team["started"] = s.log.info.started_utc;
  return team;
}

json Statement(const ScenarioDebrief& deb, std::size_t team, std::size_t index, const std::vector<const ScoredTag*>& tags, bool anonymise,
               const json& activity) {
  const ImportedSession& s = *deb.teams[team];
  const DecisionRecord& r = s.log.decisions[index];
  const Scenario& sc = *deb.scenario;
  const std::string& session_id = s.log.info.session_id;

  json sop = json::array();
  bool success = true;
  for (const ScoredTag* t : tags) {
    json e{{"step", t->step}, {"verdict", VerdictName(t->verdict)}, {"reason", TagReasonName(t->reason)}};
    if (t->reason == TagReason::Hit || t->reason == TagReason::Miss || t->reason == TagReason::FalseAlarm) e["item"] = t->option;
    if (const SopStep* step = deb.catalogue->FindStep(t->step)) {
      e["label"] = LanguageMap(step->label);
      e["source"] = step->source;
    }
    sop.push_back(e);
    success = success && t->verdict == Verdict::Follows;
  }
  json result{{"response", Response(sc, r, false)}, {"duration", Duration(r.elapsed_ms)},
              {"extensions", {{kExtTimedOut, r.timed_out}, {kExtResponseIds, Response(sc, r, true)}}}};
  if (!r.shown.empty()) {
    json shown = json::array();
    for (const auto& id : r.shown) shown.push_back(exports::Letter(sc, r.node, id));
    result["extensions"][kExtShown] = std::move(shown);
  }
  if (!tags.empty()) result["success"] = success;  // an untagged answer is neither right nor wrong

  // Built field by field: nested initializer lists would deep-copy the activity at every level.
  json context{{"registration", SessionRegistration(session_id)},
                {"platform", "SIGAP " + s.log.info.app_version},
                {"language", LangCode(s.log.info.lang)}};
  context["contextActivities"]["parent"] =
      json::array({{{"objectType", "Activity"}, {"id", ScenarioIri(sc)}, {"definition", {{"name", LanguageMap(sc.title)}}}}});
  json& ext = context["extensions"];
  ext[kExtSop] = std::move(sop);
  ext[kExtSession] = session_id;
  ext[kExtDecision] = index + 1;
  ext[kExtScenarioChanged] = s.scenario_changed;
  ext[kExtTeam] = TeamExtension(s, anonymise);

  json statement = json::object();
  statement["id"] = FormatUuid(Sha256Hex("sigap:statement:" + session_id + ":" + std::to_string(index + 1)).substr(0, 32), '5');
  statement["version"] = "1.0.3";
  statement["actor"] = {{"objectType", "Group"},
                        {"name", TeamDisplayName(deb, team, Lang::Id, anonymise)},
                        {"account", {{"homePage", kHomePage}, {"name", session_id}}}};
  statement["verb"] = {{"id", "http://adlnet.gov/expapi/verbs/answered"}, {"display", {{"en", "answered"}, {"id", "menjawab"}}}};
  statement["object"] = activity;
  statement["result"] = std::move(result);
  statement["context"] = std::move(context);
  std::string ts = Timestamp(s.log.info.started_utc, r.at_ms);
  if (!ts.empty()) statement["timestamp"] = ts;
  return statement;
}

// A finished session as one "completed" statement: its verdict is result.success, so a learning
// record store reads a session with a never event or a bad ending as not passed
// (docs/scoring.md). result.score.scaled is the SOP axis as earned (the catalogue's "sop", else
// its first axis); every axis, with its verdict, is in an extension.
json SessionStatement(const ScenarioDebrief& deb, std::size_t team, bool anonymise) {
  const ImportedSession& s = *deb.teams[team];
  const Scenario& sc = *deb.scenario;
  const std::string& session_id = s.log.info.session_id;
  json axes = json::object();
  std::optional<double> sop;
  for (const auto& a : s.score.axes) {
    auto p = a.Percent();
    axes[a.axis] = {{"percent", p ? json(std::round(*p * 10) / 10) : json(nullptr)},
                    {"verdict", AxisVerdictName(a.Verdict())},
                    {"capped", a.capped}};
    if (p && (a.axis == "sop" || (!sop && !deb.catalogue->FindAxis("sop")))) sop = *p;
  }
  json result{{"completion", true}, {"success", s.score.verdict == SessionVerdict::Passed}};
  if (sop) result["score"] = {{"scaled", std::round(*sop * 10) / 1000}};
  result["extensions"][kExtVerdict] = SessionVerdictName(s.score.verdict);
  result["extensions"][kExtAxes] = std::move(axes);
  result["extensions"][kExtNeverEvents] = s.score.never_events.size();

  json context{{"registration", SessionRegistration(session_id)},
               {"platform", "SIGAP " + s.log.info.app_version},
               {"language", LangCode(s.log.info.lang)}};
  context["extensions"][kExtSession] = session_id;
  context["extensions"][kExtScenarioChanged] = s.scenario_changed;
  context["extensions"][kExtTeam] = TeamExtension(s, anonymise);

  json statement = json::object();
  statement["id"] = FormatUuid(Sha256Hex("sigap:statement:" + session_id + ":completed").substr(0, 32), '5');
  statement["version"] = "1.0.3";
  statement["actor"] = {{"objectType", "Group"},
                        {"name", TeamDisplayName(deb, team, Lang::Id, anonymise)},
                        {"account", {{"homePage", kHomePage}, {"name", session_id}}}};
  statement["verb"] = {{"id", "http://adlnet.gov/expapi/verbs/completed"}, {"display", {{"en", "completed"}, {"id", "menyelesaikan"}}}};
  statement["object"] = {{"objectType", "Activity"}, {"id", ScenarioIri(sc)}, {"definition", {{"name", LanguageMap(sc.title)}}}};
  statement["result"] = std::move(result);
  statement["context"] = std::move(context);
  const std::int64_t at = s.log.decisions.empty() ? 0 : s.log.decisions.back().at_ms;
  std::string ts = Timestamp(s.log.info.started_utc, at);
  if (!ts.empty()) statement["timestamp"] = ts;
  return statement;
}

}  // namespace

std::string SessionRegistration(const std::string& session_id) {
  return FormatUuid(IsHex32(session_id) ? session_id : Sha256Hex("sigap:session:" + session_id).substr(0, 32), '4');
}

json ExportXapi(const std::vector<ScenarioDebrief>& debriefs) { return ExportXapi(debriefs, false); }

json ExportXapi(const std::vector<ScenarioDebrief>& debriefs, bool anonymise) {
  json out = json::array();
  for (const ScenarioDebrief& d : debriefs) {
    std::map<const Node*, json> activities;  // built once per decision, copied into each statement
    for (std::size_t team = 0; team < d.teams.size(); ++team) {
      const ImportedSession* s = d.teams[team];
      auto tags = exports::TagsByDecision(*s);
      for (std::size_t i = 0; i < s->decisions_replayed; ++i) {
        const Node* node = d.scenario->FindNode(s->log.decisions[i].node);
        if (!node || !node->decision) continue;
        auto [it, added] = activities.try_emplace(node);
        if (added) it->second = Activity(*d.scenario, *node);
        out.push_back(Statement(d, team, i, tags[i], anonymise, it->second));
      }
      if (s->finished() && s->replay_ok) out.push_back(SessionStatement(d, team, anonymise));
    }
  }
  return out;
}

}  // namespace sigap
