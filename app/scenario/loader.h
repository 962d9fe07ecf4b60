// Scenario files (docs/scenarios.md) into models::Scenario.
//
// The loader checks everything a run could trip on (types, ranges, unknown keys,
// names, topologies) before anything is simulated, and reports every problem at
// once as an InputError ("FILE:/json/pointer: expected ..., found ...").
#ifndef SCALESIM_APP_SCENARIO_LOADER_H_
#define SCALESIM_APP_SCENARIO_LOADER_H_

#include <string>

#include "app/scenario/input_error.h"
#include "models/scenario.h"

namespace app {

// Longest horizon a scenario may ask for: timers pack times into 44 bits (203 days).
inline constexpr sim::Duration kMaxHorizon = sim::Duration::hours(24 * 180);

// Throws InputError.
models::Scenario load_scenario_file(const std::string& path);
// `file` names the source in messages. Throws InputError.
models::Scenario parse_scenario(const std::string& text, const std::string& file);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_LOADER_H_
