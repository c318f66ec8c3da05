// The live room's protocol without a network (src/engine/room.h): joining, appending, the
// refusals and their counts, the files byte for byte, a restart over the same folder.
#include <doctest/doctest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "engine_test_util.h"
#include "room.h"
#include "session_log.h"

namespace sigap {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Header(const std::string& session, const std::string& team = "Tim Merah") {
  return EncodeLogRecord(
      json{{"rec", "header"}, {"format", 1}, {"session", session}, {"scenario", "liburan-johor-batam"}, {"team", team}},
      0);
}
std::string Decision(std::int64_t seq, const std::string& node = "dp1") {
  return EncodeLogRecord(json{{"rec", "decision"},
                              {"node", node},
                              {"choice", "a"},
                              {"timed_out", false},
                              {"elapsed_ms", 900},
                              {"at_ms", 1200}},
                         seq);
}
std::string End(std::int64_t seq) {
  return EncodeLogRecord(json{{"rec", "end"}, {"ending", "e1"}, {"outcome", "e1"}, {"at_ms", 5000}}, seq);
}

struct Reply {
  int status = 0;
  json body;
  std::string error() const { return body.value("error", ""); }
  std::int64_t next() const { return body.value("next", std::int64_t{-1}); }
};

Reply Send(Room& room, const std::string& path, const std::string& body, const std::string& peer = "10.0.0.2",
           std::int64_t now = 0) {
  RoomResponse r = room.Handle(RoomRequest{"POST", path, body, peer, now});
  return {r.status, json::parse(r.body)};
}
std::string JoinToken(Room& room, const std::string& peer = "10.0.0.2", std::int64_t now = 0) {
  Reply r = Send(room, "/join", json{{"code", room.code()}}.dump(), peer, now);
  REQUIRE(r.status == 200);
  return r.body["token"].get<std::string>();
}
Reply Record(Room& room, const std::string& token, const std::string& session, std::int64_t seq,
             const std::string& line) {
  return Send(room, "/record", json{{"token", token}, {"session", session}, {"seq", seq}, {"line", line}}.dump());
}
std::string OnlyFile(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path().string());
  REQUIRE(files.size() == 1);
  return files[0];
}

const std::string kSession = "0123456789abcdef0123456789abcdef";

TEST_CASE("room: a team's records arrive as the same file, byte for byte, and the room shows its progress") {
  std::string dir = test::TempDir("room-basic"), error;
  auto room = Room::Open(dir, "K7QX2MPA", error);
  REQUIRE(room);
  const std::string token = JoinToken(*room);
  std::string log = Header(kSession) + Decision(1, "dp1") + Decision(2, "dp3");
  CHECK(Record(*room, token, kSession, 0, Header(kSession)).next() == 1);
  CHECK(Record(*room, token, kSession, 1, Decision(1, "dp1")).next() == 2);
  Reply r = Record(*room, token, kSession, 2, Decision(2, "dp3"));
  CHECK(r.status == 200);
  CHECK(r.next() == 3);
  RoomState st = room->State(100);
  REQUIRE(st.teams.size() == 1);
  CHECK(st.teams[0].team == "Tim Merah");
  CHECK(st.teams[0].current_node == "dp3");
  CHECK(st.teams[0].connected);
  CHECK_FALSE(st.teams[0].finished);
  CHECK_FALSE(room->State(100 + kRoomConnectedMs).teams[0].connected);
  CHECK(Record(*room, token, kSession, 3, End(3)).status == 200);
  log += End(3);
  const std::string file = OnlyFile(dir);
  CHECK(fs::path(file).filename() == "room-001.sigap.jsonl");
  CHECK(test::ReadText(file) == log);
  SessionLogData read = ReadSessionLogFile(file);
  CHECK(read.usable());
  CHECK(read.finished());
  CHECK(room->State(0).teams[0].finished);
  CHECK(room->State(0).accepted == 4);
  CHECK(room->State(0).refused_total() == 0);
  test::RemoveTree(dir);
}

