// Bad input at the level of meaning (issue 18) and imports that keep a team (issue 12.2): a story
// that would never end is refused, and result files that copying, crashes, two laptops or a
// curious participant leave behind are imported with nothing lost, invented or merged silently.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "debrief_fixtures.h"
#include "session.h"
#include "session_log.h"

using namespace sigap;
using namespace sigap::test;
using nlohmann::json;

namespace {

// Rewrites a session log record by record (as a curious participant or a bad copy would) and
// gives every record a correct sequence number and checksum again, so that only the meaning is wrong.
template <typename Edit>
void RewriteLog(const std::string& path, Edit&& edit) {
  std::string out;
  std::int64_t seq = 0;
  for (const auto& line : SplitLines(ReadText(path))) {
    if (line.empty()) continue;
    json rec = json::parse(line);
    rec.erase("crc");
    edit(rec);
    out += EncodeLogRecord(rec, seq++);
  }
  WriteText(path, out);
}

bool HasProblem(const ImportResult& r, const std::string& code, const std::string& text = "") {
  return std::any_of(r.problems.begin(), r.problems.end(), [&](const Diagnostic& d) {
    return d.code == code && d.message.find(text) != std::string::npos;
  });
}

const ImportedSession* Find(const ImportResult& r, const std::string& team) {
  for (const auto& s : r.sessions)
    if (s.team() == team) return &s;
  return nullptr;
}

// Anggrek's plan: every SOP answer, finished.
TeamPlan Anggrek(int n = 1) {
  TeamPlan p = YulianaTeams()[0];
  p.session_id = HexId(n);
  return p;
}

}  // namespace

// ---- Nothing runs forever (18.1) ---------------------------------------------------------------

TEST_CASE("a loop of scenes that never opens is refused with ENG014, and the refusal changes nothing") {
  ContentLibrary lib = LoadLibrary({DataPath("malformed/scene-loop-never-opens.json"), DataPath("malformed/_sop-mini.json")});
  auto scenario = lib.FindScenario("mini");
  REQUIRE(scenario);
  Session s(scenario, lib.FindCatalogue("sop-mini"), SessionInfo{});
  s.Continue();
  auto rec = s.PrepareChoice("b", 1000, 1000);
  REQUIRE(std::holds_alternative<DecisionRecord>(rec));
  REQUIRE_FALSE(s.Apply(std::get<DecisionRecord>(rec)));
  std::optional<Problem> refused;
  std::size_t advances = 0;
  for (; advances < 1000 && !refused; ++advances) refused = s.Continue();
  REQUIRE(refused);
  CHECK(refused->code == "ENG014");
  // Bounded by the scenario's size, not by memory: past as many scenes as there are nodes, the
  // first scene met again with the same values (no on_enter changes them here) is refused.
  CHECK(advances <= 2 * scenario->nodes.size() + 1);
  const auto path = s.Path();
  const std::string at = s.CurrentNode().id;
  CHECK(s.Continue()->code == "ENG014");  // asked again: refused again, nothing moved
  CHECK(s.Path() == path);
  CHECK(s.CurrentNode().id == at);
  CHECK(s.state() == SessionState::AtScene);
}

TEST_CASE("a long chain of scenes that does end is never refused") {
  // Every bundled scenario's sessions pass through their scenes; the bound must not bite there.
  ContentLibrary lib = BundledLibrary();
  for (const TeamPlan& p : YulianaTeams()) {
    ScopedDir dir("meaning-chain");
    CHECK_NOTHROW(PlayTeam(lib, p, dir.path));
  }
}

TEST_CASE("sigap play stops at the endless loop with ENG014 instead of growing until it is killed") {
  ScopedDir dir("meaning-play-loop");
  ProcessResult r = RunSigap({"play", DataPath("malformed/scene-loop-never-opens.json"), "--team", "T", "--choices", "b",
                              "--results", dir.path});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("ENG014") != std::string::npos);
  // The decision made before the loop is saved; the log stays valid and can be imported.
  std::string log;
  for (const auto& e : std::filesystem::directory_iterator(dir.path)) log = e.path().string();
  SessionLogData d = ReadSessionLogFile(log);
  CHECK(d.usable());
  CHECK(d.decisions.size() == 1);
}

TEST_CASE("sigap validate stops an author at a loop whose exit can never open") {
  for (const char* name : {"scene-loop-never-opens", "decision-loop-never-opens"}) {
    ProcessResult r = RunSigap({"validate", std::string("malformed/") + name + ".json"}, DataPath(""));
    CAPTURE(name);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("error SCN080") != std::string::npos);
  }
}

// ---- Imports keep what is good (12.2, 18.6) ----------------------------------------------------

