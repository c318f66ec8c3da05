// The session log: torn tails cut at every byte, corrupted records in the middle, resume after a
// torn tail, scenario-changed flagging, and file names that carry only the sanitised pseudonym.
#include <doctest/doctest.h>

#include <filesystem>

#include "engine_test_util.h"
#include "platform/utf8_path.h"
#include "recorded_session.h"
#include "session_log.h"

using namespace sigap;
namespace fs = std::filesystem;

namespace {

SessionInfo TestInfo(const std::string& team = "Tim Merah") {
  SessionInfo info;
  info.team = team;
  info.members = "AB, CD";
  info.seed = 7;
  info.lang = Lang::Id;
  info.app_version = "test";
  return info;
}

// A finished log of the fixture's worst path written through RecordedSession; returns its text.
struct WrittenLog {
  std::string path;
  std::string text;
  std::vector<DecisionRecord> decisions;
};

WrittenLog WriteLog(const test::Fixture& fx, const std::string& dir, bool finish = true) {
  auto started = RecordedSession::Start(fx.scenario, fx.catalogue, TestInfo(), dir);
  REQUIRE(std::holds_alternative<RecordedSession>(started));
  RecordedSession& rs = std::get<RecordedSession>(started);
  while (rs.session().state() == SessionState::AtScene) REQUIRE_FALSE(rs.Continue());
  REQUIRE_FALSE(rs.Choose("d", 1200, 1200).refused);
  while (rs.session().state() == SessionState::AtScene) REQUIRE_FALSE(rs.Continue());
  REQUIRE_FALSE(rs.TimeOut(30000, 31200).refused);
  if (finish) REQUIRE_FALSE(rs.SubmitChecklist({"x1", "f1"}, 5000, 36200).refused);
  CHECK(rs.saved());
  WrittenLog w{rs.log_path(), test::ReadText(rs.log_path()), rs.session().History()};
  return w;
}

std::vector<std::size_t> LineStarts(const std::string& text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
  return starts;
}

bool HasCode(const SessionLogData& d, const std::string& code) {
  return std::any_of(d.diagnostics.begin(), d.diagnostics.end(), [&](const Diagnostic& x) { return x.code == code; });
}

std::string Dump(const SessionLogData& d) {
  std::string out;
  for (const auto& x : d.diagnostics) out += FormatDiagnostic(x) + "\n";
  return out;
}

}  // namespace

TEST_CASE("a log written by a session reads back complete and clean") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-clean");
  WrittenLog w = WriteLog(fx, dir);
  SessionLogData d = ReadSessionLog(w.path, w.text);
  INFO(Dump(d));
  CHECK(d.diagnostics.empty());
  CHECK(d.usable());
  CHECK(d.finished());
  CHECK(d.decisions == w.decisions);
  CHECK(d.decision_lines == std::vector<int>{2, 3, 4});
  CHECK(d.scenario_id == "engine-mini");
  CHECK(d.scenario_hash == fx.scenario->content_hash);
  CHECK(d.catalogue_hash == fx.catalogue->content_hash);
  CHECK(d.info.team == "Tim Merah");
  CHECK(d.info.seed == 7);
  CHECK(d.valid_bytes == w.text.size());
  CHECK((*d.end)["outcome"] == "e_bad");
  CHECK((*d.end)["never_events"] == 1);
  // Each line carries its sequence number and checksum.
  auto lines = test::SplitLines(w.text);
  REQUIRE(lines.size() == 5);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto j = nlohmann::json::parse(lines[i]);
    CHECK(j["seq"] == i);
    CHECK(j["crc"].get<std::string>().size() == 8);
  }
  test::RemoveTree(dir);
}

TEST_CASE("a new log never replaces an existing file, and leaves no temporary file behind") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-create");
  SessionInfo info = TestInfo();
  info.session_id = "00112233445566778899aabbccddeeff";
  info.started_utc = "2026-03-04T05:06:07Z";
  auto first = RecordedSession::Start(fx.scenario, fx.catalogue, info, dir);
  REQUIRE(std::holds_alternative<RecordedSession>(first));
  std::string path = std::get<RecordedSession>(first).log_path();
  std::string text = test::ReadText(path);
  CHECK(ReadSessionLog(path, text).usable());
  auto second = RecordedSession::Start(fx.scenario, fx.catalogue, info, dir);  // the same file name
  REQUIRE(std::holds_alternative<Problem>(second));
  CHECK(std::get<Problem>(second).message.find("exists") != std::string::npos);
  CHECK(test::ReadText(path) == text);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  CHECK(names == std::vector<std::string>{fs::path(path).filename().string()});
  test::RemoveTree(dir);
}

