#include "sim/time_series.h"

#include <catch2/catch.hpp>

namespace {
sim::Time at_s(double s) {
  return sim::Time::micros(static_cast<int64_t>(s * 1e6));
}
}  // namespace

TEST_CASE("Counters count per interval, the end instant belonging to the last interval") {
  sim::TimeSeries series(sim::Duration::seconds(10), at_s(30), at_s(0));
  const auto arrivals = series.counter("", "arrivals");
  for (double t : {0.0, 9.999999, 10.0, 25.0, 30.0}) series.count(arrivals, at_s(t));
  series.close(at_s(30));
  CHECK(series.values(arrivals) == std::vector<double>{2, 1, 2});
}

TEST_CASE("A level's interval values are exact time-weighted means") {
  sim::TimeSeries series(sim::Duration::seconds(10), at_s(25), at_s(0));
  const auto busy = series.level("web", "busy");
  series.change(busy, at_s(0), 2);    // 2 on [0, 5)
  series.change(busy, at_s(5), 2);    // 4 on [5, 22)
  series.change(busy, at_s(22), -4);  // 0 on [22, 25]
  series.close(at_s(25));
  const std::vector<double> values = series.values(busy);
  REQUIRE(values.size() == 3);
  CHECK(values[0] == Approx((2 * 5 + 4 * 5) / 10.0));
  CHECK(values[1] == Approx(4.0));
  CHECK(values[2] == Approx((4 * 2 + 0 * 3) / 5.0));  // the last interval is 5 s long
  CHECK(series.mean(busy) == Approx((2 * 5 + 4 * 17) / 25.0));
  CHECK(series.current(busy) == 0);
}

TEST_CASE("A level's mean covers only the measured part of the run") {
  sim::TimeSeries series(sim::Duration::seconds(10), at_s(100), at_s(40));
  const auto running = series.level("web", "instances_running");
  series.change(running, at_s(0), 10);   // 10 during warm-up
  series.change(running, at_s(30), -8);  // 2 from 30 s on
  series.change(running, at_s(70), 4);   // 6 from 70 s on
  series.close(at_s(100));
  CHECK(series.mean(running) == Approx((2 * 30 + 6 * 30) / 60.0));
}

TEST_CASE("Columns are found by group and quantity") {
  sim::TimeSeries series(sim::Duration::seconds(1), at_s(10), at_s(0));
  const auto a = series.level("a", "busy");
  const auto b = series.level("b", "busy");
  CHECK(a != b);
  CHECK(series.level("a", "busy") == a);
  CHECK(series.group(b) == "b");
  CHECK(series.quantity(b) == "busy");
  CHECK(series.kind(a) == sim::TimeSeries::Kind::kLevel);
}

TEST_CASE("A span adds its weight over its extent, split across intervals and clipped to the run") {
  sim::TimeSeries series(sim::Duration::seconds(10), at_s(30), at_s(5));
  const auto busy = series.level("web", "in_service");
  series.add_span(busy, at_s(2), at_s(4));      // inside interval 0, before measuring
  series.add_span(busy, at_s(8), at_s(23), 2);  // spans three intervals
  series.add_span(busy, at_s(25), at_s(1000));  // runs past the end
  series.close(at_s(30));
  const std::vector<double> values = series.values(busy);
  CHECK(values[0] == Approx((2 + 2 * 2) / 10.0));
  CHECK(values[1] == Approx(2.0));
  CHECK(values[2] == Approx((2 * 3 + 5) / 10.0));
  CHECK(series.mean(busy) == Approx((2 * 15 + 5) / 25.0));
  CHECK(series.current(busy) == 0);
}

// Counts in the current interval after warm-up wait in a tally until the interval
// changes; what is read before then must include them, and counts in warm-up or
// in an earlier interval must land where they belong.
TEST_CASE("Counts read before the interval changes or the series closes are all there") {
  sim::TimeSeries series(sim::Duration::seconds(10), at_s(40), at_s(15));
  const auto arrivals = series.counter("", "arrivals");
  const auto busy = series.level("web", "busy");
  series.count(arrivals, at_s(12));  // warm-up, in the interval [10, 20)
  series.count(arrivals, at_s(16), 2);
  series.count(arrivals, at_s(19));
  CHECK(series.total(arrivals) == 3);  // from 15 s on
  CHECK(series.values(arrivals) == std::vector<double>{0, 4, 0, 0});
  series.add_span(busy, at_s(18), at_s(35));  // spans three intervals: the counts stay
  series.count(arrivals, at_s(17));           // still in the current interval
  series.count(arrivals, at_s(21));           // the next one
  series.count(arrivals, at_s(5));            // an earlier interval, in warm-up
  series.count(arrivals, at_s(39), 3);
  CHECK(series.total(arrivals) == 8);
  CHECK(series.values(arrivals) == std::vector<double>{1, 5, 1, 3});
  series.close(at_s(40));
  CHECK(series.total(arrivals) == 8);
  CHECK(series.values(arrivals) == std::vector<double>{1, 5, 1, 3});
  CHECK(series.values(busy) == std::vector<double>{0, 0.2, 1, 0.5});
}

// A span in the current interval after warm-up waits in a 64-bit tally, as a
// count does. One whose area, or the tally's sum, would pass 2^63 goes straight
// to the 128-bit cells instead: the areas stay exact.
TEST_CASE("Spans whose areas pass 64 bits in one interval are added exactly") {
  const int64_t hour_us = int64_t{3600} * 1'000'000;
  sim::TimeSeries series(sim::Duration::hours(1), sim::Time::micros(2 * hour_us),
                         sim::Time::zero());
  const auto queued = series.level("web", "queued");
  const int64_t weight = int64_t{1} << 42;  // 2^42 x 3.6e9 us is past 2^63
  series.add_span(queued, sim::Time::zero(), sim::Time::micros(hour_us), weight);
  const int64_t half = (int64_t{1} << 62) / hour_us;  // two such spans pass 2^63
  series.add_span(queued, sim::Time::zero(), sim::Time::micros(hour_us), half);
  series.add_span(queued, sim::Time::zero(), sim::Time::micros(hour_us), half);
  series.add_span(queued, sim::Time::micros(hour_us), sim::Time::micros(hour_us + 10), 3);
  series.close(sim::Time::micros(2 * hour_us));
  const std::vector<double> values = series.values(queued);
  REQUIRE(values.size() == 2);
  CHECK(values[0] == static_cast<double>(weight + 2 * half));
  CHECK(values[1] == 30.0 / static_cast<double>(hour_us));
  const sim::Int128 area = static_cast<sim::Int128>(weight + 2 * half) * hour_us + 30;
  CHECK(series.mean(queued) == static_cast<double>(area) / static_cast<double>(2 * hour_us));
}

// A run settles its fleets after it closes the series: what waits at the end is
// added then, and must count as much as what was added before.
TEST_CASE("A span added after the series closed counts in its values and mean") {
  sim::TimeSeries series(sim::Duration::seconds(10), at_s(20), at_s(0));
  const auto queued = series.level("web", "queued");
  series.add_span(queued, at_s(12), at_s(14));
  series.close(at_s(20));
  series.add_span(queued, at_s(16), at_s(20), 2);
  series.add_span(queued, at_s(1), at_s(2));
  CHECK(series.values(queued) == std::vector<double>{0.1, (2 + 2 * 4) / 10.0});
  CHECK(series.mean(queued) == Approx((1 + 2 + 2 * 4) / 20.0));
}
