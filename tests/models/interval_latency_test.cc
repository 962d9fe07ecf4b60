#include <catch2/catch.hpp>
#include <cmath>

#include "models/observe/interval_latency.h"

TEST_CASE("Each interval's latency percentiles come from its own requests", "[outputs]") {
  models::IntervalLatency latency(sim::Duration::seconds(10), sim::Time::micros(35'000'000));
  // Interval 0: 99 requests of 1 ms and one of 300 ms; interval 1: nothing;
  // interval 2: 100 requests of 2 ms; interval 3 (5 s long): one of 50 us.
  for (int i = 0; i < 99; ++i) latency.record(sim::Time::micros(1'000'000), 1000);
  latency.record(sim::Time::micros(9'000'000), 300'000);
  for (int i = 0; i < 100; ++i) latency.record(sim::Time::micros(25'000'000), 2000);
  latency.record(sim::Time::micros(34'000'000), 50);
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
