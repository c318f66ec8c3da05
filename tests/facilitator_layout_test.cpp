// The facilitator screens at every window size from 1024×600 to 1920×1080, at the smallest and
// the largest text size: the dashboard's tabs, the map and every kind of slide (overview
// included), drawn headless with the layout probe on. Nothing may overlap, and no text may be cut,
// least of all on the projector where nothing scrolls.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_harness.h"
#include "facilitator_actions.h"
#include "facilitator_common.h"
#include "facilitator_gui_fixture.h"
#include "facilitator_slides.h"
#include "fonts.h"
#include "layout_check.h"
#include "screens.h"
#include "test_support.h"
#include "widgets.h"

using namespace sigap;
using namespace sigap::app;
namespace fs = std::filesystem;

namespace {

// The fixture workshop (liburan-johor-batam, yuliana-nunukan) plus pkt-batam played along its
// golden plans: the scenario with the longest options and checklists.
struct LayoutWorkshop {
  test::GuiWorkshop w = test::BuildGuiWorkshop(test::SharedBundledLibrary(), test::TempDir("fac-layout-results"));
  LayoutWorkshop() {
    int serial = 100;
    for (const auto& entry : fs::directory_iterator(test::SourcePath("tests/golden/plans"))) {
      if (entry.path().filename().string().rfind("pkt-batam", 0) != 0) continue;
      std::ifstream in(entry.path());
      const auto plan = nlohmann::json::parse(in);
      std::string choices;
      for (const auto& c : plan.at("choices")) choices += (choices.empty() ? "" : ",") + c.get<std::string>();
      test::GuiTeamPlan team{"Tim " + entry.path().stem().string(), "pkt-batam", choices, serial};
      test::PlayGuiTeam(test::SharedBundledLibrary(), team, w.root + "/laptop-d", ++serial);
    }
  }
  ~LayoutWorkshop() {
    std::error_code ec;
    fs::remove_all(w.root, ec);
  }
};

const std::string& WorkshopRoot() {
  static const LayoutWorkshop shared;
  return shared.w.root;
}

struct Harness : test::ScreenHarness {
  Harness(ImVec2 size, float zoom) : test::ScreenHarness("fac-layout", size, zoom) {
    UseLibrary(test::SharedBundledLibrary());
    st.facilitator.workshop_path = dir + "/workshop.json";
    st.options.facilitator = true;
    st.options.pin = "2468";
    st.options.import_paths = {WorkshopRoot()};
    ImGui::SetCurrentContext(ctx);
    InitFacilitator(st);
    REQUIRE(st.facilitator.unlocked);
    REQUIRE(st.facilitator.book.Scenarios().size() == 3);
  }
  // Frames until the fonts, the fitted sizes and the queued actions have settled.
  void Settle() {
    for (int i = 0; i < 3; ++i) Frame();
  }
};

// A tenth of the body size: how far a glyph like "J" reaches left of where its line starts.
float Overhang(const Harness& h) { return std::max(1.0f, h.st.fonts.body_px * 0.1f); }

const ImVec2 kSizes[] = {ImVec2(1024, 600), ImVec2(1280, 720), ImVec2(1920, 1080)};

std::string SlideName(const Slide& s) {
  const char* kinds[] = {"reactions", "spread", "answer", "critical", "ending", "takeaways"};
  return std::string(kinds[static_cast<int>(s.kind)]) + " " + std::to_string(s.index);
}

}  // namespace

