// libFuzzer target: the live room's request handler (Room::Handle, src/engine/room.h), as the
// network host calls it. The input is a series of requests separated by 0xFF bytes; the first
// byte of each picks its kind:
//   0: POST /join with the rest as the body;   1: POST /record with the rest as the body;
//   2: a record envelope around the rest as the line, with this input's token, session and next
//      seq (so that mutated lines reach the record checks); 3: the same, resealed (correct seq
//      and CRC, log_reseal.h), so that mutated records reach the shape checks and the file;
//   other: the rest as a request to another path.
// Seeds (scripts/fuzz.sh): the session-log seeds, each line as a kind-3 request.
// Every answer must be a JSON object with a status the protocol uses, every refusal counted,
// and every file the room wrote must read back as a clean session log.
#include <unistd.h>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "log_reseal.h"
#include "room.h"
#include "session_log.h"

namespace {

using namespace sigap;
using nlohmann::json;

std::string ScratchDir() {
  std::error_code ec;
  std::filesystem::path base =
      std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path();
  return (base / ("sigap-fuzz-room-" + std::to_string(::getpid()))).string();
}

const std::string kSession = "0123456789abcdef0123456789abcdef";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string dir = ScratchDir();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::string error;
  auto room = Room::Open(dir, "FUZZ2345", error);
  SIGAP_FUZZ_CHECK(room != nullptr);
  RoomResponse joined = room->Handle({"POST", "/join", R"({"code":"FUZZ2345"})", "peer", 0});
  SIGAP_FUZZ_CHECK(joined.status == 200);
  const std::string token = json::parse(joined.body)["token"].get<std::string>();

  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::int64_t next = 0, now = 0, expected_refusals = 0;
  std::string lines;  // what the room holds for the session, from its answers
  std::string session = kSession;
  for (std::size_t at = 0; at < input.size();) {
    std::size_t end = input.find('\xff', at);
    if (end == std::string_view::npos) end = input.size();
    std::string_view chunk = input.substr(at, end - at);
    at = end + 1;
    if (chunk.empty()) continue;
    const std::uint8_t kind = static_cast<std::uint8_t>(chunk[0]);
    std::string rest(chunk.substr(1));
    RoomRequest r{"POST", "/record", rest, "peer", now += 1000};
    if (kind == 0) r.path = "/join";
    else if (kind == 2 || kind == 3) {
      std::string line = kind == 3 ? sigap::fuzz::Reseal(lines + rest + "\n").substr(lines.size()) : rest + "\n";
      if (next == 0) {  // the session a header names, so that seeds made of real logs get in
        json header = json::parse(line, nullptr, false);
        if (header.is_object() && header.contains("session") && header["session"].is_string())
          session = header["session"].get<std::string>();
      }
      r.body = json{{"token", token}, {"session", session}, {"seq", next}, {"line", line}}.dump(-1, ' ', false,
                                                                                           json::error_handler_t::replace);
    } else if (kind > 3) r.path = "/" + rest.substr(0, 8);
    RoomResponse out = room->Handle(r);
    static const std::set<int> kStatuses{200, 400, 401, 403, 404, 409, 413, 422, 429, 500, 503};
    SIGAP_FUZZ_CHECK(kStatuses.count(out.status));
    json body = json::parse(out.body, nullptr, false);
    SIGAP_FUZZ_CHECK(body.is_object());
    if (out.status != 200 && out.status != 500) ++expected_refusals;
    if (out.status == 200 && body.contains("next")) {
      SIGAP_FUZZ_CHECK(body["next"].is_number_integer());
      if ((kind == 2 || kind == 3) && body["next"].get<std::int64_t>() > next) {
        lines += json::parse(r.body)["line"].get<std::string>();
        next = body["next"].get<std::int64_t>();
      }
    }
  }
  RoomState st = room->State(now);
  SIGAP_FUZZ_CHECK(st.refused_total() == expected_refusals);
  for (const auto& t : st.teams) {
    SessionLogData d = ReadSessionLogFile(dir + "/" + t.file);
    SIGAP_FUZZ_CHECK(d.usable() && !d.torn_tail);
    SIGAP_FUZZ_CHECK(d.next_seq == t.records);
  }
  return 0;
}
