// Debrief exports checked for content: CSV columns and rows, xAPI required fields on every
// statement, and a self-contained HTML report that names every team and every SOP step.
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "debrief_fixtures.h"

using namespace sigap;
using namespace sigap::test;
using nlohmann::json;

namespace {

// RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks; records end in CRLF.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text, bool& crlf_only) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  crlf_only = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      ++i;
    } else {
      if (c == '\n') crlf_only = false;
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
    crlf_only = false;
  }
  return rows;
}

std::string Escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Exported {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir;
  Workshop w;
  DebriefBook book;
  const ImportResult& imported = book.Imported();
  const std::vector<ScenarioDebrief>& debriefs = book.Scenarios();
  explicit Exported(const std::string& name) : dir(name) {
    w = BuildWorkshop(lib, dir.path);
    book.Add({w.root}, lib);
    REQUIRE(debriefs.size() == 2);
  }
  const ScenarioDebrief& yuliana() const { return debriefs[0]; }
};

const std::vector<std::string> kColumns = {"scenario", "session",  "team",   "decision", "node",       "options",  "timed_out",
                                           "elapsed_ms", "step",   "verdict", "reason",  "item", "step_label", "finished",
                                           "scenario_changed", "option_ids", "item_id", "shown", "session_verdict", "members",
                                           "laptop", "started_utc"};

}  // namespace

TEST_CASE("CSV: a header, one row per team decision and SOP tag, RFC 4180 quoting") {
  Exported t("debrief-csv");
  std::string csv = ExportCsv(t.debriefs, Lang::Id);
  bool crlf_only = false;
  auto rows = ParseCsv(csv, crlf_only);
  CHECK(crlf_only);
  REQUIRE(rows.size() > 1);
  CHECK(rows[0] == kColumns);
  for (const auto& r : rows) REQUIRE(r.size() == kColumns.size());

  // Row count: every decision gives max(1, its tags) rows.
  std::size_t expected = 0;
  for (const auto& d : t.debriefs)
    for (const auto* s : d.teams) {
      std::vector<std::size_t> per(s->log.decisions.size(), 0);
      for (const auto& tag : s->score.tags) ++per[tag.decision];
      for (std::size_t n : per) expected += std::max<std::size_t>(1, n);
    }
  CHECK(rows.size() - 1 == expected);

  auto rows_of = [&](const std::string& team, const std::string& decision) {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : rows)
      if (r[2] == team && (decision.empty() || r[3] == decision)) out.push_back(r);
    return out;
  };
  // Anggrek by hand: dp1 2 tags, dp2 5, dp3 4 hits, dp4 1, dp5 2, dp6 6 hits, dp7 4, dp8 3, dp9 2,
  // dp10 4, dp11 1, dp12 9 hits (origin_contact counts for two steps) = 44.
  CHECK(rows_of("Anggrek", "").size() == 44);

  // Cempaka's preparation checklist: one hit, three misses, one false alarm (critical).
  auto prep = rows_of("Cempaka", "3");
  REQUIRE(prep.size() == 5);
  std::multiset<std::string> reasons;
  for (const auto& r : prep) {
    CHECK(r[4] == "dp3");
    // Letters as the screens show them (authored order: gender_pref A, aunt_interprets D); ids beside.
    CHECK(r[5] == "A+D");
    CHECK(r[15] == "gender_pref+aunt_interprets");
    CHECK(r[17].size() == 8 * 2 - 1);  // the eight items' letters in display order, "C A …"
    CHECK(r[18] == "not_passed");      // a never event
    reasons.insert(r[10]);
    if (r[10] == "false_alarm") {
      CHECK(r[11] == "D");
      CHECK(r[16] == "aunt_interprets");
      CHECK(r[8] == "interview.interpreter");
      CHECK(r[9] == "critical");
      CHECK(r[12] == "Penerjemah independen");
    }
  }
  CHECK(reasons == std::multiset<std::string>{"hit", "miss", "miss", "miss", "false_alarm"});

  // Bougenville's timeout at the knock on the door: the default (she leaves with her aunt), critical, 45 s.
  auto knock = rows_of("Bougenville", "8");
  REQUIRE(knock.size() == 1);
  for (const auto& r : knock) {
    CHECK(r[5] == "A");
    CHECK(r[15] == "a");
    CHECK(r[6] == "true");
    CHECK(r[7] == "45000");
    CHECK(r[9] == "critical");
    CHECK(r[10] == "timed_out");
  }
  // A name with a comma and quotes survives the round trip; unfinished and changed are marked.
  CHECK(rows_of("Heliconia, \"Batam\"", "").size() > 0);
  CHECK(csv.find("\"Heliconia, \"\"Batam\"\"\"") != std::string::npos);
  for (const auto& r : rows_of("Edelweis", "")) CHECK(r[13] == "false");
  for (const auto& r : rows_of("Anggrek", "")) CHECK(r[18] == "passed");
  for (const auto& r : rows_of("Gardenia", "")) CHECK(r[14] == "true");
  CHECK(rows_of("Edelweis", "").size() == 2 + 5 + 4 + 1);  // dp1 a, dp2 a, dp3 one hit + 3 misses, dp4 a

  // English step labels with --lang en; anonymised names.
  std::string en = ExportCsv(t.debriefs, Lang::En, true);
  CHECK(en.find("Independent interpreter") != std::string::npos);
  CHECK(en.find("Anggrek") == std::string::npos);
  CHECK(en.find(",Team A,") != std::string::npos);
}

