#include "screens.h"

#include <imgui.h>

#include "author_actions.h"
#include "facilitator_actions.h"
#include "player.h"
#include "theme.h"
#include "widgets.h"

namespace sigap::app {

void InitScreens(AppState& state) {
  if (!state.scenarios_dir.empty()) state.library = LoadLibrary({state.scenarios_dir});
  state.glyph_ranges = CollectGlyphRanges(state.tr, state.library);
  state.fonts_dirty = true;
  InitPlayer(state);
  InitFacilitator(state);
  InitAuthor(state);
}

Face CurrentFace(const AppState& state) {
  switch (state.screen) {
    case Screen::Start: case Screen::Play: case Screen::End: return Face::Participant;
    case Screen::Present: case Screen::Room: return Face::Presentation;
    default: return Face::Facilitator;
  }
}

namespace {
void PrepareFonts(AppState& state) {
  const float px = BodyPx(ImGui::GetIO().DisplaySize, state.settings.zoom, CurrentFace(state));
  if (state.fonts_dirty || state.fonts.body_px != px) {
    state.fonts = BuildFonts(px, state.glyph_ranges);
    if (state.upload_fonts) state.upload_fonts();
    state.fonts_dirty = false;
    state.theme_dirty = true;
  }
  if (state.theme_dirty) {
    ApplyTheme(state.settings.high_contrast, px / kBasePx);
    state.theme_dirty = false;
  }
}
}  // namespace

bool RunFrame(AppState& state) {
  const bool room_news = state.loop_wake->Take();
  if (room_news) player::RefreshRoom(state);
  author::TakeExplore(state);  // the explore worker's result, when the wake was its
  RefreshLiveRoom(state);
  PrepareFonts(state);
  ImGui::NewFrame();
  ui::ProbeBeginFrame();
  ActionQueue queue;
  DrawScreens(state, queue);
  ImGui::Render();
  state.keys_pressed.clear();
  state.dropped_paths.clear();
  state.wake_at = queue.wake_at;
  for (auto& action : queue.actions) action(state);
  return !queue.actions.empty();
}

void ShutdownScreens(AppState& state) {
  // The live room closes with the window; the laptops keep their logs and show "disconnected".
  state.facilitator.room.reset();
  state.player.room.reset();
}

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
    case Screen::Room: DrawRoomScreen(state, queue); break;
    case Screen::Author: DrawAuthorScreen(state, queue); break;
  }
  DrawCloseRequest(state, queue);
  ImGui::End();
}

}  // namespace sigap::app
