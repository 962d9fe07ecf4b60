// Latency percentiles per time-series interval, for plots of latency over time:
// one coarse histogram for the interval under way, and the p50 and p99 of each
// interval that has ended. Requests end in time order, so an interval is
// complete once a request ends past it.
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

  // A latency of `us` microseconds, of a request that ended at `now`.
  // REQUIRES: `now` never decreases. Latencies of requests ending at `end` or
  // later are not kept: no interval shows them.
  void record(sim::Time now, int64_t us) {
    if (now >= interval_end_) [[unlikely]]
      roll(now);
    current_.record(us);
  }

  // Each interval's p50 and p99 in milliseconds, NaN where no request ended.
  // Ends the interval under way. Call once, at the end of the run.
  void close();
  const std::vector<double>& p50_ms() const { return p50_ms_; }
  const std::vector<double>& p99_ms() const { return p99_ms_; }

 private:
  void roll(sim::Time now);
  void finish_current();

  sim::Duration interval_;
  size_t index_ = 0;  // of the interval under way
  sim::Time interval_end_;
  sim::CoarseHistogram current_;
  std::vector<double> p50_ms_;
  std::vector<double> p99_ms_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_OBSERVE_INTERVAL_LATENCY_H_
