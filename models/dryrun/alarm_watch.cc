#include "models/dryrun/alarm_watch.h"

#include "models/dryrun/replayed_fleet.h"
#include "models/policies/fleet_metric.h"
#include "models/policies/tracking_math.h"
#include "sim/check.h"

namespace models {

namespace {

// AlarmLow's threshold as a share of the target, when the policy does not set
// it: the group's defaults (asg.h).
constexpr double kAsgScaleInFactor = 0.7;
constexpr double kAppScaleInFactor = 0.9;

std::string_view state_name(AlarmState state) {
  switch (state) {
    case AlarmState::kInsufficientData:
      return "INSUFFICIENT_DATA";
    case AlarmState::kOk:
      return "OK";
    case AlarmState::kAlarm:
      return "ALARM";
  }
  return "OK";
}

std::string_view comparison_text(Comparison comparison) {
  switch (comparison) {
    case Comparison::kGreater:
      return ">";
    case Comparison::kGreaterOrEqual:
      return ">=";
    case Comparison::kLess:
      return "<";
    case Comparison::kLessOrEqual:
      return "<=";
  }
  return ">";
}

}  // namespace

AlarmWatch::AlarmWatch(std::string name, const AlarmWatchConfig& config, MetricSource& source,
                       const ReplayedFleet* fleet, ControlContext& context)
    : Controller(std::move(name)),
      config_(config),
      source_(source),
      fleet_(fleet),
      context_(context) {
  if (const auto& tracking = config_.provisioned) {
    // provisioned_target_tracking.h: AlarmHigh 3 of 3, AlarmLow 15 of 15.
    alarms_.push_back({"AlarmHigh", FleetMetric::kCpu, Statistic::kAverage, true,
                       Alarm({Comparison::kGreater, tracking->target, 3, 3})});
    if (!tracking->disable_scale_in) {
      alarms_.push_back(
          {"AlarmLow", FleetMetric::kCpu, Statistic::kAverage, true,
           Alarm({Comparison::kLess, tracking->target * tracking->scale_in_factor, 15, 15})});
    }
  }
  const AsgConfig& asg = config_.asg;
  for (size_t i = 0; i < asg.target_tracking.size(); ++i) {
    const TargetTrackingPolicy& policy = asg.target_tracking[i];
    const std::string label = "target_tracking[" + std::to_string(i) + "] ";
    alarms_.push_back({label + "AlarmHigh", policy.metric, Statistic::kAverage, false,
                       Alarm({Comparison::kGreater, policy.target, policy.high_periods,
                              policy.high_datapoints})});
    if (!policy.scale_in) continue;
    const double factor = policy.scale_in_factor.value_or(asg.app_auto_scaling ? kAppScaleInFactor
                                                                               : kAsgScaleInFactor);
    alarms_.push_back({label + "AlarmLow", policy.metric, Statistic::kAverage, false,
                       Alarm({Comparison::kLess, policy.target * factor, policy.low_periods,
                              policy.low_datapoints})});
  }
  for (size_t i = 0; i < asg.step_scaling.size(); ++i) {
    const StepScalingPolicy& policy = asg.step_scaling[i];
    alarms_.push_back({"step_scaling[" + std::to_string(i) + "] alarm", policy.metric,
                       policy.statistic, false, Alarm(policy.alarm)});
  }
  fired_column_ = context.run.series.counter(this->name(), "alarms_fired");
}

void AlarmWatch::start() {
  if (alarms_.empty()) return;
  const sim::Duration delay =
      config_.provisioned ? config_.provisioned->metric_delay : config_.asg.metric_delay;
  context_.cloudwatch.subscribe(source_, *this, 0, delay);
}

void AlarmWatch::on_published(int /*tag*/, const Datapoints& datapoints) {
  const sim::Time now = context_.run.simulation.now();
  for (Watched& watched : alarms_) {
    std::optional<double> value = datapoints.provisioned_utilization;
    if (!watched.provisioned) {
      const std::optional<MetricReading> reading =
          read_fleet_metric(datapoints, watched.metric, watched.statistic,
                            config_.asg.instance_warmup, fleet_->launched());
      value = reading ? std::optional<double>(reading->value) : std::nullopt;
    }
    const AlarmState before = watched.alarm.state();
    const AlarmState after = watched.alarm.add(value);
    if (after == before || (before != AlarmState::kAlarm && after != AlarmState::kAlarm)) continue;
    if (after == AlarmState::kAlarm) context_.run.series.count(fired_column_, now);
    if (!context_.run.events) continue;
    const AlarmConfig& alarm = watched.alarm.config();
    const std::string metric = watched.provisioned ? std::string("utilization")
                                                   : std::string(fleet_metric_name(watched.metric));
    std::string detail = config_.policy + " " + watched.label + ": " +
                         std::string(state_name(before)) + " -> " + std::string(state_name(after)) +
                         ", " + metric + " " + (value ? figure(*value, 4) : std::string("missing"));
    detail += " (threshold " + std::string(comparison_text(alarm.comparison)) + " " +
              figure(alarm.threshold, 4) + ", " + std::to_string(alarm.datapoints_to_alarm) +
              " of " + std::to_string(alarm.evaluation_periods) + ")";
    context_.run.events->add(now, name(), "alarm", std::move(detail));
  }
}

void AlarmWatch::report(MetricList& metrics) const {
  metrics.push_back({"controller." + name() + ".alarms_fired",
                     context_.run.series.total(fired_column_), Unit::kCount});
}

namespace {

std::unique_ptr<Controller> make_watch(const ControllerSpec& spec,
                                       const std::vector<Component*>& driven,
                                       ControlContext& context) {
  auto* source = dynamic_cast<MetricSource*>(driven.front());
  SCALESIM_CHECK(source != nullptr, "an alarm_watch watches a replayed_fleet or function");
  const auto& config = spec.config_as<AlarmWatchConfig>();
  const auto* fleet = dynamic_cast<const ReplayedFleet*>(driven.front());
  SCALESIM_CHECK(fleet != nullptr || config.provisioned, "an asg's alarms need a replayed_fleet");
  return std::make_unique<AlarmWatch>(spec.name, config, *source, fleet, context);
}

}  // namespace

const ControllerKind& AlarmWatchConfig::kind() {
  static const ControllerKind row{
      "alarm_watch", {"replayed_fleet", "replayed_function"}, 1, 1, false, make_watch};
  return row;
}

}  // namespace models
