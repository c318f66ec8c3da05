// The facilitator face's state changes. Screens push these as actions; they run after the frame.
// [SECTION] Start-up and lock
// [SECTION] Import
// [SECTION] Selection and screens
// [SECTION] Map
// [SECTION] Presentation
// [SECTION] Live room
// [SECTION] Export
#include "facilitator_actions.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

#include "author_actions.h"
#include "facilitator_slides.h"
#include "file_io.h"
#include "folders.h"
#include "platform/clock.h"
#include "platform/folders.h"
#include "platform/utf8_path.h"
#include "screen_hook.h"
#include "screens.h"
#include "session_log.h"

namespace sigap::app {

namespace fs = std::filesystem;

// =============================================================================================
// [SECTION] Start-up and lock
// =============================================================================================
namespace {

bool IsFacilitatorScreenName(const std::string& name) {
  return name == "dashboard" || name == "teams" || name == "heatmap" || name == "decisions" || name == "workshop" ||
         name == "map" || name == "present" || name == "lock" || name == "room";
}

bool ValidPin(const std::string& pin) {
  return pin.size() >= kPinMinDigits && pin.size() <= kPinMaxDigits &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string SettingsPath(const AppState& state) {
  return state.facilitator.workshop_path.empty() ? WorkshopSettingsPath() : state.facilitator.workshop_path;
}

bool SaveSettings(AppState& state) {
  auto& f = state.facilitator;
  IoError error;
  if (SaveWorkshopSettings(SettingsPath(state), f.workshop, error)) return true;
  f.settings_error = true;
  f.settings_message = state.tr.Format("fac.settings.save_failed", {SettingsPath(state), state.tr.Cause(error)});
  return false;
}

bool RestoreImports(AppState& state);

void Unlock(AppState& state) {
  auto& f = state.facilitator;
  const bool first = !f.first_import_done && f.book.Empty() && f.book.Sources().empty();
  f.unlocked = true;
  f.pin_entry.clear();
  f.pin_first.clear();
  f.lock_message.clear();
  f.failed_attempts = 0;
  state.screen = Screen::Dashboard;
  if (f.unlock_to_author) {
    f.unlock_to_author = false;
    author::OpenAuthor(state, "");
  }
  if (!first) return;
  f.first_import_done = true;
  // The first time in: the folders named on the command line, else what was imported before
  // this restart, else this laptop's results.
  std::vector<std::string> paths = state.options.import_paths;
  std::error_code ec;
  if (paths.empty() && RestoreImports(state)) {
    ApplyFacilitatorLaunchOptions(state);
    return;
  }
  if (paths.empty() && !state.results_dir.empty() && fs::is_directory(platform::PathFromUtf8(state.results_dir), ec))
    paths.push_back(state.results_dir);
  if (!paths.empty()) {
    ImportPaths(state, paths);
    f.import_field = paths.front();
  }
  ApplyFacilitatorLaunchOptions(state);
}

}  // namespace

void InitFacilitator(AppState& state) {
  auto& f = state.facilitator;
  f.tr_id = state.tr;
  f.tr_id.SetLanguage(Lang::Id);
  f.tr_en = state.tr;
  f.tr_en.SetLanguage(Lang::En);
  f.workshop = LoadWorkshopSettings(SettingsPath(state), f.workshop_warning);
  f.anonymise = state.options.anonymise;
  f.room_port = state.options.room_port;
  f.import_field = state.results_dir;
  f.export_dir = state.results_dir;
  if (const auto drives = platform::RemovableDrives(); !drives.empty()) f.stick_dir = drives.front().path;
  if (!state.options.facilitator && !IsFacilitatorScreenName(state.options.screen)) return;
  state.screen = Screen::FacilitatorLock;
  // --pin: enters the PIN (or sets it, the first time) as if typed, for tests and screenshots.
  if (!state.options.pin.empty()) {
    f.pin_entry = state.options.pin;
    if (f.workshop.HasPin()) {
      PinSubmit(state);
    } else if (ValidPin(state.options.pin)) {
      f.pin_first = state.options.pin;
      PinSubmit(state);
    } else {
      f.pin_entry.clear();
      f.lock_message = "fac.lock.bad_format";
    }
  }
}

void PinDigit(AppState& state, char digit) {
  auto& f = state.facilitator;
  if (digit < '0' || digit > '9') return;
  if (f.pin_entry.size() < kPinMaxDigits) f.pin_entry.push_back(digit);
  f.lock_message.clear();
}

void PinBackspace(AppState& state) {
  auto& f = state.facilitator;
  if (!f.pin_entry.empty()) f.pin_entry.pop_back();
  f.lock_message.clear();
}

void PinSubmit(AppState& state) {
  auto& f = state.facilitator;
  const std::string entry = f.pin_entry;
  f.pin_entry.clear();
  if (!ValidPin(entry)) {
    f.lock_message = "fac.lock.bad_format";
    return;
  }
  if (f.workshop.HasPin()) {
    if (f.workshop.CheckPin(entry)) {
      Unlock(state);
    } else {
      ++f.failed_attempts;
      f.lock_message = "fac.lock.wrong";
    }
    return;
  }
  // Setting the PIN the first time: typed twice, so a slip of the finger does not lock her out.
  if (f.pin_first.empty()) {
    f.pin_first = entry;
    f.lock_message.clear();
    return;
  }
  if (entry != f.pin_first) {
    f.pin_first.clear();
    f.lock_message = "fac.lock.mismatch";
    return;
  }
  f.workshop.SetPin(entry);
  if (SaveSettings(state)) {
    f.settings_error = false;
    f.settings_message = state.tr.Format("fac.settings.pin_saved", {SettingsPath(state)});
  }
  Unlock(state);
}

void Lock(AppState& state) {
  auto& f = state.facilitator;
  f.unlocked = false;
  f.pin_entry.clear();
  f.pin_first.clear();
  f.lock_message.clear();
  if (state.screen == Screen::Present) LeavePresentation(state);
  state.screen = Screen::FacilitatorLock;
}

// The lock screen's "back" is the participants' way out: a live room stays open behind it (only
// "Tutup ruang" or closing the window closes it), so no participant can close the room.
void LeaveLock(AppState& state) { state.screen = Screen::Start; }

void SetWorkshopMode(AppState& state, Mode mode) {
  auto& f = state.facilitator;
  f.workshop.mode = mode;
  // The participant side of this laptop follows at once: the next session starts in this mode.
  if (!state.player.mode_from_command_line) state.player.workshop_mode = mode;
  if (SaveSettings(state)) {
    f.settings_error = false;
    f.settings_message = state.tr.Format("fac.settings.mode_saved", {state.tr(mode == Mode::Training ? "fac.mode.training" : "fac.mode.assessment"),
                                                                     SettingsPath(state)});
  }
}

static std::string CleanPath(std::string p);

void SaveSettingsToStick(AppState& state, const std::string& raw_dir) {
  auto& f = state.facilitator;
  const std::string dir = CleanPath(raw_dir);
  f.stick_dir = dir;
  f.stick_error = true;
  std::string message;
  if (!UsableFolder(dir, state.tr, message)) {
    f.stick_message = message;
    return;
  }
  std::error_code ec;
  fs::create_directories(platform::PathFromUtf8(dir), ec);
  const std::string path = platform::PathToUtf8(platform::PathFromUtf8(dir) / kWorkshopFileName);
  IoError error;
  if (!SaveWorkshopSettings(path, f.workshop, error)) {
    f.stick_message = state.tr.Format("fac.stick.failed", {dir, state.tr.Cause(error)});
    return;
  }
  f.stick_error = false;
  f.stick_message = state.tr.Format("fac.stick.saved", {path});
}

void SetStickDir(AppState& state, const std::string& typed) { state.facilitator.stick_dir = typed; }

// =============================================================================================
// [SECTION] Import
// =============================================================================================
// A path as typed or pasted: without quotes, spaces or a file:// prefix; ~ is the home folder.
static std::string CleanPath(std::string p) {
  auto trim = [](std::string& s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    s.erase(0, i);
  };
  trim(p);
  if (p.size() >= 2 && (p.front() == '"' || p.front() == '\'') && p.back() == p.front()) p = p.substr(1, p.size() - 2);
  if (p.rfind("file://", 0) == 0) {
    p.erase(0, 7);
    std::string decoded;  // %20 and friends from a file manager's copied location
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '%' && i + 2 < p.size() && std::isxdigit(static_cast<unsigned char>(p[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(p[i + 2]))) {
        decoded.push_back(static_cast<char>(std::stoi(p.substr(i + 1, 2), nullptr, 16)));
        i += 2;
      } else {
        decoded.push_back(p[i]);
      }
    }
    p = decoded;
  }
  if (p.rfind("~/", 0) == 0)
    if (std::string home = platform::HomeDir(); !home.empty()) p = home + p.substr(1);
  return p;
}

namespace {

// The scenario on screen stays on screen when the debriefs are rebuilt; selections past the end go.
void KeepSelection(AppState& state, const std::string& scenario_id) {
  auto& f = state.facilitator;
  f.scenario = 0;
  for (std::size_t i = 0; i < f.book.Scenarios().size(); ++i)
    if (f.book.Scenarios()[i].scenario->id == scenario_id) f.scenario = i;
  const ScenarioDebrief* d = f.book.Scenarios().empty() ? nullptr : &f.book.Scenarios()[f.scenario];
  const int teams = d ? static_cast<int>(d->teams.size()) : 0;
  if (f.map_team >= teams) f.map_team = -1, f.map_step = -1;
  if (f.heat_team >= teams) f.heat_team = -1;
  if (d && f.decision >= d->decisions.size()) f.decision = 0;
}

std::string CurrentScenarioId(const AppState& state) {
  const auto& f = state.facilitator;
  return f.book.Scenarios().empty() ? std::string() : f.book.Scenarios()[std::min(f.scenario, f.book.Scenarios().size() - 1)].scenario->id;
}

// The import memory: {"sources": [paths as imported], "chosen": {session id: file key}}. Sources
// not found at the last start stay listed, so that the stick plugged in again is read next time.
void SaveImportMemory(AppState& state) {
  auto& f = state.facilitator;
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& p : f.book.Sources()) sources.push_back(p);
  for (const auto& p : f.missing_sources)
    if (std::find(f.book.Sources().begin(), f.book.Sources().end(), p) == f.book.Sources().end()) sources.push_back(p);
  nlohmann::json chosen = nlohmann::json::object();
  for (const auto& [id, key] : f.book.ChosenCopies()) chosen[id] = key;
  std::string error;
  const std::string path = ImportMemoryPath(state);
  if (WriteFileDurably(path, nlohmann::json{{"sources", sources}, {"chosen", chosen}}.dump(2) + "\n", error)) f.memory_message.clear();
  else f.memory_message = state.tr.Format("fac.memory.failed", {path, error});
}

// Imports again what was imported before the restart; false when there is no memory yet (the
// first start: the caller imports this laptop's results folder).
bool RestoreImports(AppState& state) {
  auto& f = state.facilitator;
  std::string text, error;
  std::error_code ec;
  const std::string path = ImportMemoryPath(state);
  if (!fs::exists(platform::PathFromUtf8(path), ec) || !ReadFileToString(path, text, error)) return false;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("sources") || !j["sources"].is_array()) return false;
  // An empty list is a deliberate "Kosongkan": the next start shows nothing imported either.
  if (j["sources"].empty()) return true;
  std::map<std::string, std::string> chosen;
  if (j.contains("chosen") && j["chosen"].is_object())
    for (const auto& [id, key] : j["chosen"].items())
      if (key.is_string()) chosen[id] = key.get<std::string>();
  std::vector<std::string> found;
  f.missing_sources.clear();
  for (const auto& s : j["sources"]) {
    if (!s.is_string()) continue;
    const std::string p = s.get<std::string>();
    if (fs::exists(platform::PathFromUtf8(p), ec)) found.push_back(p);
    else f.missing_sources.push_back(p);
  }
  f.book.SetChosenCopies(std::move(chosen));
  if (!found.empty()) {
    f.book.Add(found, state.library);
    KeepSelection(state, "");
    f.import_field = found.front();
  }
  std::string message = state.tr.Format("fac.import.restored", {std::to_string(f.book.Imported().sessions.size()), std::to_string(found.size())});
  if (!f.missing_sources.empty()) {
    std::string list;
    for (const auto& m : f.missing_sources) list += (list.empty() ? "" : ", ") + m;
    message += " " + state.tr.Format("fac.import.missing", {list});
  }
  f.import_message = message;
  return true;
}

}  // namespace

