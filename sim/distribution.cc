#include "sim/distribution.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/check.h"

namespace sim {

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

namespace {

// The quantile function at u, linear between the points around it.
double empirical_quantile(const Distribution::Quantiles& points, double u) {
  const auto above = std::upper_bound(points.begin() + 1, points.end() - 1, u,
                                      [](double x, const auto& point) { return x < point.first; });
  const auto& [p1, v1] = *above;
  const auto& [p0, v0] = *(above - 1);
  return p1 > p0 ? v0 + (v1 - v0) * (u - p0) / (p1 - p0) : v1;
}

}  // namespace

Distribution Distribution::empirical(Quantiles points) {
  SCALESIM_CHECK(points.size() >= 2 && points.front().first == 0 && points.back().first == 1,
                 "empirical distribution needs points from probability 0 to 1");
  double mean = 0;  // each piece is uniform: its share times its midpoint
  for (size_t i = 1; i < points.size(); ++i) {
    SCALESIM_CHECK(
        points[i].first >= points[i - 1].first && points[i].second >= points[i - 1].second,
        "empirical points must not decrease");
    mean +=
        (points[i].first - points[i - 1].first) * 0.5 * (points[i].second + points[i - 1].second);
  }
  Distribution d(Kind::kEmpirical, mean, 0);
  d.quantiles_ = std::make_shared<const Quantiles>(std::move(points));
  return d;
}

double Distribution::sample_other(RandomStream& rng) const {
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
    case Kind::kEmpirical:
      return empirical_quantile(*quantiles_, rng.uniform_open01());
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
    case Kind::kEmpirical:
      return a_;  // computed once, in empirical()
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
    case Kind::kEmpirical:
      out << "empirical(" << quantiles_->size() << " points, mean=" << a_ << ")";
      break;
  }
  return out.str();
}

}  // namespace sim
