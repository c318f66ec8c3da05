#include "gui_options.h"

#include <cstdlib>

#include "room.h"

namespace sigap::app {

std::optional<GuiOptions> ParseGuiOptions(const std::vector<std::string>& args, std::string& error) {
  GuiOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= args.size() || (args[i + 1].size() > 1 && args[i + 1][0] == '-' && args[i + 1][1] == '-')) {
        error = a + " needs a value";
        return false;
      }
      out = args[++i];
      return true;
    };
    auto number = [&](int& out, int lo, int hi) -> bool {
      std::string s;
      if (!value(s)) return false;
      char* end = nullptr;
      long v = std::strtol(s.c_str(), &end, 10);
      if (s.empty() || *end != '\0' || v < lo || v > hi) {
        error = a + " needs a whole number between " + std::to_string(lo) + " and " + std::to_string(hi);
        return false;
      }
      out = static_cast<int>(v);
      return true;
    };
    if (a == "--lang") {
      if (!value(o.lang)) return std::nullopt;
      if (o.lang != "id" && o.lang != "en") { error = "--lang must be id or en"; return std::nullopt; }
    } else if (a == "--facilitator") o.facilitator = true;
    else if (a == "--author") {
      o.author = true;
      if (i + 1 < args.size() && (args[i + 1].empty() || args[i + 1][0] != '-')) o.author_path = args[++i];
    }
    else if (a == "--results") { if (!value(o.results_dir)) return std::nullopt; }
    else if (a == "--scenarios") { if (!value(o.scenarios_dir)) return std::nullopt; }
    else if (a == "--screen") { if (!value(o.screen)) return std::nullopt; }
    else if (a == "--screenshot") { if (!value(o.screenshot)) return std::nullopt; }
    else if (a == "--frames") { if (!number(o.frames, 1, 100000)) return std::nullopt; }
    else if (a == "--scenario") { if (!value(o.scenario)) return std::nullopt; }
    else if (a == "--choices") { if (!value(o.choices)) return std::nullopt; }
    else if (a == "--team") { if (!value(o.team)) return std::nullopt; }
    else if (a == "--zoom") {
      std::string v;
      if (!value(v)) return std::nullopt;
      char* end = nullptr;
      const double z = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || z < 0.6 || z > 2.0) {
        error = "--zoom needs a number between 0.6 and 2 (1 = the window's own text size)";
        return std::nullopt;
      }
      o.zoom = static_cast<float>(z);
    } else if (a == "--seed") {
      int seed = 0;
      if (!number(seed, 1, 2147483647)) return std::nullopt;
      o.seed = seed;
    }
    else if (a == "--mode") {
      if (!value(o.mode)) return std::nullopt;
      if (o.mode != "training" && o.mode != "assessment") { error = "--mode must be training or assessment"; return std::nullopt; }
    } else if (a == "--import") { std::string p; if (!value(p)) return std::nullopt; o.import_paths.push_back(p); }
    else if (a == "--pin") { if (!value(o.pin)) return std::nullopt; }
    else if (a == "--frame-log") { if (!value(o.frame_log)) return std::nullopt; }
    else if (a == "--slide") { if (!number(o.slide, 0, 10000)) return std::nullopt; }
    else if (a == "--room-port") { if (!number(o.room_port, 0, 65535)) return std::nullopt; }
    else if (a == "--join") { if (!value(o.join)) return std::nullopt; }
    else if (a == "--room-code") {
      if (!value(o.room_code)) return std::nullopt;
      if (std::string why = CheckRoomCode(o.room_code); !why.empty()) { error = "--room-code: " + why; return std::nullopt; }
    }
    else if (a == "--high-contrast") o.high_contrast = true;
    else if (a == "--fullscreen") o.fullscreen = true;
    else if (a == "--anonymise" || a == "--anonymize") o.anonymise = true;
    else if (a == "--size") {
      std::string s;
      if (!value(s)) return std::nullopt;
      auto x = s.find('x');
      int w = x == std::string::npos ? 0 : std::atoi(s.substr(0, x).c_str());
      int h = x == std::string::npos ? 0 : std::atoi(s.substr(x + 1).c_str());
      if (w < 640 || h < 480 || w > 7680 || h > 4320) { error = "--size must look like 1280x720 (at least 640x480)"; return std::nullopt; }
      o.width = w;
      o.height = h;
    } else {
      error = "unknown option '" + a + "'";
      return std::nullopt;
    }
  }
  return o;
}

}  // namespace sigap::app
