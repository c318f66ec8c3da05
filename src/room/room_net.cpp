// [SECTION] The server: cpp-httplib configured as docs/live-room.md explains
// [SECTION] Local addresses
// [SECTION] The sender
#include "room_net.h"

#include <algorithm>
#include <cstdlib>
#include <deque>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "file_io.h"
#include "platform/net.h"

namespace sigap::room {

using nlohmann::json;

// ---- [SECTION] The server ---------------------------------------------------------------------

struct RoomServer::Impl {
  // One server per listening address, all serving the one room.
  std::vector<std::unique_ptr<httplib::Server>> servers;
  std::vector<std::thread> threads;
  std::deque<socket_t> listen_sockets;  // one per server, set when it binds (a deque: stable references)
  std::mutex mutex;  // Room is not thread-safe: one request at a time reaches it
  std::unique_ptr<Room> room;
  std::function<void()> on_change;  // under `mutex`
  std::int64_t changes_seen = 0;    // Room::changes() when on_change was last called
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::int64_t NowMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  }
  void Configure(httplib::Server& svr, std::size_t pool_size);
};

void RoomServer::Impl::Configure(httplib::Server& svr, std::size_t pool_size) {
  Impl& impl = *this;
  socket_t& listen_socket = listen_sockets.emplace_back(INVALID_SOCKET);
  // The library's defaults fail at 40 teams (8 threads, backlog 5, Nagle): see docs/live-room.md.
  svr.new_task_queue = [pool_size] { return new httplib::ThreadPool(pool_size); };
  svr.set_tcp_nodelay(true);
  svr.set_keep_alive_max_count(100);
  svr.set_keep_alive_timeout(2);  // idle keep-alive sockets poll and hold a worker until then
  svr.set_read_timeout(5, 0);
  svr.set_write_timeout(5, 0);
  svr.set_payload_max_length(kRoomMaxBodyBytes);
#ifdef SIGAP_HTTPLIB_HEADER_ONLY
  // The local patch (third_party/cpp-httplib-0.11.4-limits.patch): a request that trickles in
  // (slowloris) loses its worker after this long, however often a byte arrives.
  svr.set_request_read_deadline(kRequestDeadlineSeconds);
#endif
  // The port is this room's alone: with the library's SO_REUSEPORT a second room on the same
  // port would silently share the teams with the first.
  svr.set_socket_options([&listen_socket](socket_t s) {
    platform::MakeListenSocketExclusive(static_cast<std::intptr_t>(s));
    listen_socket = s;
  });
  // Bodies without a length or sent in chunks are refused before they are read (Debian's
  // compiled 0.11.4 reads them without limit; the patched header stops them at the payload cap).
  svr.set_pre_routing_handler([&impl](const httplib::Request& req, httplib::Response& res) {
    const bool chunked = req.has_header("Transfer-Encoding");
    const bool no_length = req.method == "POST" && !req.has_header("Content-Length");
    const bool too_long =
        std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) > kRoomMaxBodyBytes;
    if (!chunked && !no_length && !too_long) return httplib::Server::HandlerResponse::Unhandled;
    {
      std::lock_guard<std::mutex> lock(impl.mutex);
      impl.room->CountRefusal("ROOM010");
    }
    res.status = too_long ? 413 : 411;
    res.set_header("Connection", "close");
    res.set_content(R"({"error":"ROOM010","message":"a request needs a Content-Length of at most 64 KiB"})",
                    "application/json");
    return httplib::Server::HandlerResponse::Handled;
  });
  auto handle = [&impl](const httplib::Request& req, httplib::Response& res) {
    RoomRequest r{req.method, req.path, req.body, req.remote_addr, impl.NowMs()};
    RoomResponse out;
    std::function<void()> changed;
    {
      std::lock_guard<std::mutex> lock(impl.mutex);
      out = impl.room->Handle(r);
      if (impl.room->changes() != impl.changes_seen) {
        impl.changes_seen = impl.room->changes();
        changed = impl.on_change;
      }
    }
    if (changed) changed();
    res.status = out.status;
    res.set_content(out.body, "application/json");
  };
  svr.Post(".*", handle);
  svr.Get(".*", handle);
}

std::unique_ptr<RoomServer> RoomServer::Start(std::unique_ptr<Room> room, const std::string& host, int port,
                                              std::string& error) {
  return Start(std::move(room), std::vector<std::string>{host}, port, error);
}

