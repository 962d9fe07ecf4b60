// What moves an Auto Scaling group's desired capacity: target tracking, step
// scaling and scheduled actions (asg.h states the rules and their sources);
// predictive scaling's part is in asg_predictive.cc.
#include <algorithm>
#include <cmath>

#include "models/policies/asg_group.h"
#include "models/policies/tracking_math.h"

namespace models {

void AutoScalingGroup::on_published(int /*tag*/, const Datapoints& datapoints) {
  if (!config_.target_tracking.empty()) apply_target_tracking(datapoints);
  for (size_t policy = 0; policy < config_.step_scaling.size(); ++policy) {
    apply_step_scaling(policy, datapoints);
  }
  if (forecaster_) forecaster_->observe(datapoints);
}

// Feeds one target tracking policy's alarms and says what it asks for.
AutoScalingGroup::Proposal AutoScalingGroup::track(size_t index, const Datapoints& datapoints) {
  const TargetTrackingPolicy& policy = config_.target_tracking[index];
  const std::optional<MetricReading> reading = read_fleet_metric(
      datapoints, policy.metric, Statistic::kAverage, config_.instance_warmup, launched_ids_);
  TrackingState& state = tracking_[index];
  const std::optional<double> value =
      reading ? std::optional<double>(reading->value) : std::nullopt;
  const bool high = state.high.add(value) == AlarmState::kAlarm;
  const bool low = state.low.add(value) == AlarmState::kAlarm;
  Proposal proposal;
  if (!reading) return proposal;
  proposal.out = high;
  proposal.in = low && policy.scale_in;
  proposal.desired = tracked_capacity(reading->capacity, reading->value, policy.target);
  return proposal;
}

// Out when any policy asks for it; in only when every policy that may scale in
// asks for it, to the largest of their capacities and never below the forecast
// floor (predictive scaling's capacity for the current interval).
void AutoScalingGroup::apply_target_tracking(const Datapoints& datapoints) {
  uint32_t out_to = 0;
  bool any_out = false;
  bool all_in = true;
  bool any_may_scale_in = false;
  uint32_t in_to = 0;
  for (size_t policy = 0; policy < config_.target_tracking.size(); ++policy) {
    const Proposal proposal = track(policy, datapoints);
    if (proposal.out) {
      any_out = true;
      out_to = std::max(out_to, proposal.desired);
    }
    if (!config_.target_tracking[policy].scale_in) continue;
    any_may_scale_in = true;
    all_in = all_in && proposal.in;
    in_to = std::max(in_to, proposal.desired);
  }
  // Cooldowns (Application Auto Scaling's; zero for an Auto Scaling group): the
  // longest of the policies'.
  sim::Duration out_cooldown;
  sim::Duration in_cooldown;
  for (const TargetTrackingPolicy& policy : config_.target_tracking) {
    out_cooldown = std::max(out_cooldown, cooldown(policy.scale_out_cooldown));
    in_cooldown = std::max(in_cooldown, cooldown(policy.scale_in_cooldown));
  }
  if (any_out) {
    if (out_to > desired_ && sim_.now() >= scale_out_allowed_) {
      set_desired(out_to, "scale_out", "target tracking");
      scale_out_allowed_ = sim_.now() + out_cooldown;
    }
    return;
  }
  if (any_may_scale_in && all_in && in_to < desired_ && !scale_in_blocked() &&
      sim_.now() >= scale_in_allowed_) {
    const uint32_t to = std::max({in_to, min_, forecast_floor_});
    const bool at_floor = to == forecast_floor_ && forecast_floor_ > std::max(in_to, min_);
    if (to < desired_) {
      set_desired(to, "scale_in",
                  at_floor ? "target tracking, to the forecast" : "target tracking");
    }
    scale_in_allowed_ = sim_.now() + in_cooldown;
  }
}

void AutoScalingGroup::apply_step_scaling(size_t index, const Datapoints& datapoints) {
  const StepScalingPolicy& policy = config_.step_scaling[index];
  const std::optional<MetricReading> reading = read_fleet_metric(
      datapoints, policy.metric, policy.statistic, config_.instance_warmup, launched_ids_);
  const AlarmState state =
      step_alarms_[index].add(reading ? std::optional<double>(reading->value) : std::nullopt);
  if (state != AlarmState::kAlarm || !reading) return;
  if (sim_.now() < step_cooldown_until_[index]) return;
  const uint32_t counted = reading->capacity;
  const std::optional<int64_t> adjustment = step_adjustment(policy, reading->value, counted);
  if (!adjustment) return;
  const std::string why = "step scaling on " + std::string(fleet_metric_name(policy.metric)) + " " +
                          figure(reading->value, 4);
  uint32_t wanted;
  if (policy.adjustment_type == AdjustmentType::kExactCapacity) {
    wanted = static_cast<uint32_t>(std::max<int64_t>(0, *adjustment));
  } else if (*adjustment > 0) {
    // Aggregated over warm-up: instances still warming already count in desired.
    wanted = std::max<uint32_t>(desired_, counted + static_cast<uint32_t>(*adjustment));
  } else {
    if (scale_in_blocked()) return;
    wanted = static_cast<uint32_t>(std::max<int64_t>(0, int64_t{desired_} + *adjustment));
  }
  // A scale-in stops at the forecast floor.
  if (wanted < desired_) wanted = std::max(wanted, forecast_floor_);
  const uint32_t before = desired_;
  set_desired(wanted, wanted > desired_ ? "scale_out" : "scale_in", why);
  if (desired_ != before && policy.cooldown) {
    step_cooldown_until_[index] = sim_.now() + *policy.cooldown;
  }
}

// The adjustment of the step the value falls in, or nothing when it falls in
// none. Above the threshold a step holds [lower, upper); below it (lower, upper].
std::optional<int64_t> AutoScalingGroup::step_adjustment(const StepScalingPolicy& policy,
                                                         double value, uint32_t base) const {
  const double over = value - policy.alarm.threshold;
  for (const StepAdjustment& step : policy.steps) {
    const bool above = over >= 0;
    const bool lower_ok = !step.lower || (above ? over >= *step.lower : over > *step.lower);
    const bool upper_ok = !step.upper || (above ? over < *step.upper : over <= *step.upper);
    if (!lower_ok || !upper_ok) continue;
    if (policy.adjustment_type != AdjustmentType::kPercentChangeInCapacity) {
      return static_cast<int64_t>(std::llround(step.adjustment));
    }
    // Percent: above 1 round down, between 0 and 1 make it 1, and the mirror
    // image below zero; then at least the minimum magnitude.
    const double raw = base * step.adjustment / 100;
    int64_t change = raw >= 1    ? static_cast<int64_t>(std::floor(raw))
                     : raw > 0   ? 1
                     : raw <= -1 ? static_cast<int64_t>(std::ceil(raw))
                     : raw < 0   ? -1
                                 : 0;
    const int64_t least = policy.min_adjustment_magnitude;
    if (change > 0 && change < least) change = least;
    if (change < 0 && -change < least) change = -least;
    return change;
  }
  return std::nullopt;
}

// No scale-in while a scale-out is under way: an instance pending, or one the
// group launched still in its warm-up.
bool AutoScalingGroup::scale_in_blocked() const {
  if (service_) return false;  // Application Auto Scaling: its cooldowns instead
  if (launching_ > 0) return true;
  for (const InstanceView& instance : fleet_.instances()) {
    if (instance.state == InstanceState::kPending) return true;
    const bool ours =
        std::find(launched_ids_.begin(), launched_ids_.end(), instance.id) != launched_ids_.end();
    if (ours && instance.state == InstanceState::kInService &&
        *instance.in_service_since + config_.instance_warmup > sim_.now())
      return true;
  }
  return false;
}

void AutoScalingGroup::schedule_action(size_t action) {
  const sim::Time next =
      config_.scheduled[action].when.next_after(sim_.now(), context_.run.local_offset);
  if (next != sim::Time::never()) sim_.schedule(next, *this, action);
}

void AutoScalingGroup::on_event(uint64_t action) {
  const ScheduledAction& scheduled = config_.scheduled[action];
  if (scheduled.min) min_ = *scheduled.min;
  if (scheduled.max) max_ = *scheduled.max;
  // An action may raise min past the group's max (or lower max below its min):
  // AWS refuses such an action; here the one the action set wins.
  if (min_ > max_) (scheduled.min ? max_ : min_) = scheduled.min ? min_ : max_;
  // Desired stays within the new bounds even when the action does not set it.
  set_desired(scheduled.desired.value_or(desired_), "scheduled",
              "min " + std::to_string(min_) + ", max " + std::to_string(max_));
  schedule_action(action);
}

}  // namespace models