TEST_CASE("a torn last record, cut at every byte, reads as the prefix before it") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-torn");
  WrittenLog w = WriteLog(fx, dir);
  auto starts = LineStarts(w.text);
  std::size_t last = starts.back();  // the end record
  std::size_t last_decision = starts[starts.size() - 2];
  for (std::size_t cut : {last, last_decision}) {
    std::size_t line_end = w.text.find('\n', cut) + 1;
    std::size_t decisions_before = cut == last ? w.decisions.size() : w.decisions.size() - 1;
    for (std::size_t n = cut; n <= line_end; ++n) {
      std::string text = w.text.substr(0, n);
      if (cut == last_decision && n == line_end) break;  // a complete line: covered by the next record
      SessionLogData d = ReadSessionLog(w.path, text);
      INFO("cut at byte " << n << " of " << w.text.size() << "\n" << Dump(d));
      CHECK(d.usable());
      CHECK_FALSE(d.corrupted);
      CHECK_FALSE(HasCode(d, "LOG011"));
      bool clean = n == cut || n == line_end;
      if (clean) {
        CHECK(d.diagnostics.empty());
        CHECK_FALSE(d.torn_tail);
      } else {
        REQUIRE(d.diagnostics.size() == 1);
        CHECK(d.diagnostics[0].code == "LOG010");
        CHECK(d.diagnostics[0].severity == Severity::Warning);
        CHECK(d.diagnostics[0].pos.line == static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1);
        CHECK(d.torn_tail);
        CHECK(d.valid_bytes == cut);
      }
      std::size_t expect = n == line_end ? w.decisions.size() : decisions_before;
      REQUIRE(d.decisions.size() == expect);
      CHECK(std::equal(d.decisions.begin(), d.decisions.end(), w.decisions.begin()));
      CHECK(d.finished() == (cut == last && n == line_end));
    }
  }
  test::RemoveTree(dir);
}

TEST_CASE("every prefix of a log is a valid prefix: never a corrupted record") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-prefix");
  WrittenLog w = WriteLog(fx, dir);
  auto starts = LineStarts(w.text);
  std::size_t header_end = w.text.find('\n') + 1;
  for (std::size_t n = 0; n <= w.text.size(); ++n) {
    SessionLogData d = ReadSessionLog(w.path, std::string_view(w.text).substr(0, n));
    INFO("prefix of " << n << " bytes\n" << Dump(d));
    CHECK_FALSE(HasCode(d, "LOG011"));
    CHECK_FALSE(HasCode(d, "LOG012"));
    if (n < header_end) {
      // No complete header yet: not a usable log, but never taken for a damaged one.
      CHECK_FALSE(d.usable());
      CHECK((n == 0 ? HasCode(d, "LOG004") : HasCode(d, "LOG010")));
      continue;
    }
    CHECK(d.usable());
    std::size_t complete_lines = 0;
    for (std::size_t s : starts)
      if (w.text.find('\n', s) < n) ++complete_lines;
    std::size_t expect = std::min(complete_lines - 1, w.decisions.size());
    REQUIRE(d.decisions.size() == expect);
    CHECK(std::equal(d.decisions.begin(), d.decisions.end(), w.decisions.begin()));
    bool at_boundary = n == w.text.size() || w.text[n - 1] == '\n';
    CHECK(d.torn_tail == !at_boundary);
    CHECK(d.diagnostics.size() == (at_boundary ? 0u : 1u));
  }
  test::RemoveTree(dir);
}

