// [SECTION] Packets
// [SECTION] Addresses
// [SECTION] The room's announcer
// [SECTION] Finding rooms
#include "discovery.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "platform/net.h"

namespace sigap::room {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {
constexpr int kFormatVersion = 1;
constexpr const char* kDefaultName = "Ruang SIGAP";
constexpr auto kQuerySpacing = std::chrono::milliseconds(300);
constexpr std::int64_t kAnswersPerSecond = 20;  // a flood of queries is not answered in full
constexpr std::size_t kMaxRoomsFound = 64;

json Parse(std::string_view packet) {
  if (packet.size() > kDiscoveryMaxPacket) return json();
  return json::parse(packet.begin(), packet.end(), nullptr, false);  // invalid UTF-8 is refused too
}
}  // namespace

// ---- [SECTION] Packets ------------------------------------------------------------------------

std::string CleanRoomName(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) out += c;
  }
  if (out.size() > kRoomNameMaxBytes) {
    std::size_t cut = kRoomNameMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    out.resize(cut);
  }
  const auto first = out.find_first_not_of(' ');
  if (first == std::string::npos) return kDefaultName;
  out = out.substr(first, out.find_last_not_of(' ') - first + 1);
  return out;
}

std::string AnnouncementPacket(const std::string& name, int http_port) {
  json j{{"sigap", "room"}, {"v", kFormatVersion}, {"name", CleanRoomName(name)}, {"port", http_port}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string QueryPacket() { return json{{"sigap", "find"}, {"v", kFormatVersion}}.dump(); }

bool ParseAnnouncement(std::string_view packet, std::string& name, int& http_port) {
  json j = Parse(packet);
  if (!j.is_object() || j.value("sigap", json()) != "room" || j.value("v", json()) != kFormatVersion) return false;
  const json& n = j.value("name", json());
  const json& p = j.value("port", json());
  if (!n.is_string() || !p.is_number_integer()) return false;
  const auto port = p.get<std::int64_t>();
  const std::string raw = n.get<std::string>();
  if (port < 1 || port > 65535 || raw.size() > kRoomNameMaxBytes) return false;
  name = CleanRoomName(raw);
  http_port = static_cast<int>(port);
  return true;
}

bool IsQuery(std::string_view packet) {
  json j = Parse(packet);
  return j.is_object() && j.value("sigap", json()) == "find" && j.value("v", json()) == kFormatVersion;
}

// ---- [SECTION] Addresses ----------------------------------------------------------------------

bool IsPrivateIpv4(std::uint32_t a) {
  return (a >> 24) == 10 || (a >> 20) == 0xAC1 || (a >> 16) == 0xC0A8 || (a >> 16) == 0xA9FE;
}

std::vector<std::string> DefaultBindAddresses() {
  std::vector<std::string> out;
  for (const auto& i : platform::Ipv4Interfaces()) {
    const std::string a = platform::Ipv4ToString(i.address);
    if (!i.loopback && IsPrivateIpv4(i.address) && std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  out.push_back("127.0.0.1");
  return out;
}

namespace {

// The interfaces behind a room's listening addresses ("0.0.0.0": all of them). Point-to-point
// interfaces (/32) have no broadcast address and are left out.
std::vector<platform::Ipv4Interface> ServedInterfaces(const std::vector<std::string>& bind) {
  std::vector<platform::Ipv4Interface> out;
  const auto all = platform::Ipv4Interfaces();
  for (const auto& b : bind) {
    std::uint32_t address = 0;
    if (!platform::ParseIpv4(b, address)) continue;
    for (const auto& i : all) {
      if (i.netmask == 0xFFFFFFFF || (address != 0 && i.address != address)) continue;
      const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& o) { return o.address == i.address; });
      if (!seen) out.push_back(i);
    }
  }
  return out;
}

}  // namespace

// ---- [SECTION] The room's announcer -----------------------------------------------------------

struct RoomAnnouncer::Impl {
  Options options;
  std::vector<platform::Ipv4Interface> served;
  platform::UdpSocket socket;
  std::thread thread;
  mutable std::mutex mutex;
  std::condition_variable cv;
  bool stop = false;
  DiscoveryCounts counts;

  void Run() {
    const std::string packet = AnnouncementPacket(options.name, options.http_port);
    const auto announce_port = static_cast<std::uint16_t>(options.port);
    auto next = Clock::now();
    Clock::time_point window = Clock::now();
    std::int64_t answered_in_window = 0;
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (stop) return;
      }
      const auto now = Clock::now();
      if (now >= next) {
        std::string why;
        std::int64_t sent = 0;
        for (const auto& i : served) sent += socket.SendTo(i.broadcast(), announce_port, packet, why) ? 1 : 0;
        std::lock_guard<std::mutex> lock(mutex);
        counts.announcements += sent;
        next = now + options.interval;
      }
      // A blocking receive, never longer than a quarter second so that Stop() is prompt.
      const auto wait = std::min(std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()),
                                 std::chrono::milliseconds(250));
      std::string data;
      std::uint32_t from = 0;
      std::uint16_t from_port = 0;
      if (!socket.Receive(std::max(wait, std::chrono::milliseconds(1)), kDiscoveryMaxPacket, data, from, from_port))
        continue;
      const bool ours = std::any_of(served.begin(), served.end(), [&](const auto& i) { return i.Contains(from); });
      if (Clock::now() - window >= std::chrono::seconds(1)) {
        window = Clock::now();
        answered_in_window = 0;
      }
      std::string why;
      const bool answer = ours && answered_in_window < kAnswersPerSecond && IsQuery(data) &&
                          socket.SendTo(from, from_port, packet, why);
      answered_in_window += answer ? 1 : 0;
      std::lock_guard<std::mutex> lock(mutex);
      (answer ? counts.answers : counts.ignored) += 1;
    }
  }
};

