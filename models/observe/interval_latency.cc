#include "models/observe/interval_latency.h"

#include <limits>

namespace models {

IntervalLatency::IntervalLatency(sim::Duration interval, sim::Time end)
    : interval_(interval),
      interval_end_(sim::Time::zero() + interval),
      p50_ms_(static_cast<size_t>((end.us() + interval.us() - 1) / interval.us()),
              std::numeric_limits<double>::quiet_NaN()),
      p99_ms_(p50_ms_) {}

void IntervalLatency::finish_current() {
  current_coarse_.merge(current_measured_);
  if (current_coarse_.count() > 0 && index_ < p50_ms_.size()) {
    p50_ms_[index_] = current_coarse_.quantile(0.50) / 1e3;
    p99_ms_[index_] = current_coarse_.quantile(0.99) / 1e3;
  }
  measured_.merge(current_measured_);
  current_measured_.clear();
  current_coarse_.clear();
}

void IntervalLatency::roll(sim::Time now) {
  finish_current();
  index_ = static_cast<size_t>(now.us() / interval_.us());
  interval_end_ = sim::Time::micros((static_cast<int64_t>(index_) + 1) * interval_.us());
}

void IntervalLatency::close() {
  finish_current();
}

}  // namespace models
