#include <catch2/catch.hpp>
#include <cmath>

#include <vector>

#include "models/observe/interval_latency.h"
#include "sim/distribution.h"
#include "sim/histogram.h"

TEST_CASE("Each interval's latency percentiles come from its own requests", "[outputs]") {
  models::IntervalLatency latency(sim::Duration::seconds(10), sim::Time::micros(35'000'000));
  // Interval 0: 99 requests of 1 ms and one of 300 ms; interval 1: nothing;
  // interval 2: 100 requests of 2 ms; interval 3 (5 s long): one of 50 us.
  for (int i = 0; i < 99; ++i) latency.record(sim::Time::micros(1'000'000), 1000, true);
  latency.record(sim::Time::micros(9'000'000), 300'000, true);
  for (int i = 0; i < 100; ++i) latency.record(sim::Time::micros(25'000'000), 2000, true);
  latency.record(sim::Time::micros(34'000'000), 50, true);
  latency.close();
  const auto& p50 = latency.p50_ms();
  const auto& p99 = latency.p99_ms();
  REQUIRE(p50.size() == 4);
  // Values in one bucket are spread across it, within 6.3% of the truth.
  CHECK(p50[0] == Approx(1.0).epsilon(0.063));
  CHECK(p99[0] == Approx(1.0).epsilon(0.063));  // the 99th of 100 is still 1 ms
  CHECK(std::isnan(p50[1]));
  CHECK(std::isnan(p99[1]));
  CHECK(p50[2] == Approx(2.0).epsilon(0.063));
  CHECK(p50[3] == 0.05);  // one value: the estimate is capped at the largest recorded
}

// Each latency is recorded once, finely, and coarsened when its interval ends:
// the percentiles must be those of a coarse histogram fed directly, bit for bit,
// and the run's histogram those of a fine one fed the measured latencies only.
TEST_CASE("Interval and run latencies equal those recorded directly, warm-up apart", "[outputs]") {
  const sim::Duration interval = sim::Duration::seconds(1);
  const sim::Time end = sim::Time::micros(20'000'000);
  models::IntervalLatency latency(interval, end);
  std::vector<sim::CoarseHistogram> coarse(20);
  sim::Histogram measured;
  sim::RandomStream rng(7);
  const auto service = sim::Distribution::lognormal_with_mean(40'000, 1.5);
  // Requests ending every 2 ms up to 20 s; those ending before 3 s arrived in
  // warm-up, and so do a few later ones (a long request that began in it).
  for (int64_t t = 0; t < end.us(); t += 2000) {
    const auto us = static_cast<int64_t>(service.sample(rng));
    const bool is_measured = t >= 3'000'000 && us < 1'000'000 + (t - 3'000'000);
    latency.record(sim::Time::micros(t), us, is_measured);
    coarse[static_cast<size_t>(t / interval.us())].record(us);
    if (is_measured) measured.record(us);
  }
  latency.close();
  for (size_t i = 0; i < coarse.size(); ++i) {
    INFO("interval " << i);
    CHECK(latency.p50_ms()[i] == coarse[i].quantile(0.50) / 1e3);
    CHECK(latency.p99_ms()[i] == coarse[i].quantile(0.99) / 1e3);
  }
  CHECK(latency.measured().count() == measured.count());
  CHECK(latency.measured().max() == measured.max());
  CHECK(latency.measured().mean() == measured.mean());
  for (double q : {0.0, 0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) {
    INFO("q = " << q);
    CHECK(latency.measured().quantile(q) == measured.quantile(q));
  }
}
