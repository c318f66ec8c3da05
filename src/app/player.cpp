// The participant face's actions, its start-up and the --screen test hook.
// [SECTION] Helpers
// [SECTION] Start and resume
// [SECTION] Decisions
// [SECTION] Saving
// [SECTION] Closing the window
// [SECTION] Start-up and the test hook
#include "player.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <stb_image.h>

#include "file_io.h"
#include "folders.h"
#include "paths.h"
#include "platform/utf8_path.h"
#include "screens.h"
#include "sigap_version.h"
#include "workshop.h"

namespace sigap::app {

namespace fs = std::filesystem;

// =============================================================================================
// [SECTION] Helpers
// =============================================================================================
namespace {

std::int64_t ToMs(double seconds) { return static_cast<std::int64_t>(std::llround(seconds * 1000.0)); }

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// A new node is on screen: nothing is selected and its clock starts now.
void ResetDecision(PlayerState& p, double now) {
  p.selected_choice.clear();
  p.ticked.clear();
  p.confirming_checklist = false;
  p.scroll_to.clear();
  p.decision_shown_at = now;
  p.timer_stopped = false;
  p.decide_error.clear();
  p.notice.clear();
}

void LoadPortraits(AppState& st) {
  PlayerState& p = st.player;
  if (!p.session || !p.upload_texture) return;  // no window (tests): nothing to upload to
  std::string assets = AssetsDir();
  for (const auto& c : p.session->session().scenario().characters) {
    if (c.portrait.empty() || p.portraits.count(c.portrait)) continue;
    std::string file = platform::PathToUtf8(platform::PathFromUtf8(assets) / platform::PathFromUtf8(c.portrait));
    // Read here and decoded from memory: stb's own fopen would read a UTF-8 path in the Windows code page.
    std::string bytes, read_error;
    int w = 0, h = 0, n = 0;
    unsigned char* pixels = ReadFileToString(file, bytes, read_error)
                                ? stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes.data()),
                                                        static_cast<int>(bytes.size()), &w, &h, &n, 4)
                                : nullptr;
    Portrait portrait;
    if (!pixels) {
      st.notices.push_back(st.tr.Format("play.portrait_missing", {file, !read_error.empty() ? read_error : stbi_failure_reason() ? stbi_failure_reason() : "?"}));
    } else {
      portrait = Portrait{p.upload_texture(pixels, w, h), w, h};
      stbi_image_free(pixels);
    }
    p.portraits[c.portrait] = portrait;  // remembered even when missing: one notice, not one per frame
  }
}

void OpenSession(AppState& st, RecordedSession rs) {
  PlayerState& p = st.player;
  p.session.emplace(std::move(rs));
  const Session& s = p.session->session();
  p.opened_at = st.now;
  p.at_offset_ms = s.History().empty() ? 0 : s.History().back().at_ms;
  p.feedback_for.reset();
  p.confirm_close = false;
  p.save_copy = FolderPanel{};
  p.save_elsewhere = FolderPanel{};
  p.start_error.clear();
  ResetDecision(p, st.now);
  if (!p.session->saved()) {
    player::OpenFolderPanel(p.save_elsewhere, st);
    p.save_elsewhere.message = st.tr.Format("save.failed", {p.session->unsaved_error()});
  }
  LoadPortraits(st);
  st.screen = s.state() == SessionState::Ended ? Screen::End : Screen::Play;
}

// After Choose / SubmitChecklist / TimeOut: the decision is on disk (or the failure is shown).
void AfterDecision(AppState& st, const DecideResult& r) {
  PlayerState& p = st.player;
  if (r.refused) {
    p.decide_error = r.refused->code + ": " + r.refused->message;
    return;
  }
  const Session& s = p.session->session();
  if (!r.saved) {
    player::OpenFolderPanel(p.save_elsewhere, st);
    p.save_elsewhere.message = st.tr.Format("save.failed", {r.save_error});
  }
  ResetDecision(p, st.now);
  if (s.info().mode == Mode::Training) p.feedback_for = s.History().size() - 1;
  else if (s.state() == SessionState::Ended) st.screen = Screen::End;
}

}  // namespace