TEST_CASE("a corrupted record before the last is reported with its line and never accepted") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-corrupt");
  WrittenLog w = WriteLog(fx, dir);
  auto starts = LineStarts(w.text);
  REQUIRE(starts.size() == 5);
  auto check_corrupt = [&](const std::string& text, int line) {
    SessionLogData d = ReadSessionLog(w.path, text);
    INFO(Dump(d));
    CHECK(d.corrupted);
    CHECK_FALSE(d.usable());
    REQUIRE(HasCode(d, "LOG011"));
    for (const auto& x : d.diagnostics)
      if (x.code == "LOG011") {
        CHECK(x.pos.line == line);
        CHECK(x.severity == Severity::Error);
      }
    CHECK(d.decisions.size() <= static_cast<std::size_t>(std::max(0, line - 2)));
  };
  SUBCASE("a flipped byte anywhere in a middle record") {
    std::size_t begin = starts[2], end = starts[3];  // the second decision, line 3
    for (std::size_t i = begin; i < end; ++i) {
      std::string text = w.text;
      text[i] = static_cast<char>(text[i] ^ 0x01);
      INFO("flipped byte " << i);
      // Flipping the newline joins lines 3 and 4 into one damaged line 3.
      check_corrupt(text, 3);
    }
  }
  SUBCASE("a flipped newline before the last record is not mistaken for a torn tail") {
    std::string text = w.text;
    text[starts[4] - 1] = ' ';
    check_corrupt(text, 4);
  }
  SUBCASE("a changed sequence number with its checksum recomputed") {
    auto lines = test::SplitLines(w.text);
    auto j = nlohmann::json::parse(lines[2]);
    std::string text = lines[0] + "\n" + lines[1] + "\n" + EncodeLogRecord(j, 5) + lines[3] + "\n" + lines[4] + "\n";
    check_corrupt(text, 3);
  }
  SUBCASE("a missing record, even just before the end") {
    auto lines = test::SplitLines(w.text);
    check_corrupt(lines[0] + "\n" + lines[1] + "\n" + lines[3] + "\n" + lines[4] + "\n", 3);
    check_corrupt(lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[4] + "\n", 4);
  }
  SUBCASE("a record repeated") {
    auto lines = test::SplitLines(w.text);
    check_corrupt(lines[0] + "\n" + lines[1] + "\n" + lines[1] + "\n" + lines[2] + "\n", 3);
  }
  SUBCASE("a record after the end record") {
    auto lines = test::SplitLines(w.text);
    auto extra = nlohmann::json::parse(lines[2]);
    std::string text = w.text + EncodeLogRecord(extra, 5);
    SessionLogData d = ReadSessionLog(w.path, text);
    CHECK(d.corrupted);
    CHECK(HasCode(d, "LOG012"));
  }
  SUBCASE("a damaged header") {
    std::string text = w.text;
    text[10] = static_cast<char>(text[10] ^ 0x01);
    SessionLogData d = ReadSessionLog(w.path, text);
    CHECK_FALSE(d.usable());
    CHECK(HasCode(d, "LOG011"));
  }
  test::RemoveTree(dir);
}

TEST_CASE("a session log that is not one") {
  SessionLogData empty = ReadSessionLog("x.sigap.jsonl", "");
  CHECK(HasCode(empty, "LOG004"));
  CHECK_FALSE(empty.usable());
  std::string decision_first = EncodeLogRecord(nlohmann::json{{"rec", "decision"}, {"node", "dp1"}, {"choice", "a"}}, 0);
  SessionLogData no_header = ReadSessionLog("x.sigap.jsonl", decision_first + decision_first);
  CHECK(HasCode(no_header, "LOG002"));
  CHECK_FALSE(no_header.usable());
  std::string future = EncodeLogRecord(nlohmann::json{{"rec", "header"}, {"format", 99}, {"session", "s"}, {"scenario", "x"}}, 0);
  SessionLogData newer = ReadSessionLog("x.sigap.jsonl", future);
  CHECK(HasCode(newer, "LOG003"));
  CHECK_FALSE(newer.usable());
  std::string huge(17u << 20, ' ');
  SessionLogData big = ReadSessionLog("x.sigap.jsonl", huge);
  CHECK(HasCode(big, "LOG001"));
  SessionLogData missing = ReadSessionLogFile("/nonexistent/x.sigap.jsonl");
  CHECK(HasCode(missing, "IO001"));
}

