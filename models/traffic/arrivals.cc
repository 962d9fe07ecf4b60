#include "models/traffic/arrivals.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "models/traffic/trace_arrivals.h"
#include "sim/distribution.h"

namespace models {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// Beyond this many seconds no run goes (the loader caps horizons at 180 days).
constexpr double kNever = 1e12;
// Thinning works block by block, each with its own bound on the rate.
constexpr double kThinningBlock = 60;

sim::Time rounded(double seconds) {
  return seconds >= kNever ? sim::Time::never()
                           : sim::Time::micros(sim::round_to_int(seconds * 1e6));
}

// Poisson arrivals over a rate curve, optionally modulated per window by a gamma
// factor. On a stretch where the rate is constant the next arrival comes from
// spending a unit exponential "mass" at that rate (one draw per arrival); where
// it varies smoothly, candidates at the stretch's bound are kept with probability
// rate / bound (Lewis and Shedler's thinning).
class CurveArrivals final : public ArrivalProcess {
 public:
  CurveArrivals(const ArrivalConfig& config, sim::Duration local_offset, sim::RandomStream rng)
      : rate_(make_rate(config.rate, local_offset)),
        rng_(rng),
        modulated_(config.kind == ArrivalConfig::Kind::kOverdispersed && config.rate_cv > 0),
        shape_(modulated_ ? 1 / (config.rate_cv * config.rate_cv) : 1),
        window_(config.window.seconds()) {}

  // The common case first: inside a stretch of constant rate, one draw that the
  // stretch has room for. The same arithmetic as the loop in next_from(), so the
  // times do not depend on which path made them.
  sim::Time next() override {
    double mass = -1;  // left of the current exponential draw; -1: none
    if (t_ < draw_until_) [[likely]] {
      mass = sim::sample_exponential(rng_, 1.0);
      const double available = piece_rate_ * (piece_end_ - t_);
      if (mass < available) [[likely]] {
        t_ += mass / piece_rate_;
        return rounded(t_);
      }
      mass -= available;
      t_ = piece_end_;
    }
    return next_from(mass);
  }

 private:
  // Out of line, so that the common case above needs no stack frame.
  [[gnu::noinline]] sim::Time next_from(double mass) {
    for (;;) {
      if (t_ >= piece_end_) enter_piece();
      if (t_ >= kNever) return sim::Time::never();
      if (smooth_) {
        mass = -1;  // by memorylessness, what was left of it does not matter
        if (thin()) return rounded(t_);
        continue;
      }
      if (mass < 0) mass = sim::sample_exponential(rng_, 1.0);
      const double available = piece_rate_ * (piece_end_ - t_);
      if (mass < available) {
        t_ += mass / piece_rate_;
        return rounded(t_);
      }
      mass -= available;
      t_ = piece_end_;
    }
  }

  // Looks up the stretch that starts at t_: its end, and its rate or bound.
  void enter_piece() {
    if (modulated_ && t_ >= window_end_) {
      factor_ = sim::sample_gamma(rng_, shape_, 1 / shape_);
      window_end_ = (std::floor(t_ / window_) + 1) * window_;
    }
    const std::optional<double> constant = rate_->constant_until(t_);
    smooth_ = !constant.has_value();
    // Where the rate is zero the factor does not matter: skip whole windows.
    const bool idle = !smooth_ && rate_->at(t_) == 0;
    piece_end_ = std::min({smooth_ ? t_ + kThinningBlock : *constant,
                           modulated_ && !idle ? window_end_ : kInfinity, kNever});
    if (piece_end_ <= t_) piece_end_ = std::nextafter(t_, kInfinity);
    if (smooth_) {
      bound_ = rate_->bound(t_, piece_end_) * factor_;
    } else {
      piece_rate_ = rate_->at(t_) * factor_;
    }
    draw_until_ = smooth_ ? -kInfinity : std::min(piece_end_, kNever);
  }

  // One thinning step: true when t_ is now an accepted arrival.
  bool thin() {
    if (bound_ <= 0) {
      t_ = piece_end_;
      return false;
    }
    const double candidate = t_ + sim::sample_exponential(rng_, 1 / bound_);
    if (candidate >= piece_end_) {
      t_ = piece_end_;
      return false;
    }
    t_ = candidate;
    return rng_.uniform_open01() * bound_ < rate_->at(t_) * factor_;
  }

  std::unique_ptr<Rate> rate_;
  sim::RandomStream rng_;
  bool modulated_;
  double shape_;
  double window_;
  double window_end_ = 0;
  double factor_ = 1;
  double t_ = 0;  // seconds
  double piece_end_ = 0;
  double piece_rate_ = 0;
  double bound_ = 0;
  bool smooth_ = false;
  // Below this, t_ is inside a stretch of constant rate before kNever: where
  // next() may draw at once. -infinity in a smooth stretch.
  double draw_until_ = -kInfinity;
};

// Poisson arrivals at one rate forever, the common case: CurveArrivals' own
// arithmetic on its one endless stretch (the same draws, the same times), without
// the checks for the stretch's end. REQUIRES: rate > 0.
class ConstantArrivals final : public ArrivalProcess {
 public:
  ConstantArrivals(double rate, sim::RandomStream rng) : rate_(rate), rng_(rng) {}
  sim::Time next() override {
    t_ += sim::sample_exponential(rng_, 1.0) / rate_;
    return rounded(t_);
  }

 private:
  double rate_;
  sim::RandomStream rng_;
  double t_ = 0;  // seconds
};

class PeriodicArrivals final : public ArrivalProcess {
 public:
  explicit PeriodicArrivals(const ArrivalConfig& config)
      : every_(config.every), next_(sim::Time::zero() + config.offset), burst_(config.burst) {}
  sim::Time next() override {
    if (sent_ == burst_) {
      next_ += every_;
      sent_ = 0;
    }
    ++sent_;
    return next_;
  }

 private:
  sim::Duration every_;
  sim::Time next_;
  uint32_t burst_;
  uint32_t sent_ = 0;
};

}  // namespace

std::unique_ptr<ArrivalProcess> make_arrival_process(const ArrivalConfig& config,
                                                     sim::Duration local_offset,
                                                     sim::RandomStream rng) {
  if (config.kind == ArrivalConfig::Kind::kPeriodic)
    return std::make_unique<PeriodicArrivals>(config);
  if (config.kind == ArrivalConfig::Kind::kTrace) return make_trace_arrivals(*config.trace, rng);
  const bool modulated = config.kind == ArrivalConfig::Kind::kOverdispersed && config.rate_cv > 0;
  if (!modulated) {
    const std::unique_ptr<Rate> rate = make_rate(config.rate, local_offset);
    const std::optional<double> constant = rate->constant_until(0);
    const double per_second = rate->at(0);
    if (constant && std::isinf(*constant) && per_second > 0) {
      return std::make_unique<ConstantArrivals>(per_second, rng);
    }
  }
  return std::make_unique<CurveArrivals>(config, local_offset, rng);
}

}  // namespace models
