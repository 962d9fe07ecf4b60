// The scenario a dry run simulates (`scalesim dry-run`, docs/importing.md): each
// strategy's server fleet that an asg policy drives becomes a replayed_fleet
// (models/dryrun/replayed_fleet.h) fed the metric history, beside the same
// policy and an alarm_watch logging its alarms; a lambda_function with a
// provisioned_target_tracking or provisioned_schedule policy becomes a
// replayed_function (models/dryrun/replayed_function.h) fed a concurrency history. Nothing else of
// the strategy is kept: no requests are simulated, so a load balancer in front only lends its
// health checks, and components and controllers the policy does not need are
// left out (and named in the notes).
#ifndef SCALESIM_APP_DRYRUN_DRY_RUN_H_
#define SCALESIM_APP_DRYRUN_DRY_RUN_H_

#include <optional>
#include <string>
#include <vector>

#include "app/dryrun/metric_history.h"
#include "app/runner.h"
#include "models/dryrun/replayed_fleet.h"
#include "models/scenario.h"

namespace app {

struct DryRunOptions {
  // "cpu", "request_count", "request_count_per_target" or "concurrency"; unset:
  // from the series' name (CPUUtilization, RequestCount, RequestCountPerTarget,
  // ConcurrentExecutions).
  std::optional<std::string> kind;
  // Instances the history was measured on; unset: the policy's desired capacity
  // at the start, or the fleet's count.
  std::optional<double> capacity;
  std::vector<std::string> strategies;  // names; empty: every strategy
};

struct ReplayedStrategy {
  std::string strategy;   // its name
  std::string fleet;      // the component replayed: a fleet, or a function
  std::string policy;     // the policy's controller name
  std::string watch;      // the alarm_watch's name; empty: nothing watches (no alarms)
  double capacity = 0;    // the history's instances (a fleet's); 0: busy servers
  bool function = false;  // a lambda_function's provisioned concurrency, not a fleet
};

struct DryRunPlan {
  models::Scenario scenario;  // one strategy per strategy replayed, same names
  models::HistoryKind kind = models::HistoryKind::kCpu;
  std::vector<ReplayedStrategy> replayed;
  std::vector<std::string> notes;  // what was left out, how gaps were filled
};

// Throws InputError naming the scenario file (and the strategy's pointer) or the
// flag at fault; nothing is simulated.
DryRunPlan plan_dry_run(const models::Scenario& loaded, const std::string& scenario_file,
                        const MetricSeries& history, const DryRunOptions& options);

// Simulates the plan (one replication per strategy; `stop` as RunOptions's). The
// replayed metric's column of the time series is in its own unit:
// "replayed_cpu" (percent), "replayed_request_count" (requests a minute),
// "replayed_request_count_per_target" (requests a minute per target in service)
// or "replayed_concurrency".
ExperimentResult run_dry_run(const DryRunPlan& plan, const std::atomic<int>* stop = nullptr);

}  // namespace app

#endif  // SCALESIM_APP_DRYRUN_DRY_RUN_H_
