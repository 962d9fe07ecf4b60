// Latencies of successful requests: over the measured requests of the whole run
// (the metrics' percentiles), and per time-series interval for plots of latency
// over time (the p50 and p99 of each interval, warm-up included). Requests end in
// time order, so an interval is complete once a request ends past it.
//
// Each latency is recorded once, in a fine histogram of the interval under way;
// when the interval ends, that histogram is merged into the run's and, coarsened
// (exactly: its buckets nest), gives the interval's percentiles. Recording twice,
// into the run's histogram and a coarse one, cost some 16 more instructions a
// request.
#ifndef SCALESIM_MODELS_OBSERVE_INTERVAL_LATENCY_H_
#define SCALESIM_MODELS_OBSERVE_INTERVAL_LATENCY_H_

#include <cstdint>
#include <vector>

#include "sim/histogram.h"
#include "sim/time.h"

namespace models {

class IntervalLatency {
 public:
  // Intervals of `interval` from time zero to `end`. REQUIRES: interval > 0.
  IntervalLatency(sim::Duration interval, sim::Time end);

  // A latency of `us` microseconds, of a request that ended at `now`; `measured`
  // when it counts towards the run's metrics (it arrived after warm-up).
  // REQUIRES: `now` never decreases. No interval shows a latency of a request
  // ending at `end` or later; the run's histogram still counts it when measured.
  void record(sim::Time now, int64_t us, bool measured) {
    if (!in_current(now)) [[unlikely]]
      roll(now);
    record_in_current(us, measured);
  }
  // Whether `now` falls in the interval under way, where record_in_current() may
  // be called instead: the caller's common case without the roll's call.
  bool in_current(sim::Time now) const { return now < interval_end_; }
  // REQUIRES: in_current(now) for the `now` the latency ended at.
  void record_in_current(int64_t us, bool measured) {
    // Warm-up is over early in a run: the branch then always goes one way.
    if (measured) [[likely]] {
      current_measured_.record(us);
    } else {
      current_coarse_.record(us);
    }
  }

  // Ends the interval under way. Call once, at the end of the run.
  void close();
  // Each interval's p50 and p99 in milliseconds, NaN where no request ended.
  // REQUIRES: close() was called.
  const std::vector<double>& p50_ms() const { return p50_ms_; }
  const std::vector<double>& p99_ms() const { return p99_ms_; }
  // The measured requests' latencies over the whole run. REQUIRES: close() was called.
  const sim::Histogram& measured() const { return measured_; }

 private:
  void roll(sim::Time now);
  void finish_current();

  sim::Duration interval_;
  size_t index_ = 0;  // of the interval under way
  sim::Time interval_end_;
  // The interval under way: its measured latencies finely, its warm-up ones
  // coarsely (only the interval's percentiles show them).
  sim::Histogram current_measured_;
  sim::CoarseHistogram current_coarse_;
  sim::Histogram measured_;  // of the intervals that have ended
  std::vector<double> p50_ms_;
  std::vector<double> p99_ms_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_OBSERVE_INTERVAL_LATENCY_H_
