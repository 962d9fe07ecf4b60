#include "models/traffic/seasonal_fit.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "models/traffic/arrivals.h"
#include "models/traffic/curve.h"

namespace {

using models::Curve;
using models::CurveSpec;
using models::Harmonic;

constexpr double kDay = 86400;
constexpr double kPi = std::numbers::pi;
// Thursday 06:00: a start off midnight and off Monday checks the local clock.
constexpr double kThursday6am = 3 * kDay + 6 * 3600;

Curve make(CurveSpec spec) {
  return std::make_shared<const CurveSpec>(std::move(spec));
}

// Arrivals of `config` counted per interval, the process's t = 0 being local time
// `start_local_s`.
models::CountSeries count_arrivals(const models::ArrivalConfig& config, double start_local_s,
                                   double period_s, double days, uint64_t seed) {
  models::CountSeries series{start_local_s, period_s, {}};
  series.counts.assign(static_cast<size_t>(std::round(days * kDay / period_s)), 0);
  const auto period_us = static_cast<int64_t>(period_s * 1e6);
  auto process = models::make_arrival_process(config, sim::Duration::from_seconds(start_local_s),
                                              sim::RandomStream(seed));
  for (sim::Time t = process->next(); t != sim::Time::never(); t = process->next()) {
    const auto i = static_cast<size_t>(t.us() / period_us);
    if (i >= series.counts.size()) break;
    series.counts[i]++;
  }
  return series;
}

// A daily profile sampled hourly from 1 + 0.5 cos, peak at 15:00 (peak / trough 3).
std::array<double, 24> sinusoid_hours(double mean) {
  std::array<double, 24> out{};
  for (size_t h = 0; h < 24; ++h) {
    out[h] = mean * (1 + 0.5 * std::cos(2 * kPi * (static_cast<double>(h) + 0.5 - 15) / 24));
  }
  return out;
}

// The simulator's pasteable form: hourly x weekly x exponential trend.
Curve step_curve(const std::array<double, 24>& hourly, const std::array<double, 7>& weekly,
                 double per_day) {
  const Curve hours = make({models::HourlyCurve{hourly}});
  const Curve week = make({models::WeeklyCurve{weekly, hours}});
  return make({models::TrendCurve{true, per_day, week}});
}

// A curve inside the fitted family: log rate = c0 + g d + daily and weekly harmonics.
struct Truth {
  double c0 = 0;
  double g = 0;
  std::vector<Harmonic> daily;
  std::vector<Harmonic> weekly;
};

double series_at(const std::vector<Harmonic>& terms, double x) {
  double sum = 0;
  for (size_t k = 1; k <= terms.size(); ++k) {
    const double phase = 2 * kPi * static_cast<double>(k) * x;
    sum += terms[k - 1].cosine * std::cos(phase) + terms[k - 1].sine * std::sin(phase);
  }
  return sum;
}

// Mean of exp(series) over the part [from, to) of its cycle, by 1000 midpoints.
double mean_exp(const std::vector<Harmonic>& terms, double from, double to) {
  double sum = 0;
  for (int j = 0; j < 1000; ++j)
    sum += std::exp(series_at(terms, from + (to - from) * (j + 0.5) / 1000));
  return sum / 1000;
}

// The truth as steps of `step_s` at its value at each step's midpoint, so that the
// expected count of an interval the width of a step is exactly the model's mu.
// Repeating, so that arrivals go on past the series: an overdispersed process over
// a rate that stays zero would otherwise walk empty windows to the end of time.
Curve family_curve(const Truth& truth, double start_local_s, double step_s, double days) {
  models::StepsCurve steps;
  steps.repeat = true;
  for (double t = step_s / 2; t < days * kDay; t += step_s) {
    const double local = std::fmod(start_local_s + t, 7 * kDay);
    const double log_rate = truth.c0 + truth.g * t / kDay +
                            series_at(truth.daily, std::fmod(local, kDay) / kDay) +
                            series_at(truth.weekly, local / (7 * kDay));
    steps.segments.push_back({sim::Duration::from_seconds(step_s), std::exp(log_rate)});
  }
  return make({steps});
}

Truth busy_service() {
  // About 20 per second: a daily swing of e^(+-0.6) and a weekly one of e^(+-0.15).
  return {std::log(20.0), 0.01, {{0.5, -0.3}, {0.1, 0.05}, {0, -0.03}}, {{0.12, 0.08}, {-0.04, 0}}};
}

double relative_error(double fitted, double truth) {
  return std::abs(fitted / truth - 1);
}

}  // namespace

