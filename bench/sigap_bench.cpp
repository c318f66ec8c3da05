// sigap_bench: measures SIGAP on the machine it runs on and prints a Markdown report.
// Not a test: nothing here passes or fails against a threshold. bench/run_bench.sh builds it,
// starts Xvfb at 1920x1080 and runs it; see docs/performance.md for the method and results.
//
//   sigap_bench [--only engine|explore|gui] [--runs N] [--idle-seconds S] [--out FILE]
//
// [SECTION] Helpers: statistics, files, child processes
// [SECTION] The machine
// [SECTION] Engine: validating a 10,000-node scenario, aggregating 1,000 session logs, a live room's refresh
// [SECTION] Explore: time and states per scenario; how test-wise strategies fare (issue 13)
// [SECTION] GUI: first frame, CPU per frame, idle CPU, countdown redraw rate, peak RSS
#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "bench_content.h"
#include "debrief.h"
#include "explore.h"
#include "library.h"

namespace fs = std::filesystem;
using namespace sigap;

namespace {

// =============================================================================================
// [SECTION] Helpers
// =============================================================================================

struct Config {
  std::string sigap = SIGAP_BENCH_SIGAP;
  std::string floor = SIGAP_BENCH_FLOOR;
  std::string source = SIGAP_SOURCE_DIR;
  std::string only;
  int runs = 7;
  int idle_seconds = 30;
  int frames = 240;
  std::string out;
  fs::path work;
};

std::string report;  // the Markdown being written
void Out(const std::string& s) {
  report += s;
  std::fputs(s.c_str(), stdout);
  std::fflush(stdout);
}
std::string Fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

double Median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}
double Percentile(std::vector<double> v, double p) {  // nearest rank
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

long long MonotonicNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

template <typename F>
double TimeMs(F&& f) {
  auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string FirstLineWith(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key, 0) == 0) return line;
  return "";
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::string Capture(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
  }
  return out;
}

struct Child {
  pid_t pid = -1;
  long long started_ns = 0;  // CLOCK_MONOTONIC just before fork
};

// Starts argv with extra environment variables; stdout and stderr go to `log`.
Child Spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env, const fs::path& log) {
  Child c;
  c.started_ns = MonotonicNs();
  c.pid = fork();
  if (c.pid == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) { dup2(fd, 1); dup2(fd, 2); close(fd); }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return c;
}

struct Exit {
  int status = -1;
  long long started_ns = 0;  // CLOCK_MONOTONIC just before fork
  double wall_ms = 0;
  double cpu_ms = 0;
  long max_rss_kb = 0;  // ru_maxrss: the kernel's high-water mark, the same counter as VmHWM
};

Exit Wait(const Child& c) {
  Exit e;
  int status = 0;
  rusage ru{};
  wait4(c.pid, &status, 0, &ru);
  e.wall_ms = static_cast<double>(MonotonicNs() - c.started_ns) / 1e6;
  e.started_ns = c.started_ns;
  e.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  e.cpu_ms = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
  e.max_rss_kb = ru.ru_maxrss;
  return e;
}

// Measured runs are started by a launcher process forked first thing in main(), while this
// program is still small: a child forked from a big process inherits its RSS high-water mark
// (ru_maxrss keeps the pre-exec copy's) and pays for copying its page tables before exec.
class Launcher {
 public:
  void Start() {
    int to[2], from[2];
    if (pipe(to) != 0 || pipe(from) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      close(to[1]);
      close(from[0]);
      Serve(to[0], from[1]);
      _exit(0);
    }
    close(to[0]);
    close(from[1]);
    out_ = to[1];
    in_ = from[0];
  }
  bool Active() const { return pid_ > 0; }
  Exit Run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env, const fs::path& log) {
    std::string msg = log.string() + '\0' + std::to_string(env.size()) + '\0';
    for (const auto& [k, v] : env) msg += k + '\0' + v + '\0';
    for (const auto& a : argv) msg += a + '\0';
    std::uint32_t n = static_cast<std::uint32_t>(msg.size());
    Exit e;
    if (!WriteFull(out_, &n, sizeof n) || !WriteFull(out_, msg.data(), n) || !ReadFull(in_, &e, sizeof e)) e.status = -1;
    return e;
  }
  ~Launcher() {
    if (pid_ <= 0) return;
    std::uint32_t zero = 0;
    (void)WriteFull(out_, &zero, sizeof zero);
    waitpid(pid_, nullptr, 0);
  }

 private:
  static bool WriteFull(int fd, const void* data, std::size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      ssize_t w = write(fd, p, n);
      if (w <= 0) return false;
      p += w;
      n -= static_cast<std::size_t>(w);
    }
    return true;
  }
  static bool ReadFull(int fd, void* data, std::size_t n) {
    char* p = static_cast<char*>(data);
    while (n > 0) {
      ssize_t r = read(fd, p, n);
      if (r <= 0) return false;
      p += r;
      n -= static_cast<std::size_t>(r);
    }
    return true;
  }
  static void Serve(int in, int out) {
    for (std::uint32_t n = 0; ReadFull(in, &n, sizeof n) && n > 0;) {
      std::string msg(n, '\0');
      if (!ReadFull(in, msg.data(), n)) return;
      std::vector<std::string> parts;
      for (std::size_t at = 0; at < msg.size();) {
        std::size_t end = msg.find('\0', at);
        parts.push_back(msg.substr(at, end - at));
        at = end + 1;
      }
      std::size_t envs = std::stoul(parts[1]);
      std::map<std::string, std::string> env;
      for (std::size_t i = 0; i < envs; ++i) env[parts[2 + 2 * i]] = parts[3 + 2 * i];
      std::vector<std::string> argv(parts.begin() + static_cast<std::ptrdiff_t>(2 + 2 * envs), parts.end());
      Exit e = Wait(Spawn(argv, env, parts[0]));
      if (!WriteFull(out, &e, sizeof e)) return;
    }
  }
  pid_t pid_ = -1;
  int out_ = -1, in_ = -1;
};

