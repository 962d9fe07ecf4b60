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

#include "app/interrupt.h"
#include "sim/check.h"

namespace app {

namespace {

// Each run advances in this many slices so that progress can be reported.
constexpr int kSlices = 64;

struct Job {
  size_t chosen;  // index into the chosen strategies
  size_t strategy;
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
  Pool(const models::Scenario& scenario, std::vector<Job> jobs, size_t strategies,
       const StopFlag* stop, bool keep_series)
      : scenario_(scenario),
        jobs_(std::move(jobs)),
        results_(jobs_.size()),
        kept_series_(keep_series ? jobs_.size() : 0),
        folds_(strategies),
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
  std::vector<models::SeriesColumn> mean_series(size_t chosen) {
    return std::move(folds_[chosen]).mean(scenario_.replications);
  }

 private:
  void work() {
    for (size_t i = next_.fetch_add(1); i < jobs_.size() && !failed_; i = next_.fetch_add(1)) {
      try {
        models::RunResult result = simulate(jobs_[i]);
        std::lock_guard lock(mutex_);
        if (!kept_series_.empty()) kept_series_[i] = result.series;
        folds_[jobs_[i].chosen].offer(jobs_[i].replication, std::move(result.series));
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
    models::StrategyRun run(scenario_, job.strategy, job.replication);
    for (int slice = 1; slice <= kSlices; ++slice) {
      throw_if_stopped(stop_);
      // Another run's failure or interrupt ends this one too.
      if (failed_) throw Abandoned();
      run.advance_to(sim::Time::micros(scenario_.horizon.us() / kSlices * slice));
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

  const models::Scenario& scenario_;
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
  StrategySummary summary{strategy.name, strategy.description, {}, runs.front()->interval, {}, {}, 0};
  const models::MetricList& first = runs.front()->metrics;
  for (size_t m = 0; m < first.size(); ++m) {
    std::vector<double> samples;
    for (const models::RunResult* run : runs) {
      SCALESIM_CHECK(run->metrics.size() == first.size() && run->metrics[m].name == first[m].name,
                     "replications of one strategy reported different metrics");
      samples.push_back(run->metrics[m].value);
    }
    summary.metrics.push_back({first[m].name, first[m].unit, sim::estimate_mean(samples)});
  }
  for (const models::RunResult* run : runs) summary.events += run->events;
  return summary;
}

}  // namespace

int worker_threads(const models::Scenario& scenario, const RunOptions& options) {
  const size_t strategies =
      options.strategies.empty() ? scenario.strategies.size() : options.strategies.size();
  const size_t runs = strategies * static_cast<size_t>(scenario.replications);
  return static_cast<int>(
      std::max<size_t>(1, std::min<size_t>(static_cast<size_t>(options.jobs), runs)));
}

ExperimentResult run_experiment(const models::Scenario& scenario, const RunOptions& options,
                                ProgressObserver* observer) {
  std::vector<size_t> chosen = options.strategies;
  if (chosen.empty()) {
    for (size_t s = 0; s < scenario.strategies.size(); ++s) chosen.push_back(s);
  }
  std::vector<Job> jobs;
  for (size_t k = 0; k < chosen.size(); ++k) {
    for (int r = 0; r < scenario.replications; ++r)
      jobs.push_back({k, chosen[k], static_cast<uint64_t>(r)});
  }
  Pool pool(scenario, jobs, chosen.size(), options.stop, options.per_replication);
  pool.run(worker_threads(scenario, options), observer);

  ExperimentResult result;
  for (size_t k = 0; k < chosen.size(); ++k) {
    std::vector<const models::RunResult*> runs;
    for (int r = 0; r < scenario.replications; ++r) {
      runs.push_back(
          &pool.results()[k * static_cast<size_t>(scenario.replications) + static_cast<size_t>(r)]);
    }
    result.strategies.push_back(summarise(scenario.strategies[chosen[k]], runs));
    StrategySummary& summary = result.strategies.back();
    summary.mean_series = pool.mean_series(k);
    for (int r = 0; r < scenario.replications; ++r) {
      models::RunResult& run =
          pool.results()[k * static_cast<size_t>(scenario.replications) + static_cast<size_t>(r)];
      summary.logs.push_back(std::move(run.log));
      summary.logs_dropped.push_back(run.log_dropped);
      if (options.per_replication) {
        summary.replication_series.push_back(pool.kept_series(
            k * static_cast<size_t>(scenario.replications) + static_cast<size_t>(r)));
      }
    }
  }
  for (const models::RunResult& run : pool.results()) result.requests += run.arrivals;
  return result;
}

}  // namespace app
