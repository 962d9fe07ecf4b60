#include "models/compute/server_fleet.h"

#include <catch2/catch.hpp>

#include "harness.h"

using models::Outcome;

namespace {

constexpr int64_t kSecond = 1'000'000;

void run(test::Bench& bench, models::Component& entry, std::vector<test::Scripted> script) {
  test::ScriptedArrivals arrivals(std::move(script), entry, bench.sink);
  bench.simulation.run_until(sim::Time::micros(1000 * kSecond), &arrivals);
}

}  // namespace

TEST_CASE(
    "Given a busy slot and a short queue, waiting requests time out and the next is refused") {
  test::Bench bench;
  auto config = test::fleet(1, 1);
  config.queue_capacity = 2;
  config.queue_timeout = sim::Duration::seconds(1);
  models::ServerFleet fleet("web", config, bench.context);
  run(bench, fleet,
      {{0, 3 * kSecond},
       {kSecond / 10, kSecond},
       {2 * kSecond / 10, kSecond},
       {3 * kSecond / 10, kSecond}});

  const auto& s = bench.sink;
  REQUIRE(s.endings.size() == 4);
  CHECK(s.find(3)->outcome == Outcome::kNoCapacity);  // queue full when it came
  CHECK(s.find(3)->at_us == 3 * kSecond / 10);
  CHECK(s.find(1)->outcome == Outcome::kQueueTimeout);
  CHECK(s.find(1)->at_us == kSecond / 10 + kSecond);
  CHECK(s.find(1)->waited_us == kSecond);
  CHECK(s.find(2)->outcome == Outcome::kQueueTimeout);
  CHECK(s.find(2)->at_us == 2 * kSecond / 10 + kSecond);
  CHECK(s.find(0)->outcome == Outcome::kOk);
  CHECK(s.find(0)->at_us == 3 * kSecond);
  CHECK(fleet.held() == 0);
}

TEST_CASE("A queued request that reaches a slot in time records exactly how long it waited") {
  test::Bench bench;
  auto config = test::fleet(1, 1);
  config.queue_timeout = sim::Duration::seconds(10);
  models::ServerFleet fleet("web", config, bench.context);
  run(bench, fleet, {{0, 2 * kSecond}, {kSecond / 2, kSecond}});
  REQUIRE(bench.sink.endings.size() == 2);
  CHECK(bench.sink.find(1)->outcome == Outcome::kOk);
  CHECK(bench.sink.find(1)->waited_us == 3 * kSecond / 2);
  CHECK(bench.sink.find(1)->at_us == 3 * kSecond);
}

TEST_CASE(
    "A wait that reaches the timeout exactly has timed out, even if a slot frees at that instant") {
  test::Bench bench;
  auto config = test::fleet(1, 1);
  config.queue_timeout = sim::Duration::seconds(1);
  models::ServerFleet fleet("web", config, bench.context);
  run(bench, fleet, {{0, 2 * kSecond}, {kSecond, kSecond}});
  CHECK(bench.sink.find(1)->outcome == Outcome::kQueueTimeout);
  CHECK(bench.sink.find(1)->at_us == 2 * kSecond);
}

TEST_CASE("Least outstanding requests routes around a busy instance: round robin does not") {
  const std::vector<test::Scripted> script = {
      {0, 10 * kSecond}, {kSecond, kSecond}, {3 * kSecond, kSecond}};
  for (auto routing : {models::Routing::kLeastOutstanding, models::Routing::kRoundRobin}) {
    test::Bench bench;
    auto config = test::fleet(2, 1);
    config.routing = routing;
    models::ServerFleet fleet("web", config, bench.context);
    run(bench, fleet, script);
    const bool least = routing == models::Routing::kLeastOutstanding;
    // The third request finds instance 0 busy until 10 s and instance 1 free.
    CHECK(bench.sink.find(2)->waited_us == (least ? 0 : 7 * kSecond));
  }
}

TEST_CASE("Instances launched at time zero serve only after booting") {
  test::Bench bench;
  auto config = test::fleet(1, 1);
  config.running_at_start = false;
  config.boot_time = sim::DurationDistribution::constant(sim::Duration::seconds(10));
  models::ServerFleet fleet("web", config, bench.context);
  run(bench, fleet, {{5 * kSecond, kSecond}, {11 * kSecond, kSecond}});
  CHECK(bench.sink.find(0)->outcome == Outcome::kNoCapacity);
  CHECK(bench.sink.find(0)->at_us == 5 * kSecond);
  CHECK(bench.sink.find(1)->outcome == Outcome::kOk);
  CHECK(bench.sink.find(1)->at_us == 12 * kSecond);
}

TEST_CASE("A faster instance type divides the work by its speed") {
  test::Bench bench;
  auto config = test::fleet(1, 1);
  config.speed = 2.0;
  models::ServerFleet fleet("web", config, bench.context);
  run(bench, fleet, {{0, 3 * kSecond}});
  CHECK(bench.sink.find(0)->at_us == 3 * kSecond / 2);
}

TEST_CASE("A fleet holds exactly the requests in service and queued") {
  test::Bench bench;
  auto config = test::fleet(2, 2);
  models::ServerFleet fleet("web", config, bench.context);
  test::ScriptedArrivals arrivals({{0, 5 * kSecond},
                                   {0, 5 * kSecond},
                                   {0, 5 * kSecond},
                                   {0, 5 * kSecond},
                                   {0, 5 * kSecond},
                                   {0, 5 * kSecond}},
                                  fleet, bench.sink);
  bench.simulation.run_until(sim::Time::micros(kSecond), &arrivals);
  CHECK(fleet.held() == 6);
  CHECK(bench.sink.endings.empty());
  bench.simulation.run_until(sim::Time::micros(6 * kSecond), &arrivals);
  CHECK(fleet.held() == 2);
  CHECK(bench.sink.endings.size() == 4);
}
