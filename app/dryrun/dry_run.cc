#include "app/dryrun/dry_run.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "app/scenario/input_error.h"
#include "app/scenario/json_reader.h"
#include "app/scenario/loader.h"
#include "app/trace/timestamp.h"
#include "models/dryrun/alarm_watch.h"
#include "models/dryrun/replayed_function.h"
#include "models/network/alb.h"
#include "models/policies/asg.h"
#include "models/policies/idle_target.h"
#include "models/policies/provisioned_schedule.h"
#include "models/policies/provisioned_target_tracking.h"
#include "models/serverless/lambda_function.h"
#include "sim/check.h"
#include "sim/duration_text.h"

namespace app {

namespace {

using models::HistoryKind;

const std::vector<std::string> kKinds = {"cpu", "request_count", "request_count_per_target",
                                         "concurrency"};

HistoryKind kind_named(const std::string& name) {
  if (name == "request_count") return HistoryKind::kRequestCount;
  if (name == "request_count_per_target") return HistoryKind::kRequestCountPerTarget;
  if (name == "concurrency") return HistoryKind::kConcurrency;
  return HistoryKind::kCpu;
}

bool contains_word(std::string text, std::string word) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text.find(word) != std::string::npos;
}

HistoryKind history_kind(const MetricSeries& history, const DryRunOptions& options) {
  if (options.kind) {
    if (std::find(kKinds.begin(), kKinds.end(), *options.kind) == kKinds.end()) {
      throw InputError("scalesim", {{"", "--metric-kind: expected " + join_choices(kKinds) +
                                             ", found \"" + *options.kind + "\""}});
    }
    return kind_named(*options.kind);
  }
  if (contains_word(history.name, "requestcountpertarget"))
    return HistoryKind::kRequestCountPerTarget;
  if (contains_word(history.name, "requestcount")) return HistoryKind::kRequestCount;
  if (contains_word(history.name, "concurrent")) return HistoryKind::kConcurrency;
  if (contains_word(history.name, "cpu")) return HistoryKind::kCpu;
  throw InputError("scalesim", {{"", "--metric-kind: expected one of " + join_choices(kKinds) +
                                         " for the series \"" + history.name +
                                         "\", whose name says none of them"}});
}

// Whether a policy on `metric` can read a history of `kind`.
bool readable(models::FleetMetric metric, HistoryKind kind) {
  switch (metric) {
    case models::FleetMetric::kCpu:
      return kind == HistoryKind::kCpu;
    case models::FleetMetric::kRequestCount:
    case models::FleetMetric::kRequestCountPerTarget:
      return kind == HistoryKind::kRequestCount || kind == HistoryKind::kRequestCountPerTarget;
    case models::FleetMetric::kTargetResponseTime:
      return false;
  }
  return false;
}

std::string controller_pointer(size_t strategy, const models::ControllerSpec& controller,
                               const std::string& fleet) {
  const std::string base = child_pointer("/strategies", strategy);
  if (controller.name == fleet + ".policy")
    return child_pointer(child_pointer(base + "/components", fleet), "policy");
  return child_pointer(base + "/controllers", controller.name);
}

// The policy's metrics a history of `kind` cannot feed.
void check_metrics(const models::AsgConfig& asg, HistoryKind kind, const std::string& pointer,
                   std::vector<Problem>& problems) {
  const auto check = [&](models::FleetMetric metric, const std::string& where) {
    if (readable(metric, kind)) return;
    problems.push_back({pointer + where, "expected a policy on a metric the history gives (" +
                                             std::string(models::history_kind_name(kind)) +
                                             "), found one on " +
                                             std::string(models::fleet_metric_name(metric))});
  };
  for (size_t i = 0; i < asg.target_tracking.size(); ++i)
    check(asg.target_tracking[i].metric, "/target_tracking/" + std::to_string(i) + "/metric");
  for (size_t i = 0; i < asg.step_scaling.size(); ++i)
    check(asg.step_scaling[i].metric, "/step_scaling/" + std::to_string(i) + "/metric");
}

// The history on the run's clock: gaps hold the value before them.
models::MetricHistory replay_history(const MetricSeries& series, HistoryKind kind,
                                     double capacity) {
  models::MetricHistory history;
  history.kind = kind;
  history.period = sim::Duration::micros(series.period_us);
  history.capacity = capacity;
  double last = 0;
  for (const std::optional<double>& value : series.values) {
    if (value) last = *value;
    history.values.push_back(last);
  }
  return history;
}

// The load balancer in front of `fleet`, if any: its target group's settings.
std::optional<models::TargetGroupSettings> target_group(const models::StrategyConfig& strategy,
                                                        const std::string& fleet) {
  for (const models::ComponentSpec& component : strategy.components) {
    if (component.kind != &models::AlbConfig::kind()) continue;
    for (const models::Link& link : component.next) {
      if (link.to == fleet) return component.config_as<models::AlbConfig>().target_group;
    }
  }
  return std::nullopt;
}

struct StrategyPlan {
  models::StrategyConfig config;
  ReplayedStrategy replayed;
};

// What a dry run leaves out of `strategy`: everything but `kept` and `policy`.
void note_left_out(const models::StrategyConfig& strategy, const std::string& kept,
                   const models::ControllerSpec* policy, std::vector<std::string>& notes) {
  for (const models::ComponentSpec& component : strategy.components) {
    if (component.name == kept) continue;
    notes.push_back("\"" + strategy.name + "\": left out " + component.name + " (" +
                    std::string(component.kind->name) + "): not simulated, nor billed" +
                    (component.kind == &models::AlbConfig::kind()
                         ? "; its health checks still delay new instances"
                         : ""));
  }
  for (const models::ControllerSpec& controller : strategy.controllers) {
    if (&controller == policy) continue;
    notes.push_back("\"" + strategy.name + "\": left out controller " + controller.name + " (" +
                    std::string(controller.kind->name) + ")");
  }
}

// The component of `strategy` named `name`, or null.
const models::ComponentSpec* component_named(const models::StrategyConfig& strategy,
                                             const std::string& name) {
  for (const models::ComponentSpec& component : strategy.components) {
    if (component.name == name) return &component;
  }
  return nullptr;
}

// The first controller of `strategy` of one of `kinds`, or null.
const models::ControllerSpec* first_controller(
    const models::StrategyConfig& strategy,
    std::initializer_list<const models::ControllerKind*> kinds) {
  for (const models::ControllerSpec& controller : strategy.controllers) {
    for (const models::ControllerKind* kind : kinds) {
      if (controller.kind == kind) return &controller;
    }
  }
  return nullptr;
}

// A Lambda function's provisioned concurrency policy, replayed on a
// concurrency history: nothing when the strategy has none.
std::optional<StrategyPlan> plan_function(const models::StrategyConfig& strategy, size_t index,
                                          const MetricSeries& series, HistoryKind kind,
                                          std::vector<Problem>& problems,
                                          std::vector<std::string>& notes) {
  const models::ControllerSpec* policy =
      first_controller(strategy, {&models::ProvisionedTargetTrackingConfig::kind(),
                                  &models::ProvisionedScheduleConfig::kind()});
  if (!policy) return std::nullopt;
  const std::string& function_name = policy->drives.front();
  const std::string at = controller_pointer(index, *policy, function_name);
  const bool tracking = policy->kind == &models::ProvisionedTargetTrackingConfig::kind();
  if (tracking && kind != HistoryKind::kConcurrency) {
    problems.push_back({at,
                        "expected a concurrency history (ConcurrentExecutions) for a "
                        "provisioned_target_tracking policy, found a " +
                            std::string(models::history_kind_name(kind)) + " history"});
    return std::nullopt;
  }
  const models::ComponentSpec* function = component_named(strategy, function_name);
  SCALESIM_CHECK(function && function->kind == &models::LambdaConfig::kind(),
                 "a provisioned concurrency policy drives a lambda_function");
  models::ReplayedFunctionConfig replayed;
  replayed.function = function->config_as<models::LambdaConfig>();
  replayed.period = sim::Duration::micros(series.period_us);
  if (kind == HistoryKind::kConcurrency) {
    replayed.concurrency = replay_history(series, kind, 1).values;
  } else {
    replayed.concurrency.assign(series.values.size(), 0.0);  // a schedule needs no load
  }
  StrategyPlan plan;
  plan.replayed = {strategy.name, function_name, policy->name, function_name + ".alarms", 0, true};
  plan.config.name = strategy.name;
  plan.config.description = strategy.description;
  plan.config.control_apis = strategy.control_apis;
  plan.config.components.emplace_back(function_name, std::vector<models::Link>{},
                                      std::move(replayed));
  if (tracking) {  // a schedule has no alarm to watch
    models::AlarmWatchConfig watch{
        policy->name, {}, policy->config_as<models::ProvisionedTargetTrackingConfig>()};
    plan.config.controllers.emplace_back(plan.replayed.watch,
                                         std::vector<std::string>{function_name}, std::move(watch));
  }
  plan.config.controllers.push_back(*policy);
  note_left_out(strategy, function_name, policy, notes);
  notes.push_back("\"" + strategy.name + "\": " + function_name +
                  "'s requests are not billed (a concurrency history does not count them), nor "
                  "its cold starts");
  return plan;
}

// An idle_target scaler (field report 1's), replayed on a history of busy servers:
// nothing when the strategy has none. It reads no alarm, so nothing watches.
std::optional<StrategyPlan> plan_idle_target(const models::StrategyConfig& strategy, size_t index,
                                             const MetricSeries& series, HistoryKind kind,
                                             std::vector<Problem>& problems,
                                             std::vector<std::string>& notes) {
  const models::ControllerSpec* policy =
      first_controller(strategy, {&models::IdleTargetConfig::kind()});
  if (!policy) return std::nullopt;
  const std::string& fleet_name = policy->drives.front();
  if (kind != HistoryKind::kConcurrency) {
    problems.push_back({controller_pointer(index, *policy, fleet_name),
                        "expected a history of busy servers (concurrency: sessions in progress) "
                        "for an idle_target policy, found a " +
                            std::string(models::history_kind_name(kind)) + " history"});
    return std::nullopt;
  }
  const models::ComponentSpec* fleet = component_named(strategy, fleet_name);
  SCALESIM_CHECK(fleet && fleet->kind == &models::ServerFleetConfig::kind(),
                 "an idle_target drives a server_fleet");
  const auto& fleet_config = fleet->config_as<models::ServerFleetConfig>();
  StrategyPlan plan;
  // A busy server is busy whatever the fleet's size: no capacity to scale by.
  plan.replayed = {strategy.name, fleet_name, policy->name, "", 0, false};
  models::ReplayedFleetConfig replayed{fleet_config,
                                       replay_history(series, kind, plan.replayed.capacity),
                                       target_group(strategy, fleet_name)};
  plan.config.name = strategy.name;
  plan.config.description = strategy.description;
  plan.config.control_apis = strategy.control_apis;
  plan.config.components.emplace_back(fleet_name, std::vector<models::Link>{}, std::move(replayed));
  plan.config.controllers.push_back(*policy);
  note_left_out(strategy, fleet_name, policy, notes);
  return plan;
}

std::optional<StrategyPlan> plan_strategy(const models::StrategyConfig& strategy, size_t index,
                                          const MetricSeries& series, HistoryKind kind,
                                          const DryRunOptions& options,
                                          std::vector<Problem>& problems,
                                          std::vector<std::string>& notes) {
  const size_t before_any = problems.size();
  if (std::optional<StrategyPlan> function =
          plan_function(strategy, index, series, kind, problems, notes))
    return function;
  if (std::optional<StrategyPlan> idle =
          plan_idle_target(strategy, index, series, kind, problems, notes))
    return idle;
  const std::string pointer = child_pointer("/strategies", index);
  const models::ControllerSpec* policy = first_controller(strategy, {&models::AsgConfig::kind()});
  if (!policy) {
    if (problems.size() == before_any) {
      problems.push_back({pointer,
                          "expected a strategy with an asg or idle_target policy on a "
                          "server_fleet, or a provisioned concurrency policy on a "
                          "lambda_function, to replay (choose others with --strategy), found "
                          "none"});
    }
    return std::nullopt;
  }
  const std::string& fleet_name = policy->drives.front();
  const models::ComponentSpec* fleet = component_named(strategy, fleet_name);
  const std::string at = controller_pointer(index, *policy, fleet_name);
  if (!fleet || fleet->kind != &models::ServerFleetConfig::kind()) {
    problems.push_back({at,
                        "expected an asg policy on a server_fleet (a dry run replays EC2 "
                        "fleets), found one on a " +
                            std::string(fleet ? fleet->kind->name : "missing component")});
    return std::nullopt;
  }
  const auto& asg = policy->config_as<models::AsgConfig>();
  const auto& fleet_config = fleet->config_as<models::ServerFleetConfig>();
  const size_t before = problems.size();
  check_metrics(asg, kind, at, problems);
  if (problems.size() != before) return std::nullopt;

  StrategyPlan plan;
  plan.replayed.strategy = strategy.name;
  plan.replayed.fleet = fleet_name;
  plan.replayed.policy = policy->name;
  plan.replayed.watch = fleet_name + ".alarms";
  plan.replayed.capacity =
      options.capacity.value_or(static_cast<double>(asg.desired.value_or(fleet_config.count)));
  models::ReplayedFleetConfig replayed{fleet_config,
                                       replay_history(series, kind, plan.replayed.capacity),
                                       target_group(strategy, fleet_name)};
  plan.config.name = strategy.name;
  plan.config.description = strategy.description;
  plan.config.control_apis = strategy.control_apis;
  plan.config.components.emplace_back(fleet_name, std::vector<models::Link>{}, std::move(replayed));
  // The watch first: at an instant both hear of, its alarm is logged before the
  // group's decision.
  plan.config.controllers.emplace_back(plan.replayed.watch, std::vector<std::string>{fleet_name},
                                       models::AlarmWatchConfig{policy->name, asg});
  plan.config.controllers.push_back(*policy);
  note_left_out(strategy, fleet_name, policy, notes);
  return plan;
}

// The replayed fleet keeps the metric it publishes in thousandths (time series
// levels are integers).
void rescale_metric_columns(ExperimentResult& result) {
  const std::string suffix = "_milli";
  for (StrategySummary& strategy : result.strategies) {
    for (models::SeriesColumn& column : strategy.mean_series) {
      if (!column.name.starts_with("replayed_") || !column.name.ends_with(suffix)) continue;
      column.name.resize(column.name.size() - suffix.size());
      for (double& value : column.values) value /= 1000;
    }
  }
}

}  // namespace