Launcher launcher;

Exit Run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env, const fs::path& log) {
  return launcher.Active() ? launcher.Run(argv, env, log) : Wait(Spawn(argv, env, log));
}

// utime + stime of a running process, in clock ticks (/proc/PID/stat fields 14 and 15).
std::optional<long long> CpuTicks(pid_t pid) {
  std::string stat = ReadAll("/proc/" + std::to_string(pid) + "/stat");
  auto close_paren = stat.rfind(')');
  if (close_paren == std::string::npos) return std::nullopt;
  std::istringstream in(stat.substr(close_paren + 2));
  std::vector<std::string> f;
  for (std::string tok; in >> tok;) f.push_back(tok);
  if (f.size() < 13) return std::nullopt;
  return std::stoll(f[11]) + std::stoll(f[12]);  // fields 14, 15 counted from the pid
}

long VmKb(pid_t pid, const char* key) {
  std::string line = FirstLineWith(ReadAll("/proc/" + std::to_string(pid) + "/status"), key);
  return line.empty() ? 0 : std::atol(line.c_str() + std::strlen(key));
}

// =============================================================================================
// [SECTION] Frame logs (src/app/frame_log.h)
// =============================================================================================

struct Frame {
  int n = 0, screen = 0;
  long long start_ns = 0, wall_ns = 0, cpu_ns = 0;
};
struct FrameLogData {
  std::vector<Frame> frames;
  long long first_frame_ns = 0;
};

FrameLogData ReadFrameLog(const fs::path& p) {
  FrameLogData d;
  std::istringstream in(ReadAll(p));
  for (std::string line; std::getline(in, line);) {
    Frame f;
    long long t = 0;
    if (std::sscanf(line.c_str(), "frame %d %d %lld %lld %lld", &f.n, &f.screen, &f.start_ns, &f.wall_ns, &f.cpu_ns) == 5) d.frames.push_back(f);
    else if (std::sscanf(line.c_str(), "first_frame %lld", &t) == 1) d.first_frame_ns = t;
  }
  return d;
}

// Mirrors sigap::app::Screen (src/app/app_state.h), for the report only.
const char* ScreenName(int s) {
  static const char* names[] = {"start", "play", "end", "facilitator lock", "dashboard", "map", "present"};
  return s >= 0 && s < 7 ? names[s] : "?";
}

bool WaitFor(const std::function<bool()>& ready, double seconds) {
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return ready();
}

// =============================================================================================
// [SECTION] The machine
// =============================================================================================

void ReportMachine(const Config& cfg) {
  std::string cpuinfo = ReadAll("/proc/cpuinfo");
  std::string model = FirstLineWith(cpuinfo, "model name");
  model = model.empty() ? "unknown" : Trim(model.substr(model.find(':') + 1));
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  long mem_kb = std::atol(FirstLineWith(ReadAll("/proc/meminfo"), "MemTotal:").c_str() + 9);
  utsname u{};
  uname(&u);
  std::string os = FirstLineWith(ReadAll("/etc/os-release"), "PRETTY_NAME=");
  os = os.empty() ? "?" : os.substr(13, os.size() - 14);
  Out("## Machine\n\n| | |\n|---|---|\n");
  Out("| CPU | " + model + " |\n");
  Out("| cores (online) | " + std::to_string(cores) + " |\n");
  Out("| RAM | " + Fmt("%.1f", static_cast<double>(mem_kb) / 1048576.0) + " GiB |\n");
  Out("| OS, kernel | " + os + ", Linux " + u.release + " |\n");
  Out(std::string("| compiler, build | ") + __VERSION__ + ", " + SIGAP_BENCH_BUILD_TYPE + " |\n");
  Out("| load average at start (1, 5, 15 min) | " + Trim(ReadAll("/proc/loadavg").substr(0, 14)) + " (other work on the machine inflates every number) |\n");
  const char* display = std::getenv("DISPLAY");
  if (display && *display && cfg.only != "engine") {
    std::string glx = Capture("glxinfo -B 2>/dev/null");
    std::string renderer = FirstLineWith(glx, "OpenGL renderer string:");
    std::string version = FirstLineWith(glx, "OpenGL core profile version string:");
    if (!renderer.empty()) {
      Out("| GL (glxinfo -B) | " + Trim(renderer.substr(renderer.find(':') + 1)) + "; " + Trim(version.substr(version.find(':') + 1)) + " |\n");
    }
    std::string gl = Capture("'" + cfg.floor + "' --print-gl 2>/dev/null");
    auto field = [&](const char* k) {
      std::string l = FirstLineWith(gl, k);
      return l.empty() ? std::string("?") : l.substr(std::strlen(k));
    };
    Out("| GL_RENDERER | " + field("GL_RENDERER=") + " |\n");
    Out("| GL_VERSION (core 3.3 context) | " + field("GL_VERSION=") + " |\n");
    Out("| X screen (Xvfb) | " + field("SCREEN=") + " on DISPLAY=" + display + " |\n");
  }
  Out("\n");
}

// =============================================================================================
// [SECTION] Engine
// =============================================================================================

