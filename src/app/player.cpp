// The participant face's actions and its start-up (the --screen test hook is screen_hook.cpp).
// [SECTION] Helpers
// [SECTION] Start and resume
// [SECTION] Decisions
// [SECTION] Saving
// [SECTION] Closing the window
// [SECTION] Start-up
#include "player.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "folders.h"
#include "paths.h"
#include "portraits.h"
#include "screen_hook.h"
#include "raise.h"
#include "platform/utf8_path.h"
#include "screens.h"
#include "sigap_version.h"
#include "text.h"
#include "widgets.h"
#include "workshop.h"

namespace sigap::app {

namespace fs = std::filesystem;

// =============================================================================================
// [SECTION] Helpers
// =============================================================================================
namespace {

std::int64_t ToMs(double seconds) { return static_cast<std::int64_t>(std::llround(seconds * 1000.0)); }

// A name as people compare names: without case or surrounding spaces.
std::string Folded(const std::string& s) {
  std::string out;
  for (unsigned char c : s) out += static_cast<char>(std::tolower(c));
  auto b = out.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return out.substr(b, out.find_last_not_of(" \t") - b + 1);
}

std::string Trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// A new node is on screen: nothing is selected and its clock starts now.
void ResetDecision(PlayerState& p, double now) {
  p.selected_choice.clear();
  p.ticked.clear();
  p.confirming_checklist = false;
  p.scroll_to.clear();
  p.decision_shown_at = now;
  // A resumed timed decision continues its countdown where the crash or kill stopped it.
  if (p.session) p.decision_shown_at -= static_cast<double>(p.session->TimeOnDecisionBeforeResume()) / 1000.0;
  p.clock_noted_at = now;
  p.timer_stopped = false;
  p.decide_error.clear();
  p.notice.clear();
}

// The room's phase meets the session: the lobby and a pause stop the clocks; a pause is logged.
void ApplyRoomPhase(AppState& st) {
  PlayerState& p = st.player;
  const RoomPhase phase = p.room && p.room_conduct ? p.room_conduct->phase : RoomPhase::Running;
  auto restart_clocks = [&] {
    const double stood = st.now - p.paused_at;
    p.opened_at += stood;
    p.decision_shown_at += stood;
    p.clock_noted_at += stood;
    p.paused_at = 0;
    p.clocks_stopped = false;
  };
  if (!p.InProgress()) {
    p.in_lobby = false;
    p.paused_by_room = false;
    p.paused_at = 0;
    p.clocks_stopped = false;
    return;
  }
  if (p.in_lobby && phase != RoomPhase::Lobby) {
    p.in_lobby = false;
    restart_clocks();  // the session's time starts with "start all"
  }
  if (phase == RoomPhase::Paused && !p.paused_by_room && !p.in_lobby) {
    const std::int64_t at = player::SessionMs(st);
    p.paused_at = st.now;
    p.clocks_stopped = true;
    p.paused_by_room = true;
    (void)p.session->Pause(at);  // a failed write shows with the next decision (SAV002)
    if (p.room) p.room->Notify();
  } else if (phase != RoomPhase::Paused && p.paused_by_room) {
    const std::int64_t paused_ms = static_cast<std::int64_t>((st.now - p.paused_at) * 1000.0 + 0.5);
    const std::int64_t at = player::SessionMs(st);
    p.paused_by_room = false;
    (void)p.session->Resume(at, paused_ms);
    restart_clocks();
    if (p.room) p.room->Notify();
  }
}

void OpenSession(AppState& st, RecordedSession rs) {
  PlayerState& p = st.player;
  p.session.emplace(std::move(rs));
  p.paused_at = 0;
  p.clocks_stopped = false;
  p.paused_by_room = false;
  p.in_lobby = false;
  if (p.room) {
    p.room->SetLogPath(p.session->log_path());
    // "Start together": a new session waits in the lobby, its clocks stopped, until "start all".
    if (p.room_conduct && p.room_conduct->phase == RoomPhase::Lobby && p.session->session().History().empty()) {
      p.in_lobby = true;
      p.paused_at = st.now;
      p.clocks_stopped = true;
    }
  }
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
    p.save_elsewhere.message = st.tr.Describe(p.session->unsaved());
  }
  LoadPortraits(st);
  st.screen = s.state() == SessionState::Ended ? Screen::End : Screen::Play;
  if (p.in_lobby) {  // ResetDecision above restarted the decision clock
    p.paused_at = st.now;
    p.clocks_stopped = true;
  }
  ApplyRoomPhase(st);
}

// After Choose / SubmitChecklist / TimeOut: the decision is on disk (or the failure is shown).
void AfterDecision(AppState& st, const DecideResult& r) {
  PlayerState& p = st.player;
  if (r.refused) {
    p.decide_error = st.tr.Describe(*r.refused);
    return;
  }
  if (p.room) p.room->Notify();  // the record is on disk: the room gets a copy in the background
  const Session& s = p.session->session();
  if (!r.saved) {
    player::OpenFolderPanel(p.save_elsewhere, st);
    p.save_elsewhere.message = st.tr.Describe(r.save_problem);
  }
  ResetDecision(p, st.now);
  if (s.info().mode == Mode::Training) p.feedback_for = s.History().size() - 1;
  else if (s.state() == SessionState::Ended) st.screen = Screen::End;
}

}  // namespace

