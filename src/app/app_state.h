// The application's state, owned by RunGui and passed by reference to each screen.
// Screens draw from const state and queue actions; actions run after the frame.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "facilitator_state.h"
#include "fonts.h"
#include "gui_options.h"
#include "i18n.h"
#include "loader.h"
#include "player_state.h"

namespace sigap::app {

enum class Screen { Start, Play, End, FacilitatorLock, Dashboard, Map, Present };

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
  float font_px = 24.0f;       // body text size in logical pixels (Ctrl +/-), remembered
  bool high_contrast = false;  // remembered
};

struct KeyPress {
  int key = 0;          // GLFW key code
  int mods = 0;         // GLFW modifier bits
  bool repeat = false;  // auto-repeat of a held key (a held Enter must not confirm twice)
};

struct AppState {
  GuiOptions options;
  StringTable tr;
  Fonts fonts;
  UiSettings settings;
  float content_scale = 1.0f;
  bool fonts_dirty = false;      // rebuild the atlas before the next frame
  bool theme_dirty = false;
  bool fullscreen = false;
  bool fullscreen_dirty = false;
  bool quit_requested = false;
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

  // Earliest time (glfwGetTime seconds) at which the loop must wake by itself; 0 = none.
  double wake_at = 0;
  std::vector<std::string> notices;  // start-up warnings shown to the user
};

}  // namespace sigap::app