void BenchValidate(const Config& cfg, const ContentLibrary& lib) {
  auto catalogue = lib.FindCatalogue("sop-tppo");
  Out("## Validating a generated scenario\n\n");
  Out("Generated by `bench/bench_content.cpp` (scenes, single-choice decisions with conditions, effects and "
      "conditional routes, timed decisions, checklists; every node reachable). Engine: `LoadFromText` with the "
      "bundled catalogue (parse, model, validator, graph checks), median of " + std::to_string(cfg.runs) +
      " runs. CLI: `sigap validate FILE` as a process (file in a folder with the catalogue), median wall time.\n\n");
  Out("| nodes | file | diagnostics | LoadFromText (engine) | `sigap validate` (process) | its peak RSS |\n|---|---|---|---|---|---|\n");
  for (int n : {1000, 10000}) {
    std::string text = bench::GenerateScenario(n, *catalogue);
    std::vector<double> engine_ms;
    LoadedFile loaded;
    for (int r = 0; r < cfg.runs; ++r) engine_ms.push_back(TimeMs([&] { loaded = LoadFromText("bench.json", text, catalogue.get()); }));
    fs::path dir = cfg.work / ("validate-" + std::to_string(n));
    fs::create_directories(dir);
    fs::copy_file(cfg.source + "/scenarios/sop-tppo.json", dir / "sop-tppo.json", fs::copy_options::overwrite_existing);
    std::ofstream(dir / ("bench-" + std::to_string(n) + ".json")) << text;
    std::vector<double> cli_ms;
    long rss = 0;
    int status = 0;
    for (int r = 0; r < cfg.runs; ++r) {
      Exit e = Run({cfg.sigap, "validate", (dir / ("bench-" + std::to_string(n) + ".json")).string()}, {}, cfg.work / "validate.log");
      cli_ms.push_back(e.wall_ms);
      rss = std::max(rss, e.max_rss_kb);
      status = e.status;
    }
    std::string diags = std::to_string(loaded.errors) + " errors, " + std::to_string(loaded.warnings) + " warnings";
    if (!loaded.diagnostics.empty()) diags += " (first: " + loaded.diagnostics.front().code + ")";
    Out("| " + std::to_string(n) + " | " + Fmt("%.1f", static_cast<double>(text.size()) / 1048576.0) + " MiB | " + diags + " | " +
        Fmt("%.0f ms", Median(engine_ms)) + " | " + Fmt("%.0f ms", Median(cli_ms)) + (status == 0 ? "" : " (exit " + std::to_string(status) + ")") +
        " | " + Fmt("%.0f MB", static_cast<double>(rss) / 1024.0) + " |\n");
  }
  Out("\n");
}

// Writes `count` session logs of the bundled scenarios into `dir` (round-robin over scenarios;
// one in ten unfinished). `only` restricts to one scenario.
void WriteTeamLogs(const ContentLibrary& lib, const fs::path& dir, int count, const std::string& only = "") {
  fs::create_directories(dir);
  auto scenarios = lib.Scenarios();
  if (!only.empty()) scenarios = {lib.FindScenario(only)};
  for (int i = 0; i < count; ++i) {
    const auto& s = scenarios[static_cast<std::size_t>(i) % scenarios.size()];
    char team[32];
    std::snprintf(team, sizeof team, "Tim %02d", i + 1);
    std::string text = bench::GenerateSessionLog(s, lib.FindCatalogue(s->sop_catalogue), team, 1000u + static_cast<unsigned>(i), i % 10 != 9);
    char name[96];
    std::snprintf(name, sizeof name, "%04d_%s.sigap.jsonl", i, s->id.c_str());
    std::ofstream(dir / name, std::ios::binary) << text;
  }
}

void BenchAggregate(const Config& cfg, const ContentLibrary& lib) {
  const int n = 1000;
  fs::path dir = cfg.work / "logs-1000";
  WriteTeamLogs(lib, dir, n);
  std::uintmax_t bytes = 0;
  for (const auto& e : fs::directory_iterator(dir)) bytes += e.file_size();
  Out("## Aggregating 1,000 session logs\n\n");
  Out(std::to_string(n) + " logs (" + Fmt("%.1f", static_cast<double>(bytes) / 1048576.0) +
      " MiB) played by seeded random walks through the " + std::to_string(lib.Scenarios().size()) +
      " bundled scenarios, one in ten unfinished (`bench/bench_content.cpp`). Engine: `ImportResults` (read, check CRCs, "
      "replay and re-score every log), and `DebriefBook::Add` (the same import plus the per-scenario debriefs; the "
      "difference is the aggregation), median of 3. CLI: `sigap debrief DIR` as a process.\n\n");
  std::vector<double> import_ms, aggregate_ms;
  std::size_t sessions = 0, debriefs = 0, problems = 0;
  for (int r = 0; r < 3; ++r) {
    ImportResult imported;
    const double import_only = TimeMs([&] { imported = ImportResults({dir.string()}, lib); });
    import_ms.push_back(import_only);
    DebriefBook book;
    aggregate_ms.push_back(std::max(0.0, TimeMs([&] { book.Add({dir.string()}, lib); }) - import_only));
    sessions = imported.sessions.size();
    problems = imported.problems.size();
    debriefs = book.Scenarios().size();
  }
  std::vector<double> cli_ms;
  long rss = 0;
  int status = 0;
  for (int r = 0; r < 3; ++r) {
    Exit e = Run({cfg.sigap, "debrief", dir.string()}, {}, cfg.work / "debrief.log");
    cli_ms.push_back(e.wall_ms);
    rss = std::max(rss, e.max_rss_kb);
    status = e.status;
  }
  Out("| step | time |\n|---|---|\n");
  Out("| `ImportResults` (" + std::to_string(sessions) + " sessions, " + std::to_string(problems) + " problems) | " + Fmt("%.0f ms", Median(import_ms)) + " |\n");
  Out("| aggregation in `DebriefBook::Add` (" + std::to_string(debriefs) + " scenario debriefs) | " + Fmt("%.1f ms", Median(aggregate_ms)) + " |\n");
  Out("| `sigap debrief DIR` (process" + std::string(status == 0 ? "" : ", exit " + std::to_string(status)) + ") | " +
      Fmt("%.0f ms", Median(cli_ms)) + ", peak RSS " + Fmt("%.0f MB", static_cast<double>(rss) / 1024.0) + " |\n\n");
}

