// The participant face's dialogs: "Save a copy to…", "save elsewhere" after a failed write, and
// the confirmation when the window is closed mid-session. Each opens and closes with the state.
#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "player.h"
#include "player_screens.h"
#include "widgets.h"
#include "screens.h"
#include "theme.h"

namespace sigap::app {

namespace {

using player::SavePanel;

// Centred, at most 44 ems wide, never taller than the window (it scrolls instead).
bool BeginDialog(const std::string& title, const char* id, bool open) {
  if (open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float width = std::min(vp->WorkSize.x * 0.92f, ui::Em() * 44.0f);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, vp->WorkSize.y * 0.92f));
  if (!ImGui::BeginPopupModal((title + id).c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings))
    return false;
  if (!open) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return false;
  }
  return true;
}

void RightAligned(const std::vector<float>& widths) {
  float total = 0;
  for (float w : widths) total += w;
  total += ImGui::GetStyle().ItemSpacing.x * static_cast<float>(widths.size() > 0 ? widths.size() - 1 : 0);
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > total) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - total);
}

void DrawFolderDialog(const AppState& st, ActionQueue& q, SavePanel which, const char* id, const char* title_key,
                      const std::string& intro) {
  const Palette& pal = CurrentPalette();
  const FolderPanel& panel = player::PanelOf(st.player, which);
  if (!BeginDialog(st.tr(title_key), id, panel.open)) return;
  ui::Text(intro);
  if (!panel.message.empty()) ui::TextIn(st.fonts.bold, panel.message, panel.ok ? pal.follows : pal.critical);
  ImGui::Spacing();

  if (!panel.suggestions.empty()) {
    ui::TextIn(st.fonts.bold, st.tr("save.found"), pal.text);
    for (std::size_t i = 0; i < panel.suggestions.size(); ++i) {
      const FolderSuggestion& f = panel.suggestions[i];
      ImGui::PushID(static_cast<int>(i));
      if (ui::Option("folder", std::to_string(i + 1), f.label + "  —  " + f.path, false, ui::Mark::Letter)) {
        std::string dir = f.path;
        q.Push([which, dir](AppState& a) { player::SaveToFolder(a, which, dir); });
      }
      ImGui::PopID();
    }
  } else {
    ui::TextColored(st.tr("save.none_found"), pal.text_muted);
  }
  ImGui::Spacing();
  ui::TextIn(st.fonts.bold, st.tr("save.type_folder"), pal.text);
  std::string path = panel.path;
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::InputText("##folder", &path))
    q.Push([which, path](AppState& a) { player::SetFolderPath(a, which, path); });
  ImGui::Spacing();

  const std::string save_label = std::string(st.tr("save.here")) + "  [" + st.tr("key.enter") + "]###save";
  const std::string refresh_label = std::string(st.tr("save.refresh")) + "###refresh";
  const std::string close_label = std::string(st.tr("save.close")) + "  [" + st.tr("key.esc") + "]###close";
  RightAligned({ui::ButtonWidth(refresh_label.c_str()), ui::ButtonWidth(close_label.c_str()), ui::ButtonWidth(save_label.c_str())});
  if (ui::Button(refresh_label.c_str())) q.Push([which](AppState& a) { player::OpenFolderPanel(a, which); });
  ImGui::SameLine();
  if (ui::Button(close_label.c_str())) q.Push([which](AppState& a) { player::CloseFolderPanel(a, which); });
  ImGui::SameLine();
  if (ui::Button(save_label.c_str(), true, true))
    q.Push([which, path](AppState& a) { player::SaveToFolder(a, which, path); });

  const bool typing = ImGui::GetIO().WantTextInput;
  for (const KeyPress& k : st.keys_pressed) {
    const int digit = ui::DigitOf(k);
    if (ui::IsEnter(k)) {
      q.Push([which, path](AppState& a) { player::SaveToFolder(a, which, path); });
    } else if (ui::IsEscape(k)) {
      q.Push([which](AppState& a) { player::CloseFolderPanel(a, which); });
    } else if (!typing && digit >= 1 && static_cast<std::size_t>(digit) <= panel.suggestions.size()) {
      std::string dir = panel.suggestions[static_cast<std::size_t>(digit) - 1].path;
      q.Push([which, dir](AppState& a) { player::SaveToFolder(a, which, dir); });
    } else {
      continue;
    }
    break;
  }
  ImGui::EndPopup();
}

// Leaving a session mid-way, by closing the window or by leaving to the start screen: both say
// what is saved and ask first. `go` leaves; Esc or "stay" keeps playing.
void DrawExitDialog(const AppState& st, ActionQueue& q, bool open, const char* id, const char* title_key, const char* go_key,
                    void (*stay)(AppState&), void (*go)(AppState&)) {
  const Palette& pal = CurrentPalette();
  const PlayerState& p = st.player;
  if (!BeginDialog(st.tr(title_key), id, open && p.session)) return;
  const RecordedSession& rs = *p.session;
  if (rs.saved()) {
    ui::Text(st.tr.Format("close.saved", {st.tr.Count("count.decisions", rs.session().History().size())}));
    ui::Text(st.tr("close.resume_later"));
  } else {
    ui::TextIn(st.fonts.bold, st.tr.Format("close.not_saved", {st.tr.Describe(rs.unsaved())}), pal.critical);
  }
  ImGui::Spacing();
  const std::string stay_label = std::string(st.tr("close.stay")) + "  [" + st.tr("key.esc") + "]###stay";
  const std::string go_label = std::string(st.tr(go_key)) + "  [" + st.tr("key.enter") + "]###go";
  RightAligned({ui::ButtonWidth(stay_label.c_str()), ui::ButtonWidth(go_label.c_str())});
  if (ui::Button(stay_label.c_str())) q.Push(stay);
  ImGui::SameLine();
  if (ui::Button(go_label.c_str(), true, true)) q.Push(go);
  for (const KeyPress& k : st.keys_pressed) {
    if (ui::IsEnter(k)) q.Push(go);
    else if (ui::IsEscape(k)) q.Push(stay);
    else continue;
    break;
  }
  ImGui::EndPopup();
}

void DrawCloseDialog(const AppState& st, ActionQueue& q) {
  DrawExitDialog(st, q, st.player.confirm_close, "###close_dialog", "close.title", "close.quit", &player::CancelClose, &player::ConfirmClose);
}

void DrawLeaveDialog(const AppState& st, ActionQueue& q) {
  DrawExitDialog(st, q, st.player.confirm_leave, "###leave_dialog", "leave.title", "leave.go", &player::CancelLeave, &player::LeaveSession);
}

}  // namespace

bool AnyPlayerDialogOpen(const AppState& st) {
  return st.player.save_copy.open || st.player.save_elsewhere.open || st.player.confirm_leave;
}

void DrawPlayerDialogs(const AppState& st, ActionQueue& q) {
  if (!st.player.session) return;
  DrawFolderDialog(st, q, SavePanel::Elsewhere, "###save_elsewhere", "save.elsewhere_title",
                   st.tr("save.elsewhere_intro"));
  DrawFolderDialog(st, q, SavePanel::Copy, "###save_copy", "save.copy_title", st.tr("save.copy_intro"));
  DrawLeaveDialog(st, q);
}

void DrawCloseRequest(const AppState& st, ActionQueue& q) {
  if (st.close_requested) q.Push([](AppState& a) { player::HandleCloseRequest(a); });
  DrawCloseDialog(st, q);
}

}  // namespace sigap::app
