#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "image_check.h"
#include "test_support.h"

using namespace sigap;

static const std::string kSigap = SIGAP_BINARY;

TEST_CASE("--version, --help and the subcommands run without a display") {
  // An empty DISPLAY proves that none of these initialises GLFW.
  CHECK(test::RunCommand("env -u DISPLAY -u WAYLAND_DISPLAY " + kSigap + " --version >/dev/null") == 0);
  CHECK(test::RunCommand("env -u DISPLAY -u WAYLAND_DISPLAY " + kSigap + " --help >/dev/null") == 0);
  CHECK(test::RunCommand("env -u DISPLAY " + kSigap + " validate " + test::SourcePath("scenarios") + " >/dev/null") == 0);
  CHECK(test::RunCommand("env -u DISPLAY " + kSigap + " frobnicate 2>/dev/null") == 2);
  CHECK(test::RunCommand("env -u DISPLAY " + kSigap + " --no-such-option 2>/dev/null") == 2);
}

TEST_CASE("the GUI opens under Xvfb, draws the start screen and writes a non-blank screenshot") {
  std::string dir = test::TempDir("smoke");
  std::string png = dir + "/start.png";
  std::string cmd = "HOME=" + dir + " XDG_CONFIG_HOME=" + dir + "/config XDG_DATA_HOME=" + dir + "/data xvfb-run -a -s '-screen 0 1280x720x24' " +
                    kSigap + " --results " + dir + "/results --screenshot " + png + " > " + dir + "/out.txt 2>&1";
  REQUIRE(test::RunCommand(cmd) == 0);
  test::ImageStats s = test::ReadImageStats(png);
  REQUIRE(s.loaded);
  CHECK(s.width == 1280);
  CHECK(s.height == 720);
  CHECK(s.luma_stddev > 5.0);       // text on a background, not a uniform colour
  CHECK(s.distinct_colours > 4);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the Linux launchers are valid and open the two faces") {
  const std::string dir = test::TempDir("launchers");
  const bool validator = test::RunCommand("command -v desktop-file-validate >/dev/null 2>&1") == 0;
  for (const char* name : {"sigap.desktop", "sigap-fasilitator.desktop"}) {
    CAPTURE(name);
    const std::string path = test::SourcePath("packaging/linux/") + name;
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("\nName=SIGAP") != std::string::npos);  // Indonesian first…
    CHECK(text.find("\nName[en]=") != std::string::npos);   // …and English
    if (validator) CHECK(test::RunCommand("desktop-file-validate " + path) == 0);
    // The command it runs: the binary with the launcher's options opens a window and draws.
    const auto exec = text.find("\nExec=sigap");
    REQUIRE(exec != std::string::npos);
    const std::string args = text.substr(exec + 11, text.find('\n', exec + 1) - exec - 11);
    if (std::string(name) == "sigap-fasilitator.desktop") CHECK(args == " --facilitator");
    else CHECK(args.empty());
    const std::string cmd = "HOME=" + dir + " XDG_CONFIG_HOME=" + dir + "/config XDG_DATA_HOME=" + dir +
                            "/data xvfb-run -a -s '-screen 0 1280x720x24' " + kSigap + args + " --results " + dir +
                            "/results --frames 2 > " + dir + "/out.txt 2>&1";
    CHECK(test::RunCommand(cmd) == 0);
  }
  std::filesystem::remove_all(dir);
}