namespace player {

// While the room holds the clocks (lobby, pause) they read the moment they stopped.
static double ClockNow(const AppState& st) { return st.player.clocks_stopped ? st.player.paused_at : st.now; }
bool ClocksStopped(const AppState& st) { return st.player.clocks_stopped; }
std::int64_t SessionMs(const AppState& st) { return st.player.at_offset_ms + ToMs(ClockNow(st) - st.player.opened_at); }
std::int64_t DecisionMs(const AppState& st) {
  return std::max<std::int64_t>(0, ToMs(ClockNow(st) - st.player.decision_shown_at));
}

std::optional<double> SecondsLeft(const AppState& st) {
  const PlayerState& p = st.player;
  if (!p.session || p.feedback_for || p.timer_stopped) return std::nullopt;
  const Session& s = p.session->session();
  if (s.state() != SessionState::AwaitingChoice && s.state() != SessionState::AwaitingChecklist) return std::nullopt;
  auto seconds = s.TimerSeconds();
  if (!seconds) return std::nullopt;
  return p.decision_shown_at + *seconds - ClockNow(st);
}

// =============================================================================================
// [SECTION] Live room
// =============================================================================================

void SetRoomAddress(AppState& st, const std::string& typed) { st.player.room_address = typed; }

void SetRoomCode(AppState& st, const std::string& typed) {
  std::string code;
  for (unsigned char c : typed)
    if (std::isalnum(c) && code.size() < 32) code += static_cast<char>(std::toupper(c));
  st.player.room_code = code;
}

void SearchRooms(AppState& st) {
  std::weak_ptr<LoopWake> wake = st.loop_wake;
  st.player.room_search = SearchLiveRooms([wake] {
    if (auto w = wake.lock()) w->Signal();
  });
}

void UseFoundRoom(AppState& st, const std::string& address) { st.player.room_address = address; }

void JoinRoom(AppState& st) {
  PlayerState& p = st.player;
  p.room_error.clear();
  p.room_refusal.clear();
  p.room_conduct.reset();
  p.room_connected = false;
  p.room.reset();
  if (Trim(p.room_address).empty() || p.room_code.empty()) {
    p.room_error = st.tr("room.join.need_both");
    return;
  }
  std::string error;
  std::weak_ptr<LoopWake> wake = st.loop_wake;
  auto link = JoinLiveRoom(Trim(p.room_address), p.room_code, [wake] {
    if (auto w = wake.lock()) w->Signal();
  }, error);
  if (!link) {
    p.room_error = st.tr.Format("room.join.failed", {error});
    return;
  }
  p.room = std::move(link);
  if (p.session) p.room->SetLogPath(p.session->log_path());
}

void LeaveRoom(AppState& st) {
  PlayerState& p = st.player;
  p.room.reset();
  p.room_conduct.reset();
  p.room_connected = false;
  p.room_refusal.clear();
  ApplyRoomPhase(st);  // a pause or lobby held by the room ends with it
}

void RefreshRoom(AppState& st) {
  PlayerState& p = st.player;
  if (!p.room) return;
  p.room_conduct = p.room->conduct();
  p.room_connected = p.room->connected();
  p.room_refusal = p.room->refusal();
  ApplyRoomPhase(st);
}

// =============================================================================================
// [SECTION] Start and resume
// =============================================================================================

void RefreshResumeOffers(AppState& st) {
  st.player.resume_offers.clear();
  for (const auto& s : ListSessions(st.results_dir)) {
    if (!s.usable || s.finished) continue;
    st.player.resume_offers.push_back(ResumeOffer{s.path, s.info.team, s.scenario_id, s.info.started_utc, s.decisions,
                                                  st.library.FindScenario(s.scenario_id) != nullptr,
                                                  SessionLogOpenElsewhere(s.path)});
  }
}

void SelectScenario(AppState& st, const std::string& scenario_id) {
  st.player.selected_scenario = scenario_id;
  st.player.start_error.clear();
}

void FilterByAudience(AppState& st, const std::string& tag) {
  PlayerState& p = st.player;
  p.audience_filter = tag;
  if (tag.empty()) return;
  auto fits = [&](const std::string& id) {
    auto g = st.library.FindGuide(id);
    return g && std::find(g->audience_tags.begin(), g->audience_tags.end(), tag) != g->audience_tags.end();
  };
  if (fits(p.selected_scenario)) return;
  for (const auto& s : st.library.Scenarios())
    if (fits(s->id)) {
      SelectScenario(st, s->id);
      p.scroll_to = s->id;
      return;
    }
}

void SetLanguage(AppState& st, Lang lang) { st.tr.SetLanguage(lang); }

void SetTeam(AppState& st, const std::string& typed) {
  PlayerState& p = st.player;
  p.team = Utf8Truncate(typed, kTeamNameMax);
  p.team_cut = p.team.size() < typed.size();
  p.start_error.clear();
  p.confirm_same_team = false;  // a new name: check again
}

void SetMembers(AppState& st, const std::string& typed) { st.player.members = Utf8Truncate(typed, kMembersMax); }

void OpenFacilitator(AppState& st) {
  if (st.player.InProgress()) return;  // never from a team's session: the start screen only
  st.facilitator.unlocked = false;
  st.screen = Screen::FacilitatorLock;
}

void LoadWorkshopFromStick(AppState& st) {
  PlayerState& p = st.player;
  // The stick the facilitator prepared, else the results folder (a shared drive).
  std::vector<std::string> places;
  for (const auto& f : FindFolders(st.tr)) places.push_back(f.path);
  places.push_back(st.results_dir);
  std::error_code ec;
  for (const auto& dir : places) {
    const std::string path = platform::PathToUtf8(platform::PathFromUtf8(dir) / kWorkshopFileName);
    if (!fs::is_regular_file(platform::PathFromUtf8(path), ec)) continue;
    std::string warning;
    IoError error;
    WorkshopSettings ws = LoadWorkshopSettings(path, warning);
    if (!warning.empty()) {
      p.settings_ok = false;
      p.settings_message = st.tr.Format("start.settings.bad", {path});
      return;
    }
    if (!SaveWorkshopSettings(WorkshopSettingsPath(), ws, error)) {
      p.settings_ok = false;
      p.settings_message = st.tr.Format("start.settings.not_saved", {WorkshopSettingsPath(), st.tr.Cause(error)});
      return;
    }
    st.facilitator.workshop = ws;
    if (!p.mode_from_command_line) p.workshop_mode = ws.mode;
    p.settings_ok = true;
    p.settings_message = st.tr.Format("start.settings.loaded", {path, ui::ModeLabel(st.tr, ws.mode)});
    return;
  }
  p.settings_ok = false;
  p.settings_message = st.tr.Format("start.settings.none", {kWorkshopFileName});
}

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
  // Two teams with one name on one laptop: the facilitator could not tell them apart. Ask once.
  if (!p.confirm_same_team) {
    for (const auto& s : ListSessions(st.results_dir)) {
      if (!s.usable || Folded(s.info.team) != Folded(team)) continue;
      p.confirm_same_team = true;
      p.same_team_started = ui::LocalTime(s.info.started_utc);
      return false;
    }
  }
  p.confirm_same_team = false;
  auto catalogue = st.library.FindCatalogue(scenario->sop_catalogue);
  SessionInfo info;
  info.team = team;
  info.members = Trim(p.members);
  info.laptop = p.laptop;
  info.lang = st.tr.Language();
  info.mode = p.workshop_mode;
  info.seed = st.options.seed > 0 ? st.options.seed : NewSessionSeed();
  info.app_version = SIGAP_VERSION;
  auto started = RecordedSession::Start(scenario, catalogue, info, st.results_dir);
  if (auto* err = std::get_if<Problem>(&started)) {
    p.start_error = st.tr.Describe(*err);
    return false;
  }
  OpenSession(st, std::move(std::get<RecordedSession>(started)));
  return true;
}

