#include "models/traffic/arrivals.h"

#include <cmath>

#include "sim/distribution.h"

namespace models {

namespace {

sim::Time rounded(double us) {
  return sim::Time::micros(sim::round_to_int(us));
}

class PoissonArrivals final : public ArrivalProcess {
 public:
  PoissonArrivals(double per_second, sim::RandomStream rng)
      : mean_gap_us_(per_second > 0 ? 1e6 / per_second : 0), rng_(rng) {}

  sim::Time next() override {
    if (mean_gap_us_ == 0) return sim::Time::never();
    now_us_ += sim::sample_exponential(rng_, mean_gap_us_);
    return rounded(now_us_);
  }

 private:
  double mean_gap_us_;
  sim::RandomStream rng_;
  double now_us_ = 0;
};

// Exact inversion of the integrated rate: draw a unit-rate exponential "mass" and
// spend it across segments at each segment's rate. No thinning, no rejected draws,
// and one draw per arrival whatever the shape of the schedule.
class ScheduleArrivals final : public ArrivalProcess {
 public:
  ScheduleArrivals(const ArrivalConfig& config, sim::RandomStream rng)
      : segments_(config.segments), repeat_(config.repeat), rng_(rng) {
    double mass = 0;
    for (const RateSegment& s : segments_) mass += s.per_second * s.duration.seconds();
    has_mass_ = mass > 0;
    if (!segments_.empty()) segment_end_us_ = static_cast<double>(segments_[0].duration.us());
  }

  sim::Time next() override {
    if (!has_mass_ || done_) return sim::Time::never();
    double mass = sim::sample_exponential(rng_, 1.0);
    for (;;) {
      const double rate_per_us = segments_[segment_].per_second * 1e-6;
      const double available = rate_per_us * (segment_end_us_ - now_us_);
      if (mass < available) {
        now_us_ += mass / rate_per_us;
        return rounded(now_us_);
      }
      mass -= available;
      if (!advance_segment()) return sim::Time::never();
    }
  }

 private:
  bool advance_segment() {
    now_us_ = segment_end_us_;
    if (++segment_ == segments_.size()) {
      if (!repeat_) {
        done_ = true;
        return false;
      }
      segment_ = 0;
    }
    segment_end_us_ = now_us_ + static_cast<double>(segments_[segment_].duration.us());
    return true;
  }

  std::vector<RateSegment> segments_;
  bool repeat_;
  sim::RandomStream rng_;
  bool has_mass_ = false;
  bool done_ = false;
  size_t segment_ = 0;
  double now_us_ = 0;
  double segment_end_us_ = 0;
};

}  // namespace

std::unique_ptr<ArrivalProcess> make_arrival_process(const ArrivalConfig& config,
                                                     sim::RandomStream rng) {
  if (config.kind == ArrivalConfig::Kind::kSchedule) {
    return std::make_unique<ScheduleArrivals>(config, rng);
  }
  return std::make_unique<PoissonArrivals>(config.rate_per_second, rng);
}

}  // namespace models
