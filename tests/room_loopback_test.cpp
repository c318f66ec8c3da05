// The live room with real processes on loopback: `sigap room` and many `sigap play --room` at
// once, hostile requests over raw sockets, the room killed and started again. Everything binds
// to 127.0.0.1; nothing is sent outside this machine. SIGAP_ROOM_TEAMS sets the number of teams
// (10 by default; the "slow" variant runs 40).
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "debrief.h"
#include "engine_test_util.h"
#include "library.h"
#include "room_test_support.h"

namespace sigap {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kCode = "K7QX2MPA";

// A `sigap room` process on 127.0.0.1, its output in files.
class RoomProcess {
 public:
  RoomProcess(const std::string& results, const std::string& scratch, int port = 0)
      : out_(scratch + ".out"), err_(scratch + ".err") {
    pid_ = test::Spawn({SIGAP_BINARY, "room", "--results", results, "--bind", "127.0.0.1", "--port",
                        std::to_string(port), "--code", kCode, "--for", "300"},
                       out_, err_);
    port_ = test::WaitForRoomPort(out_);
    REQUIRE_MESSAGE(port_ > 0, "the room did not start: " << test::ReadText(err_));
  }
  ~RoomProcess() {
    if (pid_ > 0) Kill();
  }
  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  // SIGTERM, as Ctrl+C or a service manager would: the room prints its summary and exits 0.
  test::ProcessResult Stop() {
    ::kill(pid_, SIGTERM);
    test::ProcessResult r = test::Wait(pid_, out_, err_);
    pid_ = -1;
    return r;
  }
  void Kill() {
    ::kill(pid_, SIGKILL);
    test::Wait(pid_, out_, err_);
    pid_ = -1;
  }

 private:
  std::string out_, err_;
  pid_t pid_ = -1;
  int port_ = 0;
};

struct Team {
  std::string dir;
  pid_t pid = -1;
  std::string out, err;
};

std::vector<json> Plans() {
  std::vector<json> plans;
  for (const auto& e : fs::directory_iterator(test::DataPath("golden/plans")))
    plans.push_back(json::parse(test::ReadText(e.path().string())));
  std::sort(plans.begin(), plans.end(), [](const json& a, const json& b) { return a.dump() < b.dump(); });
  return plans;
}

// Starts team `i` playing a golden plan to the room at `address`.
Team StartTeam(const std::string& base, int i, const json& plan, const std::string& address, int step_delay_ms) {
  Team t;
  t.dir = base + "/team-" + std::to_string(i);
  t.out = t.dir + ".out";
  t.err = t.dir + ".err";
  std::string choices;
  for (const auto& c : plan["choices"]) choices += (choices.empty() ? "" : ",") + c.get<std::string>();
  std::vector<std::string> argv{SIGAP_BINARY,
                                "play",
                                plan["scenario"].get<std::string>(),
                                "--team",
                                "Tim " + std::to_string(i),
                                "--choices",
                                choices,
                                "--mode",
                                plan["mode"].get<std::string>(),
                                "--lang",
                                plan["lang"].get<std::string>(),
                                "--results",
                                t.dir,
                                "--room",
                                address,
                                "--code",
                                kCode,
                                "--room-wait",
                                "60",
                                "--step-delay-ms",
                                std::to_string(step_delay_ms)};
  if (plan.contains("seed")) argv.insert(argv.end(), {"--seed", plan["seed"].dump()});
  t.pid = test::Spawn(argv, t.out, t.err);
  return t;
}

// The one log in a team's folder.
std::string TeamLog(const Team& t) {
  for (const auto& e : fs::directory_iterator(t.dir))
    if (e.path().string().ends_with(".sigap.jsonl")) return test::ReadText(e.path().string());
  return "";
}

std::multiset<std::string> RoomLogs(const std::string& dir) {
  std::multiset<std::string> logs;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().string().ends_with(".sigap.jsonl")) logs.insert(test::ReadText(e.path().string()));
  return logs;
}