TEST_CASE("a damaged log imports its good prefix, with the problem reported, instead of losing the team") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("meaning-prefix");
  std::string log = PlayTeam(lib, Anggrek(), dir.path);
  // Record 4 (decision 3) garbled in the middle of the file: damage no crash causes.
  auto lines = SplitLines(ReadText(log));
  lines[3][lines[3].find("\"node\"") + 9] = 'x';
  std::string text;
  for (const auto& l : lines)
    if (!l.empty()) text += l + "\n";
  WriteText(log, text);

  ImportResult r = ImportResults({dir.path}, lib);
  const ImportedSession* s = Find(r, "Anggrek");
  REQUIRE(s);
  CHECK(s->log.decisions.size() == 2);
  CHECK(s->decisions_replayed == 2);
  CHECK_FALSE(s->finished());
  CHECK(HasProblem(r, "LOG011", "2 decisions, shown as unfinished"));
  DebriefBook book;
  book.Add({dir.path}, lib);
  REQUIRE(book.Scenarios().size() == 1);
  CHECK(book.Scenarios()[0].teams.size() == 1);
}

TEST_CASE("two copies of one session that disagree are a conflict kept for the facilitator, never merged") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("meaning-conflict");
  // The same session resumed on two laptops from a USB copy: the first two decisions agree.
  TeamPlan a = Anggrek(40), b = Anggrek(40);
  b.choices = {"c", "d", "gender_pref", "b"};
  std::string path_a = PlayTeam(lib, a, dir.path + "/laptop-1");
  std::string path_b = PlayTeam(lib, b, dir.path + "/laptop-2");
  DebriefBook book;
  book.Add({dir.path}, lib);
  REQUIRE(book.Imported().sessions.size() == 1);
  CHECK(book.Imported().sessions[0].conflict());
  CHECK(book.Scenarios().empty());  // neither copy is shown until the facilitator chooses
  CHECK(HasProblem(book.Imported(), "DBR013", "part after decision 2"));
  auto conflicts = book.Conflicts();
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0].team == "Anggrek");
  CHECK(conflicts[0].common_decisions == 2);
  REQUIRE(conflicts[0].copies.size() == 2);
  CHECK(conflicts[0].copies[0].path == path_a);
  CHECK(conflicts[0].copies[0].finished);
  CHECK(conflicts[0].copies[1].path == path_b);
  CHECK(conflicts[0].copies[1].decisions == 4);

  CHECK_FALSE(book.ChooseCopy(conflicts[0].session_id, dir.path + "/elsewhere.sigap.jsonl"));
  REQUIRE(book.ChooseCopy(conflicts[0].session_id, path_b));
  CHECK(book.Conflicts().empty());
  REQUIRE(book.Scenarios().size() == 1);
  const ImportedSession& kept = *book.Scenarios()[0].teams[0];
  CHECK(kept.path == path_b);
  CHECK(kept.log.decisions.size() == 4);
  CHECK(kept.set_aside_paths == std::vector<std::string>{path_a});
  CHECK_FALSE(HasProblem(book.Imported(), "DBR013"));
  // The choice holds when the sources are read again.
  book.Reload(lib);
  CHECK(book.Conflicts().empty());
  CHECK(book.Imported().sessions[0].path == path_b);
}

TEST_CASE("an earlier copy of a session is a duplicate, not a conflict") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("meaning-earlier");
  std::string full = PlayTeam(lib, Anggrek(41), dir.path + "/laptop");
  std::string early = CopyLines(full, dir.path + "/usb/early.sigap.jsonl", 3);
  ImportResult r = ImportResults({dir.path}, lib);
  REQUIRE(r.sessions.size() == 1);
  CHECK_FALSE(r.sessions[0].conflict());
  CHECK(r.sessions[0].path == full);
  CHECK(r.sessions[0].duplicate_paths == std::vector<std::string>{early});
  CHECK(Conflicts(r).empty());
}

TEST_CASE("an end record that contradicts the replayed scores is reported, and the replay is shown") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("meaning-end");
  std::string log = PlayTeam(lib, Anggrek(42), dir.path);
  // A finished log whose end record claims another ending and a perfect score.
  bool edited = false;
  RewriteLog(log, [&](json& rec) {
    if (rec["rec"] == "end") {
      rec["outcome"] = "no-such-ending";
      rec["never_events"] = 0;
      edited = true;
    }
  });
  ImportResult r = ImportResults({log}, lib);
  const ImportedSession* s = Find(r, "Anggrek");
  REQUIRE(s);
  REQUIRE_MESSAGE(edited, "Anggrek's plan finishes the session: its log has an end record to edit");
  CHECK(s->outcome_id != "no-such-ending");
  CHECK(s->end_contradiction.find("no-such-ending") != std::string::npos);
  CHECK(HasProblem(r, "DBR014", "no-such-ending"));
}