std::string ImportMemoryPath(const AppState& state) {
  return platform::PathToUtf8(platform::PathFromUtf8(SettingsPath(state)).parent_path() / "facilitator-imports.json");
}

void SetImportField(AppState& state, const std::string& typed) { state.facilitator.import_field = typed; }

void ImportDroppedPaths(AppState& state, const std::vector<std::string>& paths) {
  if (state.facilitator.unlocked) ImportPaths(state, paths);
}

void ImportPaths(AppState& state, const std::vector<std::string>& raw_paths) {
  auto& f = state.facilitator;
  std::vector<std::string> paths;
  for (const auto& r : raw_paths) {
    std::string p = CleanPath(r);
    if (!p.empty()) paths.push_back(p);
  }
  if (paths.empty()) {
    f.import_message = state.tr("fac.import.no_path");
    return;
  }
  const std::string scenario_id = CurrentScenarioId(state);
  const std::size_t added = f.book.Add(paths, state.library);
  // A remembered source found again is no longer missing.
  std::erase_if(f.missing_sources, [&](const std::string& m) { return std::find(paths.begin(), paths.end(), m) != paths.end(); });
  KeepSelection(state, scenario_id);
  f.import_message = state.tr.Format("fac.import.done", {std::to_string(added), std::to_string(f.book.Imported().sessions.size())});
  SaveImportMemory(state);
}