namespace player {

std::int64_t SessionMs(const AppState& st) { return st.player.at_offset_ms + ToMs(st.now - st.player.opened_at); }
std::int64_t DecisionMs(const AppState& st) { return std::max<std::int64_t>(0, ToMs(st.now - st.player.decision_shown_at)); }

std::optional<double> SecondsLeft(const AppState& st) {
  const PlayerState& p = st.player;
  if (!p.session || p.feedback_for || p.timer_stopped) return std::nullopt;
  const Session& s = p.session->session();
  if (s.state() != SessionState::AwaitingChoice && s.state() != SessionState::AwaitingChecklist) return std::nullopt;
  auto seconds = s.TimerSeconds();
  if (!seconds) return std::nullopt;
  return p.decision_shown_at + *seconds - st.now;
}

// =============================================================================================
// [SECTION] Start and resume
// =============================================================================================

void RefreshResumeOffers(AppState& st) {
  st.player.resume_offers.clear();
  for (const auto& s : ListSessions(st.results_dir)) {
    if (!s.usable || s.finished) continue;
    st.player.resume_offers.push_back(ResumeOffer{s.path, s.info.team, s.scenario_id, s.info.started_utc, s.decisions,
                                                  st.library.FindScenario(s.scenario_id) != nullptr});
  }
}

void SelectScenario(AppState& st, const std::string& scenario_id) {
  st.player.selected_scenario = scenario_id;
  st.player.start_error.clear();
}

void SetLanguage(AppState& st, Lang lang) { st.tr.SetLanguage(lang); }

bool StartSession(AppState& st) {
  PlayerState& p = st.player;
  p.start_error.clear();
  auto scenario = st.library.FindScenario(p.selected_scenario);
  if (!scenario) {
    p.start_error = st.tr("start.error.no_scenario");
    return false;
  }
  std::string team = Trim(p.team);
  if (team.empty()) {
    p.start_error = st.tr("start.error.no_team");
    return false;
  }
  auto catalogue = st.library.FindCatalogue(scenario->sop_catalogue);
  SessionInfo info;
  info.team = team;
  info.members = Trim(p.members);
  info.lang = st.tr.Language();
  info.mode = p.workshop_mode;
  info.seed = scenario->seed;
  info.app_version = SIGAP_VERSION;
  auto started = RecordedSession::Start(scenario, catalogue, info, st.results_dir);
  if (auto* err = std::get_if<std::string>(&started)) {
    p.start_error = st.tr.Format("start.error.cannot_save", {st.results_dir, *err});
    return false;
  }
  OpenSession(st, std::move(std::get<RecordedSession>(started)));
  return true;
}

bool ResumeSession(AppState& st, const std::string& log_path) {
  auto resumed = RecordedSession::Resume(log_path, st.library);
  if (auto* err = std::get_if<std::string>(&resumed)) {
    st.player.start_error = st.tr.Format("start.error.cannot_resume", {*err});
    return false;
  }
  OpenSession(st, std::move(std::get<RecordedSession>(resumed)));
  st.tr.SetLanguage(st.player.session->session().info().lang);  // as the team chose at the start
  if (st.player.session->scenario_changed() || st.player.session->catalogue_changed())
    st.player.notice = st.tr("play.scenario_changed");
  return true;
}

// =============================================================================================
// [SECTION] Decisions
// =============================================================================================

void SelectChoice(AppState& st, const std::string& choice_id) {
  PlayerState& p = st.player;
  if (!p.session || p.session->session().state() != SessionState::AwaitingChoice) return;
  p.selected_choice = choice_id;
}

void CancelSelection(AppState& st) {
  st.player.selected_choice.clear();
  st.player.confirming_checklist = false;
}

void ConfirmChoice(AppState& st) {
  PlayerState& p = st.player;
  if (!p.session || p.selected_choice.empty()) return;
  AfterDecision(st, p.session->Choose(p.selected_choice, DecisionMs(st), SessionMs(st)));
}

void ToggleItem(AppState& st, const std::string& item_id) {
  PlayerState& p = st.player;
  if (!p.session || p.session->session().state() != SessionState::AwaitingChecklist) return;
  p.confirming_checklist = false;
  auto it = std::find(p.ticked.begin(), p.ticked.end(), item_id);
  if (it != p.ticked.end()) {
    p.ticked.erase(it);
    return;
  }
  // Keep the scenario's order, as the log does.
  std::vector<std::string> ordered;
  for (const ChecklistItem* item : p.session->session().ChecklistItems())
    if (item->id == item_id || std::find(p.ticked.begin(), p.ticked.end(), item->id) != p.ticked.end()) ordered.push_back(item->id);
  p.ticked = std::move(ordered);
}

void AskConfirmChecklist(AppState& st) {
  if (st.player.session && st.player.session->session().state() == SessionState::AwaitingChecklist)
    st.player.confirming_checklist = true;
}

void SubmitChecklist(AppState& st) {
  PlayerState& p = st.player;
  if (!p.session) return;
  AfterDecision(st, p.session->SubmitChecklist(p.ticked, DecisionMs(st), SessionMs(st)));
}

void TimeOut(AppState& st) {
  PlayerState& p = st.player;
  if (!p.session || p.timer_stopped) return;
  bool checklist = p.session->session().state() == SessionState::AwaitingChecklist;
  DecideResult r = p.session->TimeOut(DecisionMs(st), SessionMs(st), checklist ? p.ticked : std::vector<std::string>{});
  if (r.refused) p.timer_stopped = true;  // e.g. the default is not available: let the team choose
  AfterDecision(st, r);
}

void ContinueScene(AppState& st) {
  PlayerState& p = st.player;
  if (!p.session || p.session->session().state() != SessionState::AtScene) return;
  p.session->Continue();
  ResetDecision(p, st.now);
  if (p.session->session().state() == SessionState::Ended) st.screen = Screen::End;
}

void DismissFeedback(AppState& st) {
  PlayerState& p = st.player;
  p.feedback_for.reset();
  ResetDecision(p, st.now);  // the next decision's clock starts when the team sees it
  if (p.session && p.session->session().state() == SessionState::Ended) st.screen = Screen::End;
}

// =============================================================================================
// [SECTION] Saving
// =============================================================================================

void OpenFolderPanel(FolderPanel& panel, const AppState& st) {
  panel.open = true;
  panel.message.clear();
  panel.ok = false;
  panel.suggestions = FindFolders(st.tr);
  if (panel.path.empty() && !panel.suggestions.empty()) panel.path = panel.suggestions.front().path;
}

void SaveElsewhere(AppState& st, const std::string& dir) {
  PlayerState& p = st.player;
  FolderPanel& panel = p.save_elsewhere;
  panel.path = dir;
  if (!p.session) return;
  std::string error;
  if (!UsableFolder(dir, st.tr, panel.message)) {
    panel.ok = false;
    return;
  }
  if (!p.session->SaveElsewhere(dir, error)) {
    panel.ok = false;
    panel.message = st.tr.Format("save.error.failed", {dir, error});
    return;
  }
  panel.ok = true;
  panel.message = st.tr.Format("save.elsewhere_done", {p.session->log_path()});
}

void SaveCopy(AppState& st, const std::string& dir) {
  PlayerState& p = st.player;
  FolderPanel& panel = p.save_copy;
  panel.path = dir;
  if (!p.session) return;
  if (!UsableFolder(dir, st.tr, panel.message)) {
    panel.ok = false;
    return;
  }
  std::string copied, error;
  if (!p.session->CopyLogTo(dir, copied, error)) {
    panel.ok = false;
    panel.message = st.tr.Format("save.error.failed", {dir, error});
    return;
  }
  panel.ok = true;
  panel.message = st.tr.Format("save.copy_done", {copied});
}

void BackToStart(AppState& st) {
  PlayerState& p = st.player;
  p.session.reset();
  p.feedback_for.reset();
  p.save_copy = FolderPanel{};
  p.save_elsewhere = FolderPanel{};
  p.team.clear();
  p.members.clear();
  p.start_error.clear();
  ResetDecision(p, st.now);
  RefreshResumeOffers(st);
  st.screen = Screen::Start;
}

// =============================================================================================
// [SECTION] Closing the window
// =============================================================================================

void HandleCloseRequest(AppState& st) {
  st.close_requested = false;
  if (!st.player.InProgress()) {
    st.quit_requested = true;
    return;
  }
  st.player.confirm_close = true;
  st.player.save_copy.open = st.player.save_elsewhere.open = false;  // one dialog at a time
}

void ConfirmClose(AppState& st) {
  st.player.confirm_close = false;
  st.quit_requested = true;
}

void CancelClose(AppState& st) { st.player.confirm_close = false; }

// =============================================================================================
// [SECTION] Start-up and the test hook
// =============================================================================================

namespace {

// Plays one scripted choice as the screens would: select + confirm, tick + submit, or time out.
bool PlayScripted(AppState& st, const std::string& choice, std::size_t number, std::string& error) {
  PlayerState& p = st.player;
  p.feedback_for.reset();
  while (p.session->session().state() == SessionState::AtScene) ContinueScene(st);
  const Session& s = p.session->session();
  if (s.state() == SessionState::Ended) {
    error = "--choices: the scenario ended before choice " + std::to_string(number) + " ('" + choice + "')";
    return false;
  }
  std::size_t before = s.History().size();
  if (choice == "timeout") {
    TimeOut(st);
  } else if (s.state() == SessionState::AwaitingChecklist) {
    if (choice != "-" && !choice.empty())
      for (const auto& item : Split(choice, '+')) ToggleItem(st, item);
    SubmitChecklist(st);
  } else {
    SelectChoice(st, choice);
    ConfirmChoice(st);
  }
  if (s.History().size() == before) {
    std::string available;
    if (s.state() == SessionState::AwaitingChecklist)
      for (const ChecklistItem* it : s.ChecklistItems()) available += (available.empty() ? "" : ", ") + it->id;
    else
      for (const Choice* c : s.AvailableChoices()) available += (available.empty() ? "" : ", ") + c->id;
    error = "--choices: choice " + std::to_string(number) + " ('" + choice + "') at " + s.CurrentNode().id + ": " +
            (p.decide_error.empty() ? "not accepted" : p.decide_error) + "; available: " + available;
    return false;
  }
  return true;
}

}  // namespace

bool RunScreenHook(AppState& st, std::string& error) {
  const GuiOptions& o = st.options;
  PlayerState& p = st.player;
  const std::string& screen = o.screen;
  if (screen == "start") {
    p.team = o.team;
    return true;
  }
  if (screen != "play" && screen != "feedback" && screen != "confirm" && screen != "end" && screen != "copy" && screen != "close")
    return true;  // not a participant screen
  if (o.scenario.empty()) {
    error = "--screen " + screen + " needs --scenario ID";
    return false;
  }
  if (!st.library.FindScenario(o.scenario)) {
    error = "--scenario: '" + o.scenario + "' is not installed or not valid (run 'sigap validate')";
    return false;
  }
  p.selected_scenario = o.scenario;
  p.team = o.team;
  if (!StartSession(st)) {
    error = p.start_error;
    return false;
  }
  std::vector<std::string> choices;
  if (!o.choices.empty()) choices = Split(o.choices, ',');
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (!PlayScripted(st, choices[i], i + 1, error)) return false;
  const Session& s = p.session->session();
  if (screen == "feedback") {
    if (choices.empty() || s.info().mode != Mode::Training) {
      error = "--screen feedback needs at least one choice and training mode";
      return false;
    }
    st.screen = Screen::Play;  // the feedback panel of the last decision, even after an ending
    return true;
  }
  p.feedback_for.reset();
  if (screen == "end" || screen == "copy") {
    // Plays on with the first displayed choice (nothing ticked on checklists) to an ending.
    while (s.state() != SessionState::Ended) {
      if (s.state() == SessionState::AtScene) {
        ContinueScene(st);
        continue;
      }
      std::string next = s.state() == SessionState::AwaitingChoice ? s.AvailableChoices().front()->id : "-";
      if (!PlayScripted(st, next, s.History().size() + 1, error)) return false;
    }
    p.feedback_for.reset();
    st.screen = Screen::End;
    if (screen == "copy") OpenFolderPanel(p.save_copy, st);
    return true;
  }
  if (s.state() == SessionState::Ended) {
    st.screen = Screen::End;
    return true;
  }
  st.screen = Screen::Play;
  if (screen == "confirm") {
    while (s.state() == SessionState::AtScene) ContinueScene(st);
    if (s.state() == SessionState::AwaitingChoice) {
      SelectChoice(st, s.AvailableChoices().front()->id);
    } else if (s.state() == SessionState::AwaitingChecklist) {
      auto items = s.ChecklistItems();
      for (std::size_t i = 0; i < items.size() && i < 2; ++i) ToggleItem(st, items[i]->id);
      AskConfirmChecklist(st);
    }
  } else if (screen == "close") {
    p.confirm_close = true;
  }
  return true;
}

}  // namespace player

