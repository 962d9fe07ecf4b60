// Capacity that moves: an Auto Scaling group's decisions at the instants its
// alarms allow, replacement of terminated instances, draining, zombies, and CPU
// credits, on scripted arrivals with deterministic work.
#include <catch2/catch.hpp>
#include <limits>

#include "harness.h"
#include "models/compute/server_fleet.h"
#include "models/control/cloudwatch.h"
#include "models/control/control_plane.h"
#include "models/policies/asg.h"
#include "models/policies/idle_target.h"
#include "models/policies/timeline.h"
#include "models/pricing/ledger.h"
#include "scaling_bench.h"

using models::Outcome;

namespace {

constexpr int64_t kSecond = 1'000'000;
using test::fixed_latency_apis;
using test::ScalingBench;

models::ServerFleetConfig c6g_fleet(uint32_t count, uint32_t slots) {
  models::ServerFleetConfig c = test::fleet(count, slots);
  c.boot_time = sim::DurationDistribution::constant(sim::Duration::seconds(20));
  return c;
}

// Arrivals every `every_s` seconds from `from_s` to before `to_s`, each `work_ms` long.
void every(std::vector<test::Scripted>& script, int64_t from_s, int64_t to_s, int64_t every_s,
           int64_t work_ms) {
  for (int64_t t = from_s; t < to_s; t += every_s) script.push_back({t * kSecond, work_ms * 1000});
}

}  // namespace

TEST_CASE(
    "A step in load makes the Auto Scaling group add what target tracking computes, "
    "when its alarm allows") {
  ScalingBench bench;
  models::ServerFleet fleet("web", c6g_fleet(1, 1), bench.context);
  models::AsgConfig asg;
  asg.min = 1;
  asg.max = 4;
  asg.target_tracking.push_back({models::FleetMetric::kCpu, 40, /*scale_in=*/false});
  bench.add(asg, fleet);
  // 25% CPU until 600 s, then 50%: one 0.5 s request every 2 s, then every second.
  std::vector<test::Scripted> script;
  every(script, 0, 600, 2, 500);
  every(script, 600, 1500, 1, 500);
  bench.run(fleet, script, 1500);

  // The first 50% period is [600, 660), published a minute after it ends; AlarmHigh
  // needs three in a row: the third, [720, 780), is published at 840 s. Then
  // desired = ceil(1 x 50 / 40) = 2, RunInstances answers 1.5 s later, and the
  // instance boots for 20 s.
  CHECK(bench.when("scale_out") == std::vector<double>{840});
  CHECK(bench.first("scale_out")->detail.starts_with("desired 1 -> 2"));
  CHECK(bench.when("launch") == std::vector<double>{841.5});
  CHECK(bench.when("in_service") == std::vector<double>{861.5});
  CHECK(fleet.counts().in_service == 2);
  for (const test::Ending& e : bench.sink.endings) CHECK(e.outcome == Outcome::kOk);
}

TEST_CASE("Scale-in waits for fifteen datapoints below seven tenths of the target") {
  ScalingBench bench(fixed_latency_apis(0.5));
  models::ServerFleet fleet("web", c6g_fleet(2, 1), bench.context);
  models::AsgConfig asg;
  asg.min = 1;
  asg.max = 2;
  asg.target_tracking.push_back({models::FleetMetric::kCpu, 40});
  bench.add(asg, fleet);
  // 12.5% CPU on each of two instances, below 28% (0.7 x 40) from the first period.
  std::vector<test::Scripted> script;
  every(script, 0, 1200, 1, 250);
  bench.run(fleet, script, 1200);

  // Periods [0, 60) to [840, 900) are published at 120 s to 960 s: the fifteenth
  // breaching datapoint arrives at 960 s. ceil(2 x 12.5 / 40) = 1.
  CHECK(bench.when("scale_in") == std::vector<double>{960});
  CHECK(bench.first("scale_in")->detail.starts_with("desired 2 -> 1"));
  CHECK(bench.when("terminate") == std::vector<double>{960.5});
  CHECK(fleet.counts().in_service == 1);
}

