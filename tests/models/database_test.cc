// Aurora Serverless v2's capacity over a scripted load (models/infrastructure/
// database.h), against the second-by-second trace worked out by hand: the floor
// at min_acu, 0.5-ACU steps growing with the capacity on the way up, the cap at
// max_acu, and one step down per full minute of lower demand.
#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

#include "models/infrastructure/database.h"

namespace {

double sum(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

models::AuroraScaling scaling(double min, double max) {
  models::AuroraScaling s;
  s.min_acu = min;
  s.max_acu = max;
  s.requests_per_second_per_acu = 10;
  return s;  // up 25% a second, down 25% a minute: the defaults
}

const sim::Duration kMinute = sim::Duration::seconds(60);

sim::Time at(int64_t seconds) {
  return sim::Time::zero() + sim::Duration::seconds(seconds);
}

}  // namespace

TEST_CASE("Aurora's capacity climbs in growing 0.5-ACU steps to its max, then falls slowly",
          "[database]") {
  // Five minutes: idle, 1,000 rps twice (100 ACUs wanted, 8 allowed), then 10 rps
  // (1 ACU wanted, the floor is 2).
  const std::vector<double> requests = {0, 60000, 60000, 600, 600};
  const models::AcuTrace trace =
      models::aurora_capacity(requests, kMinute, at(300), at(0), scaling(2, 8));
  REQUIRE(trace.acu_seconds.size() == 5);
  // Idle at the floor: 2 ACUs for 60 s.
  CHECK(trace.acu_seconds[0] == 120);
  // Up by max(0.5, 25% rounded down to 0.5) each second: 2, 2.5, 3, 3.5, 4, 5, 6,
  // 7.5, then 8 (7.5 + 1.5 is capped) for the last 52 s.
  CHECK(trace.acu_seconds[1] == 2 + 2.5 + 3 + 3.5 + 4 + 5 + 6 + 7.5 + 52 * 8);
  CHECK(trace.acu_seconds[2] == 60 * 8);
  // Down: a full minute below first, then 8 - 2 = 6; a minute later 6 - 1.5.
  CHECK(trace.acu_seconds[3] == 60 * 8);
  CHECK(trace.acu_seconds[4] == 60 * 6);
  CHECK(trace.measured_acu_seconds == sum(trace.acu_seconds));
  CHECK(trace.measured_peak == 8);

  // Measured from 4 minutes on, only the last minute counts, and its peak is 6.
  const models::AcuTrace late =
      models::aurora_capacity(requests, kMinute, at(300), at(240), scaling(2, 8));
  CHECK(late.measured_acu_seconds == 360);
  CHECK(late.measured_peak == 6);
  CHECK(sum(late.acu_seconds) == sum(trace.acu_seconds));
}

TEST_CASE("Aurora's capacity stays at its floor without load and meets a steady target",
          "[database]") {
  // An hour without requests: min_acu for every second.
  const std::vector<double> idle(60, 0.0);
  const models::AcuTrace floor =
      models::aurora_capacity(idle, kMinute, at(3600), at(0), scaling(0.5, 16));
  CHECK(floor.measured_acu_seconds == 0.5 * 3600);
  CHECK(floor.measured_peak == 0.5);

  // 25 rps is 2.5 ACUs: from 0.5 in 0.5 steps, one a second (0.5, 1, 1.5, 2), then 2.5.
  const std::vector<double> steady(60, 25 * 60.0);
  const models::AcuTrace s =
      models::aurora_capacity(steady, kMinute, at(3600), at(0), scaling(0.5, 16));
  CHECK(s.measured_acu_seconds == 0.5 + 1 + 1.5 + 2 + 2.5 * (3600 - 4));
  CHECK(s.measured_peak == 2.5);

  // A rate between steps rounds up to the next 0.5 ACU: 26 rps wants 3.
  const std::vector<double> between(60, 26 * 60.0);
  CHECK(
      models::aurora_capacity(between, kMinute, at(3600), at(0), scaling(0.5, 16)).measured_peak ==
      3);
}

TEST_CASE("Aurora's capacity follows the series even where intervals and the end are ragged",
          "[database]") {
  // 90-second intervals over 200 s: the last interval is 20 s long. 20 rps then 40
  // rps over the last 20 s (800 requests): targets 2 and 4, capped at 3.
  const std::vector<double> requests = {1800, 1800, 800};
  const models::AcuTrace t =
      models::aurora_capacity(requests, sim::Duration::seconds(90), at(200), at(0), scaling(2, 3));
  REQUIRE(t.acu_seconds.size() == 3);
  CHECK(t.acu_seconds[0] == 180);
  CHECK(t.acu_seconds[1] == 180);
  // 180 s at 2, then 2 at second 180 and 2.5 at 181, 3 for the last 18 s.
  CHECK(t.acu_seconds[2] == 2 + 2.5 + 18 * 3);
  CHECK(t.measured_peak == 3);
}