// Plays `n` teams at once and checks that every one ends well and says the room has everything.
std::multiset<std::string> PlayTeams(const std::string& base, int n, const std::string& address, int step_delay_ms,
                                     const std::function<void()>& meanwhile = {}) {
  const std::vector<json> plans = Plans();
  std::vector<Team> teams;
  for (int i = 0; i < n; ++i) teams.push_back(StartTeam(base, i, plans[i % plans.size()], address, step_delay_ms));
  if (meanwhile) meanwhile();
  std::multiset<std::string> logs;
  for (auto& t : teams) {
    test::ProcessResult r = test::Wait(t.pid, t.out, t.err);
    CAPTURE(t.dir);
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK((r.err.find("semua rekaman diterima") != std::string::npos ||
           r.err.find("every record received") != std::string::npos));
    logs.insert(TeamLog(t));
  }
  return logs;
}

int EnvTeams() {
  const char* v = std::getenv("SIGAP_ROOM_TEAMS");
  return v ? std::max(1, std::atoi(v)) : 10;
}

// One raw request over a fresh connection; returns the status code (0: no answer).
int RawRequest(int port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = test::LoopbackAddress(port);
  timeval tv{6, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  int status = 0;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    (void)!::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    char buf[512] = {};
    ssize_t got = ::recv(fd, buf, sizeof buf - 1, 0);
    if (got > 12 && std::string(buf, 5) == "HTTP/") status = std::atoi(buf + 9);
  }
  ::close(fd);
  return status;
}

