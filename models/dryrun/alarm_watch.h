// alarm_watch: the log of an Auto Scaling group's CloudWatch alarms, for
// `scalesim dry-run`. The group (asg.h) keeps its alarms to itself and logs
// only its decisions; a dry run also wants to see when each alarm went into
// ALARM and out of it. This controller feeds copies of the group's alarms
// (target tracking's AlarmHigh and AlarmLow, each step policy's alarm) the
// datapoints the group reads, from the same subscription delay and with the
// same warm-up rule, and logs every change of state as an "alarm" event.
// It changes nothing: it sets no capacity and calls no API.
//
// It watches a replayed_fleet (replayed_fleet.h), whose launches are all the
// group's (it is the fleet's only capacity-setting controller), so the
// instances in warm-up are the same as the group's. Given a
// provisioned_target_tracking config instead, it watches a replayed_function
// (replayed_function.h) and mirrors that policy's two alarms on
// ProvisionedConcurrencyUtilization.
#ifndef SCALESIM_MODELS_DRYRUN_ALARM_WATCH_H_
#define SCALESIM_MODELS_DRYRUN_ALARM_WATCH_H_

#include <optional>
#include <string>
#include <vector>

#include "models/control/alarm.h"
#include "models/control/cloudwatch.h"
#include "models/control/controller.h"
#include "models/policies/asg.h"
#include "models/policies/provisioned_target_tracking.h"

namespace models {

class ReplayedFleet;

struct AlarmWatchConfig {
  // "alarm_watch": drives one replayed_fleet or replayed_function
  static const ControllerKind& kind();
  std::string policy;  // the policy's controller name, for the log
  AsgConfig asg;       // the group whose alarms it mirrors...
  std::optional<ProvisionedTargetTrackingConfig> provisioned;  // ...or this policy's
};

class AlarmWatch final : public Controller, private MetricSubscriber {
 public:
  // `fleet` is null when watching a replayed_function.
  AlarmWatch(std::string name, const AlarmWatchConfig& config, MetricSource& source,
             const ReplayedFleet* fleet, ControlContext& context);

  void start() override;
  void report(MetricList& metrics) const override;

 private:
  struct Watched {
    std::string label;  // "target_tracking[0] AlarmHigh"
    FleetMetric metric;
    Statistic statistic;
    bool provisioned;  // on ProvisionedConcurrencyUtilization rather than `metric`
    Alarm alarm;
  };

  void on_published(int tag, const Datapoints& datapoints) override;

  AlarmWatchConfig config_;
  MetricSource& source_;
  const ReplayedFleet* fleet_;
  ControlContext& context_;
  std::vector<Watched> alarms_;
  sim::TimeSeries::Column fired_column_;  // changes into ALARM
};

}  // namespace models

#endif  // SCALESIM_MODELS_DRYRUN_ALARM_WATCH_H_
