#include "platform/clock.h"

namespace sigap::platform {

std::tm UtcCalendar(std::time_t t) {
  std::tm out{};
  gmtime_r(&t, &out);
  return out;
}

std::tm LocalCalendar(std::time_t t) {
  std::tm out{};
  localtime_r(&t, &out);
  return out;
}

std::time_t FromUtcCalendar(std::tm utc) { return timegm(&utc); }

}  // namespace sigap::platform
