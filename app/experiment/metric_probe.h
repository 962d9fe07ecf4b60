// Which metrics a strategy reports, known before the experiment runs.
//
// The metrics a run reports depend on the strategy's components and settings,
// not on its traffic: a probe simulates a millisecond of the strategy without
// traffic and lists the names, so an SLO on a metric no strategy has is
// refused up front.
#ifndef SCALESIM_APP_EXPERIMENT_METRIC_PROBE_H_
#define SCALESIM_APP_EXPERIMENT_METRIC_PROBE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "models/scenario.h"

namespace app {

// REQUIRES: the scenario was validated; strategy indexes its strategies.
std::vector<std::string> reported_metrics(const models::Scenario& scenario, size_t strategy);

}  // namespace app

#endif  // SCALESIM_APP_EXPERIMENT_METRIC_PROBE_H_