bool ResumeSession(AppState& st, const std::string& log_path) {
  auto resumed = RecordedSession::Resume(log_path, st.library);
  if (auto* err = std::get_if<Problem>(&resumed)) {
    if (err->code == "RES006") {  // open in another window: offer to bring it forward or to wait
      st.player.busy_log = log_path;
      st.player.start_error.clear();
      return false;
    }
    st.player.start_error = st.tr.Describe(*err);
    return false;
  }
  st.player.busy_log.clear();
  st.player.waiting_for_busy = false;
  st.player.raise_message.clear();
  OpenSession(st, std::move(std::get<RecordedSession>(resumed)));
  st.tr.SetLanguage(st.player.session->session().info().lang);  // as the team chose at the start
  if (st.player.session->scenario_changed() || st.player.session->catalogue_changed())
    st.player.notice = st.tr("play.scenario_changed");
  return true;
}

void NoteTimer(AppState& st) {
  PlayerState& p = st.player;
  if (!p.session) return;
  p.clock_noted_at = st.now;
  p.session->NoteTimeOnDecision(DecisionMs(st));
}

void BringSessionForward(AppState& st) {
  IoError error;
  if (RequestRaise(ConfigDir(), st.player.busy_log, error)) st.player.raise_message = st.tr("start.busy.raised");
  else st.player.raise_message = st.tr.Format("start.busy.raise_failed", {st.tr.Cause(error)});
}

