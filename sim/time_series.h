// Fixed-interval time series of a run, plus time-weighted means over the measured
// part of the run.
//
// Two kinds of column:
//  - a counter counts happenings (arrivals, failures) per interval;
//  - a level is a quantity with a current value (busy slots, instances running);
//    each interval holds its time-weighted mean, and mean() is its time-weighted
//    mean from `measure_from` (the end of warm-up) to close().
// A column is named by a group (a component's name, or "" for the whole run) and a
// quantity ("busy"); summing a quantity over groups gives the run's total, because
// counts and areas add. Memory is fixed by horizon / interval, never by the
// number of requests. Integer areas keep the sums exact and order-independent.
#ifndef SCALESIM_SIM_TIME_SERIES_H_
#define SCALESIM_SIM_TIME_SERIES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/int128.h"
#include "sim/time.h"

namespace sim {

class TimeSeries {
 public:
  using Column = uint32_t;
  enum class Kind { kCounter, kLevel };

  // REQUIRES: interval > 0, end > 0, measure_from <= end.
  TimeSeries(Duration interval, Time end, Time measure_from);

  // Returns the column (group, quantity), creating it. REQUIRES: an existing column
  // of that name has the same kind.
  Column counter(const std::string& group, const std::string& quantity) {
    return column(group, quantity, Kind::kCounter);
  }
  Column level(const std::string& group, const std::string& quantity) {
    return column(group, quantity, Kind::kLevel);
  }

  // REQUIRES: at within [0, end]; for a level, at >= its last change.
  void count(Column c, Time at, int64_t n = 1) {
    // Fast path: a count in the current interval, after warm-up, waits in a
    // 64-bit tally until the interval changes (move_cursor adds it to the cell and
    // the measured total): one add, where the cell and the total are 128 bits.
    if (at >= counting_from_ && at < cursor_end_) [[likely]] {
      pending_[c] += n;
      return;
    }
    count_slowly(c, at, n);
  }
  void change(Column c, Time at, int64_t delta) {
    Data& level = columns_[c];
    // Fast path: the last change and this one fall in the current interval, after
    // warm-up. Otherwise accumulate() splits the area across intervals.
    if (level.last_change >= cursor_start_ && at < cursor_end_ &&
        level.last_change >= measure_from_ && at >= level.last_change) [[likely]] {
      const Int128 area = static_cast<Int128>(level.value) * (at - level.last_change).us();
      level.cells[cursor_bucket_] += area;
      level.measured_area += area;
    } else {
      accumulate(level, at);
    }
    level.last_change = at;
    level.value += delta;
  }
  int64_t current(Column c) const { return columns_[c].value; }
  // Adds `weight` to a level over [from, to), clipped to the run, all at once: for
  // a quantity whose end is known when it starts (a request's service), one call
  // instead of a change() at each end. Leaves current() alone.
  // REQUIRES: from <= to, from within [0, end].
  void add_span(Column c, Time from, Time to, int64_t weight = 1) {
    if (to > end_) to = end_;
    // Fast path: within the cursor's interval after warm-up (from == to == its
    // end adds nothing, so the cursor's interval may take it), the area waits in
    // the column's 64-bit tally as counts do, unless it would overflow it.
    int64_t area;
    int64_t sum;
    if (from >= counting_from_ && to <= cursor_end_ &&
        !__builtin_mul_overflow(weight, (to - from).us(), &area) &&
        !__builtin_add_overflow(pending_[c], area, &sum)) [[likely]] {
      pending_[c] = sum;
      return;
    }
    add_span_slowly(columns_[c], from, to, weight);
  }

  // Accumulates every level up to `end`. Call once, after the run.
  void close(Time end);

  size_t bucket_count() const { return bucket_count_; }
  Duration interval() const { return interval_; }
  size_t column_count() const { return columns_.size(); }
  const std::string& group(Column c) const { return columns_[c].group; }
  const std::string& quantity(Column c) const { return columns_[c].quantity; }
  Kind kind(Column c) const { return columns_[c].kind; }
  // Per interval: counts for a counter, time-weighted means for a level. After close().
  std::vector<double> values(Column c) const;
  // Time-weighted mean of a level over [measure_from, close time].
  double mean(Column c) const;
  // A counter's count from measure_from on.
  double total(Column c) const {
    return static_cast<double>(columns_[c].measured_area + pending_[c]);
  }

 private:
  struct Data {
    std::string group;
    std::string quantity;
    Kind kind;
    // Counts, or level areas in value * microseconds: 128 bits, because a large
    // queue over a half-year horizon passes 2^63.
    std::vector<Int128> cells;
    int64_t value = 0;
    Time last_change;
    Int128 measured_area = 0;  // for a counter: its count from measure_from on
  };

  Column column(const std::string& group, const std::string& quantity, Kind kind);
  size_t bucket_of(Time at) {
    if (at < cursor_start_ || at >= cursor_end_) move_cursor(at);
    return cursor_bucket_;
  }
  void move_cursor(Time at);
  // Adds every pending count or area to its cell (the cursor's) and its measured
  // total.
  void flush_pending();
  // The interval that holds `at` (the instant `end` belongs to the last one).
  size_t interval_of(Time at) const;
  Time interval_end(size_t bucket) const;
  void accumulate(Data& level, Time until);
  void add_span_slowly(Data& level, Time from, Time to, int64_t weight);
  // Out of line, so that the fast paths inlined on the request path need no
  // saved registers.
  void count_slowly(Column c, Time at, int64_t n);

  Duration interval_;
  Time end_;
  Time measure_from_;
  Time closed_at_;
  size_t bucket_count_;
  std::vector<Data> columns_;
  // The bucket most recently looked up: time mostly moves forward, so this spares
  // a 64-bit division on nearly every update.
  size_t cursor_bucket_ = 0;
  Time cursor_start_;
  Time cursor_end_;
  // Counts and spans from here to cursor_end_ wait in pending_ (count(),
  // add_span()): the later of cursor_start_ and measure_from_.
  Time counting_from_;
  // Per column: a counter's count, or a level's area, made in the cursor's
  // interval after warm-up and not yet in its cell and measured total.
  std::vector<int64_t> pending_;
};

}  // namespace sim

#endif  // SCALESIM_SIM_TIME_SERIES_H_
