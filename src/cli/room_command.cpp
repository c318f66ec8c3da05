// `sigap room --results DIR [--port N] [--code C] [--bind ADDR] [--name NAME] [--start together|free]
// [--discovery-port N] [--for SECONDS]`: a headless live room. Prints the code and the addresses,
// announces itself on the local network, serves until SIGINT/SIGTERM (or --for, or the `close`
// command), then prints what it received and what it refused. Conducted from standard input, one
// command a line: start, pause, resume, message TEXT, close. Also the sender behind
// `sigap play --room` (an address, or `auto`).
#include <cstdio>
#include <cstdlib>

#include <deque>
#include <iostream>
#include <mutex>
#include <thread>
#include <utility>

#include "cli_commands.h"
#include "discovery.h"
#include "platform/stop_request.h"
#include "room_link.h"
#include "room_net.h"

namespace sigap::cli {

namespace {

int Usage(const std::string& problem) {
  std::fprintf(stderr,
               "sigap room: %s\nusage: sigap room --results DIR [--port N] [--code C] [--bind ADDR] [--name NAME]\n"
               "                  [--start together|free] [--discovery-port N] [--for SECONDS]\n",
               problem.c_str());
  return 2;
}

class HttpRoomLink : public RoomLink {
 public:
  HttpRoomLink(const std::string& address, const std::string& code, const std::string& log_path)
      : sender_(address, code, log_path) {}
  bool valid() const { return sender_.valid_address(); }
  void Notify() override { sender_.Notify(); }
  bool WaitUntilDelivered(std::chrono::milliseconds limit) override { return sender_.WaitUntilDelivered(limit); }
  std::string last_problem() override { return sender_.last_problem(); }

 private:
  room::RoomSender sender_;
};

void PrintTeam(const RoomTeam& t) {
  std::printf("  %-22s %-20s %3lld rekaman/records  %s\n", t.file.c_str(), t.team.c_str(),
              static_cast<long long>(t.records),
              t.finished ? "selesai/finished" : (t.current_node.empty() ? "-" : t.current_node.c_str()));
}

// One line typed by the facilitator at the terminal. False when it is not a command.
bool Conduct(room::RoomServer& server, const std::string& line, bool& close) {
  std::string word = line.substr(0, line.find(' '));
  std::string rest = line.size() > word.size() ? line.substr(word.size() + 1) : std::string();
  bool done = false;
  if (word == "start") done = server.Command([](Room& r) { return r.StartAll(); });
  else if (word == "pause")
    done = server.Command([](Room& r) { return r.PauseAll(); });
  else if (word == "resume")
    done = server.Command([](Room& r) { return r.ResumeAll(); });
  else if (word == "message")
    done = server.Command([&rest](Room& r) { return r.SetMessage(rest); });
  else if (word == "close") {
    done = server.Command([](Room& r) { return r.Close(); });
    close = true;
  } else {
    std::printf("Perintah / Commands: start, pause, resume, message TEKS/TEXT, close\n");
    std::fflush(stdout);
    return false;
  }
  const RoomConduct c = server.State().conduct;
  std::printf("%s: %s (fase/phase %s, perintah/command %lld)\n", word.c_str(),
              done ? "ok" : "tidak berlaku / does not apply", RoomPhaseName(c.phase), static_cast<long long>(c.command));
  std::fflush(stdout);
  return true;
}

// The terminal's lines, read by a thread of their own (a blocking read works alike on every
// platform); the room's loop takes them between its quarter-second waits.
class TypedLines {
 public:
  TypedLines() {
    std::thread([this] {
      for (std::string line; std::getline(std::cin, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.size() > 4096) line.resize(4096);
        std::lock_guard lock(mutex_);
        lines_.push_back(std::move(line));
      }
    }).detach();  // blocked in a read until the input ends; the process may end before it does
  }
  std::deque<std::string> Take() {
    std::lock_guard lock(mutex_);
    return std::exchange(lines_, {});
  }

