// Conducting the live room without a network (src/engine/room.h): the phase (lobby, running,
// paused, closed), the message and the command number every answer carries, a laptop that
// catches up with one poll, and that no request a team can send changes the phase. Then the
// pause and resume records in a team's own log (session_log.h, recorded_session.h): written,
// read back, kept by "save elsewhere" and by a resume, accepted by the room and the debrief.
#include <doctest/doctest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "debrief.h"
#include "engine_test_util.h"
#include "recorded_session.h"
#include "room.h"
#include "session_log.h"

namespace sigap {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kCode = "K7QX2MPA";
const std::string kSession = "0123456789abcdef0123456789abcdef";

struct Reply {
  int status = 0;
  json body;
  std::string error() const { return body.value("error", ""); }
  RoomConduct room() const {
    auto c = RoomConductFromJson(body.value("room", json()));
    REQUIRE(c);
    return *c;
  }
};

Reply Send(Room& room, const std::string& path, const json& body, std::int64_t now = 0) {
  RoomResponse r = room.Handle(RoomRequest{"POST", path, body.dump(), "10.0.0.2", now});
  return {r.status, json::parse(r.body)};
}

std::string Header(const std::string& session) {
  return EncodeLogRecord(
      json{{"rec", "header"}, {"format", 1}, {"session", session}, {"scenario", "liburan-johor-batam"}, {"team", "Tim Biru"}},
      0);
}

TEST_CASE("room conduct: lobby, start all, pause, resume, a message, close; every answer says so") {
  std::string dir = test::TempDir("conduct-phase"), error;
  auto room = Room::Open(dir, kCode, error, RoomOptions{"Bimtek Batam", RoomStart::Together});
  REQUIRE(room);
  Reply join = Send(*room, "/join", {{"code", kCode}});
  REQUIRE(join.status == 200);
  const std::string token = join.body["token"];
  CHECK(join.room().name == "Bimtek Batam");
  CHECK(join.room().start == RoomStart::Together);
  CHECK(join.room().phase == RoomPhase::Lobby);  // teams wait for "start all"
  CHECK(join.room().command == 0);

  CHECK_FALSE(room->PauseAll());  // nothing to pause in the lobby
  CHECK_FALSE(room->ResumeAll());
  CHECK(room->StartAll());
  CHECK_FALSE(room->StartAll());  // once
  Reply poll = Send(*room, "/poll", {{"token", token}});
  CHECK(poll.status == 200);
  CHECK(poll.room().phase == RoomPhase::Running);
  CHECK(poll.room().command == 1);
  // A record's answer carries the same conduct: a laptop that sends needs no poll.
  Reply rec = Send(*room, "/record", {{"token", token}, {"session", kSession}, {"seq", 0}, {"line", Header(kSession)}});
  CHECK(rec.status == 200);
  CHECK(rec.room().phase == RoomPhase::Running);

  CHECK(room->PauseAll());
  CHECK(Send(*room, "/poll", {{"token", token}}).room().phase == RoomPhase::Paused);
  CHECK(room->SetMessage("Istirahat 10 menit\nlalu lanjut"));
  CHECK_FALSE(room->SetMessage("Istirahat 10 menit lalu lanjut"));  // the same line again: no new command
  CHECK(room->ResumeAll());
  RoomConduct c = Send(*room, "/poll", {{"token", token}}).room();
  CHECK(c.phase == RoomPhase::Running);
  CHECK(c.message == "Istirahat 10 menit lalu lanjut");  // one line on every screen
  CHECK(c.command == 4);                                   // start, pause, message, resume
  CHECK(room->SetMessage(std::string(500, 'x')));
  CHECK(room->conduct().message.size() == kRoomMaxMessageBytes);

  CHECK(room->Close());
  CHECK(Send(*room, "/poll", {{"token", token}}).room().phase == RoomPhase::Closed);
  Reply late = Send(*room, "/join", {{"code", kCode}});
  CHECK(late.status == 410);
  CHECK(late.error() == "ROOM004");
  // Records still land after the close: nothing a team played is lost.
  const std::string decision = EncodeLogRecord(
      json{{"rec", "decision"}, {"node", "dp1"}, {"choice", "a"}, {"timed_out", false}, {"elapsed_ms", 9}, {"at_ms", 9}}, 1);
  CHECK(Send(*room, "/record", {{"token", token}, {"session", kSession}, {"seq", 1}, {"line", decision}}).status == 200);
  test::RemoveTree(dir);
}

TEST_CASE("room conduct: a laptop that missed commands catches up with one poll, even with a new token") {
  std::string dir = test::TempDir("conduct-catchup"), error;
  auto room = Room::Open(dir, kCode, error, RoomOptions{"", RoomStart::Free});
  REQUIRE(room);
  CHECK(room->conduct().name == "SIGAP");
  CHECK(room->conduct().phase == RoomPhase::Running);  // free start: no lobby
  const std::string token = Send(*room, "/join", {{"code", kCode}}).body["token"];
  // Disconnected while the facilitator pauses, sends two messages and resumes.
  room->PauseAll();
  room->SetMessage("satu");
  room->SetMessage("dua");
  room->PauseAll();  // does not apply: still paused, no command
  RoomConduct c = Send(*room, "/poll", {{"token", token}}).room();
  CHECK(c.phase == RoomPhase::Paused);
  CHECK(c.message == "dua");
  CHECK(c.command == 3);
  // The room restarted meanwhile (the token is unknown): ROOM011, the laptop joins again and hears all.
  Reply unknown = Send(*room, "/poll", {{"token", "00000000000000000000000000000000"}});
  CHECK(unknown.status == 401);
  CHECK(unknown.error() == "ROOM011");
  CHECK(Send(*room, "/join", {{"code", kCode}}).room().command == 3);
  CHECK(Send(*room, "/poll", json{{"tok", token}}).error() == "ROOM010");
  test::RemoveTree(dir);
}

TEST_CASE("room conduct: a room restarted mid-workshop comes back as the facilitator left it") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("conduct-restart"), error;
  auto room = Room::Open(dir, kCode, error, RoomOptions{"Bimtek", RoomStart::Together});
  REQUIRE(room);
  const std::string token = Send(*room, "/join", {{"code", kCode}}).body["token"];
  REQUIRE(Send(*room, "/record", {{"token", token}, {"session", kSession}, {"seq", 0}, {"line", Header(kSession)}}).status == 200);
  REQUIRE(room->StartAll());
  REQUIRE(room->PauseAll());
  REQUIRE(room->SetMessage("Istirahat 10 menit"));
  CHECK(room->conduct().command == 3);
  room.reset();  // the facilitator's laptop crashed, or slept

