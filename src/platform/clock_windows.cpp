#include "platform/clock.h"

namespace sigap::platform {

std::tm UtcCalendar(std::time_t t) {
  std::tm out{};
  gmtime_s(&out, &t);
  return out;
}

std::tm LocalCalendar(std::time_t t) {
  std::tm out{};
  localtime_s(&out, &t);
  return out;
}

std::time_t FromUtcCalendar(std::tm utc) { return _mkgmtime(&utc); }

}  // namespace sigap::platform
