#include <cstdio>

#include "cli_commands.h"

namespace sigap::cli {

int RunDebrief(const std::vector<std::string>&) {
  std::fprintf(stderr, "sigap debrief: not built yet in this version\n");
  return 2;
}

}  // namespace sigap::cli
