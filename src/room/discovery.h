// Finding an open room on the local network without typing its address: the room announces
// itself by UDP broadcast and answers a laptop's query; FindRooms listens and asks.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sigap::room {

// Rooms announce to this port, where laptops listen; laptops ask on the next one, where rooms
// listen. Both are UDP; the room's HTTP port (8765 by default) travels in the packets.
constexpr int kDiscoveryPort = 8766;
constexpr std::size_t kDiscoveryMaxPacket = 512;  // bytes; longer packets are ignored
constexpr std::size_t kRoomNameMaxBytes = 64;     // UTF-8

// What a room says about itself: its name and HTTP port, never the join code or anything from disk.
std::string AnnouncementPacket(const std::string& name, int http_port);
std::string QueryPacket();
// False for anything that is not a well-formed announcement of this format version.
bool ParseAnnouncement(std::string_view packet, std::string& name, int& http_port);
bool IsQuery(std::string_view packet);
// A name fit to announce and to show: control characters dropped, cut to kRoomNameMaxBytes on a
// UTF-8 boundary, "Ruang SIGAP" when nothing is left.
std::string CleanRoomName(std::string_view name);

// The addresses a room listens on by default: those of this machine's interfaces on a private
// network (RFC 1918: 10/8, 172.16/12, 192.168/16; link-local 169.254/16), then 127.0.0.1.
std::vector<std::string> DefaultBindAddresses();
bool IsPrivateIpv4(std::uint32_t address);  // host byte order

struct DiscoveryCounts {
  std::int64_t announcements = 0;  // broadcasts sent
  std::int64_t answers = 0;        // queries answered
  std::int64_t ignored = 0;        // packets that were not a query, or came from outside the room's networks
};

// Announces a room every `interval` on the networks of the addresses it listens on (0.0.0.0:
// every interface), and answers queries from those networks by unicast. One thread that blocks
// in a receive with a timeout; Stop() ends it within `interval`.
class RoomAnnouncer {
 public:
  struct Options {
    std::string name;
    int http_port = 0;
    std::vector<std::string> bind;  // the room's listening addresses
    int port = kDiscoveryPort;      // announcements go to `port`, queries come to `port + 1`
    std::chrono::milliseconds interval{1000};
  };
  // Null with `why` set when nothing could be opened. `note` says what works only in part
  // (another room on this machine already answers queries).
  static std::unique_ptr<RoomAnnouncer> Start(const Options& options, std::string& why, std::string& note);
  ~RoomAnnouncer();
  RoomAnnouncer(const RoomAnnouncer&) = delete;
  RoomAnnouncer& operator=(const RoomAnnouncer&) = delete;
  void Stop();
  DiscoveryCounts counts() const;

 private:
  struct Impl;
  RoomAnnouncer() = default;
  std::unique_ptr<Impl> impl_;
};

struct FoundRoom {
  std::string address;  // the sender of the announcement: where the room listens
  int port = 0;         // its HTTP port
  std::string name;
  std::string url() const { return address + ":" + std::to_string(port); }
};

struct FindOptions {
  int port = kDiscoveryPort;
  // Ask only on the network of this address (for example 127.0.0.1); empty: every private
  // network of this machine, and loopback.
  std::string only;
  int queries = 3;  // broadcast 300 ms apart: Wi-Fi broadcasts are sent without acknowledgement
};

// Listens for `timeout` and returns the rooms heard, each once, in the order they were heard.
std::vector<FoundRoom> FindRooms(std::chrono::milliseconds timeout, const FindOptions& options = {});

}  // namespace sigap::room
