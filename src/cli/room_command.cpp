// `sigap room --results DIR [--port N] [--code C] [--bind ADDR] [--for SECONDS] [--name NAME]
// [--start together|free]`: a headless live room. Prints the code and the addresses, serves until
// SIGINT/SIGTERM (or --for, or the `close` command), then prints what it received and what it
// refused. Conducted from standard input, one command a line: start, pause, resume,
// message TEXT, close. Also the sender behind `sigap play --room`.
#include <poll.h>
#include <pthread.h>
#include <unistd.h>
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "cli_commands.h"
#include "room_link.h"
#include "room_net.h"

namespace sigap::cli {

namespace {

int Usage(const std::string& problem) {
  std::fprintf(stderr,
               "sigap room: %s\nusage: sigap room --results DIR [--port N] [--code C] [--bind ADDR] [--for SECONDS]\n"
               "                  [--name NAME] [--start together|free]\n",
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

}  // namespace

std::unique_ptr<RoomLink> ConnectRoom(const std::string& address, const std::string& code, const std::string& log_path,
                                      std::string& why) {
  auto link = std::make_unique<HttpRoomLink>(address, code, log_path);
  if (!link->valid()) {
    why = "--room needs HOST:PORT, for example 192.168.1.5:8765";
    return nullptr;
  }
  return link;
}

int RunRoom(const std::vector<std::string>& args) {
  std::string results, code, bind = "0.0.0.0";
  RoomOptions options;
  int port = 8765;
  double for_seconds = -1;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& k = args[i];
    if (i + 1 >= args.size() && (k == "--results" || k == "--port" || k == "--code" || k == "--bind" || k == "--for" ||
                                 k == "--name" || k == "--start"))
      return Usage(k + " needs a value");
    if (k == "--results") results = args[++i];
    else if (k == "--name")
      options.name = args[++i];
    else if (k == "--start") {
      const std::string v = args[++i];
      if (v != "together" && v != "free") return Usage("--start is 'together' (teams wait for start) or 'free'");
      options.start = v == "together" ? RoomStart::Together : RoomStart::Free;
    }
    else if (k == "--code")
      code = args[++i];
    else if (k == "--bind")
      bind = args[++i];
    else if (k == "--port") {
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

  // Every connection is a file descriptor: the usual soft limit of 1024 is raised to the hard one.
  rlimit nofile{};
  if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
    nofile.rlim_cur = nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);
  }
  // SIGINT and SIGTERM are taken by sigtimedwait below, never by a handler in a server thread:
  // blocked before any thread starts, so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = room::RoomServer::Start(std::move(room), bind, port, error);
  if (!server) {
    std::fprintf(stderr, "sigap room: %s\n", error.c_str());
    return 2;
  }
  std::vector<std::string> addresses;
  if (bind == "0.0.0.0") addresses = room::LocalAddresses();
  if (addresses.empty()) addresses.push_back(bind == "0.0.0.0" ? "127.0.0.1" : bind);
  std::printf("Ruang langsung SIGAP terbuka / SIGAP live room open\n");
  std::printf("Kode / Code: %s\n", code.c_str());
  for (const auto& a : addresses) std::printf("Alamat / Address: http://%s:%d\n", a.c_str(), server->port());
  std::printf("Hasil / Results: %s\n", results.c_str());
  std::printf("Ruang / Room: %s, mulai / start: %s, fase / phase: %s\n", server->State().conduct.name.c_str(),
              RoomStartName(options.start), RoomPhaseName(server->State().conduct.phase));
  if (taken_up) std::printf("Dilanjutkan / Taken up again: %zu sesi / sessions already in the folder\n", taken_up);
  std::printf("Tutup dengan Ctrl+C / Close with Ctrl+C; perintah / commands: start, pause, resume, message TEXT, close\n");
  std::fflush(stdout);

  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long long>(for_seconds * 1000));
  std::size_t teams_seen = taken_up, finished_seen = 0;
  bool read_stdin = true, closing = false;
  std::string typed;
  for (;;) {
    // Commands from the terminal (or a test's pipe), then the signals, a quarter second a turn.
    pollfd in{STDIN_FILENO, POLLIN, 0};
    if (read_stdin && ::poll(&in, 1, 250) > 0) {
      char buf[512];
      const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n <= 0) read_stdin = false;  // end of input: the room serves on until a signal
      for (ssize_t i = 0; i < n; ++i) {
        if (buf[i] != '\n') {
          if (typed.size() < 4096) typed += buf[i];
          continue;
        }
        if (!typed.empty() && typed.back() == '\r') typed.pop_back();
        if (!typed.empty()) Conduct(*server, typed, closing);
        typed.clear();
      }
    }
    timespec tick{0, read_stdin ? 0 : 250 * 1000 * 1000};
    int sig = sigtimedwait(&stop_signals, nullptr, &tick);
    if (sig == SIGINT || sig == SIGTERM) break;
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
  std::fflush(stdout);
  return 0;
}

}  // namespace sigap::cli