TEST_CASE("An instance terminated by hand is replaced at the group's next reconciliation") {
  ScalingBench bench;
  models::ServerFleet fleet("web", c6g_fleet(2, 1), bench.context);
  models::AsgConfig asg;
  asg.min = 2;
  asg.max = 2;
  bench.add(asg, fleet);
  models::TimelineConfig timeline;
  models::TimelineEvent terminate;
  terminate.at = sim::Duration::seconds(100);
  terminate.terminate_instances = 1;
  timeline.events.push_back(terminate);
  bench.add(timeline, fleet);
  bench.run(fleet, {}, 300);

  CHECK(bench.when("terminated_by_hand") == std::vector<double>{100});
  // The timeline's event at 100 s was scheduled at time zero, before the
  // reconciliation tick of that instant (scheduled at 90 s): the tick already sees
  // one instance. RunInstances answers at 101.5 s, the instance boots for 20 s.
  CHECK(bench.when("launch") == std::vector<double>{101.5});
  CHECK(bench.when("in_service") == std::vector<double>{121.5});
  CHECK(fleet.counts().in_service == 2);
}

TEST_CASE("A draining instance finishes what it serves within the deregistration delay") {
  ScalingBench bench;
  models::ServerFleet fleet("web", c6g_fleet(2, 1), bench.context);
  models::TargetGroupSettings group;
  group.deregistration_delay = sim::Duration::seconds(300);
  fleet.attach_load_balancer(group);
  const uint64_t first = fleet.instances().front().id;
  // Round robin: request 0 on the first instance, 1 on the second, ...
  struct Terminate final : sim::EventHandler {
    Terminate(models::ServerFleet& f, uint64_t i) : fleet(f), id(i) {}
    void on_event(uint64_t) override { fleet.terminate(id, models::Termination::kDrain); }
    models::ServerFleet& fleet;
    uint64_t id;
  } terminate(fleet, first);
  bench.simulation.schedule(sim::Time::micros(5 * kSecond), terminate);
  bench.run(fleet, {{0, 10 * kSecond}, {kSecond, 10 * kSecond}, {6 * kSecond, kSecond}}, 100);

  REQUIRE(bench.sink.endings.size() == 3);
  CHECK(bench.sink.find(0)->outcome == Outcome::kOk);  // drained: it finished at 10 s
  CHECK(bench.sink.find(0)->at_us == 10 * kSecond);
  CHECK(bench.sink.find(2)->outcome == Outcome::kOk);  // routed to the other instance
  CHECK(bench.sink.find(2)->at_us == 12 * kSecond);    // queued behind request 1 there
  CHECK(bench.when("ended") == std::vector<double>{10});
  CHECK(fleet.held() == 0);
}

TEST_CASE("Requests still in flight when the deregistration delay ends are cut") {
  ScalingBench bench;
  models::ServerFleet fleet("web", c6g_fleet(1, 1), bench.context);
  models::TargetGroupSettings group;
  group.deregistration_delay = sim::Duration::seconds(3);
  fleet.attach_load_balancer(group);
  struct Terminate final : sim::EventHandler {
    explicit Terminate(models::ServerFleet& f) : fleet(f) {}
    void on_event(uint64_t) override {
      fleet.terminate(fleet.instances().front().id, models::Termination::kDrain);
    }
    models::ServerFleet& fleet;
  } terminate(fleet);
  bench.simulation.schedule(sim::Time::micros(5 * kSecond), terminate);
  // One in service until 10 s, one queued behind it.
  bench.run(fleet, {{0, 10 * kSecond}, {kSecond, kSecond}}, 100);

  REQUIRE(bench.sink.endings.size() == 2);
  CHECK(bench.sink.find(0)->outcome == Outcome::kInstanceTerminated);
  CHECK(bench.sink.find(0)->at_us == 8 * kSecond);
  CHECK(bench.sink.find(1)->outcome == Outcome::kInstanceTerminated);
  CHECK(fleet.held() == 0);
  bench.series.close(sim::Time::micros(100 * kSecond));
  // In service from 0 to 8 s only: the span planned to 10 s was taken back.
  const auto in_service = bench.series.values(bench.series.level("web", "in_service"));
  CHECK(in_service[0] * 60 == Approx(8.0));
}

