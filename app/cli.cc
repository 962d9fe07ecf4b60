#include "app/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <optional>
#include <ostream>
#include <thread>

#include "app/bill/bill_command.h"
#include "app/diff_command.h"
#include "app/dryrun/dry_run_command.h"
#include "app/experiment/experiment.h"
#include "app/experiment/sweep_runner.h"
#include "app/fit_command.h"
#include "app/import/import_command.h"
#include "app/interrupt.h"
#include "app/output/atomic_file.h"
#include "app/output/outputs.h"
#include "app/prices/prices_command.h"
#include "app/report/report_command.h"
#include "app/runner.h"
#include "app/scenario/json_reader.h"
#include "app/scenario/loader.h"
#include "app/work_estimate.h"

namespace app {

namespace {

// A seed is a whole number from 0 to 2^63 - 1, written in digits: "-1" or a
// number past the range is a usage error, never a wrapped or clamped value.
std::optional<uint64_t> seed_value(const std::string& text) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end ||
      value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return std::nullopt;
  return value;
}

const CLI::Validator kSeed(
    [](std::string& text) {
      return seed_value(text)
                 ? std::string()
                 : "expected a whole number from 0 to 9223372036854775807, found \"" + text + "\"";
    },
    "SEED");

struct RunFlags {
  std::string scenario;
  std::vector<std::string> strategies;
  std::optional<int> replications;
  std::optional<std::string> seed;  // checked by kSeed, read by seed_value()
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string out_dir;
  std::string report;
  bool quiet = false;
  bool per_replication = false;
  double max_requests = kDefaultMaxRequests;
  std::optional<std::string> slo;
  std::optional<int> max_replications;
};

// A progress line on stderr, only when stderr is a terminal and the run has
// lasted long enough for a user to wonder: how far, how fast, how long to go.
class TerminalProgress final : public ProgressObserver, public RoundObserver {
 public:
  TerminalProgress(bool enabled, double expected_requests)
      : enabled_(enabled && ::isatty(STDERR_FILENO)), expected_requests_(expected_requests) {}
  ~TerminalProgress() {
    if (shown_) std::fprintf(stderr, "\r\033[K");
  }
  void on_progress(double fraction) override { show("", fraction, expected_requests_); }
  void on_round_progress(int round, size_t runs, double expected_requests,
                         double fraction) override {
    if (round != round_) {
      round_ = round;
      round_start_ = std::chrono::steady_clock::now();
    }
    const std::string what = "round " + std::to_string(round) + " (" + std::to_string(runs) +
                             " runs of point x strategy x replication): ";
    show(what, fraction, expected_requests);
  }
  static double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  }

 private:
  void show(const std::string& what, double fraction, double expected_requests) {
    const double elapsed = seconds_since(round_start_);
    if (!enabled_ || seconds_since(start_) < 1.0 || elapsed <= 0) return;
    const double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
    const double rate = expected_requests * fraction / elapsed;
    std::fprintf(stderr,
                 "\r\033[Kscalesim: %s%5.1f%% done, about %.3g million requests/s, %.0f s "
                 "elapsed, about %.0f s to go",
                 what.c_str(), fraction * 100, rate / 1e6, seconds_since(start_), eta);
    std::fflush(stderr);
    shown_ = true;
  }

  bool enabled_;
  double expected_requests_;
  bool shown_ = false;
  int round_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point round_start_ = start_;
};

// Resolves --strategy names to indices, each once; throws InputError naming the flag.
std::vector<size_t> chosen_strategies(const models::Scenario& scenario,
                                      const std::vector<std::string>& names) {
  std::vector<std::string> all;
  for (const auto& s : scenario.strategies) all.push_back("\"" + s.name + "\"");
  std::vector<size_t> chosen;
  std::vector<Problem> problems;
  for (const std::string& name : names) {
    size_t i = 0;
    while (i < scenario.strategies.size() && scenario.strategies[i].name != name) ++i;
    if (i < scenario.strategies.size()) {
      if (std::find(chosen.begin(), chosen.end(), i) == chosen.end()) chosen.push_back(i);
    } else {
      problems.push_back(
          {"", "--strategy: expected one of " + join_choices(all) + ", found \"" + name + "\""});
    }
  }
  if (!problems.empty()) throw InputError("scalesim", problems);
  return chosen;
}