TEST_CASE("fit_seasonal recovers the coefficients and Poisson noise of a curve in its family") {
  const Truth truth = busy_service();
  models::ArrivalConfig config;
  config.rate = family_curve(truth, kThursday6am, 300, 28);
  const models::CountSeries series = count_arrivals(config, kThursday6am, 300, 28, 11);
  const models::SeasonalFit fit = models::fit_seasonal(series);

  CHECK(fit.n == 8064);
  CHECK(fit.p == 2 + 12 + 6);
  REQUIRE(fit.weekly_fitted);
  // About 5 x 10^7 counts: the standard error of a harmonic's coefficient is about
  // 1 / sqrt(sum(mu) / 2) = 2e-4, of g 1 / sqrt(sum(mu) var(d)) = 2e-5 per day, and
  // of c0, which shares the trend's uncertainty, 2 / sqrt(sum(mu)) = 3e-4. The
  // margins are 3.5 to 5 standard errors, room for 20 estimates taken together.
  CHECK(fit.intercept == Approx(truth.c0).margin(1e-3));
  CHECK(fit.trend_per_day == Approx(truth.g).margin(1e-4));
  for (size_t k = 0; k < 6; ++k) {
    const Harmonic want = k < truth.daily.size() ? truth.daily[k] : Harmonic{};
    CHECK(fit.daily[k].cosine == Approx(want.cosine).margin(1e-3));
    CHECK(fit.daily[k].sine == Approx(want.sine).margin(1e-3));
  }
  for (size_t k = 0; k < 3; ++k) {
    const Harmonic want = k < truth.weekly.size() ? truth.weekly[k] : Harmonic{};
    CHECK(fit.weekly[k].cosine == Approx(want.cosine).margin(1e-3));
    CHECK(fit.weekly[k].sine == Approx(want.sine).margin(1e-3));
  }

  // The pasteable block averages the true smooth parts; the coefficients' errors
  // above move those averages by well under 0.5%.
  const double level = mean_exp(truth.weekly, 0, 1);
  for (size_t h = 0; h < 24; ++h) {
    const auto x = static_cast<double>(h);
    const double want = std::exp(truth.c0) * level * mean_exp(truth.daily, x / 24, (x + 1) / 24);
    CHECK(relative_error(fit.hourly_per_second[h], want) < 0.005);
  }
  REQUIRE(fit.weekly_factors);
  for (size_t d = 0; d < 7; ++d) {
    const auto x = static_cast<double>(d);
    const double want = mean_exp(truth.weekly, x / 7, (x + 1) / 7) / level;
    CHECK(relative_error((*fit.weekly_factors)[d], want) < 0.005);
  }

  // Counts of thousands vary by a few percent around mu: the daily swing explains
  // nearly all their variance.
  CHECK(fit.model.r_squared > 0.99);
  CHECK(fit.model.mape < 0.02);
  // The steps of the pasted block miss the within-hour and within-day slopes.
  CHECK(fit.pasted.r_squared > 0.98);
  CHECK(fit.pasted.r_squared <= fit.model.r_squared);
  // Poisson counts: the index has mean 1 and standard deviation sqrt(2 / 8044) =
  // 0.016; 0.05 is 3 of those.
  CHECK(fit.dispersion_index == Approx(1).margin(0.05));
  CHECK_FALSE(fit.overdispersed);
  // cv^2 estimates zero with a standard error of about sqrt(2 / n) / mean(mu) =
  // 3e-6, so cv itself stays below 0.005.
  CHECK(fit.rate_cv < 0.005);
}

