// One run: one strategy, one replication. It owns the simulation, builds the
// strategy's components along its topology, feeds them the workload and, at the
// end, checks conservation and collects metrics and the time series.
#ifndef SCALESIM_MODELS_STRATEGY_RUN_H_
#define SCALESIM_MODELS_STRATEGY_RUN_H_

#include <memory>
#include <string>
#include <vector>

#include "models/metrics.h"
#include "models/observe/recorder.h"
#include "models/scenario.h"
#include "models/topology/component.h"
#include "sim/simulation.h"
#include "sim/time_series.h"

namespace models {

struct SeriesColumn {
  std::string name;
  std::vector<double> values;  // one per interval
};

struct RunResult {
  MetricList metrics;
  sim::Duration interval;
  std::vector<SeriesColumn> series;  // strategy totals per interval
  uint64_t events = 0;               // events the simulation fired
  uint64_t arrivals = 0;             // requests that arrived, warm-up included
};

class StrategyRun {
 public:
  // REQUIRES: the scenario was validated (every topology passes check_topology).
  StrategyRun(const Scenario& scenario, size_t strategy, uint64_t replication);
  ~StrategyRun();

  sim::Time end() const { return end_; }
  sim::Time now() const { return sim_.now(); }
  // Simulates up to `until` (clamped to the end). Lets a caller run in slices.
  void advance_to(sim::Time until);
  // Simulates to the end if needed, checks that every request is accounted for,
  // and returns the results. Call once.
  RunResult finish();

 private:
  void build(const StrategyConfig& strategy);
  int64_t held() const;
  void aggregate_series(RunResult& result) const;
  void capacity_metrics(MetricList& metrics) const;
  void cost_metrics(MetricList& metrics) const;

  sim::Time end_;
  sim::Time measure_from_;
  sim::Simulation sim_;
  sim::TimeSeries series_;
  std::unique_ptr<Ledger> ledger_;  // null when the scenario is not priced
  Recorder recorder_;
  RunContext context_;
  std::vector<std::unique_ptr<Component>> components_;
  std::unique_ptr<WorkloadSource> source_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_STRATEGY_RUN_H_
