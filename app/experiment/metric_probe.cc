#include "app/experiment/metric_probe.h"

#include "models/strategy_run.h"

namespace app {

namespace {

// The strategy as configured, with no traffic: which metrics a run reports
// depends on its components and settings, and a probe must not be slowed by
// however many requests the scenario asks for.
models::Scenario quiet_copy(const models::Scenario& scenario) {
  models::Scenario probe = scenario;
  probe.horizon = sim::Duration::millis(1);
  probe.warmup = sim::Duration();
  probe.interval = probe.horizon;
  probe.replications = 1;
  probe.workload.arrivals = models::ArrivalConfig{};
  if (probe.workload.sessions) probe.workload.sessions->arrivals = models::ArrivalConfig{};
  return probe;
}

}  // namespace

std::vector<std::string> reported_metrics(const models::Scenario& scenario, size_t strategy) {
  const models::Scenario probe = quiet_copy(scenario);
  models::StrategyRun run(probe, strategy, 0);
  std::vector<std::string> names;
  for (const models::Metric& metric : run.finish().metrics) names.push_back(metric.name);
  return names;
}

}  // namespace app
