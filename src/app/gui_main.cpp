// The ImGui host: window set-up, the event-driven main loop, shut-down. Platform calls live here.
// [SECTION] Settings
// [SECTION] Input callbacks
// [SECTION] Main loop
#include "gui_main.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <glad/gl.h>

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "app_state.h"
#include "author_actions.h"
#include "file_io.h"
#include "paths.h"
#include "raise.h"
#include "platform/console.h"
#include "platform/utf8_path.h"
#include "screens.h"
#include "frame_log.h"
#include "screenshot.h"
#include "theme.h"

namespace sigap::app {

namespace fs = std::filesystem;

// =============================================================================================
// [SECTION] Settings (font size and contrast are remembered per user)
// =============================================================================================
namespace {

std::string SettingsPath() { return platform::PathToUtf8(platform::PathFromUtf8(ConfigDir()) / "settings.json"); }

void LoadSettings(UiSettings& s) {
  std::string text, error;
  if (!ReadFileToString(SettingsPath(), text, error)) return;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return;
  if (j.contains("zoom") && j["zoom"].is_number()) s.zoom = std::clamp(j["zoom"].get<float>(), kMinZoom, kMaxZoom);
  else if (j.contains("font_px") && j["font_px"].is_number())  // the setting of earlier versions
    s.zoom = std::clamp(j["font_px"].get<float>() / kBasePx, kMinZoom, kMaxZoom);
  if (j.contains("high_contrast") && j["high_contrast"].is_boolean()) s.high_contrast = j["high_contrast"].get<bool>();
}

void SaveSettings(const UiSettings& s) {
  std::string error;  // a preference that cannot be saved is simply not remembered
  WriteFileDurably(SettingsPath(), nlohmann::json{{"zoom", s.zoom}, {"high_contrast", s.high_contrast}}.dump(2) + "\n", error);
}

// =============================================================================================
// [SECTION] Input callbacks: app shortcuts are handled from GLFW directly, because ImGui 1.86
// can lose a key tapped within one frame.
// =============================================================================================

struct LoopSignals {
  AppState* state = nullptr;
  int frames_to_draw = 3;
  const char* wake_cause = "none";  // the last callback that asked for frames (the frame log's "wake")
};

LoopSignals* Signals(GLFWwindow* w) { return static_cast<LoopSignals*>(glfwGetWindowUserPointer(w)); }

// GLFW's key codes become the app's Key once, here: no screen knows GLFW.
KeyPress Translate(int key, int mods, bool repeat) {
  KeyPress k;
  k.ctrl = (mods & GLFW_MOD_CONTROL) != 0;
  k.shift = (mods & GLFW_MOD_SHIFT) != 0;
  k.alt = (mods & (GLFW_MOD_ALT | GLFW_MOD_SUPER)) != 0;
  k.repeat = repeat;
  if (key >= GLFW_KEY_0 && key <= GLFW_KEY_9) {
    k.key = Key::Digit;
    k.ch = static_cast<char>('0' + (key - GLFW_KEY_0));
  } else if (key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_9) {
    k.key = Key::Digit;
    k.ch = static_cast<char>('0' + (key - GLFW_KEY_KP_0));
  } else if (key >= GLFW_KEY_A && key <= GLFW_KEY_Z) {
    k.key = Key::Letter;
    k.ch = static_cast<char>('A' + (key - GLFW_KEY_A));
  } else {
    switch (key) {
      case GLFW_KEY_ENTER: case GLFW_KEY_KP_ENTER: k.key = Key::Enter; break;
      case GLFW_KEY_ESCAPE: k.key = Key::Escape; break;
      case GLFW_KEY_SPACE: k.key = Key::Space; break;
      case GLFW_KEY_BACKSPACE: k.key = Key::Backspace; break;
      case GLFW_KEY_UP: k.key = Key::Up; break;
      case GLFW_KEY_DOWN: k.key = Key::Down; break;
      case GLFW_KEY_LEFT: k.key = Key::Left; break;
      case GLFW_KEY_RIGHT: k.key = Key::Right; break;
      case GLFW_KEY_HOME: k.key = Key::Home; break;
      case GLFW_KEY_END: k.key = Key::End; break;
      case GLFW_KEY_PAGE_UP: k.key = Key::PageUp; break;
      case GLFW_KEY_PAGE_DOWN: k.key = Key::PageDown; break;
      case GLFW_KEY_F5: k.key = Key::F5; break;
      case GLFW_KEY_EQUAL: case GLFW_KEY_KP_ADD: k.key = Key::Plus; break;
      case GLFW_KEY_MINUS: case GLFW_KEY_KP_SUBTRACT: k.key = Key::Minus; break;
      default: break;
    }
  }
  return k;
}

void OnKey(GLFWwindow* w, int key, int, int action, int mods) {
  LoopSignals* sig = Signals(w);
  sig->frames_to_draw = 3;
  sig->wake_cause = "key";
  if (action != GLFW_PRESS && action != GLFW_REPEAT) return;
  AppState& st = *sig->state;
  KeyPress k = Translate(key, mods, action == GLFW_REPEAT);
  if (k.key != Key::None) st.keys_pressed.push_back(k);
  bool ctrl = (mods & GLFW_MOD_CONTROL) != 0;
  // Ctrl +/-: a tenth larger or smaller each press, from 0.6× to 2× the window's own size.
  if (ctrl && (key == GLFW_KEY_EQUAL || key == GLFW_KEY_KP_ADD)) {
    st.settings.zoom = std::min(st.settings.zoom * 1.1f, kMaxZoom);
    st.settings_dirty = true;
  } else if (ctrl && (key == GLFW_KEY_MINUS || key == GLFW_KEY_KP_SUBTRACT)) {
    st.settings.zoom = std::max(st.settings.zoom / 1.1f, kMinZoom);
    st.settings_dirty = true;
  } else if (ctrl && key == GLFW_KEY_0) {
    st.settings.zoom = 1.0f;
    st.settings_dirty = true;
  } else if (key == GLFW_KEY_F11 && action == GLFW_PRESS) {
    st.fullscreen = !st.fullscreen;
    st.fullscreen_dirty = true;
  } else if (ctrl && key == GLFW_KEY_H && action == GLFW_PRESS) {
    st.settings.high_contrast = !st.settings.high_contrast;
    st.theme_dirty = st.settings_dirty = true;
  }
}

void OnAnyEvent(GLFWwindow* w, const char* cause) {
  LoopSignals* sig = Signals(w);
  sig->frames_to_draw = 3;
  sig->wake_cause = cause;
}
void OnCursor(GLFWwindow* w, double, double) { OnAnyEvent(w, "cursor"); }
void OnMouseButton(GLFWwindow* w, int, int, int) { OnAnyEvent(w, "button"); }
void OnScroll(GLFWwindow* w, double, double) { OnAnyEvent(w, "scroll"); }
void OnChar(GLFWwindow* w, unsigned int) { OnAnyEvent(w, "char"); }
void OnSize(GLFWwindow* w, int, int) { OnAnyEvent(w, "size"); }
void OnFocus(GLFWwindow* w, int) { OnAnyEvent(w, "focus"); }
void OnCursorEnter(GLFWwindow* w, int) { OnAnyEvent(w, "cursor"); }
void OnFramebufferSize(GLFWwindow* w, int, int) { OnAnyEvent(w, "size"); }
void OnContentScale(GLFWwindow* w, float, float) { OnAnyEvent(w, "size"); }
void OnIconify(GLFWwindow* w, int) { OnAnyEvent(w, "size"); }
// The window was uncovered or its contents lost (WM_PAINT, Expose): it must be drawn again.
void OnRefresh(GLFWwindow* w) { OnAnyEvent(w, "refresh"); }
void OnClose(GLFWwindow* w) {
  LoopSignals* sig = Signals(w);
  sig->frames_to_draw = 3;
  sig->wake_cause = "close";
  sig->state->close_requested = true;
  glfwSetWindowShouldClose(w, GLFW_FALSE);  // the screens decide (a session may be in progress)
}
void OnDrop(GLFWwindow* w, int count, const char** paths) {
  LoopSignals* sig = Signals(w);
  sig->frames_to_draw = 3;
  sig->wake_cause = "drop";
  for (int i = 0; i < count; ++i) sig->state->dropped_paths.emplace_back(paths[i]);
}

// Uploads RGBA pixels as a texture for ImGui::Image (character portraits): GL stays in the host.
void* UploadRgbaTexture(const unsigned char* rgba, int width, int height) {
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  return reinterpret_cast<void*>(static_cast<std::uintptr_t>(tex));
}

std::string g_last_glfw_error;  // for the start-up failure message

void OnGlfwError(int code, const char* description) {
  std::fprintf(stderr, "sigap: GLFW error %d: %s\n", code, description);
  g_last_glfw_error = description ? description : "";
}

// The window or its OpenGL 3.3 context cannot be had (an old or missing graphics driver, a remote
// desktop session): say so in both languages with what to do, in a native message box on Windows,
// instead of vanishing. Test runs (--screenshot, --frames) only print, so that nothing waits for
// a click. The text is here, not in the string tables, because it must show even without them.
int StartupFailure(const GuiOptions& options, const char* what) {
  std::string detail = what;
  if (!g_last_glfw_error.empty()) detail += ": " + g_last_glfw_error;
  const std::string text =
      "SIGAP memerlukan OpenGL 3.3, tetapi laptop ini tidak menyediakannya (driver grafis terlalu lama atau tidak ada, "
      "atau SIGAP dijalankan lewat Remote Desktop).\n\n"
      "Yang dapat dicoba:\n"
      "  1. Perbarui driver grafis (Intel, AMD atau NVIDIA) lewat Windows Update atau situs pembuat laptop, lalu mulai ulang.\n"
      "  2. Jika memakai Remote Desktop, jalankan SIGAP langsung di laptop itu.\n"
      "  3. Pakai laptop lain untuk tim ini; hasilnya tetap dapat digabung di laptop fasilitator.\n\n"
      "SIGAP needs OpenGL 3.3, but this laptop does not provide it (the graphics driver is too old or missing, or "
      "SIGAP runs over Remote Desktop).\n\n"
      "What to try:\n"
      "  1. Update the graphics driver (Intel, AMD or NVIDIA) through Windows Update or the laptop maker's site, then restart.\n"
      "  2. On Remote Desktop, run SIGAP on the laptop itself.\n"
      "  3. Use another laptop for this team; its results can still be combined on the facilitator's laptop.\n\n"
      "(" + detail + ")";
  const std::string title = "SIGAP tidak dapat dibuka / SIGAP cannot start";
  if (!options.screenshot.empty() || options.frames > 0) std::fprintf(stderr, "sigap: %s\n%s\n", title.c_str(), text.c_str());
  else platform::ShowFatalError(title, text);
  return 1;
}

void SetFullscreen(GLFWwindow* win, bool on, int width, int height) {
  static int saved_x = 100, saved_y = 100;  // restoring the window position is a platform concern
  if (on) {
    glfwGetWindowPos(win, &saved_x, &saved_y);
    GLFWmonitor* mon = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = mon ? glfwGetVideoMode(mon) : nullptr;
    if (mode) glfwSetWindowMonitor(win, mon, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(win, nullptr, saved_x, saved_y, width, height, 0);
  }
}

}  // namespace

// =============================================================================================
// [SECTION] Main loop
// =============================================================================================

int RunGui(const GuiOptions& options) {
  FrameLog frame_log(options.frame_log);  // bench hook: --frame-log FILE (frame_log.h); off by default
  AppState state;
  state.options = options;
  LoadSettings(state.settings);
  if (options.high_contrast) state.settings.high_contrast = true;
  if (options.zoom > 0) state.settings.zoom = options.zoom;

  std::string data_dir = DataDir();
  std::string assets_dir = AssetsDir();
  state.scenarios_dir = options.scenarios_dir.empty() ? ScenariosDir() : options.scenarios_dir;
  state.results_dir = options.results_dir.empty() ? DefaultResultsDir() : options.results_dir;
  std::string error;
  if (data_dir.empty()) state.notices.push_back("SIGAP data folder not found next to the program; set SIGAP_DATA_DIR");
  if (!state.tr.Load(assets_dir, error)) state.notices.push_back(error);
  state.tr.SetLanguage(options.lang == "en" ? Lang::En : Lang::Id);

  glfwSetErrorCallback(OnGlfwError);
  if (!glfwInit()) {
    std::fprintf(stderr, "sigap: cannot open a window (no display?). The subcommands work without one: see 'sigap --help'.\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  GLFWwindow* win = glfwCreateWindow(options.width, options.height, "SIGAP", nullptr, nullptr);
  if (!win) {
    std::fprintf(stderr, "sigap: cannot create an OpenGL 3.3 window (is a GL driver such as Mesa installed?)\n");
    glfwTerminate();
    return StartupFailure(options, "no OpenGL 3.3 core context");
  }
  glfwMakeContextCurrent(win);
  if (!gladLoadGL(glfwGetProcAddress)) {
    std::fprintf(stderr, "sigap: cannot load OpenGL 3.3 functions\n");
    glfwDestroyWindow(win);
    glfwTerminate();
    return StartupFailure(options, "OpenGL 3.3 functions missing");
  }
  glfwSwapInterval(1);

  LoopSignals signals;
  signals.state = &state;
  glfwSetWindowUserPointer(win, &signals);
  // Our callbacks go in first: ImGui's backend chains to them.
  glfwSetKeyCallback(win, OnKey);
  glfwSetCursorPosCallback(win, OnCursor);
  glfwSetMouseButtonCallback(win, OnMouseButton);
  glfwSetScrollCallback(win, OnScroll);
  glfwSetCharCallback(win, OnChar);
  glfwSetWindowSizeCallback(win, OnSize);
  glfwSetWindowFocusCallback(win, OnFocus);
  glfwSetWindowCloseCallback(win, OnClose);
  glfwSetDropCallback(win, OnDrop);
  glfwSetCursorEnterCallback(win, OnCursorEnter);
  glfwSetFramebufferSizeCallback(win, OnFramebufferSize);
  glfwSetWindowContentScaleCallback(win, OnContentScale);
  glfwSetWindowIconifyCallback(win, OnIconify);
  glfwSetWindowRefreshCallback(win, OnRefresh);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would cost a frame per blink
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  // A screenshot must not depend on where the (virtual) pointer happens to be: a hovered widget
  // differs between hosts and runs.
  if (!options.screenshot.empty()) io.ConfigFlags |= ImGuiConfigFlags_NoMouse;
  ImGui_ImplGlfw_InitForOpenGL(win, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  state.upload_fonts = [] {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    // The driver holds the texture now: the atlas's own pixels (alpha and RGBA, tens of MB at
    // projector sizes) are not needed until the next rebuild, which makes new ones.
    ImGui::GetIO().Fonts->ClearTexData();
  };
  state.player.upload_texture = UploadRgbaTexture;
  state.loop_wake->post = [] { glfwPostEmptyEvent(); };  // the live room's threads wake the loop
  InitScreens(state);
  if (options.fullscreen) { state.fullscreen = true; SetFullscreen(win, true, options.width, options.height); }

  // Another copy of SIGAP may ask this window to come forward (the session it holds was chosen
  // there): raise.h.
  RaiseWatcher raise_watcher(ConfigDir(), [] { glfwPostEmptyEvent(); });

  const bool capture = !options.screenshot.empty();
  const int frame_budget = capture ? std::max(options.frames, 6) : options.frames;
  int frame_count = 0;
  int exit_code = 0;
  while (!state.quit_requested) {
    if (signals.frames_to_draw <= 0 && !capture && frame_budget == 0) {
      signals.wake_cause = "none";
      // The author face's file watch is due as a timer is, but a look that finds the file
      // unchanged draws nothing (and is not logged as a wake).
      const double watch_due = state.author.watch_due;
      double due = state.wake_at;
      if (watch_due > 0 && (due <= 0 || watch_due < due)) due = watch_due;
      if (due > 0) glfwWaitEventsTimeout(std::max(0.0, due - glfwGetTime()));
      else glfwWaitEvents();
      bool looked = false;
      if (signals.frames_to_draw <= 0) {
        if (watch_due > 0 && glfwGetTime() >= watch_due) {
          looked = true;
          if (author::PollFile(state, glfwGetTime())) signals.wake_cause = "file";
        }
        if (std::strcmp(signals.wake_cause, "none") == 0) {
          if (state.wake_at > 0 && glfwGetTime() >= state.wake_at) signals.wake_cause = "timer";
          else if (raise_watcher.HasRequest()) signals.wake_cause = "raise";
          else if (state.loop_wake->pending) signals.wake_cause = "room";  // the live room heard something
        }
      }
      if (looked && std::strcmp(signals.wake_cause, "none") == 0) continue;
      if (std::strcmp(signals.wake_cause, "file") == 0) signals.frames_to_draw = 2;  // tables settle in two
      frame_log.Wake(signals.wake_cause);
      // A message that no callback saw changes nothing on screen: Wine (and Windows) wake the
      // wait for messages GLFW handles itself, about twice a second under Wine. Drawing a frame
      // for each would cost 5 % of a core while nobody touches the laptop.
      if (std::strcmp(signals.wake_cause, "none") == 0) continue;
      signals.frames_to_draw = std::max(signals.frames_to_draw, 1);
    } else {
      glfwPollEvents();
      if (state.author.watch_due > 0 && glfwGetTime() >= state.author.watch_due) author::PollFile(state, glfwGetTime());
    }
    raise_watcher.Watch(state.player.session ? state.player.session->log_path() : std::string());
    if (raise_watcher.TakeRequest()) {
      glfwRestoreWindow(win);
      glfwShowWindow(win);
      glfwFocusWindow(win);
      glfwRequestWindowAttention(win);
    }
    frame_log.BeginFrame();
    if (state.settings_dirty) {
      SaveSettings(state.settings);
      state.settings_dirty = false;
    }
    if (state.fullscreen_dirty) {
      SetFullscreen(win, state.fullscreen, options.width, options.height);
      state.fullscreen_dirty = false;
    }
    state.now = glfwGetTime();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    const bool acted = RunFrame(state);

    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(win, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    const auto& bg = CurrentPalette().background;
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    if (acted) signals.frames_to_draw = 3;
    ++frame_count;

    if (capture && frame_count >= frame_budget) {
      std::string err;
      if (!WriteFramebufferPng(options.screenshot, fb_w, fb_h, err)) {
        std::fprintf(stderr, "sigap: %s\n", err.c_str());
        exit_code = 1;
      }
      state.quit_requested = true;
    } else if (frame_budget > 0 && frame_count >= frame_budget) {
      state.quit_requested = true;
    }
    glfwSwapBuffers(win);
    if (state.facilitator.room) frame_log.Room(state.facilitator.room_state.accepted);
    frame_log.EndFrame(static_cast<int>(state.screen));
    --signals.frames_to_draw;
  }

  if (exit_code == 0) exit_code = state.exit_code;
  ShutdownScreens(state);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(win);
  glfwTerminate();
  return exit_code;
}

}  // namespace sigap::app