void WaitForBusySession(AppState& st) { st.player.waiting_for_busy = true; }

void ForgetBusySession(AppState& st) {
  st.player.busy_log.clear();
  st.player.waiting_for_busy = false;
  st.player.raise_message.clear();
  RefreshResumeOffers(st);
}

void ShowStartScreen(AppState& st) { st.screen = Screen::Start; }

void ScrollTo(AppState& st, const std::string& id) { st.player.scroll_to = id; }

void ScrolledIntoView(AppState& st) { st.player.scroll_to.clear(); }

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
  // What the team selected or ticked is their answer, even though they did not confirm it.
  bool checklist = p.session->session().state() == SessionState::AwaitingChecklist;
  std::vector<std::string> selected = checklist ? p.ticked : std::vector<std::string>{};
  if (!checklist && !p.selected_choice.empty()) selected.push_back(p.selected_choice);
  DecideResult r = p.session->TimeOut(DecisionMs(st), SessionMs(st), selected);
  if (r.refused) p.timer_stopped = true;  // e.g. the default is not available: let the team choose
  AfterDecision(st, r);
}

void TimeOutIfDue(AppState& st) {
  if (auto left = SecondsLeft(st); left && *left <= 0) TimeOut(st);
}

bool ContinueScene(AppState& st) {
  PlayerState& p = st.player;
  if (!p.session || p.session->session().state() != SessionState::AtScene) return false;
  if (auto refused = p.session->Continue()) {
    p.decide_error = st.tr.Describe(*refused);
    return false;
  }
  ResetDecision(p, st.now);
  if (p.session->session().state() == SessionState::Ended) st.screen = Screen::End;
  return true;
}

