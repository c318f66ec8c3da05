// The facilitator face under Xvfb at 1280x720: the app is run on a generated workshop and writes
// screenshots of the lock, the dashboard tabs, the map and presentation slides. A screenshot
// must exist, be 1280x720 and not be blank. Set SIGAP_SCREENSHOT_DIR to keep them (docs/images).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "debrief.h"
#include "engine_test_util.h"
#include "facilitator_gui_fixture.h"
#include "facilitator_slides.h"
#include "image_check.h"
#include "test_support.h"

using namespace sigap;
namespace fs = std::filesystem;

namespace {

struct Shot {
  std::string name;  // facilitator-<name>.png
  std::string args;
  // The window is 1280x720 either way. Xvfb puts the pointer in the middle of its screen: a
  // screen twice the size keeps it off the window, so no tooltip covers a dashboard. The slides go
  // full screen, so they need a 1280x720 screen (they show no tooltips).
  bool full_screen = false;
};

}  // namespace

TEST_CASE("screenshots of the facilitator screens at 1280x720 from a generated workshop") {
  const std::string dir = test::TempDir("fac-shots");
  const ContentLibrary lib = LoadLibrary({test::SourcePath("scenarios")});
  const test::GuiWorkshop w = test::BuildGuiWorkshop(lib, dir + "/usb");
  const char* keep = std::getenv("SIGAP_SCREENSHOT_DIR");
  const std::string out = keep && *keep ? std::string(keep) : dir + "/shots";
  fs::create_directories(out);

  // The slide numbers (1-based) of the first decision's spread and answer, and of the critical moments.
  std::size_t spread = 0, answer = 0, critical = 0;
  DebriefBook book;
  book.Add({w.root}, lib);
  for (const auto& d : book.Scenarios()) {
    if (d.scenario->id != "liburan-johor-batam") continue;
    const auto slides = app::BuildSlides(d);
    for (std::size_t i = 0; i < slides.size(); ++i) {
      if (slides[i].kind == app::SlideKind::Spread && !spread) spread = i + 1;
      if (slides[i].kind == app::SlideKind::Answer && !answer) answer = i + 1;
      if (slides[i].kind == app::SlideKind::Critical) critical = i + 1;
    }
  }
  REQUIRE(spread > 0);
  REQUIRE(critical > 0);

  const std::string env = "HOME=" + dir + " XDG_CONFIG_HOME=" + dir + "/config XDG_DATA_HOME=" + dir + "/data ";
  const std::string common = " --facilitator --results " + dir + "/results --import " + w.root + " --scenario liburan-johor-batam";
  const Shot shots[] = {
      {"lock", " --facilitator --results " + dir + "/results"},  // before the PIN is set
      {"dashboard", common + " --pin 2468 --screen dashboard"},
      {"heatmap", common + " --pin 2468 --screen heatmap"},
      {"decisions", common + " --pin 2468 --screen decisions"},
      {"import", common + " --pin 2468 --screen workshop"},
      {"map", common + " --pin 2468 --screen map --team Jalak --slide 5"},  // Jalak's path replayed to step 5
      {"slide-spread", common + " --pin 2468 --screen present --slide " + std::to_string(spread), true},
      {"slide-answer", common + " --pin 2468 --screen present --slide " + std::to_string(answer), true},
      {"slide-critical", common + " --pin 2468 --screen present --anonymise --slide " + std::to_string(critical), true},
  };
  for (const Shot& s : shots) {
    CAPTURE(s.name);
    const std::string png = out + "/facilitator-" + s.name + ".png";
    fs::remove(png);
    const std::string screen = s.full_screen ? "1280x720x24" : "2600x1500x24";
    const std::string cmd = env + "xvfb-run -a -s '-screen 0 " + screen + "' " + std::string(SIGAP_BINARY) + s.args +
                            " --screenshot " + png + " > " + dir + "/" + s.name + ".log 2>&1";
    REQUIRE_MESSAGE(test::RunCommand(cmd) == 0, test::ReadText(dir + "/" + s.name + ".log"));
    const test::ImageStats st = test::ReadImageStats(png);
    REQUIRE(st.loaded);
    CHECK(st.width == 1280);
    CHECK(st.height == 720);
    CHECK(st.luma_stddev > 5.0);  // not a blank screen
    CHECK(st.distinct_colours > 4);
  }
  fs::remove_all(dir);  // the workshop; kept screenshots live in SIGAP_SCREENSHOT_DIR
}
