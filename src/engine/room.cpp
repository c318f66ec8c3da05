// [SECTION] Codes and tokens
// [SECTION] Opening a room (taking up the logs already in its folder)
// [SECTION] Conducting: phase, message, the facilitator's commands
// [SECTION] Requests: join, record, poll
// [SECTION] Writing a session's file
// [SECTION] State
#include "room.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <random>

#include <nlohmann/json.hpp>

#include "file_io.h"
#include "platform/utf8_path.h"
#include "session_log.h"

namespace sigap {

namespace fs = std::filesystem;
using nlohmann::json;

// ---- [SECTION] Codes and tokens ---------------------------------------------------------------

namespace {

// No 0/O, 1/I/L: a code read off a projector is typed right the first time.
constexpr const char* kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

std::string RandomToken() {
  std::random_device rd;
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 8; ++i) {
    std::uint32_t v = rd();
    for (int k = 0; k < 4; ++k) out += hex[(v >> (4 * k)) & 0xF];
  }
  return out;  // 128 bits
}

// Compares without stopping at the first difference, so that timing says nothing about a code.
bool SameSecret(const std::string& a, const std::string& b) {
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  for (std::size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(i < b.size() ? b[i] : 0);
  return diff == 0;
}

// Answers never throw on text that is not UTF-8 (a folder name, say): it is replaced.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string StringField(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string NewRoomCode() {
  std::random_device rd;
  const std::size_t n = std::char_traits<char>::length(kCodeAlphabet);
  std::string code;
  for (int i = 0; i < 8; ++i) code += kCodeAlphabet[rd() % n];
  return code;
}

std::string CheckRoomCode(const std::string& code) {
  if (code.size() < kRoomMinCodeLength)
    return "a room code needs at least " + std::to_string(kRoomMinCodeLength) + " characters";
  if (code.size() > 32) return "a room code has at most 32 characters";
  for (unsigned char c : code)
    if (!std::isalnum(c)) return "a room code has only letters and digits";
  return "";
}

std::int64_t RoomState::refused_total() const {
  std::int64_t n = 0;
  for (const auto& [code, count] : refusals) n += count;
  return n;
}

// ---- [SECTION] Conducting -------------------------------------------------------------------

const char* RoomPhaseName(RoomPhase p) {
  switch (p) {
    case RoomPhase::Lobby: return "lobby";
    case RoomPhase::Running: return "running";
    case RoomPhase::Paused: return "paused";
    case RoomPhase::Closed: return "closed";
  }
  return "running";
}

const char* RoomStartName(RoomStart s) { return s == RoomStart::Together ? "together" : "free"; }

json RoomConductToJson(const RoomConduct& c) {
  return json{{"name", c.name},
              {"start", RoomStartName(c.start)},
              {"phase", RoomPhaseName(c.phase)},
              {"message", c.message},
              {"command", c.command}};
}

std::optional<RoomConduct> RoomConductFromJson(const json& j) {
  if (!j.is_object() || !j.contains("command") || !j["command"].is_number_integer()) return std::nullopt;
  RoomConduct c;
  c.name = StringField(j, "name");
  c.message = StringField(j, "message");
  c.command = j["command"].get<std::int64_t>();
  const std::string start = StringField(j, "start"), phase = StringField(j, "phase");
  if (start == "together") c.start = RoomStart::Together;
  else if (start == "free") c.start = RoomStart::Free;
  else return std::nullopt;
  bool known = false;
  for (RoomPhase p : {RoomPhase::Lobby, RoomPhase::Running, RoomPhase::Paused, RoomPhase::Closed})
    if (phase == RoomPhaseName(p)) c.phase = p, known = true;
  if (!known) return std::nullopt;
  return c;
}

bool Room::Command() {
  ++conduct_.command;
  ++changes_;
  // Best effort: a room that cannot write it still conducts; only a restart would forget.
  const std::string path = platform::PathToUtf8(platform::PathFromUtf8(dir_) / kRoomConductFile);
  std::string error;
  (void)WriteFileDurably(path, Dump(RoomConductToJson(conduct_)) + "\n", error);
  return true;
}

void Room::RestoreConduct() {
  const std::string path = platform::PathToUtf8(platform::PathFromUtf8(dir_) / kRoomConductFile);
  std::string text, error;
  if (!ReadFileToString(path, text, error)) return;  // a new room (or an unreadable file: start afresh)
  const json j = json::parse(text, nullptr, false);
  const std::optional<RoomConduct> saved = RoomConductFromJson(j);
  if (!saved) return;
  switch (saved->phase) {
    case RoomPhase::Lobby:
      if (conduct_.start != RoomStart::Together) conduct_.phase = RoomPhase::Running;
      break;
    case RoomPhase::Closed: conduct_.phase = RoomPhase::Running; break;  // opened again
    default: conduct_.phase = saved->phase;
  }
  conduct_.message = saved->message.size() <= kRoomMaxMessageBytes ? saved->message : "";
  conduct_.command = std::max<std::int64_t>(saved->command, 0);
  (void)Command();  // the reopening: every laptop looks again
}

bool Room::StartAll() {
  if (conduct_.phase != RoomPhase::Lobby) return false;
  conduct_.phase = RoomPhase::Running;
  return Command();
}

bool Room::PauseAll() {
  if (conduct_.phase != RoomPhase::Running) return false;
  conduct_.phase = RoomPhase::Paused;
  return Command();
}

bool Room::ResumeAll() {
  if (conduct_.phase != RoomPhase::Paused) return false;
  conduct_.phase = RoomPhase::Running;
  return Command();
}

bool Room::SetMessage(const std::string& text) {
  if (conduct_.phase == RoomPhase::Closed) return false;
  // One line: a line break would break the banner; cut on a UTF-8 boundary.
  std::string line;
  for (char c : text) line += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (line.size() > kRoomMaxMessageBytes) {
    std::size_t cut = kRoomMaxMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    line.resize(cut);
  }
  if (line == conduct_.message) return false;
  conduct_.message = line;
  return Command();
}

bool Room::Close() {
  if (conduct_.phase == RoomPhase::Closed) return false;
  conduct_.phase = RoomPhase::Closed;
  return Command();
}

// ---- [SECTION] Opening a room -----------------------------------------------------------------

std::unique_ptr<Room> Room::Open(const std::string& results_dir, const std::string& code, std::string& error,
                                 const RoomOptions& options) {
  if (std::string why = CheckRoomCode(code); !why.empty()) {
    error = why;
    return nullptr;
  }
  std::unique_ptr<Room> room(new Room());
  room->dir_ = results_dir;
  room->code_ = code;
  room->conduct_.name = options.name.empty() ? "SIGAP" : options.name;
  room->conduct_.start = options.start;
  room->conduct_.phase = options.start == RoomStart::Together ? RoomPhase::Lobby : RoomPhase::Running;
  std::error_code ec;
  const fs::path dir = platform::PathFromUtf8(results_dir);
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir, ec)) {
    error = "cannot create the results folder " + results_dir;
    return nullptr;
  }
  room->RestoreConduct();
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = platform::PathToUtf8(e.path().filename());
    if (name.ends_with(kLogExtension)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    ++room->file_counter_;
    const std::string path = platform::PathToUtf8(p);
    std::string text;
    if (!ReadFileToString(path, text, error)) return nullptr;
    SessionLogData data = ReadSessionLog(path, text);
    // A log the room cannot trust, or a second file of one session, is left alone: the debrief
    // reports it. A record torn by a crash of the room is cut off; its team sends it again.
    if (!data.usable() || room->sessions_.count(data.info.session_id)) continue;
    auto s = std::make_unique<Session>();
    s->id = data.info.session_id;
    s->path = path;
    std::string why;
    s->file = platform::File::Open(path, platform::File::Mode::AppendExisting, why);
    if (!s->file.is_open() || s->file.TryLock(why) != platform::LockState::Locked) {
      error = "cannot open " + path + " for writing: " + (why.empty() ? "it is open in another SIGAP room" : why);
      return nullptr;
    }
    if (data.valid_bytes < text.size() && (!s->file.Truncate(data.valid_bytes, why) || !s->file.Sync(why))) {
      error = "cannot repair the end of " + path + ": " + why;
      return nullptr;
    }
    text.resize(data.valid_bytes);
    for (std::size_t at = 0; at < text.size(); at = text.find('\n', at) + 1)
      Remember(*s, text.substr(at, text.find('\n', at) + 1 - at));
    room->sessions_[s->id] = std::move(s);
  }
  return room;
}

