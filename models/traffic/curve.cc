#include "models/traffic/curve.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "models/overloaded.h"
#include "sim/check.h"

namespace models {

namespace {

constexpr double kHour = 3600;
constexpr double kDay = 86400;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

double seconds(sim::Duration d) {
  return d.seconds();
}

// The end of the period of length `period` (phase `offset`) that contains t.
double next_boundary(double t, double offset, double period) {
  return (std::floor((t + offset) / period) + 1) * period - offset;
}

class ConstantRate final : public Rate {
 public:
  explicit ConstantRate(double r) : r_(r) {}
  double at(double) const override { return r_; }
  double bound(double, double) const override { return r_; }
  std::optional<double> constant_until(double) const override { return kInfinity; }

 private:
  double r_;
};

class StepsRate final : public Rate {
 public:
  explicit StepsRate(const StepsCurve& c) : repeat_(c.repeat) {
    double start = 0;
    for (const RateSegment& s : c.segments) {
      ends_.push_back(start += seconds(s.duration));
      rates_.push_back(s.per_second);
      max_ = std::max(max_, s.per_second);
    }
    period_ = start;
  }
  double at(double t) const override {
    const auto [index, base] = locate(t);
    return index < rates_.size() ? rates_[index] : 0.0;
  }
  double bound(double, double) const override { return max_; }
  std::optional<double> constant_until(double t) const override {
    const auto [index, base] = locate(t);
    return index < ends_.size() ? base + ends_[index] : kInfinity;
  }

 private:
  // The segment containing t, and the start of the cycle it is in.
  std::pair<size_t, double> locate(double t) const {
    if (!repeat_ && t >= period_) return {ends_.size(), 0.0};
    const double cycle = repeat_ ? std::floor(t / period_) * period_ : 0.0;
    const double u = t - cycle;
    const size_t index = std::upper_bound(ends_.begin(), ends_.end(), u) - ends_.begin();
    return {std::min(index, ends_.size() - 1), cycle};
  }

  bool repeat_;
  std::vector<double> ends_;  // cumulative, within one cycle
  std::vector<double> rates_;
  double period_ = 0;
  double max_ = 0;
};

class HourlyRate final : public Rate {
 public:
  HourlyRate(const HourlyCurve& c, double offset) : rates_(c.per_second), offset_(offset) {}
  double at(double t) const override {
    const auto hour = static_cast<int64_t>(std::floor((t + offset_) / kHour)) % 24;
    return rates_[static_cast<size_t>(hour)];
  }
  double bound(double, double) const override {
    return *std::max_element(rates_.begin(), rates_.end());
  }
  std::optional<double> constant_until(double t) const override {
    return next_boundary(t, offset_, kHour);
  }

 private:
  std::array<double, 24> rates_;
  double offset_;
};

class SinusoidRate final : public Rate {
 public:
  SinusoidRate(const SinusoidCurve& c, double offset)
      : mean_(c.mean),
        amplitude_((c.peak_to_trough - 1) / (c.peak_to_trough + 1)),
        peak_(c.peak_hour * kHour),
        offset_(offset) {}
  double at(double t) const override {
    const double phase = 2 * std::numbers::pi * (t + offset_ - peak_) / kDay;
    return mean_ * (1 + amplitude_ * std::cos(phase));
  }
  double bound(double, double) const override { return mean_ * (1 + amplitude_); }
  std::optional<double> constant_until(double) const override {
    if (amplitude_ == 0) return kInfinity;
    return std::nullopt;
  }

 private:
  double mean_;
  double amplitude_;  // peak/trough = (1 + a) / (1 - a)
  double peak_;
  double offset_;
};

// The piece end common to two parts: the earlier one, if both are piecewise.
std::optional<double> earliest(std::optional<double> a, std::optional<double> b) {
  if (!a || !b) return std::nullopt;
  return std::min(*a, *b);
}

class WeeklyRate final : public Rate {
 public:
  WeeklyRate(const WeeklyCurve& c, std::unique_ptr<Rate> of, double offset)
      : factors_(c.factors), of_(std::move(of)), offset_(offset) {}
  double at(double t) const override { return factor(t) * of_->at(t); }
  double bound(double from, double to) const override {
    return *std::max_element(factors_.begin(), factors_.end()) * of_->bound(from, to);
  }
  std::optional<double> constant_until(double t) const override {
    return earliest(of_->constant_until(t), next_boundary(t, offset_, kDay));
  }

 private:
  double factor(double t) const {
    return factors_[static_cast<size_t>(static_cast<int64_t>(std::floor((t + offset_) / kDay)) %
                                        7)];
  }
  std::array<double, 7> factors_;
  std::unique_ptr<Rate> of_;
  double offset_;
};

class TrendRate final : public Rate {
 public:
  TrendRate(const TrendCurve& c, std::unique_ptr<Rate> of) : c_(c), of_(std::move(of)) {}
  double at(double t) const override { return growth(t) * of_->at(t); }
  double bound(double from, double to) const override {
    return std::max(growth(from), growth(to)) * of_->bound(from, to);
  }
  std::optional<double> constant_until(double t) const override {
    if (c_.per_day == 0) return of_->constant_until(t);
    return std::nullopt;
  }

