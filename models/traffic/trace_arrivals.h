// Replaying traces: recorded traffic as an arrival process.
//
// The loader reads the file and moves it to run time (t = 0 is the trace's
// chosen start); these processes only replay it, scaled.
#ifndef SCALESIM_MODELS_TRAFFIC_TRACE_ARRIVALS_H_
#define SCALESIM_MODELS_TRAFFIC_TRACE_ARRIVALS_H_

#include <memory>
#include <vector>

#include "models/traffic/arrivals.h"

namespace models {

struct TraceData {
  // Per-request instants, in time order (from a timestamps file).
  std::vector<sim::Time> requests;
  // Or requests per consecutive interval of width `period`, the first starting at
  // `first` (from a counts file).
  bool per_interval = false;
  sim::Time first;
  sim::Duration period;
  std::vector<double> counts;
};

struct TraceReplay {
  std::shared_ptr<const TraceData> data;
  // Counts only: place an interval's requests as a Poisson process at its mean rate
  // (false), or exactly round(count x scale) of them uniformly at random (true).
  bool uniform_spread = false;
  // Multiplies the traffic. For per-request instants, each request is kept with
  // probability `scale` below 1; above 1 it has floor(scale) or floor(scale) + 1
  // copies (mean `scale`), itself and the rest uniform until the next request.
  double scale = 1;
};

// Exact replay when scale is 1 and the trace holds instants; otherwise draws from
// `rng`.
std::unique_ptr<ArrivalProcess> make_trace_arrivals(const TraceReplay& replay,
                                                    sim::RandomStream rng);

}  // namespace models

#endif  // SCALESIM_MODELS_TRAFFIC_TRACE_ARRIVALS_H_