void AskClearImport(AppState& state) { state.facilitator.confirm_clear = !state.facilitator.book.Empty() || !state.facilitator.missing_sources.empty(); }

void CancelClearImport(AppState& state) { state.facilitator.confirm_clear = false; }

void ClearImport(AppState& state) {
  auto& f = state.facilitator;
  f.confirm_clear = false;
  f.undo_book = std::move(f.book);
  f.undo_missing = std::move(f.missing_sources);
  f.book = DebriefBook{};
  f.missing_sources.clear();
  f.scenario = 0;
  f.decision = 0;
  f.heat_step = f.heat_team = -1;
  f.map_team = f.map_step = -1;
  f.slide = 0;
  f.import_message = state.tr("fac.import.cleared");
  SaveImportMemory(state);
}

void UndoClearImport(AppState& state) {
  auto& f = state.facilitator;
  if (!f.undo_book) return;
  // What was imported since the clear stays: the sources come back beside it.
  DebriefBook since = std::move(f.book);
  f.book = std::move(*f.undo_book);
  f.undo_book.reset();
  for (const auto& m : f.undo_missing)
    if (std::find(f.missing_sources.begin(), f.missing_sources.end(), m) == f.missing_sources.end()) f.missing_sources.push_back(m);
  f.undo_missing.clear();
  if (!since.Sources().empty()) {
    auto chosen = f.book.ChosenCopies();
    for (const auto& [id, key] : since.ChosenCopies()) chosen.emplace(id, key);
    f.book.SetChosenCopies(std::move(chosen));
    f.book.Add(since.Sources(), state.library);
  }
  f.confirm_clear = false;
  KeepSelection(state, "");
  f.import_message = state.tr.Format("fac.import.undone", {std::to_string(f.book.Imported().sessions.size())});
  SaveImportMemory(state);
}