 private:
  std::mutex mutex_;
  std::deque<std::string> lines_;
};

}  // namespace

// `--room auto`: the one room that answers on the local network within a few seconds.
std::string FindOneRoom(std::string& why) {
  const auto rooms = room::FindRooms(std::chrono::seconds(3));
  if (rooms.size() == 1) {
    std::fprintf(stderr, "Ruang ditemukan / Room found: %s (%s)\n", rooms[0].name.c_str(), rooms[0].url().c_str());
    return rooms[0].url();
  }
  if (rooms.empty()) {
    why = "no live room answered on the local network; give the address shown on the projector (HOST:PORT)";
  } else {
    why = std::to_string(rooms.size()) + " live rooms answered (";
    for (const auto& r : rooms) why += (r.url() == rooms[0].url() ? "" : ", ") + r.url() + " " + r.name;
    why += "); give the one shown on the projector (HOST:PORT)";
  }
  return "";
}

std::unique_ptr<RoomLink> ConnectRoom(const std::string& address, const std::string& code, const std::string& log_path,
                                      std::string& why) {
  const std::string where = address == "auto" ? FindOneRoom(why) : address;
  if (where.empty()) return nullptr;
  auto link = std::make_unique<HttpRoomLink>(where, code, log_path);
  if (!link->valid()) {
    why = "--room needs HOST:PORT, for example 192.168.1.5:8765";
    return nullptr;
  }
  return link;
}

int RunRoom(const std::vector<std::string>& args) {
  std::string results, code, bind;
  RoomOptions options;
  options.name = "Ruang SIGAP";
  int port = 8765, discovery_port = room::kDiscoveryPort;
  double for_seconds = -1;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& k = args[i];
    if (i + 1 >= args.size() && (k == "--results" || k == "--port" || k == "--code" || k == "--bind" || k == "--for" ||
                                 k == "--name" || k == "--start" || k == "--discovery-port"))
      return Usage(k + " needs a value");
    if (k == "--results") results = args[++i];
    else if (k == "--code")
      code = args[++i];
    else if (k == "--bind")
      bind = args[++i];
    else if (k == "--name")
      options.name = room::CleanRoomName(args[++i]);
    else if (k == "--start") {
      const std::string v = args[++i];
      if (v != "together" && v != "free") return Usage("--start is 'together' (teams wait for start) or 'free'");
      options.start = v == "together" ? RoomStart::Together : RoomStart::Free;
    }
    else if (k == "--discovery-port") {
      char* end = nullptr;
      long n = std::strtol(args[++i].c_str(), &end, 10);
      if (*end || n < 0 || n > 65534)
        return Usage("--discovery-port needs a number from 1 to 65534, or 0 (no discovery)");
      discovery_port = static_cast<int>(n);
    } else if (k == "--port") {
      char* end = nullptr;
      long n = std::strtol(args[++i].c_str(), &end, 10);
      if (*end || n < 0 || n > 65535) return Usage("--port needs a number from 0 (any free port) to 65535");
      port = static_cast<int>(n);
    } else if (k == "--for") {
      char* end = nullptr;
      for_seconds = std::strtod(args[++i].c_str(), &end);
      if (*end || for_seconds <= 0) return Usage("--for needs a number of seconds");
    } else
      return Usage("unknown argument '" + k + "'");
  }
  if (results.empty()) return Usage("--results DIR is required: the folder where the teams' logs are written");
  if (code.empty()) code = NewRoomCode();
  std::string error;
  auto room = Room::Open(results, code, error, options);
  if (!room) {
    std::fprintf(stderr, "sigap room: %s\n", error.c_str());
    return 2;
  }
  const std::size_t taken_up = room->State(0).teams.size();

  platform::RaiseOpenFileLimit();
  platform::CatchStopRequests();  // Ctrl+C and SIGTERM end the loop below, never a server thread