// The facilitator face with a live room: every time records arrive, RefreshLiveRoom reads the
// room's folder again (DebriefBook::Reload: every log re-read, replayed and aggregated). Its cost
// with 40 teams is the cost of applying one incoming record; the target is well under a frame.
void BenchLiveRoom(const Config& cfg, const ContentLibrary& lib) {
  const int n = 40;
  fs::path dir = cfg.work / "room-40";
  WriteTeamLogs(lib, dir, n);
  DebriefBook book;
  book.Add({dir.string()}, lib);
  std::vector<double> reload_ms;
  for (int r = 0; r < 2 * cfg.runs + 1; ++r) reload_ms.push_back(TimeMs([&] { book.Reload(lib); }));
  Out("## Live room: applying incoming records in the facilitator face\n\n");
  Out(std::to_string(n) + " teams' logs (seeded random walks, as for the 1,000 logs above) in the room's folder; when a "
      "record arrives the facilitator face reads the folder again (`DebriefBook::Reload`: read, check CRCs, replay, "
      "re-score, aggregate), median of " + std::to_string(2 * cfg.runs + 1) + " runs.\n\n");
  Out("| teams | sessions in the book | one refresh (`DebriefBook::Reload`) | one frame at 60 Hz |\n|---|---|---|---|\n");
  Out("| " + std::to_string(n) + " | " + std::to_string(book.Imported().sessions.size()) + " | " +
      Fmt("%.1f ms", Median(reload_ms)) + " (max " + Fmt("%.1f ms", *std::max_element(reload_ms.begin(), reload_ms.end())) +
      ") | 16.7 ms |\n\n");
}

// =============================================================================================
// [SECTION] Explore
// =============================================================================================

double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// A strategy's mean score on the SOP axis and the ending it reaches most often, for the table.
std::string StrategyCell(const ExploreReport& r, const std::string& name) {
  const StrategyResult* s = nullptr;
  for (const auto& x : r.strategies)
    if (x.strategy.Name() == name) s = &x;
  if (!s || s->runs == 0) return "-";
  std::size_t sop = 0;
  for (std::size_t a = 0; a < r.space->catalogue().axes.size(); ++a)
    if (r.space->catalogue().axes[a].id == r.sop_axis) sop = a;
  std::string most;
  std::size_t most_runs = 0;
  for (const auto& [id, n] : s->endings)
    if (n > most_runs) {
      most = id;
      most_runs = n;
    }
  const Node* end = r.space->scenario().FindNode(most);
  std::string rating = end && end->outcome ? end->outcome->rating : "unfinished";
  std::string cell = Fmt("%.0f %%", s->axes[sop].mean) +
                     (s->axes[sop].sd >= 0.5 ? Fmt(" ±%.0f", s->axes[sop].sd) : "") + ", " +
                     (most.empty() ? "unfinished" : most + " " + rating);
  if (most_runs < s->runs)
    cell += Fmt(" %.0f %%", 100.0 * static_cast<double>(most_runs) / static_cast<double>(s->runs));
  if (s->good_share > 0 && (!end || !end->outcome || end->outcome->rating != "good"))
    cell += Fmt(" (good %.1f %%)", 100.0 * s->good_share);
  return cell;
}