// Finds out before simulating whether results can be written to `dir`, so a
// long run is not lost to a typo in --out. Creates the directory if needed.
void open_output_directory(std::optional<OutputDirectory>& out_dir, const std::string& dir) {
  try {
    out_dir.emplace(dir);
  } catch (const std::runtime_error& e) {
    throw InputError("scalesim", {{"", "--out: expected a directory scalesim can write to, found " +
                                           dir + " (" + e.what() + ")"}});
  }
}

// What a run prints and writes.
struct RunOutputs {
  std::string table;
  std::vector<OutputFile> files;  // results.json, timeseries.csv, events.csv
  uint64_t requests = 0;
};

RunOutputs run_scenario(const models::Scenario& scenario, const std::string& file,
                        const RunOptions& options, TerminalProgress& progress) {
  const ExperimentResult result = run_experiment(scenario, options, &progress);
  throw_if_stopped(options.stop);
  return {render_table(scenario, result),
          {{"results.json", render_results_json(scenario, file, result)},
           {"timeseries.csv", render_timeseries_csv(scenario, result)},
           {"events.csv", render_events_csv(result)},
           {"costs.csv", render_costs_csv(scenario, result)}},
          result.requests};
}

RunOutputs run_experiment_sweep(const Experiment& experiment, const RunOptions& options,
                                TerminalProgress& progress) {
  const SweepResult sweep = run_sweep(experiment, options.strategies, options, &progress);
  throw_if_stopped(options.stop);
  return {render_sweep_table(experiment, sweep),
          {{"results.json", render_results_json(experiment, sweep)},
           {"timeseries.csv", render_timeseries_csv(experiment.base(), sweep.result)},
           {"events.csv", render_events_csv(sweep.result)},
           {"costs.csv", render_costs_csv(experiment.base(), sweep.result)}},
          sweep.result.requests};
}

ExperimentOverrides overrides_of(const RunFlags& flags) {
  ExperimentOverrides overrides;
  overrides.slo = flags.slo;
  overrides.replications = flags.replications;
  if (flags.seed) overrides.seed = *seed_value(*flags.seed);
  overrides.max_replications = flags.max_replications;
  return overrides;
}

// A sweep's or an SLO's work: the first round, and what extra replications may add.
WorkEstimate experiment_work(const Experiment& experiment, const std::vector<size_t>& strategies) {
  const std::vector<RunUnit> units = first_round_units(experiment, strategies);
  double growth = 1;
  for (const RunUnit& unit : units) {
    if (experiment.slo)
      growth = std::max(
          growth, static_cast<double>(experiment.selection.max_replications) / unit.replications);
  }
  return estimate_work(units, experiment.points.size(), growth);
}

// SIGINT or SIGTERM stops the run and throws Interrupted: nothing is written and
// a directory --out created is removed again (by ~OutputDirectory).
int run_command(const RunFlags& flags, std::ostream& out, std::ostream& err,
                RunDistributor* distributor) {
  InterruptScope interrupt_scope;
  const Experiment experiment = load_experiment_file(flags.scenario, overrides_of(flags));
  const models::Scenario& scenario = experiment.base();
  const bool plain = !experiment.is_sweep() && !experiment.slo;
  RunOptions options;
  options.strategies = chosen_strategies(scenario, flags.strategies);
  options.jobs = flags.jobs;
  options.per_replication = flags.per_replication;
  const size_t strategies =
      options.strategies.empty() ? scenario.strategies.size() : options.strategies.size();
  const WorkEstimate work =
      plain ? estimate_work(scenario, strategies) : experiment_work(experiment, options.strategies);
  const int threads =
      plain ? worker_threads(scenario, options)
            : worker_threads(first_round_units(experiment, options.strategies).size() *
                                 static_cast<size_t>(scenario.replications),
                             options.jobs);
  check_work(work, flags.max_requests, threads);
  options.stop = &InterruptScope::flag();
  options.distributor = distributor;
  const bool root = !distributor || distributor->rank() == 0;
  // Under MPI only rank 0 writes; every rank starts the runs, or none does, so
  // that a failure here leaves no rank waiting for the others.
  std::optional<OutputDirectory> out_dir;
  std::optional<RunReport> report;
  std::exception_ptr failure;
  try {
    if (root && !flags.out_dir.empty()) open_output_directory(out_dir, flags.out_dir);
    if (root && !flags.report.empty()) report.emplace(flags.report, flags.out_dir);
  } catch (...) {
    failure = std::current_exception();
  }
  if (distributor && !distributor->all_ready(!failure) && !failure) return kExitBadInput;
  if (failure) std::rethrow_exception(failure);

  const auto start = std::chrono::steady_clock::now();
  RunOutputs outputs;
  {
    TerminalProgress progress(!flags.quiet && root, work.requests());
    outputs = plain ? run_scenario(scenario, flags.scenario, options, progress)
                    : run_experiment_sweep(experiment, options, progress);
  }
  const double seconds = TerminalProgress::seconds_since(start);
  // The table first: if writing the files fails, the results are still seen.
  out << outputs.table << std::flush;
  if (out_dir || report) write_run_outputs(std::move(outputs.files), out_dir, report, options.stop);
  if (!flags.quiet && root) {
    err << "scalesim: simulated " << outputs.requests << " requests in " << seconds << " s on "
        << threads << (threads == 1 ? " thread" : " threads");
    if (distributor && distributor->size() > 1)
      err << " in each of " << distributor->size() << " MPI processes";
    if (!flags.out_dir.empty())
      err << "; wrote " << flags.out_dir
          << "/results.json, timeseries.csv, events.csv and costs.csv";
    if (report) err << "; wrote " << flags.report;
    err << "\n";
  }
  return kExitOk;
}

