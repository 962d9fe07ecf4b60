// Lambda's limits wall: ENIs and subnets on the legacy VPC model, Hyperplane
// ENIs, and timelines that change the limits during a run. Scripted bursts, so
// every count is exact.
#include <algorithm>
#include <catch2/catch.hpp>

#include "harness.h"
#include "models/policies/timeline.h"
#include "models/serverless/lambda_function.h"
#include "scaling_bench.h"

using models::Outcome;

namespace {

constexpr int64_t kSecond = 1'000'000;

models::SubnetConfig subnet(const std::string& name, int prefix) {
  models::SubnetConfig s;
  s.name = name;
  s.prefix = prefix;
  return s;
}

// A function of `memory_mb` on the legacy VPC model: ENIs take 10 s, inits 1 s.
models::LambdaConfig legacy_function(int memory_mb, std::vector<models::SubnetConfig> subnets) {
  models::LambdaConfig c;
  c.memory_mb = memory_mb;
  c.init_duration = sim::DurationDistribution::constant(sim::Duration::seconds(1));
  c.timeout = sim::Duration::seconds(900);
  models::VpcConfig vpc;
  vpc.model = models::VpcModel::kLegacy;
  vpc.eni_quota = 100000;
  vpc.create_burst = 100000;
  vpc.subnets = std::move(subnets);
  c.vpc = vpc;
  return c;
}

// `n` requests at `at_s`, each 60 s of work: every one needs its own environment.
std::vector<test::Scripted> burst(int n, int64_t at_s = 0) {
  return std::vector<test::Scripted>(static_cast<size_t>(n), {at_s * kSecond, 60 * kSecond});
}

size_t count(const test::RecordingSink& sink, Outcome outcome) {
  size_t n = 0;
  for (const test::Ending& e : sink.endings) n += e.outcome == outcome;
  return n;
}

void run(test::Bench& bench, models::Component& entry, std::vector<test::Scripted> script,
         int64_t until_s) {
  test::ScriptedArrivals arrivals(std::move(script), entry, bench.sink);
  bench.simulation.run_until(sim::Time::micros(until_s * kSecond), &arrivals);
}

}  // namespace

TEST_CASE("Legacy VPC: a full subnet fails its share of new ENIs while another has room", "[vpc]") {
  test::Bench bench;
  // 3,072 MB: one environment per ENI. ENIs alternate between the subnets; the
  // /28 has 11 addresses, so of 40 ENIs its 11 succeed, its other 9 fail.
  models::LambdaFunction fn("fn", legacy_function(3072, {subnet("small", 28), subnet("big", 20)}),
                            bench.context);
  run(bench, fn, burst(40), 200);
  CHECK(count(bench.sink, Outcome::kSubnetIpExhausted) == 9);
  CHECK(count(bench.sink, Outcome::kOk) == 31);
  CHECK(bench.sink.endings.size() == 40);
  // The ENI's 10 s come before the 1 s init and the 60 s of work.
  CHECK(bench.sink.endings.back().at_us == 71 * kSecond);
}

TEST_CASE("Legacy VPC: the region's ENI quota counts other resources' ENIs", "[vpc]") {
  test::Bench bench;
  auto config = legacy_function(1536, {subnet("a", 20)});
  config.vpc->eni_quota = 350;
  config.vpc->enis_in_use = 341;
  models::LambdaFunction fn("fn", config, bench.context);
  // 1,536 MB: two environments per ENI. Nine ENIs are left under the quota:
  // 18 environments; the other 2 of the burst end as eni_limit.
  run(bench, fn, burst(20), 200);
  CHECK(count(bench.sink, Outcome::kOk) == 18);
  CHECK(count(bench.sink, Outcome::kEniLimit) == 2);
  models::MetricList metrics;
  fn.report(metrics);
  const auto created = std::find_if(metrics.begin(), metrics.end(), [](const models::Metric& m) {
    return m.name == "component.fn.enis_created";
  });
  REQUIRE(created != metrics.end());
  CHECK(created->value == 9);
}

TEST_CASE("Legacy VPC: CreateNetworkInterface is throttled as a token bucket", "[vpc]") {
  test::Bench bench;
  auto config = legacy_function(3072, {subnet("a", 20)});
  config.vpc->create_burst = 5;
  config.vpc->create_per_second = 1;
  models::LambdaFunction fn("fn", config, bench.context);
  // Eight at once: five calls succeed, three are throttled; a second later one
  // token is back, for one of two.
  auto script = burst(8);
  for (const test::Scripted& s : burst(2, 1)) script.push_back(s);
  run(bench, fn, script, 200);
  CHECK(count(bench.sink, Outcome::kOk) == 6);
  CHECK(count(bench.sink, Outcome::kLambdaThrottled) == 4);
}

TEST_CASE("Legacy VPC: reclaimed environments give their ENIs back", "[vpc]") {
  test::Bench bench;
  auto config = legacy_function(3072, {subnet("a", 20)});
  config.vpc->eni_quota = 2;
  models::LambdaFunction fn("fn", config, bench.context);
  // Two at 0 s take both ENIs. At 100 s they are warm: reused without ENIs. At
  // 1,000 s they have been reclaimed (10 minutes idle), their ENIs deleted, and
  // two new environments get ENIs again; a third finds the quota full.
  auto script = burst(2);
  for (const test::Scripted& s : burst(2, 100)) script.push_back(s);
  for (const test::Scripted& s : burst(3, 1000)) script.push_back(s);
  run(bench, fn, script, 2000);
  CHECK(count(bench.sink, Outcome::kOk) == 6);
  CHECK(count(bench.sink, Outcome::kEniLimit) == 1);
}

