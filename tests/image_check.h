// Reading a screenshot back and telling whether anything was drawn.
#pragma once

#include <string>

namespace sigap::test {

struct ImageStats {
  bool loaded = false;
  int width = 0, height = 0;
  double luma_stddev = 0;   // 0 for a uniform (blank) image
  int distinct_colours = 0; // of a sample
};

ImageStats ReadImageStats(const std::string& png_path);

// Runs `command` and returns its exit status (-1 when it could not run or was killed).
int RunCommand(const std::string& command);

}  // namespace sigap::test
