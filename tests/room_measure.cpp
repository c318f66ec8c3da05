// Measures the live room for docs/performance.md (not a test; built beside the room tests, run
// by hand): records a second the room accepts from N concurrent senders on loopback, the time
// from a record's send to the room's answer that it holds it (written and fsynced), and the
// room's memory and CPU while N joined teams sit idle.
//   room_measure SIGAP_BINARY [TEAMS=40] [SESSIONS_PER_TEAM=5]
// With --projector (run under an X server: `xvfb-run -a -s "-screen 0 1920x1080x24" ...`), the
// room is the facilitator's GUI on its live-room screen instead, and the teams play at a
// workshop's pace (one record every 1-4 s each, one session per team): the time from a team's
// send to the end of the first frame the projector drew with it (the GUI's --frame-log, the
// same CLOCK_MONOTONIC), and the frames and CPU the GUI spent.
//   room_measure SIGAP_BINARY --projector [TEAMS=40]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <random>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

pid_t Spawn(const std::vector<std::string>& argv, const std::string& out) {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* f = std::freopen(out.c_str(), "w", stdout);
    (void)f;
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

long ProcField(pid_t pid, const char* key) {  // kB from /proc/PID/status
  const std::string s = Read("/proc/" + std::to_string(pid) + "/status");
  const auto at = s.find(key);
  return at == std::string::npos ? -1 : std::atol(s.c_str() + at + std::strlen(key));
}

long long CpuTicks(pid_t pid) {  // utime + stime
  std::string s = Read("/proc/" + std::to_string(pid) + "/stat");
  s = s.substr(s.rfind(')') + 2);
  std::istringstream in(s);
  std::string field;
  long long ut = 0, st = 0;
  for (int i = 3; i <= 15 && in >> field; ++i) {
    if (i == 14) ut = std::atoll(field.c_str());
    if (i == 15) st = std::atoll(field.c_str());
  }
  return ut + st;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

long long MonotonicNs(Clock::time_point t) {  // steady_clock is CLOCK_MONOTONIC here
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

std::vector<std::vector<std::string>> PlayLogs(const std::string& sigap, const fs::path& base, int count) {
  // Session logs to send, made by `sigap play` without a room (a whole scenario each).
  const std::string choices = "b,b,a,c,modus+check_agency+ban_all,a,b,c,b,a,a,case_code+takedown_followup+sessions";
  std::vector<std::vector<std::string>> logs;
  for (int i = 0; i < count; ++i) {
    const fs::path dir = base / "logs" / std::to_string(i);
    pid_t p = Spawn({sigap, "play", "desa-pariaman", "--team", "Tim " + std::to_string(i), "--choices", choices,
                     "--results", dir.string()},
                    "/dev/null");
    waitpid(p, nullptr, 0);
    std::vector<std::string> lines;
    for (const auto& e : fs::directory_iterator(dir)) {
      std::istringstream in(Read(e.path()));
      for (std::string l; std::getline(in, l);) lines.push_back(l + "\n");
    }
    logs.push_back(lines);
  }
  return logs;
}

// Joins the room on `client`: the token, or "" when the room refused.
std::string Join(httplib::Client& client) {
  auto joined = client.Post("/join", json{{"code", "K7QX2MPA"}}.dump(), "application/json");
  if (!joined || joined->status != 200) return "";
  return json::parse(joined->body).value("token", "");
}

std::string RecordBody(const std::string& token, const std::string& session, std::size_t seq, const std::string& line) {
  return json{{"token", token}, {"session", session}, {"seq", seq}, {"line", line}}.dump();
}

int FreePort() {  // a port the kernel hands out now, released for the GUI to take
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = 18871;
  if (fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  if (fd >= 0) close(fd);
  return port;
}

int Projector(const std::string& sigap, int teams) {
  const fs::path base = fs::temp_directory_path() / ("sigap-projector-measure-" + std::to_string(getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "logs");
  fs::create_directories(base / "config");
  const auto logs = PlayLogs(sigap, base, teams);
  const int port = FreePort();
  const fs::path frames = base / "frames.log";
  setenv("XDG_CONFIG_HOME", (base / "config").c_str(), 1);
  setenv("XDG_DATA_HOME", (base / "config").c_str(), 1);
  const pid_t gui = Spawn({sigap, "--facilitator", "--pin", "2468", "--results", (base / "room").string(), "--screen",
                           "room", "--room-port", std::to_string(port), "--room-code", "K7QX2MPA", "--size",
                           "1920x1080", "--frame-log", frames.string()},
                          (base / "gui.out").string());
  bool up = false;
  for (int i = 0; i < 200 && !up; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    httplib::Client probe("127.0.0.1", port);
    probe.set_connection_timeout(1);
    probe.set_read_timeout(1);
    auto r = probe.Post("/poll", "{}", "application/json");
    up = static_cast<bool>(r);
  }
  if (!up) {
    std::fprintf(stderr, "room_measure: the GUI's room did not answer on port %d\n", port);
    kill(gui, SIGTERM);
    waitpid(gui, nullptr, 0);
    return 1;
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const long long cpu0 = CpuTicks(gui);
  struct Sent {
    long long sent_ns, held_ns;
  };
  std::vector<std::vector<Sent>> sent(static_cast<std::size_t>(teams));
  std::atomic<int> failures{0};
  std::vector<std::thread> senders;
  const auto start = Clock::now();
  for (int t = 0; t < teams; ++t) {
    senders.emplace_back([&, t] {
      std::mt19937 rng(static_cast<unsigned>(t) + 1);
      std::uniform_int_distribution<int> pause_ms(1000, 4000);
      httplib::Client client("127.0.0.1", port);
      client.set_tcp_nodelay(true);
      const auto& lines = logs[static_cast<std::size_t>(t)];
      const std::string token = Join(client);
      if (token.empty()) {
        ++failures;
        return;
      }
      const std::string session = json::parse(lines[0])["session"];
      std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng) / 2));
      for (std::size_t seq = 0; seq < lines.size(); ++seq) {
        const std::string body = RecordBody(token, session, seq, lines[seq]);
        const auto t0 = Clock::now();
        auto res = client.Post("/record", body, "application/json");
        const auto t1 = Clock::now();
        if (!res || res->status != 200) ++failures;
        else sent[static_cast<std::size_t>(t)].push_back({MonotonicNs(t0), MonotonicNs(t1)});
        std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng)));
      }
    });
  }
  for (auto& s : senders) s.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const long long cpu1 = CpuTicks(gui);
  const long hwm = ProcField(gui, "VmHWM:");
  kill(gui, SIGTERM);
  waitpid(gui, nullptr, 0);

  struct Frame {
    long long start_ns, wall_ns, accepted;
  };
  std::vector<Frame> drawn;
  {
    std::istringstream in(Read(frames));
    long long accepted = 0;
    for (std::string line; std::getline(in, line);) {
      long long n = 0, screen = 0, start_ns = 0, wall = 0, cpu = 0;
      if (std::sscanf(line.c_str(), "room %lld", &n) == 1) accepted = n;
      else if (std::sscanf(line.c_str(), "frame %lld %lld %lld %lld %lld", &n, &screen, &start_ns, &wall, &cpu) == 5)
        drawn.push_back({start_ns, wall, accepted});
    }
  }
  std::vector<double> to_held, to_projector, wait_frame, frame_wall;
  int unseen = 0;
  long long first_ns = -1, last_ns = -1;
  std::vector<Sent> all;
  for (const auto& team : sent) all.insert(all.end(), team.begin(), team.end());
  // The room accepts records one at a time; in the order of their answers, the k-th record is on
  // the projector from the first frame that read an accepted count of at least k (the frame log's
  // `room` line), when that frame ends.
  std::sort(all.begin(), all.end(), [](const Sent& a, const Sent& b) { return a.held_ns < b.held_ns; });
  for (std::size_t k = 0; k < all.size(); ++k) {
    const Sent& s = all[k];
    if (first_ns < 0 || s.sent_ns < first_ns) first_ns = s.sent_ns;
    last_ns = std::max(last_ns, s.held_ns);
    to_held.push_back(static_cast<double>(s.held_ns - s.sent_ns) / 1e6);
    auto f = std::find_if(drawn.begin(), drawn.end(),
                          [&](const Frame& fr) { return fr.accepted >= static_cast<long long>(k + 1); });
    if (f == drawn.end()) {
      ++unseen;
    } else {
      to_projector.push_back(static_cast<double>(f->start_ns + f->wall_ns - s.sent_ns) / 1e6);
      wait_frame.push_back(static_cast<double>(f->start_ns + f->wall_ns - s.held_ns) / 1e6);
      frame_wall.push_back(static_cast<double>(f->wall_ns) / 1e6);
    }
  }
  const long frames_during = std::count_if(drawn.begin(), drawn.end(),
                                           [&](const Frame& fr) { return fr.start_ns >= first_ns && fr.start_ns <= last_ns; });
  std::printf("projector: %d teams, %zu records over %.1f s (%.1f records/s), failures %d, not drawn %d\n", teams,
              to_held.size(), seconds, static_cast<double>(to_held.size()) / seconds, failures.load(), unseen);
  std::printf("send -> room holds it: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n", Percentile(to_held, 0.5),
              Percentile(to_held, 0.95), Percentile(to_held, 0.99), Percentile(to_held, 1.0));
  std::printf("send -> the projector's frame with it ends: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
              Percentile(to_projector, 0.5), Percentile(to_projector, 0.95), Percentile(to_projector, 0.99),
              Percentile(to_projector, 1.0));
  std::printf("  of it: the room's answer -> that frame ends p50 %.1f ms, p95 %.1f ms; the frame p50 %.1f ms, p95 %.1f ms\n",
              Percentile(wait_frame, 0.5), Percentile(wait_frame, 0.95), Percentile(frame_wall, 0.5),
              Percentile(frame_wall, 0.95));
  std::printf("GUI: %ld frames while records arrived (%.1f a second), CPU %lld ticks (%ld ticks/s) over %.1f s, peak RSS %ld kB\n",
              frames_during, static_cast<double>(frames_during) / seconds, cpu1 - cpu0, sysconf(_SC_CLK_TCK), seconds + 1,
              hwm);
  if (std::getenv("ROOM_MEASURE_KEEP")) {
    std::ofstream out(base / "sent.txt");
    for (std::size_t t = 0; t < sent.size(); ++t)
      for (const Sent& s : sent[t]) out << t << ' ' << s.sent_ns << ' ' << s.held_ns << '\n';
  }
  if (!std::getenv("ROOM_MEASURE_KEEP")) fs::remove_all(base);
  else std::printf("kept: %s\n", base.c_str());
  return failures.load() == 0 && unseen == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: room_measure SIGAP_BINARY [TEAMS] [SESSIONS_PER_TEAM]\n");
    return 2;
  }
  const std::string sigap = argv[1];
  if (argc > 2 && std::string(argv[2]) == "--projector") return Projector(sigap, argc > 3 ? std::atoi(argv[3]) : 40);
  const int teams = argc > 2 ? std::atoi(argv[2]) : 40;
  const int sessions = argc > 3 ? std::atoi(argv[3]) : 5;
  const fs::path base = fs::temp_directory_path() / ("sigap-room-measure-" + std::to_string(getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "logs");
  const auto logs = PlayLogs(sigap, base, teams * sessions);
  const pid_t room = Spawn({sigap, "room", "--results", (base / "room").string(), "--bind", "127.0.0.1", "--port", "0",
                            "--code", "K7QX2MPA", "--discovery-port", "0", "--for", "600"},
                           (base / "room.out").string());
  int port = 0;
  for (int i = 0; i < 100 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string out = Read(base / "room.out");
    const auto at = out.find("http://127.0.0.1:");
    if (at != std::string::npos && out.find('\n', at) != std::string::npos) port = std::atoi(out.c_str() + at + 17);
  }
  if (port == 0) return 1;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const long idle_rss = ProcField(room, "VmRSS:");

  std::vector<std::vector<double>> latency(static_cast<std::size_t>(teams));
  std::atomic<int> failures{0};
  const auto start = Clock::now();
  std::vector<std::thread> senders;
  for (int t = 0; t < teams; ++t) {
    senders.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", port);
      client.set_tcp_nodelay(true);
      client.set_keep_alive(true);
      for (int s = 0; s < sessions; ++s) {
        const auto& lines = logs[static_cast<std::size_t>(t * sessions + s)];
        const std::string token = Join(client);
        if (token.empty()) {
          ++failures;
          continue;
        }
        const std::string session = json::parse(lines[0])["session"];
        for (std::size_t seq = 0; seq < lines.size(); ++seq) {
          const std::string body = RecordBody(token, session, seq, lines[seq]);
          const auto t0 = Clock::now();
          auto res = client.Post("/record", body, "application/json");
          latency[static_cast<std::size_t>(t)].push_back(
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
          if (!res || res->status != 200) ++failures;
        }
      }
      // Stay joined and connected while the room is measured idle.
    });
  }
  for (auto& s : senders) s.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (const auto& v : latency) all.insert(all.end(), v.begin(), v.end());
  const long busy_hwm = ProcField(room, "VmHWM:");
  const long threads = ProcField(room, "Threads:");
  // Idle: every team joined, nothing arriving.
  std::this_thread::sleep_for(std::chrono::seconds(3));  // keep-alive connections close after 2 s
  const long long ticks0 = CpuTicks(room);
  std::this_thread::sleep_for(std::chrono::seconds(10));
  const long long ticks1 = CpuTicks(room);
  const long idle_after = ProcField(room, "VmRSS:");
  std::printf("teams %d, sessions %d, records %zu, failures %d\n", teams, teams * sessions, all.size(),
              failures.load());
  std::printf("accepted %.0f records/s over %.2f s\n", static_cast<double>(all.size()) / seconds, seconds);
  std::printf(
      "send -> room holds it (written, fsynced, answered): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms\n",
      Percentile(all, 0.5), Percentile(all, 0.95), Percentile(all, 0.99), Percentile(all, 1.0));
  std::printf("room RSS idle before %ld kB, peak %ld kB, idle after %ld kB; %ld threads\n", idle_rss, busy_hwm,
              idle_after, threads);
  std::printf("room CPU while %d teams sit idle: %lld ticks in 10 s (%ld ticks/s)\n", teams, ticks1 - ticks0,
              sysconf(_SC_CLK_TCK));
  kill(room, SIGTERM);
  waitpid(room, nullptr, 0);
  fs::remove_all(base);
  return failures.load() == 0 ? 0 : 1;
}