// The dashboard's tabs and the map of every scenario in a window of `size` at `zoom`.
void CheckDashboardAndMap(ImVec2 size, float zoom, bool map) {
  CAPTURE(zoom);
  CAPTURE(size.x);
  Harness h(size, zoom);
  for (std::size_t sc = 0; sc < h.st.facilitator.book.Scenarios().size(); ++sc) {
    SelectScenario(h.st, sc);
    const std::string scenario = h.st.facilitator.book.Scenarios()[sc].scenario->id;
    CAPTURE(scenario);
    for (DashboardTab tab : {DashboardTab::Teams, DashboardTab::Heat, DashboardTab::Decisions}) {
      const int tab_number = static_cast<int>(tab);
      CAPTURE(tab_number);
      ShowScreen(h.st, Screen::Dashboard);
      h.st.facilitator.tab = tab;
      h.Settle();
      test::CheckLayout(false, Overhang(h));
    }
    if (!map) continue;
    ShowScreen(h.st, Screen::Map);
    SelectMapTeam(h.st, 0);
    h.Settle();
    test::CheckLayout(false, Overhang(h));
  }
}

TEST_CASE("the facilitator's dashboard and map fit every window at the smallest and the largest text") {
  ui::ProbeEnable(true);
  for (float zoom : {kMinZoom, kMaxZoom})
    for (ImVec2 size : kSizes) {
      // Known: the dashboard's header row runs past the right edge there (next test case).
      if (zoom == kMaxZoom && size.x < 1280) continue;
      CheckDashboardAndMap(size, zoom, true);
    }
  // The map alone at 1024x600 at the largest text.
  {
    Harness h(kSizes[0], kMaxZoom);
    for (std::size_t sc = 0; sc < h.st.facilitator.book.Scenarios().size(); ++sc) {
      SelectScenario(h.st, sc);
      ShowScreen(h.st, Screen::Map);
      SelectMapTeam(h.st, 0);
      h.Settle();
      test::CheckLayout(false, Overhang(h));
    }
  }
  ui::ProbeEnable(false);
}

// At 1024x600 with the largest text the dashboard's header row (the tab buttons and the "hide team
// names" switch) was wider than the window and its last label was cut at the right edge; at
// 1280x720 the switch covered the last tab. The row now wraps.
TEST_CASE("the dashboard's header row fits 1024x600 at the largest text") {
  ui::ProbeEnable(true);
  CheckDashboardAndMap(kSizes[0], kMaxZoom, false);
  ui::ProbeEnable(false);
}

TEST_CASE("every slide fits the projector whole at every size, in both languages, nothing cut") {
  ui::ProbeEnable(true);
  for (float zoom : {kMinZoom, kMaxZoom}) {
    for (ImVec2 size : kSizes) {
      CAPTURE(zoom);
      CAPTURE(size.x);
      Harness h(size, zoom);
      for (std::size_t sc = 0; sc < h.st.facilitator.book.Scenarios().size(); ++sc) {
        SelectScenario(h.st, sc);
        const ScenarioDebrief& d = *CurrentDebrief(h.st);
        const std::string scenario = d.scenario->id;
        CAPTURE(scenario);
        StartPresentation(h.st);
        REQUIRE(h.st.screen == Screen::Present);
        // Every decision shown: every kind of decision slide (choices, checklists) comes up.
        for (const auto& a : d.decisions)
          if (a.teams_reached > 0 && !ShownDecisions(h.st, d).count(a.node)) ToggleShownDecision(h.st, a.node);
        const auto slides = SlidesOf(h.st, sc);
        for (Lang lang : {Lang::Id, Lang::En}) {
          h.st.facilitator.present_lang = lang;
          const std::string lang_code = LangCode(lang);
          CAPTURE(lang_code);
          for (std::size_t i = 0; i <= slides.size(); ++i) {
            const bool overview = i == slides.size();
            h.st.facilitator.overview = overview;
            h.st.facilitator.slide = overview ? 0 : i;
            const std::string slide = overview ? "overview" : SlideName(slides[i]);
            CAPTURE(slide);
            h.Settle();
            CHECK(h.st.fonts.body_px == doctest::Approx(BodyPx(size, zoom, Face::Presentation)));
            // Nothing scrolls on a slide: text cut at the top or the bottom is as lost as at a side.
            test::CheckLayout(true);
          }
        }
        h.st.facilitator.overview = false;
        LeavePresentation(h.st);
      }
    }
  }
  ui::ProbeEnable(false);
}
