// Reading a strategy's "control_plane": the account's cloud APIs with the
// scenario's own buckets and latencies. Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_CONTROL_PLANE_H_
#define SCALESIM_APP_SCENARIO_CONTROL_PLANE_H_

#include <string>
#include <vector>

#include "app/scenario/json_reader.h"
#include "models/control/api_catalog.h"
#include "models/scenario.h"

namespace app {

// {"lightsail:TagResource": {"burst": 4, "per_second": 0.5, "latency": "300ms"}}:
// the default catalogue with these overrides applied.
std::vector<models::ApiSpec> read_control_plane(const Json& value, const std::string& pointer,
                                                Problems& problems);

// Every call `controller` makes names an API of the strategy's control plane
// (`control_apis`, or the default catalogue when empty); problems point into the
// controller's object at `pointer`.
void check_calls(const models::ControllerSpec& controller,
                 const std::vector<models::ApiSpec>& control_apis, const std::string& pointer,
                 Problems& problems);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_CONTROL_PLANE_H_
