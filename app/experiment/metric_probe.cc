#include "app/experiment/metric_probe.h"

#include "models/strategy_run.h"

namespace app {

std::vector<std::string> reported_metrics(const models::Scenario& scenario, size_t strategy) {
  models::Scenario probe = scenario;
  probe.horizon = sim::Duration::seconds(1);
  probe.warmup = sim::Duration();
  probe.interval = probe.horizon;
  probe.replications = 1;
  models::StrategyRun run(probe, strategy, 0);
  std::vector<std::string> names;
  for (const models::Metric& metric : run.finish().metrics) names.push_back(metric.name);
  return names;
}

}  // namespace app
