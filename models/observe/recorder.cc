#include "models/observe/recorder.h"

#include <string>

namespace models {

Recorder::Recorder(const sim::Simulation& simulation, sim::TimeSeries& series,
                   sim::Time measure_from, sim::Time end, std::vector<std::string> class_names)
    : sim_(simulation),
      series_(series),
      measure_from_(measure_from),
      latency_ok_(series.interval(), end) {
  if (class_names.size() > 1) {
    for (std::string& name : class_names) classes_.push_back({std::move(name)});
  }
  arrivals_column_ = series.counter("", "arrivals");
  for (Outcome outcome : all_outcomes()) {
    outcome_columns_[static_cast<size_t>(outcome)] =
        series.counter("", std::string(outcome_name(outcome)));
  }
}

void Recorder::on_arrival(const Request& request) {
  ++arrivals_total_;
  if (request.arrival >= measure_from_) {
    ++arrivals_;
    if (!classes_.empty()) ++classes_[request.request_class].arrivals;
  }
  // Last, so that its rare slow path is a tail call: nothing to save around it.
  series_.count(arrivals_column_, request.arrival);
}

// The common case (one class, ok, within the interval under way) calls nothing
// but the series count's rare slow path, last, as a tail call: no registers to
// save around it. Everything else goes to finish_slowly().
void Recorder::finish(const Request& request, Outcome outcome) {
  const sim::Time now = sim_.now();  // once: the stores below could alias it
  if (outcome != Outcome::kOk || !classes_.empty() || !latency_ok_.in_current(now)) [[unlikely]]
    return finish_slowly(request, outcome, now);
  ++finished_total_;
  const bool measured = request.arrival >= measure_from_;
  latency_ok_.record_in_current((now - request.arrival).us(), measured);
  if (measured) [[likely]] {
    ++outcomes_[static_cast<size_t>(Outcome::kOk)];
    queued_ok_ += request.queued ? 1 : 0;
    waited_ok_us_ += request.waited.us();
  }
  series_.count(outcome_columns_[static_cast<size_t>(Outcome::kOk)], now);
}

void Recorder::finish_slowly(const Request& request, Outcome outcome, sim::Time now) {
  ++finished_total_;
  series_.count(outcome_columns_[static_cast<size_t>(outcome)], now);
  const int64_t latency_us = (now - request.arrival).us();
  const bool measured = request.arrival >= measure_from_;
  if (outcome == Outcome::kOk) latency_ok_.record(now, latency_us, measured);
  if (!measured) return;
  ++outcomes_[static_cast<size_t>(outcome)];
  if (!classes_.empty()) {
    ClassTally& tally = classes_[request.request_class];
    ++tally.finished;
    if (outcome == Outcome::kOk) {
      ++tally.ok;
      tally.latency_ok.record(latency_us);
    }
  }
  if (outcome != Outcome::kOk) return;
  queued_ok_ += request.queued ? 1 : 0;
  waited_ok_us_ += request.waited.us();
}

void Recorder::report(MetricList& metrics, sim::Duration measured) const {
  const auto arrivals = static_cast<double>(arrivals_);
  uint64_t finished = 0;
  for (uint64_t n : outcomes_) finished += n;
  const auto ok = static_cast<double>(outcomes_[static_cast<size_t>(Outcome::kOk)]);
  // Shares are of finished requests, so ok and the failure causes add up to one;
  // requests still in flight at the end are counted separately.
  const auto share = [&](double n) {
    return finished > 0 ? n / static_cast<double>(finished) : 0.0;
  };

  metrics.push_back({"requests.arrivals", arrivals, Unit::kCount});
  metrics.push_back({"requests.arrival_rate_per_s", arrivals / measured.seconds(), Unit::kNumber});
  for (Outcome outcome : all_outcomes()) {
    const auto n = static_cast<double>(outcomes_[static_cast<size_t>(outcome)]);
    metrics.push_back({"requests." + std::string(outcome_name(outcome)), n, Unit::kCount});
  }
  metrics.push_back(
      {"requests.in_flight_at_end", static_cast<double>(arrivals_ - finished), Unit::kCount});
  for (Outcome outcome : all_outcomes()) {
    const auto n = static_cast<double>(outcomes_[static_cast<size_t>(outcome)]);
    metrics.push_back({"rate." + std::string(outcome_name(outcome)), share(n), Unit::kRatio});
  }
  metrics.push_back({"rate.error", share(static_cast<double>(finished) - ok), Unit::kRatio});

  const auto ms = [](double us) { return us * 1e-3; };
  const sim::Histogram& latency = latency_ok_.measured();
  metrics.push_back({"latency.mean_ms", ms(latency.mean()), Unit::kMilliseconds});
  metrics.push_back({"latency.p50_ms", ms(latency.quantile(0.50)), Unit::kMilliseconds});
  metrics.push_back({"latency.p90_ms", ms(latency.quantile(0.90)), Unit::kMilliseconds});
  metrics.push_back({"latency.p99_ms", ms(latency.quantile(0.99)), Unit::kMilliseconds});
  metrics.push_back({"latency.p999_ms", ms(latency.quantile(0.999)), Unit::kMilliseconds});
  metrics.push_back(
      {"latency.max_ms", ms(static_cast<double>(latency.max())), Unit::kMilliseconds});
  metrics.push_back(
      {"wait.probability", ok > 0 ? static_cast<double>(queued_ok_) / ok : 0.0, Unit::kRatio});
  metrics.push_back({"wait.mean_ms", ok > 0 ? ms(static_cast<double>(waited_ok_us_) / ok) : 0.0,
                     Unit::kMilliseconds});
  for (const ClassTally& c : classes_) report_class(c, metrics);
}

void Recorder::report_class(const ClassTally& c, MetricList& metrics) {
  const std::string prefix = "class." + c.name + ".";
  const auto ms = [](double us) { return us * 1e-3; };
  const double errors = static_cast<double>(c.finished - c.ok);
  metrics.push_back({prefix + "arrivals", static_cast<double>(c.arrivals), Unit::kCount});
  metrics.push_back({prefix + "rate.error",
                     c.finished > 0 ? errors / static_cast<double>(c.finished) : 0.0,
                     Unit::kRatio});
  metrics.push_back({prefix + "latency.mean_ms", ms(c.latency_ok.mean()), Unit::kMilliseconds});
  metrics.push_back(
      {prefix + "latency.p50_ms", ms(c.latency_ok.quantile(0.50)), Unit::kMilliseconds});
  metrics.push_back(
      {prefix + "latency.p99_ms", ms(c.latency_ok.quantile(0.99)), Unit::kMilliseconds});
}

}  // namespace models
