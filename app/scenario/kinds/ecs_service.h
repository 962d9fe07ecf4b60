// The reader of an ecs_service (docs/scenarios.md#ecs_service), for the
// loader's table of kinds. Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_KINDS_ECS_SERVICE_H_
#define SCALESIM_APP_SCENARIO_KINDS_ECS_SERVICE_H_

#include <any>
#include <optional>

#include "app/scenario/json_reader.h"

namespace app {

std::optional<std::any> read_ecs_service(ObjectReader& r);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_KINDS_ECS_SERVICE_H_