std::unique_ptr<RoomServer> RoomServer::Start(std::unique_ptr<Room> room, const std::vector<std::string>& hosts,
                                              int port, std::string& error) {
  std::unique_ptr<RoomServer> self(new RoomServer());
  self->impl_ = std::make_unique<Impl>();
  Impl& impl = *self->impl_;
  impl.room = std::move(room);
  if (hosts.empty()) {
    error = "no address to listen on";
    return nullptr;
  }
  for (const std::string& host : hosts) {
    // Every connection holds a worker: the teams' addresses get the full pool; loopback, beside
    // them, serves only this machine.
    const bool beside = hosts.size() > 1 && host.starts_with("127.");
    auto svr = std::make_unique<httplib::Server>();
    impl.Configure(*svr, beside ? kLoopbackThreads : kTeamThreads);
    if (port == 0) {
      port = svr->bind_to_any_port(host);
      if (port <= 0) {
        error = "cannot listen on " + host;
        return nullptr;
      }
    } else if (!svr->bind_to_port(host, port)) {
      error = "cannot listen on " + host + ":" + std::to_string(port) + " (is another room using this port?)";
      return nullptr;  // the servers already bound close with `self`
    }
#ifndef SIGAP_HTTPLIB_HEADER_ONLY
    // Debian's compiled library listens with a backlog of 5: 80 connections opening together
    // lose SYNs and wait a second. Linux resizes the queue on a second listen(). (The header
    // build sets CPPHTTPLIB_LISTEN_BACKLOG=128 instead.)
    if (impl.listen_sockets.back() != INVALID_SOCKET) ::listen(impl.listen_sockets.back(), 128);
#endif
    impl.servers.push_back(std::move(svr));
  }
  self->port_ = port;
  for (auto& svr : impl.servers) impl.threads.emplace_back([s = svr.get()] { s->listen_after_bind(); });
  return self;
}

RoomServer::~RoomServer() { Stop(); }

void RoomServer::Stop() {
  if (!impl_) return;
  for (auto& svr : impl_->servers) svr->stop();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
}

void RoomServer::SetOnChange(std::function<void()> on_change) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->on_change = std::move(on_change);
}

bool RoomServer::Command(const std::function<bool(Room&)>& command) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const bool done = command(*impl_->room);
  impl_->changes_seen = impl_->room->changes();  // the caller knows: no wake for its own command
  return done;
}

RoomState RoomServer::State() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->room->State(impl_->NowMs());
}

// ---- [SECTION] Local addresses ----------------------------------------------------------------

std::vector<std::string> LocalAddresses() {
  std::vector<std::string> out;
  for (const auto& i : platform::Ipv4Interfaces()) {
    const std::string ip = platform::Ipv4ToString(i.address);
    if (!i.loopback && std::find(out.begin(), out.end(), ip) == out.end()) out.push_back(ip);
  }
  return out;
}

// ---- [SECTION] The sender ---------------------------------------------------------------------

RoomSender::RoomSender(const std::string& address, std::string code, std::string log_path,
                       std::function<void()> on_change)
    : code_(std::move(code)), log_path_(std::move(log_path)), on_change_(std::move(on_change)) {
  std::string a = address;
  if (a.starts_with("http://")) a = a.substr(7);
  if (!a.empty() && a.back() == '/') a.pop_back();
  const std::size_t colon = a.rfind(':');
  if (colon != std::string::npos && colon > 0) {
    host_ = a.substr(0, colon);
    const std::string p = a.substr(colon + 1);
    if (!p.empty() && p.size() <= 5 && std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; }))
      port_ = std::stoi(p);
    if (port_ > 65535) port_ = 0;
  }
  if (port_ > 0) thread_ = std::thread([this] { Run(); });
}

RoomSender::~RoomSender() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RoomSender::Notify() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    notified_ = true;
  }
  cv_.notify_all();
}

void RoomSender::SetLogPath(const std::string& log_path) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    log_path_ = log_path;
    notified_ = true;
  }
  cv_.notify_all();
}

std::optional<RoomConduct> RoomSender::conduct() {
  std::lock_guard<std::mutex> lock(mutex_);
  return conduct_;
}

bool RoomSender::connected() {
  std::lock_guard<std::mutex> lock(mutex_);
  return connected_;
}

std::string RoomSender::refusal() {
  std::lock_guard<std::mutex> lock(mutex_);
  return refusal_;
}

void RoomSender::Heard(bool answered, const json* body) {
  bool changed = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    changed = answered != connected_;
    connected_ = answered;
    if (body && body->is_object() && body->contains("room"))
      if (auto c = RoomConductFromJson((*body)["room"])) {
        changed = changed || !conduct_ || conduct_->command != c->command || conduct_->name != c->name;
        conduct_ = std::move(c);
      }
  }
  if (changed && on_change_) on_change_();
}

std::string RoomSender::last_problem() {
  std::lock_guard<std::mutex> lock(mutex_);
  return problem_;
}

bool RoomSender::WaitUntilDelivered(std::chrono::milliseconds limit) {
  if (port_ <= 0) return false;
  Notify();
  std::string text, error, path;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    path = log_path_;
  }
  std::int64_t lines = 0;
  if (ReadFileToString(path, text, error)) lines = std::count(text.begin(), text.end(), '\n');
  std::unique_lock<std::mutex> lock(mutex_);
  return cv_.wait_for(lock, limit, [&] { return delivered_ >= lines; });
}

