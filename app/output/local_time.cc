#include "app/output/local_time.h"

#include <array>
#include <cstdio>

#include "app/trace/timestamp.h"

namespace app {

std::string local_time_text(const models::WorkloadConfig& clock, sim::Duration since_start) {
  if (clock.start_epoch_us) {
    return format_local_date_time(*clock.start_epoch_us + since_start.us(),
                                  clock.utc_offset_minutes);
  }
  static constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};
  constexpr int64_t kWeekSeconds = 7 * 86400;
  const int64_t seconds = (clock.local_offset.us() + since_start.us()) / 1'000'000 % kWeekSeconds;
  char text[32];
  const int n = std::snprintf(text, sizeof text, "%s %02lld:%02lld", kDays[seconds / 86400],
                              static_cast<long long>(seconds / 3600 % 24),
                              static_cast<long long>(seconds / 60 % 60));
  if (seconds % 60 != 0) {
    std::snprintf(text + n, sizeof text - static_cast<size_t>(n), ":%02lld",
                  static_cast<long long>(seconds % 60));
  }
  return text;
}

std::optional<std::string> utc_offset_text(const models::WorkloadConfig& clock) {
  if (!clock.start_epoch_us) return std::nullopt;
  return format_utc_offset(clock.utc_offset_minutes);
}

}  // namespace app