TEST_CASE("impossible times are reported and kept out of the medians") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("meaning-times");
  TeamPlan a = Anggrek(43), b = Anggrek(44), c = Anggrek(45);
  b.team = "Bougenville";
  c.team = "Cempaka";
  a.elapsed_ms = 10000;
  b.elapsed_ms = 20000;
  c.elapsed_ms = 30000;
  PlayTeam(lib, a, dir.path);
  PlayTeam(lib, b, dir.path);
  std::string log_c = PlayTeam(lib, c, dir.path);
  // Cempaka's laptop clock jumped: decision 1 took "minus five seconds".
  RewriteLog(log_c, [](json& rec) {
    if (rec["rec"] == "decision" && rec["seq"] == 1) rec["elapsed_ms"] = -5000;
  });
  DebriefBook book;
  book.Add({dir.path}, lib);
  CHECK(HasProblem(book.Imported(), "DBR015", "decision 1 of team \"Cempaka\""));
  REQUIRE(book.Scenarios().size() == 1);
  const ScenarioDebrief& d = book.Scenarios()[0];
  const auto& anggrek = Find(book.Imported(), "Anggrek")->log.decisions;
  const DecisionAggregate* first = d.FindDecision(anggrek[0].node);
  REQUIRE(first);
  CHECK(first->teams_reached == 3);
  // The median of 10 s and 20 s, not of 10 s, 20 s and -5 s.
  CHECK(first->MedianElapsed() == 15000);
  // A decision without an impossible time keeps all three.
  const DecisionAggregate* second = d.FindDecision(anggrek[1].node);
  REQUIRE(second);
  CHECK(second->MedianElapsed() == 20000);
}

TEST_CASE("a record the unchanged scenario cannot take is an inconsistent log, not a changed scenario") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("meaning-inconsistent");
  std::string log = PlayTeam(lib, Anggrek(46), dir.path);
  RewriteLog(log, [](json& rec) {
    if (rec["rec"] == "decision" && rec["seq"] == 2) rec["choice"] = "zz";
  });
  ImportResult r = ImportResults({log}, lib);
  const ImportedSession* s = Find(r, "Anggrek");
  REQUIRE(s);
  CHECK_FALSE(s->scenario_changed);
  CHECK(s->decisions_replayed == 1);
  CHECK(HasProblem(r, "DBR016", "the log is inconsistent"));
  CHECK_FALSE(HasProblem(r, "DBR012"));
}

TEST_CASE("every CSV cell is formula-safe, whatever field of the log it comes from") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("meaning-csv");
  TeamPlan p = Anggrek(47);
  p.team = "+Tim";
  std::string log = PlayTeam(lib, p, dir.path);
  RewriteLog(log, [](json& rec) {
    if (rec["rec"] == "header") rec["session"] = "=HYPERLINK(\"http://x\",\"klik\")";
  });
  DebriefBook book;
  book.Add({log}, lib);
  std::string csv = ExportCsv(book.Scenarios(), Lang::Id);
  CHECK(csv.find(",\"'=HYPERLINK(") != std::string::npos);
  CHECK(csv.find(",'+Tim,") != std::string::npos);
  for (const auto& line : SplitLines(csv))
    for (const char* bad : {",=", ",+", ",@", ",\"=", ",\"+", ",\"@"}) CHECK_MESSAGE(line.find(bad) == std::string::npos, line);
  CHECK(csv.find(",12000,") != std::string::npos);  // numbers stay numbers
}

// ---- Things that must agree (18.3) -------------------------------------------------------------

TEST_CASE("two catalogues with one id in a folder: the extra one is SCN087, and FILE and FOLDER agree on which counts") {
  ScopedDir dir("meaning-dup-ids");
  const std::string catalogue = ReadText(DataPath("malformed/_sop-mini.json"));
  const std::string scenario = ReadText(DataPath("malformed/base-valid.json"));
  WriteText(dir.path + "/sop-mini.json", catalogue);
  // An old copy left beside it, without step s.b: it sorts first ('-' before '.').
  json old = json::parse(catalogue);
  json steps = json::array();
  for (const auto& st : old["steps"])
    if (st["id"] != "s.b") steps.push_back(st);
  old["steps"] = steps;
  WriteText(dir.path + "/sop-mini-old.json", old.dump(2));
  WriteText(dir.path + "/mini.json", scenario);
  WriteText(dir.path + "/mini-copy.json", scenario);
  ProcessResult r = RunSigap({"validate", dir.path});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(dir.path + "/sop-mini-old.json:") != std::string::npos);
  CHECK(r.out.find("error SCN087: another SOP catalogue with id \"sop-mini\" is loaded from " + dir.path + "/sop-mini.json") !=
        std::string::npos);
  CHECK(r.out.find(dir.path + "/mini-copy.json:5:9: error SCN087: another scenario with id \"mini\" is loaded from " + dir.path +
                   "/mini.json") != std::string::npos);
  // The folder and the lone file pick the same catalogue, the one named after its id: against
  // the old copy the scenario's tags on s.b would be SCN013.
  ContentLibrary folder = LoadLibrary({dir.path});
  CHECK(folder.FindScenario("mini"));
  CHECK(folder.FindCatalogue("sop-mini")->path == dir.path + "/sop-mini.json");
  ProcessResult lone = RunSigap({"validate", dir.path + "/mini.json"});
  INFO(lone.out);
  CHECK(lone.exit_code == 0);
  CHECK(lone.out.find("SCN013") == std::string::npos);
}