  // By default the room listens on the private networks (a hall's Wi-Fi, a hotspot) and on
  // loopback, never on a public address this laptop may also have.
  const std::vector<std::string> listen = bind.empty() ? room::DefaultBindAddresses() : std::vector<std::string>{bind};
  auto server = room::RoomServer::Start(std::move(room), listen, port, error);
  if (!server) {
    std::fprintf(stderr, "sigap room: %s\n", error.c_str());
    return 2;
  }
  std::vector<std::string> addresses;
  for (const auto& a : listen == std::vector<std::string>{"0.0.0.0"} ? room::LocalAddresses() : listen)
    if (!a.starts_with("127.")) addresses.push_back(a);
  if (addresses.empty()) addresses.push_back(listen.front() == "0.0.0.0" ? "127.0.0.1" : listen.front());
  std::unique_ptr<room::RoomAnnouncer> announcer;
  std::string discovery_note;
  if (discovery_port > 0) {
    std::string why;
    announcer = room::RoomAnnouncer::Start({options.name, server->port(), listen, discovery_port, std::chrono::seconds(1)}, why,
                                           discovery_note);
    if (!announcer) discovery_note = why;
  }
  std::printf("Ruang langsung SIGAP terbuka / SIGAP live room open\n");
  std::printf("Nama / Name: %s\n", options.name.c_str());
  std::printf("Kode / Code: %s\n", code.c_str());
  for (const auto& a : addresses) std::printf("Alamat / Address: http://%s:%d\n", a.c_str(), server->port());
  std::string joined;
  for (const auto& a : listen) joined += (joined.empty() ? "" : ", ") + a;
  std::printf("Mendengar di / Listening on: %s%s\n", joined.c_str(),
              !bind.empty()       ? ""
              : listen.size() > 1 ? " (jaringan lokal dan komputer ini / private networks and this computer)"
                                  : " (tidak ada jaringan lokal: hanya komputer ini / no private network: this "
                                    "computer only; --bind 0.0.0.0 listens on every network)");
  if (discovery_port > 0)
    std::printf("Penemuan / Discovery: UDP %d-%d%s%s\n", discovery_port, discovery_port + 1,
                discovery_note.empty() ? "" : ", ", discovery_note.c_str());
  std::printf("Hasil / Results: %s\n", results.c_str());
  std::printf("Mulai / Start: %s, fase / phase: %s\n", RoomStartName(options.start),
              RoomPhaseName(server->State().conduct.phase));
  if (taken_up) std::printf("Dilanjutkan / Taken up again: %zu sesi / sessions already in the folder\n", taken_up);
  std::printf("Tutup dengan Ctrl+C / Close with Ctrl+C; perintah / commands: start, pause, resume, message TEXT, close\n");
  std::fflush(stdout);

  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long long>(for_seconds * 1000));
  std::size_t teams_seen = taken_up, finished_seen = 0;
  TypedLines typed;
  bool closing = false;
  for (;;) {
    if (platform::WaitForStopRequest(std::chrono::milliseconds(closing ? 0 : 250))) break;
    for (const auto& line : typed.Take())
      if (!line.empty()) Conduct(*server, line, closing);
    if (closing) {
      // The laptops hear "closed" with their next poll (a second); then the room stops.
      std::this_thread::sleep_for(room::RoomSender::kPollInterval + std::chrono::milliseconds(500));
      break;
    }
    if (for_seconds > 0 && std::chrono::steady_clock::now() >= deadline) break;
    RoomState st = server->State();
    std::size_t finished = 0;
    for (const auto& t : st.teams) finished += t.finished ? 1 : 0;
    if (st.teams.size() != teams_seen || finished != finished_seen) {
      std::printf("Tim / Teams: %zu, selesai / finished: %zu\n", st.teams.size(), finished);
      std::fflush(stdout);
      teams_seen = st.teams.size();
      finished_seen = finished;
    }
  }
  if (announcer) announcer->Stop();
  server->Stop();
  RoomState st = server->State();
  std::printf("Ruang ditutup / Room closed\n");
  std::size_t finished = 0;
  for (const auto& t : st.teams) {
    PrintTeam(t);
    finished += t.finished ? 1 : 0;
  }
  std::printf("Tim / Teams: %zu, selesai / finished: %zu\n", st.teams.size(), finished);
  std::printf("Diterima / Accepted: %lld rekaman/records, duplikat / duplicates: %lld\n",
              static_cast<long long>(st.accepted), static_cast<long long>(st.duplicates));
  std::printf("Ditolak / Refused: %lld", static_cast<long long>(st.refused_total()));
  for (const auto& [c, n] : st.refusals) std::printf("  %s=%lld", c.c_str(), static_cast<long long>(n));
  std::printf("\n");
  if (announcer) {
    const room::DiscoveryCounts d = announcer->counts();
    std::printf("Penemuan / Discovery: %lld pengumuman/announcements, %lld jawaban/answers, %lld diabaikan/ignored\n",
                static_cast<long long>(d.announcements), static_cast<long long>(d.answers),
                static_cast<long long>(d.ignored));
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace sigap::cli