void DismissFeedback(AppState& st) {
  PlayerState& p = st.player;
  p.feedback_for.reset();
  ResetDecision(p, st.now);  // the next decision's clock starts when the team sees it
  if (p.session && p.session->session().state() == SessionState::Ended) st.screen = Screen::End;
}

void ShowEndScreen(AppState& st) { st.screen = Screen::End; }

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

namespace {
FolderPanel& MutablePanel(PlayerState& p, SavePanel which) {
  return which == SavePanel::Copy ? p.save_copy : p.save_elsewhere;
}
}  // namespace

const FolderPanel& PanelOf(const PlayerState& p, SavePanel which) {
  return which == SavePanel::Copy ? p.save_copy : p.save_elsewhere;
}

void OpenFolderPanel(AppState& st, SavePanel which) { OpenFolderPanel(MutablePanel(st.player, which), st); }

void CloseFolderPanel(AppState& st, SavePanel which) { MutablePanel(st.player, which).open = false; }

void SetFolderPath(AppState& st, SavePanel which, const std::string& typed) {
  MutablePanel(st.player, which).path = typed;
}

void SaveToFolder(AppState& st, SavePanel which, const std::string& dir) {
  if (which == SavePanel::Copy) SaveCopy(st, dir);
  else SaveElsewhere(st, dir);
}

void SaveElsewhere(AppState& st, const std::string& dir) {
  PlayerState& p = st.player;
  FolderPanel& panel = p.save_elsewhere;
  panel.path = dir;
  if (!p.session) return;
  if (!UsableFolder(dir, st.tr, panel.message)) {
    panel.ok = false;
    return;
  }
  if (auto problem = p.session->SaveElsewhere(dir)) {
    panel.ok = false;
    panel.message = st.tr.Describe(*problem);
    return;
  }
  panel.ok = true;
  panel.message = st.tr.Format("save.elsewhere_done", {p.session->log_path()});
  if (p.room) p.room->SetLogPath(p.session->log_path());
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
  std::string copied;
  if (auto problem = p.session->CopyLogTo(dir, copied)) {
    panel.ok = false;
    panel.message = st.tr.Describe(*problem);
    return;
  }
  panel.ok = true;
  panel.message = st.tr.Format("save.copy_done", {copied});
}

void BackToStart(AppState& st) {
  PlayerState& p = st.player;
  p.session.reset();
  p.paused_at = 0;
  p.clocks_stopped = false;
  p.paused_by_room = false;
  p.in_lobby = false;
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

void AskLeave(AppState& st) {
  if (!st.player.InProgress()) return;
  st.player.confirm_leave = true;
  st.player.save_copy.open = st.player.save_elsewhere.open = false;  // one dialog at a time
}

void CancelLeave(AppState& st) { st.player.confirm_leave = false; }

void LeaveSession(AppState& st) {
  st.player.confirm_leave = false;
  BackToStart(st);  // every decision is already on disk: the session is offered for resume
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

}  // namespace player

// =============================================================================================
// [SECTION] Start-up
// =============================================================================================

void InitPlayer(AppState& st) {
  PlayerState& p = st.player;
  std::string warning;
  WorkshopSettings workshop = LoadWorkshopSettings(WorkshopSettingsPath(), warning);
  if (!warning.empty()) st.notices.push_back(warning);
  p.workshop_mode = workshop.mode;
  p.laptop = LaptopPseudonym(ConfigDir());
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
  if (!st.options.join.empty()) {
    player::SetRoomAddress(st, st.options.join);
    player::SetRoomCode(st, st.options.room_code);
    player::JoinRoom(st);
    // The room answers within milliseconds on a local network; a session the test hook starts
    // next must already know whether to wait in the lobby (at most 3 s).
    for (int i = 0; i < 150 && p.room && !p.room->conduct() && p.room->refusal().empty(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    player::RefreshRoom(st);
  }
  if (!st.options.screen.empty()) {
    std::string error;
    if (!player::RunScreenHook(st, error)) {
      std::fprintf(stderr, "sigap: %s\n", error.c_str());
      st.quit_requested = true;  // no screenshot: the caller sees the failure
      st.exit_code = 1;
    }
  }
}

}  // namespace sigap::app
