// The live room on the network: an HTTP server around sigap::Room and the sender a team's
// `sigap play --room` uses. The only files that include cpp-httplib; the protocol is room.h's.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

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
  // Called from a server thread after a request that changed what State() shows (a record, a
  // new team, a team back after a silence): the GUI wakes its loop with it. Thread-safe callees only.
  void SetOnChange(std::function<void()> on_change);
  // Runs one facilitator command on the Room (StartAll, PauseAll, …) under the room's lock.
  bool Command(const std::function<bool(Room&)>& command);

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
  // `address` is HOST:PORT (an "http://" prefix is allowed). `log_path` may be "" until the
  // session starts (SetLogPath): the sender joins at once, and polls the room's conduct every
  // kPollInterval while it has nothing to send. `on_change` is called from the sender's thread
  // when the conduct or the connection state changes.
  RoomSender(const std::string& address, std::string code, std::string log_path,
             std::function<void()> on_change = {});
  ~RoomSender();
  RoomSender(const RoomSender&) = delete;
  RoomSender& operator=(const RoomSender&) = delete;

  void Notify();  // a record was written to the local log
  // True once the room holds every line of the local log; waits at most `limit`.
  bool WaitUntilDelivered(std::chrono::milliseconds limit);
  std::string last_problem();  // the latest refusal or connection error, "" when none
  bool valid_address() const { return port_ > 0; }
  void SetLogPath(const std::string& log_path);  // the session's log, once it exists
  // The room's conduct as last heard (null before the first answer), and whether the last
  // request was answered at all.
  std::optional<RoomConduct> conduct();
  bool connected();
  std::string refusal();  // the last join refusal's code (ROOM001 wrong code, ROOM004 closed), "" when none
  static constexpr std::chrono::milliseconds kPollInterval{1000};

 private:
  void Run();
  void Heard(bool answered, const nlohmann::json* body);  // under no lock; takes mutex_
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
  std::function<void()> on_change_;
  std::optional<RoomConduct> conduct_;
  bool connected_ = false;
  std::string refusal_;
  std::thread thread_;
};

}  // namespace sigap::room