int validate_command(const std::vector<std::string>& files, std::ostream& out, std::ostream& err) {
  int status = kExitOk;
  for (const std::string& file : files) {
    try {
      const Experiment experiment = load_experiment_file(file);
      const models::Scenario& scenario = experiment.base();
      const bool plain = !experiment.is_sweep() && !experiment.slo;
      const WorkEstimate work = plain ? estimate_work(scenario, scenario.strategies.size())
                                      : experiment_work(experiment, {});
      const size_t n = scenario.strategies.size();
      out << file << ": ok (" << n << (n == 1 ? " strategy" : " strategies");
      if (experiment.is_sweep()) out << " at " << experiment.points.size() << " sweep points";
      out << "; a run simulates " << describe_work(work) << ")\n";
    } catch (const InputError& e) {
      err << e.what();
      status = kExitBadInput;
    }
  }
  return status;
}

void add_run_command(CLI::App& cli, RunFlags& flags) {
  CLI::App* run =
      cli.add_subcommand("run",
                         "Simulate every strategy of a scenario (at every point of its sweep) and "
                         "compare them");
  run->add_option("scenario", flags.scenario, "Scenario file (JSON, see docs/scenarios.md)")
      ->required();
  run->add_option("--strategy", flags.strategies, "Run only this strategy (repeatable)");
  run->add_option("-r,--replications", flags.replications,
                  "Replications per strategy (overrides the scenario)")
      ->check(CLI::Range(1, 10000));
  run->add_option("--seed", flags.seed, "Random seed (overrides the scenario), 0 to 2^63 - 1")
      ->check(kSeed);
  run->add_option("-j,--jobs", flags.jobs, "Worker threads; results are identical for any number")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  run->add_option("-o,--out", flags.out_dir,
                  "Write results.json, timeseries.csv, events.csv and costs.csv to this directory");
  run->add_option("--report", flags.report,
                  "Write the HTML report of the run to this file (see docs/outputs.md)");
  run->add_flag("-q,--quiet", flags.quiet, "No progress line or summary on stderr");
  run->add_flag("--per-replication", flags.per_replication,
                "timeseries.csv: one row per replication and interval instead of their means");
  run->add_option("--slo", flags.slo,
                  "Find, per strategy, the cheapest sweep point that meets this SLO, e.g. "
                  "'latency.p99<800ms,errors<0.1%' (docs/experiments.md)");
  run->add_option("--max-replications", flags.max_replications,
                  "With an SLO: the most replications a point may get where a decision is open "
                  "(default 40, or the sweep's max_replications)")
      ->check(CLI::Range(2, 10000));
  run->add_option("--max-requests", flags.max_requests,
                  "Refuse a run expected to simulate more requests than this (all strategies "
                  "and replications; at about 10 million a second per thread)")
      ->check(CLI::Range(1.0, 1e18))
      ->capture_default_str();
}