TEST_CASE("CSV: a pseudonym that looks like a formula stays text in a spreadsheet") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("debrief-csv-formula");
  TeamPlan p;
  p.team = "=HYPERLINK(\"x\")";
  p.scenario = "yuliana-nunukan";
  p.session_id = HexId(40);
  p.choices = {"c"};
  PlayTeam(lib, p, dir.path);
  DebriefBook book;
  book.Add({dir.path}, lib);
  const auto& debriefs = book.Scenarios();
  bool crlf_only = false;
  auto rows = ParseCsv(ExportCsv(debriefs, Lang::Id), crlf_only);
  REQUIRE(rows.size() == 3);  // header + dp1 c's two tags
  CHECK(rows[1][2] == "'=HYPERLINK(\"x\")");
}

TEST_CASE("xAPI: one statement per decision with every required field") {
  Exported t("debrief-xapi");
  json statements = ExportXapi(t.debriefs);
  REQUIRE(statements.is_array());
  // 7 finished Yuliana teams × 12 decisions + Edelweis 4 + Kenanga 4 answers, and one "completed"
  // statement per finished session (the 7).
  CHECK(statements.size() == 92 + 7);
  json completed = json::array();
  for (const json& s : statements)
    if (s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed") completed.push_back(s);
  REQUIRE(completed.size() == 7);
  for (const json& s : completed) {
    INFO(s.dump());
    CHECK(s["object"]["id"] == "urn:sigap:scenario:yuliana-nunukan");
    CHECK(s["result"]["completion"] == true);
    const std::string verdict = s["result"]["extensions"]["urn:sigap:ext:verdict"];
    // result.success is the verdict: a never event or a bad ending is never a pass.
    CHECK(s["result"]["success"] == (verdict == "passed"));
    if (s["result"]["extensions"]["urn:sigap:ext:never-events"].get<int>() > 0) {
      CHECK(verdict == "not_passed");
      for (const auto& [axis, a] : s["result"]["extensions"]["urn:sigap:ext:axes"].items()) {
        CHECK(a["capped"] == true);
        CHECK(a["verdict"] == "failed");
      }
    }
    if (s["actor"]["name"] == "Anggrek") {
      CHECK(verdict == "passed");
      CHECK(s["result"]["score"]["scaled"] == 1.0);
    }
    if (s["actor"]["name"] == "Bougenville") CHECK(s["result"]["success"] == false);
  }

  const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  const std::regex duration("^PT[0-9]+(\\.[0-9]+)?S$");
  const std::regex timestamp("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{3})?Z$");
  std::set<std::string> ids;
  for (const json& s : statements) {
    INFO(s.dump());
    REQUIRE(s.contains("id"));
    ids.insert(s["id"].get<std::string>());
    if (s["verb"]["id"] != "http://adlnet.gov/expapi/verbs/answered") continue;
    CHECK(std::regex_match(s["id"].get<std::string>(), uuid));
    CHECK(s["actor"]["objectType"] == "Group");
    CHECK(s["actor"]["name"].is_string());
    CHECK(s["actor"]["account"]["homePage"] == "urn:sigap");
    CHECK(s["actor"]["account"]["name"].get<std::string>().size() == 32);
    CHECK(s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered");
    CHECK(s["verb"]["display"].contains("en"));
    CHECK(s["object"]["objectType"] == "Activity");
    CHECK(s["object"]["id"].get<std::string>().rfind("urn:sigap:scenario:", 0) == 0);
    CHECK(s["object"]["definition"]["name"].contains("id"));
    CHECK(s["object"]["definition"]["name"].contains("en"));
    CHECK(s["object"]["definition"]["description"].contains("en"));
    CHECK(s["result"]["response"].is_string());
    CHECK(s["result"]["success"].is_boolean());
    CHECK(std::regex_match(s["result"]["duration"].get<std::string>(), duration));
    CHECK(std::regex_match(s["context"]["registration"].get<std::string>(), uuid));
    CHECK(s["context"]["extensions"]["urn:sigap:ext:sop"].is_array());
    CHECK(std::regex_match(s["timestamp"].get<std::string>(), timestamp));
  }
  CHECK(ids.size() == statements.size());

  // Bougenville at the knock on the door, worked out by hand.
  const json* knock = nullptr;
  for (const json& s : statements)
    if (s["actor"]["name"] == "Bougenville" && s["object"]["id"] == "urn:sigap:scenario:yuliana-nunukan:node:dp8") knock = &s;
  REQUIRE(knock);
  CHECK((*knock)["result"]["response"] == "A");  // the letter the screen showed
  CHECK((*knock)["result"]["extensions"]["urn:sigap:ext:response-ids"] == "a");
  CHECK((*knock)["object"]["definition"]["extensions"]["urn:sigap:ext:option-ids"]["B"] == "b");
  CHECK((*knock)["result"]["success"] == false);
  CHECK((*knock)["result"]["duration"] == "PT45S");
  CHECK((*knock)["result"]["extensions"]["urn:sigap:ext:timed-out"] == true);
  CHECK((*knock)["context"]["registration"] == "5e550000-0000-4000-8000-000000000002");
  CHECK((*knock)["actor"]["account"]["name"] == "5e550000000000000000000000000002");
  // Seven decisions of 20 s, then the 45 s timeout: 09:00:00 + 185 s.
  CHECK((*knock)["timestamp"] == "2026-03-02T09:03:05.000Z");
  const json& sop = (*knock)["context"]["extensions"]["urn:sigap:ext:sop"];
  REQUIRE(sop.size() == 1);
  for (const json& e : sop) {
    CHECK(e["verdict"] == "critical");
    CHECK(e["reason"] == "timed_out");
  }
  CHECK((*knock)["object"]["definition"]["correctResponsesPattern"] == json::array({"B"}));

  // A checklist answer: the ticked items in xAPI's "[,]" form; success only when all tags follow.
  for (const json& s : statements) {
    if (s["object"]["id"] != "urn:sigap:scenario:yuliana-nunukan:node:dp3") continue;
    if (s["actor"]["name"] == "Anggrek") {
      CHECK(s["result"]["response"] == "A[,]C[,]E[,]G");
      CHECK(s["result"]["extensions"]["urn:sigap:ext:response-ids"] ==
            "gender_pref[,]interpreter[,]referral_sheet[,]breaks_one_interview");
      CHECK(s["result"]["success"] == true);
      CHECK(s["result"]["duration"] == "PT12S");
    }
    if (s["actor"]["name"] == "Edelweis") CHECK(s["result"]["success"] == false);
  }
  // Deterministic: the same input gives the same statements.
  CHECK(ExportXapi(t.debriefs) == statements);
}

TEST_CASE("xAPI durations and registrations") {
  CHECK(SessionRegistration("0123456789abcdef0123456789abcdef") == "01234567-89ab-4def-8123-456789abcdef");
  CHECK(SessionRegistration("0123456789ABCDEF0123456789ABCDEF") == "01234567-89ab-4def-8123-456789abcdef");
  std::string other = SessionRegistration("not-hex");
  CHECK(std::regex_match(other, std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")));
  CHECK(other == SessionRegistration("not-hex"));
}

TEST_CASE("HTML: self-contained, every team and every SOP step, in both languages") {
  Exported t("debrief-html");
  for (Lang lang : {Lang::Id, Lang::En}) {
    CAPTURE(LangCode(lang));
    std::string html = ExportHtml(t.debriefs, lang, false);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find(std::string("<html lang=\"") + LangCode(lang) + "\">") != std::string::npos);
    // No network, no scripts: nothing is loaded from anywhere.
    for (const char* bad : {"http://", "https://", "<script", "<link", "<img", "<iframe", "@import", "url("})
      CHECK_MESSAGE(html.find(bad) == std::string::npos, bad);
    for (const auto& d : t.debriefs) {
      CHECK(html.find(Escaped(d.scenario->title.Get(lang))) != std::string::npos);
      for (const auto* s : d.teams) {
        CHECK_MESSAGE(html.find(">" + Escaped(s->team()) + "<") != std::string::npos, s->team());
      }
      for (const auto& step : d.steps) {
        const SopStep* st = d.catalogue->FindStep(step);
        REQUIRE(st);
        CHECK_MESSAGE(html.find(Escaped(st->label.Get(lang))) != std::string::npos, st->label.Get(lang));
        CHECK_MESSAGE(html.find(Escaped(st->source)) != std::string::npos, st->source);
      }
    }
    // The scenario's facilitator guide is printed with its results (issue 17.4).
    std::size_t guided = 0;
    for (const auto& d : t.debriefs) {
      if (!d.guide) continue;
      ++guided;
      CHECK(html.find(Escaped(d.guide->audience.Get(lang))) != std::string::npos);
      REQUIRE_FALSE(d.guide->debrief.empty());
      CHECK(html.find(Escaped(d.guide->debrief.front().questions.front().Get(lang))) != std::string::npos);
      CHECK(html.find(Escaped(d.guide->distress.Get(lang))) != std::string::npos);
    }
    CHECK(guided == t.debriefs.size());  // every bundled scenario has its guide
    CHECK(html.find(lang == Lang::Id ? "Panduan fasilitator" : "Facilitator's guide") != std::string::npos);
    // One bar chart per decision some team reached; balanced tables and charts.
    std::size_t reached = 0;
    for (const auto& d : t.debriefs)
      for (const auto& a : d.decisions) reached += a.teams_reached > 0;
    auto count = [&](const std::string& what) {
      std::size_t n = 0;
      for (auto at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) ++n;
      return n;
    };
    CHECK(count("<svg") == reached);
    CHECK(count("</svg>") == reached);
    CHECK(count("<table") == count("</table>"));
    // The legend says what each colour means in words and symbols.
    CHECK(html.find(lang == Lang::Id ? "Pelanggaran kritis" : "Critical violation") != std::string::npos);
    CHECK(html.find("‼") != std::string::npos);
    CHECK(html.find("★") != std::string::npos);
  }
  std::string id = ExportHtml(t.debriefs, Lang::Id, false);
  CHECK(id.find("Peta panas") != std::string::npos);
  CHECK(id.find("skenario sudah berubah") != std::string::npos);  // Gardenia
  CHECK(id.find("Belum selesai") != std::string::npos);           // Edelweis
}

TEST_CASE("HTML anonymised: no team pseudonym appears") {
  Exported t("debrief-html-anon");
  std::string html = ExportHtml(t.debriefs, Lang::Id, true);
  for (const auto& d : t.debriefs)
    for (const auto* s : d.teams) CHECK_MESSAGE(html.find(s->team().substr(0, 6)) == std::string::npos, s->team());
  for (const char* name : {"Tim A", "Tim B", "Tim H"}) CHECK(html.find(std::string(">") + name + "<") != std::string::npos);
}

TEST_CASE("exports tell two teams of one name apart: initials, laptop and start time (initials hidden when anonymised)") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("debrief-twins");
  TeamPlan a, b;
  a.team = b.team = "Elang";
  a.scenario = b.scenario = "yuliana-nunukan";
  a.choices = b.choices = {"c"};
  a.session_id = HexId(61);
  b.session_id = HexId(62);
  a.members = "AB";
  b.members = "CD";
  a.laptop = "Laptop 1A2B";
  b.laptop = "Laptop 9F9F";
  b.started = "2026-03-02T10:30:00Z";
  PlayTeam(lib, a, dir.path);
  PlayTeam(lib, b, dir.path);
  DebriefBook book;
  book.Add({dir.path}, lib);
  const auto& debriefs = book.Scenarios();
  REQUIRE(debriefs.size() == 1);

  bool crlf_only = false;
  auto rows = ParseCsv(ExportCsv(debriefs, Lang::Id), crlf_only);
  REQUIRE(rows.size() > 2);
  const std::size_t members = rows[0].size() - 3, laptop = rows[0].size() - 2, started = rows[0].size() - 1;
  std::set<std::string> who;
  for (std::size_t i = 1; i < rows.size(); ++i) who.insert(rows[i][members] + "|" + rows[i][laptop] + "|" + rows[i][started]);
  CHECK(who == std::set<std::string>{"AB|Laptop 1A2B|2026-03-02T09:00:00Z", "CD|Laptop 9F9F|2026-03-02T10:30:00Z"});
  auto hidden = ParseCsv(ExportCsv(debriefs, Lang::Id, true), crlf_only);
  for (std::size_t i = 1; i < hidden.size(); ++i) CHECK(hidden[i][members].empty());

  std::set<std::string> xapi_who;
  for (const json& s : ExportXapi(debriefs)) {
    const json& team = s["context"]["extensions"]["urn:sigap:ext:team"];
    xapi_who.insert(team.value("members", "") + "|" + team.value("laptop", "") + "|" + team.value("started", ""));
  }
  CHECK(xapi_who == std::set<std::string>{"AB|Laptop 1A2B|2026-03-02T09:00:00Z", "CD|Laptop 9F9F|2026-03-02T10:30:00Z"});
  for (const json& s : ExportXapi(debriefs, true)) CHECK_FALSE(s["context"]["extensions"]["urn:sigap:ext:team"].contains("members"));

  const std::string html = ExportHtml(debriefs, Lang::Id, false);
  CHECK(html.find("AB · Laptop 1A2B · 2026-03-02 09:00 UTC") != std::string::npos);
  CHECK(html.find("CD · Laptop 9F9F") != std::string::npos);
  const std::string anon = ExportHtml(debriefs, Lang::Id, true);
  CHECK(anon.find("AB · ") == std::string::npos);
  CHECK(anon.find("Laptop 1A2B") != std::string::npos);
}
