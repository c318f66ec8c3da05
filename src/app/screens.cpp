#include "screens.h"

#include <imgui.h>

namespace sigap::app {

void InitScreens(AppState& state) {
  if (!state.scenarios_dir.empty()) state.library = LoadLibrary({state.scenarios_dir});
  InitPlayer(state);
  InitFacilitator(state);
}

void ShutdownScreens(AppState&) {}

void DrawScreens(const AppState& state, ActionQueue& queue) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("##root", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  switch (state.screen) {
    case Screen::Start: DrawStartScreen(state, queue); break;
    case Screen::Play: DrawPlayScreen(state, queue); break;
    case Screen::End: DrawEndScreen(state, queue); break;
    case Screen::FacilitatorLock: DrawFacilitatorLock(state, queue); break;
    case Screen::Dashboard: DrawDashboard(state, queue); break;
    case Screen::Map: DrawMapScreen(state, queue); break;
    case Screen::Present: DrawPresentation(state, queue); break;
  }
  DrawCloseRequest(state, queue);
  ImGui::End();
}

}  // namespace sigap::app