void add_fit_command(CLI::App& cli, FitFlags& flags) {
  CLI::App* fit = cli.add_subcommand(
      "fit", "Fit a daily, weekly and trend model to a trace; print a workload block to paste");
  fit->add_option("trace", flags.trace, "Trace file (CSV, see docs/scenarios.md#traces)")
      ->required();
  fit->add_option("--format", flags.format,
                  "counts (timestamp, value[, period]) or timestamps (one per request)")
      ->check(CLI::IsMember({"counts", "timestamps"}))
      ->capture_default_str();
  fit->add_option(
      "--period", flags.period,
      "Interval width: for counts without a period column; timestamps are counted per period "
      "(default 5m)");
  fit->add_option("--gaps", flags.gaps, "Missing count intervals: error, or zero")
      ->check(CLI::IsMember({"error", "zero"}))
      ->capture_default_str();
  fit->add_option(
      "--utc-offset", flags.utc_offset,
      "Time zone of the daily pattern, e.g. +09:00 (default: the zone in the trace's first row)");
  fit->add_option("--clock", flags.clock,
                  "For traces in plain seconds: the weekday and local time of second 0 "
                  "(default \"mon 00:00\")");
  fit->add_option("--daily-harmonics", flags.daily_harmonics, "Fourier terms of the day")
      ->check(CLI::Range(0, 12))
      ->capture_default_str();
  fit->add_option("--weekly-harmonics", flags.weekly_harmonics,
                  "Fourier terms of the week (with 14 days or more)")
      ->check(CLI::Range(0, 6))
      ->capture_default_str();
  fit->add_option("-o,--out", flags.out_file,
                  "Write the block to this file instead of printing it");
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            RunDistributor* distributor) {
  CLI::App cli("scalesim: a discrete-event simulator of cloud scaling and cost strategies",
               "scalesim");
  cli.set_version_flag("--version", "scalesim " SCALESIM_VERSION);
  cli.require_subcommand(1);
  RunFlags run_flags;
  add_run_command(cli, run_flags);
  std::vector<std::string> files;
  CLI::App* validate = cli.add_subcommand("validate", "Check scenario files without running them");
  validate->add_option("files", files, "Scenario files")->required();
  FitFlags fit_flags;
  add_fit_command(cli, fit_flags);
  DiffFlags diff_flags;
  CLI::App* diff = cli.add_subcommand(
      "diff", "Compare two runs' results.json metric by metric, flagging changes beyond the noise");
  diff->add_option("A", diff_flags.before, "results.json of the first run")->required();
  diff->add_option("B", diff_flags.after, "results.json of the second run")->required();
  diff->add_flag("--all", diff_flags.all,
                 "Show every metric, not only the changes beyond the noise");

  ReportFlags report_flags;
  add_report_command(cli, report_flags);
  ImportFlags import_flags;
  add_import_command(cli, import_flags);
  BillFlags bill_flags;
  add_bill_command(cli, bill_flags);
  DryRunFlags dry_run_flags;
  add_dry_run_command(cli, dry_run_flags);
  PricesFlags prices_flags;
  add_prices_command(cli, prices_flags);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e, out, err);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  try {
    if (distributor && distributor->rank() != 0 && !cli.got_subcommand("run")) return kExitOk;
    if (cli.got_subcommand("validate")) return validate_command(files, out, err);
    if (cli.got_subcommand("fit")) return fit_command(fit_flags, out);
    if (cli.got_subcommand("diff")) return diff_command(diff_flags, out);
    if (cli.got_subcommand("report")) return report_command(report_flags, err);
    if (cli.got_subcommand("import")) return import_command(import_flags, out, err);
    if (cli.got_subcommand("bill")) return bill_command(bill_flags, out);
    if (cli.got_subcommand("dry-run")) return dry_run_command(dry_run_flags, out);
    if (cli.got_subcommand("prices")) return prices_command(prices_flags, out);
    return run_command(run_flags, out, err, distributor);
  } catch (const InputError& e) {
    err << e.what();
    return kExitBadInput;
  } catch (const Interrupted& e) {
    err << "scalesim: interrupted by " << (e.signal() == SIGINT ? "SIGINT" : "SIGTERM")
        << "; no files written\n";
    return e.exit_status();
  } catch (const std::exception& e) {
    err << "scalesim: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace app
