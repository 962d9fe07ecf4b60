#include "app/runner.h"

#include <catch2/catch.hpp>

#include "../models/harness.h"
#include "app/output/outputs.h"

namespace {

models::Scenario two_fleets() {
  auto fleet = test::fleet(3, 2);
  fleet.queue_capacity = 10;
  fleet.queue_timeout = sim::Duration::seconds(1);
  auto s = test::mmc_scenario(50, 0.1, fleet, sim::Duration::seconds(300),
                              sim::Duration::seconds(30), 4);
  fleet.routing = models::Routing::kRandom;
  s.strategies.push_back({"random", "", {{"api", {}, fleet}}});
  return s;
}

}  // namespace

TEST_CASE("The same scenario and seed give byte-identical results for any number of threads") {
  const models::Scenario s = two_fleets();
  const auto one = app::run_experiment(s, {{}, 1});
  const auto three = app::run_experiment(s, {{}, 3});
  CHECK(app::render_results_json(s, "x.json", one) == app::render_results_json(s, "x.json", three));
  CHECK(app::render_timeseries_csv(s, one) == app::render_timeseries_csv(s, three));
}

TEST_CASE("Strategies see the same requests: common random numbers") {
  // Two identical fleets under different names must produce identical results,
  // because arrivals and work come from shared streams, not from the strategy.
  models::Scenario s = two_fleets();
  s.strategies[1] = s.strategies[0];
  s.strategies[1].name = "copy";
  s.strategies[1].components[0].name = "other-name";
  const auto result = app::run_experiment(s, {{}, 2});
  REQUIRE(result.strategies.size() == 2);
  for (size_t m = 0; m < result.strategies[0].metrics.size(); ++m) {
    const auto& a = result.strategies[0].metrics[m];
    if (a.name.starts_with("component.")) continue;  // named after the component
    INFO(a.name);
    CHECK(a.estimate.mean == result.strategies[1].metrics[m].estimate.mean);
  }
}

TEST_CASE("Selecting strategies runs only those, in the order given") {
  const models::Scenario s = two_fleets();
  const auto result = app::run_experiment(s, {{1}, 2});
  REQUIRE(result.strategies.size() == 1);
  CHECK(result.strategies[0].name == "random");
}

TEST_CASE("Metrics carry a mean and a 95% half-width over replications") {
  const models::Scenario s = two_fleets();
  const auto result = app::run_experiment(s, {{0}, 1});
  const auto& metrics = result.strategies[0].metrics;
  const auto arrivals = std::find_if(metrics.begin(), metrics.end(),
                                     [](const auto& m) { return m.name == "requests.arrivals"; });
  REQUIRE(arrivals != metrics.end());
  const auto samples = test::replicate(s, "requests.arrivals");
  CHECK(arrivals->estimate.mean == sim::estimate_mean(samples).mean);
  CHECK(*arrivals->estimate.half_width == *sim::estimate_mean(samples).half_width);
  CHECK(arrivals->estimate.samples == 4);
}
