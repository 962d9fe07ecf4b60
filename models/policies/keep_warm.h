// keep_warm: a pinger that invokes a Lambda function on a schedule to keep its
// environments warm (a lambda_function's `policy`, or a strategy controller).
//
// The folk remedy for cold starts (Zappa's default: a ping every 4 minutes). Each
// schedule sends `concurrent` pings at once every `every`: one ping keeps about
// one environment warm, so keeping N warm takes N concurrent pings. Each ping is
// a real invocation that runs the handler for `ping_duration` (it sleeps), on an
// environment it may have to create (a cold start), that can be throttled, and
// that is billed (requests and duration) on the function's ping meters. Pings are
// not user requests: they are counted apart (lambda.pings) and never reach the
// user's outcomes; but while they run, their environments are busy, and a user
// request that finds every warm environment busy with pings goes cold, as in
// production. Pings go to the function directly (an EventBridge schedule), not
// through an API in front of it; the schedule's own cost is not modelled.
#ifndef SCALESIM_MODELS_POLICIES_KEEP_WARM_H_
#define SCALESIM_MODELS_POLICIES_KEEP_WARM_H_

#include <cstdint>
#include <vector>

#include "models/control/controller.h"

namespace models {

struct PingSchedule {
  sim::Duration every = sim::Duration::minutes(4);  // Zappa's keep_warm_expression
  sim::Duration offset;                             // the first pings, from the start
  uint32_t concurrent = 1;                          // pings sent at once
};

struct KeepWarmConfig {
  static const ControllerKind& kind();  // "keep_warm": drives one lambda_function
  std::vector<PingSchedule> schedules = {PingSchedule()};
  sim::Duration ping_duration = sim::Duration::millis(100);  // the handler sleeps this long
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_KEEP_WARM_H_
