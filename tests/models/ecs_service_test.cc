// ECS services on Fargate and Fargate Spot: task sizes and billing by hand, the
// capacity-provider split, the launch-rate buckets, Spot interruptions against
// their hazard, and requests across an interruption.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <limits>

#include "harness.h"
#include "models/containers/ecs_service.h"
#include "models/network/alb.h"
#include "models/policies/asg.h"
#include "sim/estimate.h"

namespace {

using models::CapacityProvider;
using models::EcsService;
using models::EcsServiceConfig;
using models::StrategyItem;

constexpr auto kOnDemand = CapacityProvider::kFargate;
constexpr auto kSpot = CapacityProvider::kFargateSpot;

EcsServiceConfig service(uint32_t desired, std::vector<StrategyItem> strategy) {
  EcsServiceConfig c;
  c.size = {512, 1024};
  c.desired = desired;
  c.strategy = std::move(strategy);
  c.serving.queue_capacity = 1000;
  return c;
}

// The us-east-1 Fargate prices (scenarios/pricing/aws-us-east-1-2026-11.json).
models::PricingConfig fargate_prices() {
  const double inf = std::numeric_limits<double>::infinity();
  models::PricingConfig p;
  for (const auto& [key, usd] :
       std::vector<std::pair<std::string, double>>{{"fargate.vcpu.x86_64", 0.04048},
                                                   {"fargate.memory.x86_64", 0.004445},
                                                   {"fargate.vcpu.arm64", 0.03238},
                                                   {"fargate.memory.arm64", 0.00356},
                                                   {"fargate_spot.vcpu.x86_64", 0.012144},
                                                   {"fargate_spot.memory.x86_64", 0.0013335},
                                                   {"fargate.ephemeral_storage", 0.000111}}) {
    p.book.prices.emplace(key, models::Price{key, "hour", {{inf, usd}}, "", "", ""});
  }
  return p;
}

double usage_of(const models::Ledger& ledger, const std::string& meter) {
  for (const models::Ledger::MeterTotal& total : ledger.totals()) {
    if (total.name == meter) return total.usage;
  }
  throw std::runtime_error("no meter " + meter);
}

models::Scenario one_service(const EcsServiceConfig& c, sim::Duration horizon) {
  models::Scenario s;
  s.name = "ecs";
  s.horizon = horizon;
  s.interval = sim::Duration::minutes(1);
  s.seed = 7;
  s.replications = 1;
  s.workload.arrivals.rate = models::constant_curve(0);
  s.workload.service_time = sim::DurationDistribution::constant(sim::Duration::millis(10));
  s.strategies.push_back({"ecs", "", {{"web", {}, c}}});
  s.pricing = fargate_prices();
  return s;
}

}  // namespace

TEST_CASE("Fargate offers only the task sizes ECS documents", "[fargate]") {
  CHECK(models::valid_task_size({256, 512}));
  CHECK(models::valid_task_size({256, 2048}));
  CHECK_FALSE(models::valid_task_size({256, 1536}));
  CHECK_FALSE(models::valid_task_size({256, 4096}));
  CHECK(models::valid_task_size({512, 3072}));
  CHECK(models::valid_task_size({1024, 8192}));
  CHECK_FALSE(models::valid_task_size({1024, 9216}));
  CHECK(models::valid_task_size({2048, 16384}));
  CHECK(models::valid_task_size({4096, 30720}));
  CHECK_FALSE(models::valid_task_size({4096, 31744}));
  CHECK(models::valid_task_size({8192, 20480}));        // 16 GB + 4
  CHECK_FALSE(models::valid_task_size({8192, 18432}));  // 16 GB + 2: 4 GB steps
  CHECK(models::valid_task_size({16384, 122880}));
  CHECK_FALSE(models::valid_task_size({16384, 36864}));  // 32 GB + 4: 8 GB steps
  CHECK_FALSE(models::valid_task_size({768, 2048}));
  CHECK(models::task_memory_choices(256) == std::vector<uint32_t>{512, 1024, 2048});
  CHECK(models::task_memory_choices(4096).size() == 23);  // 8 to 30 GB
}

