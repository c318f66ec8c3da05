// `sigap rooms [--timeout SECONDS] [--bind ADDR] [--discovery-port N]`: lists the live rooms
// open on the local network (room/discovery.h), as a team laptop's start screen finds them.
#include <cstdio>
#include <cstdlib>

#include "cli_commands.h"
#include "discovery.h"

namespace sigap::cli {

namespace {

int Usage(const std::string& problem) {
  std::fprintf(stderr, "sigap rooms: %s\nusage: sigap rooms [--timeout SECONDS] [--bind ADDR] [--discovery-port N]\n",
               problem.c_str());
  return 2;
}

}  // namespace

int RunRooms(const std::vector<std::string>& args) {
  double timeout_s = 2;
  room::FindOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& k = args[i];
    if (i + 1 >= args.size() && (k == "--timeout" || k == "--bind" || k == "--discovery-port"))
      return Usage(k + " needs a value");
    char* end = nullptr;
    if (k == "--timeout") {
      timeout_s = std::strtod(args[++i].c_str(), &end);
      if (*end || timeout_s <= 0 || timeout_s > 60) return Usage("--timeout needs a number of seconds up to 60");
    } else if (k == "--bind") {
      options.only = args[++i];
    } else if (k == "--discovery-port") {
      long n = std::strtol(args[++i].c_str(), &end, 10);
      if (*end || n < 1 || n > 65534) return Usage("--discovery-port needs a number from 1 to 65534");
      options.port = static_cast<int>(n);
    } else {
      return Usage("unknown argument '" + k + "'");
    }
  }
  std::fprintf(stderr, "Mencari ruang langsung / Looking for live rooms (%.1f s)\n", timeout_s);
  const auto rooms = room::FindRooms(std::chrono::milliseconds(static_cast<long long>(timeout_s * 1000)), options);
  for (const auto& r : rooms) std::printf("%-21s %s\n", r.url().c_str(), r.name.c_str());
  std::fprintf(stderr, "%zu ruang ditemukan / %zu room(s) found%s\n", rooms.size(), rooms.size(),
               rooms.empty() ? "; ketik alamatnya / type the address shown on the projector" : "");
  return rooms.empty() ? 1 : 0;
}

}  // namespace sigap::cli
