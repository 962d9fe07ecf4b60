#include "app/runner.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

#include "app/distributed/run_codec.h"
#include "app/interrupt.h"
#include "sim/check.h"

namespace app {

namespace {

// Each run advances in this many slices so that progress can be reported.
constexpr int kSlices = 64;

struct Job {
  size_t unit;  // index into the units
  uint64_t replication;
};

// Sums one strategy's time series over replications in replication order,
// whatever order runs finish in: the sums are then identical for any number of
// threads, and only series that finished ahead of their turn wait in memory.
class SeriesFold {
 public:
  void offer(uint64_t replication, std::vector<models::SeriesColumn> series) {
    waiting_.emplace(replication, std::move(series));
    for (auto next = waiting_.find(next_); next != waiting_.end(); next = waiting_.find(next_)) {
      add(std::move(next->second));
      waiting_.erase(next);
      ++next_;
    }
  }

  std::vector<models::SeriesColumn> mean(int replications) && {
    SCALESIM_CHECK(waiting_.empty(), "a replication's series was never folded");
    for (size_t c = 0; c < sum_.size(); ++c) {
      std::vector<double>& values = sum_[c].values;
      for (size_t b = 0; b < values.size(); ++b) {
        const int n = sum_[c].sparse ? present_[c][b] : replications;
        values[b] = n > 0 ? values[b] / n : std::numeric_limits<double>::quiet_NaN();
      }
    }
    return std::move(sum_);
  }

 private:
  void add(std::vector<models::SeriesColumn> series) {
    if (sum_.empty()) {
      sum_ = std::move(series);
      present_.resize(sum_.size());
      for (size_t c = 0; c < sum_.size(); ++c) {
        if (!sum_[c].sparse) continue;
        present_[c].assign(sum_[c].values.size(), 0);
        for (size_t b = 0; b < sum_[c].values.size(); ++b) {
          if (std::isnan(sum_[c].values[b])) {
            sum_[c].values[b] = 0;
          } else {
            present_[c][b] = 1;
          }
        }
      }
      return;
    }
    // Replications of one strategy have the same columns in the same order.
    SCALESIM_CHECK(series.size() == sum_.size(), "replications reported different series");
    for (size_t c = 0; c < sum_.size(); ++c) {
      for (size_t b = 0; b < sum_[c].values.size(); ++b) {
        const double v = series[c].values[b];
        if (sum_[c].sparse && std::isnan(v)) continue;
        sum_[c].values[b] += v;
        if (sum_[c].sparse) ++present_[c][b];
      }
    }
  }

  uint64_t next_ = 0;
  std::map<uint64_t, std::vector<models::SeriesColumn>> waiting_;
  std::vector<models::SeriesColumn> sum_;
  std::vector<std::vector<int>> present_;  // replications with a value, for sparse columns
};

// Thrown to end a run early because another failed; never the error reported.
struct Abandoned {};

class Pool {
 public:
  // With `fold` false the series stay in results() instead (spread runs are
  // folded once every process's results are in).
  Pool(const std::vector<RunUnit>& units, std::vector<Job> jobs, const StopFlag* stop,
       bool keep_series, bool fold = true)
      : fold_(fold),
        units_(units),
        jobs_(std::move(jobs)),
        results_(jobs_.size()),
        kept_series_(keep_series ? jobs_.size() : 0),
        folds_(units.size()),
        stop_(stop) {}

  void run(int threads, ProgressObserver* observer) {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) workers.emplace_back([this] { work(); });
    report_until_done(observer);
    for (std::thread& w : workers) w.join();
    if (error_) std::rethrow_exception(error_);
  }

  // Metrics and counts of every run; their series have moved into the folds.
  std::vector<models::RunResult>& results() { return results_; }
  // Run `i`'s own series, when the pool keeps them.
  std::vector<models::SeriesColumn> kept_series(size_t i) { return std::move(kept_series_[i]); }
  std::vector<models::SeriesColumn> mean_series(size_t unit) {
    return std::move(folds_[unit]).mean(units_[unit].replications);
  }

