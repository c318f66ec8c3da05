// IPv4 interfaces and UDP datagrams (the live room's discovery), and the one option the room's
// listening socket needs: Linux sockets in net_posix.cpp, Winsock in net_windows.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sigap::platform {

// Addresses are IPv4 in host byte order: 192.168.1.5 is 0xC0A80105.
struct Ipv4Interface {
  std::uint32_t address = 0;
  std::uint32_t netmask = 0;
  bool loopback = false;
  std::uint32_t broadcast() const { return address | ~netmask; }
  bool Contains(std::uint32_t other) const { return (other & netmask) == (address & netmask); }
};

// The interfaces that are up and have an IPv4 address, loopback included.
std::vector<Ipv4Interface> Ipv4Interfaces();

std::string Ipv4ToString(std::uint32_t address);
bool ParseIpv4(std::string_view text, std::uint32_t& address);  // dotted quad only

// A UDP socket that may send broadcasts. Closed by the destructor; movable.
class UdpSocket {
 public:
  UdpSocket() = default;
  ~UdpSocket() { Close(); }
  UdpSocket(UdpSocket&& other) noexcept : handle_(other.handle_) { other.handle_ = kClosed; }
  UdpSocket& operator=(UdpSocket&& other) noexcept {
    if (this != &other) {
      Close();
      handle_ = other.handle_;
      other.handle_ = kClosed;
    }
    return *this;
  }
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;

  // Bound to `address`:`port` (0: any address, any port). `shared` lets other sockets on this
  // machine bind the same port (SO_REUSEADDR), so that every one of them hears a broadcast.
  static UdpSocket Open(std::uint32_t address, std::uint16_t port, bool shared, std::string& why);
  bool is_open() const { return handle_ != kClosed; }
  bool SendTo(std::uint32_t address, std::uint16_t port, std::string_view data, std::string& why);
  // Waits at most `timeout` for one datagram. One longer than `max_bytes` comes back cut to
  // max_bytes + 1 bytes, so that a reader with that limit refuses it. False when none came in
  // time, or on an error.
  bool Receive(std::chrono::milliseconds timeout, std::size_t max_bytes, std::string& data, std::uint32_t& from,
               std::uint16_t& from_port);
  void Close();

 private:
  static constexpr std::intptr_t kClosed = -1;  // also INVALID_SOCKET
  std::intptr_t handle_ = kClosed;
};

// For the room's TCP listener, before bind: the port is this program's alone. Linux: SO_REUSEADDR
// without SO_REUSEPORT (a restart binds again at once, a second room fails). Windows:
// SO_EXCLUSIVEADDRUSE (without it another program could bind the same port and take the teams).
void MakeListenSocketExclusive(std::intptr_t socket);

}  // namespace sigap::platform
