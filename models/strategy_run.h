// One run: one strategy, one replication. It owns the simulation, builds the
// strategy's components along its topology and its controllers beside them (with
// the account's control plane and CloudWatch, when there are controllers), feeds
// the components the workload and, at the end, checks conservation and collects
// metrics, the time series and the event log.
#ifndef SCALESIM_MODELS_STRATEGY_RUN_H_
#define SCALESIM_MODELS_STRATEGY_RUN_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/control/cloudwatch.h"
#include "models/control/control_plane.h"
#include "models/control/controller.h"
#include "models/metrics.h"
#include "models/observe/event_log.h"
#include "models/observe/recorder.h"
#include "models/scenario.h"
#include "models/topology/component.h"
#include "sim/simulation.h"
#include "sim/time_series.h"

namespace models {

struct SeriesColumn {
  std::string name;
  std::vector<double> values;  // one per interval
  // A percentile: NaN in an interval without data, and averaged over the
  // replications that have a value rather than over all of them.
  bool sparse = false;
};

struct RunResult {
  MetricList metrics;
  sim::Duration interval;
  std::vector<SeriesColumn> series;  // strategy totals per interval
  uint64_t events = 0;               // events the simulation fired
  uint64_t arrivals = 0;             // requests that arrived, warm-up included
  std::vector<LoggedEvent> log;      // launches, scaling decisions, throttles, in time order
  uint64_t log_dropped = 0;          // entries past the log's capacity
};

class StrategyRun : private sim::EventHandler {
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
  void build_controllers(const StrategyConfig& strategy);
  void scaling_metrics(MetricList& metrics) const;
  // At the end of warm-up: what the control plane had counted by then, so its
  // metrics cover the measured window like every other.
  void on_event(uint64_t payload) override;
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
  EventLog log_;
  SharedState shared_;
  RunContext context_;
  std::vector<std::unique_ptr<Component>> components_;
  std::map<std::string, Component*> by_name_;
  // Only when the strategy has controllers.
  std::unique_ptr<ControlPlane> control_plane_;
  std::unique_ptr<CloudWatch> cloudwatch_;
  std::unique_ptr<ControlContext> control_context_;
  std::vector<std::unique_ptr<Controller>> controllers_;
  CallCounters calls_before_measuring_;
  std::unique_ptr<WorkloadSource> source_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_STRATEGY_RUN_H_