void ChooseSessionCopy(AppState& state, const std::string& session_id, const std::string& path) {
  auto& f = state.facilitator;
  std::string team;
  for (const auto& c : f.book.Conflicts())
    if (c.session_id == session_id) team = c.team;
  const std::string scenario_id = CurrentScenarioId(state);
  if (!f.book.ChooseCopy(session_id, path)) {
    f.import_message = state.tr("fac.conflict.not_chosen");
    return;
  }
  KeepSelection(state, scenario_id);
  f.import_message = state.tr.Format("fac.conflict.chosen", {team, platform::PathToUtf8(platform::PathFromUtf8(path).filename())});
  SaveImportMemory(state);
}

void ReopenSessionConflict(AppState& state, const std::string& session_id) {
  auto& f = state.facilitator;
  auto chosen = f.book.ChosenCopies();
  if (!chosen.erase(session_id)) return;
  std::string team;
  for (const auto& s : f.book.Imported().sessions)
    if (s.log.info.session_id == session_id) team = s.team();
  const std::string scenario_id = CurrentScenarioId(state);
  f.book.SetChosenCopies(std::move(chosen));
  f.book.Reload(state.library);
  KeepSelection(state, scenario_id);
  f.import_message = state.tr.Format("fac.conflict.reopened", {team});
  SaveImportMemory(state);
}

