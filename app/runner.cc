#include "app/runner.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "sim/check.h"

namespace app {

namespace {

// Each run advances in this many slices so that progress can be reported.
constexpr int kSlices = 64;

struct Job {
  size_t strategy;
  uint64_t replication;
};

class Pool {
 public:
  Pool(const models::Scenario& scenario, std::vector<Job> jobs)
      : scenario_(scenario), jobs_(std::move(jobs)), results_(jobs_.size()) {}

  void run(int threads, ProgressObserver* observer) {
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) workers.emplace_back([this] { work(); });
    report_until_done(observer);
    for (std::thread& w : workers) w.join();
    if (error_) std::rethrow_exception(error_);
  }

  std::vector<models::RunResult>& results() { return results_; }

 private:
  void work() {
    for (size_t i = next_.fetch_add(1); i < jobs_.size() && !failed_; i = next_.fetch_add(1)) {
      try {
        models::StrategyRun run(scenario_, jobs_[i].strategy, jobs_[i].replication);
        for (int slice = 1; slice <= kSlices; ++slice) {
          run.advance_to(sim::Time::micros(scenario_.horizon.us() / kSlices * slice));
          slices_done_.fetch_add(1);
        }
        results_[i] = run.finish();
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = std::current_exception();
        failed_ = true;
      }
      finished(i);
    }
  }

  void finished(size_t) {
    std::lock_guard lock(mutex_);
    if (++runs_done_ == jobs_.size() || failed_) done_.notify_all();
  }

  void report_until_done(ProgressObserver* observer) {
    std::unique_lock lock(mutex_);
    const double total = static_cast<double>(jobs_.size()) * kSlices;
    while (runs_done_ < jobs_.size() && !failed_) {
      done_.wait_for(lock, std::chrono::milliseconds(250));
      if (observer) observer->on_progress(static_cast<double>(slices_done_.load()) / total);
    }
    done_.wait(lock, [&] { return runs_done_ == jobs_.size() || failed_; });
  }

  const models::Scenario& scenario_;
  std::vector<Job> jobs_;
  std::vector<models::RunResult> results_;
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
  StrategySummary summary{strategy.name, strategy.description, {}, runs.front()->interval, {}, 0};
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
  // Replications of one strategy have the same columns in the same order.
  summary.mean_series = runs.front()->series;
  for (size_t c = 0; c < summary.mean_series.size(); ++c) {
    std::vector<double>& mean = summary.mean_series[c].values;
    for (size_t r = 1; r < runs.size(); ++r) {
      const std::vector<double>& values = runs[r]->series.at(c).values;
      for (size_t b = 0; b < mean.size(); ++b) mean[b] += values[b];
    }
    for (double& v : mean) v /= static_cast<double>(runs.size());
  }
  for (const models::RunResult* run : runs) summary.events += run->events;
  return summary;
}

}  // namespace

ExperimentResult run_experiment(const models::Scenario& scenario, const RunOptions& options,
                                ProgressObserver* observer) {
  std::vector<size_t> chosen = options.strategies;
  if (chosen.empty()) {
    for (size_t s = 0; s < scenario.strategies.size(); ++s) chosen.push_back(s);
  }
  std::vector<Job> jobs;
  for (size_t s : chosen) {
    for (int r = 0; r < scenario.replications; ++r) jobs.push_back({s, static_cast<uint64_t>(r)});
  }
  Pool pool(scenario, jobs);
  pool.run(std::max(1, std::min<int>(options.jobs, static_cast<int>(jobs.size()))), observer);

  ExperimentResult result;
  for (size_t k = 0; k < chosen.size(); ++k) {
    std::vector<const models::RunResult*> runs;
    for (int r = 0; r < scenario.replications; ++r) {
      runs.push_back(&pool.results()[k * scenario.replications + static_cast<size_t>(r)]);
    }
    result.strategies.push_back(summarise(scenario.strategies[chosen[k]], runs));
  }
  for (const models::RunResult& run : pool.results()) result.requests += run.arrivals;
  return result;
}

}  // namespace app