TEST_CASE("resume after a torn tail cuts it off and continues with the right sequence") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-resume");
  WrittenLog full = WriteLog(fx, dir);
  fs::remove(full.path);
  WrittenLog w = WriteLog(fx, dir, /*finish=*/false);  // two decisions, waiting at the checklist
  // A crash in the middle of the checklist record: half of it reached the disk.
  std::string torn = EncodeLogRecord(MakeDecisionRecord(full.decisions[2]), 3);
  test::WriteText(w.path, w.text + torn.substr(0, torn.size() / 2));

  ContentLibrary lib;
  lib.files = test::LoadLibraryFiles(fx);
  auto resumed = RecordedSession::Resume(w.path, lib);
  if (auto* err = std::get_if<Problem>(&resumed)) FAIL(err->message);
  RecordedSession& rs = std::get<RecordedSession>(resumed);
  CHECK_FALSE(rs.scenario_changed());
  CHECK(rs.session().History() == w.decisions);
  CHECK(rs.session().CurrentNode().id == "dp3");
  CHECK(test::ReadText(w.path) == w.text);  // the torn tail is gone
  REQUIRE_FALSE(rs.SubmitChecklist({"x1", "f1"}, 5000, 36200).refused);
  CHECK(rs.session().state() == SessionState::Ended);

  SessionLogData d = ReadSessionLogFile(w.path);
  INFO(Dump(d));
  CHECK(d.diagnostics.empty());
  CHECK(d.finished());
  CHECK(d.decisions == full.decisions);
  CHECK(d.next_seq == 5);
  // Same end state as the uninterrupted session.
  SessionLogData f = ReadSessionLog(full.path, full.text);
  CHECK((*d.end)["outcome"] == (*f.end)["outcome"]);
  CHECK((*d.end)["scores"] == (*f.end)["scores"]);
  CHECK((*d.end)["never_events"] == (*f.end)["never_events"]);

  SUBCASE("a finished session cannot be resumed") {
    auto again = RecordedSession::Resume(w.path, lib);
    CHECK(std::holds_alternative<Problem>(again));
  }
  test::RemoveTree(dir);
}

TEST_CASE("a session log has one writer: a second resume is refused while the first holds it") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-one-writer");
  WrittenLog w = WriteLog(fx, dir, /*finish=*/false);  // two decisions, waiting at the checklist
  ContentLibrary lib;
  lib.files = test::LoadLibraryFiles(fx);
  CHECK_FALSE(SessionLogOpenElsewhere(w.path));
  {
    auto first = RecordedSession::Resume(w.path, lib);
    if (auto* err = std::get_if<Problem>(&first)) FAIL(err->message);
    CHECK(SessionLogOpenElsewhere(w.path));
    // A double click on a slow laptop: the second window must not write decision 3 as well.
    auto second = RecordedSession::Resume(w.path, lib);
    REQUIRE(std::holds_alternative<Problem>(second));
    CHECK(std::get<Problem>(second).code == "RES006");
    CHECK(std::get<Problem>(second).args == std::vector<std::string>{w.path});
    REQUIRE_FALSE(std::get<RecordedSession>(first).SubmitChecklist({"x1", "f1"}, 5000, 36200).refused);
    CHECK(std::get<RecordedSession>(first).saved());
  }
  // The first window closed (or crashed: the system drops the lock either way).
  CHECK_FALSE(SessionLogOpenElsewhere(w.path));
  SessionLogData d = ReadSessionLogFile(w.path);
  INFO(Dump(d));
  CHECK(d.diagnostics.empty());
  CHECK(d.finished());
  auto third = RecordedSession::Resume(w.path, lib);
  REQUIRE(std::holds_alternative<Problem>(third));
  CHECK(std::get<Problem>(third).code == "ENG011");  // finished, no longer "open elsewhere"
  test::RemoveTree(dir);
}

TEST_CASE("a new session's log is locked from its first byte") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-new-locked");
  SessionInfo info;
  info.team = "Tim Uji";
  info.seed = 3;
  auto started = RecordedSession::Start(fx.scenario, fx.catalogue, info, dir);
  if (auto* err = std::get_if<Problem>(&started)) FAIL(err->message);
  const std::string path = std::get<RecordedSession>(started).log_path();
  CHECK(SessionLogOpenElsewhere(path));
  ContentLibrary lib;
  lib.files = test::LoadLibraryFiles(fx);
  auto second = RecordedSession::Resume(path, lib);
  REQUIRE(std::holds_alternative<Problem>(second));
  CHECK(std::get<Problem>(second).code == "RES006");
  test::RemoveTree(dir);
}