// =============================================================================================
// [SECTION] Selection and screens
// =============================================================================================

void SelectScenario(AppState& state, std::size_t index) {
  auto& f = state.facilitator;
  if (index >= f.book.Scenarios().size()) return;
  f.scenario = index;
  f.decision = 0;
  f.reveal_answer = false;
  f.heat_step = f.heat_team = -1;
  f.map_team = f.map_step = -1;
  f.slide = 0;
  ResetMapView(state);
}

void SelectDecision(AppState& state, std::size_t index) {
  auto& f = state.facilitator;
  if (f.book.Scenarios().empty()) return;
  const auto& d = f.book.Scenarios()[f.scenario];
  if (index >= d.decisions.size()) return;
  if (index != f.decision) f.reveal_answer = false;
  f.decision = index;
}

void MoveHeatCell(AppState& state, int d_row, int d_team) {
  auto& f = state.facilitator;
  if (f.book.Scenarios().empty()) return;
  const auto& d = f.book.Scenarios()[f.scenario];
  if (d.steps.empty() || d.teams.empty()) return;
  if (f.heat_step < 0 || f.heat_team < 0) {
    f.heat_step = 0;
    f.heat_team = 0;
    return;
  }
  f.heat_step = std::clamp(f.heat_step + d_row, 0, static_cast<int>(d.steps.size()) - 1);
  f.heat_team = std::clamp(f.heat_team + d_team, 0, static_cast<int>(d.teams.size()) - 1);
}

void SelectHeatCell(AppState& state, int step, int team) {
  state.facilitator.heat_step = step;
  state.facilitator.heat_team = team;
}

void ClearHeatCell(AppState& state) { SelectHeatCell(state, -1, -1); }

void ShowScreen(AppState& state, Screen screen) {
  if (!state.facilitator.unlocked) {
    state.screen = Screen::FacilitatorLock;
    return;
  }
  if (screen == Screen::Present) StartPresentation(state);
  else state.screen = screen;
}

void ShowTab(AppState& state, DashboardTab tab) { state.facilitator.tab = tab; }

void SetAnonymise(AppState& state, bool on) { state.facilitator.anonymise = on; }

void ToggleAnonymise(AppState& state) { SetAnonymise(state, !state.facilitator.anonymise); }

