// What the tests of a real `sigap room` process share: learning the port a `--port 0` room took,
// from the address line it prints.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>

#include "engine_test_util.h"

namespace sigap::test {

// 127.0.0.1:`port`, for a raw socket to the room (the tests never leave this machine).
inline sockaddr_in LoopbackAddress(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// Waits at most 10 s for the room's "http://127.0.0.1:PORT" line in `out_file`; 0 when it did not come.
inline int WaitForRoomPort(const std::string& out_file) {
  for (int i = 0; i < 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string text = ReadText(out_file);
    const std::size_t at = text.find("http://127.0.0.1:");
    if (at != std::string::npos && text.find('\n', at) != std::string::npos) return std::atoi(text.c_str() + at + 17);
  }
  return 0;
}

}  // namespace sigap::test
