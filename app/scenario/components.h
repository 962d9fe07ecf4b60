// Reading strategies, their components and their controllers from JSON.
// Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_COMPONENTS_H_
#define SCALESIM_APP_SCENARIO_COMPONENTS_H_

#include <optional>
#include <string>

#include "app/scenario/json_reader.h"
#include "models/scenario.h"

namespace app {

// The run a strategy is read for: controllers' instants are checked against it.
struct RunClock {
  sim::Duration local_offset;  // the local time at the start, since Monday 00:00
  sim::Duration horizon;
};

// Reads a strategy, including its topology check, and its controllers' instants
// against `clock` (unless null: the run settings had problems of their own).
// Returns nothing when it has problems.
std::optional<models::StrategyConfig> read_strategy(const Json& value, const std::string& pointer,
                                                    Problems& problems, const RunClock* clock);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_COMPONENTS_H_