std::string Post(const std::string& path, const std::string& body) {
  return "POST " + path +
         " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST_CASE("room over loopback: teams play at once; the room's files equal their logs; hostile requests are counted") {
  const std::string base = test::TempDir("room-loopback");
  RoomProcess room(base + "/room", base + "/room");
  const int n = EnvTeams();
  auto started = std::chrono::steady_clock::now();
  std::multiset<std::string> team_logs = PlayTeams(base, n, room.address(), 0);
  MESSAGE(n << " teams played through the room in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count()
            << " ms");
  CHECK(team_logs.size() == static_cast<std::size_t>(n));
  CHECK(RoomLogs(base + "/room") == team_logs);
  // The facilitator's debrief from the room's folder is the one the USB sticks would give: every
  // team's own log copied into one folder, as the start screen's "copy to stick" leaves them.
  {
    const std::string usb = base + "/usb";
    fs::create_directories(usb);
    for (int i = 0; i < n; ++i)
      for (const auto& e : fs::directory_iterator(base + "/team-" + std::to_string(i)))
        if (e.path().string().ends_with(".sigap.jsonl"))
          fs::copy_file(e.path(), fs::path(usb) / ("team-" + std::to_string(i) + "-" + e.path().filename().string()));
    const ContentLibrary library = LoadLibrary({test::SourcePath("scenarios")});
    DebriefBook from_room, from_usb;
    CHECK(from_room.Add({base + "/room"}, library) == static_cast<std::size_t>(n));
    CHECK(from_usb.Add({usb}, library) == static_cast<std::size_t>(n));
    REQUIRE(!from_room.Scenarios().empty());
    CHECK(from_room.Imported().problems.empty());
    CHECK(from_usb.Imported().problems.empty());
    for (Lang lang : {Lang::Id, Lang::En}) {
      CHECK(ExportCsv(from_room.Scenarios(), lang, false) == ExportCsv(from_usb.Scenarios(), lang, false));
      CHECK(ExportHtml(from_room.Scenarios(), lang, false) == ExportHtml(from_usb.Scenarios(), lang, false));
    }
    CHECK(ExportXapi(from_room.Scenarios(), false) == ExportXapi(from_usb.Scenarios(), false));
  }

  // Hostile and malformed requests, each refused and counted; nothing in the folder changes.
  const int port = room.port();
  CHECK(RawRequest(port, Post("/join", R"({"code":"WRONGCODE"})")) == 403);
  CHECK(RawRequest(port,
                   "POST /record HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: "
                   "chunked\r\n\r\n10\r\n0123456789") == 411);
  CHECK(RawRequest(port, "POST /record HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n{}") == 411);
  CHECK(RawRequest(
            port, "POST /record HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 104857600\r\n\r\n") == 413);
  CHECK(RawRequest(port, Post("/record", "{\"token\":\"x\",\"session\":\"y\",\"seq\":0,\"line\":\"z\\n\"}")) == 401);
  CHECK(RawRequest(port, "\x16\x03\x01 not http at all\r\n\r\n") == 400);
  // A team's own records again (a duplicate) and out of order (a gap), through a fresh token.
  const std::string some_log = *team_logs.begin();
  const std::string header = some_log.substr(0, some_log.find('\n') + 1);
  const std::string session = json::parse(header)["session"].get<std::string>();
  {
    int fd_port = port;
    // Join by hand to get a token.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr = test::LoopbackAddress(fd_port);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    std::string req = Post("/join", json{{"code", kCode}}.dump());
    (void)!::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
    std::string answer;
    char buf[1024];
    for (ssize_t got; (got = ::recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, static_cast<std::size_t>(got));
    ::close(fd);
    const std::string token = json::parse(answer.substr(answer.find("\r\n\r\n") + 4))["token"].get<std::string>();
    auto record = [&](std::int64_t seq, const std::string& line) {
      return RawRequest(
          port, Post("/record", json{{"token", token}, {"session", session}, {"seq", seq}, {"line", line}}.dump()));
    };
    CHECK(record(0, header) == 200);    // the header again: a duplicate, taken as such
    CHECK(record(999, header) == 409);  // far ahead: "send from N"
    CHECK(record(1, header) == 409);    // not what the room holds at 1: altered
  }
  CHECK(RoomLogs(base + "/room") == team_logs);
  test::ProcessResult closed = room.Stop();
  CAPTURE(closed.out);
  CHECK(closed.exit_code == 0);
  CHECK(closed.out.find("Ruang ditutup / Room closed") != std::string::npos);
  // Some plans stop before the ending (a session left to resume): the room counts what the logs say.
  const auto finished = std::count_if(team_logs.begin(), team_logs.end(), [](const std::string& l) {
    return l.find("\"rec\":\"end\"") != std::string::npos;
  });
  CHECK(closed.out.find("Tim / Teams: " + std::to_string(n) + ", selesai / finished: " + std::to_string(finished) +
                        "\nDiterima") != std::string::npos);
  // 1 wrong code, 4 malformed (chunked, no length, too long, garbage is answered by the library
  // itself and not counted), 1 unknown token, 1 gap, 1 altered.
  CHECK(closed.out.find("ROOM001=1") != std::string::npos);
  CHECK(closed.out.find("ROOM010=3") != std::string::npos);
  CHECK(closed.out.find("ROOM011=1") != std::string::npos);
  CHECK(closed.out.find("ROOM013=1") != std::string::npos);
  CHECK(closed.out.find("ROOM014=1") != std::string::npos);
  test::RemoveTree(base);
}

TEST_CASE(
    "room over loopback: the room killed mid-way and started again; the teams fill in, nothing is lost or doubled") {
  const std::string base = test::TempDir("room-restart");
  auto room = std::make_unique<RoomProcess>(base + "/room", base + "/room1");
  const int port = room->port();
  const int n = std::min(EnvTeams(), 10);
  std::multiset<std::string> team_logs = PlayTeams(base, n, room->address(), 120, [&] {
    // Killed once every team has sent something, while they are still playing.
    for (int i = 0; i < 200 && RoomLogs(base + "/room").size() < static_cast<std::size_t>(n); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    room->Kill();  // as a power cut would: no summary, maybe a torn record
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    room = std::make_unique<RoomProcess>(base + "/room", base + "/room2", port);
  });
  CHECK(RoomLogs(base + "/room") == team_logs);
  test::ProcessResult closed = room->Stop();
  CAPTURE(closed.out);
  CHECK(closed.out.find("Dilanjutkan / Taken up again: " + std::to_string(n) + " sesi") != std::string::npos);
  // The second room received the rest of the sessions: the teams were still playing when it died.
  const std::size_t accepted = closed.out.find("Diterima / Accepted: ");
  REQUIRE(accepted != std::string::npos);
  CHECK(std::atoi(closed.out.c_str() + accepted + 21) > 0);
  CHECK(closed.out.find("Tim / Teams: " + std::to_string(n) + ", selesai / finished: " + std::to_string(n) +
                        "\nDiterima") != std::string::npos);
  test::RemoveTree(base);
}

}  // namespace
}  // namespace sigap
