// Where requests are counted: every arrival and every end, by outcome, with the
// latency and queueing of successful requests. Only requests that arrive after
// warm-up count towards the metrics; all of them count towards conservation.
#ifndef SCALESIM_MODELS_OBSERVE_RECORDER_H_
#define SCALESIM_MODELS_OBSERVE_RECORDER_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/metrics.h"
#include "models/observe/interval_latency.h"
#include "models/outcome.h"
#include "models/traffic/workload.h"
#include "sim/histogram.h"
#include "sim/simulation.h"
#include "sim/time_series.h"

namespace models {

class Recorder final : public RequestSink, public ArrivalObserver {
 public:
  // With more than one class name, metrics are also kept per class
  // (Request::request_class indexes `class_names`).
  // Latency percentiles are kept per interval of `series` up to `end`.
  Recorder(const sim::Simulation& simulation, sim::TimeSeries& series, sim::Time measure_from,
           sim::Time end, std::vector<std::string> class_names = {});

  void on_arrival(const Request& request) override;
  void finish(const Request& request, Outcome outcome) override;

  uint64_t arrivals_total() const { return arrivals_total_; }
  uint64_t finished_total() const { return finished_total_; }
  // Metrics over requests that arrived at or after measure_from, in a run that
  // measured for `measured` time. Shares ("rate.*") are of those requests that
  // finished; latency and waiting are over those that finished ok.
  // REQUIRES: close() was called.
  void report(MetricList& metrics, sim::Duration measured) const;
  // "class.<name>.arrivals", ".rate.error", ".latency.{mean,p50,p99}_ms".

  // Ends the last interval's latency percentiles. Call once, at the end of the run.
  void close() { latency_ok_.close(); }
  // The p50 and p99 latency of successful requests per interval, warm-up
  // included, as the time series has it. REQUIRES: close() was called.
  const IntervalLatency& interval_latency() const { return latency_ok_; }

 private:
  const sim::Simulation& sim_;
  sim::TimeSeries& series_;
  sim::Time measure_from_;

  uint64_t arrivals_total_ = 0;
  uint64_t finished_total_ = 0;
  uint64_t arrivals_ = 0;
  std::array<uint64_t, kOutcomeCount> outcomes_{};
  IntervalLatency latency_ok_;  // per interval and, measured, over the run
  uint64_t queued_ok_ = 0;
  int64_t waited_ok_us_ = 0;

  struct ClassTally {
    std::string name;
    uint64_t arrivals = 0;
    uint64_t finished = 0;
    uint64_t ok = 0;
    sim::Histogram latency_ok;
  };
  std::vector<ClassTally> classes_;  // empty with one class
  static void report_class(const ClassTally& c, MetricList& metrics);
  // finish() for a failure, with classes or in a new interval: out of line, so
  // that the common case stays short.
  [[gnu::noinline]] void finish_slowly(const Request& request, Outcome outcome, sim::Time now);

  sim::TimeSeries::Column arrivals_column_;
  std::array<sim::TimeSeries::Column, kOutcomeCount> outcome_columns_{};
};

}  // namespace models

#endif  // SCALESIM_MODELS_OBSERVE_RECORDER_H_
