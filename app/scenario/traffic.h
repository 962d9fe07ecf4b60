// Reading a workload's traffic: arrival processes, rate curves and the clock.
// Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_TRAFFIC_H_
#define SCALESIM_APP_SCENARIO_TRAFFIC_H_

#include <optional>
#include <string>

#include "app/scenario/json_reader.h"
#include "models/traffic/workload.h"

namespace app {

// `scenario_file`: trace files are found relative to its directory. Throws
// InputError for a bad trace file (its problems name the file and line).
void read_arrivals(const Json& value, const std::string& pointer, const std::string& scenario_file,
                   Problems& problems, models::ArrivalConfig& arrivals);

// A rate: a number (per second), a string such as "200/s", or a curve object.
std::optional<models::Curve> read_curve(const Json& value, const std::string& pointer,
                                        Problems& problems);

// "mon 09:30", or a date-time with its zone ("2026-11-17T09:30:00+09:00", a
// Tuesday): local time since Monday 00:00.
std::optional<sim::Duration> read_week_time(const Json& value, const std::string& pointer,
                                            Problems& problems);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_TRAFFIC_H_
