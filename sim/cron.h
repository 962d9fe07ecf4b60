// Cron schedules ("0 9 * * 1-5") on a run's local clock: scheduled scaling,
// nightly jobs, business hours.
//
// The local clock. A run knows the weekday and the time of day, not calendar
// dates: its `local_offset` is the local time since Monday 00:00 at the run's
// start (t = 0), so local(t) = local_offset + t and the weekday is
// floor(local(t) / 1 day) mod 7, 0 being Monday. Days are 24 hours: there are no
// daylight-saving changes.
//
// The text has five fields, "minute hour day-of-month month day-of-week",
// separated by blanks. Each of minute (0-59), hour (0-23) and day-of-week is a
// comma-separated list of items: `*`, a number, a range `a-b`, or a step `*/n` or
// `a-b/n` (every n-th value from a to b). The day of the week is 0 to 7, 0 and 7
// both Sunday, or a name mon, tue, ..., sun in any case; as the end of a range
// that starts after Sunday "sun" means 7, so "fri-sun" is Friday to Sunday. The day of the month
// and the month must be `*`, for want of dates.
//
// A schedule fires at each local minute boundary (second 0) whose minute, hour
// and weekday are all listed.
#ifndef SCALESIM_SIM_CRON_H_
#define SCALESIM_SIM_CRON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/time.h"

namespace sim {

class CronSchedule {
 public:
  // The schedule `text` describes, or nullopt with a message in *error (which may
  // be null) such as: expected a minute from 0 to 59, found "75".
  static std::optional<CronSchedule> parse(std::string_view text, std::string* error);

  // The first instant strictly after `t` at which the schedule fires, given the
  // run's local offset. Skips whole days and hours that can't match: a few bit
  // operations, whatever the schedule. Time::never() only if nothing can ever
  // match (parse() never returns such a schedule), or for t == Time::never().
  // REQUIRES: local_offset + t fits in int64, as for any instant of a run.
  Time next_after(Time t, Duration local_offset) const;
  // Whether the schedule fires at exactly `t`.
  bool matches(Time t, Duration local_offset) const;

  // The listed values, bit v for value v; days of the week with bit 0 for Monday,
  // as on the local clock (not cron's 0 for Sunday).
  uint64_t minutes() const { return minutes_; }
  uint32_t hours() const { return hours_; }
  uint32_t weekdays() const { return weekdays_; }

 private:
  CronSchedule(uint64_t minutes, uint32_t hours, uint32_t weekdays)
      : minutes_(minutes), hours_(hours), weekdays_(weekdays) {}

  uint64_t minutes_;
  uint32_t hours_;
  uint32_t weekdays_;
};

}  // namespace sim

#endif  // SCALESIM_SIM_CRON_H_
