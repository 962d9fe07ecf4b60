// asg: an EC2 Auto Scaling group driving a fleet (the fleet's `policy`).
//
// The group keeps its desired capacity between min and max and reconciles the
// fleet to it every `reconcile_interval`: it launches through RunInstances and
// terminates through TerminateInstances (throttled, with latency), and replaces
// instances that ended from outside. Policies move the desired capacity, acting on
// CloudWatch's published one-minute datapoints (docs/sources.md: AWSDOCS-ASG,
// AWSDOCS-CLOUDWATCH; read through "Target tracking scaling policies for Amazon
// EC2 Auto Scaling", "Step and simple scaling policies", "Scheduled scaling" and
// "Set the default instance warmup"):
//  - target tracking: AlarmHigh (metric > target, 3 of 3 datapoints) and AlarmLow
//    (metric < scale_in_factor x target, 15 of 15). While AlarmHigh is in ALARM
//    (an alarm re-invokes Auto Scaling actions every period it stays there) the
//    desired capacity becomes max(desired, ceil(counted x metric / target)),
//    where `counted` are the instances past their warm-up that the metric covers
//    (warming ones already count in desired). Scale-in needs every policy's
//    AlarmLow in ALARM, no instance pending or warming up, and takes the largest
//    of the policies' ceil(in service x metric / target). AWS does not document
//    the AlarmLow threshold; EC2 groups' alarms show 0.7 x target (secondary).
//  - step scaling: an alarm on a metric and statistic, steps bounded relative to
//    its threshold (lower inclusive, upper exclusive above it; the reverse below),
//    adjustments in capacity, exact or percent (with a minimum magnitude).
//    Scale-out steps aggregate over warm-up: desired becomes max(desired, counted
//    + adjustment); scale-in steps wait for warm-ups to end. A `cooldown`, when
//    given, makes it behave as simple scaling and ignore its alarm that long
//    after each activity.
//  - scheduled actions (cron on the scenario's local clock) set min, max and
//    desired; desired is kept within the new bounds.
//  - predictive scaling (predictive.h states its rules): forecasts of the load
//    from the group's own history; in ForecastAndScale, `scheduling_buffer`
//    before each forecast interval, desired becomes at least the interval's
//    forecast capacity, which is then a floor under the scale-ins of target
//    tracking and step scaling until the next interval. An Auto Scaling group's
//    only (not Application Auto Scaling's).
// Driving an ecs_service, the policy is Application Auto Scaling on the service's
// desired count rather than an Auto Scaling group (AsgConfig::app_auto_scaling,
// set by the kind's bind()): reconciling means calling ecs:UpdateService
// (throttled, with latency) until the service's desired count is the policy's,
// and the service's scheduler starts and stops tasks (ecs_service.h). Its
// target tracking has no warm-up but cooldowns, 300 s each way by default for
// ECS, and AlarmLow at 0.9 x target (both secondary: alarm dumps and the ECS
// and Lambda guides; docs/sources.md AWSDOCS-ECS, AWSDOCS-LAMBDA). As for
// Lambda's provisioned concurrency (provisioned_target_tracking.h): a
// scale-out within scale_out_cooldown of the last scale-out is skipped, a
// scale-in within scale_in_cooldown of the last scale-in too, and the scale-in
// cooldown never holds back a scale-out. Pending tasks do not block a scale-in.
// Scale-in terminates pending instances first (newest first), then instances in
// service at random: AWS's default termination policy balances zones, then
// prefers the oldest launch template, then the instance closest to its next
// billing hour, then random, and none of those tells identical instances apart
// under per-second billing.
#ifndef SCALESIM_MODELS_POLICIES_ASG_H_
#define SCALESIM_MODELS_POLICIES_ASG_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "models/control/alarm.h"
#include "models/control/controller.h"
#include "models/policies/fleet_metric.h"
#include "models/policies/predictive.h"
#include "sim/cron.h"
#include "sim/time.h"

namespace models {

struct TargetTrackingPolicy {
  FleetMetric metric = FleetMetric::kCpu;  // average over counted instances
  double target = 50;
  bool scale_in = true;
  // AlarmLow threshold = factor x target; unset: 0.7 for an Auto Scaling group,
  // 0.9 for Application Auto Scaling.
  std::optional<double> scale_in_factor;
  // Application Auto Scaling only; unset: 300 s.
  std::optional<sim::Duration> scale_out_cooldown;
  std::optional<sim::Duration> scale_in_cooldown;
  int high_datapoints = 3;  // AlarmHigh: this many of...
  int high_periods = 3;     // ...the last this many periods above target
  int low_datapoints = 15;
  int low_periods = 15;
};

enum class AdjustmentType { kChangeInCapacity, kExactCapacity, kPercentChangeInCapacity };

struct StepAdjustment {
  // Relative to the alarm's threshold; nothing for an open end.
  std::optional<double> lower;
  std::optional<double> upper;
  double adjustment = 0;
};

struct StepScalingPolicy {
  FleetMetric metric = FleetMetric::kCpu;
  Statistic statistic = Statistic::kAverage;
  AlarmConfig alarm{Comparison::kGreater, 70, 1, 1};
  AdjustmentType adjustment_type = AdjustmentType::kChangeInCapacity;
  std::vector<StepAdjustment> steps;
  int min_adjustment_magnitude = 0;  // for percent adjustments
  std::optional<sim::Duration> cooldown;
};

struct ScheduledAction {
  sim::CronSchedule when;
  std::optional<uint32_t> min;
  std::optional<uint32_t> max;
  std::optional<uint32_t> desired;
};

struct AsgConfig {
  static const ControllerKind& kind();  // "asg": drives one server_fleet or ecs_service

  // Application Auto Scaling on an ecs_service's desired count; set by the
  // kind's bind() when the driven component is one.
  bool app_auto_scaling = false;

  uint32_t min = 1;
  uint32_t max = 1;
  // At time zero; the fleet's `count` when unset.
  std::optional<uint32_t> desired;
  // DefaultInstanceWarmup. Unset in AWS by default, when EstimatedInstanceWarmup
  // falls back to the default cooldown, 300 s.
  sim::Duration instance_warmup = sim::Duration::seconds(300);
  sim::Duration metric_delay = sim::Duration::minutes(1);
  // How often the group compares the fleet with its desired capacity. AWS says
  // only "periodically"; a parameter.
  sim::Duration reconcile_interval = sim::Duration::seconds(10);
  std::vector<TargetTrackingPolicy> target_tracking;
  std::vector<StepScalingPolicy> step_scaling;
  std::vector<ScheduledAction> scheduled;
  std::optional<PredictiveScalingPolicy> predictive;
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_ASG_H_
