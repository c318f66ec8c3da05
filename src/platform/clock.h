// Calendar time, without the POSIX-only gmtime_r/localtime_r/timegm that Windows spells otherwise.
#pragma once

#include <ctime>

namespace sigap::platform {

std::tm UtcCalendar(std::time_t t);
std::tm LocalCalendar(std::time_t t);
std::time_t FromUtcCalendar(std::tm utc);  // timegm: the inverse of UtcCalendar

}  // namespace sigap::platform
