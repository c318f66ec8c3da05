// The GUI's live room over the network: RoomServer and RoomSender (src/room/room_net.h).
#include "live_room.h"

#include "room_net.h"

namespace sigap::app {

namespace {

class NetLiveRoom : public LiveRoom {
 public:
  NetLiveRoom(std::unique_ptr<room::RoomServer> server, std::string code, std::string dir)
      : server_(std::move(server)), code_(std::move(code)), dir_(std::move(dir)), addresses_(room::LocalAddresses()) {
    if (addresses_.empty()) addresses_.push_back("127.0.0.1");
  }
  ~NetLiveRoom() override {
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
  auto server = room::RoomServer::Start(std::move(room), "0.0.0.0", port, error);
  if (!server) return nullptr;
  server->SetOnChange(std::move(on_change));
  return std::make_unique<NetLiveRoom>(std::move(server), code, results_dir);
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

// The discovery helper's FindRooms (src/room/discovery.h) goes here once merged.
std::vector<FoundRoom> FindLiveRooms() { return {}; }

}  // namespace sigap::app
