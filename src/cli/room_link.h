// What `sigap play --room` needs from the live room: a background sender for one session log.
// Builds without the room (the Windows build, for now) link room_unavailable.cpp instead.
#pragma once

#include <chrono>
#include <memory>
#include <string>

namespace sigap::cli {

class RoomLink {
 public:
  virtual ~RoomLink() = default;
  virtual void Notify() = 0;  // a record was written to the local log
  virtual bool WaitUntilDelivered(std::chrono::milliseconds limit) = 0;
  virtual std::string last_problem() = 0;
};

// Null with `why` set when the address is not HOST:PORT or this build has no live room.
std::unique_ptr<RoomLink> ConnectRoom(const std::string& address, const std::string& code, const std::string& log_path,
                                      std::string& why);

}  // namespace sigap::cli
