// The participant face under Xvfb: a team plays a bundled scenario to the end screen through the
// --screen/--choices test hook, and each screen is written as a 1280x720 screenshot that must
// show something (not a blank window). The results folder must hold what was played.
#include <doctest/doctest.h>

#include <filesystem>

#include <stb_image.h>

#include "image_check.h"
#include "recorded_session.h"
#include "test_support.h"

using namespace sigap;

namespace {

const std::string kSigap = SIGAP_BINARY;

// Share of pixels that differ between two screenshots of the same size.
double DifferentPixels(const std::string& a, const std::string& b) {
  int wa = 0, ha = 0, wb = 0, hb = 0, n = 0;
  unsigned char* pa = stbi_load(a.c_str(), &wa, &ha, &n, 3);
  unsigned char* pb = stbi_load(b.c_str(), &wb, &hb, &n, 3);
  double share = -1;
  if (pa && pb && wa == wb && ha == hb) {
    long differ = 0, total = static_cast<long>(wa) * ha;
    for (long i = 0; i < total * 3; i += 3)
      if (pa[i] != pb[i] || pa[i + 1] != pb[i + 1] || pa[i + 2] != pb[i + 2]) ++differ;
    share = static_cast<double>(differ) / static_cast<double>(total);
  }
  stbi_image_free(pa);
  stbi_image_free(pb);
  return share;
}

}  // namespace

TEST_CASE("a team plays a bundled scenario to the end under Xvfb: start, play, feedback and end screenshots") {
  const std::string dir = test::TempDir("player-gui");
  const std::string results = dir + "/results";
  const std::string base = "HOME=" + dir + " XDG_CONFIG_HOME=" + dir + "/config XDG_DATA_HOME=" + dir +
                           "/data xvfb-run -a -s '-screen 0 1280x720x24' " + kSigap + " --size 1280x720 --mode training --results " +
                           results + " --team 'Tim Elang' ";
  struct Shot {
    const char* name;
    const char* args;
  };
  const Shot shots[] = {
      {"start", "--screen start"},
      {"play", "--screen play --scenario yuliana-nunukan --choices a,a"},
      {"feedback", "--screen feedback --scenario yuliana-nunukan --choices a,a,gender_pref+interpreter+aunt_interprets"},
      {"end", "--screen end --scenario yuliana-nunukan --choices b,c,gender_pref"},
      {"start-resume", "--screen start"},
  };
  for (const Shot& shot : shots) {
    CAPTURE(shot.name);
    const std::string png = dir + "/" + shot.name + ".png";
    const std::string out = dir + "/" + shot.name + ".txt";
    const int rc = test::RunCommand(base + shot.args + " --screenshot " + png + " > " + out + " 2>&1");
    REQUIRE(rc == 0);
    test::ImageStats s = test::ReadImageStats(png);
    REQUIRE(s.loaded);
    CHECK(s.width == 1280);
    CHECK(s.height == 720);
    CHECK(s.luma_stddev > 10.0);  // text and buttons on a background
    CHECK(s.distinct_colours > 8);
  }
  // The screens differ from one another (the hook reached each of them).
  CHECK(DifferentPixels(dir + "/play.png", dir + "/feedback.png") > 0.05);
  CHECK(DifferentPixels(dir + "/feedback.png", dir + "/end.png") > 0.05);
  // The second start screen offers the unfinished sessions for resume: it is not the first one.
  CHECK(DifferentPixels(dir + "/start.png", dir + "/start-resume.png") > 0.02);

  // What was played is in the results folder: three unfinished sessions and one finished.
  auto sessions = ListSessions(results);
  int finished = 0, unfinished = 0;
  for (const auto& s : sessions) {
    CHECK(s.usable);
    CHECK(s.info.team == "Tim Elang");
    if (s.finished) {
      ++finished;
      CHECK(s.decisions >= 10);
    } else {
      ++unfinished;
    }
  }
  CHECK(finished == 1);
  CHECK(unfinished == 2);

  // A choice that does not exist fails loudly: no screenshot, a message on stderr.
  const std::string bad = dir + "/bad.png";
  test::RunCommand(base + "--screen play --scenario yuliana-nunukan --choices a,zzz --screenshot " + bad + " > " + dir + "/bad.txt 2>&1");
  CHECK(!std::filesystem::exists(bad));
  std::filesystem::remove_all(dir);
}
