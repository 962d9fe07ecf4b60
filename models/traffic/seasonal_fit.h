// Fitting a seasonal rate curve to observed request counts.
//
// The counts of consecutive intervals (from a load balancer's or gateway's
// metrics) are fitted with a Poisson regression, log link, whose log rate is a
// constant, a linear trend in days and Fourier terms in the local hour of day and
// day of week. Smooth Fourier terms rather than 24 + 7 free levels: real traffic
// does not jump on the hour, and a few harmonics need far less data per parameter.
// The fit is then turned into the simulator's own curve terms (HourlyCurve x
// WeeklyCurve x exponential TrendCurve) so it can be pasted into a scenario, and
// it says how much is lost in that step and how far the counts vary beyond Poisson.
#ifndef SCALESIM_MODELS_TRAFFIC_SEASONAL_FIT_H_
#define SCALESIM_MODELS_TRAFFIC_SEASONAL_FIT_H_

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace models {

struct CountSeries {
  // Local time of the first interval's start, in seconds since Monday 00:00, in
  // [0, 604800).
  double start_local_s = 0;
  // Interval width in seconds: > 0 and a whole fraction of a day (60, 300, 3600).
  double period_s = 0;
  // Requests in each consecutive interval: finite, >= 0, not all zero, covering at
  // least one day.
  std::vector<double> counts;
};

struct SeasonalFitOptions {
  // Harmonics of the daily cycle: 0 <= daily, and 2 x daily below the intervals per day.
  int daily_harmonics = 6;
  // Harmonics of the weekly cycle, 0..6; used only when the series covers 14 days
  // or more, since fewer would confound the week with the trend and with noise.
  int weekly_harmonics = 3;
};

// The coefficients of cos(2 pi k x / P) and sin(2 pi k x / P), for k = 1, 2, ...
struct Harmonic {
  double cosine = 0;
  double sine = 0;
};

struct FitQuality {
  // 1 - (residual sum of squares) / (total sum of squares) of the counts. NaN when
  // all counts are equal.
  double r_squared = 0;
  // Mean of |count - expected| / count over intervals with a count > 0, a fraction.
  double mape = 0;
};

// The expected count of interval i is
//   mu_i = period_s x exp(intercept + trend_per_day x d_i
//                         + sum_k daily[k-1] . (cos, sin)(2 pi k h_i / 24)
//                         + sum_k weekly[k-1] . (cos, sin)(2 pi k w_i / 7))
// at the interval's midpoint: d_i days since the series start, h_i the local hour
// of day in [0, 24), w_i the local day of week in [0, 7), Monday = 0.
struct SeasonalFit {
  double intercept = 0;
  double trend_per_day = 0;  // exponential growth per day, from the series start
  std::vector<Harmonic> daily;
  std::vector<Harmonic> weekly;  // empty when weekly terms were left out
  bool weekly_fitted = false;

  // The pasteable curve: rate(t) = hourly_per_second[local hour]
  //   x weekly_factors[local day] x exp(trend_per_day x days since the series start).
  // hourly_per_second is the model's daily part averaged over each hour, times the
  // mean weekly level; weekly_factors average the weekly part over each day and
  // have mean 1. Empty when weekly terms were left out.
  std::array<double, 24> hourly_per_second{};
  std::optional<std::array<double, 7>> weekly_factors;

  FitQuality model;   // of the Fourier model's mu
  FitQuality pasted;  // of the pasteable curve at each midpoint, x period_s

  // Pearson statistic sum((y - mu)^2 / mu) / (n - p): about 1 for Poisson counts.
  double dispersion_index = 0;
  // Coefficient of variation of a gamma factor on each interval's rate, by the
  // method of moments from Var(y) = mu + cv^2 mu^2. It also absorbs any misfit of
  // the model, so read it as an upper estimate of the traffic's own burstiness.
  double rate_cv = 0;
  // dispersion_index above 1 + 3 sqrt(2 / (n - p)): about a 3-sigma test, since
  // for Poisson counts the index has mean 1 and variance about 2 / (n - p).
  bool overdispersed = false;

  size_t n = 0;        // intervals
  size_t p = 0;        // parameters
  int iterations = 0;  // of IRLS, at most 50
};

// Fits the model above by maximum likelihood, with iteratively reweighted least
// squares. Throws std::invalid_argument when the series or the options break the
// contracts above, or when the likelihood has no maximum (counts nonzero in too
// few intervals for the parameters: some rates would tend to zero).
SeasonalFit fit_seasonal(const CountSeries& series, const SeasonalFitOptions& options = {});

}  // namespace models

#endif  // SCALESIM_MODELS_TRAFFIC_SEASONAL_FIT_H_
