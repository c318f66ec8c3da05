#include "screens.h"

#include <imgui.h>

namespace sigap::app {

void InitScreens(AppState& state) {
  if (!state.scenarios_dir.empty()) state.library = LoadLibrary({state.scenarios_dir});
}

void ShutdownScreens(AppState&) {}

void DrawScreens(const AppState& state, ActionQueue& queue) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("##root", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  switch (state.screen) {
    default: DrawStartScreen(state, queue); break;
  }
  ImGui::End();
  if (state.close_requested) queue.Push([](AppState& s) { s.quit_requested = true; });
}

}  // namespace sigap::app
