#include <imgui.h>

#include "screens.h"
#include "theme.h"

namespace sigap::app {

void DrawStartScreen(const AppState& state, ActionQueue&) {
  const Lang lang = state.tr.Language();
  ImGui::PushFont(state.fonts.huge);
  ImGui::TextUnformatted("SIGAP");
  ImGui::PopFont();
  ImGui::PushFont(state.fonts.large);
  ImGui::TextUnformatted(state.tr("app.tagline"));
  ImGui::PopFont();
  ImGui::Separator();
  for (const auto& notice : state.notices) ImGui::TextColored(CurrentPalette().warning, "%s", notice.c_str());
  for (const auto& s : state.library.Scenarios()) {
    ImGui::PushFont(state.fonts.bold);
    ImGui::TextWrapped("%s", s->title.Get(lang).c_str());
    ImGui::PopFont();
    ImGui::TextWrapped("%s", s->place.Get(lang).c_str());
  }
}

}  // namespace sigap::app