TEST_CASE("an ignored key in a condition is an error, because ignoring it inverts the meaning") {
  ContentLibrary lib = LoadLibrary({DataPath("malformed/condition-ignored-key.json"), DataPath("malformed/_sop-mini.json")});
  CHECK(lib.FindScenario("mini") == nullptr);
  CHECK(lib.ErrorCount() == 1);
}

TEST_CASE("control and direction characters in a log's team name never reach a terminal or a report") {
  ContentLibrary lib = BundledLibrary();
  ScopedDir dir("meaning-hidden-team");
  std::string log = PlayTeam(lib, Anggrek(48), dir.path);
  RewriteLog(log, [](json& rec) {
    if (rec["rec"] == "header") rec["team"] = "Ang\x1b[2J\agrek\u202e";
  });
  DebriefBook book;
  book.Add({log}, lib);
  REQUIRE(book.Scenarios().size() == 1);
  CHECK(book.Scenarios()[0].teams[0]->team() == "Ang[2Jgrek");  // the characters removed, the rest kept as written
  for (const std::string& out : {ExportCsv(book.Scenarios(), Lang::Id), ExportHtml(book.Scenarios(), Lang::Id, false),
                                 ExportXapi(book.Scenarios()).dump()}) {
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\a') == std::string::npos);
    CHECK(out.find("\u202e") == std::string::npos);
  }
  ProcessResult r = RunSigap({"debrief", log, "--scenarios", SourcePath("scenarios")});
  CHECK(r.out.find('\x1b') == std::string::npos);
}

TEST_CASE("the corpus of meaningful bad logs: each file gets its own report, and nothing else is lost") {
  ContentLibrary lib = BundledLibrary();
  const std::string dir = DataPath("malformed/logs");
  auto before = Snapshot(dir);
  DebriefBook book;
  book.Add({dir}, lib);
  const ImportResult& r = book.Imported();
  auto reported = [&](const std::string& file, const std::string& code) {
    return static_cast<int>(std::count_if(r.problems.begin(), r.problems.end(), [&](const Diagnostic& d) {
      return d.code == code && d.file.find(file) != std::string::npos;
    }));
  };
  CHECK(reported("damaged-middle", "LOG011") == 1);
  CHECK(reported("conflict-laptop-1", "DBR013") == 1);
  CHECK(reported("end-contradicts", "DBR014") == 1);
  CHECK(reported("impossible-times", "DBR015") == 2);
  CHECK(reported("inconsistent", "DBR016") == 1);
  CHECK(r.problems.size() == 6);
  // Eight files, seven sessions (the two laptops' copies are one session, in conflict).
  CHECK(r.sessions.size() == 7);
  CHECK(book.Conflicts().size() == 1);
  REQUIRE(book.Scenarios().size() == 1);
  CHECK(book.Scenarios()[0].teams.size() == 6);
  std::string csv = ExportCsv(book.Scenarios(), Lang::Id);
  CHECK(csv.find(",\"'=HYPERLINK(") != std::string::npos);
  CHECK(csv.find('\x1b') == std::string::npos);
  CHECK(Snapshot(dir) == before);  // import never changes the source folder
}

// ---- Every code documented, in both languages (18.7) ------------------------------------------

TEST_CASE("every code described in docs/diagnostics.md says what to do in English and in Indonesian") {
  const std::string text = ReadText(SourcePath("docs/diagnostics.md"));
  std::size_t sections = 0;
  for (std::size_t at = text.find("\n### "); at != std::string::npos;) {
    std::size_t next = text.find("\n### ", at + 1);
    std::size_t chapter = text.find("\n## ", at + 1);
    std::size_t end = std::min(next, chapter);
    const std::string section = text.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
    const std::string code = section.substr(4, section.find(' ', 4) - 4);
    if (code.size() >= 5 && std::isupper(static_cast<unsigned char>(code[0])) && std::isdigit(static_cast<unsigned char>(code.back()))) {
      ++sections;
      CAPTURE(code);
      CHECK(section.find("What to do") != std::string::npos);
      CHECK(section.find("Yang harus dilakukan") != std::string::npos);
    }
    at = next;
  }
  CHECK(sections >= 90);
}
