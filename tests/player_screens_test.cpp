// The participant screens drawn headlessly: a bare ImGui context with a built font atlas and no
// window or GL. Each test draws frames from a fixture state, presses keys as gui_main's key
// callback would, and checks what was queued and what it did to the session and its log.
#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "app_harness.h"
#include "app_state.h"
#include "layout_check.h"
#include "fonts.h"
#include "player.h"
#include "screens.h"
#include "test_support.h"
#include "theme.h"
#include "widgets.h"
#include "workshop.h"

using namespace sigap;
using namespace sigap::app;

namespace {

// Loaded once: the scenarios are immutable and shared.
const ContentLibrary& BundledLibrary() {
  static const ContentLibrary library = LoadLibrary({test::SourcePath("scenarios")});
  return library;
}

struct Harness : test::ScreenHarness {
  explicit Harness(const std::string& name, float zoom = 1.0f, ImVec2 size = ImVec2(1280, 720), Lang lang = Lang::Id,
                   const std::string& mode = "training")
      : test::ScreenHarness("player-" + name, size, zoom, lang) {
    // Hermetic: no workshop.json or settings from the machine running the tests.
    setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
    UseLibrary(BundledLibrary());
    st.options.mode = mode;
    st.options.seed = 7;  // every team gets its own order; tests fix one
    InitPlayer(st);
  }

  bool Step(std::vector<KeyPress> keys = {}) { return Frame(std::move(keys)); }
  // The key of the option shown at `place` (0 = first on screen): its letter.
  KeyPress Shown(std::size_t place) {
    const Session& s = session();
    const std::string id = s.ShownOptions().at(place);
    return test::Letter(s.CurrentNode().decision->OptionLetter(id)[0]);
  }
  std::string ShownId(std::size_t place) { return session().ShownOptions().at(place); }