TEST_CASE("fit_seasonal turns hourly x weekly x trend steps back into the pasteable block") {
  // Smooth shapes sampled hourly and daily: the Fourier model cannot follow a
  // jump, and averaging a fitted harmonic k over a step scales it by sinc^2 (the
  // step's own smoothing, then the average): 0.99 for the daily k = 1, 0.94 for the
  // weekly k = 1. On a profile swinging +-50% a day and +-15% a week that biases
  // the hourly rates by up to 0.7% and the weekly factors by up to 1.3% (measured
  // on noise-free counts), far above the noise of 5 x 10^7 counts. Tolerances: 2%
  // for both, the bias with room to spare.
  const std::array<double, 24> hourly = sinusoid_hours(20);
  std::array<double, 7> weekly{};
  for (size_t d = 0; d < 7; ++d) {
    weekly[d] = 1 + 0.15 * std::cos(2 * kPi * (static_cast<double>(d) - 2) / 7);
  }
  models::ArrivalConfig config;
  config.rate = step_curve(hourly, weekly, 0.01);
  const models::CountSeries series = count_arrivals(config, kThursday6am, 300, 28, 12);
  const models::SeasonalFit fit = models::fit_seasonal(series);

  REQUIRE(fit.weekly_factors);
  for (size_t h = 0; h < 24; ++h) {
    INFO("hour " << h);
    CHECK(relative_error(fit.hourly_per_second[h], hourly[h]) < 0.02);
  }
  for (size_t d = 0; d < 7; ++d) {
    INFO("day " << d);
    CHECK(relative_error((*fit.weekly_factors)[d], weekly[d]) < 0.02);
  }
  // The jumps are periodic and nearly orthogonal to a line over 4 whole weeks.
  CHECK(fit.trend_per_day == Approx(0.01).margin(2e-4));
  CHECK(fit.model.r_squared > 0.98);
  // Here the truth is steps, so the pasted block follows the jumps the model smooths.
  CHECK(fit.pasted.r_squared > fit.model.r_squared);
  // Misfit at the jumps of a few percent is several Poisson standard deviations of
  // counts of thousands: the index says so, and rate_cv, which absorbs it, stays
  // at the size of that misfit.
  CHECK(fit.overdispersed);
  CHECK(fit.rate_cv < 0.05);
}

TEST_CASE("fit_seasonal measures a gamma factor on the rate per interval") {
  models::ArrivalConfig config;
  config.kind = models::ArrivalConfig::Kind::kOverdispersed;
  config.rate_cv = 0.2;
  config.window = sim::Duration::minutes(5);
  config.rate = family_curve(busy_service(), kThursday6am, 300, 14);
  const models::SeasonalFit fit =
      models::fit_seasonal(count_arrivals(config, kThursday6am, 300, 14, 13));

  // One gamma factor per interval, n = 4032 of them: cv^2 = 0.04 is estimated with
  // a standard error of about sqrt(Var((Z - 1)^2) / n) = 0.06 / 63 = 0.001, so cv
  // within 0.0024; 0.01 is 4 of those.
  CHECK(fit.rate_cv == Approx(0.2).margin(0.01));
  CHECK(fit.overdispersed);
  // Var / mu = 1 + 0.04 mu with mu in the thousands.
  CHECK(fit.dispersion_index > 50);
  // The mean is still fitted: the factors have mean 1.
  CHECK(fit.trend_per_day == Approx(0.01).margin(2e-3));
}

