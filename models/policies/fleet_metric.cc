#include "models/policies/fleet_metric.h"

#include <algorithm>
#include <vector>

namespace models {

std::string_view fleet_metric_name(FleetMetric metric) {
  switch (metric) {
    case FleetMetric::kCpu:
      return "cpu";
    case FleetMetric::kRequestCount:
      return "request_count";
    case FleetMetric::kRequestCountPerTarget:
      return "request_count_per_target";
    case FleetMetric::kTargetResponseTime:
      return "target_response_time";
  }
  return "cpu";
}

std::optional<MetricReading> read_fleet_metric(const Datapoints& datapoints, FleetMetric metric,
                                               Statistic statistic, sim::Duration warmup,
                                               const std::vector<uint64_t>& launched) {
  const auto targets = static_cast<uint32_t>(datapoints.instances.size());
  switch (metric) {
    case FleetMetric::kCpu: {
      std::vector<double> counted;
      for (const InstanceDatapoint& instance : datapoints.instances) {
        const bool ours =
            std::find(launched.begin(), launched.end(), instance.id) != launched.end();
        if (!ours || instance.in_service_since + warmup <= datapoints.period_end)
          counted.push_back(instance.cpu_percent);
      }
      const std::optional<double> value = models::statistic(statistic, counted);
      if (!value) return std::nullopt;
      return MetricReading{*value, static_cast<uint32_t>(counted.size())};
    }
    case FleetMetric::kRequestCount:
      return MetricReading{datapoints.request_count, targets};
    case FleetMetric::kRequestCountPerTarget:
      if (targets == 0) return std::nullopt;
      return MetricReading{datapoints.request_count / targets, targets};
    case FleetMetric::kTargetResponseTime:
      if (!datapoints.target_response_seconds) return std::nullopt;
      return MetricReading{*datapoints.target_response_seconds, targets};
  }
  return std::nullopt;
}

}  // namespace models
