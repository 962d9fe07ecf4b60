#include "models/policies/predictive_forecast.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/check.h"

namespace models {

namespace {

constexpr int64_t kMinuteUs = 60'000'000;
constexpr int64_t kHourUs = 60 * kMinuteUs;
constexpr int64_t kDayUs = 24 * kHourUs;
constexpr int64_t kWeekUs = 7 * kDayUs;
constexpr double kTwoPi = 2 * std::numbers::pi;

int64_t positive_mod(int64_t x, int64_t m) {
  const int64_t r = x % m;
  return r < 0 ? r + m : r;
}

// The local time since Monday 00:00 of `at`, in microseconds.
int64_t local_of(sim::Time at, sim::Duration local_offset) {
  return positive_mod(at.us() + local_offset.us(), kWeekUs);
}

// A Fourier series at x, a fraction of its cycle (seasonal_fit.h).
double series(const std::vector<Harmonic>& terms, double x) {
  double sum = 0;
  for (size_t k = 1; k <= terms.size(); ++k) {
    const double angle = kTwoPi * static_cast<double>(k) * x;
    sum += terms[k - 1].cosine * std::cos(angle) + terms[k - 1].sine * std::sin(angle);
  }
  return sum;
}

bool in_any_spike(const std::vector<DailySpike>& spikes, sim::Time minute,
                  sim::Duration local_offset) {
  return std::any_of(spikes.begin(), spikes.end(), [&](const DailySpike& spike) {
    return in_spike(spike, minute, local_offset);
  });
}

// The hourly sums the base is fitted on: the last whole hours of the history,
// each spike minute replaced by the mean of its hour's other minutes (an hour
// that is all spike keeps its sum).
CountSeries hourly_without_spikes(const LoadHistory& history, sim::Duration local_offset,
                                  const std::vector<DailySpike>& spikes, sim::Time& series_start) {
  const size_t hours = history.per_minute.size() / 60;
  const size_t first = history.per_minute.size() - hours * 60;
  series_start = history.start + sim::Duration::minutes(static_cast<int64_t>(first));
  CountSeries s;
  s.period_s = 3600;
  s.start_local_s = static_cast<double>(local_of(series_start, local_offset)) * 1e-6;
  for (size_t h = 0; h < hours; ++h) {
    double all = 0;
    double kept = 0;
    int kept_minutes = 0;
    for (size_t m = 0; m < 60; ++m) {
      const size_t i = first + h * 60 + m;
      const double load = history.per_minute[i];
      all += load;
      const sim::Time minute = history.start + sim::Duration::minutes(static_cast<int64_t>(i));
      if (in_any_spike(spikes, minute, local_offset)) continue;
      kept += load;
      ++kept_minutes;
    }
    s.counts.push_back(kept_minutes == 0 ? all : kept * 60 / kept_minutes);
  }
  return s;
}

}  // namespace

bool in_spike(const DailySpike& spike, sim::Time minute, sim::Duration local_offset) {
  const int64_t mid = minute.us() + kMinuteUs / 2 + local_offset.us();
  return positive_mod(mid - spike.at.us(), kDayUs) < spike.duration.us();
}

double LoadForecast::base_at(sim::Time minute) const {
  if (!fit) return 0;
  const sim::Time mid = minute + sim::Duration::micros(kMinuteUs / 2);
  const double days = static_cast<double>((mid - series_start).us()) / kDayUs;
  const double local = static_cast<double>(local_of(mid, local_offset));
  const double eta = fit->intercept + fit->trend_per_day * days +
                     series(fit->daily, std::fmod(local, kDayUs) / kDayUs) +
                     series(fit->weekly, local / kWeekUs);
  return 60 * std::exp(eta);
}

double LoadForecast::load_at(sim::Time minute) const {
  double load = base_at(minute);
  for (size_t j = 0; j < spikes.size(); ++j) {
    if (in_spike(spikes[j], minute, local_offset)) return load * spike_factors[j];
  }
  return load;
}

const ForecastInterval* LoadForecast::find(sim::Time start) const {
  for (const ForecastInterval& interval : intervals) {
    if (interval.start == start) return &interval;
  }
  return nullptr;
}

LoadForecast forecast_load(const LoadHistory& history, sim::Time now, sim::Duration local_offset,
                           const ForecastOptions& options) {
  SCALESIM_CHECK(history.per_minute.size() >= 1440, "a forecast needs 24 hours of history");
  const int64_t step = options.interval.us();
  SCALESIM_CHECK(step > 0 && step % kMinuteUs == 0 && kHourUs % step == 0,
                 "the forecast interval must be whole minutes dividing an hour");
  LoadForecast f;
  f.local_offset = local_offset;
  f.spikes = options.spikes;
  const CountSeries hourly =
      hourly_without_spikes(history, local_offset, options.spikes, f.series_start);
  const bool any_load = std::any_of(hourly.counts.begin(), hourly.counts.end(),
                                    [](double count) { return count > 0; });
  if (any_load) {
    f.fit = fit_seasonal(hourly, {options.daily_harmonics, options.weekly_harmonics});
  }
  for (const DailySpike& spike : options.spikes) {
    double observed = 0;
    double base = 0;
    for (size_t i = 0; i < history.per_minute.size(); ++i) {
      const sim::Time minute = history.start + sim::Duration::minutes(static_cast<int64_t>(i));
      if (!in_spike(spike, minute, local_offset)) continue;
      observed += history.per_minute[i];
      base += f.base_at(minute);
    }
    f.spike_factors.push_back(base > 0 ? observed / base : 1.0);
  }
  // The first boundary of the local clock at or after now.
  const int64_t into = positive_mod(now.us() + local_offset.us(), step);
  sim::Time start = now + sim::Duration::micros(into == 0 ? 0 : step - into);
  const sim::Time end = now + options.horizon;
  for (; start < end; start += options.interval) {
    double sum = 0;
    const int64_t minutes = step / kMinuteUs;
    for (int64_t m = 0; m < minutes; ++m) sum += f.load_at(start + sim::Duration::minutes(m));
    f.intervals.push_back({start, sum / static_cast<double>(minutes)});
  }
  return f;
}

}  // namespace models