void BenchExplore(const Config& cfg, const ContentLibrary& lib) {
  Out("## Exploring every reachable state (`sigap explore`)\n\n");
  Out("`ExploreScenario` in the engine (state space, score ranges, test-wise strategies, length cue: what "
      "`sigap explore` and `sigap validate` run), median of " +
      std::to_string(cfg.runs) +
      " runs, wall time and the process's CPU time (the CPU time is what the machine's load does not inflate). "
      "Decisions played counts `Session::Apply` and `Continue` calls building the state space.\n\n");
  const std::string load_before = Trim(ReadAll("/proc/loadavg").substr(0, 14));
  Out("| scenario | states | moves | decisions played | exhaustive | wall | CPU |\n|---|---|---|---|---|---|---|\n");
  std::vector<ExploreReport> reports;
  for (const auto& s : lib.Scenarios()) {
    auto cat = lib.FindCatalogue(s->sop_catalogue);
    std::vector<double> wall, cpu;
    std::optional<ExploreReport> last;
    for (int r = 0; r < cfg.runs; ++r) {
      double c0 = CpuMs();
      wall.push_back(TimeMs([&] { last = ExploreScenario(s, cat); }));
      cpu.push_back(CpuMs() - c0);
    }
    const StateSpace& sp = *last->space;
    Out("| " + s->id + " | " + std::to_string(sp.states().size()) + " | " + std::to_string(sp.moves().size()) + " | " +
        std::to_string(sp.applies()) + " | " + (sp.exhaustive() ? "yes" : "no: " + sp.limit_hit()) + " | " +
        Fmt("%.0f ms", Median(wall)) + " | " + Fmt("%.0f ms", Median(cpu)) + " |\n");
    reports.push_back(std::move(*last));
  }
  auto catalogue = lib.FindCatalogue("sop-tppo");
  for (int n : {1000, 10000}) {
    LoadedFile f = LoadFromText("bench.json", bench::GenerateScenario(n, *catalogue), catalogue.get());
    if (!f.scenario) continue;
    std::optional<ExploreReport> r;
    double c0 = CpuMs();
    // The engine's default has no wall-clock limit (the report depends on the input alone), which
    // lets a 10,000-node story run for many minutes: the benchmark keeps its old 10 s budget.
    ExploreOptions budget;
    budget.limits.max_seconds = 10;
    double wall = TimeMs([&] { r = ExploreScenario(f.scenario, catalogue, budget); });
    double cpu = CpuMs() - c0;
    const StateSpace& sp = *r->space;
    Out("| generated, " + std::to_string(n) + " nodes (1 run) | " + std::to_string(sp.states().size()) + " | " +
        std::to_string(sp.moves().size()) + " | " + std::to_string(sp.applies()) + " | " +
        (sp.exhaustive()
             ? std::string("yes")
             : "no: " + sp.limit_hit() + "; " + std::to_string(sp.sampled_paths()) + " sampled play-throughs") +
        (r->ranges_exact ? "" : "; ranges approximate") + " | " + Fmt("%.0f ms", wall) + " | " + Fmt("%.0f ms", cpu) +
        " |\n");
  }
  Out("\nLoad average (1, 5, 15 min) before: " + load_before + "; after: " + Trim(ReadAll("/proc/loadavg").substr(0, 14)) +
      " (on 2 cores; wall time grows with it, CPU time much less).\n\n");

  // What a team that does not read the SOP scores (issue 13's "Measure" table).
  Out("### Test-wise strategies on the bundled content\n\n");
  Out("Mean score on the `sop` axis (± standard deviation when runs differ) and the ending reached most often "
      "(with its share when not every run); checklists ticked as named. `first`/`last` are the first/last option "
      "shown, "
      "over display-order seeds 1–64; `random` over 1,000 runs.\n\n");
  std::string head = "| strategy |", rule = "|---|";
  for (const auto& r : reports) {
    head += " " + r.space->scenario().id + " |";
    rule += "---|";
  }
  Out(head + "\n" + rule + "\n");
  for (const char* name :
       {"longest+longer_half", "longest+longer_half/en", "longest+first_half", "longest+none", "shortest+longer_half",
        "first+longer_half", "first+first_half", "last+longer_half", "random"}) {
    std::string row = std::string("| `") + name + "` |";
    for (const auto& r : reports) row += " " + StrategyCell(r, name) + " |";
    Out(row + "\n");
  }
  std::string row = "| fully correct option is the longest (id; en) |";
  for (const auto& r : reports)
    row += " " + std::to_string(r.length_id.correct_longest) + "/" + std::to_string(r.length_id.decisions) +
           Fmt(" (%.0f %%)", 100.0 * r.length_id.Share()) + "; " + std::to_string(r.length_en.correct_longest) + "/" +
           std::to_string(r.length_en.decisions) + " |";
  Out(row + "\n");
  row = "| never event before a good ending |";
  for (const auto& r : reports)
    row += r.good_after_never
               ? " yes, " + std::to_string(r.good_after_never->score.never_events.size()) + " on one path |"
               : " no |";
  Out(row + "\n");
  row = "| lowest `sop` at a good ending |";
  for (const auto& r : reports) {
    std::string cell = " - |";
    for (const auto& e : r.endings)
      for (const auto& a : e.axes)
        if (a.axis == r.sop_axis && a.min && e.node->outcome && e.node->outcome->rating == "good")
          cell = " " + Fmt("%.0f %%", *a.min) + " (" + e.node->id + ") |";
    row += cell;
  }
  Out(row + "\n");
  row = "| validity rules failed |";
  for (const auto& r : reports) {
    std::string codes;
    for (const auto& f : r.findings)
      if (f.validity && codes.find(f.code) == std::string::npos) codes += (codes.empty() ? "" : ", ") + f.code;
    row += " " + (codes.empty() ? std::string("none") : codes) + " |";
  }
  Out(row + "\n\n");
}
// =============================================================================================
// [SECTION] GUI
// =============================================================================================

struct GuiEnv {
  std::map<std::string, std::string> env;  // a private HOME for the app: no user settings, no results
  fs::path teams40;
  std::vector<std::string> countdown_choices;
  bool has_countdown = false;
  std::string countdown_scenario;
};

std::vector<std::string> SigapArgs(const Config& cfg, const GuiEnv& g, const std::string& what) {
  std::vector<std::string> a = {cfg.sigap, "--size", "1920x1080", "--results", (cfg.work / "results").string()};
  auto add = [&](std::initializer_list<std::string> more) { a.insert(a.end(), more); };
  if (what == "start") {
  } else if (what == "play") {
    add({"--screen", "play", "--scenario", "yuliana-nunukan"});
  } else if (what == "countdown") {
    std::string joined;
    for (const auto& c : g.countdown_choices) joined += (joined.empty() ? "" : ",") + c;
    add({"--screen", "play", "--scenario", g.countdown_scenario, "--mode", "assessment"});
    if (!joined.empty()) add({"--choices", joined});
  } else if (what == "end") {
    add({"--screen", "end", "--scenario", "yuliana-nunukan"});
  } else {  // facilitator screens: dashboard, map, present
    add({"--facilitator", "--pin", "2468", "--import", g.teams40.string(), "--screen", what});
  }
  return a;
}

struct FrameStats {
  std::size_t frames = 0;
  double cpu_p50 = NAN, cpu_p95 = NAN, wall_p50 = NAN, wall_p95 = NAN;
  std::string screens;
  int status = 0;
};

FrameStats MeasureFrames(const std::vector<std::string>& argv_in, const std::map<std::string, std::string>& env, const fs::path& work,
                         int frames, const std::string& tag) {
  fs::path log = work / ("frames-" + tag + ".log");
  fs::remove(log);
  std::vector<std::string> argv = argv_in;
  argv.insert(argv.end(), {"--frames", std::to_string(frames), "--frame-log", log.string()});
  Exit e = Run(argv, env, work / ("frames-" + tag + ".out"));
  FrameLogData d = ReadFrameLog(log);
  FrameStats s;
  s.status = e.status;
  std::vector<double> cpu, wall;
  std::map<int, int> seen;
  for (const auto& f : d.frames) {
    if (f.n < 10) continue;  // the first frames build fonts, textures and the layout
    cpu.push_back(static_cast<double>(f.cpu_ns) / 1e6);
    wall.push_back(static_cast<double>(f.wall_ns) / 1e6);
    ++seen[f.screen];
  }
  for (const auto& [screen, count] : seen) s.screens += (s.screens.empty() ? "" : ", ") + std::string(ScreenName(screen));
  s.frames = cpu.size();
  s.cpu_p50 = Median(cpu);
  s.cpu_p95 = Percentile(cpu, 95);
  s.wall_p50 = Median(wall);
  s.wall_p95 = Percentile(wall, 95);
  return s;
}