TEST_CASE("A task bills per second with a one-minute minimum, storage above 20 GB", "[fargate]") {
  const models::TaskSize quarter{256, 512};
  // Stopped after 30 s: a minute. After 90.2 s: 91 s. Running at the horizon: as is.
  models::TaskUsage u = models::fargate_task_usage(quarter, 20, sim::Duration::seconds(30), true);
  CHECK(u.vcpu_hours == Approx(0.25 * 60 / 3600.0));
  CHECK(u.gb_hours == Approx(0.5 * 60 / 3600.0));
  CHECK(u.storage_gb_hours == 0);
  u = models::fargate_task_usage(quarter, 20, sim::Duration::millis(90'200), true);
  CHECK(u.vcpu_hours == Approx(0.25 * 91 / 3600.0));
  u = models::fargate_task_usage(quarter, 20, sim::Duration::seconds(30), false);
  CHECK(u.vcpu_hours == Approx(0.25 * 30 / 3600.0));
  u = models::fargate_task_usage({4096, 8192}, 50, sim::Duration::hours(2), true);
  CHECK(u.vcpu_hours == Approx(8));
  CHECK(u.gb_hours == Approx(16));
  CHECK(u.storage_gb_hours == Approx(60));  // (50 - 20) GB for 2 h
}

TEST_CASE("A service's bill follows its tasks, provider and architecture", "[fargate]") {
  // Two on-demand 0.5 vCPU / 1 GB tasks running from time zero for 10 h,
  // 30 GB of ephemeral storage each: 10 GB above the free 20.
  EcsServiceConfig c = service(2, {{kOnDemand, 0, 1}});
  c.ephemeral_gb = 30;
  const models::Scenario s = one_service(c, sim::Duration::hours(10));
  models::RunResult r = models::StrategyRun(s, 0, 0).finish();
  CHECK(test::metric(r, "usage.meter.web.vcpu_hours") == Approx(10));
  CHECK(test::metric(r, "cost.meter.web.vcpu_hours_usd") == Approx(10 * 0.04048));
  CHECK(test::metric(r, "cost.meter.web.gb_hours_usd") == Approx(20 * 0.004445));
  CHECK(test::metric(r, "cost.meter.web.ephemeral_storage_usd") == Approx(200 * 0.000111));

  // arm64: the Graviton prices.
  c.architecture = models::CpuArchitecture::kArm64;
  c.ephemeral_gb = 20;
  r = models::StrategyRun(one_service(c, sim::Duration::hours(10)), 0, 0).finish();
  CHECK(test::metric(r, "cost.meter.web.vcpu_hours_usd") == Approx(10 * 0.03238));
  CHECK(test::metric(r, "cost.meter.web.gb_hours_usd") == Approx(20 * 0.00356));

  // One on demand (the base), three on Spot, none interrupted: Spot prices for three.
  c = service(4, {{kOnDemand, 1, 0}, {kSpot, 0, 1}});
  r = models::StrategyRun(one_service(c, sim::Duration::hours(10)), 0, 0).finish();
  CHECK(test::metric(r, "usage.meter.web.vcpu_hours") == Approx(5));
  CHECK(test::metric(r, "usage.meter.web.spot_vcpu_hours") == Approx(15));
  CHECK(test::metric(r, "cost.meter.web.spot_vcpu_hours_usd") == Approx(15 * 0.012144));
  CHECK(test::metric(r, "cost.meter.web.spot_gb_hours_usd") == Approx(30 * 0.0013335));
  CHECK(test::metric(r, "component.web.spot_share") == Approx(0.75));
}

TEST_CASE("A task launched by a policy bills from its image pull, a minute at least", "[fargate]") {
  // Launched at 10 s, provisioning 5 s, pull 413 MB at 9.5 MB/s; stopped at 40 s,
  // before its 60 s minimum ran out.
  test::Bench b;
  const models::PricingConfig prices = fargate_prices();
  models::Ledger ledger(prices.book, false, sim::Duration::seconds(1),
                        sim::Time::micros(1'000'000'000), sim::Time::zero());
  models::RunContext context = b.context;
  context.ledger = &ledger;
  EcsServiceConfig c = service(0, {{kOnDemand, 0, 1}});
  c.start.provisioning = sim::DurationDistribution::constant(sim::Duration::seconds(5));
  EcsService web("web", c, context);
  std::optional<uint64_t> id;
  sim::Simulation& simulation = b.simulation;
  struct At final : sim::EventHandler {
    std::function<void()> what;
    void on_event(uint64_t) override { what(); }
  } launch, stop;
  launch.what = [&] { id = web.launch(true); };
  stop.what = [&] { web.terminate(*id, models::Termination::kAtOnce); };
  simulation.schedule(sim::Time::micros(10'000'000), launch);
  simulation.schedule(sim::Time::micros(40'000'000), stop);
  simulation.run_until(sim::Time::micros(100'000'000), nullptr);
  REQUIRE(id.has_value());
  web.settle(simulation.now());
  // Billed from 15 s (the pull) to 40 s: 25 s, so the minimum, 60 s.
  CHECK(usage_of(ledger, "web.vcpu_hours") == Approx(0.5 * 60 / 3600.0));
  CHECK(usage_of(ledger, "web.gb_hours") == Approx(1.0 * 60 / 3600.0));
}

TEST_CASE("Tasks split between providers by base and weight, exactly", "[fargate]") {
  const std::vector<StrategyItem> mix = {{kOnDemand, 1, 1}, {kSpot, 0, 3}};
  const std::vector<std::pair<uint32_t, uint32_t>> expected = {
      {0, 0}, {1, 0}, {1, 1}, {1, 2}, {1, 3}, {2, 3}, {2, 4}, {2, 5}, {2, 6}, {3, 6}};
  for (uint32_t n = 0; n < expected.size(); ++n) {
    const models::ProviderCounts split = models::split_tasks(mix, n);
    CHECK(split[0] == expected[n].first);
    CHECK(split[1] == expected[n].second);
  }
  // Weight 0 takes nothing beyond its base; a base larger than the count caps it.
  CHECK(models::split_tasks({{kOnDemand, 2, 0}, {kSpot, 0, 1}}, 5) == models::ProviderCounts{2, 3});
  CHECK(models::split_tasks({{kOnDemand, 2, 0}, {kSpot, 0, 1}}, 1) == models::ProviderCounts{1, 0});
  CHECK(models::split_tasks({{kSpot, 0, 1}, {kOnDemand, 0, 1}}, 3) == models::ProviderCounts{1, 2});

  // The service places scripted launches the same way, one at a time.
  test::Bench b;
  EcsService web("web", service(0, mix), b.context);
  std::vector<CapacityProvider> placed;
  for (int i = 0; i < 9; ++i) placed.push_back(web.provider_of(*web.launch(true)));
  CHECK(placed == std::vector<CapacityProvider>{kOnDemand, kSpot, kSpot, kSpot, kOnDemand, kSpot,
                                                kSpot, kSpot, kOnDemand});
  CHECK(web.desired_count() == 9);
  web.set_desired_count(5);  // stops the extra ones: one on demand, three Spot
  CHECK(web.active() == models::ProviderCounts{2, 3});
}

TEST_CASE("Task starts take tokens of their provider's launch bucket", "[fargate]") {
  // 130 Spot tasks asked for at once: the bucket's 100 start now, then 20 a second.
  test::Bench b;
  EcsService web("web", service(0, {{kSpot, 0, 1}, {kOnDemand, 0, 0}}), b.context);
  web.set_desired_count(130);
  CHECK(web.active()[1] == 100);
  b.simulation.run_until(sim::Time::micros(499'999), nullptr);
  CHECK(web.active()[1] == 109);
  b.simulation.run_until(sim::Time::micros(500'000), nullptr);
  CHECK(web.active()[1] == 110);
  b.simulation.run_until(sim::Time::micros(1'500'000), nullptr);
  CHECK(web.active()[1] == 130);
  // On-demand tasks have a bucket of their own, still full.
  web.set_desired_count(0);
  EcsService other("other", service(0, {{kOnDemand, 0, 1}}), b.context);
  other.set_desired_count(100);
  CHECK(other.active()[0] == 100);
}

TEST_CASE("A strategy's control-plane overrides set its Fargate launch buckets", "[fargate]") {
  // The Spot bucket lowered to 10 tasks and 2 a second, as a scenario's
  // "control_plane" would: 30 tasks start 10 now, then 2 a second.
  std::vector<models::ApiSpec> apis = models::default_apis();
  for (models::ApiSpec& api : apis) {
    if (api.service + ":" + api.name != "ecs:FargateSpotTaskLaunch") continue;
    api.burst = 10;
    api.per_second = 2;
  }
  test::Bench b;
  b.context.apis = &apis;
  EcsService web("web", service(0, {{kSpot, 0, 1}, {kOnDemand, 0, 0}}), b.context);
  web.set_desired_count(30);
  CHECK(web.active()[1] == 10);
  b.simulation.run_until(sim::Time::micros(4'999'999), nullptr);
  CHECK(web.active()[1] == 19);
  b.simulation.run_until(sim::Time::micros(10'000'000), nullptr);
  CHECK(web.active()[1] == 30);
}

namespace {

// Interruptions of `desired` Spot tasks over `hours`, with replacement.
double interruptions(const std::vector<double>& hazard, uint32_t desired, int hours) {
  EcsServiceConfig c = service(desired, {{kSpot, 0, 1}});
  c.spot.hazard_per_hour = hazard;
  c.start.provisioning = sim::DurationDistribution::constant(sim::Duration::seconds(1));
  models::Scenario s = one_service(c, sim::Duration::hours(hours));
  return test::metric(models::StrategyRun(s, 0, 0).finish(), "component.web.spot_interruptions");
}

// Whether `count` is within the 99.99% interval of a Poisson count of mean `mean`
// (normal approximation, z = 3.89; the means here are in the hundreds).
bool poisson_consistent(double count, double mean) {
  return std::abs(count - mean) <= 3.89 * std::sqrt(mean);
}

}  // namespace

TEST_CASE("Spot interruptions follow their hazard per task-hour", "[fargate]") {
  // Replacements start at the notice, so 20 Spot tasks are exposed all along:
  // 20 x 100 task-hours at 0.5 an hour, a Poisson count of mean 1000.
  const double constant = interruptions({0.5}, 20, 100);
  CAPTURE(constant);
  CHECK(poisson_consistent(constant, 1000));
  // By hour of day: 1 an hour from 00:00 to 12:00 and none after. In 100 hours
  // from midnight, 52 are of the first kind: a mean of 20 x 52 = 1040.
  std::vector<double> mornings(24, 0.0);
  for (int h = 0; h < 12; ++h) mornings[h] = 1.0;
  CHECK(poisson_consistent(interruptions(mornings, 20, 100), 1040));
  // No hazard, no interruption.
  CHECK(interruptions({0.0}, 20, 10) == 0);
}

TEST_CASE("No request is lost across a Spot interruption", "[fargate]") {
  // One Spot task of one slot, running from time zero, interrupted at 10 s (a
  // replayed interruption). It serves a long request, which ends as
  // spot_interrupted when the task stops at 130 s, with one waiting behind it
  // (likewise). A request in between finds no task in service (the replacement
  // is still starting: 13.7 s of provisioning and 43.5 s of pull); one after the
  // replacement is in service is ok.
  test::Bench b;
  EcsServiceConfig c = service(1, {{kSpot, 0, 1}});
  c.spot.replay = {{sim::Duration::seconds(10), 1}};
  EcsService web("web", c, b.context);
  test::ScriptedArrivals arrivals({{1'000'000, 300'000'000},
                                   {2'000'000, 1'000'000},
                                   {11'000'000, 1'000'000},
                                   {100'000'000, 60'000'000}},
                                  web, b.sink);
  b.simulation.run_until(sim::Time::micros(400'000'000), &arrivals);
  REQUIRE(b.sink.endings.size() == 4);  // every request ended, once
  CHECK(web.held() == 0);
  CHECK(b.sink.find(0)->outcome == models::Outcome::kSpotInterrupted);
  CHECK(b.sink.find(0)->at_us == 130'000'000);  // when the notice ran out
  CHECK(b.sink.find(1)->outcome == models::Outcome::kSpotInterrupted);
  CHECK(b.sink.find(1)->at_us == 130'000'000);
  CHECK(b.sink.find(2)->outcome == models::Outcome::kNoCapacity);
  CHECK(b.sink.find(3)->outcome == models::Outcome::kOk);
  CHECK(b.sink.find(3)->at_us == 160'000'000);
  CHECK(web.active()[1] == 1);  // replaced
}

TEST_CASE("Requests are conserved through a stormy Spot run", "[fargate]") {
  // Many interruptions under load: StrategyRun checks arrivals == finished +
  // held at the end; the outcome counts add up to the arrivals minus those held.
  EcsServiceConfig c = service(6, {{kOnDemand, 1, 1}, {kSpot, 0, 3}});
  c.serving.slots = 4;
  c.serving.queue_capacity = 10;
  c.spot.hazard_per_hour = {3.0};
  c.spot.notice = sim::Duration::seconds(5);
  c.spot.unavailable_chance = 0.3;
  c.spot.unavailable_for = sim::DurationDistribution::constant(sim::Duration::minutes(5));
  models::Scenario s = one_service(c, sim::Duration::hours(6));
  s.workload.arrivals.rate = models::constant_curve(20);
  s.workload.service_time =
      sim::DurationDistribution(sim::Distribution::exponential(3e6));  // 3 s, some cut
  const models::RunResult r = models::StrategyRun(s, 0, 0).finish();
  CHECK(test::metric(r, "component.web.spot_interruptions") > 20);
  CHECK(test::metric(r, "requests.spot_interrupted") > 0);
  double finished = 0;
  for (models::Outcome o : models::all_outcomes()) {
    finished += test::metric(r, "requests." + std::string(models::outcome_name(o)));
  }
  CHECK(finished <= static_cast<double>(r.arrivals));
  // Held at the end: at most what 6 tasks, and as many draining, serve and queue.
  CHECK(finished >= static_cast<double>(r.arrivals) - 12 * (4 + 10));
}

TEST_CASE("Application Auto Scaling sets a service's desired count through UpdateService",
          "[fargate]") {
  // 100 requests a second on 2 tasks, tracking 600 requests per target a minute
  // (10 a second): AlarmHigh's third datapoint (minute 3) is published a minute
  // later, at 240 s, and asks for ceil(2 x 3000 / 600) = 10 tasks. The service
  // gets the count once UpdateService answers, and its scheduler starts 8 tasks.
  // The scale-out cooldown (300 s) skips the next ones; the alarm stays high
  // while the new tasks start, and the next scale-out comes 300 s later at most.
  EcsServiceConfig c = service(2, {{kOnDemand, 0, 1}});
  c.serving.slots = 100;
  models::Scenario s = one_service(c, sim::Duration::minutes(30));
  s.workload.arrivals.rate = models::constant_curve(100);
  models::AsgConfig policy;
  policy.app_auto_scaling = true;  // the kind's bind() says so for an ecs_service
  policy.min = 2;
  policy.max = 20;
  models::TargetTrackingPolicy tracking;
  tracking.metric = models::FleetMetric::kRequestCountPerTarget;
  tracking.target = 600;
  policy.target_tracking = {tracking};
  s.strategies[0].controllers.push_back({"web.policy", {"web"}, policy});
  const models::RunResult r = models::StrategyRun(s, 0, 0).finish();
  std::vector<models::LoggedEvent> decisions;
  int placed = 0;
  for (const models::LoggedEvent& e : r.log) {
    if (e.source == "web.policy") decisions.push_back(e);
    if (e.what == "task_placed") ++placed;
  }
  REQUIRE_FALSE(decisions.empty());
  CHECK(decisions[0].at == sim::Time::micros(240'000'000));
  CHECK(decisions[0].detail == "desired 2 -> 10, target tracking");
  CHECK(placed >= 8);
  for (size_t i = 1; i < decisions.size(); ++i) {
    if (decisions[i].what == "scale_out" && decisions[i - 1].what == "scale_out")
      CHECK(decisions[i].at - decisions[i - 1].at >= sim::Duration::seconds(300));
  }
  CHECK(test::metric(r, "component.web.tasks_desired_mean") > 8);
  CHECK(test::metric(r, "control.calls") >= 1);
}

TEST_CASE("A task registers after its pull and serves once its health checks pass", "[fargate]") {
  // Provisioning 13.7 s, 413 MB at 9.5 MB/s (43.473684 s), an application start
  // of 60 s. Registered at 57.173684 s, ready 60 s later: the ALB's checks every
  // 30 s from registration first pass at the one when it is ready (registration
  // + 60 s), then 4 more, so it serves at registration + 180 s.
  test::Bench b;
  EcsServiceConfig c = service(0, {{kOnDemand, 0, 1}});
  c.start.app_start = sim::DurationDistribution::constant(sim::Duration::seconds(60));
  EcsService web("web", c, b.context);
  web.attach_load_balancer(models::TargetGroupSettings{});
  REQUIRE(web.launch(true).has_value());
  const int64_t registered = 13'700'000 + 43'473'684;
  b.simulation.run_until(sim::Time::micros(registered + 180'000'000 - 1), nullptr);
  CHECK(web.counts().pending == 1);
  CHECK(web.counts().in_service == 0);
  b.simulation.run_until(sim::Time::micros(registered + 180'000'000), nullptr);
  CHECK(web.counts().in_service == 1);
}