// ---- [SECTION] Requests -----------------------------------------------------------------------

RoomResponse Room::Refuse(int status, const std::string& code, const std::string& message, std::int64_t next) {
  ++refusals_[code];
  json j{{"error", code}, {"message", message}};
  if (next >= 0) j["next"] = next;
  return {status, Dump(j)};
}

// Every answer to a team carries the room's conduct: a laptop that sends records needs no poll.
RoomResponse Room::Accepted(const Session& s) {
  return {200, Dump(json{{"ok", true},
                         {"next", static_cast<std::int64_t>(s.line_starts.size())},
                         {"room", RoomConductToJson(conduct_)}})};
}

void Room::Seen(Session& s, std::int64_t now_ms) {
  if (s.last_seen_ms < 0 || now_ms - s.last_seen_ms >= kRoomConnectedMs) ++changes_;  // came (back)
  s.last_seen_ms = now_ms;
}

RoomResponse Room::Handle(const RoomRequest& r) {
  if (r.body.size() > kRoomMaxBodyBytes) return Refuse(413, "ROOM010", "the request is larger than 64 KiB");
  if (r.method == "POST" && r.path == "/join") return Join(r);
  if (r.method == "POST" && r.path == "/record") return Append(r);
  if (r.method == "POST" && r.path == "/poll") return Poll(r);
  return Refuse(404, "ROOM010", "unknown request");  // the path is not echoed: it may be any bytes
}

