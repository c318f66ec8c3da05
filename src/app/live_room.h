// The live room as the GUI sees it: the facilitator's room (a server on this laptop) and a team's
// link to a room (the sender and the room's conduct). Implemented over the network in
// live_room_net.cpp; builds without the live room (the Windows build, for now) link
// live_room_none.cpp, whose Open and Join say so. Thread-safe: the network calls `wake`.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "room.h"

namespace sigap::app {

// How a thread of the live room wakes the window's loop: `Signal` marks that something arrived
// and posts an empty event (glfwPostEmptyEvent, set by the window host); the loop draws a frame
// only when `Take` says so, so an idle room costs nothing.
struct LoopWake {
  std::atomic<bool> pending{false};
  std::function<void()> post;  // set by the window host before any room opens
  void Signal() {
    pending = true;
    if (post) post();
  }
  bool Take() { return pending.exchange(false); }
};

// The facilitator's room: serves the teams and writes their logs into `results_dir`.
class LiveRoom {
 public:
  virtual ~LiveRoom() = default;
  virtual RoomState State() = 0;
  virtual bool Command(const std::function<bool(Room&)>& command) = 0;  // StartAll, PauseAll, …
  virtual const std::string& code() const = 0;
  virtual const std::string& results_dir() const = 0;
  virtual int port() const = 0;
  virtual std::vector<std::string> addresses() const = 0;  // this laptop's, for the projector
};
// Null with `error` (English) when this build has no live room or the port cannot be had.
// `code` "" = a new random one (NewRoomCode).
std::unique_ptr<LiveRoom> OpenLiveRoom(const std::string& results_dir, const RoomOptions& options, int port,
                                       const std::string& code, std::function<void()> on_change, std::string& error);

// A team's link: joins at once, sends the session's log once SetLogPath names it.
class RoomLinkClient {
 public:
  virtual ~RoomLinkClient() = default;
  virtual void SetLogPath(const std::string& log_path) = 0;
  virtual void Notify() = 0;  // a record was written to the local log
  virtual std::optional<RoomConduct> conduct() = 0;
  virtual bool connected() = 0;
  virtual std::string refusal() = 0;  // ROOM001 (wrong code), ROOM004 (closed), "" none
};
std::unique_ptr<RoomLinkClient> JoinLiveRoom(const std::string& address, const std::string& code,
                                             std::function<void()> on_change, std::string& error);

// The rooms that answer on this network (UDP discovery, room::FindRooms), looked for in the
// background: a search takes about a second and must not hold a frame. `on_done` wakes the loop.
struct FoundRoom {
  std::string address;  // HOST:PORT
  std::string name;
};
class RoomSearch {
 public:
  virtual ~RoomSearch() = default;
  virtual bool done() = 0;
  virtual std::vector<FoundRoom> rooms() = 0;  // empty until done()
};
// Null when this build has no live room.
std::unique_ptr<RoomSearch> SearchLiveRooms(std::function<void()> on_done);

}  // namespace sigap::app