void ToggleRevealAnswer(AppState& state) { state.facilitator.reveal_answer = !state.facilitator.reveal_answer; }

// =============================================================================================
// [SECTION] Map
// =============================================================================================

void SelectMapTeam(AppState& state, int team) {
  auto& f = state.facilitator;
  const int n = f.book.Scenarios().empty() ? 0 : static_cast<int>(f.book.Scenarios()[f.scenario].teams.size());
  f.map_team = team >= 0 && team < n ? team : -1;
  f.map_step = -1;
}

void StepMapPath(AppState& state, int delta) {
  auto& f = state.facilitator;
  if (f.book.Scenarios().empty()) return;
  const auto& d = f.book.Scenarios()[f.scenario];
  if (d.teams.empty()) return;
  if (f.map_team < 0) {
    f.map_team = 0;
    f.map_step = -1;
  }
  const int len = static_cast<int>(d.teams[f.map_team]->path_nodes.size());
  if (len == 0) return;
  if (f.map_step < 0) f.map_step = delta > 0 ? 0 : len - 1;  // the replay starts from either end
  else f.map_step = std::clamp(f.map_step + delta, 0, len - 1);
}

void ZoomMap(AppState& state, float factor) {
  auto& f = state.facilitator;
  const float zoom = std::clamp(f.map_zoom * factor, 1.0f, 6.0f);
  const float applied = zoom / f.map_zoom;
  f.map_zoom = zoom;
  f.map_pan_x *= applied;  // zoom about the middle of the view
  f.map_pan_y *= applied;
}

void ResetMapView(AppState& state) {
  auto& f = state.facilitator;
  f.map_zoom = 1.0f;
  f.map_pan_x = f.map_pan_y = 0;
}

void PanMap(AppState& state, float dx, float dy) {
  state.facilitator.map_pan_x += dx;
  state.facilitator.map_pan_y += dy;
}

void ReplayMapPathFromStart(AppState& state) {
  ShowWholeMapPath(state);
  StepMapPath(state, 1);
}

void ShowWholeMapPath(AppState& state) { state.facilitator.map_step = -1; }

// =============================================================================================
// [SECTION] Presentation
// =============================================================================================

void StartPresentation(AppState& state) {
  auto& f = state.facilitator;
  if (!f.unlocked || f.book.Scenarios().empty() || state.screen == Screen::Present) return;
  f.return_to_map = state.screen == Screen::Map;
  f.was_fullscreen = state.fullscreen;
  state.screen = Screen::Present;
  f.present_lang = state.tr.Language();  // the room's language; L switches
  f.overview = false;
  f.jump.clear();
  if (!state.fullscreen) {
    state.fullscreen = true;
    state.fullscreen_dirty = true;
  }
  const auto slides = SlidesOf(state, f.scenario);
  if (f.slide >= slides.size()) f.slide = 0;
}

void LeavePresentation(AppState& state) {
  auto& f = state.facilitator;
  if (state.screen != Screen::Present) return;
  state.screen = f.return_to_map ? Screen::Map : Screen::Dashboard;
  if (!f.was_fullscreen && state.fullscreen) {
    state.fullscreen = false;
    state.fullscreen_dirty = true;
  }
}

std::set<std::string> ShownDecisions(const AppState& state, const ScenarioDebrief& d) {
  auto it = state.facilitator.shown_decisions.find(d.scenario->id);
  if (it != state.facilitator.shown_decisions.end()) return it->second;
  return DefaultShownDecisions(d, state.library.FindGuide(d.scenario->id).get());
}

std::vector<Slide> SlidesOf(const AppState& state, std::size_t index) {
  const auto& scenarios = state.facilitator.book.Scenarios();
  if (index >= scenarios.size()) return {};
  const std::set<std::string> shown = ShownDecisions(state, scenarios[index]);
  return BuildSlides(scenarios[index], &shown);
}