RoomResponse Room::Join(const RoomRequest& r) {
  // Failed attempts per address in the last minute; a full table forgets the quiet addresses.
  auto& failures = join_failures_[r.peer];
  std::erase_if(failures, [&](std::int64_t t) { return r.now_ms - t >= 60000; });
  if (failures.size() >= static_cast<std::size_t>(kRoomJoinFailuresPerMinute))
    return Refuse(429, "ROOM002", "too many wrong codes from this address; wait a minute");
  if (join_failures_.size() > 4096)
    std::erase_if(join_failures_,
                  [&](const auto& kv) { return kv.second.empty() || r.now_ms - kv.second.back() >= 60000; });
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("code") || !body["code"].is_string())
    return Refuse(400, "ROOM010", "a join request is {\"code\": \"…\"}");
  if (!SameSecret(body["code"].get<std::string>(), code_)) {
    join_failures_[r.peer].push_back(r.now_ms);
    return Refuse(403, "ROOM001", "wrong room code");
  }
  // Tokens that never sent a record are dropped oldest first, so that joining again and again
  // cannot fill the memory.
  std::size_t unbound =
      std::count_if(tokens_.begin(), tokens_.end(), [](const auto& kv) { return kv.second.session.empty(); });
  if (unbound >= 2 * kRoomMaxTeams) {
    auto oldest = tokens_.end();
    for (auto it = tokens_.begin(); it != tokens_.end(); ++it)
      if (it->second.session.empty() && (oldest == tokens_.end() || it->second.issued_ms < oldest->second.issued_ms))
        oldest = it;
    tokens_.erase(oldest);
  }
  if (conduct_.phase == RoomPhase::Closed) return Refuse(410, "ROOM004", "the room is closed");
  std::string token = RandomToken();
  tokens_[token] = Token{"", r.now_ms};
  return {200, Dump(json{{"ok", true}, {"token", token}, {"room", RoomConductToJson(conduct_)}})};
}

// A laptop asks how the room stands (lobby, paused, a message). Says nothing about any team.
RoomResponse Room::Poll(const RoomRequest& r) {
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object() || StringField(body, "token").empty())
    return Refuse(400, "ROOM010", "a poll request is {\"token\": \"…\"}");
  auto tok = tokens_.find(StringField(body, "token"));
  if (tok == tokens_.end()) return Refuse(401, "ROOM011", "unknown token; join the room again");
  if (!tok->second.session.empty())
    if (auto s = sessions_.find(tok->second.session); s != sessions_.end()) Seen(*s->second, r.now_ms);
  return {200, Dump(json{{"ok", true}, {"room", RoomConductToJson(conduct_)}})};
}

