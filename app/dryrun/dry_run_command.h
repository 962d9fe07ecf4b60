// `scalesim dry-run SCENARIO --metrics FILE`: a scaling policy replayed against a
// recorded CloudWatch metric history instead of simulated requests
// (docs/importing.md): its decisions, its alarms, capacity over time and cost,
// printed as a summary and written as the usual results.json, timeseries.csv,
// events.csv and costs.csv.
#ifndef SCALESIM_APP_DRYRUN_DRY_RUN_COMMAND_H_
#define SCALESIM_APP_DRYRUN_DRY_RUN_COMMAND_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace app {

struct DryRunFlags {
  std::string scenario;
  std::string metrics;
  std::optional<std::string> metric;  // which series of the file
  std::optional<std::string> kind;    // cpu, request_count(_per_target), concurrency
  std::optional<double> capacity;     // instances the history was measured on
  std::vector<std::string> strategies;
  std::string out_dir;
};

void add_dry_run_command(CLI::App& cli, DryRunFlags& flags);

// Throws InputError for bad flags, a bad scenario or a bad history (nothing is
// written), Interrupted on SIGINT or SIGTERM.
int dry_run_command(const DryRunFlags& flags, std::ostream& out);

}  // namespace app

#endif  // SCALESIM_APP_DRYRUN_DRY_RUN_COMMAND_H_