void InitPlayer(AppState& st) {
  PlayerState& p = st.player;
  std::string warning;
  WorkshopSettings workshop = LoadWorkshopSettings(WorkshopSettingsPath(), warning);
  if (!warning.empty()) st.notices.push_back(warning);
  p.workshop_mode = workshop.mode;
  if (auto m = ParseMode(st.options.mode)) {
    p.workshop_mode = *m;
    p.mode_from_command_line = true;
  }
  // A broken scenario is left out of the cards; say which and where, so it can be fixed.
  for (const auto& f : st.library.files) {
    if (f.errors == 0) continue;
    auto first = std::find_if(f.diagnostics.begin(), f.diagnostics.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
    if (first != f.diagnostics.end())
      st.notices.push_back(st.tr.Format("start.broken_file", {FormatDiagnostic(*first), std::to_string(f.errors)}));
  }
  auto scenarios = st.library.Scenarios();
  if (!scenarios.empty()) p.selected_scenario = scenarios.front()->id;
  if (!st.options.scenario.empty() && st.library.FindScenario(st.options.scenario)) {
    p.selected_scenario = st.options.scenario;
    p.scroll_to = st.options.scenario;
  }
  player::RefreshResumeOffers(st);
  if (!st.options.screen.empty()) {
    std::string error;
    if (!player::RunScreenHook(st, error)) {
      std::fprintf(stderr, "sigap: %s\n", error.c_str());
      st.quit_requested = true;  // no screenshot: the caller sees the failure
    }
  }
}

}  // namespace sigap::app
