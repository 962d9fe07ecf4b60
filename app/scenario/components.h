// Reading strategies, their components and their controllers from JSON.
// Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_COMPONENTS_H_
#define SCALESIM_APP_SCENARIO_COMPONENTS_H_

#include <optional>
#include <string>

#include "app/scenario/json_reader.h"
#include "models/scenario.h"

namespace app {

// Reads a strategy, including its topology check. Returns nothing when it has problems.
std::optional<models::StrategyConfig> read_strategy(const Json& value, const std::string& pointer,
                                                    Problems& problems);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_COMPONENTS_H_
