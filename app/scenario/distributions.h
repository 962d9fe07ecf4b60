// Reading duration distributions from JSON. Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_DISTRIBUTIONS_H_
#define SCALESIM_APP_SCENARIO_DISTRIBUTIONS_H_

#include <optional>
#include <string>

#include "app/scenario/json_reader.h"
#include "sim/distribution.h"

namespace app {

// A duration distribution: a duration string (constant) or an object such as
// {"distribution": "lognormal", "mean": "80ms", "cv": 1.5}.
std::optional<sim::DurationDistribution> read_duration_distribution(const Json& value,
                                                                    const std::string& pointer,
                                                                    Problems& problems);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_DISTRIBUTIONS_H_
