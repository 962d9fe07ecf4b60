#include "sim/distribution.h"

#include "sim/ziggurat.h"

#include <cmath>
#include <sstream>

namespace sim {

double sample_exponential(RandomStream& rng, double mean) {
  return ziggurat_exponential(rng) * mean;
}

double sample_standard_normal(RandomStream& rng) {
  return ziggurat_normal(rng);
}

double sample_gamma(RandomStream& rng, double shape, double scale) {
  if (shape < 1.0) {
    // Gamma(a) = Gamma(a + 1) * U^(1/a): keeps the fast method valid for small shapes.
    const double boost = std::pow(rng.uniform_open01(), 1.0 / shape);
    return sample_gamma(rng, shape + 1.0, scale) * boost;
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = sample_standard_normal(rng);
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = rng.uniform_open01();
    if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v * scale;
  }
}

Distribution Distribution::lognormal_with_mean(double mean, double cv) {
  const double sigma2 = std::log1p(cv * cv);
  return lognormal(std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2));
}

Distribution Distribution::gamma_with_mean(double mean, double cv) {
  const double shape = 1.0 / (cv * cv);
  return gamma(shape, mean / shape);
}

double Distribution::sample(RandomStream& rng) const {
  switch (kind_) {
    case Kind::kConstant:
      return a_;
    case Kind::kUniform:
      return a_ + (b_ - a_) * rng.uniform_open01();
    case Kind::kExponential:
      return sample_exponential(rng, a_);
    case Kind::kNormal:
      return a_ + b_ * sample_standard_normal(rng);
    case Kind::kLognormal:
      return std::exp(a_ + b_ * sample_standard_normal(rng));
    case Kind::kGamma:
      return sample_gamma(rng, a_, b_);
  }
  return a_;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::kConstant:
    case Kind::kExponential:
    case Kind::kNormal:
      return a_;
    case Kind::kUniform:
      return 0.5 * (a_ + b_);
    case Kind::kLognormal:
      return std::exp(a_ + 0.5 * b_ * b_);
    case Kind::kGamma:
      return a_ * b_;
  }
  return a_;
}

std::string Distribution::describe() const {
  std::ostringstream out;
  switch (kind_) {
    case Kind::kConstant:
      out << "constant(" << a_ << ")";
      break;
    case Kind::kUniform:
      out << "uniform(" << a_ << ", " << b_ << ")";
      break;
    case Kind::kExponential:
      out << "exponential(mean=" << a_ << ")";
      break;
    case Kind::kNormal:
      out << "normal(mean=" << a_ << ", stddev=" << b_ << ")";
      break;
    case Kind::kLognormal:
      out << "lognormal(mu=" << a_ << ", sigma=" << b_ << ")";
      break;
    case Kind::kGamma:
      out << "gamma(shape=" << a_ << ", scale=" << b_ << ")";
      break;
  }
  return out.str();
}

Duration DurationDistribution::sample(RandomStream& rng) const {
  const double us = micros_.sample(rng);
  // Heavy tails (a lognormal with a wide p99) can draw centuries; anything past
  // Duration::max() is "never" to a run, and converting it would overflow.
  if (!(us < static_cast<double>(Duration::max().us()))) return Duration::max();
  return Duration::micros(us > 0.0 ? round_to_int(us) : 0);
}

}  // namespace sim
