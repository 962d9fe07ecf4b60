// The server fleet against queueing theory. Each test runs independent
// replications, takes the 99.9% confidence interval of the simulated mean, and
// requires the theoretical value inside it; it also requires the interval to be
// narrow, so that a loose simulation cannot pass by being vague.
#include <catch2/catch.hpp>

#include "harness.h"

namespace {

struct Load {
  int slots;
  double utilisation;
};

}  // namespace

TEST_CASE("A fixed fleet matches Erlang C: probability of waiting and mean wait") {
  const double service_s = 0.1;  // exponential, mu = 10/s per slot
  for (const Load load : {Load{4, 0.5}, Load{4, 0.8}, Load{4, 0.9}, Load{16, 0.85}}) {
    const double mu = 1 / service_s;
    const double lambda = load.utilisation * load.slots * mu;
    const double horizon_s = 150000 / lambda;  // about 150,000 requests per replication
    auto fleet = test::fleet(1, static_cast<uint32_t>(load.slots));
    const auto s =
        test::mmc_scenario(lambda, service_s, fleet, sim::Duration::from_seconds(horizon_s),
                           sim::Duration::from_seconds(horizon_s / 50), 20);
    const double a = lambda / mu;
    const double p_wait = test::erlang_c(load.slots, a);
    const double mean_wait_ms = 1000 * p_wait / (load.slots * mu - lambda);

    INFO("c = " << load.slots << ", utilisation " << load.utilisation);
    const auto waits = test::replicate(s, "wait.probability");
    const auto mean_waits = test::replicate(s, "wait.mean_ms");
    const sim::Estimate w = sim::estimate_mean(waits);
    const sim::Estimate q = sim::estimate_mean(mean_waits);
    CHECK(std::abs(w.mean - p_wait) <= test::tolerance(waits));
    CHECK(std::abs(q.mean - mean_wait_ms) <= test::tolerance(mean_waits));
    CHECK(*w.half_width < 0.05 * p_wait);
    CHECK(*q.half_width < 0.08 * mean_wait_ms);
  }
}

TEST_CASE("Little's law: requests in the system equal arrival rate times time in the system") {
  auto fleet = test::fleet(3, 2);
  fleet.routing = models::Routing::kLeastOutstanding;
  const auto s = test::mmc_scenario(50, 0.1, fleet, sim::Duration::seconds(4000),
                                    sim::Duration::seconds(100), 10);
  std::vector<double> ratios;
  for (int r = 0; r < s.replications; ++r) {
    models::StrategyRun run(s, 0, static_cast<uint64_t>(r));
    const models::RunResult result = run.finish();
    const double in_system = test::metric(result, "capacity.in_service_mean") +
                             test::metric(result, "capacity.queued_mean");
    const double lambda = test::metric(result, "requests.arrival_rate_per_s");
    const double sojourn_s = test::metric(result, "latency.mean_ms") / 1000;
    ratios.push_back(in_system / (lambda * sojourn_s));
  }
  const sim::Estimate e = sim::estimate_mean(ratios);
  CHECK(std::abs(e.mean - 1.0) <= std::max(test::tolerance(ratios), 1e-3));
  CHECK(std::abs(e.mean - 1.0) < 0.005);
}

TEST_CASE("Random routing splits Poisson traffic into independent M/M/c queues") {
  // 5 instances of 2 slots each at 75%: each instance is M/M/2 with a = 1.5.
  auto fleet = test::fleet(5, 2);
  fleet.routing = models::Routing::kRandom;
  const double lambda = 75;
  const auto s = test::mmc_scenario(lambda, 0.1, fleet, sim::Duration::seconds(2000),
                                    sim::Duration::seconds(40), 20);
  const auto waits = test::replicate(s, "wait.probability");
  CHECK(std::abs(sim::estimate_mean(waits).mean - test::erlang_c(2, 1.5)) <=
        test::tolerance(waits));
}

TEST_CASE("Least outstanding requests waits less than random routing at the same load") {
  auto fleet = test::fleet(5, 2);
  fleet.routing = models::Routing::kRandom;
  const auto random = test::mmc_scenario(75, 0.1, fleet, sim::Duration::seconds(2000),
                                         sim::Duration::seconds(40), 5);
  fleet.routing = models::Routing::kLeastOutstanding;
  const auto least = test::mmc_scenario(75, 0.1, fleet, sim::Duration::seconds(2000),
                                        sim::Duration::seconds(40), 5);
  const double random_wait = sim::estimate_mean(test::replicate(random, "wait.mean_ms")).mean;
  const double least_wait = sim::estimate_mean(test::replicate(least, "wait.mean_ms")).mean;
  CHECK(least_wait < 0.5 * random_wait);
}

TEST_CASE("Without a queue the fleet is a loss system: blocking matches Erlang B") {
  auto fleet = test::fleet(1, 5);
  fleet.queue_capacity = 0;
  const double lambda = 40;  // a = 4 erlangs on 5 slots
  const auto s = test::mmc_scenario(lambda, 0.1, fleet, sim::Duration::seconds(3000),
                                    sim::Duration::seconds(10), 20);
  const auto blocked = test::replicate(s, "rate.no_capacity");
  CHECK(std::abs(sim::estimate_mean(blocked).mean - test::erlang_b(5, 4.0)) <=
        test::tolerance(blocked));
}

TEST_CASE("A bounded queue blocks like M/M/1/K") {
  auto fleet = test::fleet(1, 1);
  fleet.queue_capacity = 3;  // room for 4 in the system
  const double rho = 0.8;
  const auto s = test::mmc_scenario(8, 0.1, fleet, sim::Duration::seconds(20000),
                                    sim::Duration::seconds(50), 20);
  const double expected = (1 - rho) * std::pow(rho, 4) / (1 - std::pow(rho, 5));
  const auto blocked = test::replicate(s, "rate.no_capacity");
  CHECK(std::abs(sim::estimate_mean(blocked).mean - expected) <= test::tolerance(blocked));
}

TEST_CASE("Every request is accounted for: ok, failed or still in flight") {
  auto fleet = test::fleet(2, 2);
  fleet.queue_capacity = 5;
  fleet.queue_timeout = sim::Duration::millis(300);
  const auto s =
      test::mmc_scenario(60, 0.1, fleet, sim::Duration::seconds(600), sim::Duration(), 3);
  for (int r = 0; r < s.replications; ++r) {
    models::StrategyRun run(s, 0, static_cast<uint64_t>(r));
    const models::RunResult result = run.finish();  // also checks conservation internally
    const double ended = test::metric(result, "requests.ok") +
                         test::metric(result, "requests.no_capacity") +
                         test::metric(result, "requests.queue_timeout") +
                         test::metric(result, "requests.in_flight_at_end");
    CHECK(ended == test::metric(result, "requests.arrivals"));
    CHECK(test::metric(result, "requests.no_capacity") > 0);
    CHECK(test::metric(result, "requests.queue_timeout") > 0);
  }
}
