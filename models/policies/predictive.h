// An Auto Scaling group's predictive scaling policy (AsgConfig::predictive,
// asg.h): what it is configured with, and what AWS says it does.
//
// AWS's behaviour (docs/sources.md: AWSDOCS-ASG, page "Predictive scaling for
// Amazon EC2 Auto Scaling"; AWS-API-ASG-PREDICTIVE, the API reference of
// PredictiveScalingConfiguration; AWSDOCS-ASG-PREDICTIVE, "How predictive
// scaling works"):
//  - a metric pair: a load metric (the target group's RequestCount per minute,
//    ALBRequestCount; or the group's total CPU, ASGCPUUtilization) and a target
//    value of the scaling metric per instance (RequestCountPerTarget, or average
//    CPU): the capacity an interval needs is ceil(forecast load / target);
//  - forecasts start once the metric has 24 hours of data, use up to the last
//    14 days, cover the next 48 hours hourly, and are refreshed every 6 hours
//    (the current guide; the 2023 guide said daily: `refresh` is a parameter);
//  - mode ForecastOnly (AWS's default) forecasts and does nothing else;
//    ForecastAndScale, at the start of each hour, scales out to the forecast
//    capacity and never scales in on a forecast;
//  - SchedulingBufferTime launches that much before the hour: 300 s by default,
//    less than the 3600 s interval;
//  - MaxCapacityBreachBehavior: HonorMaxCapacity keeps the group's max; with
//    IncreaseMaxCapacity a forecast above max / (1 + buffer) raises max to
//    ceil(forecast x (1 + MaxCapacityBuffer / 100)), and it stays raised;
//  - beside dynamic scaling "each policy determines the desired capacity
//    independently, and the desired capacity is set to the maximum of those".
// So in ForecastAndScale the forecast capacity of the current interval is a
// floor under the group's dynamic policies: their scale-in stops there, their
// scale-out goes above it. A scheduled action sets desired as it says (AWS
// overrides a forecast with a scheduled action that raises min); the next
// interval's forecast applies again.
//
// How this model forecasts is AWS's own and undocumented ("machine learning");
// here it is the seasonal fit with spike terms of predictive_forecast.h.
#ifndef SCALESIM_MODELS_POLICIES_PREDICTIVE_H_
#define SCALESIM_MODELS_POLICIES_PREDICTIVE_H_

#include <cstdint>
#include <vector>

#include "sim/time.h"

namespace models {

enum class PredictiveMode { kForecastOnly, kForecastAndScale };

// The predefined metric pairs this model offers.
enum class PredictiveMetric {
  kRequestCount,  // ALBRequestCount: RequestCount / RequestCountPerTarget
  kCpu,           // ASGCPUUtilization: total CPU / average CPU, percent
};

// A spike every day at a local time of day, lasting `duration`.
struct DailySpike {
  sim::Duration at;
  sim::Duration duration;
};

struct PredictiveScalingPolicy {
  PredictiveMetric metric = PredictiveMetric::kRequestCount;
  double target = 0;  // of the scaling metric, per instance; > 0
  PredictiveMode mode = PredictiveMode::kForecastOnly;
  sim::Duration scheduling_buffer = sim::Duration::seconds(300);  // in [0, 3600 s)
  bool increase_max = false;         // MaxCapacityBreachBehavior IncreaseMaxCapacity
  uint32_t max_capacity_buffer = 0;  // percent, 0..100
  sim::Duration refresh = sim::Duration::hours(6);
  // The forecast's step. AWS's is an hour; a finer one is a what-if that shows
  // what a spike of a few minutes needs (predictive_forecast.h).
  sim::Duration forecast_interval = sim::Duration::hours(1);
  std::vector<DailySpike> known_spikes;
  int daily_harmonics = 6;
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_PREDICTIVE_H_
