// The scenario's local clock in outputs: when the run started, and the local
// time of an instant of it, so a plot can put 16:00 where 16:00 was.
#ifndef SCALESIM_APP_OUTPUT_LOCAL_TIME_H_
#define SCALESIM_APP_OUTPUT_LOCAL_TIME_H_

#include <optional>
#include <string>

#include "models/traffic/workload.h"
#include "sim/time.h"

namespace app {

// The local time `since_start` after the start: "2026-11-16T16:00:00+09:00" when
// the clock was given as a date-time, else the weekday and time, "mon 16:00" (with
// ":SS" when the seconds are not zero).
std::string local_time_text(const models::WorkloadConfig& clock, sim::Duration since_start);
// The zone of a clock given as a date-time, "+09:00"; empty otherwise.
std::optional<std::string> utc_offset_text(const models::WorkloadConfig& clock);

}  // namespace app

#endif  // SCALESIM_APP_OUTPUT_LOCAL_TIME_H_
