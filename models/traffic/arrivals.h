// Arrival processes: when requests arrive.
//
// Each process turns one random stream into an increasing sequence of arrival
// instants, one at a time, so a long horizon costs no memory. Times are kept in
// double seconds internally and rounded to microseconds when handed out, so
// rounding never accumulates.
#ifndef SCALESIM_MODELS_TRAFFIC_ARRIVALS_H_
#define SCALESIM_MODELS_TRAFFIC_ARRIVALS_H_

#include <cstdint>
#include <memory>

#include "models/traffic/curve.h"
#include "sim/random.h"
#include "sim/time.h"

namespace models {

struct TraceReplay;

struct ArrivalConfig {
  enum class Kind {
    // Non-homogeneous Poisson over `rate`: exact inversion of the integrated rate
    // where the curve is piecewise constant, thinning where it varies smoothly.
    kPoisson,
    // Poisson over `rate` times a factor drawn afresh every `window` from a gamma
    // distribution of mean 1 and coefficient of variation `rate_cv`: counts per
    // window then vary more than Poisson, Var = mean + (rate_cv x mean)^2.
    kOverdispersed,
    // `burst` arrivals at once every `every`, the first at `offset` (a cron-like
    // schedule: keep-warm pings, health checks).
    kPeriodic,
    // A recorded trace, replayed (models/traffic/trace_arrivals.h).
    kTrace,
  };
  Kind kind = Kind::kPoisson;
  Curve rate = constant_curve(0);
  double rate_cv = 0;
  sim::Duration window = sim::Duration::minutes(1);
  sim::Duration every = sim::Duration::minutes(1);
  sim::Duration offset;
  uint32_t burst = 1;
  std::shared_ptr<const TraceReplay> trace;  // kTrace
};

class ArrivalProcess {
 public:
  virtual ~ArrivalProcess() = default;
  // The next arrival instant; Time::never() when arrivals have ended.
  virtual sim::Time next() = 0;
};

// `local_offset`: the local time since Monday 00:00 at t = 0, for daily curves.
std::unique_ptr<ArrivalProcess> make_arrival_process(const ArrivalConfig& config,
                                                     sim::Duration local_offset,
                                                     sim::RandomStream rng);

}  // namespace models

#endif  // SCALESIM_MODELS_TRAFFIC_ARRIVALS_H_