TEST_CASE("A server whose creation stops half way is a zombie: billed, never serving") {
  // Lightsail's TagResource has one token and never refills: the first server's
  // second tag and the second server's first tag are throttled. The quota of
  // three servers stops further creations.
  std::vector<models::ApiSpec> apis = fixed_latency_apis(0.5);
  for (models::ApiSpec& api : apis) {
    if (api.service == "lightsail" && api.name == "TagResource") {
      api.burst = 1;
      api.per_second = 0;
    }
  }
  ScalingBench bench(apis);
  models::ServerFleetConfig config;
  config.instance_type = models::find_instance_type(models::Provider::kLightsail, "small_3_0");
  config.count = 1;
  config.slots = 1;
  config.max_instances = 3;
  config.boot_time = sim::DurationDistribution::constant(sim::Duration::seconds(60));
  models::ServerFleet fleet("web", config, bench.context);
  models::IdleTargetConfig scaler;
  scaler.spare.initial = 2;
  bench.add(scaler, fleet);
  std::vector<test::Scripted> script;
  every(script, 0, 3600, 10, 100);
  bench.run(fleet, script, 3600);
  fleet.settle(sim::Time::micros(3600 * kSecond));

  CHECK(bench.when("zombie").size() == 2);
  const models::CapacityCounts counts = fleet.counts();
  CHECK(counts.zombies == 2);
  CHECK(counts.in_service == 1);
  for (const test::Ending& e : bench.sink.endings) CHECK(e.outcome == Outcome::kOk);
  // Three bundles, still running at the end, billed for their time so far at
  // 12 / 744 USD an hour: the first all hour, the zombies from their creation
  // (CreateInstances answered at 5.5 s and 10.5 s).
  const double hours = (3600 + 3594.5 + 3589.5) / 3600;
  CHECK(bench.ledger.total_usd() == Approx(hours * 12.0 / 744).epsilon(1e-12));
}

TEST_CASE("A standard instance above its baseline slows exactly when its credits run out") {
  ScalingBench bench;
  models::ServerFleetConfig config;
  config.instance_type = models::find_instance_type(models::Provider::kLightsail, "small_3_0");
  config.count = 1;
  config.slots = 2;
  config.queue_capacity = 1'000'000;
  // small_3_0: 2 vCPUs, 20% baseline, 24 credits an hour. One slot busy all the
  // time is one vCPU, 60 credits an hour: 36 credits last exactly one hour.
  config.initial_credits = 36;
  models::ServerFleet fleet("web", config, bench.context);
  std::vector<test::Scripted> script;
  every(script, 0, 3610, 1, 1000);
  bench.run(fleet, script, 3700);

  const uint64_t id = fleet.instances().front().id;
  CHECK(fleet.throttled(id));
  // The request that starts at 3599 s still runs at full speed; the one at 3600 s
  // runs at the 20% baseline: five times as long.
  CHECK(bench.sink.find(3599)->at_us == 3600 * kSecond);
  CHECK(bench.sink.find(3600)->at_us == 3605 * kSecond);
}

TEST_CASE("Unlimited mode bills surplus credits at the price per vCPU-hour") {
  ScalingBench bench;
  models::ServerFleetConfig config;
  config.instance_type = models::find_instance_type(models::Provider::kEc2, "t3.micro");
  config.count = 1;
  config.slots = 2;
  models::ServerFleet fleet("web", config, bench.context);
  // One vCPU of two busy for an hour: 60 credits spent, 12 earned (t3.micro's
  // 10% baseline), from a launch balance of none: 48 surplus credits, 0.8
  // vCPU-hours at 0.05 USD.
  std::vector<test::Scripted> script;
  every(script, 0, 3600, 1, 1000);
  bench.run(fleet, script, 3600);
  fleet.settle(sim::Time::micros(3600 * kSecond));

  double credits_usd = 0;
  for (const models::Ledger::MeterTotal& meter : bench.ledger.totals()) {
    if (meter.name == "web.cpu_credits") credits_usd = meter.usd;
  }
  CHECK(credits_usd == Approx(0.8 * 0.05).epsilon(1e-9));
  CHECK_FALSE(fleet.throttled(fleet.instances().front().id));
}

TEST_CASE("Step scaling adds its step's adjustment once, whatever warms up meanwhile") {
  ScalingBench bench;
  models::ServerFleet fleet("web", c6g_fleet(1, 1), bench.context);
  models::AsgConfig asg;
  asg.min = 1;
  asg.max = 4;
  models::StepScalingPolicy step;
  step.alarm = {models::Comparison::kGreater, 40, 2, 2};
  step.steps = {{0.0, 20.0, 1}, {20.0, std::nullopt, 2}};
  asg.step_scaling.push_back(step);
  bench.add(asg, fleet);
  // 50% CPU from the start: 10 above the threshold, the +1 step.
  std::vector<test::Scripted> script;
  every(script, 0, 900, 1, 500);
  bench.run(fleet, script, 900);

  // [0, 60) and [60, 120) breach; the second is published at 180 s. At 240 s the
  // alarm is still in ALARM (the instance launched is still warming up, so the
  // same step asks for 1 + 1 = 2 again: no change); then the average falls.
  CHECK(bench.when("scale_out") == std::vector<double>{180});
  CHECK(bench.when("launch") == std::vector<double>{181.5});
  CHECK(bench.when("scale_in").empty());
}

