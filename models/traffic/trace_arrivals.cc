#include "models/traffic/trace_arrivals.h"

#include <cmath>

namespace models {

namespace {

// floor(x) or floor(x) + 1, with mean x.
uint64_t stochastic_round(double x, sim::RandomStream& rng) {
  const double whole = std::floor(x);
  return static_cast<uint64_t>(whole) + (rng.uniform_open01() < x - whole ? 1 : 0);
}

// Places `n` instants uniformly at random in [from, to), handing them out in
// order: the next is the minimum of the rest, from - (to - from)(1 - U^(1/n)).
class SortedUniforms {
 public:
  void start(double from, double to, uint64_t n) {
    at_ = from;
    end_ = to;
    left_ = n;
  }
  bool empty() const { return left_ == 0; }
  double next(sim::RandomStream& rng) {
    at_ += (end_ - at_) * (1 - std::pow(rng.uniform_open01(), 1.0 / static_cast<double>(left_)));
    --left_;
    return at_;
  }

 private:
  double at_ = 0;
  double end_ = 0;
  uint64_t left_ = 0;
};

sim::Time at_micros(double us) {
  return sim::Time::micros(sim::round_to_int(us));
}

// Per-request instants: exact at scale 1, else thinned or copied.
class InstantReplay final : public ArrivalProcess {
 public:
  InstantReplay(const TraceReplay& replay, sim::RandomStream rng) : replay_(replay), rng_(rng) {}

  sim::Time next() override {
    const auto& requests = replay_.data->requests;
    if (replay_.scale == 1)
      return index_ < requests.size() ? requests[index_++] : sim::Time::never();
    while (copies_.empty()) {
      if (index_ >= requests.size()) return sim::Time::never();
      const sim::Time at = requests[index_++];
      const uint64_t copies = stochastic_round(replay_.scale, rng_);
      if (copies == 0) continue;
      const sim::Time until = index_ < requests.size() ? requests[index_] : at;
      copies_.start(static_cast<double>(at.us()), static_cast<double>(until.us()), copies - 1);
      return at;
    }
    return at_micros(copies_.next(rng_));
  }

 private:
  TraceReplay replay_;
  sim::RandomStream rng_;
  size_t index_ = 0;
  SortedUniforms copies_;
};

// Per-interval counts, each interval's requests placed uniformly within it.
class UniformCounts final : public ArrivalProcess {
 public:
  UniformCounts(const TraceReplay& replay, sim::RandomStream rng) : replay_(replay), rng_(rng) {}

  sim::Time next() override {
    const TraceData& data = *replay_.data;
    while (spread_.empty()) {
      if (index_ >= data.counts.size()) return sim::Time::never();
      const double from =
          static_cast<double>((data.first + data.period * static_cast<int64_t>(index_)).us());
      const uint64_t n = stochastic_round(data.counts[index_] * replay_.scale, rng_);
      spread_.start(from, from + static_cast<double>(data.period.us()), n);
      ++index_;
    }
    return at_micros(spread_.next(rng_));
  }

 private:
  TraceReplay replay_;
  sim::RandomStream rng_;
  size_t index_ = 0;
  SortedUniforms spread_;
};

// Poisson within each interval is Poisson over a steps curve: exact inversion.
std::unique_ptr<ArrivalProcess> poisson_counts(const TraceReplay& replay, sim::RandomStream rng) {
  const TraceData& data = *replay.data;
  StepsCurve steps;
  if (data.first > sim::Time::zero()) steps.segments.push_back({data.first - sim::Time::zero(), 0});
  const double per_second = replay.scale / data.period.seconds();
  for (double count : data.counts) steps.segments.push_back({data.period, count * per_second});
  ArrivalConfig config;
  config.rate = std::make_shared<const CurveSpec>(CurveSpec{std::move(steps)});
  return make_arrival_process(config, sim::Duration(), rng);
}

}  // namespace

std::unique_ptr<ArrivalProcess> make_trace_arrivals(const TraceReplay& replay,
                                                    sim::RandomStream rng) {
  if (!replay.data->per_interval) return std::make_unique<InstantReplay>(replay, rng);
  if (replay.uniform_spread) return std::make_unique<UniformCounts>(replay, rng);
  return poisson_counts(replay, rng);
}

}  // namespace models
