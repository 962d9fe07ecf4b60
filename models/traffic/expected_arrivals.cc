#include "models/traffic/expected_arrivals.h"

#include <algorithm>
#include <cmath>

#include "models/traffic/trace_arrivals.h"

namespace models {

namespace {

// Smooth parts are integrated by Simpson's rule over steps of this many seconds:
// a day's sinusoid to about 1e-9, a short spike to a few percent. Constant
// pieces at least this long are integrated exactly; shorter ones are sampled,
// so a curve of microsecond steps costs no more than a smooth one.
constexpr double kStepSeconds = 300;

void note_peak(TrafficEstimate& e, double per_second, double at) {
  // NaN is kept as the peak: it marks an overflow (infinity times zero).
  if (!(per_second <= e.peak_per_second)) {
    e.peak_per_second = per_second;
    e.peak_at = sim::Duration::from_seconds(at);
  }
}

TrafficEstimate integrate(const Rate& rate, double horizon_s) {
  TrafficEstimate e;
  for (double t = 0; t < horizon_s;) {
    const std::optional<double> constant_end = rate.constant_until(t);
    double to = 0;
    if (constant_end && *constant_end - t >= kStepSeconds) {
      to = std::min(*constant_end, horizon_s);
      const double r = rate.at(t);
      note_peak(e, r, t);
      e.arrivals += r * (to - t);
    } else {
      to = std::min(t + kStepSeconds, horizon_s);
      const double a = rate.at(t), m = rate.at((t + to) / 2), b = rate.at(to);
      note_peak(e, rate.bound(t, to), t);
      e.arrivals += (to - t) / 6 * (a + 4 * m + b);
    }
    if (!e.finite()) {
      e.overflow_by = sim::Duration::from_seconds(to);
      break;
    }
    t = to;
  }
  return e;
}

TrafficEstimate periodic(const ArrivalConfig& config, sim::Duration horizon) {
  TrafficEstimate e;
  if (config.offset >= horizon) return e;
  const int64_t ticks =
      (horizon - config.offset - sim::Duration::micros(1)).us() / config.every.us() + 1;
  e.arrivals = static_cast<double>(ticks) * config.burst;
  e.peak_per_second = config.burst / config.every.seconds();
  e.peak_at = config.offset;
  return e;
}

TrafficEstimate trace(const TraceReplay& replay, sim::Duration horizon) {
  TrafficEstimate e;
  const TraceData& data = *replay.data;
  const sim::Time end = sim::Time::zero() + horizon;
  if (!data.per_interval) {
    const auto within = std::lower_bound(data.requests.begin(), data.requests.end(), end);
    e.arrivals = static_cast<double>(within - data.requests.begin()) * replay.scale;
    return e;
  }
  for (size_t i = 0; i < data.counts.size(); ++i) {
    const sim::Time start = data.first + data.period * static_cast<int64_t>(i);
    if (start >= end) break;
    const double count = data.counts[i] * replay.scale;
    e.arrivals += count;
    note_peak(e, count / data.period.seconds(), (start - sim::Time::zero()).seconds());
    if (!e.finite()) {
      e.overflow_by = start + data.period - sim::Time::zero();
      break;
    }
  }
  return e;
}

}  // namespace

bool TrafficEstimate::finite() const {
  return std::isfinite(arrivals) && std::isfinite(peak_per_second);
}

TrafficEstimate estimate_arrivals(const ArrivalConfig& arrivals, sim::Duration local_offset,
                                  sim::Duration horizon) {
  switch (arrivals.kind) {
    case ArrivalConfig::Kind::kPeriodic:
      return periodic(arrivals, horizon);
    case ArrivalConfig::Kind::kTrace:
      return trace(*arrivals.trace, horizon);
    case ArrivalConfig::Kind::kPoisson:
    case ArrivalConfig::Kind::kOverdispersed:
      break;
  }
  return integrate(*make_rate(arrivals.rate, local_offset), horizon.seconds());
}

TrafficEstimate estimate_workload(const WorkloadConfig& workload, sim::Duration horizon) {
  TrafficEstimate total = estimate_arrivals(workload.arrivals, workload.local_offset, horizon);
  if (workload.sessions) {
    const TrafficEstimate sessions =
        estimate_arrivals(workload.sessions->arrivals, workload.local_offset, horizon);
    total.arrivals += sessions.arrivals;
    note_peak(total, sessions.peak_per_second, sessions.peak_at.seconds());
    total.overflow_by = std::max(total.overflow_by, sessions.overflow_by);
  }
  return total;
}

}  // namespace models