  room = Room::Open(dir, kCode, error, RoomOptions{"Bimtek", RoomStart::Together});
  REQUIRE(room);
  // Not back in the lobby (teams are mid-scenario), still paused, the message still shown, and a
  // new command number so every laptop that polls sees that the room spoke.
  RoomConduct c = Send(*room, "/join", {{"code", kCode}}).room();
  CHECK(c.phase == RoomPhase::Paused);
  CHECK(c.message == "Istirahat 10 menit");
  CHECK(c.command == 4);
  CHECK(room->ResumeAll());
  CHECK(room->Close());
  room.reset();

  // A closed room opened again takes teams again; "free start" never reopens in a lobby.
  room = Room::Open(dir, kCode, error, RoomOptions{"Bimtek", RoomStart::Free});
  REQUIRE(room);
  CHECK(room->conduct().phase == RoomPhase::Running);
  CHECK(Send(*room, "/join", {{"code", kCode}}).status == 200);
  room.reset();

  // The conduct file is not a result: the debrief reads the folder without a word about it.
  ContentLibrary lib;
  lib.files = test::LoadLibraryFiles(fx);
  DebriefBook book;
  book.Add({dir}, lib);
  CHECK(book.Imported().sessions.size() == 1);
  for (const Diagnostic& d : book.Imported().problems) CHECK_MESSAGE(d.file.find(kRoomConductFile) == std::string::npos, d.message);

  // A damaged conduct file is no reason to refuse the room: it opens as new.
  test::WriteText(dir + "/" + kRoomConductFile, "{\"phase\": 7");
  room = Room::Open(dir, kCode, error, RoomOptions{"Bimtek", RoomStart::Together});
  REQUIRE(room);
  CHECK(room->conduct().phase == RoomPhase::Lobby);
  CHECK(room->conduct().command == 0);
  room.reset();
  test::RemoveTree(dir);
}

