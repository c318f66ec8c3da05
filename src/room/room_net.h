// The live room on the network: an HTTP server around sigap::Room and the sender a team's
// `sigap play --room` uses. The only files that include cpp-httplib; the protocol is room.h's.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "room.h"

namespace sigap::room {

// A request that has not fully arrived after this long is dropped (slowloris), when the build
// uses the patched header (third_party/cpp-httplib-0.11.4-limits.patch).
constexpr int kRequestDeadlineSeconds = 10;
// Worker threads per listening address: every open connection holds one.
constexpr std::size_t kTeamThreads = 256;
constexpr std::size_t kLoopbackThreads = 32;  // loopback beside a network address serves only this machine

// Serves a Room on `host`:`port` (0: a free port) until Stop(). Start returns null with `error`
// set when the address cannot be bound (for example, the port is in use by another room).
class RoomServer {
 public:
  static std::unique_ptr<RoomServer> Start(std::unique_ptr<Room> room, const std::string& host, int port,
                                           std::string& error);
  // The same on several addresses (DefaultBindAddresses: the private networks and loopback), all
  // on one port; `port` 0 takes a free port on the first and the same on the others.
  static std::unique_ptr<RoomServer> Start(std::unique_ptr<Room> room, const std::vector<std::string>& hosts, int port,
                                           std::string& error);
  ~RoomServer();
  RoomServer(const RoomServer&) = delete;
  RoomServer& operator=(const RoomServer&) = delete;

  int port() const { return port_; }
  RoomState State();
  void Stop();

 private:
  struct Impl;
  RoomServer() = default;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

// The IPv4 addresses of this machine's network interfaces (not loopback).
std::vector<std::string> LocalAddresses();

// Sends a session log to a room in the background. The local file is the truth: the sender
// reads it and sends each complete line the room does not have yet, retrying with back-off,
// joining again after the room restarts, and filling any gap the room reports.
class RoomSender {
 public:
  // `address` is HOST:PORT (an "http://" prefix is allowed).
  RoomSender(const std::string& address, std::string code, std::string log_path);
  ~RoomSender();
  RoomSender(const RoomSender&) = delete;
  RoomSender& operator=(const RoomSender&) = delete;

  void Notify();  // a record was written to the local log
  // True once the room holds every line of the local log; waits at most `limit`.
  bool WaitUntilDelivered(std::chrono::milliseconds limit);
  std::string last_problem();  // the latest refusal or connection error, "" when none
  bool valid_address() const { return port_ > 0; }

 private:
  void Run();
  std::string host_;
  int port_ = 0;
  std::string code_, log_path_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool notified_ = false;
  std::int64_t delivered_ = 0;  // lines the room holds
  std::int64_t local_lines_ = 0;
  std::string problem_;
  std::thread thread_;
};

}  // namespace sigap::room
