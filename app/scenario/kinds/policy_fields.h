// Fields that several controller readers share: cron schedules, retry
// policies, CloudWatch alarms, fleet metrics; and an asg's predictive scaling
// policy, read in asg_predictive.cc. Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_KINDS_POLICY_FIELDS_H_
#define SCALESIM_APP_SCENARIO_KINDS_POLICY_FIELDS_H_

#include <functional>
#include <optional>
#include <string>

#include "app/scenario/json_reader.h"
#include "models/control/alarm.h"
#include "models/control/control_plane.h"
#include "models/control/statistic.h"
#include "models/policies/fleet_metric.h"
#include "models/policies/predictive.h"
#include "sim/cron.h"

namespace app {

// "0 8 * * mon-fri": minute hour day-of-month month day-of-week, on the
// scenario's local clock.
std::optional<sim::CronSchedule> read_cron(const Json& value, const std::string& pointer,
                                           Problems& problems);

// {"attempts": 5, "base": "1s", "cap": "20s", "jitter": "full"}
std::optional<models::RetryPolicy> read_retry(const Json& value, const std::string& pointer,
                                              Problems& problems);

// "cpu", "request_count", "request_count_per_target" or "target_response_time".
std::optional<models::FleetMetric> read_fleet_metric_name(ObjectReader& r, std::string_view key,
                                                          Presence presence);
std::optional<models::Statistic> read_statistic(ObjectReader& r, std::string_view key);

// {"comparison": ">", "threshold": 70, "datapoints": 2, "periods": 3,
//  "missing": "missing"}
std::optional<models::AlarmConfig> read_alarm(const Json& value, const std::string& pointer,
                                              Problems& problems);

// An asg's "predictive" object (asg_predictive.cc), or nothing after noting problems.
std::optional<models::PredictiveScalingPolicy> read_predictive_scaling(const Json& value,
                                                                       const std::string& pointer,
                                                                       Problems& problems);

// Calls `each` with every element of a non-empty array and its pointer, or notes
// a problem.
void for_each_element(const Json& value, const std::string& pointer, Problems& problems,
                      const std::string& what,
                      const std::function<void(const Json&, const std::string&)>& each);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_KINDS_POLICY_FIELDS_H_
