// Arrival processes: when requests arrive.
//
// Each process turns one random stream into an increasing sequence of arrival
// instants, one at a time, so a long horizon costs no memory. Times are kept in
// double microseconds internally and rounded when handed out, so rounding never
// accumulates.
#ifndef SCALESIM_MODELS_TRAFFIC_ARRIVALS_H_
#define SCALESIM_MODELS_TRAFFIC_ARRIVALS_H_

#include <memory>
#include <vector>

#include "sim/random.h"
#include "sim/time.h"

namespace models {

struct RateSegment {
  sim::Duration duration;  // > 0
  double per_second = 0;   // >= 0
};

struct ArrivalConfig {
  enum class Kind {
    kPoisson,   // homogeneous Poisson at rate_per_second
    kSchedule,  // non-homogeneous Poisson, piecewise-constant rate over segments
  };
  Kind kind = Kind::kPoisson;
  double rate_per_second = 0;
  std::vector<RateSegment> segments;
  // After the last segment: start over from the first (true) or stop arriving.
  bool repeat = false;
};

class ArrivalProcess {
 public:
  virtual ~ArrivalProcess() = default;
  // The next arrival instant; Time::never() when arrivals have ended.
  virtual sim::Time next() = 0;
};

std::unique_ptr<ArrivalProcess> make_arrival_process(const ArrivalConfig& config,
                                                     sim::RandomStream rng);

}  // namespace models

#endif  // SCALESIM_MODELS_TRAFFIC_ARRIVALS_H_
