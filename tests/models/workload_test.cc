// The request mix, sessions and empirical service times, through whole runs.
#include <catch2/catch.hpp>

#include "app/scenario/price_books.h"
#include "harness.h"
#include "models/network/alb.h"
#include "models/serverless/api_gateway.h"

namespace {

using test::metric;
using test::replicate;
using test::tolerance;

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

models::RequestClass request_class(std::string name, double weight, double service_ms,
                                   double cpu_share = 1, uint32_t bytes = 0) {
  models::RequestClass c;
  c.name = std::move(name);
  c.weight = weight;
  c.service_time = sim::DurationDistribution::constant(
      sim::Duration::micros(static_cast<int64_t>(service_ms * 1000)));
  c.cpu_share = cpu_share;
  c.response_bytes = bytes;
  return c;
}

}  // namespace

TEST_CASE("Empirical service times: the mean of the pieces, and samples on the quantile function") {
  const auto d = sim::Distribution::empirical({{0, 10}, {0.5, 20}, {0.9, 60}, {1, 100}});
  // 0.5 x 15 + 0.4 x 40 + 0.1 x 80
  CHECK(d.mean() == Approx(31.5));
  sim::RandomStream rng(5);
  int below_20 = 0;
  int above_60 = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(rng);
    REQUIRE(x >= 10);
    REQUIRE(x <= 100);
    below_20 += x < 20;
    above_60 += x > 60;
  }
  // Binomial shares: 5 standard deviations of p(1-p)/n.
  CHECK(std::abs(below_20 / double(n) - 0.5) < 5 * std::sqrt(0.25 / n));
  CHECK(std::abs(above_60 / double(n) - 0.1) < 5 * std::sqrt(0.09 / n));
}

TEST_CASE("Request classes arrive in proportion to their weights, each measured apart") {
  models::Scenario s =
      test::mmc_scenario(50, 0.01, test::fleet(1, 8), sim::Duration::hours(1), sim::Duration(), 4);
  s.workload.classes = {request_class("feed", 3, 10), request_class("upload", 1, 200)};
  std::vector<double> feed_share;
  for (int r = 0; r < s.replications; ++r) {
    models::StrategyRun run(s, 0, static_cast<uint64_t>(r));
    const models::RunResult result = run.finish();
    const double feed = metric(result, "class.feed.arrivals");
    const double upload = metric(result, "class.upload.arrivals");
    CHECK(feed + upload == metric(result, "requests.arrivals"));
    feed_share.push_back(feed / (feed + upload));
    // Constant work, no waiting to speak of at 8 slots and load 0.5 x ... : the
    // medians are each class's own service time.
    CHECK(metric(result, "class.feed.latency.p50_ms") == Approx(10).epsilon(0.01));
    CHECK(metric(result, "class.upload.latency.p50_ms") == Approx(200).epsilon(0.01));
  }
  CHECK(std::abs(mean_of(feed_share) - 0.75) <= tolerance(feed_share));
}

TEST_CASE("Only a class's CPU share speeds up on a faster server") {
  models::Scenario s = test::mmc_scenario(1, 0.01, test::fleet(1, 64), sim::Duration::minutes(10),
                                          sim::Duration(), 1);
  s.workload.classes = {request_class("api", 1, 100, 0.25)};
  s.strategies[0].components[0].config = [] {
    models::ServerFleetConfig f = test::fleet(1, 64);
    f.speed = 2;
    return f;
  }();
  // 25 ms of CPU at twice the speed, plus 75 ms of waiting: 87.5 ms.
  CHECK(replicate(s, "latency.max_ms")[0] == Approx(87.5));
  CHECK(replicate(s, "latency.p50_ms")[0] == Approx(87.5).epsilon(0.01));
}

TEST_CASE("Sessions on a fleet with no queue are refused as Erlang B predicts") {
  // 10 media servers; broadcasts arrive at 1/min and last 8 min on average:
  // offered load 8, and a broadcast finds no idle server with probability B(10, 8).
  models::Scenario s = test::mmc_scenario(0, 1, test::fleet(10, 4), sim::Duration::hours(200),
                                          sim::Duration::hours(1), 20);
  models::SessionConfig sessions;
  sessions.arrivals.rate = models::constant_curve(1.0 / 60);
  sessions.duration = sim::DurationDistribution(sim::Distribution::exponential(8 * 60e6));
  s.workload.sessions = sessions;
  // A trickle of requests: they wait behind sessions, never start on a busy server.
  s.workload.arrivals.rate = models::constant_curve(0.001);
  const auto refused = replicate(s, "class.sessions.rate.error");
  CHECK(std::abs(mean_of(refused) - test::erlang_b(10, 8)) <= tolerance(refused));
  CHECK(tolerance(refused) < 0.02);
  // A session keeps its whole server busy: utilisation is the carried load / 10.
  const auto utilisation = replicate(s, "component.web.utilisation");
  const double carried = 8 * (1 - test::erlang_b(10, 8)) / 10;
  CHECK(std::abs(mean_of(utilisation) - carried) <= tolerance(utilisation) + 0.001);
}

TEST_CASE("Response bytes feed the ALB's processed-bytes LCU dimension") {
  // 100 requests/s of 1 MB each: 360 GB an hour, 360 LCUs by bytes alone (1 GB per
  // LCU-hour), far above the other dimensions.
  models::Scenario s = test::mmc_scenario(100, 0.001, test::fleet(1, 64), sim::Duration::hours(1),
                                          sim::Duration(), 1);
  s.workload.classes = {request_class("download", 1, 1, 1, 1'000'000)};
  models::AlbConfig alb;
  alb.requests_per_connection = 100;
  s.strategies[0].components.push_back(models::ComponentSpec{"lb", {models::Link{"web", 1}}, alb});
  s.pricing =
      models::PricingConfig{app::load_price_book(std::string(SCALESIM_SOURCE_DIR) +
                                                 "/scenarios/pricing/aws-us-east-1-2026-11.json"),
                            false};
  const double lcu_hour_usd = s.pricing->book.prices.at("alb.lcu_hour").tiers[0].usd;
  const auto lcu_usd = replicate(s, "cost.meter.lb.lcu_hours_usd");
  // Poisson arrivals over an hour: 360,000 +- 5 x 600 requests, so 360 +- 3 LCU-hours.
  CHECK(std::abs(lcu_usd[0] / lcu_hour_usd - 360) <= 5 * 0.6);
}