 private:
  double growth(double t) const {
    const double days = t / kDay;
    return c_.exponential ? std::exp(c_.per_day * days) : std::max(0.0, 1 + c_.per_day * days);
  }
  TrendCurve c_;
  std::unique_ptr<Rate> of_;
};

class SpikeRate final : public Rate {
 public:
  SpikeRate(const SpikeCurve& c, std::unique_ptr<Rate> of, double offset)
      : c_(c),
        of_(std::move(of)),
        offset_(offset),
        rise_(seconds(c.rise)),
        decay_(seconds(c.decay)) {}
  double at(double t) const override {
    const double s = shape(t);
    const double base = of_->at(t);
    return c_.extra_per_second ? base + *c_.extra_per_second * s : base * (1 + (c_.peak - 1) * s);
  }
  // Within [from, to) the shape peaks at a peak instant if one falls inside, and
  // otherwise at an end: it only rises, only decays, or decays then restarts at 0.
  double bound(double from, double to) const override {
    const double base = of_->bound(from, to);
    const double s = contains_peak(from, to) ? 1.0 : std::max(shape(from), shape(to));
    return c_.extra_per_second ? base + *c_.extra_per_second * s
                               : base * std::max(1.0, 1 + (c_.peak - 1) * s);
  }
  std::optional<double> constant_until(double) const override { return std::nullopt; }

 private:
  // The start of the spike that is current at t: the latest at or before t, or the
  // only one (which may still be ahead).
  double start_before(double t) const {
    if (!c_.daily_at) return seconds(c_.start);
    const double local = t + offset_;
    double start = std::floor(local / kDay) * kDay + seconds(*c_.daily_at) - offset_;
    if (start > t) start -= kDay;
    return start;
  }
  bool contains_peak(double from, double to) const {
    const double peak = start_before(to) + rise_;
    if (peak >= from && peak < to) return true;
    return c_.daily_at && peak - kDay >= from && peak - kDay < to;
  }
  // 0 before the spike, rising linearly to 1, then e^-(time since peak / decay).
  double shape(double t) const {
    const double u = t - start_before(t);
    if (u < 0) return 0;
    if (u < rise_) return u / rise_;
    return decay_ > 0 ? std::exp(-(u - rise_) / decay_) : 0.0;
  }
  SpikeCurve c_;
  std::unique_ptr<Rate> of_;
  double offset_;
  double rise_;
  double decay_;
};

class WindowRate final : public Rate {
 public:
  WindowRate(const WindowCurve& c, std::unique_ptr<Rate> of)
      : start_(seconds(c.start)), end_(seconds(c.end)), factor_(c.factor), of_(std::move(of)) {}
  double at(double t) const override {
    return (t >= start_ && t < end_ ? factor_ : 1.0) * of_->at(t);
  }
  double bound(double from, double to) const override {
    const bool overlaps = from < end_ && to > start_;
    return (overlaps ? std::max(1.0, factor_) : 1.0) * of_->bound(from, to);
  }
  std::optional<double> constant_until(double t) const override {
    const double edge = t < start_ ? start_ : (t < end_ ? end_ : kInfinity);
    return earliest(of_->constant_until(t), edge);
  }

 private:
  double start_;
  double end_;
  double factor_;
  std::unique_ptr<Rate> of_;
};

class CombinedRate final : public Rate {
 public:
  CombinedRate(std::vector<std::unique_ptr<Rate>> parts, bool product)
      : parts_(std::move(parts)), product_(product) {}
  double at(double t) const override {
    double total = product_ ? 1 : 0;
    for (const auto& p : parts_) total = product_ ? total * p->at(t) : total + p->at(t);
    return total;
  }
  double bound(double from, double to) const override {
    double total = product_ ? 1 : 0;
    for (const auto& p : parts_)
      total = product_ ? total * p->bound(from, to) : total + p->bound(from, to);
    return total;
  }
  std::optional<double> constant_until(double t) const override {
    std::optional<double> end = kInfinity;
    for (const auto& p : parts_) end = earliest(end, p->constant_until(t));
    return end;
  }

 private:
  std::vector<std::unique_ptr<Rate>> parts_;
  bool product_;
};

class ClipRate final : public Rate {
 public:
  ClipRate(const ClipCurve& c, std::unique_ptr<Rate> of)
      : min_(c.min), max_(c.max), of_(std::move(of)) {}
  double at(double t) const override { return std::clamp(of_->at(t), min_, max_); }
  double bound(double from, double to) const override {
    return std::min(max_, std::max(min_, of_->bound(from, to)));
  }
  std::optional<double> constant_until(double t) const override { return of_->constant_until(t); }

 private:
  double min_;
  double max_;
  std::unique_ptr<Rate> of_;
};

}  // namespace

std::unique_ptr<Rate> make_rate(const Curve& curve, sim::Duration local_offset) {
  SCALESIM_CHECK(curve != nullptr, "a curve is missing a part");
  const double offset = local_offset.seconds();
  const auto make = [&](const Curve& part) { return make_rate(part, local_offset); };
  const auto make_all = [&](const std::vector<Curve>& parts) {
    std::vector<std::unique_ptr<Rate>> rates;
    for (const Curve& part : parts) rates.push_back(make(part));
    return rates;
  };
  return std::visit(Overloaded{[&](const ConstantCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<ConstantRate>(c.per_second);
                               },
                               [&](const StepsCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<StepsRate>(c);
                               },
                               [&](const HourlyCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<HourlyRate>(c, offset);
                               },
                               [&](const SinusoidCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<SinusoidRate>(c, offset);
                               },
                               [&](const WeeklyCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<WeeklyRate>(c, make(c.of), offset);
                               },
                               [&](const TrendCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<TrendRate>(c, make(c.of));
                               },
                               [&](const SpikeCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<SpikeRate>(c, make(c.of), offset);
                               },
                               [&](const WindowCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<WindowRate>(c, make(c.of));
                               },
                               [&](const SumCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<CombinedRate>(make_all(c.of), false);
                               },
                               [&](const ProductCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<CombinedRate>(make_all(c.of), true);
                               },
                               [&](const ClipCurve& c) -> std::unique_ptr<Rate> {
                                 return std::make_unique<ClipRate>(c, make(c.of));
                               }},
                    curve->node);
}

}  // namespace models
