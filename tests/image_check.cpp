#include "image_check.h"

#include <cmath>
#include <cstdlib>
#include <set>
#include <sys/wait.h>

#include <stb_image.h>

namespace sigap::test {

ImageStats ReadImageStats(const std::string& png_path) {
  ImageStats s;
  int channels = 0;
  unsigned char* px = stbi_load(png_path.c_str(), &s.width, &s.height, &channels, 3);
  if (!px) return s;
  s.loaded = true;
  double sum = 0, sum2 = 0;
  std::set<unsigned> colours;
  const long n = static_cast<long>(s.width) * s.height;
  for (long i = 0; i < n; ++i) {
    const unsigned char* p = px + 3 * i;
    double y = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
    sum += y;
    sum2 += y * y;
    if (i % 97 == 0) colours.insert((unsigned{p[0]} << 16) | (unsigned{p[1]} << 8) | p[2]);
  }
  stbi_image_free(px);
  double mean = sum / static_cast<double>(n);
  s.luma_stddev = std::sqrt(std::max(0.0, sum2 / static_cast<double>(n) - mean * mean));
  s.distinct_colours = static_cast<int>(colours.size());
  return s;
}

int RunCommand(const std::string& command) {
  int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace sigap::test
