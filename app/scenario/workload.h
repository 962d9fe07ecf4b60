// Reading the scenario's workload: traffic, the request mix and sessions.
// Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_WORKLOAD_H_
#define SCALESIM_APP_SCENARIO_WORKLOAD_H_

#include <string>

#include "app/scenario/json_reader.h"
#include "models/traffic/workload.h"

namespace app {

// `file`: the scenario file, next to which trace files are found.
void read_workload(const Json& value, const std::string& pointer, const std::string& file,
                   Problems& problems, models::WorkloadConfig& workload);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_WORKLOAD_H_
