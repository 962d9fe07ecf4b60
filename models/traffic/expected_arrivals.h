// How much traffic a workload sends over a run, known before simulating it.
//
// The loader uses it to refuse curves that overflow (an exponential trend that
// reaches infinity, a rate of 1e308), and the CLI to refuse a run that could not
// finish in reasonable time unless the user raises the limit. It is an estimate
// of the mean, not a draw: exact for piecewise constant curves, periodic
// schedules and traces, and within a small fraction for smooth curves.
#ifndef SCALESIM_MODELS_TRAFFIC_EXPECTED_ARRIVALS_H_
#define SCALESIM_MODELS_TRAFFIC_EXPECTED_ARRIVALS_H_

#include "models/traffic/arrivals.h"
#include "models/traffic/workload.h"
#include "sim/time.h"

namespace models {

struct TrafficEstimate {
  // Mean arrivals over [0, horizon); infinity when the rate overflows.
  double arrivals = 0;
  // The highest rate per second the curve reaches (an upper bound where it is
  // smooth), and when; infinity or NaN when the rate overflows.
  double peak_per_second = 0;
  sim::Duration peak_at;
  // When not finite(): the end of the step at which the figures overflowed.
  sim::Duration overflow_by;

  bool finite() const;
};

// `local_offset`: the local time since Monday 00:00 at t = 0, for daily curves.
TrafficEstimate estimate_arrivals(const ArrivalConfig& arrivals, sim::Duration local_offset,
                                  sim::Duration horizon);

// Requests and sessions together, per replication of one strategy.
TrafficEstimate estimate_workload(const WorkloadConfig& workload, sim::Duration horizon);

}  // namespace models

#endif  // SCALESIM_MODELS_TRAFFIC_EXPECTED_ARRIVALS_H_