RoomResponse Room::Append(const RoomRequest& r) {
  json body = json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("seq") || !body["seq"].is_number_integer() ||
      StringField(body, "token").empty() || StringField(body, "session").empty() || StringField(body, "line").empty())
    return Refuse(400, "ROOM010", "a record request is {\"token\", \"session\", \"seq\", \"line\"}");
  auto tok = tokens_.find(StringField(body, "token"));
  if (tok == tokens_.end()) return Refuse(401, "ROOM011", "unknown token; join the room again");
  const std::string session_id = StringField(body, "session");
  const std::int64_t seq = body["seq"].get<std::int64_t>();
  const std::string line = StringField(body, "line");
  if (!tok->second.session.empty() && tok->second.session != session_id)
    return Refuse(403, "ROOM012", "this token belongs to another session");
  if (line.size() < 2 || line.back() != '\n' || line.find('\n') != line.size() - 1)
    return Refuse(422, "ROOM015", "a record is one line ending in a newline");

  auto found = sessions_.find(session_id);
  Session* s = found == sessions_.end() ? nullptr : found->second.get();
  if (tok->second.session.empty()) {
    // A new token first shows the session's header: a new session, or one the room already
    // holds (a team that joined again, a room that restarted) when the bytes are the same.
    if (seq != 0) return Refuse(409, "ROOM013", "send from 0: a new token starts with the header", 0);
    if (s) {
      if (line != s->text.substr(0, s->line_starts.size() > 1 ? s->line_starts[1] : s->text.size()))
        return Refuse(403, "ROOM012", "another session already has this id");
      // One writer per session: the tokens it had before stop working (and take no memory).
      const std::string current = tok->first;
      std::erase_if(tokens_, [&](const auto& kv) { return kv.second.session == session_id && kv.first != current; });
      tok->second.session = session_id;
      Seen(*s, r.now_ms);
      ++duplicates_;
      return Accepted(*s);
    }
    SessionLogData d = ReadSessionLog("record", line);
    if (!d.usable() || d.torn_tail || d.next_seq != 1 || d.info.session_id != session_id)
      return Refuse(422, "ROOM015",
                    "the first record is not a valid header of this session (checksum, sequence or fields)");
    if (sessions_.size() >= kRoomMaxTeams) return Refuse(503, "ROOM003", "the room is full");
    auto fresh = std::make_unique<Session>();
    fresh->id = session_id;
    std::string error;
    if (!CreateSessionFile(*fresh, line, error)) return {500, Dump(json{{"error", "ROOM016"}, {"message", error}})};
    ++accepted_;
    ++changes_;
    tok->second.session = session_id;
    fresh->last_seen_ms = r.now_ms;
    fresh->current_since_ms = r.now_ms;
    s = fresh.get();
    sessions_[session_id] = std::move(fresh);
    return Accepted(*s);
  }
  if (!s) return Refuse(403, "ROOM012", "this token belongs to another session");
  Seen(*s, r.now_ms);
  const auto held = static_cast<std::int64_t>(s->line_starts.size());
  if (seq < 0) return Refuse(422, "ROOM015", "a sequence number is never negative");
  if (seq < held) {
    const std::size_t from = s->line_starts[seq];
    const std::size_t to = seq + 1 < held ? s->line_starts[seq + 1] : s->text.size();
    if (s->text.compare(from, to - from, line) != 0)
      return Refuse(409, "ROOM014", "record " + std::to_string(seq) + " differs from the one already received", held);
    ++duplicates_;
    return Accepted(*s);
  }
  if (seq > held) return Refuse(409, "ROOM013", "send from " + std::to_string(held), held);
  if (s->text.size() + line.size() > kRoomMaxSessionBytes)
    return Refuse(413, "ROOM015", "the session log would exceed 1 MiB");
  // The whole log read as the debrief will read it: checksum, sequence, shape, nothing after the end.
  SessionLogData d = ReadSessionLog("record", s->text + line);
  if (!d.usable() || d.torn_tail || d.next_seq != held + 1)
    return Refuse(422, "ROOM015", "record " + std::to_string(seq) + " is not valid here (checksum, sequence or fields)",
                  held);
  std::string error;
  if (!AppendLine(*s, line, error)) return {500, Dump(json{{"error", "ROOM016"}, {"message", error}})};
  ++accepted_;
  ++changes_;
  s->current_since_ms = r.now_ms;
  return Accepted(*s);
}