TEST_CASE("A scheduled action sets the desired capacity on the scenario's local clock") {
  ScalingBench bench;
  bench.context.local_offset = sim::Duration::hours(23);  // the run starts Monday 23:00
  models::ServerFleet fleet("web", c6g_fleet(1, 1), bench.context);
  models::AsgConfig asg;
  asg.min = 1;
  asg.max = 5;
  std::string error;
  asg.scheduled.push_back(
      {*sim::CronSchedule::parse("5 0 * * tue", &error), std::nullopt, std::nullopt, 3});
  bench.add(asg, fleet);
  bench.run(fleet, {}, 7200);

  // Tuesday 00:05 is 65 minutes in; the action was scheduled before that
  // instant's reconciliation tick, which then launches two instances.
  CHECK(bench.when("scheduled") == std::vector<double>{3900});
  CHECK(bench.first("scheduled")->detail == "desired 1 -> 3, min 1, max 5");
  CHECK(bench.when("launch") == std::vector<double>{3901.5, 3901.5});
  CHECK(fleet.counts().in_service == 3);
}

TEST_CASE("An instance entering service mid-period reports only the CPU it used in service") {
  ScalingBench bench;
  models::ServerFleetConfig config = c6g_fleet(1, 1);
  config.running_at_start = false;  // boots for 20 s, then its health checks
  config.startup_duration = sim::Duration::minutes(3);
  config.startup_share = 0.8;
  models::ServerFleet fleet("web", config, bench.context);
  models::TargetGroupSettings group;  // healthy after 5 checks 30 s apart: at 150 s
  fleet.attach_load_balancer(group);
  struct Watcher final : models::MetricSubscriber {
    void on_published(int, const models::Datapoints& d) override { published.push_back(d); }
    std::vector<models::Datapoints> published;
  } watcher;
  bench.cloudwatch.subscribe(fleet, watcher, 0, sim::Duration());
  bench.run(fleet, {}, 300);

  // In service from 150 s; its startup load (80% from 20 s to 200 s) covers
  // [150, 180) of the period [120, 180) and [180, 200) of the next.
  REQUIRE(watcher.published.size() == 5);
  REQUIRE(watcher.published[2].instances.size() == 1);
  CHECK(watcher.published[2].instances[0].cpu_percent == Approx(80));
  CHECK(watcher.published[3].instances[0].cpu_percent == Approx(80.0 * 20 / 60));
}

TEST_CASE("A group asks for more instances than one call may launch in several calls") {
  std::vector<models::ApiSpec> apis = fixed_latency_apis(1.5);
  for (models::ApiSpec& api : apis) {
    if (api.name == "RunInstances") {
      api.burst = 100;
      api.resources = models::ResourceBucket{4, 100};
    }
  }
  ScalingBench bench(apis);
  models::ServerFleet fleet("web", c6g_fleet(1, 1), bench.context);
  models::AsgConfig asg;
  asg.min = 10;
  asg.max = 10;
  bench.add(asg, fleet);
  bench.run(fleet, {}, 60);

  // Nine missing, at most four per call. At time zero the first call empties the
  // bucket of four and the other two are throttled; ten seconds later the bucket
  // is full again and the next reconciliations ask for the rest, four at a time.
  CHECK(bench.when("launch").size() == 9);
  const models::CallCounters& calls = bench.control.totals();
  CHECK(calls.attempts - calls.throttled == 3);  // 4 + 4 + 1
  CHECK(fleet.counts().in_service == 10);
}

TEST_CASE("The queued level adds up every wait, those still under way at the end included") {
  const sim::Time end = sim::Time::micros(25 * kSecond);
  ScalingBench bench(fixed_latency_apis(1.5), end);
  models::ServerFleet fleet("web", c6g_fleet(1, 1), bench.context);
  // One slot: request 0 serves 0-10 s, 1 waits 1-10 s, 2 waits 2-20 s, and 3
  // (arrived at 3 s) still waits when the run ends at 25 s.
  bench.run(fleet,
            {{0, 10 * kSecond},
             {kSecond, 10 * kSecond},
             {2 * kSecond, 10 * kSecond},
             {3 * kSecond, kSecond}},
            25);
  bench.series.close(end);
  fleet.settle(end);  // the order a run uses
  const sim::TimeSeries::Column queued = bench.series.level("web", "queued");
  const double waited_us = (9 + 18 + 22) * 1e6;
  CHECK(bench.series.values(queued)[0] == waited_us / 25e6);
  CHECK(bench.series.mean(queued) == waited_us / 25e6);
}
