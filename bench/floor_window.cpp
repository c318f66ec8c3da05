// sigap_floor: the floor the benchmark compares SIGAP against. A bare GLFW + Dear ImGui 1.86
// window, set up the way SIGAP sets up its own (OpenGL 3.3 core, glad, vsync on, the same
// event-driven loop), drawing one full-window panel with a title, a paragraph and three buttons.
//   sigap_floor [--size WxH] [--frames N] [--frame-log FILE] [--sigap-fonts] [--print-gl]
// --sigap-fonts bakes SIGAP's own font atlas (Noto Sans, four faces, Latin Extended, via the
// same BuildFonts) instead of ImGui's built-in ProggyClean, to show what the fonts cost.
// --print-gl prints GL_VENDOR, GL_RENDERER, GL_VERSION and the primary monitor's mode, then exits.
#include <cstdio>
#include <cstdlib>
#include <string>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <glad/gl.h>

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "fonts.h"
#include "frame_log.h"

namespace {

struct Options {
  int width = 1280, height = 720, frames = 0;
  std::string frame_log;
  bool sigap_fonts = false, print_gl = false;
};

int frames_to_draw = 3;  // redraw a few frames after any event, like SIGAP
void OnEvent(GLFWwindow*) { frames_to_draw = 3; }
void OnCursor(GLFWwindow* w, double, double) { OnEvent(w); }
void OnButton(GLFWwindow* w, int, int, int) { OnEvent(w); }
void OnKey(GLFWwindow* w, int, int, int, int) { OnEvent(w); }

bool Parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--size") {
      if (std::sscanf(next(), "%dx%d", &o.width, &o.height) != 2) return false;
    } else if (a == "--frames") o.frames = std::atoi(next());
    else if (a == "--frame-log") o.frame_log = next();
    else if (a == "--sigap-fonts") o.sigap_fonts = true;
    else if (a == "--print-gl") o.print_gl = true;
    else return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!Parse(argc, argv, o)) {
    std::fprintf(stderr, "usage: sigap_floor [--size WxH] [--frames N] [--frame-log FILE] [--sigap-fonts] [--print-gl]\n");
    return 2;
  }
  sigap::app::FrameLog frame_log(o.frame_log);
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* win = glfwCreateWindow(o.width, o.height, "sigap_floor", nullptr, nullptr);
  if (!win) return 1;
  glfwMakeContextCurrent(win);
  if (!gladLoadGL(glfwGetProcAddress)) return 1;
  glfwSwapInterval(1);
  if (o.print_gl) {
    const GLFWvidmode* mode = glfwGetVideoMode(glfwGetPrimaryMonitor());
    std::printf("GL_VENDOR=%s\nGL_RENDERER=%s\nGL_VERSION=%s\nSCREEN=%dx%d\n", reinterpret_cast<const char*>(glGetString(GL_VENDOR)),
                reinterpret_cast<const char*>(glGetString(GL_RENDERER)), reinterpret_cast<const char*>(glGetString(GL_VERSION)),
                mode ? mode->width : 0, mode ? mode->height : 0);
    glfwDestroyWindow(win);
    glfwTerminate();
    return 0;
  }
  glfwSetCursorPosCallback(win, OnCursor);
  glfwSetMouseButtonCallback(win, OnButton);
  glfwSetKeyCallback(win, OnKey);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigInputTextCursorBlink = false;
  ImGui_ImplGlfw_InitForOpenGL(win, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  if (o.sigap_fonts) (void)sigap::app::BuildFonts(24.0f, {});

  int frame = 0;
  while (!glfwWindowShouldClose(win)) {
    if (frames_to_draw <= 0 && o.frames == 0) {
      glfwWaitEvents();
      frames_to_draw = std::max(frames_to_draw, 1);
    } else {
      glfwPollEvents();
    }
    frame_log.BeginFrame();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##floor", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::Text("Floor: a bare GLFW + Dear ImGui window");
    ImGui::Separator();
    ImGui::TextWrapped(
        "Seorang perempuan muda meletakkan setumpuk paspor dan tiket di konter Anda: paspornya sendiri, dan lima paspor "
        "baru milik teman-temannya. Kelima paspor baru itu terbit pada hari yang sama di kantor imigrasi yang sama.");
    for (const char* label : {"Beri cap keberangkatan", "Wawancarai secara terpisah", "Hubungi help desk BP3MI"}) ImGui::Button(label);
    ImGui::End();
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(win, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(0.1f, 0.1f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(win);
    frame_log.EndFrame(0);
    --frames_to_draw;
    if (o.frames > 0 && ++frame >= o.frames) break;
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(win);
  glfwTerminate();
  return 0;
}
