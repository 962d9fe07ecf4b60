#include "models/traffic/seasonal_fit.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>
#include <stdexcept>
#include <string>

namespace models {

namespace {

constexpr double kHour = 3600;
constexpr double kDay = 86400;
constexpr double kWeek = 7 * kDay;
constexpr double kTwoPi = 2 * std::numbers::pi;
constexpr int kMaxIterations = 50;
constexpr int kMaxHalvings = 30;
// Coefficients are log rates, so an absolute step this small changes no rate visibly.
constexpr double kStepTolerance = 1e-9;

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Which terms the design has: columns are 1, days, then (cos, sin) per daily
// harmonic, then (cos, sin) per weekly harmonic.
struct Layout {
  size_t n = 0;
  int daily = 0;
  int weekly = 0;
  size_t p() const { return 2 + 2 * static_cast<size_t>(daily + weekly); }
};

std::string num(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

void fail(const std::string& message) {
  throw std::invalid_argument("seasonal fit: " + message);
}

void validate_series(const CountSeries& s) {
  if (!std::isfinite(s.period_s) || s.period_s <= 0) {
    fail("period_s must be positive, got " + num(s.period_s));
  }
  const double per_day = kDay / s.period_s;
  if (std::abs(per_day - std::round(per_day)) > 1e-9 * per_day) {
    fail("period_s " + num(s.period_s) + " does not divide a day (86400 s)");
  }
  if (!std::isfinite(s.start_local_s) || s.start_local_s < 0 || s.start_local_s >= kWeek) {
    fail("start_local_s must be in [0, 604800), got " + num(s.start_local_s));
  }
  if (static_cast<double>(s.counts.size()) < std::round(per_day)) {
    fail(std::to_string(s.counts.size()) + " intervals of " + num(s.period_s) +
         " s cover less than a day");
  }
  for (size_t i = 0; i < s.counts.size(); ++i) {
    if (!std::isfinite(s.counts[i]) || s.counts[i] < 0) {
      fail("count " + num(s.counts[i]) + " of interval " + std::to_string(i) +
           " is negative or not finite");
    }
  }
  if (std::all_of(s.counts.begin(), s.counts.end(), [](double c) { return c == 0; })) {
    fail("all counts are zero");
  }
}

Layout make_layout(const CountSeries& s, const SeasonalFitOptions& o) {
  const auto per_day = static_cast<int>(std::round(kDay / s.period_s));
  if (o.daily_harmonics < 0 || 2 * o.daily_harmonics >= per_day) {
    fail("daily_harmonics must be in [0, " + std::to_string((per_day - 1) / 2) + "] for " +
         num(s.period_s) + " s intervals, got " + std::to_string(o.daily_harmonics));
  }
  // Weekly harmonic 7 is daily harmonic 1.
  if (o.weekly_harmonics < 0 || o.weekly_harmonics > 6) {
    fail("weekly_harmonics must be in [0, 6], got " + std::to_string(o.weekly_harmonics));
  }
  const double covered = static_cast<double>(s.counts.size()) * s.period_s;
  Layout layout{s.counts.size(), o.daily_harmonics, covered >= 14 * kDay ? o.weekly_harmonics : 0};
  if (layout.p() >= layout.n) {
    fail(std::to_string(layout.n) + " intervals are too few for " + std::to_string(layout.p()) +
         " parameters");
  }
  return layout;
}

// Local time since Monday 00:00 and days since the start, at interval i's midpoint.
double midpoint_local(const CountSeries& s, size_t i) {
  return std::fmod(s.start_local_s + (static_cast<double>(i) + 0.5) * s.period_s, kWeek);
}
double midpoint_days(const CountSeries& s, size_t i) {
  return (static_cast<double>(i) + 0.5) * s.period_s / kDay;
}

// Writes (cos, sin)(2 pi k x) for k = 1..harmonics; x is a fraction of the cycle.
void fill_harmonics(double x, int harmonics, double* out) {
  for (int k = 1; k <= harmonics; ++k) {
    *out++ = std::cos(kTwoPi * k * x);
    *out++ = std::sin(kTwoPi * k * x);
  }
}

MatrixXd design(const CountSeries& s, const Layout& layout) {
  // Row-major so each interval's row is contiguous for fill_harmonics.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> x(layout.n, layout.p());
  for (size_t i = 0; i < layout.n; ++i) {
    const double local = midpoint_local(s, i);
    double* row = x.row(static_cast<Eigen::Index>(i)).data();
    row[0] = 1;
    row[1] = midpoint_days(s, i);
    fill_harmonics(std::fmod(local, kDay) / kDay, layout.daily, row + 2);
    fill_harmonics(local / kWeek, layout.weekly, row + 2 + 2 * layout.daily);
  }
  return x;
}

// Poisson deviance; infinite when a trial step overflows the rates.
double deviance(const VectorXd& y, const VectorXd& mu) {
  double d = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    d += (y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) : 0.0) - (y[i] - mu[i]);
  }
  return std::isfinite(d) ? 2 * d : std::numeric_limits<double>::infinity();
}

VectorXd rates(const MatrixXd& x, const VectorXd& beta, double offset) {
  return ((x * beta).array() + offset).exp().matrix();
}

// The weighted least-squares step of IRLS for the log link: weights mu, working
// response eta + (y - mu) / mu (without the offset).
VectorXd irls_step(const MatrixXd& x, const VectorXd& y, const VectorXd& beta, const VectorXd& mu) {
  const VectorXd z = x * beta + ((y - mu).array() / mu.array()).matrix();
  const MatrixXd xtw = x.transpose() * mu.asDiagonal();
  return (xtw * x).ldlt().solve(xtw * z);
}

struct Solution {
  VectorXd beta;
  int iterations = 0;
  bool converged = false;
};

// IRLS from ordinary least squares on log(y + 0.5). A step that raises the
// deviance is halved: far from the optimum a full Newton step can overshoot.
Solution fit_poisson(const MatrixXd& x, const VectorXd& y, double offset) {
  const VectorXd log_y = ((y.array() + 0.5).log() - offset).matrix();
  Solution s{(x.transpose() * x).ldlt().solve(x.transpose() * log_y)};
  VectorXd mu = rates(x, s.beta, offset);
  double dev = deviance(y, mu);
  while (s.iterations < kMaxIterations && !s.converged) {
    ++s.iterations;
    VectorXd next = irls_step(x, y, s.beta, mu);
    VectorXd next_mu = rates(x, next, offset);
    double next_dev = deviance(y, next_mu);
    for (int h = 0; h < kMaxHalvings && !(next_dev <= dev * (1 + 1e-12)); ++h) {
      next = (next + s.beta) / 2;
      next_mu = rates(x, next, offset);
      next_dev = deviance(y, next_mu);
    }
    s.converged = (next - s.beta).lpNorm<Eigen::Infinity>() < kStepTolerance;
    s.beta = std::move(next);
    mu = std::move(next_mu);
    dev = next_dev;
  }
  return s;
}

std::vector<Harmonic> harmonics_of(const VectorXd& beta, Eigen::Index first, int count) {
  std::vector<Harmonic> out;
  for (int k = 0; k < count; ++k) out.push_back({beta[first + 2 * k], beta[first + 2 * k + 1]});
  return out;
}

// exp of a Fourier series at x, a fraction of its cycle.
double exp_series(const std::vector<Harmonic>& terms, double x) {
  double sum = 0;
  for (size_t k = 1; k <= terms.size(); ++k) {
    sum += terms[k - 1].cosine * std::cos(kTwoPi * static_cast<double>(k) * x) +
           terms[k - 1].sine * std::sin(kTwoPi * static_cast<double>(k) * x);
  }
  return std::exp(sum);
}

// The mean of exp(series) over each of `bins` equal parts of the cycle, by the
// midpoint rule; 120 points per part keep its error far below 1e-4 of the value.
template <size_t kBins>
std::array<double, kBins> bin_means(const std::vector<Harmonic>& terms) {
  constexpr int kPoints = 120;
  std::array<double, kBins> out{};
  for (size_t b = 0; b < kBins; ++b) {
    for (int j = 0; j < kPoints; ++j) {
      out[b] += exp_series(terms, (static_cast<double>(b) + (j + 0.5) / kPoints) / kBins);
    }
    out[b] /= kPoints;
  }
  return out;
}

void set_pasteable(SeasonalFit& fit) {
  const std::array<double, 7> days = bin_means<7>(fit.weekly);
  double level = 0;
  for (double d : days) level += d / 7;
  if (fit.weekly_fitted) {
    fit.weekly_factors.emplace();
    for (size_t d = 0; d < 7; ++d) (*fit.weekly_factors)[d] = days[d] / level;
  }
  const std::array<double, 24> hours = bin_means<24>(fit.daily);
  for (size_t h = 0; h < 24; ++h)
    fit.hourly_per_second[h] = std::exp(fit.intercept) * hours[h] * level;
}

// The pasteable curve's expected count of each interval.
VectorXd pasted_counts(const SeasonalFit& fit, const CountSeries& s) {
  VectorXd mu(static_cast<Eigen::Index>(s.counts.size()));
  for (size_t i = 0; i < s.counts.size(); ++i) {
    const double local = midpoint_local(s, i);
    const auto hour = std::min<size_t>(23, static_cast<size_t>(std::fmod(local, kDay) / kHour));
    const auto day = std::min<size_t>(6, static_cast<size_t>(local / kDay));
    const double weekly = fit.weekly_factors ? (*fit.weekly_factors)[day] : 1.0;
    mu[static_cast<Eigen::Index>(i)] = fit.hourly_per_second[hour] * weekly *
                                       std::exp(fit.trend_per_day * midpoint_days(s, i)) *
                                       s.period_s;
  }
  return mu;
}

FitQuality quality(const VectorXd& y, const VectorXd& mu) {
  const double total = (y.array() - y.mean()).square().sum();
  const double residual = (y - mu).squaredNorm();
  double ape = 0;
  int positive = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (y[i] <= 0) continue;
    ape += std::abs(y[i] - mu[i]) / y[i];
    ++positive;
  }
  const double r2 = total > 0 ? 1 - residual / total : std::numeric_limits<double>::quiet_NaN();
  return {r2, ape / positive};
}