std::unique_ptr<RoomAnnouncer> RoomAnnouncer::Start(const Options& options, std::string& why, std::string& note) {
  std::unique_ptr<RoomAnnouncer> self(new RoomAnnouncer());
  self->impl_ = std::make_unique<Impl>();
  Impl& impl = *self->impl_;
  impl.options = options;
  impl.options.interval = std::max(options.interval, std::chrono::milliseconds(100));
  impl.served = ServedInterfaces(options.bind);
  if (impl.served.empty()) {
    why = "no network interface to announce on";
    return nullptr;
  }
  impl.socket = platform::UdpSocket::Open(0, static_cast<std::uint16_t>(options.port + 1), false, why);
  if (!impl.socket.is_open()) {
    // Another room on this machine holds the query port: this one still announces itself.
    note = "port " + std::to_string(options.port + 1) + " is taken (" + why + "): announcing only";
    impl.socket = platform::UdpSocket::Open(0, 0, false, why);
    if (!impl.socket.is_open()) return nullptr;
  }
  impl.thread = std::thread([&impl] { impl.Run(); });
  return self;
}

RoomAnnouncer::~RoomAnnouncer() { Stop(); }

void RoomAnnouncer::Stop() {
  if (!impl_) return;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stop = true;
  }
  if (impl_->thread.joinable()) impl_->thread.join();
}

DiscoveryCounts RoomAnnouncer::counts() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->counts;
}

// ---- [SECTION] Finding rooms ------------------------------------------------------------------

std::vector<FoundRoom> FindRooms(std::chrono::milliseconds timeout, const FindOptions& options) {
  std::vector<FoundRoom> found;
  std::vector<platform::Ipv4Interface> networks;
  std::uint32_t only = 0;
  const bool restricted = !options.only.empty();
  if (restricted && !platform::ParseIpv4(options.only, only)) return found;
  for (const auto& i : platform::Ipv4Interfaces()) {
    if (i.netmask == 0xFFFFFFFF) continue;
    if (restricted ? i.address == only : (i.loopback || IsPrivateIpv4(i.address))) networks.push_back(i);
  }
  if (networks.empty()) return found;
  std::string why;
  const auto port = static_cast<std::uint16_t>(options.port);
  // The announcement port is shared with any other finder on this machine; when something else
  // holds it, answers to the queries still come to a port of our own.
  platform::UdpSocket socket = platform::UdpSocket::Open(0, port, true, why);
  if (!socket.is_open()) socket = platform::UdpSocket::Open(0, 0, false, why);
  if (!socket.is_open()) return found;
  const std::string query = QueryPacket();
  const auto deadline = Clock::now() + timeout;
  auto next_query = Clock::now();
  int queries = 0;
  for (auto now = Clock::now(); now < deadline; now = Clock::now()) {
    if (queries < options.queries && now >= next_query) {
      for (const auto& i : networks) socket.SendTo(i.broadcast(), static_cast<std::uint16_t>(port + 1), query, why);
      ++queries;
      next_query = now + kQuerySpacing;
    }
    const auto until = queries < options.queries ? std::min(next_query, deadline) : deadline;
    std::string data;
    std::uint32_t from = 0;
    std::uint16_t from_port = 0;
    if (!socket.Receive(
            std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()) + std::chrono::milliseconds(1),
            kDiscoveryMaxPacket, data, from, from_port))
      continue;
    FoundRoom room;
    const bool from_ours =
        std::any_of(networks.begin(), networks.end(), [&](const auto& i) { return i.Contains(from); });
    if (!from_ours || !ParseAnnouncement(data, room.name, room.port)) continue;
    room.address = platform::Ipv4ToString(from);
    const bool seen = std::any_of(found.begin(), found.end(),
                                  [&](const FoundRoom& r) { return r.address == room.address && r.port == room.port; });
    if (!seen && found.size() < kMaxRoomsFound) found.push_back(room);
  }
  return found;
}

}  // namespace sigap::room