 private:
  void work() {
    for (size_t i = next_.fetch_add(1); i < jobs_.size() && !failed_; i = next_.fetch_add(1)) {
      try {
        models::RunResult result = simulate(jobs_[i]);
        std::lock_guard lock(mutex_);
        if (!kept_series_.empty()) kept_series_[i] = result.series;
        if (fold_) folds_[jobs_[i].unit].offer(jobs_[i].replication, std::move(result.series));
        results_[i] = std::move(result);
        if (++runs_done_ == jobs_.size()) done_.notify_all();
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = std::current_exception();
        failed_ = true;
        done_.notify_all();
      }
    }
  }

  models::RunResult simulate(const Job& job) {
    const RunUnit& unit = units_[job.unit];
    models::StrategyRun run(*unit.scenario, unit.strategy, job.replication);
    for (int slice = 1; slice <= kSlices; ++slice) {
      throw_if_stopped(stop_);
      // Another run's failure or interrupt ends this one too.
      if (failed_) throw Abandoned();
      run.advance_to(sim::Time::micros(unit.scenario->horizon.us() / kSlices * slice));
      slices_done_.fetch_add(1);
    }
    return run.finish();
  }

  void report_until_done(ProgressObserver* observer) {
    std::unique_lock lock(mutex_);
    const double total = static_cast<double>(jobs_.size()) * kSlices;
    while (runs_done_ < jobs_.size() && !failed_) {
      done_.wait_for(lock, std::chrono::milliseconds(250));
      if (observer) observer->on_progress(static_cast<double>(slices_done_.load()) / total);
    }
  }

  bool fold_;
  const std::vector<RunUnit>& units_;
  std::vector<Job> jobs_;
  std::vector<models::RunResult> results_;
  std::vector<std::vector<models::SeriesColumn>> kept_series_;  // by run, when asked
  std::vector<SeriesFold> folds_;
  const StopFlag* stop_;
  std::atomic<size_t> next_{0};
  std::atomic<uint64_t> slices_done_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  std::condition_variable done_;
  size_t runs_done_ = 0;
  std::exception_ptr error_;
};

StrategySummary summarise(const models::StrategyConfig& strategy,
                          const std::vector<const models::RunResult*>& runs) {
  StrategySummary summary;
  summary.name = strategy.name;
  summary.description = strategy.description;
  summary.strategy = strategy.name;
  summary.replications = static_cast<int>(runs.size());
  summary.interval = runs.front()->interval;
  const models::MetricList& first = runs.front()->metrics;
  for (size_t m = 0; m < first.size(); ++m) {
    std::vector<double> samples;
    for (const models::RunResult* run : runs) {
      SCALESIM_CHECK(run->metrics.size() == first.size() && run->metrics[m].name == first[m].name,
                     "replications of one strategy reported different metrics");
      samples.push_back(run->metrics[m].value);
    }
    const sim::Estimate estimate = sim::estimate_mean(samples);
    summary.metrics.push_back({first[m].name, first[m].unit, estimate, std::move(samples)});
  }
  for (const models::RunResult* run : runs) summary.events += run->events;
  return summary;
}

}  // namespace

int worker_threads(size_t runs, int jobs) {
  return static_cast<int>(std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(jobs), runs)));
}

int worker_threads(const models::Scenario& scenario, const RunOptions& options) {
  const size_t strategies =
      options.strategies.empty() ? scenario.strategies.size() : options.strategies.size();
  return worker_threads(strategies * static_cast<size_t>(scenario.replications), options.jobs);
}

ExperimentResult run_experiment(const models::Scenario& scenario, const RunOptions& options,
                                ProgressObserver* observer) {
  std::vector<RunUnit> units;
  if (options.strategies.empty()) {
    for (size_t s = 0; s < scenario.strategies.size(); ++s)
      units.push_back({&scenario, s, scenario.replications});
  }
  for (size_t s : options.strategies) units.push_back({&scenario, s, scenario.replications});
  return run_units(units, options, observer);
}