struct Startup {
  double cold_ms = NAN, warm_median_ms = NAN, warm_min_ms = NAN, warm_max_ms = NAN, exit_median_ms = NAN;
};

Startup MeasureStartup(const std::vector<std::string>& argv_in, std::map<std::string, std::string> env, const Config& cfg, const std::string& tag) {
  Startup s;
  fs::path cache = cfg.work / ("cache-" + tag);
  fs::remove_all(cache);
  fs::create_directories(cache);
  env["XDG_CACHE_HOME"] = cache.string();  // empty Mesa shader cache for the first run
  std::vector<double> warm, exit_ms;
  for (int r = 0; r <= cfg.runs; ++r) {
    fs::path log = cfg.work / ("startup-" + tag + ".log");
    fs::remove(log);
    std::vector<std::string> argv = argv_in;
    argv.insert(argv.end(), {"--frames", "1", "--frame-log", log.string()});
    Exit e = Run(argv, env, cfg.work / ("startup-" + tag + ".out"));
    FrameLogData d = ReadFrameLog(log);
    if (d.first_frame_ns == 0 || e.status != 0) continue;
    double ms = static_cast<double>(d.first_frame_ns - e.started_ns) / 1e6;
    if (r == 0) s.cold_ms = ms;
    else { warm.push_back(ms); exit_ms.push_back(e.wall_ms); }
  }
  if (!warm.empty()) {
    s.warm_median_ms = Median(warm);
    s.warm_min_ms = *std::min_element(warm.begin(), warm.end());
    s.warm_max_ms = *std::max_element(warm.begin(), warm.end());
    s.exit_median_ms = Median(exit_ms);
  }
  return s;
}

struct Idle {
  bool started = false;
  double cpu_percent = NAN;
  std::size_t frames = 0;
  double seconds = 0;
  long vm_hwm_kb = 0;
  std::string screens;
};

// Starts the app, lets it settle, then counts CPU ticks and frames over `seconds`.
Idle MeasureIdle(const std::vector<std::string>& argv_in, const std::map<std::string, std::string>& env, const fs::path& work,
                 double seconds, const std::string& tag) {
  Idle r;
  fs::path log = work / ("idle-" + tag + ".log");
  fs::remove(log);
  std::vector<std::string> argv = argv_in;
  argv.insert(argv.end(), {"--frame-log", log.string()});
  Child c = Spawn(argv, env, work / ("idle-" + tag + ".out"));
  r.started = WaitFor([&] { return ReadFrameLog(log).first_frame_ns != 0; }, 20);
  if (r.started) {
    std::this_thread::sleep_for(std::chrono::seconds(2));  // the few frames drawn after start-up
    std::size_t frames0 = ReadFrameLog(log).frames.size();
    auto ticks0 = CpuTicks(c.pid);
    long long t0 = MonotonicNs();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    auto ticks1 = CpuTicks(c.pid);
    long long t1 = MonotonicNs();
    FrameLogData d = ReadFrameLog(log);
    r.frames = d.frames.size() - frames0;
    r.seconds = static_cast<double>(t1 - t0) / 1e9;
    if (ticks0 && ticks1)
      r.cpu_percent = 100.0 * static_cast<double>(*ticks1 - *ticks0) / static_cast<double>(sysconf(_SC_CLK_TCK)) / r.seconds;
    r.vm_hwm_kb = VmKb(c.pid, "VmHWM:");
    std::map<int, int> seen;
    for (const auto& f : d.frames) ++seen[f.screen];
    for (const auto& [screen, count] : seen) r.screens += (r.screens.empty() ? "" : ", ") + std::string(ScreenName(screen));
  }
  kill(c.pid, SIGTERM);
  if (!WaitFor([&] { return waitpid(c.pid, nullptr, WNOHANG) == c.pid; }, 5)) {
    kill(c.pid, SIGKILL);
    waitpid(c.pid, nullptr, 0);
  }
  return r;
}