TEST_CASE("room conduct: no request a team can send changes the phase, and no answer holds another team") {
  std::string dir = test::TempDir("conduct-auth"), error;
  auto room = Room::Open(dir, kCode, error, RoomOptions{"R", RoomStart::Together});
  REQUIRE(room);
  const std::string token = Send(*room, "/join", {{"code", kCode}}).body["token"];
  Send(*room, "/record", {{"token", token}, {"session", kSession}, {"seq", 0}, {"line", Header(kSession)}});
  for (const char* path : {"/start", "/pause", "/resume", "/close", "/message", "/command", "/phase", "/state",
                           "/teams", "/poll/../start"}) {
    Reply r = Send(*room, path, {{"token", token}, {"code", kCode}, {"phase", "running"}, {"message", "x"}});
    CHECK(r.status == 404);
    CHECK(r.error() == "ROOM010");
  }
  // Fields a team adds to a poll or a join do nothing either.
  Send(*room, "/poll", {{"token", token}, {"phase", "running"}, {"command", 99}});
  Send(*room, "/join", {{"code", kCode}, {"phase", "running"}});
  CHECK(room->conduct().phase == RoomPhase::Lobby);
  CHECK(room->conduct().command == 0);
  // What a team hears is the room's conduct and its own count, nothing of the other sessions.
  const std::string other = "fedcba9876543210fedcba9876543210";
  const std::string token2 = Send(*room, "/join", {{"code", kCode}}).body["token"];
  Send(*room, "/record", {{"token", token2}, {"session", other}, {"seq", 0}, {"line", Header(other)}});
  for (const auto& body : {Send(*room, "/poll", {{"token", token}}).body,
                           Send(*room, "/join", {{"code", kCode}}).body}) {
    CHECK(body.dump().find(other) == std::string::npos);
    CHECK(body.dump().find("Tim Biru") == std::string::npos);
  }
  test::RemoveTree(dir);
}

TEST_CASE("room conduct: the state a view shows changes only when something happened") {
  std::string dir = test::TempDir("conduct-changes"), error;
  auto room = Room::Open(dir, kCode, error);
  REQUIRE(room);
  const std::string token = Send(*room, "/join", {{"code", kCode}}).body["token"];
  const std::int64_t before = room->changes();
  Send(*room, "/record", {{"token", token}, {"session", kSession}, {"seq", 0}, {"line", Header(kSession)}}, 1000);
  const std::int64_t after_header = room->changes();
  CHECK(after_header > before);
  Send(*room, "/poll", {{"token", token}}, 2000);  // an ordinary poll: nothing new to draw
  CHECK(room->changes() == after_header);
  RoomState st = room->State(2500);
  REQUIRE(st.teams.size() == 1);
  CHECK(st.teams[0].on_current_ms == 1500);  // on the first scene since its header came
  // Silent past kRoomConnectedMs, then back: the view must redraw ("connected" again).
  CHECK_FALSE(room->State(2000 + kRoomConnectedMs).teams[0].connected);
  Send(*room, "/poll", {{"token", token}}, 3000 + kRoomConnectedMs);
  CHECK(room->changes() == after_header + 1);
  CHECK(room->State(3000 + kRoomConnectedMs).teams[0].connected);
  room->PauseAll();
  CHECK(room->changes() == after_header + 2);
  test::RemoveTree(dir);
}

SessionInfo Info() {
  SessionInfo info;
  info.team = "Tim Jeda";
  info.seed = 7;
  info.app_version = "test";
  return info;
}

TEST_CASE("pause records: written to the team's log, read back, kept on resume and by save elsewhere") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("conduct-pause");
  auto started = RecordedSession::Start(fx.scenario, fx.catalogue, Info(), dir);
  REQUIRE(std::holds_alternative<RecordedSession>(started));
  RecordedSession& rs = std::get<RecordedSession>(started);
  while (rs.session().state() == SessionState::AtScene) REQUIRE_FALSE(rs.Continue());
  // Paused 90 s on the first decision: the session clock stood still at 4 000 ms.
  CHECK_FALSE(rs.Pause(4000));
  CHECK_FALSE(rs.Resume(4000, 90000));
  REQUIRE_FALSE(rs.Choose("d", 5000, 6000).refused);
  CHECK(rs.saved());
  const std::string text = test::ReadText(rs.log_path());
  SessionLogData d = ReadSessionLog(rs.log_path(), text);
  REQUIRE(d.usable());
  CHECK_FALSE(d.torn_tail);
  REQUIRE(d.pauses.size() == 2);
  CHECK_FALSE(d.pauses[0].resume);
  CHECK(d.pauses[0].at_ms == 4000);
  CHECK(d.pauses[1].resume);
  CHECK(d.pauses[1].paused_ms == 90000);
  CHECK(d.pauses[1].after_decisions == 0);
  CHECK(d.PausedMs() == 90000);
  REQUIRE(d.decisions.size() == 1);
  CHECK(d.decisions[0].elapsed_ms == 5000);  // the pause is not in the decision's time
  CHECK(text.find(R"("rec":"pause")") != std::string::npos);

  // Resumed after a crash: the pauses are known, and the next record follows them.
  ContentLibrary lib;
  lib.files = test::LoadLibraryFiles(fx);
  const std::string path = rs.log_path();
  started = Problem{};  // closes the writer (its lock)
  auto resumed = RecordedSession::Resume(path, lib);
  REQUIRE(std::holds_alternative<RecordedSession>(resumed));
  RecordedSession& again = std::get<RecordedSession>(resumed);
  CHECK(again.Pauses().size() == 2);
  CHECK_FALSE(again.Pause(7000));
  // Save elsewhere writes the whole session again, pauses in their places, byte for byte.
  std::string elsewhere = test::TempDir("conduct-pause-elsewhere");
  const std::string before = test::ReadText(path);
  REQUIRE_FALSE(again.SaveElsewhere(elsewhere));
  CHECK(test::ReadText(again.log_path()) == before);
  test::RemoveTree(elsewhere);
  test::RemoveTree(dir);
}