namespace {

std::vector<size_t> first_jobs(const std::vector<RunUnit>& units, std::vector<Job>& jobs) {
  std::vector<size_t> first_job;
  for (size_t u = 0; u < units.size(); ++u) {
    first_job.push_back(jobs.size());
    for (int r = 0; r < units[u].replications; ++r) jobs.push_back({u, static_cast<uint64_t>(r)});
  }
  return first_job;
}

// Summaries of every unit from every run's results (in job order), with the
// means of the series given per unit.
ExperimentResult summaries(const std::vector<RunUnit>& units, const std::vector<size_t>& first_job,
                           std::vector<models::RunResult>& results,
                           std::vector<std::vector<models::SeriesColumn>> mean_series,
                           std::vector<std::vector<models::SeriesColumn>>* kept_series) {
  ExperimentResult result;
  for (size_t u = 0; u < units.size(); ++u) {
    const auto replications = static_cast<size_t>(units[u].replications);
    std::vector<const models::RunResult*> runs;
    for (size_t r = 0; r < replications; ++r) runs.push_back(&results[first_job[u] + r]);
    result.strategies.push_back(summarise(units[u].scenario->strategies[units[u].strategy], runs));
    StrategySummary& summary = result.strategies.back();
    summary.mean_series = std::move(mean_series[u]);
    for (size_t r = 0; r < replications; ++r) {
      models::RunResult& run = results[first_job[u] + r];
      summary.logs.push_back(std::move(run.log));
      summary.logs_dropped.push_back(run.log_dropped);
      if (kept_series)
        summary.replication_series.push_back(std::move((*kept_series)[first_job[u] + r]));
    }
  }
  for (const models::RunResult& run : results) result.requests += run.arrivals;
  return result;
}

// The runs of rank `rank`, simulated here; then everyone's, from every process.
ExperimentResult run_spread(const std::vector<RunUnit>& units, const RunOptions& options,
                            ProgressObserver* observer) {
  RunDistributor& d = *options.distributor;
  std::vector<Job> jobs;
  const std::vector<size_t> first_job = first_jobs(units, jobs);
  std::vector<Job> mine;
  for (size_t i = static_cast<size_t>(d.rank()); i < jobs.size();
       i += static_cast<size_t>(d.size()))
    mine.push_back(jobs[i]);
  Pool pool(units, mine, options.stop, false, false);
  pool.run(worker_threads(mine.size(), options.jobs), observer);
  std::string bytes;
  for (const models::RunResult& run : pool.results()) encode_run(run, bytes);
  const std::vector<std::string> all = d.all_gather(bytes);
  std::vector<models::RunResult> results(jobs.size());
  for (size_t rank = 0; rank < all.size(); ++rank) {
    std::vector<models::RunResult> theirs = decode_runs(all[rank]);
    for (size_t k = 0; k < theirs.size(); ++k)
      results[rank + k * all.size()] = std::move(theirs[k]);
  }
  std::vector<SeriesFold> folds(units.size());
  std::vector<std::vector<models::SeriesColumn>> kept;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (options.per_replication) kept.push_back(results[i].series);
    folds[jobs[i].unit].offer(jobs[i].replication, std::move(results[i].series));
  }
  std::vector<std::vector<models::SeriesColumn>> means;
  for (size_t u = 0; u < units.size(); ++u)
    means.push_back(std::move(folds[u]).mean(units[u].replications));
  return summaries(units, first_job, results, std::move(means),
                   options.per_replication ? &kept : nullptr);
}

}  // namespace

ExperimentResult run_units(const std::vector<RunUnit>& units, const RunOptions& options,
                           ProgressObserver* observer) {
  if (options.distributor && options.distributor->size() > 1)
    return run_spread(units, options, observer);
  std::vector<Job> jobs;
  const std::vector<size_t> first_job = first_jobs(units, jobs);
  Pool pool(units, jobs, options.stop, options.per_replication);
  pool.run(worker_threads(jobs.size(), options.jobs), observer);
  std::vector<std::vector<models::SeriesColumn>> means;
  for (size_t u = 0; u < units.size(); ++u) means.push_back(pool.mean_series(u));
  std::vector<std::vector<models::SeriesColumn>> kept;
  if (options.per_replication) {
    for (size_t i = 0; i < jobs.size(); ++i) kept.push_back(pool.kept_series(i));
  }
  return summaries(units, first_job, pool.results(), std::move(means),
                   options.per_replication ? &kept : nullptr);
}

}  // namespace app
