// Rate curves: requests per second as a function of time, composed from parts.
//
// A curve is data (CurveSpec, built by the scenario loader) that make_rate()
// turns into a Rate the arrival processes evaluate. Daily and weekly parts read
// local time: the workload's clock says what local time and weekday t = 0 is.
#ifndef SCALESIM_MODELS_TRAFFIC_CURVE_H_
#define SCALESIM_MODELS_TRAFFIC_CURVE_H_

#include <array>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "sim/time.h"

namespace models {

struct CurveSpec;
using Curve = std::shared_ptr<const CurveSpec>;

struct RateSegment {
  sim::Duration duration;  // > 0
  double per_second = 0;   // >= 0
};

struct ConstantCurve {
  double per_second = 0;
};
// Piecewise constant over consecutive segments; after the last, repeat or zero.
struct StepsCurve {
  std::vector<RateSegment> segments;
  bool repeat = false;
};
// A daily profile: 24 hourly rates, constant within each local hour.
struct HourlyCurve {
  std::array<double, 24> per_second{};
};
// A smooth daily profile: mean rate, the local hour of the peak, and peak / trough.
struct SinusoidCurve {
  double mean = 0;
  double peak_hour = 12;
  double peak_to_trough = 1;
};
// Day-of-week factors (Monday first) times another curve.
struct WeeklyCurve {
  std::array<double, 7> factors{};
  Curve of;
};
// Growth: linear, rate x (1 + g t), or exponential, rate x e^(g t), with g per day.
struct TrendCurve {
  bool exponential = false;
  double per_day = 0;
  Curve of;
};
// A surge: ramps up linearly over `rise`, then decays exponentially with time
// constant `decay`, at `start` once or every day at local time `daily_at`. At its
// peak it multiplies the base by `peak`, or adds `extra_per_second` to it.
struct SpikeCurve {
  std::optional<sim::Duration> daily_at;  // time of day, local
  sim::Duration start;                    // when daily_at is not set
  sim::Duration rise;
  sim::Duration decay;
  double peak = 1;
  std::optional<double> extra_per_second;
  Curve of;
};
// A one-off event: times `factor` from `start` to `end`.
struct WindowCurve {
  sim::Duration start;
  sim::Duration end;
  double factor = 1;
  Curve of;
};
struct SumCurve {
  std::vector<Curve> of;
};
struct ProductCurve {
  std::vector<Curve> of;
};
struct ClipCurve {
  double min = 0;
  double max = 0;
  Curve of;
};

struct CurveSpec {
  std::variant<ConstantCurve, StepsCurve, HourlyCurve, SinusoidCurve, WeeklyCurve, TrendCurve,
               SpikeCurve, WindowCurve, SumCurve, ProductCurve, ClipCurve>
      node;
};

inline Curve constant_curve(double per_second) {
  return std::make_shared<const CurveSpec>(CurveSpec{ConstantCurve{per_second}});
}

// A curve ready to evaluate. Times are seconds since the start of the run.
class Rate {
 public:
  virtual ~Rate() = default;
  virtual double at(double t) const = 0;
  // An upper bound of the rate over [from, to), for thinning. May be loose.
  virtual double bound(double from, double to) const = 0;
  // When the rate is constant from t on: the end of that piece (possibly
  // infinity). Empty when the curve varies continuously around t.
  virtual std::optional<double> constant_until(double t) const = 0;
};

// `local_offset`: the local time since Monday 00:00 at t = 0.
std::unique_ptr<Rate> make_rate(const Curve& curve, sim::Duration local_offset);

}  // namespace models

#endif  // SCALESIM_MODELS_TRAFFIC_CURVE_H_
