// The load forecast behind an Auto Scaling group's predictive scaling policy
// (predictive.h).
//
// The history is the load metric per CloudWatch period (one minute). It is summed
// into hours, ending at the newest minute, and fitted with the seasonal model of
// `scalesim fit` (models/traffic/seasonal_fit.h: Poisson regression, log link,
// daily and weekly Fourier terms, exponential trend). A smooth daily curve of a
// few harmonics cannot follow a push of a few minutes at 16:00: it would smear it
// over the afternoon and miss most of it. So each known daily spike is its own
// multiplicative term: its minutes are left out of the hourly sums the seasonal
// model sees (an hour's sum is rescaled from its other minutes), and the spike's
// factor is the maximum likelihood estimate given that base, sum(observed) /
// sum(base) over every minute of the spike in the history.
//
// The forecast of a minute is base x (the factor of the spike it falls in, if
// any); an interval's forecast is the mean over its minutes, so a coarse interval
// (AWS forecasts hourly) averages a short spike with the rest of its hour.
#ifndef SCALESIM_MODELS_POLICIES_PREDICTIVE_FORECAST_H_
#define SCALESIM_MODELS_POLICIES_PREDICTIVE_FORECAST_H_

#include <optional>
#include <vector>

#include "models/policies/predictive.h"
#include "models/traffic/seasonal_fit.h"
#include "sim/time.h"

namespace models {

struct LoadHistory {
  sim::Time start;                 // start of the first minute
  std::vector<double> per_minute;  // the load of consecutive minutes, >= 0
};

struct ForecastOptions {
  // The forecast's step: a whole number of minutes that divides an hour, so
  // intervals start on the local clock's hours.
  sim::Duration interval = sim::Duration::hours(1);
  sim::Duration horizon = sim::Duration::hours(48);
  int daily_harmonics = 6;
  int weekly_harmonics = 3;  // used only with 14 days of history (seasonal_fit.h)
  std::vector<DailySpike> spikes;
};

struct ForecastInterval {
  sim::Time start;
  double load = 0;  // mean load per minute over [start, start + interval)
};

struct LoadForecast {
  // Consecutive intervals, the first starting at the first interval boundary of
  // the local clock at or after the forecast's instant, covering the horizon.
  std::vector<ForecastInterval> intervals;
  std::vector<double> spike_factors;  // one per spike, in order; 1 when never seen
  // The fitted base; nothing when the history's load was zero throughout.
  std::optional<SeasonalFit> fit;
  sim::Time series_start;      // start of the first hour fitted
  sim::Duration local_offset;  // the run's local clock at time zero
  std::vector<DailySpike> spikes;

  // The forecast load of the minute starting at `minute`.
  double load_at(sim::Time minute) const;
  // The base alone (no spike term) of that minute.
  double base_at(sim::Time minute) const;
  // The interval starting at `start`, or null.
  const ForecastInterval* find(sim::Time start) const;
};

// Whether the minute starting at `minute` lies in `spike` (its midpoint's local time of day).
bool in_spike(const DailySpike& spike, sim::Time minute, sim::Duration local_offset);

// Forecasts from `history` at `now`. REQUIRES: at least 24 hours (1440 minutes)
// of history; options.interval a whole number of minutes dividing an hour.
// Throws std::invalid_argument when the seasonal fit has no maximum (seasonal_fit.h).
LoadForecast forecast_load(const LoadHistory& history, sim::Time now, sim::Duration local_offset,
                           const ForecastOptions& options);

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_PREDICTIVE_FORECAST_H_
