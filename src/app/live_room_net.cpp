// The GUI's live room over the network: RoomServer and RoomSender (src/room/room_net.h).
#include "live_room.h"

#include <mutex>
#include <thread>

#include "discovery.h"
#include "room_net.h"

namespace sigap::app {

namespace {

class NetLiveRoom : public LiveRoom {
 public:
  NetLiveRoom(std::unique_ptr<room::RoomServer> server, std::string code, std::string dir,
              const std::vector<std::string>& listen, const std::string& name)
      : server_(std::move(server)), code_(std::move(code)), dir_(std::move(dir)) {
    for (const auto& a : listen)
      if (!a.starts_with("127.")) addresses_.push_back(a);
    if (addresses_.empty()) addresses_.push_back("127.0.0.1");
    // Laptops on the same network find the room without typing its address. A second SIGAP room
    // on this laptop (rare) leaves discovery to the first; typing the address still works.
    std::string why, note;
    announcer_ = room::RoomAnnouncer::Start({name, server_->port(), listen, room::kDiscoveryPort, std::chrono::seconds(1)},
                                            why, note);
  }
  ~NetLiveRoom() override {
    if (announcer_) announcer_->Stop();
    server_->Command([](Room& r) { return r.Close(); });
    server_->Stop();
  }
  RoomState State() override { return server_->State(); }
  bool Command(const std::function<bool(Room&)>& command) override { return server_->Command(command); }
  const std::string& code() const override { return code_; }
  const std::string& results_dir() const override { return dir_; }
  int port() const override { return server_->port(); }
  std::vector<std::string> addresses() const override { return addresses_; }

 private:
  std::unique_ptr<room::RoomServer> server_;
  std::string code_, dir_;
  std::vector<std::string> addresses_;
  std::unique_ptr<room::RoomAnnouncer> announcer_;
};

class NetRoomLink : public RoomLinkClient {
 public:
  NetRoomLink(const std::string& address, const std::string& code, std::function<void()> on_change)
      : sender_(address, code, "", std::move(on_change)) {}
  bool valid() const { return sender_.valid_address(); }
  void SetLogPath(const std::string& log_path) override { sender_.SetLogPath(log_path); }
  void Notify() override { sender_.Notify(); }
  std::optional<RoomConduct> conduct() override { return sender_.conduct(); }
  bool connected() override { return sender_.connected(); }
  std::string refusal() override { return sender_.refusal(); }

 private:
  room::RoomSender sender_;
};

}  // namespace

std::unique_ptr<LiveRoom> OpenLiveRoom(const std::string& results_dir, const RoomOptions& options, int port,
                                       const std::string& wanted_code, std::function<void()> on_change,
                                       std::string& error) {
  const std::string code = wanted_code.empty() ? NewRoomCode() : wanted_code;
  auto room = Room::Open(results_dir, code, error, options);
  if (!room) return nullptr;
  // The private networks (a hall's Wi-Fi, a hotspot) and loopback, never a public address.
  const std::vector<std::string> listen = room::DefaultBindAddresses();
  auto server = room::RoomServer::Start(std::move(room), listen, port, error);
  if (!server) return nullptr;
  server->SetOnChange(std::move(on_change));
  return std::make_unique<NetLiveRoom>(std::move(server), code, results_dir, listen,
                                       room::CleanRoomName(options.name.empty() ? "SIGAP" : options.name));
}

std::unique_ptr<RoomLinkClient> JoinLiveRoom(const std::string& address, const std::string& code,
                                             std::function<void()> on_change, std::string& error) {
  auto link = std::make_unique<NetRoomLink>(address, code, std::move(on_change));
  if (!link->valid()) {
    error = "the address needs HOST:PORT, for example 192.168.1.5:8765";
    return nullptr;
  }
  return link;
}

namespace {

class NetRoomSearch : public RoomSearch {
 public:
  explicit NetRoomSearch(std::function<void()> on_done) {
    thread_ = std::thread([this, on_done = std::move(on_done)] {
      std::vector<FoundRoom> found;
      for (const auto& r : room::FindRooms(std::chrono::milliseconds(1500))) found.push_back({r.url(), r.name});
      {
        std::lock_guard lock(mutex_);
        rooms_ = std::move(found);
        done_ = true;
      }
      if (on_done) on_done();
    });
  }
  ~NetRoomSearch() override {
    if (thread_.joinable()) thread_.join();  // FindRooms returns within its timeout
  }
  bool done() override {
    std::lock_guard lock(mutex_);
    return done_;
  }
  std::vector<FoundRoom> rooms() override {
    std::lock_guard lock(mutex_);
    return rooms_;
  }

 private:
  std::mutex mutex_;
  bool done_ = false;
  std::vector<FoundRoom> rooms_;
  std::thread thread_;
};

}  // namespace

std::unique_ptr<RoomSearch> SearchLiveRooms(std::function<void()> on_done) {
  return std::make_unique<NetRoomSearch>(std::move(on_done));
}

}  // namespace sigap::app