TEST_CASE("room: wrong codes are refused, counted and rate-limited per address") {
  std::string dir = test::TempDir("room-code"), error;
  CHECK_FALSE(Room::Open(dir, "ABC", error));  // too short to guess slowly enough
  CHECK(error.find("at least 6") != std::string::npos);
  CHECK(CheckRoomCode(NewRoomCode()).empty());
  CHECK(NewRoomCode().size() == 8);
  auto room = Room::Open(dir, "K7QX2MPA", error);
  REQUIRE(room);
  for (int i = 0; i < kRoomJoinFailuresPerMinute; ++i)
    CHECK(Send(*room, "/join", R"({"code":"K7QX2MPB"})", "10.0.0.9", i).error() == "ROOM001");
  // The right code no longer helps this address for a minute; another address is not affected.
  CHECK(Send(*room, "/join", R"({"code":"K7QX2MPA"})", "10.0.0.9", 1000).status == 429);
  CHECK(Send(*room, "/join", R"({"code":"K7QX2MPA"})", "10.0.0.3", 1000).status == 200);
  CHECK(Send(*room, "/join", R"({"code":"K7QX2MPA"})", "10.0.0.9", 61000).status == 200);
  RoomState st = room->State(0);
  CHECK(st.refusals["ROOM001"] == kRoomJoinFailuresPerMinute);
  CHECK(st.refusals["ROOM002"] == 1);
  test::RemoveTree(dir);
}

TEST_CASE("room: duplicates are idempotent, a gap says where to send from, an altered record is refused") {
  std::string dir = test::TempDir("room-seq"), error;
  auto room = Room::Open(dir, "K7QX2MPA", error);
  REQUIRE(room);
  const std::string token = JoinToken(*room);
  // A new token must start with the header.
  Reply first = Record(*room, token, kSession, 1, Decision(1));
  CHECK(first.error() == "ROOM013");
  CHECK(first.next() == 0);
  REQUIRE(Record(*room, token, kSession, 0, Header(kSession)).status == 200);
  REQUIRE(Record(*room, token, kSession, 1, Decision(1)).status == 200);
  const std::string before = test::ReadText(OnlyFile(dir));
  // The same record again (a retry after a lost answer): accepted, not written twice.
  Reply again = Record(*room, token, kSession, 1, Decision(1));
  CHECK(again.status == 200);
  CHECK(again.next() == 2);
  // Ahead of what the room holds: refused with the place to send from.
  Reply gap = Record(*room, token, kSession, 4, Decision(4));
  CHECK(gap.status == 409);
  CHECK(gap.error() == "ROOM013");
  CHECK(gap.next() == 2);
  // A different record under a number the room already holds.
  CHECK(Record(*room, token, kSession, 1, Decision(1, "dp9")).error() == "ROOM014");
  CHECK(test::ReadText(OnlyFile(dir)) == before);
  RoomState st = room->State(0);
  CHECK(st.duplicates == 1);
  CHECK(st.accepted == 2);
  CHECK(st.refusals["ROOM013"] == 2);
  CHECK(st.refusals["ROOM014"] == 1);
  // The team joins again (a new token, its header): the old token stops writing the session.
  const std::string second = JoinToken(*room);
  CHECK(Record(*room, second, kSession, 0, Header(kSession)).next() == 2);
  CHECK(Record(*room, token, kSession, 2, Decision(2)).error() == "ROOM011");
  CHECK(Record(*room, second, kSession, 2, Decision(2)).status == 200);
  test::RemoveTree(dir);
}

