#include "models/dryrun/replayed_fleet.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/check.h"

namespace models {

namespace {

constexpr double kMetricScale = 1000;  // the metric level keeps thousandths

}  // namespace

std::string_view history_kind_name(HistoryKind kind) {
  switch (kind) {
    case HistoryKind::kCpu:
      return "cpu";
    case HistoryKind::kRequestCount:
      return "request_count";
    case HistoryKind::kRequestCountPerTarget:
      return "request_count_per_target";
    case HistoryKind::kConcurrency:
      return "concurrency";
  }
  return "cpu";
}

ReplayedFleet::ReplayedFleet(std::string name, const ReplayedFleetConfig& config,
                             const RunContext& context)
    : Component(name),
      history_(config.history),
      sim_(context.simulation),
      series_(context.series),
      fleet_(name, config.fleet, context),
      boundaries_(context.simulation, *this, 0),
      integrated_to_(context.simulation.now()) {
  SCALESIM_CHECK(!history_.values.empty() && history_.period > sim::Duration(),
                 "a replayed fleet needs a history");
  if (config.target_group) fleet_.attach_load_balancer(*config.target_group);
  metric_column_ = series_.level(
      this->name(), "replayed_" + std::string(history_kind_name(history_.kind)) + "_milli");
  const CapacityCounts counts = fleet_.counts();
  peak_ = counts.pending + counts.in_service;
  // A tick at each of the history's boundaries keeps the metric level current
  // up to the end of the run, even when nothing reads usage().
  boundaries_.start(sim_.now() + history_.period, history_.period);
}

void ReplayedFleet::on_tick(int /*tag*/) {
  integrate();
}

double ReplayedFleet::value_at(sim::Time at) const {
  const auto k = static_cast<size_t>(at.us() / history_.period.us());
  return history_.values[std::min(k, history_.values.size() - 1)];
}

double ReplayedFleet::published_value(double value, uint32_t in_service) const {
  const double period_seconds = history_.period.seconds();
  switch (history_.kind) {
    case HistoryKind::kCpu:
      if (in_service == 0) return 0;
      return 100 * std::min(1.0, value / 100 * history_.capacity / in_service);
    case HistoryKind::kRequestCount:
      return value / period_seconds * 60;
    case HistoryKind::kRequestCountPerTarget:
      if (in_service == 0) return 0;
      return value * history_.capacity / period_seconds * 60 / in_service;
    case HistoryKind::kConcurrency:
      return std::min(std::round(value), static_cast<double>(in_service));
  }
  return 0;
}

uint32_t ReplayedFleet::busy_now() const {
  if (history_.kind != HistoryKind::kConcurrency) return 0;
  const double busy = std::round(value_at(sim_.now()));
  return busy > 0 ? static_cast<uint32_t>(std::min(busy, 1e9)) : 0;
}

std::vector<InstanceView> ReplayedFleet::instances() const {
  std::vector<InstanceView> all = fleet_.instances();  // oldest launch first
  uint32_t busy = busy_now();
  for (InstanceView& instance : all) {
    if (busy == 0) break;
    if (instance.state != InstanceState::kInService) continue;
    instance.busy = 1;
    --busy;
  }
  return all;
}

CapacityCounts ReplayedFleet::counts() const {
  CapacityCounts counts = fleet_.counts();
  counts.idle -= std::min(counts.idle, busy_now());
  return counts;
}

void ReplayedFleet::integrate() const {
  const sim::Time from = integrated_to_;
  const sim::Time now = sim_.now();
  if (now <= from) return;
  const std::vector<InstanceView> all = fleet_.instances();
  std::vector<sim::Time> cuts{from, now};
  for (const InstanceView& instance : all) {
    if (instance.state != InstanceState::kInService) continue;
    if (*instance.in_service_since > from && *instance.in_service_since < now)
      cuts.push_back(*instance.in_service_since);
  }
  const int64_t period = history_.period.us();
  for (int64_t k = from.us() / period + 1; k * period < now.us(); ++k)
    cuts.push_back(sim::Time::micros(k * period));
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  const double period_seconds = history_.period.seconds();
  for (size_t s = 0; s + 1 < cuts.size(); ++s) {
    const sim::Time a = cuts[s];
    const double seconds = (cuts[s + 1] - a).seconds();
    std::vector<uint64_t> serving;
    for (const InstanceView& instance : all) {
      if (instance.state == InstanceState::kInService && *instance.in_service_since <= a)
        serving.push_back(instance.id);
    }
    const auto n = static_cast<uint32_t>(serving.size());
    const double value = value_at(a);
    if (history_.kind == HistoryKind::kCpu && n > 0) {
      const double share = std::min(1.0, value / 100 * history_.capacity / n);
      for (uint64_t id : serving) busy_seconds_[id] += share * seconds;
    } else if (history_.kind == HistoryKind::kRequestCount) {
      requests_ += value / period_seconds * seconds;
    } else if (history_.kind == HistoryKind::kRequestCountPerTarget) {
      requests_ += value * history_.capacity / period_seconds * seconds;
    } else if (history_.kind == HistoryKind::kConcurrency) {
      unserved_busy_seconds_ += std::max(0.0, std::round(value) - n) * seconds;
    }
    const auto level = static_cast<int64_t>(std::llround(published_value(value, n) * kMetricScale));
    series_.change(metric_column_, a, level - metric_level_);
    metric_level_ = level;
  }
  integrated_to_ = now;
}

UsageSnapshot ReplayedFleet::usage() const {
  integrate();
  UsageSnapshot snapshot;
  for (const InstanceView& instance : fleet_.instances()) {
    if (instance.state != InstanceState::kInService) continue;
    const auto busy = busy_seconds_.find(instance.id);
    snapshot.in_service.push_back({instance.id, *instance.in_service_since,
                                   busy == busy_seconds_.end() ? 0.0 : busy->second});
  }
  snapshot.requests = static_cast<uint64_t>(std::llround(requests_));
  return snapshot;
}

std::optional<uint64_t> ReplayedFleet::launch(bool configured) {
  integrate();
  const std::optional<uint64_t> id = fleet_.launch(configured);
  if (id) launched_.push_back(*id);
  const CapacityCounts counts = fleet_.counts();
  peak_ = std::max(peak_, counts.pending + counts.in_service);
  return id;
}

// The load moves onto the others from now: integrate up to the instant first.
void ReplayedFleet::terminate(uint64_t id, Termination how) {
  integrate();
  fleet_.terminate(id, how);
  busy_seconds_.erase(id);
}

void ReplayedFleet::settle(sim::Time end) {
  integrate();
  fleet_.settle(end);
}

void ReplayedFleet::report(MetricList& metrics) const {
  fleet_.report(metrics);
  metrics.push_back(
      {"component." + name() + ".instances_peak", static_cast<double>(peak_), Unit::kCount});
  if (history_.kind == HistoryKind::kConcurrency) {
    metrics.push_back({"component." + name() + ".busy_unserved_hours",
                       unserved_busy_seconds_ / 3600, Unit::kNumber});
  }
}

namespace {

std::unique_ptr<Component> make_replayed(const ComponentSpec& spec, const std::vector<Successor>&,
                                         const RunContext& context) {
  return std::make_unique<ReplayedFleet>(spec.name, spec.config_as<ReplayedFleetConfig>(), context);
}

// What the fleet replayed bills.
std::vector<std::string> replayed_prices(const ComponentSpec& spec) {
  const ComponentSpec fleet{spec.name, {}, spec.config_as<ReplayedFleetConfig>().fleet};
  return ServerFleetConfig::kind().price_keys(fleet);
}

}  // namespace

const ComponentKind& ReplayedFleetConfig::kind() {
  static const ComponentKind row{"replayed_fleet", true, {}, 0, 0, make_replayed, replayed_prices};
  return row;
}

}  // namespace models