void set_dispersion(SeasonalFit& fit, const VectorXd& y, const VectorXd& mu) {
  const double dof = static_cast<double>(fit.n - fit.p);
  const VectorXd sq = (y - mu).array().square().matrix();
  fit.dispersion_index = (sq.array() / mu.array()).sum() / dof;
  fit.rate_cv = std::sqrt(std::max(0.0, (sq - mu).sum() / mu.squaredNorm()));
  fit.overdispersed = fit.dispersion_index > 1 + 3 * std::sqrt(2 / dof);
}

}  // namespace

SeasonalFit fit_seasonal(const CountSeries& series, const SeasonalFitOptions& options) {
  validate_series(series);
  const Layout layout = make_layout(series, options);
  const MatrixXd x = design(series, layout);
  const VectorXd y =
      Eigen::Map<const VectorXd>(series.counts.data(), static_cast<Eigen::Index>(layout.n));
  const double offset = std::log(series.period_s);
  const Solution solution = fit_poisson(x, y, offset);
  // Without convergence the maximum likelihood does not exist: some rates would
  // go to zero (counts nonzero in only a few intervals), and the coefficients with them.
  if (!solution.converged || !solution.beta.allFinite()) {
    const auto nonzero =
        std::count_if(series.counts.begin(), series.counts.end(), [](double c) { return c > 0; });
    fail("no fit after " + std::to_string(solution.iterations) + " iterations: " +
         std::to_string(layout.p()) + " parameters are too many for counts nonzero in " +
         std::to_string(nonzero) + " of " + std::to_string(layout.n) + " intervals");
  }

  SeasonalFit fit;
  fit.intercept = solution.beta[0];
  fit.trend_per_day = solution.beta[1];
  fit.daily = harmonics_of(solution.beta, 2, layout.daily);
  fit.weekly = harmonics_of(solution.beta, 2 + 2 * layout.daily, layout.weekly);
  fit.weekly_fitted = layout.weekly > 0;
  fit.n = layout.n;
  fit.p = layout.p();
  fit.iterations = solution.iterations;
  set_pasteable(fit);

  const VectorXd mu = rates(x, solution.beta, offset);
  fit.model = quality(y, mu);
  fit.pasted = quality(y, pasted_counts(fit, series));
  set_dispersion(fit, y, mu);
  return fit;
}

}  // namespace models
