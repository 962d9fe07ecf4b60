#include "models/strategy_run.h"

#include <map>
#include <string>

#include "models/pricing/billing_rules.h"
#include "models/serverless/environment_tally.h"
#include "sim/check.h"

namespace models {

namespace {

// Sums a quantity over every group: how a strategy's totals are made.
// A level's mean, or a counter's count, over the measured window.
std::map<std::string, double> totals_by_quantity(const sim::TimeSeries& series) {
  std::map<std::string, double> totals;
  for (sim::TimeSeries::Column c = 0; c < series.column_count(); ++c) {
    const bool level = series.kind(c) == sim::TimeSeries::Kind::kLevel;
    totals[series.quantity(c)] += level ? series.mean(c) : series.total(c);
  }
  return totals;
}

// The recorder's classes: the request classes, then "sessions" when there are any.
std::vector<std::string> class_names(const WorkloadConfig& workload) {
  std::vector<std::string> names;
  for (const RequestClass& c : request_classes(workload)) names.push_back(c.name);
  if (workload.sessions) names.push_back("sessions");
  return names;
}

}  // namespace

StrategyRun::StrategyRun(const Scenario& scenario, size_t strategy, uint64_t replication)
    : end_(sim::Time::zero() + scenario.horizon),
      measure_from_(sim::Time::zero() + scenario.warmup),
      series_(scenario.interval, end_, measure_from_),
      ledger_(scenario.pricing
                  ? std::make_unique<Ledger>(scenario.pricing->book, scenario.pricing->free_tier,
                                             scenario.interval, end_, measure_from_,
                                             scenario.workload.local_offset)
                  : nullptr),
      recorder_(sim_, series_, measure_from_, end_, class_names(scenario.workload)),
      context_{sim_,          recorder_,   series_,
               scenario.seed, replication, measure_from_,
               ledger_.get(), &log_,       scenario.workload.local_offset,
               &shared_} {
  const StrategyConfig& config = scenario.strategies.at(strategy);
  if (!config.control_apis.empty()) context_.apis = &config.control_apis;
  build(config);
  build_controllers(config);
  Component* entry = components_.back().get();
  source_ = std::make_unique<WorkloadSource>(scenario.workload, context_, *entry, recorder_);
  for (const auto& controller : controllers_) controller->start();
  if (control_plane_ && measure_from_ > sim::Time::zero()) sim_.schedule(measure_from_, *this);
}

void StrategyRun::on_event(uint64_t /*payload*/) {
  calls_before_measuring_ = control_plane_->totals();
}

StrategyRun::~StrategyRun() = default;

// Builds components from the leaves up, so each one's successors exist when it is
// made; the entry is built last.
void StrategyRun::build(const StrategyConfig& strategy) {
  Topology topology;
  SCALESIM_CHECK(check_topology(topology_nodes(strategy), topology).empty(),
                 "StrategyRun was given a strategy whose topology is invalid");
  for (auto it = topology.order.rbegin(); it != topology.order.rend(); ++it) {
    const ComponentSpec& spec = strategy.components[*it];
    std::vector<Successor> next;
    for (const Link& link : spec.next) next.push_back({by_name_.at(link.to), link.weight});
    components_.push_back(spec.kind->make(spec, next, context_));
    by_name_[spec.name] = components_.back().get();
  }
}

// Controllers share the strategy's control plane (one account: its API buckets
// are the account's) and its CloudWatch. None of it exists without controllers.
void StrategyRun::build_controllers(const StrategyConfig& strategy) {
  if (strategy.controllers.empty()) return;
  std::vector<ApiSpec> apis =
      strategy.control_apis.empty() ? default_apis() : strategy.control_apis;
  control_plane_ = std::make_unique<ControlPlane>(sim_, std::move(apis),
                                                  context_.stream("control.latency"), &log_);
  cloudwatch_ = std::make_unique<CloudWatch>(sim_);
  control_context_ =
      std::make_unique<ControlContext>(ControlContext{context_, *control_plane_, *cloudwatch_});
  for (const ControllerSpec& spec : strategy.controllers) {
    std::vector<Component*> driven;
    for (const std::string& name : spec.drives) driven.push_back(by_name_.at(name));
    controllers_.push_back(spec.kind->make(spec, driven, *control_context_));
  }
}

void StrategyRun::advance_to(sim::Time until) {
  sim_.run_until(until < end_ ? until : end_, source_.get());
}

int64_t StrategyRun::held() const {
  int64_t total = 0;
  for (const auto& component : components_) total += component->held();
  return total;
}

RunResult StrategyRun::finish() {
  advance_to(end_);
  series_.close(end_);
  recorder_.close();
  const uint64_t arrivals = recorder_.arrivals_total();
  const uint64_t accounted = recorder_.finished_total() + static_cast<uint64_t>(held());
  if (arrivals != accounted) {
    const std::string message = "conservation violated: " + std::to_string(arrivals) +
                                " arrivals but " + std::to_string(accounted) +
                                " finished or in flight";
    sim::check_failed(__FILE__, __LINE__, "arrivals == finished + in flight", message.c_str());
  }

  for (const auto& component : components_) component->settle(end_);
  for (const auto& controller : controllers_) controller->settle(end_);

  RunResult result;
  result.interval = series_.interval();
  result.events = sim_.events_fired();
  result.arrivals = arrivals;
  recorder_.report(result.metrics, end_ - measure_from_);
  capacity_metrics(result.metrics);
  cost_metrics(result.metrics);
  scaling_metrics(result.metrics);
  for (const auto& component : components_) component->report(result.metrics);
  for (const auto& controller : controllers_) controller->report(result.metrics);
  aggregate_series(result);
  result.log_dropped = log_.dropped();
  result.log = std::move(log_).take();
  return result;
}

// Fleets' capacity and Lambda's environments, over every component of the strategy.
void StrategyRun::capacity_metrics(MetricList& metrics) const {
  const std::map<std::string, double> means = totals_by_quantity(series_);
  if (means.contains("invocations")) {
    const double invocations = means.at("invocations");
    metrics.push_back({"lambda.invocations", invocations, Unit::kCount});
    metrics.push_back({"lambda.cold_starts", means.at("cold_starts"), Unit::kCount});
    metrics.push_back({"lambda.cold_start_rate",
                       invocations > 0 ? means.at("cold_starts") / invocations : 0.0,
                       Unit::kRatio});
    metrics.push_back({"lambda.concurrency_mean", means.at("concurrency"), Unit::kNumber});
    metrics.push_back({"lambda.environments_mean", means.at("environments"), Unit::kNumber});
    if (means.contains("pings")) {
      metrics.push_back({"lambda.pings", means.at("pings"), Unit::kCount});
      metrics.push_back({"lambda.ping_cold_starts", means.at("ping_cold_starts"), Unit::kCount});
    }
    const auto* tally = shared_.find<EnvironmentTally>();
    metrics.push_back({"lambda.environments_peak", tally ? static_cast<double>(tally->peak()) : 0.0,
                       Unit::kCount});
  }
  if (!means.contains("slots")) return;
  const double slots = means.at("slots");
  const double in_service = means.at("in_service");
  metrics.push_back({"capacity.utilisation", slots > 0 ? in_service / slots : 0.0, Unit::kRatio});
  metrics.push_back({"capacity.in_service_mean", in_service, Unit::kNumber});
  metrics.push_back({"capacity.queued_mean", means.at("queued"), Unit::kNumber});
  metrics.push_back(
      {"capacity.instances_running_mean", means.at("instances_running"), Unit::kNumber});
}

// Launches, terminations and zombies of fleets, decisions of policies and calls
// to the control plane, over the measured window: a strategy's totals.
void StrategyRun::scaling_metrics(MetricList& metrics) const {
  const std::map<std::string, double> totals = totals_by_quantity(series_);
  const auto total = [&totals](const std::string& quantity) {
    return totals.contains(quantity) ? totals.at(quantity) : 0.0;
  };
  if (totals.contains("launches")) {
    const double measured_hours = (end_ - measure_from_).seconds() / 3600;
    metrics.push_back({"fleet.launches", total("launches"), Unit::kCount});
    metrics.push_back({"fleet.terminations", total("terminations"), Unit::kCount});
    metrics.push_back({"fleet.zombies", total("zombies_created"), Unit::kCount});
    metrics.push_back({"fleet.instance_hours", total("instances") * measured_hours, Unit::kNumber});
  }
  if (!control_plane_) return;
  metrics.push_back({"policy.scale_outs", total("scale_outs"), Unit::kCount});
  metrics.push_back({"policy.scale_ins", total("scale_ins"), Unit::kCount});
  metrics.push_back({"policy.alerts", total("alerts"), Unit::kCount});
  const CallCounters& calls = control_plane_->totals();
  const CallCounters& before = calls_before_measuring_;
  const auto measured = [](uint64_t all, uint64_t warmup) {
    return static_cast<double>(all - warmup);
  };
  metrics.push_back({"control.calls", measured(calls.attempts, before.attempts), Unit::kCount});
  metrics.push_back(
      {"control.throttled_calls", measured(calls.throttled, before.throttled), Unit::kCount});
  metrics.push_back({"control.retries", measured(calls.retries, before.retries), Unit::kCount});
  metrics.push_back(
      {"control.failed_calls", measured(calls.failures, before.failures), Unit::kCount});
}

// Total cost, cost per million successful requests, and each meter's usage and
// cost, all over the measured window.
void StrategyRun::cost_metrics(MetricList& metrics) const {
  if (!ledger_) return;
  const double total = ledger_->total_usd();
  double ok = 0;
  for (const Metric& m : metrics) {
    if (m.name == "requests.ok") ok = m.value;
  }
  const double measured_hours = (end_ - measure_from_).seconds() / 3600;
  metrics.push_back({"cost.total_usd", total, Unit::kUsd});
  metrics.push_back(
      {"cost.per_month_usd", total / measured_hours * kBillingMonth.seconds() / 3600, Unit::kUsd});
  metrics.push_back({"cost.per_million_ok_usd", ok > 0 ? total / ok * 1e6 : 0.0, Unit::kUsd});
  std::map<std::string, double> by_service;
  for (const Ledger::MeterTotal& meter : ledger_->totals()) by_service[meter.service] += meter.usd;
  for (const auto& [service, usd] : by_service)
    metrics.push_back({"cost.service." + service + "_usd", usd, Unit::kUsd});
  for (const auto& [service, usd] : by_service) {
    metrics.push_back({"cost.service." + service + "_per_month_usd",
                       usd / measured_hours * kBillingMonth.seconds() / 3600, Unit::kUsd});
  }
  ledger_->day_metrics(metrics);
  for (const Ledger::MeterTotal& meter : ledger_->totals()) {
    metrics.push_back({"cost.meter." + meter.name + "_usd", meter.usd, Unit::kUsd});
    metrics.push_back({"usage.meter." + meter.name, meter.usage, Unit::kNumber});
  }
}

void StrategyRun::aggregate_series(RunResult& result) const {
  std::map<std::string, size_t> position;
  for (sim::TimeSeries::Column c = 0; c < series_.column_count(); ++c) {
    const std::vector<double> values = series_.values(c);
    auto [it, added] = position.emplace(series_.quantity(c), result.series.size());
    if (added) {
      result.series.push_back({series_.quantity(c), values});
      continue;
    }
    std::vector<double>& sum = result.series[it->second].values;
    for (size_t b = 0; b < sum.size(); ++b) sum[b] += values[b];
  }
  if (ledger_) result.series.push_back({"spend_usd", ledger_->spend_per_interval()});
  result.series.push_back({"latency_p50_ms", recorder_.interval_latency().p50_ms(), true});
  result.series.push_back({"latency_p99_ms", recorder_.interval_latency().p99_ms(), true});
  if (!position.contains("slots")) return;
  const auto& in_service = result.series[position.at("in_service")].values;
  const auto& slots = result.series[position.at("slots")].values;
  SeriesColumn utilisation{"utilisation", std::vector<double>(slots.size(), 0.0)};
  for (size_t b = 0; b < slots.size(); ++b) {
    if (slots[b] > 0) utilisation.values[b] = in_service[b] / slots[b];
  }
  result.series.push_back(std::move(utilisation));
}

}  // namespace models
