// provisioned_schedule: Application Auto Scaling's scheduled actions on a Lambda
// function's provisioned concurrency (a lambda_function's `policy`), on the
// scenario's local clock: "100 from 08:00, 0 from 16:00 on weekdays".
//
// At each action's instant the function is configured with the action's amount:
// billing follows at once, a raise serves after the function's allocation delay
// and a cut releases idle environments at once (lambda_function.h). Actions
// reach the function directly: Application Auto Scaling's own API throttling is
// not modelled.
#ifndef SCALESIM_MODELS_POLICIES_PROVISIONED_SCHEDULE_H_
#define SCALESIM_MODELS_POLICIES_PROVISIONED_SCHEDULE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "models/control/controller.h"
#include "sim/cron.h"

namespace models {

struct ProvisionedAction {
  sim::CronSchedule when;  // on the scenario's local clock
  uint32_t provisioned_concurrency = 0;
};

struct ProvisionedScheduleConfig {
  static const ControllerKind& kind();  // "provisioned_schedule": drives one lambda_function
  std::vector<ProvisionedAction> actions;
  // The driven function's, set by the kind's bind(): picks the prices billed.
  std::string architecture = "x86_64";
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_PROVISIONED_SCHEDULE_H_