void BenchGui(const Config& cfg, const ContentLibrary& lib) {
  GuiEnv g;
  fs::path home = cfg.work / "home";
  fs::create_directories(home);
  g.env = {{"XDG_CONFIG_HOME", (home / "config").string()}, {"XDG_DATA_HOME", (home / "data").string()},
           {"XDG_CACHE_HOME", (home / "cache").string()}};
  g.teams40 = cfg.work / "teams-40";
  WriteTeamLogs(lib, g.teams40, 40, "yuliana-nunukan");
  for (const auto& s : lib.Scenarios()) {
    g.countdown_choices = bench::ChoicesToFirstTimedDecision(s, lib.FindCatalogue(s->sop_catalogue), g.has_countdown);
    if (g.has_countdown) { g.countdown_scenario = s->id; break; }
  }
  const std::vector<std::string> floor_args = {cfg.floor, "--size", "1920x1080"};
  std::vector<std::string> floor_fonts = floor_args;
  floor_fonts.push_back("--sigap-fonts");

  // ---- Start-up
  Out("## Start-up: process start to first frame presented (1920x1080)\n\n");
  Out("Measured from just before `fork()` to the return of the first `glfwSwapBuffers` (written by the app's "
      "`--frame-log`, CLOCK_MONOTONIC). Run 1 starts with an empty Mesa shader cache (`XDG_CACHE_HOME` fresh); runs "
      "2–" + std::to_string(cfg.runs + 1) + " reuse it (warm). Each run draws one frame (`--frames 1`) and exits.\n\n");
  Out("| program | what it does before the first frame | cold | warm median | warm min–max | exec to exit (warm median) |\n|---|---|---|---|---|---|\n");
  struct Row { const char* name; const char* does; std::vector<std::string> argv; };
  std::vector<Row> rows = {
      {"`sigap_floor`", "GLFW window, GL 3.3 context, ImGui with its built-in font, one panel", floor_args},
      {"`sigap_floor --sigap-fonts`", "the same, plus SIGAP's font atlas (Noto Sans, 4 faces, Latin Extended)", floor_fonts},
      {"`sigap` (start screen)", "also: string tables, settings, loading and validating the bundled scenarios, resume offers", SigapArgs(cfg, g, "start")},
      {"`sigap --facilitator` (dashboard, 40 teams)", "also: importing and aggregating 40 logs", SigapArgs(cfg, g, "dashboard")},
  };
  for (const auto& row : rows) {
    Startup s = MeasureStartup(row.argv, g.env, cfg, std::to_string(&row - rows.data()));
    Out(std::string("| ") + row.name + " | " + row.does + " | " + Fmt("%.0f ms", s.cold_ms) + " | " + Fmt("%.0f ms", s.warm_median_ms) + " | " +
        Fmt("%.0f", s.warm_min_ms) + "–" + Fmt("%.0f ms", s.warm_max_ms) + " | " + Fmt("%.0f ms", s.exit_median_ms) + " |\n");
  }
  Out("\n");

  // ---- CPU per frame
  Out("## CPU time per frame (1920x1080, Mesa llvmpipe)\n\n");
  Out(std::to_string(cfg.frames) + " frames drawn back to back (`--frames " + std::to_string(cfg.frames) +
      "`), the first 10 dropped. CPU is the whole process's (CLOCK_PROCESS_CPUTIME_ID: ImGui, the app, and llvmpipe's "
      "render threads) from the end of the event wait to the return of `glfwSwapBuffers`; wall is the same span.\n\n");
  Out("| screen | frames | CPU p50 | CPU p95 | wall p50 | wall p95 | screens seen |\n|---|---|---|---|---|---|---|\n");
  struct FrameRow { std::string name; std::vector<std::string> argv; double seconds = 0; };
  std::vector<FrameRow> frame_rows = {
      {"floor (bare ImGui window)", floor_args},
      {"start", SigapArgs(cfg, g, "start")},
      {"play (Yuliana, first decision)", SigapArgs(cfg, g, "play")},
      {"end (Yuliana, summary)", SigapArgs(cfg, g, "end")},
      {"facilitator dashboard, 40 teams", SigapArgs(cfg, g, "dashboard")},
      {"facilitator map, 40 teams", SigapArgs(cfg, g, "map")},
      {"facilitator presentation, 40 teams", SigapArgs(cfg, g, "present")},
  };
  for (const auto& row : frame_rows) {
    FrameStats s = MeasureFrames(row.argv, g.env, cfg.work, cfg.frames, "f" + std::to_string(&row - frame_rows.data()));
    Out("| " + row.name + " | " + std::to_string(s.frames) + " | " + Fmt("%.1f ms", s.cpu_p50) + " | " + Fmt("%.1f ms", s.cpu_p95) + " | " +
        Fmt("%.1f ms", s.wall_p50) + " | " + Fmt("%.1f ms", s.wall_p95) + " | " + s.screens +
        (s.status == 0 ? "" : " (exit " + std::to_string(s.status) + ")") + " |\n");
  }
  Out("\n");

  // ---- Idle and countdown
  Out("## Idle: CPU and frames drawn while nothing happens (target < 1 % of one core)\n\n");
  Out("The app is started on a screen and left alone (no input; Xvfb has no window manager). After 2 s to settle, "
      "CPU is utime+stime from `/proc/PID/stat` over " + std::to_string(cfg.idle_seconds) +
      " s, in % of one core; frames are counted in the frame log over the same span. VmHWM (peak RSS) is read from "
      "`/proc/PID/status` at the end.\n\n");
  Out("| screen | CPU | frames drawn | frames/s | peak RSS (VmHWM) | screens seen |\n|---|---|---|---|---|---|\n");
  std::vector<FrameRow> idle_rows = {
      {"floor (bare ImGui window)", floor_args},
      {"start", SigapArgs(cfg, g, "start")},
      {"play, untimed decision (Yuliana)", SigapArgs(cfg, g, "play")},
      {"facilitator dashboard, 40 teams", SigapArgs(cfg, g, "dashboard")},
      {"facilitator map, 40 teams", SigapArgs(cfg, g, "map")},
      {"facilitator presentation, 40 teams", SigapArgs(cfg, g, "present")},
  };
  if (g.has_countdown) {
    std::string joined;
    for (const auto& c : g.countdown_choices) joined += (joined.empty() ? "" : ",") + c;
    idle_rows.push_back({"play, countdown running (" + g.countdown_scenario + " after `--choices " + joined + "`)", SigapArgs(cfg, g, "countdown"),
                         std::min(10.0, static_cast<double>(cfg.idle_seconds))});  // before the clock runs out
  }
  for (const auto& row : idle_rows) {
    Idle r = MeasureIdle(row.argv, g.env, cfg.work, row.seconds > 0 ? row.seconds : cfg.idle_seconds, "i" + std::to_string(&row - idle_rows.data()));
    if (!r.started) {
      Out("| " + row.name + " | did not draw a first frame | | | | |\n");
      continue;
    }
    Out("| " + row.name + " | " + Fmt("%.2f %%", r.cpu_percent) + " | " + std::to_string(r.frames) + " in " + Fmt("%.0f s", r.seconds) + " | " +
        Fmt("%.2f", static_cast<double>(r.frames) / r.seconds) + " | " + Fmt("%.0f MB", static_cast<double>(r.vm_hwm_kb) / 1024.0) + " | " +
        r.screens + " |\n");
  }
  Out("\n");

  // ---- CLI peak RSS
  Out("## Peak RSS of command-line runs\n\n`ru_maxrss` from `wait4()` (the kernel's high-water mark, which `/proc/PID/status` shows as VmHWM).\n\n");
  Out("| command | wall | peak RSS |\n|---|---|---|\n");
  std::vector<std::pair<std::string, std::vector<std::string>>> cli = {
      {"sigap validate scenarios/", {cfg.sigap, "validate", cfg.source + "/scenarios"}},
      {"sigap play yuliana-nunukan … (to an ending)", {}},
      {"sigap debrief teams-40/", {cfg.sigap, "debrief", g.teams40.string()}},
  };
  {
    auto s = lib.FindScenario("yuliana-nunukan");
    // The same walk as the dashboard's logs: first offered choice, nothing ticked.
    SessionInfo info;
    Session walk(s, lib.FindCatalogue(s->sop_catalogue), info);
    std::string joined;
    while (walk.state() != SessionState::Ended) {
      if (walk.state() == SessionState::AtScene) { walk.Continue(); continue; }
      std::string c = walk.state() == SessionState::AwaitingChoice ? walk.AvailableChoices().front()->id : "-";
      auto prepared = walk.state() == SessionState::AwaitingChoice ? walk.PrepareChoice(c, 1, 1) : walk.PrepareChecklist({}, 1, 1);
      walk.Apply(std::get<DecisionRecord>(prepared));
      joined += (joined.empty() ? "" : ",") + c;
    }
    cli[1].second = {cfg.sigap, "play", "yuliana-nunukan", "--team", "Tim Ukur", "--choices", joined, "--results", (cfg.work / "results").string()};
  }
  for (const auto& [name, argv] : cli) {
    Exit e = Run(argv, g.env, cfg.work / "cli.log");
    Out("| `" + name + "` | " + Fmt("%.0f ms", e.wall_ms) + (e.status == 0 ? "" : " (exit " + std::to_string(e.status) + ")") + " | " +
        Fmt("%.1f MB", static_cast<double>(e.max_rss_kb) / 1024.0) + " |\n");
  }
  Out("\n");
}