TEST_CASE("fit_seasonal leaves the week out of a 3-day series and still fits the day") {
  // Hourly counts of an hourly step curve: each count is the step's rate x 3600,
  // which 6 harmonics through 24 points of a smooth shape follow closely; averaging
  // that smooth curve over each hour rather than reading its midpoint moves the
  // pasted rates by under 0.3% (measured on noise-free counts).
  const std::array<double, 24> hourly = sinusoid_hours(20);
  models::ArrivalConfig config;
  config.rate = make({models::HourlyCurve{hourly}});
  const models::SeasonalFit fit =
      models::fit_seasonal(count_arrivals(config, kThursday6am, 3600, 3, 14));

  CHECK_FALSE(fit.weekly_fitted);
  CHECK(fit.weekly.empty());
  CHECK_FALSE(fit.weekly_factors);
  CHECK(fit.n == 72);
  CHECK(fit.p == 14);
  // Each hour of the day is fitted from 3 counts of 36000 (at the trough) to
  // 108000: a standard error of at most 0.3%. 1.5% is that bias and 4 of those.
  for (size_t h = 0; h < 24; ++h) {
    INFO("hour " << h);
    CHECK(relative_error(fit.hourly_per_second[h], hourly[h]) < 0.015);
  }
  CHECK(fit.trend_per_day == Approx(0).margin(2e-3));
  CHECK_FALSE(fit.overdispersed);
}

TEST_CASE("fit_seasonal rejects series it cannot fit") {
  const models::CountSeries day{0, 3600, std::vector<double>(24, 5.0)};
  auto with = [&](auto change) {
    models::CountSeries s = day;
    change(s);
    return s;
  };
  CHECK_THROWS_WITH(models::fit_seasonal(with([](auto& s) { s.period_s = 0; })),
                    "seasonal fit: period_s must be positive, got 0");
  CHECK_THROWS_WITH(models::fit_seasonal(with([](auto& s) { s.period_s = 7; })),
                    "seasonal fit: period_s 7 does not divide a day (86400 s)");
  CHECK_THROWS_WITH(models::fit_seasonal(with([](auto& s) { s.start_local_s = 604800; })),
                    "seasonal fit: start_local_s must be in [0, 604800), got 604800");
  CHECK_THROWS_WITH(models::fit_seasonal(with([](auto& s) { s.counts.pop_back(); })),
                    "seasonal fit: 23 intervals of 3600 s cover less than a day");
  CHECK_THROWS_WITH(models::fit_seasonal(with([](auto& s) { s.counts[5] = -1; })),
                    "seasonal fit: count -1 of interval 5 is negative or not finite");
  CHECK_THROWS_WITH(models::fit_seasonal(with([](auto& s) { s.counts[7] = INFINITY; })),
                    "seasonal fit: count inf of interval 7 is negative or not finite");
  CHECK_THROWS_WITH(models::fit_seasonal(with([](auto& s) { s.counts.assign(24, 0); })),
                    "seasonal fit: all counts are zero");
  CHECK_THROWS_WITH(
      models::fit_seasonal(day, {12, 3}),
      "seasonal fit: daily_harmonics must be in [0, 11] for 3600 s intervals, got 12");
  CHECK_THROWS_WITH(models::fit_seasonal(day, {6, 7}),
                    "seasonal fit: weekly_harmonics must be in [0, 6], got 7");
  CHECK_THROWS_WITH(models::fit_seasonal(day, {11, 3}),
                    "seasonal fit: 24 intervals are too few for 24 parameters");
  CHECK_NOTHROW(models::fit_seasonal(day, {10, 3}));
  // One request in a day: the likelihood grows without bound as the other rates
  // fall to zero.
  models::CountSeries lone{0, 300, std::vector<double>(288, 0)};
  lone.counts[100] = 1;
  CHECK_THROWS_WITH(models::fit_seasonal(lone),
                    "seasonal fit: no fit after 50 iterations: 14 parameters are too many for "
                    "counts nonzero in 1 of 288 intervals");
}
