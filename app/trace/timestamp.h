// Timestamps in trace files and scenario options.
//
// Two forms: an ISO 8601 date-time ("2026-11-17T09:00:00Z", "2026-11-17 09:00:00.250",
// "2026-11-17T18:00+09:00"; no zone means UTC), or a plain number of seconds
// ("1763370000.25" since the Unix epoch, or "12.5" from any origin). Both become
// integer microseconds; date-times count from the Unix epoch in UTC.
#ifndef SCALESIM_APP_TRACE_TIMESTAMP_H_
#define SCALESIM_APP_TRACE_TIMESTAMP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace app {

struct Timestamp {
  int64_t us = 0;              // microseconds since the epoch (date-times) or the file's origin
  bool date_time = false;      // an ISO 8601 date-time rather than a number of seconds
  int utc_offset_minutes = 0;  // the zone written in a date-time (0 for Z or none)
};

// Empty when `text` is neither form, or out of range (years 1970-2200, numbers up
// to 1e11 seconds).
std::optional<Timestamp> parse_timestamp(std::string_view text);

// "+09:00", "-05:30", "Z" or "+0900" as minutes east of UTC; empty when malformed
// or beyond +-14:00.
std::optional<int> parse_utc_offset(std::string_view text);

// How a message shows a timestamp: an ISO date-time in UTC for date-times
// ("2026-11-17T09:00:00.25Z"), else seconds ("12.5s").
std::string format_timestamp(const Timestamp& t);

// The local date-time with its zone of UTC instant `epoch_us` in a zone
// `utc_offset_minutes` east of UTC: "2026-11-17T18:00:00+09:00".
std::string format_local_date_time(int64_t epoch_us, int utc_offset_minutes);
// "+09:00", "-05:30": a zone `minutes_east` of UTC.
std::string format_utc_offset(int minutes_east);

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);

// The local time since Monday 00:00 at UTC instant `epoch_us` in a zone
// `utc_offset_minutes` east of UTC, in microseconds (0 to a week).
int64_t week_time_us(int64_t epoch_us, int utc_offset_minutes);

}  // namespace app

#endif  // SCALESIM_APP_TRACE_TIMESTAMP_H_