TEST_CASE("room: forged, damaged and misplaced records are refused and counted, nothing is written") {
  std::string dir = test::TempDir("room-hostile"), error;
  auto room = Room::Open(dir, "K7QX2MPA", error);
  REQUIRE(room);
  const std::string token = JoinToken(*room);
  REQUIRE(Record(*room, token, kSession, 0, Header(kSession)).status == 200);
  const std::string before = test::ReadText(OnlyFile(dir));
  std::string bad_crc = Decision(1);
  bad_crc.replace(bad_crc.find("\"a\""), 3, "\"b\"");  // altered after the checksum was taken
  CHECK(Record(*room, token, kSession, 1, bad_crc).error() == "ROOM015");
  CHECK(Record(*room, token, kSession, 1, Decision(2)).error() == "ROOM015");                // its own seq is 2
  CHECK(Record(*room, token, kSession, 1, Decision(1) + Decision(2)).error() == "ROOM015");  // two lines
  CHECK(Record(*room, token, kSession, 1, "{\"rec\":\"decision\"}").error() == "ROOM015");   // no newline
  CHECK(Record(*room, token, kSession, 1, Header(kSession)).error() == "ROOM015");           // a second header
  CHECK(Record(*room, "ffffffffffffffffffffffffffffffff", kSession, 1, Decision(1)).error() == "ROOM011");
  // Another team's session, with this team's token.
  const std::string other = "fedcba9876543210fedcba9876543210";
  CHECK(Record(*room, token, other, 0, Header(other, "Tim Biru")).error() == "ROOM012");
  // A stranger who learnt the session id but not the header bytes cannot take the session over.
  const std::string stranger = JoinToken(*room, "10.0.0.66");
  CHECK(Record(*room, stranger, kSession, 0, Header(kSession, "Tim Palsu")).error() == "ROOM012");
  // Not JSON, the wrong shape, an unknown request, a body over the cap.
  CHECK(Send(*room, "/record", "not json").error() == "ROOM010");
  CHECK(Send(*room, "/record", R"({"token":1,"session":[],"seq":"x"})").error() == "ROOM010");
  CHECK(Send(*room, "/../../etc/passwd", "{}").status == 404);
  // A path that is not UTF-8 is answered (not echoed: the answer is JSON, which could not hold it).
  CHECK(Send(*room, "/\xff\xfe", "{}").error() == "ROOM010");
  CHECK(Send(*room, "/join", std::string(kRoomMaxBodyBytes + 1, 'x')).status == 413);
  CHECK(test::ReadText(OnlyFile(dir)) == before);
  RoomState st = room->State(0);
  CHECK(st.accepted == 1);
  CHECK(st.refusals["ROOM015"] == 5);
  CHECK(st.refusals["ROOM011"] == 1);
  CHECK(st.refusals["ROOM012"] == 2);
  CHECK(st.refusals["ROOM010"] == 5);
  // After the end record nothing more is taken.
  REQUIRE(Record(*room, token, kSession, 1, End(1)).status == 200);
  CHECK(Record(*room, token, kSession, 2, Decision(2)).error() == "ROOM015");
  test::RemoveTree(dir);
}

TEST_CASE("room: nothing a request carries becomes a path; the room is capped at its number of teams") {
  std::string dir = test::TempDir("room-names"), error;
  auto room = Room::Open(dir + "/results", "K7QX2MPA", error);
  REQUIRE(room);
  const std::string token = JoinToken(*room);
  const std::string session = "../../escape";
  CHECK(Record(*room, token, session, 0, Header(session, "../../../tmp/x")).status == 200);
  CHECK(fs::path(OnlyFile(dir + "/results")).filename() == "room-001.sigap.jsonl");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // only results/
  for (std::size_t i = 1; i < kRoomMaxTeams; ++i) {
    char id[40];
    std::snprintf(id, sizeof id, "%032zx", i);
    REQUIRE(Record(*room, JoinToken(*room), id, 0, Header(id)).status == 200);
  }
  Reply full = Record(*room, JoinToken(*room), "feedfeedfeedfeedfeedfeedfeedfeed", 0,
                      Header("feedfeedfeedfeedfeedfeedfeedfeed"));
  CHECK(full.status == 503);
  CHECK(full.error() == "ROOM003");
  test::RemoveTree(dir);
}

TEST_CASE("room: a restarted room takes up its folder, cuts a torn record, and the team continues") {
  std::string dir = test::TempDir("room-restart"), error;
  std::string file;
  {
    auto room = Room::Open(dir, "K7QX2MPA", error);
    REQUIRE(room);
    const std::string token = JoinToken(*room);
    REQUIRE(Record(*room, token, kSession, 0, Header(kSession)).status == 200);
    REQUIRE(Record(*room, token, kSession, 1, Decision(1)).status == 200);
    file = OnlyFile(dir);
  }
  // The room died while writing record 2.
  test::WriteText(file, test::ReadText(file) + Decision(2).substr(0, 20));
  auto room = Room::Open(dir, "K7QX2MPA", error);
  REQUIRE(room);
  REQUIRE(room->State(0).teams.size() == 1);
  CHECK(room->State(0).teams[0].records == 2);
  // The team's old token died with the room: it joins again and shows its header first.
  CHECK(Record(*room, "0123456789abcdef0123456789abcdef", kSession, 2, Decision(2)).error() == "ROOM011");
  const std::string token = JoinToken(*room);
  Reply header = Record(*room, token, kSession, 0, Header(kSession));
  CHECK(header.status == 200);
  CHECK(header.next() == 2);
  CHECK(Record(*room, token, kSession, 2, Decision(2)).status == 200);
  CHECK(Record(*room, token, kSession, 3, End(3)).status == 200);
  CHECK(test::ReadText(file) == Header(kSession) + Decision(1) + Decision(2) + End(3));
  CHECK(room->State(0).teams.size() == 1);
  test::RemoveTree(dir);
}

}  // namespace
}  // namespace sigap
