// Builds without the live room (SIGAP_BUILD_ROOM=OFF, the Windows build for now).
#include <cstdio>

#include "cli_commands.h"
#include "room_link.h"

namespace sigap::cli {

int RunRoom(const std::vector<std::string>&) {
  std::fprintf(stderr, "sigap room: ruang langsung tidak ada di versi ini / this build has no live room\n");
  return 2;
}

int RunRooms(const std::vector<std::string>&) {
  std::fprintf(stderr, "sigap rooms: ruang langsung tidak ada di versi ini / this build has no live room\n");
  return 2;
}

std::unique_ptr<RoomLink> ConnectRoom(const std::string&, const std::string&, const std::string&, std::string& why) {
  why = "this build has no live room";
  return nullptr;
}

}  // namespace sigap::cli
