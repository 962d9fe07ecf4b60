#include "app/dryrun/dry_run_command.h"
#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <ostream>

#include "app/dryrun/dry_run.h"
#include "app/dryrun/metric_history.h"
#include "app/experiment/experiment.h"
#include "app/interrupt.h"
#include "app/output/atomic_file.h"
#include "app/output/local_time.h"
#include "app/output/outputs.h"
#include "app/runner.h"
#include "app/scenario/input_error.h"
#include "app/trace/timestamp.h"

namespace app {

namespace {

// Decisions listed in the summary; events.csv has them all.
constexpr size_t kDecisionsShown = 20;

std::string fixed(double value, int decimals) {
  char text[48];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// "1m", "2h", "1d2h30m", "90s" -> "1m30s": the scenario's notation, shortest.
std::string span_text(sim::Duration d) {
  int64_t seconds = d.us() / 1'000'000;
  std::string out;
  for (const auto& [unit, size] : {std::pair{"d", 86'400}, {"h", 3'600}, {"m", 60}, {"s", 1}}) {
    if (seconds < size) continue;
    out += std::to_string(seconds / size) + unit;
    seconds %= size;
  }
  return out.empty() ? "0s" : out;
}

bool has_metric(const StrategySummary& strategy, const std::string& name) {
  for (const MetricSummary& m : strategy.metrics) {
    if (m.name == name) return true;
  }
  return false;
}

double metric(const StrategySummary& strategy, const std::string& name) {
  for (const MetricSummary& m : strategy.metrics) {
    if (m.name == name) return m.estimate.mean;
  }
  return 0;
}

std::string history_line(const MetricSeries& history, models::HistoryKind kind,
                         const std::string& file) {
  int64_t missing = 0;
  for (const MetricGap& gap : history.gaps) missing += gap.periods;
  const auto periods = static_cast<int64_t>(history.values.size());
  return "dry run of \"" + history.name + "\" (" + std::string(models::history_kind_name(kind)) +
         ") from " + file + ": " + std::to_string(periods) + " periods of " +
         span_text(sim::Duration::micros(history.period_us)) + " from " +
         format_timestamp({history.start_us, history.date_times, 0}) + " (" +
         span_text(sim::Duration::micros(history.period_us * periods)) + "), " +
         (history.gaps.empty() ? std::string("no gaps")
                               : std::to_string(missing) + " missing in " +
                                     std::to_string(history.gaps.size()) + " gaps") +
         "\n";
}

std::string strategy_block(const models::Scenario& scenario, const StrategySummary& strategy,
                           const ReplayedStrategy& replayed) {
  std::map<std::string, size_t> decisions;
  std::vector<const models::LoggedEvent*> listed;
  size_t total = 0;
  for (const models::LoggedEvent& event : strategy.logs.front()) {
    if (event.source != replayed.policy) continue;
    ++decisions[event.what];
    ++total;
    listed.push_back(&event);
  }
  std::string out =
      "\nstrategy \"" + strategy.name + "\": policy " + replayed.policy + " on " + replayed.fleet;
  if (!replayed.function && replayed.capacity > 0) {  // 0: a history of busy servers
    const bool whole = replayed.capacity == std::floor(replayed.capacity);
    out += ", the history measured on " + fixed(replayed.capacity, whole ? 0 : 2) + " instances";
  }
  out += "\n  decisions   " + std::to_string(total);
  std::string kinds;
  for (const auto& [what, count] : decisions)
    kinds += (kinds.empty() ? "" : ", ") + what + " " + std::to_string(count);
  out += kinds.empty() ? "\n" : " (" + kinds + ")\n";
  if (!replayed.watch.empty()) {
    out += "  alarms      " +
           fixed(metric(strategy, "controller." + replayed.watch + ".alarms_fired"), 0) +
           " fired\n";
  }
  const std::string provisioned = "controller." + replayed.policy + ".provisioned_mean";
  if (replayed.function && has_metric(strategy, provisioned)) {
    out += "  provisioned mean " + fixed(metric(strategy, provisioned), 3) + "\n";
  } else if (!replayed.function) {
    const std::string fleet = "component." + replayed.fleet + ".";
    const double hours = scenario.horizon.seconds() / 3600;
    out += "  instances   launched " + fixed(metric(strategy, fleet + "launches"), 0) +
           ", terminated " + fixed(metric(strategy, fleet + "terminations"), 0) + ", peak " +
           fixed(metric(strategy, fleet + "instances_peak"), 0) + ", mean " +
           fixed(metric(strategy, "fleet.instance_hours") / hours, 3) + " (in service " +
           fixed(metric(strategy, fleet + "instances_running_mean"), 3) + ")\n";
    if (has_metric(strategy, fleet + "busy_unserved_hours")) {
      out += "  busy beyond the servers in service " +
             fixed(metric(strategy, fleet + "busy_unserved_hours"), 3) +
             " server-hours (sessions a real fleet would have refused)\n";
    }
  }
  if (scenario.pricing) {
    out += "  cost        " + fixed(metric(strategy, "cost.total_usd"), 4) + " USD over " +
           span_text(scenario.horizon) + ", " + fixed(metric(strategy, "cost.per_month_usd"), 2) +
           " USD a month at that rate\n";
  }
  for (size_t i = 0; i < listed.size() && i < kDecisionsShown; ++i) {
    const models::LoggedEvent& event = *listed[i];
    out += "    " + local_time_text(scenario.workload, event.at - sim::Time::zero()) + "  " +
           event.what + "  " + event.detail + "\n";
  }
  if (listed.size() > kDecisionsShown)
    out += "    ... " + std::to_string(listed.size() - kDecisionsShown) +
           " more decisions in events.csv\n";
  return out;
}

}  // namespace

void add_dry_run_command(CLI::App& cli, DryRunFlags& flags) {
  CLI::App* cmd = cli.add_subcommand(
      "dry-run",
      "Replay a strategy's scaling policy against a CloudWatch metric history, without "
      "simulating requests: its decisions, alarms, capacity and cost (docs/importing.md)");
  cmd->add_option("scenario", flags.scenario, "Scenario file (JSON, see docs/scenarios.md)")
      ->required();
  cmd->add_option("--metrics", flags.metrics,
                  "Metric history: GetMetricData JSON or CSV (timestamp, value...)")
      ->required();
  cmd->add_option("--metric", flags.metric,
                  "The series to replay: an Id or Label of the JSON, or a CSV column's header "
                  "(needed when the file has several)");
  cmd->add_option("--metric-kind", flags.kind,
                  "cpu, request_count, request_count_per_target or concurrency (default: from the "
                  "series' name: CPUUtilization, RequestCount, RequestCountPerTarget, "
                  "ConcurrentExecutions)");
  cmd->add_option("--capacity", flags.capacity,
                  "Instances the history was measured on (default: the policy's desired "
                  "capacity at the start, or the fleet's count)");
  cmd->add_option("--strategy", flags.strategies,
                  "Replay only this strategy (repeatable; default: all)");
  cmd->add_option("-o,--out", flags.out_dir,
                  "Write results.json, timeseries.csv, events.csv and costs.csv to this directory");
}

int dry_run_command(const DryRunFlags& flags, std::ostream& out) {
  InterruptScope interrupt_scope;
  const Experiment experiment = load_experiment_file(flags.scenario);
  const MetricSeries history = read_metric_history(flags.metrics, flags.metric);
  const DryRunOptions options{flags.kind, flags.capacity, flags.strategies};
  const DryRunPlan plan = plan_dry_run(experiment.base(), flags.scenario, history, options);
  std::optional<OutputDirectory> out_dir;
  if (!flags.out_dir.empty()) {
    try {
      out_dir.emplace(flags.out_dir);
    } catch (const std::runtime_error& e) {
      throw InputError("scalesim",
                       {{"", "--out: expected a directory scalesim can write to, found " +
                                 flags.out_dir + " (" + e.what() + ")"}});
    }
  }
  const StopFlag* stop = &InterruptScope::flag();
  const ExperimentResult result = run_dry_run(plan, stop);
  throw_if_stopped(stop);

  std::string text = history_line(history, plan.kind, flags.metrics);
  for (size_t s = 0; s < result.strategies.size(); ++s)
    text += strategy_block(plan.scenario, result.strategies[s], plan.replayed[s]);
  if (!plan.notes.empty()) text += "\nnotes:\n";
  for (const std::string& note : plan.notes) text += "  " + note + "\n";
  out << text << std::flush;
  if (out_dir) {
    const std::vector<OutputFile> files = {
        {"results.json", render_results_json(plan.scenario, flags.scenario, result)},
        {"timeseries.csv", render_timeseries_csv(plan.scenario, result)},
        {"events.csv", render_events_csv(result)},
        {"costs.csv", render_costs_csv(plan.scenario, result)}};
    write_files_atomically(out_dir->path(), files, stop);
    out_dir->keep();
  }
  return kExitOk;
}

}  // namespace app