void ToggleShownDecision(AppState& state, const std::string& node) {
  auto& f = state.facilitator;
  if (f.book.Scenarios().empty()) return;
  const ScenarioDebrief& d = f.book.Scenarios()[f.scenario];
  std::set<std::string> shown = ShownDecisions(state, d);
  if (!shown.erase(node)) shown.insert(node);
  f.shown_decisions[d.scenario->id] = shown;
  f.slide = std::min(f.slide, SlidesOf(state, f.scenario).size() - 1);
}

void JumpToSlide(AppState& state, std::size_t number) {
  auto& f = state.facilitator;
  const std::size_t count = SlidesOf(state, f.scenario).size();
  if (number >= 1 && number <= count) f.slide = number - 1;
  f.jump.clear();
  f.overview = false;
}

void SwitchSlideLanguage(AppState& state) {
  auto& f = state.facilitator;
  f.present_lang = f.present_lang == Lang::Id ? Lang::En : Lang::Id;
}

void FirstSlide(AppState& state) { state.facilitator.slide = 0; }

void LastSlide(AppState& state) {
  auto& f = state.facilitator;
  if (!f.book.Scenarios().empty()) f.slide = SlidesOf(state, f.scenario).size() - 1;
}

void ToggleSlideOverview(AppState& state) {
  auto& f = state.facilitator;
  f.overview = !f.overview;
  f.jump.clear();
}

void CloseSlideOverview(AppState& state) {
  state.facilitator.overview = false;
  state.facilitator.jump.clear();
}

void TypeSlideDigit(AppState& state, char digit) {
  if (state.facilitator.jump.size() < 3) state.facilitator.jump.push_back(digit);
}

void JumpToTypedSlide(AppState& state) {
  if (state.facilitator.jump.empty()) return;
  JumpToSlide(state, static_cast<std::size_t>(std::stoul(state.facilitator.jump)));
}

void RememberSlideScale(AppState& state, const std::string& key, float scale) {
  state.facilitator.slide_scale_key = key;
  state.facilitator.slide_scale = scale;
}

void MoveSlide(AppState& state, int delta) {
  auto& f = state.facilitator;
  if (f.book.Scenarios().empty()) return;
  long target = static_cast<long>(f.slide) + delta;
  // Past either end: on to the next scenario's first slide, or back to the previous one's last.
  while (true) {
    const long count = static_cast<long>(SlidesOf(state, f.scenario).size());
    if (target >= count) {
      if (f.scenario + 1 >= f.book.Scenarios().size()) { target = count - 1; break; }
      target -= count;
      SelectScenario(state, f.scenario + 1);
    } else if (target < 0) {
      if (f.scenario == 0) { target = 0; break; }
      SelectScenario(state, f.scenario - 1);
      target += static_cast<long>(SlidesOf(state, f.scenario).size());
    } else {
      break;
    }
  }
  f.slide = static_cast<std::size_t>(std::max(0L, target));
}

// =============================================================================================
// [SECTION] Live room
// =============================================================================================

std::string LiveRoomDir(const AppState& state) {
  return platform::PathToUtf8(platform::PathFromUtf8(state.results_dir) / "ruang-langsung");
}

void OpenRoom(AppState& state) {
  auto& f = state.facilitator;
  f.room_error.clear();
  if (!f.room) {
    std::string name = f.room_name;
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
    std::weak_ptr<LoopWake> wake = state.loop_wake;  // the room's threads may outlive nothing: weak
    std::string error;
    auto room = OpenLiveRoom(LiveRoomDir(state), RoomOptions{name, f.room_start}, f.room_port,
                             state.options.room_code, [wake] {
      if (auto w = wake.lock()) w->Signal();
    }, error);
    if (!room) {
      f.room_error = state.tr.Format("room.open.failed", {error});
      state.screen = Screen::Room;
      return;
    }
    f.room = std::move(room);
    f.room_accepted_seen = -1;
    f.room_message.clear();
  }
  RefreshLiveRoom(state);
  state.screen = Screen::Room;
}

