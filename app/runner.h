// The experiment runner: strategies x replications (x sweep points), on worker
// threads.
//
// Every run is independent and deterministic given (scenario, strategy,
// replication), results are stored by run index and combined in a fixed order,
// so the output is byte-identical for any number of threads.
#ifndef SCALESIM_APP_RUNNER_H_
#define SCALESIM_APP_RUNNER_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/metrics.h"
#include "models/scenario.h"
#include "models/strategy_run.h"
#include "sim/estimate.h"

namespace app {

struct RunOptions {
  std::vector<size_t>
      strategies;  // distinct indices into the scenario's strategies; empty means all
  int jobs = 1;    // worker threads, >= 1
  // May be null. Once it holds a signal number (app/interrupt.h's StopFlag), every
  // run stops at the end of its current slice (1/64 of the run) and
  // run_experiment throws Interrupted.
  const std::atomic<int>* stop = nullptr;
  // Keep each replication's time series too (StrategySummary::replication_series),
  // for timeseries.csv rows per replication.
  bool per_replication = false;
};

struct MetricSummary {
  std::string name;
  models::Unit unit;
  sim::Estimate estimate;       // 95% interval over replications
  std::vector<double> samples;  // each replication's value, in replication order
};

struct StrategySummary {
  std::string name;  // as shown: the strategy's name, with a sweep point's values
  std::string description;
  std::string strategy;  // the scenario's name for the strategy this ran
  // The sweep point this ran at, when a sweep varied the strategy.
  std::optional<size_t> point;
  int replications = 0;
  std::vector<MetricSummary> metrics;
  sim::Duration interval;
  std::vector<models::SeriesColumn> mean_series;  // per interval, mean over replications
  // Each replication's series, in replication order, with RunOptions::per_replication.
  std::vector<std::vector<models::SeriesColumn>> replication_series;
  uint64_t events = 0;  // simulated events over all replications
  // Each replication's event log, in replication order, and what each dropped.
  std::vector<std::vector<models::LoggedEvent>> logs;
  std::vector<uint64_t> logs_dropped;
};

struct ExperimentResult {
  std::vector<StrategySummary> strategies;
  uint64_t requests = 0;  // simulated arrivals over every run, warm-up included
};

// One strategy of one scenario, for some replications (0 .. replications - 1):
// the runner's unit of work. A sweep runs many, from several scenarios at once.
struct RunUnit {
  const models::Scenario* scenario = nullptr;  // not owned; outlives the call
  size_t strategy = 0;                         // index into scenario->strategies
  int replications = 1;                        // >= 1
};

// Told how far the experiment has come, from the calling thread, a few times a
// second. Never told anything that changes the results.
class ProgressObserver {
 public:
  virtual void on_progress(double fraction_done) = 0;

 protected:
  ~ProgressObserver() = default;
};

// Threads an experiment will use: --jobs, but no more than there are runs.
int worker_threads(const models::Scenario& scenario, const RunOptions& options);
int worker_threads(size_t runs, int jobs);

// The scenario's strategies (options.strategies, or all) for its replications.
// REQUIRES: the scenario was validated. Rethrows the first exception a run threw
// (Interrupted when stopped).
ExperimentResult run_experiment(const models::Scenario& scenario, const RunOptions& options,
                                ProgressObserver* observer = nullptr);

// Every unit, one summary each in unit order (named after its strategy; the
// caller names sweep points). options.strategies is ignored. Same contract as
// run_experiment.
ExperimentResult run_units(const std::vector<RunUnit>& units, const RunOptions& options,
                           ProgressObserver* observer = nullptr);

}  // namespace app

#endif  // SCALESIM_APP_RUNNER_H_