  Session& session() { return st.player.session->session(); }
  void Start(const std::string& scenario, const std::string& team = "Tim Uji") {
    st.player.selected_scenario = scenario;
    st.player.team = team;
    REQUIRE(player::StartSession(st));
  }
  // Passes scenes (Enter) until a decision waits.
  void ToDecision() {
    for (int guard = 0; guard < 10 && session().state() == SessionState::AtScene; ++guard) Step({test::kEnter});
    REQUIRE((session().state() == SessionState::AwaitingChoice || session().state() == SessionState::AwaitingChecklist));
  }
  SessionLogData Log() { return ReadSessionLogFile(st.player.session->log_path()); }
  // The --screen/--scenario/--choices test hook, as the command line runs it.
  bool Hook(const std::string& screen, const std::string& scenario, const std::string& choices, std::string& error) {
    st.options.screen = screen;
    st.options.scenario = scenario;
    st.options.choices = choices;
    return player::RunScreenHook(st, error);
  }
  void Hook(const std::string& screen, const std::string& scenario, const std::string& choices) {
    std::string error;
    REQUIRE_MESSAGE(Hook(screen, scenario, choices, error), error);
  }
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("start screen: keys pick a scenario; Enter starts only with a team name") {
  Harness h("start");
  auto scenarios = h.st.library.Scenarios();
  REQUIRE(scenarios.size() >= 2);
  h.Step({test::Digit(2)});
  CHECK(h.st.player.selected_scenario == scenarios[1]->id);
  // At 1280x720 every bundled scenario's card is in view at once: the room sees there is a choice.
  ImGuiWindow* cards = nullptr;
  for (ImGuiWindow* w : GImGui->Windows)
    if (std::string(w->Name).find("##scenarios") != std::string::npos) cards = w;
  REQUIRE(cards);
  CHECK(cards->ScrollMax.y == 0.0f);
  h.Step({test::Digit(static_cast<int>(scenarios.size()))});
  for (int i = 0; i < 3; ++i) h.Step();
  CHECK(h.st.player.selected_scenario == scenarios.back()->id);
  CHECK(h.st.player.scroll_to.empty());

  h.st.player.team = "   ";
  h.Step({test::kEnter});
  CHECK(h.st.screen == Screen::Start);
  CHECK(!h.st.player.session);

  h.st.player.team = "Tim Elang";
  h.Step({test::kEnter});
  REQUIRE(h.st.player.session);
  CHECK(h.st.screen == Screen::Play);
  CHECK(h.session().scenario().id == scenarios.back()->id);
  CHECK(h.session().info().team == "Tim Elang");
  CHECK(h.session().info().mode == Mode::Training);
  CHECK(h.Log().has_header);  // the log exists before the first decision
}

TEST_CASE("the mode comes from the facilitator's workshop settings; --mode overrides it") {
  std::string dir = test::TempDir("player-workshop");
  setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
  WorkshopSettings ws;
  ws.mode = Mode::Assessment;
  std::string error;
  REQUIRE(SaveWorkshopSettings(WorkshopSettingsPath(), ws, error));
  {
    Harness h("workshop-mode", 1.0f, ImVec2(1280, 720), Lang::Id, "");
    setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
    InitPlayer(h.st);
    CHECK(h.st.player.workshop_mode == Mode::Assessment);
    CHECK(!h.st.player.mode_from_command_line);
    h.st.options.mode = "training";
    InitPlayer(h.st);
    CHECK(h.st.player.workshop_mode == Mode::Training);
    CHECK(h.st.player.mode_from_command_line);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("play screen: an option's own letter selects it wherever it is shown, Enter commits it, and it is in the log first") {
  Harness h("choose");
  h.Start("yuliana-nunukan");
  h.ToDecision();
  auto shown = h.session().AvailableChoices();
  REQUIRE(shown.size() >= 3);
  const std::string second = shown[1]->id;

  h.Step({h.Shown(1)});
  CHECK(h.st.player.selected_choice == second);
  CHECK(h.session().History().empty());  // selecting is the confirm step, not a decision

  h.st.now += 12.5;
  h.Step({test::kEnter});
  REQUIRE(h.session().History().size() == 1);
  CHECK(h.session().History()[0].choice == second);
  CHECK(h.session().History()[0].elapsed_ms == 12500);
  SessionLogData log = h.Log();
  REQUIRE(log.decisions.size() == 1);
  CHECK(log.decisions[0].choice == second);
  CHECK(h.st.player.feedback_for == std::optional<std::size_t>(0));  // training: feedback next
}

TEST_CASE("play screen: Esc cancels the selection; keys pressed within one frame keep their order") {
  Harness h("cancel");
  h.Start("yuliana-nunukan");
  h.ToDecision();
  auto shown = h.session().AvailableChoices();
  h.Step({h.Shown(2), test::kEscape, test::kEnter});
  CHECK(h.st.player.selected_choice.empty());
  CHECK(h.session().History().empty());

  h.Step({h.Shown(0), test::kEnter});  // a quick tap of both in one frame still commits the first shown
  REQUIRE(h.session().History().size() == 1);
  CHECK(h.session().History()[0].choice == shown[0]->id);

  h.Step({test::Letter('Z')});  // no option Z on the feedback panel: nothing happens
  CHECK(h.st.player.feedback_for.has_value());
}

TEST_CASE("checklists: letters toggle items, Enter asks to confirm, Esc goes back, Enter again submits") {
  Harness h("checklist");
  h.Start("yuliana-nunukan");
  h.ToDecision();
  h.Step({h.Shown(0), test::kEnter});       // dp1
  h.Step({test::kEnter});                   // feedback
  h.Step({h.Shown(0), test::kEnter});       // dp2
  h.Step({test::kEnter});                   // feedback
  REQUIRE(h.session().state() == SessionState::AwaitingChecklist);
  auto items = h.session().ChecklistItems();

  h.Step({h.Shown(2), h.Shown(0), h.Shown(1), h.Shown(1)});
  CHECK(h.st.player.ticked == std::vector<std::string>{items[0]->id, items[2]->id});
  h.Step({test::kEnter});
  CHECK(h.st.player.confirming_checklist);
  CHECK(h.session().History().size() == 2);
  h.Step({test::kEscape});
  CHECK(!h.st.player.confirming_checklist);
  CHECK(h.st.player.ticked.size() == 2);  // going back keeps the ticks
  h.Step({test::kEnter});
  h.Step({test::kEnter});
  REQUIRE(h.session().History().size() == 3);
  CHECK(h.session().History()[2].checklist);
  CHECK(h.session().History()[2].items == std::vector<std::string>{items[0]->id, items[2]->id});
  CHECK(h.Log().decisions.size() == 3);
}

TEST_CASE("with large type in a small window, an item picked by key is scrolled into view") {
  Harness h("scroll", 40.0f / 24.0f, ImVec2(1280, 720));
  h.Hook("play", "yuliana-nunukan", "a,a,-,a,a");  // dp6: nine indicators, below the story
  REQUIRE(h.session().ChecklistItems().size() == 9);
  h.Step();
  h.Step();
  ImGuiWindow* body = nullptr;
  for (ImGuiWindow* w : GImGui->Windows)
    if (std::string(w->Name).find("##narrow") != std::string::npos) body = w;
  REQUIRE(body);
  CHECK(body->Scroll.y == 0.0f);
  h.Step({h.Shown(8)});
  h.Step();
  h.Step();
  CHECK(body->Scroll.y > 0.0f);
  CHECK(h.st.player.scroll_to.empty());  // once: the team can scroll away again
}

TEST_CASE("a held key does not repeat: holding Enter asks to confirm a checklist but does not submit it") {
  Harness h("repeat");
  h.Hook("play", "yuliana-nunukan", "a,a");  // dp3, a checklist
  REQUIRE(h.session().state() == SessionState::AwaitingChecklist);
  KeyPress held = h.Shown(0);
  held.repeat = true;
  h.Step({h.Shown(0), held, held});
  CHECK(h.st.player.ticked.size() == 1);  // ticked once, not toggled on, off and on
  KeyPress held_enter = test::kEnter;
  held_enter.repeat = true;
  h.Step({test::kEnter, held_enter});
  CHECK(h.st.player.confirming_checklist);
  CHECK(h.session().History().size() == 2);
  h.Step({test::kEnter});               // a second, deliberate press submits
  CHECK(h.session().History().size() == 3);
}

TEST_CASE("timed decisions: the loop wakes once a second, and time running out records the default") {
  Harness h("timer");
  h.Start("liburan-johor-batam");
  h.ToDecision();
  const Decision& d = *h.session().CurrentNode().decision;
  REQUIRE(d.timer);
  const int seconds = *h.session().TimerSeconds();
  const double shown = h.st.player.decision_shown_at;

  h.st.now = shown + 2.3;
  CHECK_FALSE(h.Step());                      // a countdown needs no actions, only wake-ups...
  CHECK(h.st.wake_at > h.st.now);
  CHECK(h.st.wake_at <= shown + 3.01);        // the next whole second of the countdown
  h.st.now = shown + 3.3;
  CHECK(h.Step());                            // ...and every 3 s a note of the time spent, for a resume
  CHECK(std::filesystem::exists(RecordedSession::ClockPath(h.st.player.session->log_path())));
  CHECK_FALSE(h.Step());

  h.st.now = shown + seconds + 0.05;
  h.Step();
  REQUIRE(h.session().History().size() == 1);
  CHECK(h.session().History()[0].timed_out);
  CHECK(h.session().History()[0].choice == d.timer->default_choice);
  CHECK(h.Log().decisions.size() == 1);
  CHECK(h.Log().decisions[0].timed_out);
}

TEST_CASE("a timed checklist submits what is ticked when time runs out; a choice made in time wins") {
  Harness h("timer-checklist");
  h.Start("liburan-johor-batam");
  h.ToDecision();
  h.Step({h.Shown(0)});
  h.st.now = h.st.player.decision_shown_at + *h.session().TimerSeconds() + 0.01;
  h.Step({test::kEnter});  // confirmed in the same frame as the timeout: the team's choice counts
  REQUIRE(h.session().History().size() == 1);
  CHECK(!h.session().History()[0].timed_out);
  h.Step({test::kEnter});  // feedback
  REQUIRE(h.session().state() == SessionState::AwaitingChecklist);
  REQUIRE(h.session().TimerSeconds());
  auto items = h.session().ChecklistItems();
  h.Step({h.Shown(1), h.Shown(3)});
  h.st.now = h.st.player.decision_shown_at + *h.session().TimerSeconds() + 0.01;
  h.Step();
  REQUIRE(h.session().History().size() == 2);
  CHECK(h.session().History()[1].timed_out);
  CHECK(h.session().History()[1].items == std::vector<std::string>{items[1]->id, items[3]->id});
}

TEST_CASE("assessment mode shows no feedback between decisions") {
  Harness h("assessment", 1.0f, ImVec2(1280, 720), Lang::Id, "assessment");
  h.Start("yuliana-nunukan");
  h.ToDecision();
  h.Step({h.Shown(0), test::kEnter});
  CHECK(h.session().History().size() == 1);
  CHECK(!h.st.player.feedback_for);
  CHECK(h.session().info().mode == Mode::Assessment);
}

TEST_CASE("training mode: the feedback panel follows each decision and Enter moves on") {
  Harness h("feedback");
  h.Start("yuliana-nunukan");
  h.ToDecision();
  h.Step({h.Shown(0), test::kEnter});
  REQUIRE(h.st.player.feedback_for);
  const std::string node_before = h.session().CurrentNode().id;
  h.st.now += 30.0;                           // reading the feedback does not count as decision time
  h.Step({test::kEnter});
  CHECK(!h.st.player.feedback_for);
  CHECK(h.st.player.decision_shown_at == doctest::Approx(h.st.now));
  CHECK(h.session().CurrentNode().id == node_before);
}

TEST_CASE("end screen via the test hook; Save a copy writes a verified copy") {
  Harness h("end");
  h.Hook("end", "yuliana-nunukan", "a,b");
  CHECK(h.st.screen == Screen::End);
  REQUIRE(h.session().state() == SessionState::Ended);
  CHECK(h.Log().finished());
  h.Step();
  h.Step();

  std::string usb = h.dir + "/usb";
  std::filesystem::create_directories(usb);
  player::OpenFolderPanel(h.st.player.save_copy, h.st);
  h.st.player.save_copy.path = usb;
  h.Step();
  h.Step({test::kEnter});
  CHECK(h.st.player.save_copy.ok);
  std::string copy = usb + "/" + std::filesystem::path(h.st.player.session->log_path()).filename().string();
  REQUIRE(std::filesystem::exists(copy));
  CHECK(ReadAll(copy) == ReadAll(h.st.player.session->log_path()));

  player::SaveCopy(h.st, h.dir + "/no/such/stick");
  CHECK(!h.st.player.save_copy.ok);
  CHECK(!h.st.player.save_copy.message.empty());

  h.Step({test::kEscape});
  CHECK(!h.st.player.save_copy.open);
  player::BackToStart(h.st);
  CHECK(h.st.screen == Screen::Start);
  CHECK(h.st.player.resume_offers.empty());  // a finished session is not offered for resume
}

// The labels the layout probe recorded in the last frame (every ui:: text, pill and button).
std::string DrawnText() {
  std::string all;
  for (const auto& item : ui::ProbeItems()) all += item.label + "\n";
  return all;
}

std::string PlanChoices(const std::string& plan) {
  const nlohmann::json j = nlohmann::json::parse(ReadAll(test::DataPath("golden/plans/" + plan + ".json")));
  std::string out;
  for (const auto& c : j.at("choices")) out += (out.empty() ? "" : ",") + c.get<std::string>();
  return out;
}

TEST_CASE("the end screen says whether the session passed, and why not: a critical violation fails every axis") {
  ui::ProbeEnable(true);
  {
    Harness h("end-verdict-worst");
    h.Hook("end", "yuliana-nunukan", PlanChoices("yuliana-worst"));
    REQUIRE(h.session().state() == SessionState::Ended);
    const SessionScore score = h.st.player.session->Score();
    REQUIRE(score.verdict == SessionVerdict::NotPassed);
    REQUIRE(!score.never_events.empty());
    h.Step();
    h.Step();
    const std::string drawn = DrawnText();
    CHECK(drawn.find("TIDAK LULUS") != std::string::npos);
    CHECK(drawn.find("Karena: ada pelanggaran kritis") != std::string::npos);
    for (const auto& a : score.axes) CHECK(a.capped);
    CHECK(drawn.find("— gagal: ada pelanggaran kritis") != std::string::npos);
    CHECK(drawn.find("Lulus berarti:") != std::string::npos);
  }
  {
    Harness h("end-verdict-best", 1.0f, ImVec2(1280, 720), Lang::En);
    h.Hook("end", "yuliana-nunukan", PlanChoices("yuliana-best"));
    REQUIRE(h.st.player.session->Score().verdict == SessionVerdict::Passed);
    h.Step();
    h.Step();
    const std::string drawn = DrawnText();
    CHECK(drawn.find("PASSED") != std::string::npos);
    CHECK(drawn.find("NOT PASSED") == std::string::npos);
    CHECK(drawn.find("failed") == std::string::npos);
  }
  ui::ProbeEnable(false);
}

TEST_CASE("the start screen filters the scenarios by the audience their guides name") {
  Harness h("audience");
  ui::ProbeEnable(true);
  h.Step();
  h.Step();
  // The cards drawn: the layout probe records each card under its scenario id.
  auto cards = [&h]() {
    std::set<std::string> ids;
    for (const auto& s : h.st.library.Scenarios())
      for (const auto& item : ui::ProbeItems())
        if (item.label == s->id) ids.insert(s->id);
    return ids;
  };
  auto shown = [](const std::string& text) {
    for (const auto& item : ui::ProbeItems())
      if (item.label == text) return true;
    return false;
  };
  // Seven scenarios are more than a screenful: the filter shows, set to everyone.
  CHECK(cards().size() == 7);
  CHECK(shown("Semua peserta"));
  player::FilterByAudience(h.st, "rumah_sakit");
  h.Step();
  h.Step();
  CHECK(cards() == std::set<std::string>{"pkt-batam"});
  CHECK(shown("Rumah sakit"));
  CHECK(h.st.player.selected_scenario == "pkt-batam");  // the hidden choice gave way
  player::FilterByAudience(h.st, "pemerintah_desa");
  h.Step();
  h.Step();
  CHECK(cards() == std::set<std::string>{"desa-pariaman", "pariaman-gugus-tugas"});
  CHECK(h.st.player.selected_scenario == "desa-pariaman");  // the first one shown
  player::FilterByAudience(h.st, "polisi");                  // desa-pariaman is for the police too:
  CHECK(h.st.player.selected_scenario == "desa-pariaman");  // a choice the filter keeps is not changed
  player::FilterByAudience(h.st, "");
  h.Step();
  h.Step();
  CHECK(cards().size() == 7);
  ui::ProbeEnable(false);
}

TEST_CASE("the test hook reports a choice that is not available") {
  Harness h("hook");
  std::string error;
  CHECK(!h.Hook("play", "yuliana-nunukan", "a,zzz", error));
  CHECK(error.find("zzz") != std::string::npos);
  CHECK(error.find("available") != std::string::npos);
}

TEST_CASE("closing the window mid-session asks first; without a session it quits") {
  Harness h("close");
  h.st.close_requested = true;
  h.Step();
  CHECK(h.st.quit_requested);

  Harness g("close-session");
  g.Start("yuliana-nunukan");
  g.ToDecision();
  g.st.close_requested = true;
  g.Step();
  CHECK(!g.st.close_requested);
  CHECK(!g.st.quit_requested);
  CHECK(g.st.player.confirm_close);
  g.Step({g.Shown(1)});                       // the dialog has the keys: no choice is selected
  CHECK(g.st.player.selected_choice.empty());
  g.Step({test::kEscape});
  CHECK(!g.st.player.confirm_close);
  CHECK(!g.st.quit_requested);
  g.st.close_requested = true;
  g.Step();
  g.Step({test::kEnter});
  CHECK(g.st.quit_requested);
}

TEST_CASE("an unfinished session is offered for resume and continues where it stopped") {
  Harness h("resume");
  h.Start("yuliana-nunukan", "Tim Rajawali");
  h.ToDecision();
  h.Step({h.Shown(1), test::kEnter});
  h.Step({test::kEnter});
  h.Step({h.Shown(0), test::kEnter});
  const std::string path = h.st.player.session->log_path();
  const auto history = h.session().History();
  h.st.player.session.reset();                // the laptop was closed: only the log remains
  h.st.screen = Screen::Start;
  InitPlayer(h.st);
  REQUIRE(h.st.player.resume_offers.size() == 1);
  CHECK(h.st.player.resume_offers[0].team == "Tim Rajawali");
  CHECK(h.st.player.resume_offers[0].decisions == 2);
  h.Step();
  REQUIRE(player::ResumeSession(h.st, h.st.player.resume_offers[0].path));
  CHECK(h.st.screen == Screen::Play);
  CHECK(h.session().History() == history);
  CHECK(h.st.player.session->log_path() == path);
  REQUIRE(h.session().state() == SessionState::AwaitingChecklist);  // dp3, where the team stopped
  h.Step({test::kEnter});
  CHECK(h.st.player.confirming_checklist);
}

TEST_CASE("a session open in another window is not continued twice: the team can bring it forward or wait") {
  Harness h("busy");
  h.Start("yuliana-nunukan", "Tim Rajawali");
  h.ToDecision();
  h.Step({h.Shown(1), test::kEnter});
  const std::string path = h.st.player.session->log_path();
  // The first window keeps the session open; a second copy of SIGAP starts on the same laptop.
  std::optional<RecordedSession> first = std::move(h.st.player.session);
  h.st.player.session.reset();
  h.st.screen = Screen::Start;
  InitPlayer(h.st);
  REQUIRE(h.st.player.resume_offers.size() == 1);
  CHECK(h.st.player.resume_offers[0].open_elsewhere);
  CHECK_FALSE(player::ResumeSession(h.st, path));
  CHECK(h.st.player.busy_log == path);
  CHECK(h.st.player.start_error.empty());
  CHECK_FALSE(h.st.player.session);

  // "Show that window" writes the request the other window's watcher reads (raise.h).
  player::BringSessionForward(h.st);
  CHECK(ReadAll(h.dir + "/config/sigap/raise-request.txt") == path);
  // "Wait": checked once a second, without drawing frames in between.
  h.st.player.waiting_for_busy = true;
  h.st.now += 1;
  h.Step();
  CHECK_FALSE(h.st.player.session);
  CHECK(h.st.wake_at > h.st.now);
  CHECK(h.st.wake_at <= h.st.now + 1.01);
  // The first window closes (or crashes): this one continues, with the first decision kept.
  first.reset();
  h.st.now += 1;
  h.Step();
  REQUIRE(h.st.player.session);
  CHECK(h.st.screen == Screen::Play);
  CHECK(h.session().History().size() == 1);
  CHECK(h.st.player.busy_log.empty());
}

TEST_CASE("a resumed timed decision continues its countdown where it stopped") {
  Harness h("timer-resume");
  h.Start("liburan-johor-batam");
  h.ToDecision();
  REQUIRE(h.session().TimerSeconds());
  const int seconds = *h.session().TimerSeconds();
  REQUIRE(seconds > 12);
  const double shown = h.st.player.decision_shown_at;
  for (int i = 1; i <= 10; ++i) {  // ten seconds of the countdown, one frame a second
    h.st.now = shown + i;
    h.Step();
  }
  const std::string path = h.st.player.session->log_path();
  h.st.player.session.reset();  // killed
  h.st.screen = Screen::Start;
  h.st.now += 120;              // restarted two minutes later
  InitPlayer(h.st);
  REQUIRE(player::ResumeSession(h.st, path));
  h.ToDecision();  // scenes are passed again: they are not decisions and are not in the log
  auto left = player::SecondsLeft(h.st);
  REQUIRE(left);
  // Noted every 3 s: at most 3 s are given back, never the full time.
  CHECK(*left <= seconds - 9 + 0.01);
  CHECK(*left >= seconds - 10 - 0.01);
}

TEST_CASE("resuming a session whose scenario has changed since says so") {
  Harness h("resume-changed");
  h.Start("yuliana-nunukan");
  h.ToDecision();
  h.Step({h.Shown(0), test::kEnter});
  const std::string path = h.st.player.session->log_path();
  h.st.player.session.reset();
  // The facilitator corrected a typo in the summary: same story, another content hash.
  const std::string edited = h.dir + "/scenarios";
  std::filesystem::create_directories(edited);
  for (const char* f : {"sop-tppo.json", "yuliana-nunukan.json"})
    std::filesystem::copy_file(test::SourcePath(std::string("scenarios/") + f), edited + "/" + f);
  auto j = nlohmann::json::parse(ReadAll(edited + "/yuliana-nunukan.json"));
  j["summary"]["id"] = j["summary"]["id"].get<std::string>() + " (diperbaiki)";
  std::ofstream(edited + "/yuliana-nunukan.json") << j.dump(2);
  h.st.library = LoadLibrary({edited});
  REQUIRE(h.st.library.FindScenario("yuliana-nunukan"));
  REQUIRE(player::ResumeSession(h.st, path));
  CHECK(h.session().History().size() == 1);
  CHECK(!h.st.player.notice.empty());
  h.Step();
  h.Step({h.Shown(0), test::kEnter});
  CHECK(h.st.player.notice.empty());  // said once, until the next decision
}

TEST_CASE("a decision that cannot be written is reported, and can be saved elsewhere") {
  Harness h("save-fail");
  auto scenario = h.st.library.FindScenario("yuliana-nunukan");
  auto catalogue = h.st.library.FindCatalogue(scenario->sop_catalogue);
  auto disk_full = std::make_shared<bool>(false);
  FaultInjector faults = [disk_full](WriteStep s) { return s == WriteStep::Write && *disk_full; };
  SessionInfo info;
  info.team = "Tim Uji";
  auto started = RecordedSession::Start(scenario, catalogue, info, h.st.results_dir, faults);
  REQUIRE(std::holds_alternative<RecordedSession>(started));
  h.st.player.session.emplace(std::move(std::get<RecordedSession>(started)));
  h.st.screen = Screen::Play;
  h.ToDecision();
  *disk_full = true;
  h.Step({h.Shown(0), test::kEnter});
  CHECK(h.session().History().size() == 1);  // play goes on in memory…
  CHECK(!h.st.player.session->saved());     // …but the team is told it is not saved
  CHECK(h.st.player.save_elsewhere.open);
  CHECK(!h.st.player.save_elsewhere.message.empty());
  h.Step();
  h.Step();

  std::string usb = h.dir + "/usb";
  std::filesystem::create_directories(usb);
  *disk_full = false;  // the stick has room
  player::SaveElsewhere(h.st, usb);
  CHECK(h.st.player.save_elsewhere.ok);
  CHECK(h.st.player.session->saved());
  CHECK(h.st.player.session->log_path().rfind(usb, 0) == 0);
  CHECK(h.Log().decisions.size() == 1);
}

TEST_CASE("the string tables have the same keys in Indonesian and English, none empty") {
  auto load = [](const std::string& lang) {
    std::ifstream in(test::SourcePath("assets/i18n/player." + lang + ".json"));
    return nlohmann::json::parse(in);
  };
  auto each_in_other = [](const nlohmann::json& table, const nlohmann::json& other) {
    for (const auto& [k, v] : table.items()) {
      INFO(k);
      CHECK(other.contains(k));
      CHECK(!v.get<std::string>().empty());
    }
  };
  const auto id = load("id"), en = load("en");
  each_in_other(id, en);
  each_in_other(en, id);
}

// ---- Layout: nothing clips at any font size, at both window sizes, in both languages ---------

namespace {

enum class Fixture { Start, Scene, Choice, Checklist, Timed, Feedback, FeedbackChecklist, End, CloseDialog, CopyDialog };

void Prepare(Harness& h, Fixture f) {
  auto play = [&](const std::string& scenario, const std::string& choices) { h.Hook("play", scenario, choices); };
  switch (f) {
    case Fixture::Start: {
      h.Start("yuliana-nunukan", "Tim Kakatua Jambul Kuning Yang Panjang Namanya");
      h.ToDecision();
      h.Step({h.Shown(0), test::kEnter});
      h.st.player.session.reset();
      h.st.screen = Screen::Start;
      player::RefreshResumeOffers(h.st);
      h.st.player.start_error = h.st.tr.Describe(Problem{"SAV001", "", {h.st.results_dir, "Permission denied"}});
      break;
    }
    case Fixture::Scene: play("yuliana-nunukan", ""); break;
    case Fixture::Choice:
      play("yuliana-nunukan", "a");
      player::SelectChoice(h.st, h.session().AvailableChoices().back()->id);
      break;
    case Fixture::Checklist:
      play("yuliana-nunukan", "a,a,-,a,a");  // dp6: nine indicators
      for (const auto* item : h.session().ChecklistItems()) player::ToggleItem(h.st, item->id);
      player::AskConfirmChecklist(h.st);
      break;
    case Fixture::Timed:
      play("liburan-johor-batam", "");
      player::ContinueScene(h.st);
      h.st.now = h.st.player.decision_shown_at + *h.session().TimerSeconds() - 5.0;  // the urgent colour
      break;
    case Fixture::Feedback:
    case Fixture::FeedbackChecklist:
      h.Hook("feedback", "yuliana-nunukan", f == Fixture::Feedback ? "c" : "a,a,gender_pref+aunt_interprets+phone_record");
      break;
    case Fixture::End:
    case Fixture::CopyDialog: {
      h.Hook("end", "paman-tanjungpinang", "");
      if (f == Fixture::CopyDialog) {
        player::OpenFolderPanel(h.st.player.save_copy, h.st);
        h.st.player.save_copy.path = "/media/tim/FLASHDISK-PANJANG-SEKALI/hasil-bimtek-tppo-batam-2026";
        h.st.player.save_copy.message = h.st.tr.Format("save.error.no_such_folder", {h.st.player.save_copy.path});
      }
      break;
    }
    case Fixture::CloseDialog:
      play("pariaman-gugus-tugas", "a,a");
      player::HandleCloseRequest(h.st);
      break;
  }
}

const char* FixtureName(Fixture f) {
  const char* names[] = {"start", "scene", "choice", "checklist", "timed", "feedback", "feedback-checklist", "end", "close", "copy"};
  return names[static_cast<int>(f)];
}

}  // namespace

TEST_CASE("no screen breaks: from 1024x600 to 1920x1080, at the smallest and the largest text, in both languages") {
  const Fixture fixtures[] = {Fixture::Start,    Fixture::Scene,             Fixture::Choice, Fixture::Checklist,
                              Fixture::Timed,    Fixture::Feedback,          Fixture::End,    Fixture::CloseDialog,
                              Fixture::CopyDialog, Fixture::FeedbackChecklist};
  const ImVec2 sizes[] = {ImVec2(1024, 600), ImVec2(1280, 720), ImVec2(1920, 1080)};
  ui::ProbeEnable(true);
  for (float zoom : {kMinZoom, 1.0f, kMaxZoom}) {
    for (ImVec2 size : sizes) {
      for (Lang lang : {Lang::Id, Lang::En}) {
        for (Fixture f : fixtures) {
          CAPTURE(zoom);
          CAPTURE(size.x);
          const std::string lang_code = LangCode(lang), fixture = FixtureName(f);
          CAPTURE(lang_code);
          CAPTURE(fixture);
          Harness h(std::string("layout-") + FixtureName(f), zoom, size, lang);
          Prepare(h, f);
          for (int i = 0; i < 3; ++i) h.Frame();  // sizes settle over a few frames
          // The text follows the window: the same share of the screen at every size.
          CHECK(h.st.fonts.body_px == doctest::Approx(BodyPx(size, zoom, Face::Participant)));
          // The root window's header, body and footer fit the window (the body scrolls instead).
          ImGuiWindow* root = ImGui::FindWindowByName("##root");
          REQUIRE(root);
          CHECK(root->ScrollMax.y <= 0.5f);
          // No widget overlaps another, none is too narrow for its text, nothing runs off the side,
          // no line is cut at a left or right edge.
          test::CheckLayout(false);
          if (f == Fixture::CloseDialog || f == Fixture::CopyDialog) CHECK(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
        }
      }
    }
  }
  ui::ProbeEnable(false);
}

// ---- Checklist: keys keep the list still; ten items fit at 1280x720 -------------------------

namespace {

// The window that holds the decision's options: its own column, or the one narrow column.
ImGuiWindow* DecisionWindow() {
  for (ImGuiWindow* w : GImGui->Windows) {
    const std::string name = w->Name;
    const bool holds = name.find("##decision") != std::string::npos || name.find("##narrow") != std::string::npos;
    if (w->Active && holds) return w;
  }
  return nullptr;
}

// The checklist items drawn in the last frame (the probe records each option under its id).
std::vector<ui::ProbeItem> ItemRects(const Session& s) {
  std::vector<ui::ProbeItem> out;
  for (const auto& p : ui::ProbeItems())
    for (const ChecklistItem* it : s.ChecklistItems())
      if (p.label == it->id) out.push_back(p);
  return out;
}

}  // namespace

TEST_CASE("checklist: ticking an item by its key leaves the list where it was scrolled") {
  ui::ProbeEnable(true);
  for (float zoom : {1.0f, 1.5f, kMaxZoom}) {
    for (ImVec2 size : {ImVec2(1024, 600), ImVec2(1280, 720)}) {
      CAPTURE(zoom);
      CAPTURE(size.x);
      Harness h("checklist-scroll", zoom, size);
      h.Hook("play", "yuliana-nunukan", "a,a,-,a,a");  // dp6: nine indicators
      REQUIRE(h.session().state() == SessionState::AwaitingChecklist);
      for (int i = 0; i < 3; ++i) h.Step();
      ImGuiWindow* list = DecisionWindow();
      REQUIRE(list);
      if (list->ScrollMax.y <= 0) continue;  // all in view: nothing to keep
      ImGui::SetScrollY(list, list->ScrollMax.y);
      h.Step();
      h.Step();
      const float bottom = list->Scroll.y;
      CHECK(bottom == doctest::Approx(list->ScrollMax.y).epsilon(0.01));
      // Every item wholly in view, ticked and unticked by its letter: the list never moves.
      int pressed = 0;
      for (const auto& item : ItemRects(h.session())) {
        if (item.min.y < list->InnerClipRect.Min.y || item.max.y > list->InnerClipRect.Max.y) continue;
        const std::string letter = h.session().CurrentNode().decision->OptionLetter(item.label);
        CAPTURE(letter);
        for (int round = 0; round < 2; ++round) {
          h.Step({test::Letter(letter[0])});
          for (int i = 0; i < 3; ++i) h.Step();
          const auto& ticked = h.st.player.ticked;
          CHECK((std::find(ticked.begin(), ticked.end(), item.label) != ticked.end()) == (round == 0));
          CHECK(list->Scroll.y == doctest::Approx(bottom));
        }
        ++pressed;
      }
      CHECK(pressed >= 1);
      // An item (partly) below the fold is still brought into view when its key ticks it.
      ImGui::SetScrollY(list, 0);
      h.Step();
      h.Step();
      const auto items = ItemRects(h.session());
      REQUIRE(!items.empty());
      const ui::ProbeItem last = items.back();
      if (last.max.y <= list->InnerClipRect.Max.y + 1.0f) continue;  // only the padding scrolls
      h.Step({test::Letter(h.session().CurrentNode().decision->OptionLetter(last.label)[0])});
      for (int i = 0; i < 3; ++i) h.Step();
      CHECK(list->Scroll.y > 0);
    }
  }
  ui::ProbeEnable(false);
}

TEST_CASE("checklist: most of ten items show at once at 1280x720 at the default text size, each a line tall") {
  ui::ProbeEnable(true);
  for (Lang lang : {Lang::Id, Lang::En}) {
    const std::string lang_code = LangCode(lang);
    CAPTURE(lang_code);
    Harness h("checklist-dense", 1.0f, ImVec2(1280, 720), lang);
    h.Hook("play", "paman-tanjungpinang", "a");
    REQUIRE(h.session().ChecklistItems().size() == 10);
    for (int i = 0; i < 3; ++i) h.Step();
    ImGuiWindow* list = DecisionWindow();
    REQUIRE(list);
    const auto items = ItemRects(h.session());
    CHECK(items.size() == 10);
    int in_view = 0;
    for (const auto& item : items) {
      CAPTURE(item.label);
      in_view += item.max.y <= list->InnerClipRect.Max.y + 1.0f ? 1 : 0;
      CHECK(item.max.y - item.min.y >= h.st.fonts.body->FontSize * 1.25f);  // a touch target over a line tall
    }
    // Side by side with the story, six of the ten (four before the items were made denser and
    // the checklist given the wider column; all ten would need the story out of the way).
    CHECK(in_view >= 6);
    CHECK(h.st.fonts.body_px == doctest::Approx(BodyPx(ImVec2(1280, 720), 1.0f, Face::Participant)));
    test::CheckLayout(false);
  }
  ui::ProbeEnable(false);
}
