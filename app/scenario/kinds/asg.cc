// Reads an asg policy (docs/scenarios.md#asg).
#include "models/policies/asg.h"
#include "app/scenario/kinds/kind_table.h"
#include "app/scenario/kinds/policy_fields.h"

namespace app {

namespace {

constexpr int64_t kMostInstances = 100000;

void read_target_tracking(const Json& value, const std::string& pointer, Problems& problems,
                          models::AsgConfig& c) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  models::TargetTrackingPolicy policy;
  const size_t before = problems.list().size();
  const auto metric = read_fleet_metric_name(r, "metric", Presence::kOptional);
  const bool metric_ok = problems.list().size() == before;
  policy.metric = metric.value_or(policy.metric);
  if (metric_ok && policy.metric != models::FleetMetric::kCpu &&
      policy.metric != models::FleetMetric::kRequestCountPerTarget) {
    problems.expected(r.pointer("metric"),
                      "\"cpu\" or \"request_count_per_target\" (target tracking's predefined "
                      "metrics)",
                      r.field("metric"));
  }
  policy.target = r.number("target", 0, 1e9, true, Presence::kRequired).value_or(policy.target);
  if (metric_ok && policy.metric == models::FleetMetric::kCpu && policy.target > 100) {
    problems.expected(r.pointer("target"), "a CPU utilisation from 0 to 100 percent",
                      r.field("target"));
  }
  policy.scale_in = r.boolean("scale_in").value_or(policy.scale_in);
  policy.scale_in_factor = r.number("scale_in_factor", 0, 1, true);
  policy.scale_out_cooldown = r.duration("scale_out_cooldown");
  policy.scale_in_cooldown = r.duration("scale_in_cooldown");
  r.reject_unknown_keys();
  c.target_tracking.push_back(policy);
}

void read_steps(const Json& value, const std::string& pointer, Problems& problems,
                models::StepScalingPolicy& policy) {
  for_each_element(
      value, pointer, problems, "steps", [&](const Json& element, const std::string& at) {
        ObjectReader s(element, at, problems);
        if (!s.valid()) return;
        models::StepAdjustment step;
        step.lower = s.number("lower", -1e12, 1e12);
        step.upper = s.number("upper", -1e12, 1e12);
        if (step.lower && step.upper && *step.upper <= *step.lower) {
          problems.expected(s.pointer("upper"), "a bound above \"lower\"", s.field("upper"));
        }
        step.adjustment = s.number("adjustment", -1e6, 1e6, false, Presence::kRequired).value_or(0);
        s.reject_unknown_keys();
        policy.steps.push_back(step);
      });
}

void read_step_scaling(const Json& value, const std::string& pointer, Problems& problems,
                       models::AsgConfig& c) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  models::StepScalingPolicy policy;
  policy.metric = read_fleet_metric_name(r, "metric", Presence::kOptional).value_or(policy.metric);
  policy.statistic = read_statistic(r, "statistic").value_or(policy.statistic);
  if (const Json* alarm = r.field("alarm", Presence::kRequired, "an alarm object")) {
    if (auto read = read_alarm(*alarm, r.pointer("alarm"), problems)) policy.alarm = *read;
  }
  const auto type = r.choice(
      "adjustment_type", {"change_in_capacity", "exact_capacity", "percent_change_in_capacity"});
  if (type == "exact_capacity") policy.adjustment_type = models::AdjustmentType::kExactCapacity;
  if (type == "percent_change_in_capacity")
    policy.adjustment_type = models::AdjustmentType::kPercentChangeInCapacity;
  if (const Json* steps = r.field("steps", Presence::kRequired, "an array of steps")) {
    read_steps(*steps, r.pointer("steps"), problems, policy);
  }
  policy.min_adjustment_magnitude =
      static_cast<int>(r.integer("min_adjustment_magnitude", 0, kMostInstances).value_or(0));
  policy.cooldown = r.duration("cooldown");
  r.reject_unknown_keys();
  c.step_scaling.push_back(policy);
}

