// The --screen test hook (screen_hook.h), for both faces.
// [SECTION] Participant: a scripted session
// [SECTION] Facilitator: the screen and selection asked for
#include "screen_hook.h"

#include "answer.h"
#include "facilitator_actions.h"
#include "player.h"

namespace sigap::app {

// =============================================================================================
// [SECTION] Participant: a scripted session
// =============================================================================================
namespace player {

namespace {

// Plays one scripted answer as the screens would: select + confirm, tick + submit, or select or
// tick and let the clock run out.
bool PlayScripted(AppState& st, const Answer& answer, std::size_t number, std::string& error) {
  PlayerState& p = st.player;
  p.feedback_for.reset();
  while (p.session->session().state() == SessionState::AtScene)
    if (!ContinueScene(st)) {
      error = p.decide_error;
      return false;
    }
  const Session& s = p.session->session();
  const std::string text = FormatAnswer(answer);
  if (s.state() == SessionState::Ended) {
    error = "--choices: the scenario ended before choice " + std::to_string(number) + " ('" + text + "')";
    return false;
  }
  std::size_t before = s.History().size();
  const bool checklist = s.state() == SessionState::AwaitingChecklist;
  if (checklist) {
    for (const auto& item : answer.ids) ToggleItem(st, item);
  } else if (answer.ids.size() == 1) {
    SelectChoice(st, answer.ids.front());
  }
  if (answer.timed_out) TimeOut(st);
  else if (checklist) SubmitChecklist(st);
  else ConfirmChoice(st);
  if (s.History().size() == before) {
    std::string available;
    for (const auto& id : s.ShownOptions()) available += (available.empty() ? "" : ", ") + id;
    error = "--choices: choice " + std::to_string(number) + " ('" + text + "') at " + s.CurrentNode().id + ": " +
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
  if (screen != "play" && screen != "feedback" && screen != "confirm" && screen != "end" && screen != "copy" &&
      screen != "close")
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
  p.confirm_same_team = true;  // a scripted start is deliberate: no question about the name
  if (!StartSession(st)) {
    error = p.start_error;
    return false;
  }
  std::string why;
  auto choices = ParseAnswerList(o.choices, &why);
  if (!choices) {
    error = "--choices: " + why;
    return false;
  }
  for (std::size_t i = 0; i < choices->size(); ++i)
    if (!PlayScripted(st, (*choices)[i], i + 1, error)) return false;
  const Session& s = p.session->session();
  if (screen == "feedback") {
    if (choices->empty() || s.info().mode != Mode::Training) {
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
        if (!ContinueScene(st)) {
          error = p.decide_error;
          return false;
        }
        continue;
      }
      Answer next;
      if (s.state() == SessionState::AwaitingChoice) next.ids = {s.AvailableChoices().front()->id};
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
    while (s.state() == SessionState::AtScene)
      if (!ContinueScene(st)) {
        error = p.decide_error;
        return false;
      }
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

// =============================================================================================
// [SECTION] Facilitator: the screen and selection asked for
// =============================================================================================
void ApplyFacilitatorLaunchOptions(AppState& state) {
  auto& f = state.facilitator;
  const GuiOptions& o = state.options;
  if (!o.scenario.empty())
    for (std::size_t i = 0; i < f.book.Scenarios().size(); ++i)
      if (f.book.Scenarios()[i].scenario->id == o.scenario) SelectScenario(state, i);
  if (o.screen == "heatmap") f.tab = DashboardTab::Heat;
  else if (o.screen == "decisions") f.tab = DashboardTab::Decisions;
  else if (o.screen == "workshop") f.tab = DashboardTab::Workshop;
  if (o.screen == "map") {
    state.screen = Screen::Map;
    const auto* d = f.book.Scenarios().empty() ? nullptr : &f.book.Scenarios()[f.scenario];
    if (d && !d->teams.empty()) {
      // A team's path on the map, for screenshots: the --team pseudonym if it played.
      for (std::size_t i = 0; i < d->teams.size(); ++i)
        if (d->teams[i]->team() == o.team) f.map_team = static_cast<int>(i);
      // --slide N on the map: the team's path replayed up to its Nth node.
      if (f.map_team >= 0 && o.slide > 0) {
        StepMapPath(state, 1);
        StepMapPath(state, o.slide - 1);
      }
    }
  } else if (o.screen == "room") {
    OpenRoom(state);  // the live room on the projector (--room-port; the folder's logs are taken up)
  } else if (o.screen == "present") {
    StartPresentation(state);
    if (o.slide > 0) {
      f.slide = 0;
      MoveSlide(state, o.slide - 1);
    }
  } else {
    state.screen = Screen::Dashboard;
  }
}

}  // namespace sigap::app
