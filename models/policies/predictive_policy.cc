#include "models/policies/predictive_policy.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/observe/event_log.h"
#include "models/policies/tracking_math.h"

namespace models {

namespace {

// AWS: forecasts need 24 hours of the metric and use up to the last 14 days.
constexpr size_t kLeastHistoryMinutes = 24 * 60;
constexpr size_t kMostHistoryMinutes = 14 * 24 * 60;
constexpr sim::Duration kMinute = sim::Duration::minutes(1);

}  // namespace

PredictiveForecaster::PredictiveForecaster(const PredictiveScalingPolicy& policy,
                                           std::string source, const RunContext& run)
    : policy_(policy), source_(std::move(source)), run_(run) {
  capacity_column_ = run.series.level(source_, "forecast_capacity");
}

// The load metric of one period: the target group's requests, or the sum of the
// instances' CPU utilisation.
double PredictiveForecaster::load_of(const Datapoints& datapoints) const {
  if (policy_.metric == PredictiveMetric::kRequestCount) return datapoints.request_count;
  double total = 0;
  for (const InstanceDatapoint& instance : datapoints.instances) total += instance.cpu_percent;
  return total;
}

void PredictiveForecaster::observe(const Datapoints& datapoints) {
  if (history_.per_minute.empty()) history_.start = datapoints.period_start;
  history_.per_minute.push_back(load_of(datapoints));
  score();
  // The first forecast as soon as there are 24 hours of data; then every refresh.
  if (!forecast_ && history_.per_minute.size() == kLeastHistoryMinutes) make_forecast();
}

void PredictiveForecaster::refresh() {
  if (history_.per_minute.size() >= kLeastHistoryMinutes) make_forecast();
}

void PredictiveForecaster::make_forecast() {
  const sim::Time now = run_.simulation.now();
  std::vector<double>& minutes = history_.per_minute;
  if (minutes.size() > kMostHistoryMinutes) {
    const size_t drop = minutes.size() - kMostHistoryMinutes;
    minutes.erase(minutes.begin(), minutes.begin() + static_cast<std::ptrdiff_t>(drop));
    history_.start += kMinute * static_cast<int64_t>(drop);
  }
  ForecastOptions options;
  options.interval = policy_.forecast_interval;
  options.daily_harmonics = policy_.daily_harmonics;
  options.spikes = policy_.known_spikes;
  try {
    forecast_ = forecast_load(history_, now, run_.local_offset, options);
  } catch (const std::invalid_argument& e) {
    // Load in too few hours for the model: keep the last forecast.
    if (run_.events) run_.events->add(now, source_, "forecast_failed", e.what());
    return;
  }
  ++forecasts_;
  if (!run_.events) return;
  double peak = 0;
  for (const ForecastInterval& interval : forecast_->intervals)
    peak = std::max(peak, interval.load);
  std::string detail = "from " + std::to_string(minutes.size() / 60) + " h of history, peak " +
                       figure(peak, 4) + " per minute -> capacity " +
                       std::to_string(capacity_for(peak));
  for (size_t j = 0; j < forecast_->spike_factors.size(); ++j) {
    detail += ", spike " + std::to_string(j + 1) + " x" + figure(forecast_->spike_factors[j], 3);
  }
  run_.events->add(now, source_, "forecast", std::move(detail));
}

uint32_t PredictiveForecaster::capacity_for(double load) const {
  return tracked_capacity(1, load, policy_.target);
}

std::optional<PredictiveForecaster::Planned> PredictiveForecaster::plan(sim::Time start) {
  const ForecastInterval* interval = forecast_ ? forecast_->find(start) : nullptr;
  const uint32_t capacity = interval ? capacity_for(interval->load) : 0;
  const sim::Time now = run_.simulation.now();
  run_.series.change(capacity_column_, now,
                     int64_t{capacity} - run_.series.current(capacity_column_));
  if (!interval) return std::nullopt;
  checks_.push_back({start, start + policy_.forecast_interval, interval->load});
  return Planned{interval->load, capacity};
}

// Compares each interval's forecast with the load CloudWatch measured, once the
// interval is over; intervals before the end of the warm-up do not count.
void PredictiveForecaster::score() {
  const sim::Time measured_to =
      history_.start + kMinute * static_cast<int64_t>(history_.per_minute.size());
  size_t done = 0;
  for (; done < checks_.size() && checks_[done].end <= measured_to; ++done) {
    const Check& check = checks_[done];
    if (check.start < run_.measure_from || check.start < history_.start) continue;
    const auto first = static_cast<size_t>((check.start - history_.start).us() / kMinute.us());
    const auto count = static_cast<size_t>((check.end - check.start).us() / kMinute.us());
    double observed = 0;
    for (size_t i = first; i < first + count; ++i) observed += history_.per_minute[i];
    observed /= static_cast<double>(count);
    if (observed <= 0) continue;
    error_sum_ += std::abs(observed - check.forecast) / observed;
    ++errors_;
  }
  checks_.erase(checks_.begin(), checks_.begin() + static_cast<std::ptrdiff_t>(done));
}

double PredictiveForecaster::capacity_mean() const {
  return run_.series.mean(capacity_column_);
}

}  // namespace models