void read_scheduled(const Json& value, const std::string& pointer, Problems& problems,
                    models::AsgConfig& c) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  const Json* cron = r.field("cron", Presence::kRequired, "a cron expression");
  std::optional<sim::CronSchedule> when;
  if (cron) when = read_cron(*cron, r.pointer("cron"), problems);
  const auto min = r.integer("min", 0, kMostInstances);
  const auto max = r.integer("max", 0, kMostInstances);
  const auto desired = r.integer("desired", 0, kMostInstances);
  if (!min && !max && !desired) {
    problems.add(r.pointer(),
                 "expected at least one of \"min\", \"max\" or \"desired\", found none");
  }
  if (min && max && *min > *max) {
    problems.expected(r.pointer("min"), "at most \"max\" (" + std::to_string(*max) + ")",
                      r.field("min"));
  }
  r.reject_unknown_keys();
  if (!when) return;
  const auto narrow = [](std::optional<int64_t> v) {
    return v ? std::optional<uint32_t>(static_cast<uint32_t>(*v)) : std::nullopt;
  };
  c.scheduled.push_back({*when, narrow(min), narrow(max), narrow(desired)});
}

void read_bounds(ObjectReader& r, models::AsgConfig& c) {
  const auto min = r.integer("min", 0, kMostInstances, Presence::kRequired);
  const auto max = r.integer("max", 1, kMostInstances, Presence::kRequired);
  const auto desired = r.integer("desired", 0, kMostInstances);
  c.min = static_cast<uint32_t>(min.value_or(0));
  c.max = static_cast<uint32_t>(max.value_or(1));
  if (min && max && *min > *max) {
    r.problems().expected(r.pointer("min"), "at most \"max\" (" + std::to_string(*max) + ")",
                          r.field("min"));
  }
  if (desired && min && max && (*desired < *min || *desired > *max)) {
    r.problems().expected(r.pointer("desired"),
                          "a capacity from \"min\" to \"max\" (" + std::to_string(*min) + " to " +
                              std::to_string(*max) + ")",
                          r.field("desired"));
  }
  if (desired) c.desired = static_cast<uint32_t>(*desired);
}

}  // namespace

std::optional<std::any> read_asg(ObjectReader& r) {
  models::AsgConfig c;
  Problems& problems = r.problems();
  const size_t before = problems.list().size();
  read_bounds(r, c);
  c.instance_warmup = r.duration("instance_warmup").value_or(c.instance_warmup);
  c.metric_delay = r.duration("metric_delay").value_or(c.metric_delay);
  if (auto interval = r.duration("reconcile_interval")) {
    if (interval->us() > 0) c.reconcile_interval = *interval;
    if (interval->us() <= 0)
      problems.expected(r.pointer("reconcile_interval"), "a duration above 0s",
                        r.field("reconcile_interval"));
  }
  if (const Json* tracking = r.field("target_tracking")) {
    for_each_element(
        *tracking, r.pointer("target_tracking"), problems, "target tracking policies",
        [&](const Json& v, const std::string& at) { read_target_tracking(v, at, problems, c); });
  }
  if (const Json* steps = r.field("step_scaling")) {
    for_each_element(
        *steps, r.pointer("step_scaling"), problems, "step scaling policies",
        [&](const Json& v, const std::string& at) { read_step_scaling(v, at, problems, c); });
  }
  if (const Json* scheduled = r.field("scheduled")) {
    for_each_element(
        *scheduled, r.pointer("scheduled"), problems, "scheduled actions",
        [&](const Json& v, const std::string& at) { read_scheduled(v, at, problems, c); });
  }
  if (const Json* predictive = r.field("predictive")) {
    c.predictive = read_predictive_scaling(*predictive, r.pointer("predictive"), problems);
  }
  if (problems.list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