// `sigap_bench gen-scenario NODES FILE` and `sigap_bench gen-logs COUNT DIR [SCENARIO]`: the
// generated inputs on their own, to profile or to try by hand.
int Generate(int argc, char** argv) {
  Config cfg;
  ContentLibrary lib = LoadLibrary({cfg.source + "/scenarios"});
  std::string what = argv[1];
  int count = std::atoi(argv[2]);
  if (what == "gen-scenario" && count > 0) {
    std::ofstream(argv[3]) << bench::GenerateScenario(count, *lib.FindCatalogue("sop-tppo"));
    return 0;
  }
  if (what == "gen-logs" && count > 0) {
    std::string only = argc > 4 ? argv[4] : "";
    if (!only.empty() && !lib.FindScenario(only)) return 2;
    WriteTeamLogs(lib, argv[3], count, only);
    return 0;
  }
  std::fprintf(stderr, "usage: sigap_bench gen-scenario NODES FILE | gen-logs COUNT DIR [SCENARIO]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 4 && std::string(argv[1]).rfind("gen-", 0) == 0) return Generate(argc, argv);
  launcher.Start();
  Config cfg;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--only") cfg.only = next();
    else if (a == "--runs") cfg.runs = std::max(1, std::atoi(next().c_str()));
    else if (a == "--idle-seconds") cfg.idle_seconds = std::max(1, std::atoi(next().c_str()));
    else if (a == "--frames") cfg.frames = std::max(20, std::atoi(next().c_str()));
    else if (a == "--out") cfg.out = next();
    else if (a == "--sigap") cfg.sigap = next();
    else if (a == "--floor") cfg.floor = next();
    else {
      std::fprintf(stderr, "usage: sigap_bench [--only engine|explore|gui] [--runs N] [--idle-seconds S] [--frames N] [--out FILE]\n");
      return 2;
    }
  }
  cfg.work = fs::temp_directory_path() / ("sigap-bench-" + std::to_string(getpid()));
  fs::remove_all(cfg.work);
  fs::create_directories(cfg.work);

  std::time_t now = std::time(nullptr);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
  Out(std::string("# SIGAP benchmark report\n\nRun on ") + date + " with `sigap_bench");
  for (int i = 1; i < argc; ++i) Out(std::string(" ") + argv[i]);
  Out("`. SIGAP binary: `" + cfg.sigap + "`.\n\n");
  ReportMachine(cfg);

  ContentLibrary lib = LoadLibrary({cfg.source + "/scenarios"});
  if (cfg.only.empty() || cfg.only == "engine") {
    BenchValidate(cfg, lib);
    BenchAggregate(cfg, lib);
    BenchLiveRoom(cfg, lib);
  }
  if (cfg.only.empty() || cfg.only == "engine" || cfg.only == "explore") BenchExplore(cfg, lib);
  if (cfg.only.empty() || cfg.only == "gui") {
    const char* display = std::getenv("DISPLAY");
    if (!display || !*display) Out("## GUI\n\nNot measured: no DISPLAY (run through bench/run_bench.sh, which starts Xvfb).\n\n");
    else BenchGui(cfg, lib);
  }
  Out("Load average at the end (1, 5, 15 min): " + Trim(ReadAll("/proc/loadavg").substr(0, 14)) + ".\n");
  if (!cfg.out.empty()) std::ofstream(cfg.out) << report;
  fs::remove_all(cfg.work);
  return 0;
}
