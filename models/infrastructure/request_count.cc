#include "models/infrastructure/request_count.h"

#include <algorithm>

#include "models/control/cloudwatch.h"
#include "models/serverless/lambda_function.h"
#include "sim/check.h"

namespace models {

namespace {

std::optional<sim::TimeSeries::Column> find_column(const sim::TimeSeries& series,
                                                   const std::string& group,
                                                   const std::string& quantity) {
  for (sim::TimeSeries::Column c = 0; c < series.column_count(); ++c) {
    if (series.group(c) == group && series.quantity(c) == quantity) return c;
  }
  return std::nullopt;
}

}  // namespace

RequestCount::RequestCount(Component& component, const RunContext& run) : run_(run) {
  if (dynamic_cast<LambdaFunction*>(&component) != nullptr) {
    column_ = find_column(run.series, component.name(), "invocations");
  } else if (auto* source = dynamic_cast<MetricSource*>(&component)) {
    // A fleet counts the requests it accepts whether or not its CPU is tracked,
    // so track_usage(), which would add bookkeeping per request, is not called.
    source_ = source;
    counts_.assign(run.series.bucket_count(), 0.0);
  } else {
    column_ = find_column(run.series, "", "arrivals");
  }
  SCALESIM_CHECK(source_ != nullptr || column_.has_value(),
                 "a request count found no column to read");
}

void RequestCount::start() {
  if (source_) run_.simulation.schedule(sim::Time::zero() + run_.series.interval(), *this, 0);
}

void RequestCount::on_event(uint64_t bucket) {
  const uint64_t total = source_->usage().requests;
  counts_[bucket] += static_cast<double>(total - read_);
  read_ = total;
  if (bucket + 1 < counts_.size())
    run_.simulation.schedule(run_.simulation.now() + run_.series.interval(), *this, bucket + 1);
}

std::vector<double> RequestCount::per_interval(sim::Time end) {
  if (column_) return run_.series.values(*column_);
  // What arrived since the last read belongs to the interval the run ends in.
  const int64_t width = run_.series.interval().us();
  const auto last = static_cast<size_t>(std::max<int64_t>(0, (end.us() - 1) / width));
  const uint64_t total = source_->usage().requests;
  counts_[std::min(last, counts_.size() - 1)] += static_cast<double>(total - read_);
  read_ = total;
  return counts_;
}

std::vector<std::string_view> request_counted_kinds() {
  return {"alb", "api_gateway", "ecs_service", "lambda_function", "server_fleet"};
}

double measured_part(const std::vector<double>& per_interval, sim::Duration interval,
                     sim::Time measure_from, sim::Time end) {
  double sum = 0;
  for (size_t i = 0; i < per_interval.size(); ++i) {
    const sim::Time from = sim::Time::micros(static_cast<int64_t>(i) * interval.us());
    const sim::Time to = std::min(end, from + interval);
    if (to <= measure_from || to <= from) continue;
    const sim::Time start = std::max(from, measure_from);
    sum += per_interval[i] * static_cast<double>((to - start).us()) /
           static_cast<double>((to - from).us());
  }
  return sum;
}

}  // namespace models
