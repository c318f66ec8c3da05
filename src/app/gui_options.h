// Command-line options of the GUI host.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sigap::app {

struct GuiOptions {
  std::string lang = "id";            // interface language: id | en
  bool facilitator = false;           // open the facilitator face
  bool author = false;                // --author [FILE|FOLDER]: open the author face
  std::string author_path;            // …on this scenario or folder ("" = the scenarios folder)
  std::string results_dir;            // "" = the per-user default
  std::string scenarios_dir;          // "" = the bundled scenarios
  std::string screen;                 // open this screen directly ("" = start)
  std::string screenshot;             // write a PNG after the first frames and exit
  int width = 1280;                   // window size
  int height = 720;
  int frames = 0;                     // draw this many frames then exit (0 = run)
  std::string scenario;               // --scenario ID: preselect for --screen play/end
  std::string choices;                // --choices a,b,...: played before the screenshot
  std::string team = "Tim Uji";       // --team for scripted sessions
  long long seed = 0;                 // --seed N: the option order of a new session (0 = a fresh one)
  std::string mode;                   // --mode training|assessment ("" = the workshop setting)
  std::vector<std::string> import_paths;  // --import PATH (facilitator)
  float zoom = 0;                     // --zoom F: text size over the window's own (0 = the remembered one)
  bool high_contrast = false;
  bool fullscreen = false;
  bool anonymise = false;             // --anonymise: team names as Tim A, Tim B…
  std::string pin;                    // --pin: facilitator PIN (tests)
  int slide = 0;                      // --slide N: presentation slide for screenshots
  int room_port = 8765;               // --room-port N: the facilitator's live room (0 = any free port)
  std::string room_code;              // --room-code C: its join code ("" = a new random one), or the one to join
  std::string join;                   // --join HOST:PORT: a team laptop joins this live room at start
  std::string frame_log;              // --frame-log FILE: per-frame times for the benchmark (frame_log.h)
};

// Parses argv (argv[0] excluded). On error returns nullopt and fills `error`.
std::optional<GuiOptions> ParseGuiOptions(const std::vector<std::string>& args, std::string& error);

}  // namespace sigap::app