TEST_CASE("pause records: malformed ones are damage; the room and the debrief accept good ones") {
  std::string h = Header(kSession);
  auto line = [](json j, std::int64_t seq) { return EncodeLogRecord(std::move(j), seq); };
  const std::string pause = line({{"rec", "pause"}, {"at_ms", 100}}, 1);
  const std::string resume = line({{"rec", "resume"}, {"at_ms", 100}, {"paused_ms", 2500}}, 2);
  const std::string end = line({{"rec", "end"}, {"ending", "e1"}, {"outcome", "e1"}, {"at_ms", 100}}, 3);
  SessionLogData ok = ReadSessionLog("ok", h + pause + resume + end);
  CHECK(ok.usable());
  CHECK(ok.finished());
  CHECK(ok.PausedMs() == 2500);
  for (const json& bad : {json{{"rec", "pause"}}, json{{"rec", "resume"}, {"at_ms", 1}},
                          json{{"rec", "resume"}, {"at_ms", 1}, {"paused_ms", -5}}, json{{"rec", "pause"}, {"at_ms", "1"}}}) {
    SessionLogData d = ReadSessionLog("bad", h + line(bad, 1) + end);  // not the last line: damage
    CHECK(d.corrupted);
    REQUIRE_FALSE(d.diagnostics.empty());
    CHECK(d.diagnostics.front().code == "LOG011");
  }
  // After the end record, a pause is damage like any record (LOG012).
  CHECK(ReadSessionLog("late", h + end.substr(0, 0) + line({{"rec", "end"}, {"ending", "e1"}, {"at_ms", 1}}, 1) +
                                   line({{"rec", "pause"}, {"at_ms", 1}}, 2))
            .corrupted);

  // The room takes the pause records like any other, byte for byte.
  std::string dir = test::TempDir("conduct-room-pause"), error;
  auto room = Room::Open(dir, kCode, error);
  REQUIRE(room);
  const std::string token = Send(*room, "/join", {{"code", kCode}}).body["token"];
  std::int64_t seq = 0;
  for (const auto& l : {h, pause, resume})
    CHECK(Send(*room, "/record", {{"token", token}, {"session", kSession}, {"seq", seq++}, {"line", l}}).status == 200);
  test::RemoveTree(dir);
}

TEST_CASE("pause records: the debrief reads a paused session like any other, and counts the pause") {
  test::Fixture fx = test::LoadFixture();
  std::string dir = test::TempDir("conduct-debrief");
  auto started = RecordedSession::Start(fx.scenario, fx.catalogue, Info(), dir);
  REQUIRE(std::holds_alternative<RecordedSession>(started));
  RecordedSession& rs = std::get<RecordedSession>(started);
  while (rs.session().state() == SessionState::AtScene) REQUIRE_FALSE(rs.Continue());
  rs.Pause(1000);
  rs.Resume(1000, 60000);
  REQUIRE_FALSE(rs.Choose("d", 1200, 2200).refused);
  while (rs.session().state() == SessionState::AtScene) REQUIRE_FALSE(rs.Continue());
  REQUIRE_FALSE(rs.TimeOut(30000, 32200).refused);
  while (rs.session().state() == SessionState::AtScene) REQUIRE_FALSE(rs.Continue());
  REQUIRE_FALSE(rs.SubmitChecklist({"x1", "f1"}, 5000, 37200).refused);
  CHECK_FALSE(rs.Pause(40000));  // after the end: nothing is written
  const std::string path = rs.log_path();
  ContentLibrary lib;
  lib.files = test::LoadLibraryFiles(fx);
  DebriefBook book;
  book.Add({dir}, lib);
  REQUIRE(book.Imported().sessions.size() == 1);
  const ImportedSession& s = book.Imported().sessions[0];
  CHECK(s.finished());
  CHECK(s.replay_ok);
  CHECK(s.log.PausedMs() == 60000);
  CHECK(s.decisions_replayed == 3);
  CHECK(book.Imported().problems.empty());
  test::RemoveTree(dir);
}

}  // namespace
}  // namespace sigap