TEST_CASE("Hyperplane: a function whose ENIs exceed the quota serves nothing", "[vpc]") {
  test::Bench bench;
  auto config = legacy_function(1024, {subnet("a", 24), subnet("b", 24)});
  config.vpc->model = models::VpcModel::kHyperplane;
  config.vpc->eni_quota = 5;
  config.vpc->enis_in_use = 4;  // room for one of its two ENIs: it serves through that one
  models::LambdaFunction fits("fits", config, bench.context);
  run(bench, fits, burst(3), 100);
  CHECK(count(bench.sink, Outcome::kOk) == 3);
  // No ENI wait on Hyperplane: 1 s init and 60 s of work.
  CHECK(bench.sink.endings.back().at_us == 61 * kSecond);

  test::Bench full;
  config.vpc->enis_in_use = 5;
  models::LambdaFunction failed("failed", config, full.context);
  run(full, failed, burst(3), 100);
  CHECK(count(full.sink, Outcome::kEniLimit) == 3);
}

TEST_CASE("A timeline's limit changes take effect at their instant", "[vpc][timeline]") {
  test::ScalingBench bench;
  models::SharedState shared;
  bench.context.shared = &shared;
  bench.context.ledger = nullptr;  // unpriced: its book has no Lambda prices
  auto config = legacy_function(3072, {subnet("a", 20)});
  config.account_concurrency = 3;
  config.vpc->eni_quota = 4;
  models::LambdaFunction fn("fn", config, bench.context);
  models::TimelineConfig timeline;
  models::TimelineEvent raise;
  raise.at = sim::Duration::seconds(100);
  raise.account_concurrency = 10;
  raise.eni_quota = 6;
  timeline.events.push_back(raise);
  bench.add(timeline, fn);
  // At 10 s, 5 arrive: 3 run (on 3 ENIs), 2 are throttled. At exactly 100 s the
  // raise comes first (scheduled at time zero), then 7 arrive: 3 reuse the warm
  // environments, 3 get new ENIs under the new quota of 6, the last finds it full.
  auto script = burst(5, 10);
  for (const test::Scripted& s : burst(7, 100)) script.push_back(s);
  bench.run(fn, script, 400);
  CHECK(count(bench.sink, Outcome::kLambdaThrottled) == 2);
  CHECK(count(bench.sink, Outcome::kEniLimit) == 1);
  CHECK(count(bench.sink, Outcome::kOk) == 9);
  CHECK(bench.when("limits_changed") == std::vector<double>{100});
  CHECK(bench.first("limits_changed")->detail == "account concurrency 10, ENI quota 6");
}

TEST_CASE("Hyperplane: a subnet added during the run serves after its ENI is made",
          "[vpc][timeline]") {
  test::ScalingBench bench;
  bench.context.ledger = nullptr;
  auto config = legacy_function(1024, {subnet("a", 24)});
  config.vpc->model = models::VpcModel::kHyperplane;
  config.vpc->eni_quota = 3;
  config.vpc->enis_in_use = 3;  // subnet a's ENI does not fit: the function fails
  models::LambdaFunction fn("fn", config, bench.context);
  models::TimelineConfig timeline;
  models::TimelineEvent fix;
  fix.at = sim::Duration::seconds(100);
  fix.eni_quota = 10;
  fix.add_subnet = subnet("b", 24);
  timeline.events.push_back(fix);
  bench.add(timeline, fn);
  // b's ENI is ready 90 s after the change: at 190 s.
  auto script = burst(1, 50);
  for (const test::Scripted& s : burst(1, 189)) script.push_back(s);
  for (const test::Scripted& s : burst(2, 190)) script.push_back(s);
  bench.run(fn, script, 400);
  CHECK(count(bench.sink, Outcome::kEniLimit) == 2);
  CHECK(count(bench.sink, Outcome::kOk) == 2);
}

TEST_CASE("A timeline's change AWS would refuse is logged and left out", "[timeline]") {
  test::ScalingBench bench;
  models::SharedState shared;
  bench.context.shared = &shared;
  bench.context.ledger = nullptr;
  models::LambdaConfig config;
  config.reserved_concurrency = 50;
  config.provisioned_concurrency = 20;
  models::LambdaFunction fn("fn", config, bench.context);
  models::TimelineConfig timeline;
  models::TimelineEvent cut;  // below the provisioned 20: refused
  cut.at = sim::Duration::seconds(100);
  cut.reserved_concurrency = 10;
  models::TimelineEvent raise;  // beyond the reservation of 50: refused
  raise.at = sim::Duration::seconds(200);
  raise.provisioned_concurrency = 60;
  models::TimelineEvent account;  // leaves less than 100 unreserved: refused
  account.at = sim::Duration::seconds(300);
  account.account_concurrency = 120;
  timeline.events = {cut, raise, account};
  bench.add(timeline, fn);
  bench.run(fn, {}, 400);
  CHECK(bench.when("limits_refused") == std::vector<double>{100, 200, 300});
  std::vector<std::string> details;
  for (const models::LoggedEvent& e : bench.log.entries()) {
    if (e.what == "limits_refused") details.push_back(e.detail);
  }
  CHECK(details == std::vector<std::string>{
                       "reserved concurrency 10 refused: below the provisioned concurrency (20)",
                       "provisioned concurrency 60 refused: beyond the reserved_concurrency (50)",
                       "account concurrency 120 refused: the reservations (50) and the 100 AWS "
                       "keeps unreserved"});
  CHECK(fn.provisioned_configured() == 20);
}
