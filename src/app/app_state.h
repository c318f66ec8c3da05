// The application's state, owned by RunGui and passed by reference to each screen.
// Screens draw from const state and queue actions; actions run after the frame.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "author_state.h"
#include "facilitator_state.h"
#include "fonts.h"
#include "gui_options.h"
#include "i18n.h"
#include "library.h"
#include "live_room.h"
#include "player_state.h"

namespace sigap::app {

enum class Screen { Start, Play, End, FacilitatorLock, Dashboard, Map, Present, Room, Author };

struct AppState;
using Action = std::function<void(AppState&)>;

struct ActionQueue {
  std::vector<Action> actions;
  double wake_at = 0;  // earliest time (glfwGetTime seconds) the loop must redraw by itself; 0 = none
  void Push(Action a) { actions.push_back(std::move(a)); }
  // A countdown asks for its next redraw here: no action (which would redraw every frame).
  void WakeAt(double t) { if (wake_at <= 0 || t < wake_at) wake_at = t; }
};

struct UiSettings {
  float zoom = 1.0f;           // text size over the window's own (Ctrl +/-, 0.6–2), remembered
  bool high_contrast = false;  // remembered
};

// The keys the screens use, translated once from the platform's codes (gui_main.cpp), so that no
// screen knows GLFW.
enum class Key { None, Enter, Escape, Space, Backspace, Up, Down, Left, Right, Home, End, PageUp, PageDown, F5, Plus, Minus, Digit, Letter };

struct KeyPress {
  Key key = Key::None;
  char ch = 0;          // Digit: '0'…'9' (top row or keypad); Letter: 'A'…'Z'
  bool ctrl = false;
  bool shift = false;
  bool alt = false;     // Alt or the system key
  bool repeat = false;  // auto-repeat of a held key (a held Enter must not confirm twice)
};

struct AppState {
  GuiOptions options;
  StringTable tr;
  Fonts fonts;
  UiSettings settings;
  GlyphRanges glyph_ranges;    // every character the screens may draw (CollectGlyphRanges)
  std::function<void()> upload_fonts;   // set by the window host: sends a rebuilt atlas to the GPU
  bool fonts_dirty = false;      // rebuild the atlas before the next frame
  bool theme_dirty = false;
  bool settings_dirty = false;   // zoom or contrast changed: save settings.json
  bool fullscreen = false;
  bool fullscreen_dirty = false;
  bool quit_requested = false;
  int exit_code = 0;             // the process's, when a test hook or start-up step failed
  bool close_requested = false;  // the window's close button; screens confirm or quit
  double now = 0;                // glfwGetTime() at the start of the frame

  // Input gathered by GLFW callbacks since the last frame (cleared after each frame).
  std::vector<KeyPress> keys_pressed;
  std::vector<std::string> dropped_paths;

  std::string scenarios_dir;
  std::string results_dir;
  ContentLibrary library;
  Screen screen = Screen::Start;
  PlayerState player;            // participant face
  FacilitatorState facilitator;  // facilitator face
  AuthorState author;            // author face (sigap --author)

  // Earliest time (glfwGetTime seconds) at which the loop must wake by itself; 0 = none.
  double wake_at = 0;
  // The live room's threads wake the loop through this (the frame log's "wake room"); RunFrame
  // then reads the room's news (player::RefreshRoom, RefreshLiveRoom).
  std::shared_ptr<LoopWake> loop_wake = std::make_shared<LoopWake>();
  std::vector<std::string> notices;  // start-up warnings shown to the user
};

}  // namespace sigap::app