void CloseRoom(AppState& state) {
  auto& f = state.facilitator;
  if (!f.room) return;
  RefreshLiveRoom(state);  // the last records into the debrief
  f.room.reset();          // closes, and stops serving: the laptops show "disconnected"
  f.room_state = RoomState{};
  f.room_accepted_seen = -1;
}

void SetRoomName(AppState& state, const std::string& typed) { state.facilitator.room_name = typed.substr(0, 60); }
void SetRoomStart(AppState& state, RoomStart start) { state.facilitator.room_start = start; }
void SetRoomMessage(AppState& state, const std::string& typed) {
  state.facilitator.room_message = typed.substr(0, kRoomMaxMessageBytes);
}

namespace {
void RoomCommand(AppState& state, const std::function<bool(Room&)>& command) {
  auto& f = state.facilitator;
  if (!f.room) return;
  f.room->Command(command);
  RefreshLiveRoom(state);
}
}  // namespace

void RoomStartAll(AppState& state) { RoomCommand(state, [](Room& r) { return r.StartAll(); }); }
void RoomPauseAll(AppState& state) { RoomCommand(state, [](Room& r) { return r.PauseAll(); }); }
void RoomResumeAll(AppState& state) { RoomCommand(state, [](Room& r) { return r.ResumeAll(); }); }
void SendRoomMessage(AppState& state) {
  const std::string text = state.facilitator.room_message;
  RoomCommand(state, [text](Room& r) { return r.SetMessage(text); });
}

void RefreshLiveRoom(AppState& state) {
  auto& f = state.facilitator;
  if (!f.room) return;
  f.room_state = f.room->State();
  f.room_state_at = state.now;
  if (f.room_state.accepted == f.room_accepted_seen) return;
  f.room_accepted_seen = f.room_state.accepted;
  if (f.room_state.teams.empty()) return;
  // The room's folder is one more source of the debrief: imported once, then read again as
  // records arrive (the book rebuilds its debriefs; the selection on screen stays).
  const std::string dir = f.room->results_dir();
  const std::string scenario_id = CurrentScenarioId(state);
  const auto& sources = f.book.Sources();
  if (std::find(sources.begin(), sources.end(), dir) == sources.end()) {
    f.book.Add({dir}, state.library);
    SaveImportMemory(state);
  } else {
    f.book.Reload(state.library);
  }
  KeepSelection(state, scenario_id);
}

// =============================================================================================
// [SECTION] Export
// =============================================================================================

void Export(AppState& state, unsigned formats) {
  auto& f = state.facilitator;
  f.export_error = true;
  if (f.book.Scenarios().empty()) {
    f.export_message = state.tr("fac.export.nothing");
    return;
  }
  std::string dir = CleanPath(f.export_dir.empty() ? state.results_dir : f.export_dir);
  std::error_code ec;
  fs::create_directories(platform::PathFromUtf8(dir), ec);
  if (ec || !fs::is_directory(platform::PathFromUtf8(dir), ec)) {
    f.export_message = state.tr.Format("fac.export.no_folder", {dir, ec ? ec.message() : std::string()});
    return;
  }
  ExportRequest request = ExportsIn(dir, formats, LocalDate());
  request.lang = state.tr.Language();
  request.anonymise = f.anonymise;
  std::vector<std::string> written;
  std::vector<Problem> problems = WriteExports(f.book, request, &written);
  if (!problems.empty()) {
    f.export_message = state.tr.Describe(problems.front());
    return;
  }
  std::string names;
  for (const auto& w : written) names += (names.empty() ? "" : ", ") + platform::PathToUtf8(platform::PathFromUtf8(w).filename());
  f.export_error = false;
  f.export_message = state.tr.Format("fac.export.done", {names, dir});
}

void SetExportDir(AppState& state, const std::string& typed) { state.facilitator.export_dir = typed; }

}  // namespace sigap::app