// ---- [SECTION] Writing a session's file ------------------------------------------------------

void Room::Remember(Session& s, const std::string& line) {
  s.line_starts.push_back(s.text.size());
  s.text += line;
  json j = json::parse(line, nullptr, false);
  const std::string rec = StringField(j, "rec");
  if (rec == "header") {
    s.team = StringField(j, "team");
    s.scenario = StringField(j, "scenario");
  } else if (rec == "decision") {
    s.current_node = StringField(j, "node");
  } else if (rec == "end") {
    s.finished = true;
  }
}

// The room names the file itself ("room-007.sigap.jsonl"); nothing from the request reaches the
// path. Written as the session log writer does: header under a temporary name, synced, renamed.
bool Room::CreateSessionFile(Session& s, const std::string& line, std::string& error) {
  for (int attempt = 0; attempt < 1000; ++attempt) {
    char name[40];
    std::snprintf(name, sizeof name, "room-%03d%s", ++file_counter_, kLogExtension);
    const std::string path = platform::PathToUtf8(platform::PathFromUtf8(dir_) / name);
    const std::string tmp = path + ".partial";
    std::string why;
    std::error_code ec;
    if (fs::exists(platform::PathFromUtf8(path), ec)) continue;
    s.file = platform::File::Open(tmp, platform::File::Mode::CreateOrTruncate, why);
    bool ok = s.file.is_open() && s.file.TryLock(why) == platform::LockState::Locked && s.file.Append(line, why) &&
              s.file.Sync(why);
    if (ok && !platform::RenameNoReplace(tmp, path, why)) {
      s.file.Close();
      platform::RemoveFile(tmp);
      continue;  // the name was taken meanwhile
    }
    if (!ok || !platform::SyncFolder(FolderOf(path), why)) {
      s.file.Close();
      platform::RemoveFile(tmp);
      error = "cannot write " + path + ": " + why;
      return false;
    }
    s.path = path;
    Remember(s, line);
    return true;
  }
  error = "no free file name in " + dir_;
  return false;
}

bool Room::AppendLine(Session& s, const std::string& line, std::string& error) {
  std::string why;
  if (!s.file.Append(line, why) || !s.file.Sync(why)) {
    // Roll back a partial write, as SessionLogWriter does: what was saved stays readable.
    std::string ignored;
    if (s.file.Truncate(s.text.size(), ignored)) (void)s.file.Sync(ignored);
    error = "cannot write " + s.path + ": " + why;
    return false;
  }
  Remember(s, line);
  return true;
}

// ---- [SECTION] State --------------------------------------------------------------------------

RoomState Room::State(std::int64_t now_ms) const {
  RoomState st;
  st.accepted = accepted_;
  st.duplicates = duplicates_;
  st.refusals = refusals_;
  st.conduct = conduct_;
  st.changes = changes_;
  for (const auto& [id, s] : sessions_) {
    RoomTeam t;
    t.session = id;
    t.team = s->team;
    t.scenario = s->scenario;
    t.file = platform::PathToUtf8(platform::PathFromUtf8(s->path).filename());
    t.records = static_cast<std::int64_t>(s->line_starts.size());
    t.current_node = s->current_node;
    t.finished = s->finished;
    t.connected = s->last_seen_ms >= 0 && now_ms - s->last_seen_ms < kRoomConnectedMs;
    t.on_current_ms = s->current_since_ms >= 0 && !s->finished ? now_ms - s->current_since_ms : -1;
    st.teams.push_back(std::move(t));
  }
  return st;
}

}  // namespace sigap