TEST_CASE("resume flags a scenario whose content changed since the session started") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-changed");
  WrittenLog w = WriteLog(fx, dir, /*finish=*/false);
  // The author fixes a typo in a title: same graph, different content hash.
  nlohmann::json j = ToJson(*fx.scenario);
  j["title"]["en"] = "Engine test (revised)";
  LoadedFile changed = LoadFromText("engine-mini.json", j.dump(), fx.catalogue.get());
  REQUIRE(changed.ok());
  REQUIRE(changed.scenario->content_hash != fx.scenario->content_hash);
  test::Fixture fx2{fx.catalogue, changed.scenario};
  ContentLibrary lib;
  lib.files = test::LoadLibraryFiles(fx2);
  {
    auto resumed = RecordedSession::Resume(w.path, lib);
    if (auto* err = std::get_if<Problem>(&resumed)) FAIL(err->message);
    RecordedSession& rs = std::get<RecordedSession>(resumed);
    CHECK(rs.scenario_changed());
    CHECK(rs.session().History() == w.decisions);
  }  // closed: the log's lock is free again

  // Unchanged content is not flagged.
  ContentLibrary same;
  same.files = test::LoadLibraryFiles(fx);
  auto again = RecordedSession::Resume(w.path, same);
  REQUIRE(std::holds_alternative<RecordedSession>(again));
  CHECK_FALSE(std::get<RecordedSession>(again).scenario_changed());
  test::RemoveTree(dir);
}

TEST_CASE("a record the unchanged scenario cannot take is an inconsistent log (RES007), not a changed scenario (RES004)") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-inconsistent");
  WrittenLog full = WriteLog(fx, dir);
  fs::remove(full.path);
  WrittenLog w = WriteLog(fx, dir, /*finish=*/false);  // two decisions, waiting at the checklist
  // A third record, correctly sealed, ticks an item the checklist does not have: the file was edited.
  DecisionRecord edited = full.decisions[2];
  edited.items = {"x1", "no-such-item"};
  test::WriteText(w.path, w.text + EncodeLogRecord(MakeDecisionRecord(edited), 3));
  ContentLibrary same;
  same.files = test::LoadLibraryFiles(fx);
  {
    auto resumed = RecordedSession::Resume(w.path, same);
    REQUIRE(std::holds_alternative<Problem>(resumed));
    const Problem& p = std::get<Problem>(resumed);
    CHECK(p.code == "RES007");
    CHECK(p.message.find("cannot replay decision 3") != std::string::npos);
    CHECK(p.message.find("the log was edited or damaged") != std::string::npos);
    CHECK(p.message.find("scenario has changed") == std::string::npos);
    REQUIRE(p.args.size() == 2);
    CHECK(p.args[0] == "3");
  }
  // The same record against an edited scenario: then the change is the likely cause.
  nlohmann::json j = ToJson(*fx.scenario);
  j["title"]["en"] = "Engine test (revised)";
  LoadedFile changed = LoadFromText("engine-mini.json", j.dump(), fx.catalogue.get());
  REQUIRE(changed.ok());
  test::Fixture fx2{fx.catalogue, changed.scenario};
  ContentLibrary other;
  other.files = test::LoadLibraryFiles(fx2);
  auto resumed = RecordedSession::Resume(w.path, other);
  REQUIRE(std::holds_alternative<Problem>(resumed));
  CHECK(std::get<Problem>(resumed).code == "RES004");
  CHECK(std::get<Problem>(resumed).message.find("the scenario has changed since this session started") != std::string::npos);
  test::RemoveTree(dir);
}

