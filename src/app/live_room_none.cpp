// Builds without the live room (SIGAP_BUILD_ROOM=OFF): the GUI says so instead of opening one.
#include "live_room.h"

namespace sigap::app {

std::unique_ptr<LiveRoom> OpenLiveRoom(const std::string&, const RoomOptions&, int, const std::string&,
                                       std::function<void()>, std::string& error) {
  error = "this build has no live room";
  return nullptr;
}

std::unique_ptr<RoomLinkClient> JoinLiveRoom(const std::string&, const std::string&, std::function<void()>,
                                             std::string& error) {
  error = "this build has no live room";
  return nullptr;
}

std::unique_ptr<RoomSearch> SearchLiveRooms(std::function<void()>) { return nullptr; }

}  // namespace sigap::app
