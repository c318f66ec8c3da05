// Finding a live room on the local network (room/discovery.h), on loopback only: every packet
// goes to 127.255.255.255 or 127.0.0.1, never out of this machine. The real two-host test, with
// network namespaces joined by a veth pair, is room_netns_test.sh.
#include <doctest/doctest.h>

#include <csignal>
#include <thread>

#include "discovery.h"
#include "engine_test_util.h"
#include "platform/net.h"

namespace sigap {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// A discovery port pair of this test process's own, so that rooms of tests running at the same
// time (and a facilitator's real room on 8766) are never heard.
int TestPort(int offset) { return 21000 + static_cast<int>(::getpid() % 4000) * 4 + offset; }

room::RoomAnnouncer::Options Loopback(const std::string& name, int http_port, int port,
                                      std::chrono::milliseconds interval = 1000ms) {
  return {name, http_port, {"127.0.0.1"}, port, interval};
}

bool Heard(const std::vector<room::FoundRoom>& rooms, const std::string& name, int http_port) {
  return std::any_of(rooms.begin(), rooms.end(), [&](const room::FoundRoom& r) {
    return r.address == "127.0.0.1" && r.port == http_port && r.name == name;
  });
}

TEST_CASE("discovery packets: a room's announcement reads back; anything else is refused") {
  std::string name;
  int port = 0;
  const std::string packet = room::AnnouncementPacket("Bimtek Batam — Hari 2", 8765);
  CHECK(packet.size() < room::kDiscoveryMaxPacket);
  REQUIRE(room::ParseAnnouncement(packet, name, port));
  CHECK(name == "Bimtek Batam — Hari 2");
  CHECK(port == 8765);
  // Never the join code, nothing but the name and the port.
  CHECK(packet.find("code") == std::string::npos);
  CHECK(room::IsQuery(room::QueryPacket()));
  CHECK_FALSE(room::IsQuery(packet));
  CHECK_FALSE(room::ParseAnnouncement(room::QueryPacket(), name, port));

  for (const std::string& bad :
       {std::string(""), std::string("hello"), std::string("{}"), std::string("[1,2]"),
        std::string(R"({"sigap":"room","v":2,"name":"x","port":8765})"),
        std::string(R"({"sigap":"room","v":1,"name":"x","port":0})"),
        std::string(R"({"sigap":"room","v":1,"name":"x","port":65536})"),
        std::string(R"({"sigap":"room","v":1,"name":"x","port":"8765"})"),
        std::string(R"({"sigap":"room","v":1,"name":7,"port":8765})"),
        std::string(R"({"sigap":"room","v":1,"port":8765})"),
        std::string(R"({"sigap":"ruang","v":1,"name":"x","port":8765})"),
        "{\"sigap\":\"room\",\"v\":1,\"name\":\"" + std::string(65, 'a') + "\",\"port\":1}",
        std::string("{\"sigap\":\"room\",\"v\":1,\"name\":\"\xff\xfe\",\"port\":1}"),
        std::string(R"({"sigap":"room","v":1,"name":"x","port":8765)"), std::string(600, ' ') + packet}) {
    CAPTURE(bad);
    CHECK_FALSE(room::ParseAnnouncement(bad, name, port));
    CHECK_FALSE(room::IsQuery(bad));
  }
  // A name is shown on every laptop: control characters (a terminal's escapes) go, a long one
  // is cut on a character boundary, an empty one gets the default.
  CHECK(room::CleanRoomName("\x1b[2J Tim\nMerah\x7f ") == "[2J TimMerah");
  CHECK(room::CleanRoomName(" \t\r ") == "Ruang SIGAP");
  const std::string long_name = room::CleanRoomName(std::string(63, 'a') + "é");  // é is 2 bytes: 65 in all
  CHECK(long_name == std::string(63, 'a'));
  REQUIRE(room::ParseAnnouncement(R"({"sigap":"room","v":1,"name":"A\u0007B","port":80})", name, port));
  CHECK(name == "AB");
}

TEST_CASE("the room's default addresses: the private networks, then loopback, never a public one") {
  CHECK(room::IsPrivateIpv4(0x0A000001));        // 10.0.0.1
  CHECK(room::IsPrivateIpv4(0xAC100001));        // 172.16.0.1
  CHECK(room::IsPrivateIpv4(0xAC1FFFFE));        // 172.31.255.254
  CHECK_FALSE(room::IsPrivateIpv4(0xAC200001));  // 172.32.0.1
  CHECK(room::IsPrivateIpv4(0xC0A82B0A));        // 192.168.43.10, an Android hotspot
  CHECK(room::IsPrivateIpv4(0xA9FE0102));        // 169.254.1.2, link-local
  CHECK_FALSE(room::IsPrivateIpv4(0x08080808));  // 8.8.8.8
  CHECK_FALSE(room::IsPrivateIpv4(0x7F000001));  // loopback is added on its own
  const auto addresses = room::DefaultBindAddresses();
  REQUIRE_FALSE(addresses.empty());
  CHECK(addresses.back() == "127.0.0.1");
  for (std::size_t i = 0; i + 1 < addresses.size(); ++i) {
    std::uint32_t a = 0;
    REQUIRE(platform::ParseIpv4(addresses[i], a));
    CHECK(room::IsPrivateIpv4(a));
  }
}

TEST_CASE("discovery on loopback: a room is heard by its announcement, and by its answer to a query") {
  const int port = TestPort(0);
  std::string why, note;
  {
    auto announcer = room::RoomAnnouncer::Start(Loopback("Ruang Uji", 18765, port), why, note);
    REQUIRE_MESSAGE(announcer, why);
    CHECK(note.empty());
    const auto start = Clock::now();
    const auto rooms = room::FindRooms(1500ms, {port, "127.0.0.1", 3});
    const auto took = Clock::now() - start;
    CHECK(Heard(rooms, "Ruang Uji", 18765));
    CHECK(rooms.size() == 1);  // heard several times, listed once
    CHECK(took >= 1500ms);     // it listens for the whole time it was given...
    CHECK(took < 2500ms);      // ...and not much longer
    CHECK(announcer->counts().announcements >= 1);
  }
  {
    // Announcing once a minute: the first announcement is long gone, so only the answer to the
    // laptop's query can tell it (a Windows laptop's firewall lets answers in, not announcements).
    auto announcer = room::RoomAnnouncer::Start(Loopback("Ruang Tanya", 18766, port, 60s), why, note);
    REQUIRE_MESSAGE(announcer, why);
    std::this_thread::sleep_for(200ms);
    CHECK(Heard(room::FindRooms(1000ms, {port, "127.0.0.1", 3}), "Ruang Tanya", 18766));
    CHECK(announcer->counts().answers >= 1);
    // A laptop that only listens (no query) hears nothing from it.
    CHECK(room::FindRooms(500ms, {port, "127.0.0.1", 0}).empty());

    // Hostile packets to the query port: not a query, not answered, counted.
    const auto before = announcer->counts();
    platform::UdpSocket s = platform::UdpSocket::Open(0x7F000001, 0, false, why);
    REQUIRE(s.is_open());
    for (const std::string& junk : {std::string("hello"), std::string(4000, 'x'), room::AnnouncementPacket("x", 1),
                                    std::string(R"({"sigap":"find","v":9})")})
      CHECK(s.SendTo(0x7F000001, static_cast<std::uint16_t>(port + 1), junk, why));
    std::this_thread::sleep_for(400ms);
    const auto after = announcer->counts();
    CHECK(after.answers == before.answers);
    CHECK(after.ignored == before.ignored + 4);
  }
  // No room open: nothing found, and the wait is bounded by the timeout.
  const auto start = Clock::now();
  CHECK(room::FindRooms(700ms, {port, "127.0.0.1", 3}).empty());
  CHECK(Clock::now() - start < 1500ms);
}

TEST_CASE("discovery on loopback: two rooms on one machine; the second only announces") {
  const int port = TestPort(2);
  std::string why, note1, note2;
  auto first = room::RoomAnnouncer::Start(Loopback("Ruang Satu", 18801, port), why, note1);
  REQUIRE(first);
  auto second = room::RoomAnnouncer::Start(Loopback("Ruang Dua", 18802, port), why, note2);
  REQUIRE(second);
  CHECK(note1.empty());
  CHECK(note2.find("announcing only") != std::string::npos);
  const auto rooms = room::FindRooms(1500ms, {port, "127.0.0.1", 3});
  CHECK(Heard(rooms, "Ruang Satu", 18801));
  CHECK(Heard(rooms, "Ruang Dua", 18802));
}

TEST_CASE("sigap room announces itself and sigap rooms lists it (loopback)") {
  const std::string base = test::TempDir("room-discovery");
  const std::string port = std::to_string(TestPort(0));
  const pid_t pid =
      test::Spawn({SIGAP_BINARY, "room", "--results", base + "/room", "--bind", "127.0.0.1", "--port", "0", "--code",
                   "K7QX2MPA", "--name", "Bimtek Batam", "--discovery-port", port, "--for", "60"},
                  base + "/room.out", base + "/room.err");
  std::string out;
  for (int i = 0; i < 200 && out.find("Hasil / Results") == std::string::npos; ++i) {
    std::this_thread::sleep_for(50ms);
    out = test::ReadText(base + "/room.out");
  }
  CAPTURE(out);
  const std::size_t at = out.find("http://127.0.0.1:");
  REQUIRE(at != std::string::npos);
  const std::string http_port = std::to_string(std::atoi(out.c_str() + at + 17));
  CHECK(out.find("Nama / Name: Bimtek Batam\n") != std::string::npos);
  CHECK(out.find("Mendengar di / Listening on: 127.0.0.1\n") != std::string::npos);
  CHECK(out.find("Penemuan / Discovery: UDP " + port) != std::string::npos);

  test::ProcessResult found =
      test::RunSigap({"rooms", "--bind", "127.0.0.1", "--discovery-port", port, "--timeout", "1.5"});
  CAPTURE(found.err);
  CHECK(found.exit_code == 0);
  CHECK(found.out.find("127.0.0.1:" + http_port) != std::string::npos);
  CHECK(found.out.find("Bimtek Batam") != std::string::npos);
  CHECK(found.out.find("K7QX2MPA") == std::string::npos);

  ::kill(pid, SIGTERM);
  test::ProcessResult closed = test::Wait(pid, base + "/room.out", base + "/room.err");
  CHECK(closed.exit_code == 0);
  CHECK(closed.out.find("jawaban/answers") != std::string::npos);
  test::ProcessResult none =
      test::RunSigap({"rooms", "--bind", "127.0.0.1", "--discovery-port", port, "--timeout", "0.5"});
  CHECK(none.exit_code == 1);
  CHECK(none.out.empty());
  test::RemoveTree(base);
}

}  // namespace
}  // namespace sigap