void RoomSender::Run() {
  httplib::Client client(host_, port_);
  client.set_tcp_nodelay(true);  // both sides, or Nagle and delayed ACKs cost 40-90 ms a record
  client.set_keep_alive(true);
  client.set_connection_timeout(3, 0);
  client.set_read_timeout(5, 0);
  client.set_write_timeout(5, 0);
  std::string token, session;
  auto backoff = std::chrono::milliseconds(100);
  auto fail = [&](const std::string& why) {
    std::unique_lock<std::mutex> lock(mutex_);
    problem_ = why;
    cv_.wait_for(lock, backoff, [&] { return stop_; });
    backoff = std::min(backoff * 2, std::chrono::milliseconds(3000));
  };
  auto next_poll = std::chrono::steady_clock::now();
  for (;;) {
    std::vector<std::string> lines;
    std::string text, error, path;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      path = log_path_;
    }
    if (!path.empty() && ReadFileToString(path, text, error))
      for (std::size_t at = 0, nl; (nl = text.find('\n', at)) != std::string::npos; at = nl + 1)
        lines.push_back(text.substr(at, nl + 1 - at));
    if (session.empty() && !lines.empty()) {
      json header = json::parse(lines[0], nullptr, false);
      if (header.is_object() && header.contains("session") && header["session"].is_string())
        session = header["session"].get<std::string>();
    }
    std::int64_t next = 0;
    bool idle = false;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      local_lines_ = static_cast<std::int64_t>(lines.size());
      if (stop_) return;
      if (!refusal_.empty()) {  // a wrong code or a closed room: joining again would not help
        cv_.wait(lock, [&] { return stop_; });
        return;
      }
      idle = delivered_ >= local_lines_ || session.empty();
      next = delivered_;
    }
    // Nothing to send: ask how the room stands (lobby, pause, a message) once a second.
    if (idle && !token.empty()) {
      if (std::chrono::steady_clock::now() >= next_poll) {
        next_poll = std::chrono::steady_clock::now() + kPollInterval;
        auto res = client.Post("/poll", json{{"token", token}}.dump(), "application/json");
        json j = res ? json::parse(res->body, nullptr, false) : json();
        Heard(static_cast<bool>(res), &j);
        if (res && res->status == 401) {  // the room restarted: join again
          token.clear();
          continue;
        }
      }
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.notify_all();
      cv_.wait_until(lock, next_poll, [&] { return stop_ || notified_; });
      notified_ = false;
      continue;
    }
    if (token.empty()) {
      auto res = client.Post("/join", json{{"code", code_}}.dump(), "application/json");
      if (!res) {
        Heard(false, nullptr);
        fail("no connection to the room (" + httplib::to_string(res.error()) + ")");
        continue;
      }
      json j = json::parse(res->body, nullptr, false);
      Heard(true, &j);
      if (res->status == 403 || res->status == 410) {
        std::lock_guard<std::mutex> lock(mutex_);
        refusal_ = j.is_object() ? j.value("error", "ROOM001") : "ROOM001";
        problem_ = "the room refused to join: " + refusal_;
        cv_.notify_all();
        continue;
      }
      if (res->status != 200 || !j.is_object() || !j.contains("token") || !j["token"].is_string()) {
        fail("the room refused to join: " +
             (j.is_object() ? j.value("message", std::to_string(res->status)) : std::to_string(res->status)));
        continue;
      }
      token = j["token"].get<std::string>();
      // A new token starts from the header: the room then says how much it already holds.
      std::lock_guard<std::mutex> lock(mutex_);
      delivered_ = 0;
      continue;
    }
    json body{{"token", token}, {"session", session}, {"seq", next}, {"line", lines[static_cast<std::size_t>(next)]}};
    auto res = client.Post("/record", body.dump(), "application/json");
    if (!res) {
      Heard(false, nullptr);
      fail("no connection to the room (" + httplib::to_string(res.error()) + ")");
      continue;
    }
    json j = json::parse(res->body, nullptr, false);
    Heard(true, &j);
    next_poll = std::chrono::steady_clock::now() + kPollInterval;  // the answer carried the conduct
    const std::int64_t room_next =
        j.is_object() && j.contains("next") && j["next"].is_number_integer() ? j["next"].get<std::int64_t>() : -1;
    if (res->status == 401) {
      token.clear();
      continue;
    }  // the room restarted: join again
    if ((res->status == 200 || res->status == 409) && room_next >= 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      delivered_ = std::min(room_next, local_lines_);
      cv_.notify_all();
      if (res->status == 200) {
        problem_.clear();
        backoff = std::chrono::milliseconds(100);
        continue;
      }
      if (j.value("error", "") == "ROOM013") continue;  // a gap: send from where the room stands
    }
    fail("the room refused record " + std::to_string(next) + ": " +
         (j.is_object() ? j.value("message", std::to_string(res->status)) : std::to_string(res->status)));
  }
}

}  // namespace sigap::room
