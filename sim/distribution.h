// Probability distributions and their samplers, written here rather than taken from
// <random>: std:: distributions differ between standard libraries, and a scenario
// must give the same numbers everywhere. tests/sim/distribution_test.cc pins values.
#ifndef SCALESIM_SIM_DISTRIBUTION_H_
#define SCALESIM_SIM_DISTRIBUTION_H_

#include <cmath>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sim/random.h"
#include "sim/time.h"
#include "sim/ziggurat.h"

namespace sim {

// Exponential and normal draws use the ziggurat method (ziggurat.h).
inline double sample_exponential(RandomStream& rng, double mean) {
  return ziggurat_exponential(rng) * mean;
}
inline double sample_standard_normal(RandomStream& rng) {
  return ziggurat_normal(rng);
}
// Marsaglia and Tsang (2000), with the shape < 1 boost U^(1/shape).
double sample_gamma(RandomStream& rng, double shape, double scale);

// A distribution over real numbers. Value type; cheap to copy.
class Distribution {
 public:
  enum class Kind { kConstant, kUniform, kExponential, kNormal, kLognormal, kGamma, kEmpirical };
  // (cumulative probability, value) points of an empirical distribution.
  using Quantiles = std::vector<std::pair<double, double>>;

  static Distribution constant(double value) { return {Kind::kConstant, value, 0}; }
  // REQUIRES: low <= high.
  static Distribution uniform(double low, double high) { return {Kind::kUniform, low, high}; }
  // REQUIRES: mean > 0.
  static Distribution exponential(double mean) { return {Kind::kExponential, mean, 0}; }
  // REQUIRES: stddev >= 0.
  static Distribution normal(double mean, double stddev) { return {Kind::kNormal, mean, stddev}; }
  // exp(N(mu, sigma^2)). REQUIRES: sigma >= 0.
  static Distribution lognormal(double mu, double sigma) { return {Kind::kLognormal, mu, sigma}; }
  // The lognormal with this mean and coefficient of variation. REQUIRES: mean > 0, cv >= 0.
  static Distribution lognormal_with_mean(double mean, double cv);
  // REQUIRES: shape > 0, scale > 0.
  static Distribution gamma(double shape, double scale) { return {Kind::kGamma, shape, scale}; }
  // REQUIRES: mean > 0, cv > 0.
  static Distribution gamma_with_mean(double mean, double cv);
  // The distribution whose quantile function joins the points with straight lines
  // (uniform between neighbouring percentiles), as a measured "p50 120ms, p99
  // 2s" table reads. REQUIRES: at least two points, probabilities rising from 0
  // to 1, values not decreasing.
  static Distribution empirical(Quantiles points);

  // Inline for the kinds service times use most; the others are out of line.
  double sample(RandomStream& rng) const {
    if (kind_ == Kind::kLognormal) return std::exp(a_ + b_ * sample_standard_normal(rng));
    if (kind_ == Kind::kExponential) return sample_exponential(rng, a_);
    // Inline too, after the others so that they pay nothing for it: a constant
    // (Lambda's idle lifetime, drawn as each invocation ends) needs no call.
    if (kind_ == Kind::kConstant) return a_;
    return sample_other(rng);
  }
  double mean() const;
  Kind kind() const { return kind_; }
  // For messages: "lognormal(mu=-2.6, sigma=0.83)".
  std::string describe() const;

 private:
  Distribution(Kind kind, double a, double b) : kind_(kind), a_(a), b_(b) {}
  double sample_other(RandomStream& rng) const;
  Kind kind_;
  double a_;
  double b_;
  std::shared_ptr<const Quantiles> quantiles_;  // kEmpirical; shared, so copies stay cheap
};

// A distribution of durations: values are microseconds, samples are rounded to the
// nearest microsecond, never negative (a normal may dip below zero) and at most
// Duration::max().
class DurationDistribution {
 public:
  DurationDistribution() : micros_(Distribution::constant(0)) {}
  explicit DurationDistribution(Distribution micros) : micros_(micros) {}
  static DurationDistribution constant(Duration d) {
    return DurationDistribution(Distribution::constant(static_cast<double>(d.us())));
  }

  Duration sample(RandomStream& rng) const {
    const double us = micros_.sample(rng);
    // Heavy tails (a lognormal with a wide p99) can draw centuries; anything past
    // Duration::max() is "never" to a run, and converting it would overflow.
    if (!(us < static_cast<double>(Duration::max().us()))) return Duration::max();
    return Duration::micros(us > 0.0 ? round_to_int(us) : 0);
  }
  double mean_seconds() const { return micros_.mean() * 1e-6; }
  const Distribution& micros() const { return micros_; }

 private:
  Distribution micros_;
};

}  // namespace sim

#endif  // SCALESIM_SIM_DISTRIBUTION_H_
