#include "models/network/alb.h"

#include <catch2/catch.hpp>

#include "harness.h"
#include "models/compute/server_fleet.h"

namespace {

// A target that counts what reaches it and when.
class Counter final : public models::Component {
 public:
  Counter(std::string name, const sim::Simulation& simulation)
      : Component(std::move(name)), sim_(simulation) {}
  void accept(const models::Request& r) override {
    ++count;
    last_id = r.id;
    last_at_us = sim_.now().us();
  }
  int64_t held() const override { return 0; }
  uint64_t count = 0;
  uint64_t last_id = 0;
  int64_t last_at_us = 0;

 private:
  const sim::Simulation& sim_;
};

}  // namespace

TEST_CASE("An ALB forwards each request after its latency, in arrival order") {
  test::Bench bench;
  Counter target("web", bench.simulation);
  models::Alb alb("lb", {sim::Duration::millis(2)}, {{&target, 1.0}}, bench.context);
  test::ScriptedArrivals arrivals({{1000, 0}, {1500, 0}, {1500, 0}}, alb, bench.sink);
  bench.simulation.run_until(sim::Time::micros(2999), &arrivals);
  CHECK(target.count == 0);
  CHECK(alb.held() == 3);
  bench.simulation.run_until(sim::Time::micros(3000), &arrivals);
  CHECK(target.count == 1);
  bench.simulation.run_until(sim::Time::micros(10000), &arrivals);
  CHECK(target.count == 3);
  CHECK(target.last_id == 2);
  CHECK(target.last_at_us == 3500);
  CHECK(alb.held() == 0);
}

TEST_CASE("An ALB splits requests across target groups in proportion to their weights") {
  test::Bench bench;
  Counter blue("blue", bench.simulation);
  Counter green("green", bench.simulation);
  models::Alb alb("lb", {}, {{&blue, 3.0}, {&green, 1.0}}, bench.context);
  std::vector<test::Scripted> script;
  const int n = 40000;
  for (int i = 0; i < n; ++i) script.push_back({i, 0});
  test::ScriptedArrivals arrivals(script, alb, bench.sink);
  bench.simulation.run_until(sim::Time::micros(n), &arrivals);
  CHECK(blue.count + green.count == n);
  // Binomial(n, 0.75): standard deviation about 87; 5 of them fail by chance with
  // probability below 1e-6.
  CHECK(std::abs(static_cast<double>(blue.count) - 0.75 * n) < 5 * std::sqrt(n * 0.75 * 0.25));
}

TEST_CASE("A slot that frees at the instant an ALB forwards a request is free for it") {
  test::Bench bench;
  auto config = test::fleet(1, 1);
  config.queue_capacity = 0;
  models::ServerFleet fleet("web", config, bench.context);
  models::Alb alb("lb", {sim::Duration::millis(1)}, {{&fleet, 1.0}}, bench.context);
  // A reaches the fleet at 1 ms and finishes at 12 ms, when B reaches it.
  test::ScriptedArrivals arrivals({{0, 11000}, {11000, 1000}}, alb, bench.sink);
  bench.simulation.run_until(sim::Time::micros(100000), &arrivals);
  REQUIRE(bench.sink.endings.size() == 2);
  CHECK(bench.sink.find(1)->outcome == models::Outcome::kOk);
  CHECK(bench.sink.find(1)->waited_us == 0);
}
