// provisioned_target_tracking: Application Auto Scaling's target tracking on a
// Lambda function's provisioned concurrency (a lambda_function's `policy`):
// keeps ProvisionedConcurrencyUtilization near a target, 0.7 by default
// (AWSDOCS-LAMBDA in docs/sources.md: the provisioned-concurrency page and the
// metrics table, 2022-11; the rules target tracking shares with EC2 Auto
// Scaling are the asg's, asg.h).
//
// The metric, per one-minute period: ProvisionedConcurrentExecutions divided by
// the provisioned concurrency allocated, statistic Average (AAS's predefined
// LambdaProvisionedConcurrencyUtilization). Lambda emits the count of busy
// provisioned environments with each invocation; here the busy ones are averaged
// over the period's time and divided by the allocated ones, also averaged over
// time. Arrivals that see time averages (Poisson ones do) make the mean of the
// emitted counts that time average, so this is a faithful reading. A period in
// which no provisioned environment was busy has no datapoint, since the metric
// comes with invocations: an idle function's scale-in alarm sees missing data and
// its provisioned concurrency stays, as users of AAS report, and a function
// with none provisioned never gets any (min_capacity 0). The policy sees a
// period `metric_delay` after it ends, as CloudWatch publishes it (cloudwatch.h).
//
// AAS creates two alarms (models::Alarm, missing data treated as missing):
//  - AlarmHigh: utilisation > target for 3 of 3 datapoints. While it is in ALARM
//    each new datapoint sets the configured amount to
//    max(configured, ceil(allocated x utilisation / target)), that is the mean
//    busy provisioned environments over the target, at most max_capacity.
//  - AlarmLow: utilisation < scale_in_factor x target (0.63 for 0.7) for 15 of
//    15. While it is in ALARM and AlarmHigh is not, each new datapoint lowers the
//    amount to max(min_capacity, ceil(allocated x utilisation / target)), unless
//    scale-in is disabled, an allocation is still under way (configured
//    environments not yet ready: the asg's rule that a scale-out under way blocks
//    scale-in) or the scale-in cooldown runs. The guide says AAS scales in "in
//    smaller periodic steps" without their size; like the asg, this goes to the
//    computed amount at once, re-evaluated every period.
// Cooldowns are 0 by default, AAS's default for Lambda (AWS CDK's reference
// restates it). A scale-out within scale_out_cooldown of the last one is
// skipped; a scale-in within scale_in_cooldown of the last one too; the
// scale-in cooldown never holds back a scale-out.
//
// Utilisation cannot exceed 1: spill-over invocations run on on-demand
// environments, outside the metric. One scale-out therefore multiplies the
// amount by at most 1/target, and a step in load takes several rounds of at
// least 3 datapoints each. At time zero the configured amount is brought within
// [min_capacity, max_capacity], as registering the scalable target does. Changes
// reach the function directly: API throttling is not modelled.
#ifndef SCALESIM_MODELS_POLICIES_PROVISIONED_TARGET_TRACKING_H_
#define SCALESIM_MODELS_POLICIES_PROVISIONED_TARGET_TRACKING_H_

#include <cstdint>
#include <string>

#include "models/control/cloudwatch.h"
#include "models/control/controller.h"

namespace models {

struct ProvisionedTargetTrackingConfig {
  static const ControllerKind& kind();  // "provisioned_target_tracking": drives one lambda_function
  // The scalable target's bounds. REQUIRES: min_capacity <= max_capacity, and
  // max_capacity at most the function's most_provisioned() (the kind's check).
  uint32_t min_capacity = 0;
  uint32_t max_capacity = 0;
  double target = 0.7;  // REQUIRES: 0 < target <= 1
  double scale_in_factor = 0.9;
  bool disable_scale_in = false;
  sim::Duration scale_out_cooldown;
  sim::Duration scale_in_cooldown;
  sim::Duration metric_delay = CloudWatch::kDefaultDelay;
  // The driven function's, set by the kind's bind(): picks the prices billed.
  std::string architecture = "x86_64";
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_PROVISIONED_TARGET_TRACKING_H_
