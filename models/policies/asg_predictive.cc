// An Auto Scaling group's predictive scaling policy (predictive.h states the
// rules): the timers that refresh its forecast and act `scheduling_buffer`
// before each interval, the floor its forecast puts under the other policies,
// and its metrics.
#include <algorithm>
#include <cmath>

#include "models/policies/asg_group.h"
#include "models/policies/tracking_math.h"

namespace models {

namespace {

int64_t positive_mod(int64_t x, int64_t m) {
  const int64_t r = x % m;
  return r < 0 ? r + m : r;
}

}  // namespace

void AutoScalingGroup::start_predictive() {
  const PredictiveScalingPolicy& policy = *config_.predictive;
  refresh_timer_.start(sim_.now() + policy.refresh, policy.refresh);
  // Actions fire `scheduling_buffer` before each interval of the local clock.
  const int64_t step = policy.forecast_interval.us();
  const int64_t lead = positive_mod(
      -(sim_.now().us() + policy.scheduling_buffer.us() + context_.run.local_offset.us()), step);
  action_timer_.start(sim_.now() + sim::Duration::micros(lead), policy.forecast_interval);
}

// An interval starts `scheduling_buffer` from now: its forecast capacity becomes
// the floor, and in ForecastAndScale the group scales out to it (never in).
void AutoScalingGroup::act_on_forecast() {
  const PredictiveScalingPolicy& policy = *config_.predictive;
  const std::optional<PredictiveForecaster::Planned> planned =
      forecaster_->plan(sim_.now() + policy.scheduling_buffer);
  forecast_floor_ = 0;
  if (!planned || policy.mode != PredictiveMode::kForecastAndScale) return;
  const double wanted = planned->capacity * (1 + policy.max_capacity_buffer / 100.0);
  if (policy.increase_max && wanted > max_) {
    const auto raised = static_cast<uint32_t>(std::ceil(wanted - 1e-9));
    if (context_.run.events) {
      context_.run.events->add(sim_.now(), name(), "max_raised",
                               "max " + std::to_string(max_) + " -> " + std::to_string(raised));
    }
    max_ = raised;
  }
  forecast_floor_ = std::min(planned->capacity, max_);
  if (forecast_floor_ <= desired_) return;
  ++predictive_scale_outs_;
  set_desired(forecast_floor_, "scale_out",
              "predictive: forecast " + figure(planned->load, 4) + " per minute from +" +
                  std::to_string(policy.scheduling_buffer.us() / 1'000'000) + "s");
}

void AutoScalingGroup::report_predictive(const std::string& prefix, MetricList& metrics) const {
  metrics.push_back(
      {prefix + "forecasts", static_cast<double>(forecaster_->forecasts()), Unit::kCount});
  metrics.push_back(
      {prefix + "forecast_capacity_mean", forecaster_->capacity_mean(), Unit::kNumber});
  metrics.push_back({prefix + "predictive_scale_outs", static_cast<double>(predictive_scale_outs_),
                     Unit::kCount});
  metrics.push_back({prefix + "forecast_intervals",
                     static_cast<double>(forecaster_->scored_intervals()), Unit::kCount});
  metrics.push_back({prefix + "forecast_mape", forecaster_->mape(), Unit::kRatio});
}

}  // namespace models
