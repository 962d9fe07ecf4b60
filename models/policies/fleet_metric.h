// The metrics a scaling policy can watch on a fleet, computed from one period's
// published datapoints the way EC2 Auto Scaling aggregates them: instances the
// policy launched that are still in their warm-up do not count (Set the default
// instance warmup for an Auto Scaling group, AWSDOCS-ASG in docs/sources.md).
#ifndef SCALESIM_MODELS_POLICIES_FLEET_METRIC_H_
#define SCALESIM_MODELS_POLICIES_FLEET_METRIC_H_

#include <optional>
#include <string_view>
#include <vector>

#include "models/control/cloudwatch.h"
#include "models/control/statistic.h"

namespace models {

enum class FleetMetric {
  kCpu,                    // CPUUtilization of the instances, percent
  kRequestCount,           // RequestCount of the target group, per period
  kRequestCountPerTarget,  // RequestCount / instances in service
  kTargetResponseTime,     // TargetResponseTime, seconds
};

std::string_view fleet_metric_name(FleetMetric metric);

struct MetricReading {
  double value;
  // The instances the value stands for: those counted (CPU) or the targets.
  uint32_t capacity;
};

// `statistic` applies across instances for CPU (average, maximum, minimum, sum,
// sample count); the other metrics have one value per period. Nothing when no
// instance counts (every one warming up, or none in service) or, for response
// time, when nothing finished: CloudWatch has no datapoint then.
// `launched` lists the instances the policy launched, the only ones that warm up.
std::optional<MetricReading> read_fleet_metric(const Datapoints& datapoints, FleetMetric metric,
                                               Statistic statistic, sim::Duration warmup,
                                               const std::vector<uint64_t>& launched);

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_FLEET_METRIC_H_
