#include "models/traffic/arrivals.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace {

// Counts arrivals per window of a process. Windows are [edges[i], edges[i+1]).
std::vector<double> counts(models::ArrivalProcess& process, const std::vector<double>& edges_s) {
  std::vector<double> out(edges_s.size() - 1, 0);
  for (sim::Time t = process.next(); t.seconds() < edges_s.back(); t = process.next()) {
    for (size_t w = 0; w + 1 < edges_s.size(); ++w) {
      if (t.seconds() >= edges_s[w] && t.seconds() < edges_s[w + 1]) out[w]++;
    }
  }
  return out;
}

// A count of a Poisson process is Poisson: within 5 standard deviations of its
// mean except with probability below 1e-6 per window (seeds are fixed).
void check_poisson_count(double count, double mean) {
  INFO("count " << count << ", expected " << mean);
  CHECK(std::abs(count - mean) <= 5 * std::sqrt(std::max(mean, 1.0)));
}

}  // namespace

TEST_CASE("Poisson arrivals arrive at their rate, and nothing arrives at rate zero") {
  models::ArrivalConfig config;
  config.rate_per_second = 250;
  auto process = models::make_arrival_process(config, sim::RandomStream(1));
  const auto c = counts(*process, {0, 1000, 2000});
  check_poisson_count(c[0], 250000);
  check_poisson_count(c[1], 250000);

  config.rate_per_second = 0;
  CHECK(models::make_arrival_process(config, sim::RandomStream(1))->next() == sim::Time::never());
}

TEST_CASE("A schedule's count in each segment is the integral of its rate") {
  models::ArrivalConfig config;
  config.kind = models::ArrivalConfig::Kind::kSchedule;
  config.segments = {{sim::Duration::hours(1), 10},
                     {sim::Duration::minutes(30), 0},
                     {sim::Duration::hours(2), 50}};
  auto process = models::make_arrival_process(config, sim::RandomStream(2));
  const auto c = counts(*process, {0, 3600, 5400, 12600, 20000});
  check_poisson_count(c[0], 36000);
  CHECK(c[1] == 0);
  check_poisson_count(c[2], 360000);
  CHECK(c[3] == 0);  // no repeat: arrivals end with the last segment
}

TEST_CASE("A repeating schedule starts over after its last segment") {
  models::ArrivalConfig config;
  config.kind = models::ArrivalConfig::Kind::kSchedule;
  config.repeat = true;
  config.segments = {{sim::Duration::seconds(60), 100}, {sim::Duration::seconds(40), 5}};
  auto process = models::make_arrival_process(config, sim::RandomStream(3));
  const auto c = counts(*process, {0, 60, 100, 160, 200, 260, 300});
  for (size_t cycle = 0; cycle < 3; ++cycle) {
    check_poisson_count(c[2 * cycle], 6000);
    check_poisson_count(c[2 * cycle + 1], 200);
  }
}

TEST_CASE("Arrival times never decrease") {
  models::ArrivalConfig config;
  config.kind = models::ArrivalConfig::Kind::kSchedule;
  config.repeat = true;
  config.segments = {{sim::Duration::millis(3), 1e5}, {sim::Duration::millis(7), 1e3}};
  auto process = models::make_arrival_process(config, sim::RandomStream(4));
  sim::Time previous = sim::Time::zero();
  for (int i = 0; i < 100000; ++i) {
    const sim::Time t = process->next();
    REQUIRE(t >= previous);
    previous = t;
  }
}
