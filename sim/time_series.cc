#include "sim/time_series.h"

#include <algorithm>

#include "sim/check.h"

namespace sim {

TimeSeries::TimeSeries(Duration interval, Time end, Time measure_from)
    : interval_(interval), end_(end), measure_from_(measure_from), closed_at_(end) {
  SCALESIM_CHECK(interval > Duration(), "time series interval must be positive");
  SCALESIM_CHECK(end > Time::zero() && measure_from <= end, "bad time series span");
  bucket_count_ = static_cast<size_t>((end.us() + interval.us() - 1) / interval.us());
  move_cursor(Time::zero());
}

TimeSeries::Column TimeSeries::column(const std::string& group, const std::string& quantity,
                                      Kind kind) {
  for (Column c = 0; c < columns_.size(); ++c) {
    if (columns_[c].group != group || columns_[c].quantity != quantity) continue;
    SCALESIM_CHECK(columns_[c].kind == kind, "a time series column changed kind");
    return c;
  }
  Data data;
  data.group = group;
  data.quantity = quantity;
  data.kind = kind;
  data.cells.assign(bucket_count_, Int128{0});
  columns_.push_back(std::move(data));
  pending_.push_back(0);
  return static_cast<Column>(columns_.size() - 1);
}

size_t TimeSeries::interval_of(Time at) const {
  SCALESIM_CHECK(at >= Time::zero() && at <= end_, "time series update outside the run");
  return static_cast<size_t>(std::min<int64_t>(at.us() / interval_.us(), bucket_count_ - 1));
}

Time TimeSeries::interval_end(size_t bucket) const {
  return Time::micros(static_cast<int64_t>(bucket + 1) * interval_.us());
}

void TimeSeries::move_cursor(Time at) {
  const size_t bucket = interval_of(at);
  flush_pending();
  cursor_bucket_ = bucket;
  cursor_start_ = Time::micros(static_cast<int64_t>(bucket) * interval_.us());
  cursor_end_ = interval_end(bucket);
  counting_from_ = std::max(cursor_start_, measure_from_);
}

// Pending counts and areas were all made in the cursor's interval at or after
// measure_from.
void TimeSeries::flush_pending() {
  for (size_t c = 0; c < pending_.size(); ++c) {
    if (pending_[c] == 0) continue;
    columns_[c].cells[cursor_bucket_] += pending_[c];
    columns_[c].measured_area += pending_[c];
    pending_[c] = 0;
  }
}

// Adds value * elapsed since the last change to the cells it spans and to the
// measured area, then moves last_change to `until`.
void TimeSeries::accumulate(Data& level, Time until) {
  SCALESIM_CHECK(until >= level.last_change, "a level changed in the past");
  if (level.value != 0 && until > level.last_change) {
    Time from = level.last_change;
    if (until > measure_from_) {
      level.measured_area +=
          static_cast<Int128>(level.value) * (until - std::max(from, measure_from_)).us();
    }
    while (from < until) {  // the cursor stays: counts pending there are not disturbed
      const size_t bucket = interval_of(from);
      const Time stop = std::min(until, interval_end(bucket));
      level.cells[bucket] += static_cast<Int128>(level.value) * (stop - from).us();
      from = stop;
    }
  }
  level.last_change = until;
}

void TimeSeries::count_slowly(Column c, Time at, int64_t n) {
  columns_[c].cells[bucket_of(at)] += n;
  if (at >= measure_from_) columns_[c].measured_area += n;
}

void TimeSeries::add_span_slowly(Data& level, Time from, Time to, int64_t weight) {
  if (to > measure_from_) {
    level.measured_area += static_cast<Int128>(weight) * (to - std::max(from, measure_from_)).us();
  }
  while (from < to) {
    const size_t bucket = interval_of(from);
    const Time stop = std::min(to, interval_end(bucket));
    level.cells[bucket] += static_cast<Int128>(weight) * (stop - from).us();
    from = stop;
  }
}

void TimeSeries::close(Time end) {
  closed_at_ = end;
  flush_pending();
  for (Data& data : columns_) {
    if (data.kind == Kind::kLevel) accumulate(data, end);
  }
}

std::vector<double> TimeSeries::values(Column c) const {
  const Data& data = columns_[c];
  std::vector<double> out(data.cells.size());
  for (size_t b = 0; b < out.size(); ++b) out[b] = static_cast<double>(data.cells[b]);
  out[cursor_bucket_] = static_cast<double>(data.cells[cursor_bucket_] + pending_[c]);
  if (data.kind == Kind::kCounter) return out;
  for (size_t b = 0; b < out.size(); ++b) {
    const int64_t start = static_cast<int64_t>(b) * interval_.us();
    const int64_t stop = std::min(start + interval_.us(), closed_at_.us());
    out[b] = stop > start ? out[b] / static_cast<double>(stop - start) : 0.0;
  }
  return out;
}

double TimeSeries::mean(Column c) const {
  const Data& data = columns_[c];
  const int64_t span = (closed_at_ - measure_from_).us();
  return span > 0
             ? static_cast<double>(data.measured_area + pending_[c]) / static_cast<double>(span)
             : 0.0;
}

}  // namespace sim
