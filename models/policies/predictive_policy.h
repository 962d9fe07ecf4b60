// The forecasting half of an Auto Scaling group's predictive scaling policy
// (predictive.h): it keeps the load metric's history from the CloudWatch
// datapoints the group receives, makes and refreshes the forecast
// (predictive_forecast.h), says the forecast capacity of the interval starting
// at an instant, and scores each such forecast against the load then measured.
// The group (asg_group.h) owns the timers and decides what to do with the
// capacity. Internal to models/policies.
#ifndef SCALESIM_MODELS_POLICIES_PREDICTIVE_POLICY_H_
#define SCALESIM_MODELS_POLICIES_PREDICTIVE_POLICY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/control/cloudwatch.h"
#include "models/policies/predictive.h"
#include "models/policies/predictive_forecast.h"
#include "models/topology/component.h"

namespace models {

class PredictiveForecaster {
 public:
  // What the forecast says of one interval.
  struct Planned {
    double load = 0;        // mean load per minute
    uint32_t capacity = 0;  // ceil(load / target)
  };

  // Events go to `run.events` under `source`; the time series
  // `<source>.forecast_capacity` holds the capacity of the interval last planned.
  // REQUIRES: `policy` and `run` outlive this.
  PredictiveForecaster(const PredictiveScalingPolicy& policy, std::string source,
                       const RunContext& run);

  // One published period: its load joins the history, intervals now measured
  // are scored, and the first forecast is made once 24 hours are there.
  void observe(const Datapoints& datapoints);
  // The periodic refresh: a new forecast when there are 24 hours of history.
  void refresh();
  // The interval starting at `start`: nothing before the first forecast.
  // Records it for scoring and as the forecast capacity in force.
  std::optional<Planned> plan(sim::Time start);

  uint64_t forecasts() const { return forecasts_; }
  double capacity_mean() const;
  uint64_t scored_intervals() const { return errors_; }
  // The mean absolute percentage error of the scored intervals; 0 when none.
  double mape() const { return errors_ ? error_sum_ / static_cast<double>(errors_) : 0.0; }

 private:
  // An interval whose forecast is compared with what CloudWatch then measures.
  struct Check {
    sim::Time start;
    sim::Time end;
    double forecast;
  };

  double load_of(const Datapoints& datapoints) const;
  void make_forecast();
  void score();
  uint32_t capacity_for(double load) const;

  const PredictiveScalingPolicy& policy_;
  std::string source_;
  const RunContext& run_;
  LoadHistory history_;
  std::optional<LoadForecast> forecast_;
  uint64_t forecasts_ = 0;
  std::vector<Check> checks_;  // in start order
  double error_sum_ = 0;       // of |observed - forecast| / observed
  uint64_t errors_ = 0;
  sim::TimeSeries::Column capacity_column_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_PREDICTIVE_POLICY_H_
