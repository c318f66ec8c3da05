// Conducting a real `sigap room` on loopback: the facilitator types start, pause, message, resume
// and close at its terminal (a pipe here); a laptop that polls hears each, one that was away
// catches up with one poll, a team's `sigap play --room` still lands byte for byte, and no request
// a team can send changes the phase. Everything binds to 127.0.0.1; nothing leaves this machine.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "engine_test_util.h"
#include "room_test_support.h"

namespace sigap {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kCode = "K7QX2MPA";

// `sigap room` with its standard input on a pipe: the facilitator's keyboard.
class ConductedRoom {
 public:
  ConductedRoom(const std::string& results, const std::string& scratch, const std::vector<std::string>& extra)
      : out_(scratch + ".out"), err_(scratch + ".err") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(out, 1);
      ::dup2(err, 2);
      ::dup2(fds[0], 0);
      ::close(fds[1]);
      std::vector<std::string> argv{SIGAP_BINARY, "room",   "--results", results, "--bind", "127.0.0.1",
                                    "--port",     "0",      "--code",    kCode,   "--for",  "120"};
      argv.insert(argv.end(), extra.begin(), extra.end());
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(fds[0]);
    keyboard_ = fds[1];
    port_ = test::WaitForRoomPort(out_);
    REQUIRE_MESSAGE(port_ > 0, "the room did not start: " << test::ReadText(err_));
  }
  ~ConductedRoom() {
    if (keyboard_ >= 0) ::close(keyboard_);
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      test::Wait(pid_, out_, err_);
    }
  }
  void Type(const std::string& line) {
    const std::string text = line + "\n";
    REQUIRE(::write(keyboard_, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    // The room answers each command on its output: wait for that line (at most 5 s).
    const std::string word = line.substr(0, line.find(' ')) + ":";
    for (int i = 0; i < 100; ++i) {
      if (Count(test::ReadText(out_), word) > typed_[word]) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ++typed_[word];
  }
  test::ProcessResult WaitForExit() {
    test::ProcessResult r = test::Wait(pid_, out_, err_);
    pid_ = -1;
    return r;
  }
  int port() const { return port_; }

 private:
  static int Count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }
  std::string out_, err_;
  pid_t pid_ = -1;
  int keyboard_ = -1;
  int port_ = 0;
  std::map<std::string, int> typed_;
};

struct Answer {
  int status = 0;
  json body;
};

// One POST over a fresh connection to 127.0.0.1:port.
Answer PostJson(int port, const std::string& path, const json& j) {
  const std::string body = j.dump();
  const std::string request = "POST " + path +
                              " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                              "Content-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr = test::LoopbackAddress(port);
  timeval tv{6, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  Answer a;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    (void)!::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string got;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) got.append(buf, static_cast<std::size_t>(n));
    if (got.size() > 12 && got.compare(0, 5, "HTTP/") == 0) a.status = std::atoi(got.c_str() + 9);
    if (std::size_t at = got.find("\r\n\r\n"); at != std::string::npos)
      a.body = json::parse(got.substr(at + 4), nullptr, false);
  }
  ::close(fd);
  return a;
}

json Conduct(const Answer& a) { return a.body.is_object() ? a.body.value("room", json()) : json(); }

TEST_CASE("room conduct over loopback: start, pause, message, resume and close reach a polling laptop") {
  const std::string base = test::TempDir("room-conduct-loopback");
  ConductedRoom room(base + "/room", base + "/room", {"--name", "Bimtek Batam", "--start", "together"});
  const int port = room.port();

  Answer join = PostJson(port, "/join", {{"code", kCode}});
  REQUIRE(join.status == 200);
  const std::string token = join.body["token"];
  CHECK(Conduct(join)["name"] == "Bimtek Batam");
  CHECK(Conduct(join)["start"] == "together");
  CHECK(Conduct(join)["phase"] == "lobby");

  // A team cannot open the lobby, pause or close: those are not requests at all.
  for (const char* path : {"/start", "/pause", "/resume", "/close", "/message", "/command"})
    CHECK(PostJson(port, path, {{"token", token}, {"code", kCode}}).status == 404);
  CHECK(Conduct(PostJson(port, "/poll", {{"token", token}}))["phase"] == "lobby");

  room.Type("start");
  json c = Conduct(PostJson(port, "/poll", {{"token", token}}));
  CHECK(c["phase"] == "running");
  CHECK(c["command"] == 1);

  // A team plays the whole scenario while the room is conducted; its log lands byte for byte.
  const std::string team_dir = base + "/team";
  const json plan = json::parse(test::ReadText(test::DataPath("golden/plans/liburan-best.json")));
  std::string choices;
  for (const auto& ch : plan["choices"]) choices += (choices.empty() ? "" : ",") + ch.get<std::string>();
  test::ProcessResult play = test::RunSigap({"play", plan["scenario"], "--team", "Tim Biru", "--choices", choices,
                                             "--mode", plan["mode"], "--lang", plan["lang"], "--results", team_dir,
                                             "--room", "127.0.0.1:" + std::to_string(port), "--code", kCode,
                                             "--room-wait", "20"});
  CHECK_MESSAGE(play.err.find("semua rekaman diterima") != std::string::npos, play.out << play.err);

  // The laptop goes away; meanwhile the facilitator pauses, writes twice and resumes, then pauses.
  room.Type("pause");
  room.Type("message Istirahat 10 menit");
  room.Type("message Kembali ke meja masing-masing");
  room.Type("resume");
  room.Type("pause");
  room.Type("pause");  // does not apply: already paused
  c = Conduct(PostJson(port, "/poll", {{"token", token}}));  // back: one poll catches up
  CHECK(c["phase"] == "paused");
  CHECK(c["message"] == "Kembali ke meja masing-masing");
  CHECK(c["command"] == 6);

  room.Type("close");
  test::ProcessResult closed = room.WaitForExit();  // the room stops by itself a moment later
  CHECK(closed.exit_code == 0);
  CHECK(closed.out.find("Ruang ditutup / Room closed") != std::string::npos);
  CHECK(closed.out.find("pause: tidak berlaku / does not apply") != std::string::npos);

  // The room's copy equals the team's own log.
  std::string team_log, room_log;
  for (const auto& e : fs::directory_iterator(team_dir))
    if (e.path().string().ends_with(".sigap.jsonl")) team_log = test::ReadText(e.path().string());
  for (const auto& e : fs::directory_iterator(base + "/room"))
    if (e.path().string().ends_with(".sigap.jsonl")) room_log = test::ReadText(e.path().string());
  CHECK_FALSE(team_log.empty());
  CHECK(room_log == team_log);
  test::RemoveTree(base);
}

}  // namespace
}  // namespace sigap
