// A test hook for the benchmark (bench/run_bench.sh) and the event-driven-rendering check:
// `--frame-log FILE` (or SIGAP_FRAME_LOG=FILE) appends one line per frame drawn. Off unless
// asked for; then it costs two clock reads and one short line per frame. Format (text):
//   start <pid> <monotonic ns when RunGui began>
//   frame <n> <screen> <monotonic ns at frame start> <wall ns> <process CPU ns>
//   first_frame <monotonic ns after the first glfwSwapBuffers returned>
//   wake <cause>   after the event wait returned: what woke the loop (key, cursor, button, scroll,
//                  char, size, focus, close, drop, timer, raise, room (the live room heard
//                  something: a record, a team, a command), or none: an event no callback saw,
//                  such as glfwPostEmptyEvent or a message GLFW handles itself)
//   room <accepted>  before a frame's line, while the facilitator's live room is open: the records
//                  the room had accepted when this frame read its state (what the frame shows)
// A frame spans from the end of the event wait to the return of glfwSwapBuffers; its CPU time
// is the whole process's (CLOCK_PROCESS_CPUTIME_ID), so Mesa llvmpipe's render threads count.
// CLOCK_MONOTONIC is shared by all processes: the driver subtracts its own exec time.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <unistd.h>

namespace sigap::app {

class FrameLog {
 public:
  explicit FrameLog(std::string path) {
    if (const char* env = std::getenv("SIGAP_FRAME_LOG"); path.empty() && env) path = env;
    if (path.empty()) return;
    file_ = std::fopen(path.c_str(), "a");
    if (!file_) std::fprintf(stderr, "sigap: cannot write the frame log %s\n", path.c_str());
    else Line("start %d %lld\n", static_cast<int>(::getpid()), Now(CLOCK_MONOTONIC));
  }
  ~FrameLog() {
    if (file_) std::fclose(file_);
  }
  FrameLog(const FrameLog&) = delete;
  FrameLog& operator=(const FrameLog&) = delete;

  void BeginFrame() {
    if (!file_) return;
    wall0_ = Now(CLOCK_MONOTONIC);
    cpu0_ = Now(CLOCK_PROCESS_CPUTIME_ID);
  }
  void Wake(const char* cause) {
    if (file_) Line("wake %s\n", cause);
  }
  void Room(long long accepted) {
    if (file_) Line("room %lld\n", accepted);
  }
  void EndFrame(int screen) {
    if (!file_) return;
    long long wall = Now(CLOCK_MONOTONIC), cpu = Now(CLOCK_PROCESS_CPUTIME_ID);
    Line("frame %d %d %lld %lld %lld\n", frames_, screen, wall0_, wall - wall0_, cpu - cpu0_);
    if (frames_++ == 0) Line("first_frame %lld\n", wall);
  }

 private:
  static long long Now(clockid_t clock) {
    timespec ts{};
    ::clock_gettime(clock, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
  }
  template <typename... Args>
  void Line(const char* format, Args... args) {
    std::fprintf(file_, format, args...);
    std::fflush(file_);  // the benchmark reads the file while the app runs
  }

  std::FILE* file_ = nullptr;
  int frames_ = 0;
  long long wall0_ = 0, cpu0_ = 0;
};

}  // namespace sigap::app