ExperimentResult run_dry_run(const DryRunPlan& plan, const std::atomic<int>* stop) {
  RunOptions options;
  options.stop = stop;
  ExperimentResult result = run_experiment(plan.scenario, options);
  rescale_metric_columns(result);
  return result;
}

DryRunPlan plan_dry_run(const models::Scenario& loaded, const std::string& scenario_file,
                        const MetricSeries& history, const DryRunOptions& options) {
  DryRunPlan plan;
  plan.kind = history_kind(history, options);
  if (options.capacity && !(*options.capacity > 0)) {
    throw InputError("scalesim", {{"", "--capacity: expected a number of instances above 0"}});
  }
  const sim::Duration horizon =
      sim::Duration::micros(history.period_us * static_cast<int64_t>(history.values.size()));
  if (horizon > kMaxHorizon) {
    throw InputError("scalesim", {{"", "--metrics: expected a history of at most " +
                                           sim::duration_text(kMaxHorizon) + ", found " +
                                           sim::duration_text(horizon)}});
  }
  std::vector<size_t> chosen;
  std::vector<Problem> problems;
  for (const std::string& name : options.strategies) {
    size_t i = 0;
    while (i < loaded.strategies.size() && loaded.strategies[i].name != name) ++i;
    if (i == loaded.strategies.size()) {
      problems.push_back({"", "--strategy: no strategy is named \"" + name + "\"", "scalesim"});
    } else if (std::find(chosen.begin(), chosen.end(), i) == chosen.end()) {
      chosen.push_back(i);
    }
  }
  if (options.strategies.empty()) {
    for (size_t i = 0; i < loaded.strategies.size(); ++i) chosen.push_back(i);
  }
  plan.scenario.name = loaded.name;
  plan.scenario.description = "dry run of " + history.name;
  plan.scenario.horizon = horizon;
  plan.scenario.interval = loaded.interval;
  plan.scenario.seed = loaded.seed;
  plan.scenario.replications = 1;
  plan.scenario.pricing = loaded.pricing;
  models::WorkloadConfig& clock = plan.scenario.workload;  // no arrivals: a clock only
  if (history.date_times) {
    clock.start_epoch_us = history.start_us;
    clock.utc_offset_minutes = loaded.workload.start_epoch_us ? loaded.workload.utc_offset_minutes
                                                              : history.utc_offset_minutes;
    clock.local_offset =
        sim::Duration::micros(week_time_us(history.start_us, clock.utc_offset_minutes));
  } else {
    clock.local_offset = loaded.workload.local_offset;
  }
  for (size_t i : chosen) {
    std::optional<StrategyPlan> strategy =
        plan_strategy(loaded.strategies[i], i, history, plan.kind, options, problems, plan.notes);
    if (!strategy) continue;
    plan.scenario.strategies.push_back(std::move(strategy->config));
    plan.replayed.push_back(std::move(strategy->replayed));
  }
  if (!problems.empty()) throw InputError(scenario_file, problems);
  for (const MetricGap& gap : history.gaps) {
    plan.notes.push_back("gap of " + std::to_string(gap.periods) + " period" +
                         (gap.periods == 1 ? "" : "s") + " from " +
                         format_timestamp({gap.from_us, history.date_times, 0}) +
                         ": the value before it held");
  }
  return plan;
}

}  // namespace app