TEST_CASE("the log file name carries only the sanitised pseudonym") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-name");
  SessionInfo info = TestInfo("../../Ani Ümit / NIP 1987");
  info.members = "Budi Santoso";
  info.started_utc = "2026-03-04T05:06:07Z";
  info.session_id = "abcdef0123456789abcdef0123456789";
  auto started = RecordedSession::Start(fx.scenario, fx.catalogue, info, dir);
  REQUIRE(std::holds_alternative<RecordedSession>(started));
  RecordedSession& rs = std::get<RecordedSession>(started);
  fs::path p(rs.log_path());
  CHECK(p.parent_path() == fs::path(dir));  // never outside the results folder
  std::string name = p.filename().string();
  CHECK(name == "20260304-050607_ani-mit-nip-1987_engine-mini_abcdef01.sigap.jsonl");
  for (const char* leak : {"Budi", "budi", "santoso", "..", "/", " "}) CHECK(name.find(leak) == std::string::npos);
  if (const char* user = std::getenv("USER"); user && *user && std::string(user).size() > 2) CHECK(name.find(user) == std::string::npos);
  CHECK(SanitisePseudonym("") == "tim");
  CHECK(SanitisePseudonym("   ") == "tim");
  CHECK(SanitisePseudonym("Tim Merah!") == "tim-merah");
  CHECK(SanitisePseudonym(std::string(100, 'a')).size() == 32);
  // Two sessions of the same team never share a file.
  info.session_id.clear();
  auto second = RecordedSession::Start(fx.scenario, fx.catalogue, info, dir);
  REQUIRE(std::holds_alternative<RecordedSession>(second));
  CHECK(std::get<RecordedSession>(second).log_path() != rs.log_path());
  test::RemoveTree(dir);
}

namespace {

// What Windows (and a FAT USB stick) accepts as a file name: no reserved character, no control
// character, no trailing dot or space, and a base name (before the first dot) that is no device.
bool ValidWindowsFileName(const std::string& name) {
  if (name.empty() || name.size() > 255) return false;
  for (unsigned char c : name)
    if (c < 0x20 || std::string_view("<>:\"/\\|?*").find(static_cast<char>(c)) != std::string_view::npos) return false;
  if (name.back() == '.' || name.back() == ' ') return false;
  std::string base = name.substr(0, name.find('.'));
  std::transform(base.begin(), base.end(), base.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!base.empty() && (base.back() == ' ')) base.pop_back();
  for (const char* device : {"con", "prn", "aux", "nul"})
    if (base == device) return false;
  return !(base.size() == 4 && (base.starts_with("com") || base.starts_with("lpt")) && std::isdigit(static_cast<unsigned char>(base[3])));
}

}  // namespace

TEST_CASE("team names that Windows would refuse as file names still give a valid, working log name") {
  const char* const hostile[] = {"CON", "con", "aux", "Nul", "nul.txt", "PRN", "COM1", "lpt9", "CON.", "Tim:Merah", "Tim?",
                                 "a<b>c", "\"kutip\"", "x|y", "bintang*", "miring\\kiri", "titik...", "spasi   ", " . ",
                                 "..", "Tim\tTab", "Dédé — Batam", "日本", "C:\\Windows\\system32"};
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("log-name-windows");
  for (const char* team : hostile) {
    INFO("team \"" << team << "\"");
    std::string pseudonym = SanitisePseudonym(team);
    CHECK(ValidWindowsFileName(pseudonym));  // valid even on its own, not only inside the log name
    CHECK(ValidWindowsFileName(pseudonym + ".txt"));
    SessionInfo info = TestInfo(team);
    info.started_utc = "2026-03-04T05:06:07Z";
    CHECK(ValidWindowsFileName(LogFileName(info, "engine-mini")));
    // And the system agrees: the log is created under exactly that name (under Wine too).
    auto started = RecordedSession::Start(fx.scenario, fx.catalogue, info, dir);
    REQUIRE(std::holds_alternative<RecordedSession>(started));
    const std::string& path = std::get<RecordedSession>(started).log_path();
    CHECK(platform::PathToUtf8(platform::PathFromUtf8(path).parent_path()) == dir);
    CHECK(ReadSessionLogFile(path).usable());
  }
  CHECK(SanitisePseudonym("CON") == "con-tim");
  CHECK(SanitisePseudonym("lpt1") == "lpt1-tim");
  CHECK(SanitisePseudonym("console") == "console");
  CHECK(SanitisePseudonym("Tim:Merah?") == "tim-merah");
  CHECK(SanitisePseudonym("titik...") == "titik");
  // Scenario and session ids reach the name filtered as well.
  SessionInfo odd = TestInfo();
  odd.session_id = "ab/../:x";
  CHECK(ValidWindowsFileName(LogFileName(odd, "ok-id")));
  CHECK(LogFileName(odd, "a/b").find('/') == std::string::npos);
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(platform::PathFromUtf8(dir))) files += e.is_regular_file() ? 1 : 0;
  CHECK(files == std::size(hostile));
  test::RemoveTree(dir);
}
