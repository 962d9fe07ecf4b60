// Target tracking on a Lambda function's provisioned concurrency: the metric it
// reads, the instants its alarms allow, the amounts it sets, on scripted
// arrivals with deterministic work (no init, so every instant is computed by
// hand).
#include <catch2/catch.hpp>

#include "harness.h"
#include "models/control/cloudwatch.h"
#include "models/control/control_plane.h"
#include "models/policies/provisioned_target_tracking.h"
#include "models/serverless/lambda_function.h"

namespace {

constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kMs = 1000;

models::LambdaConfig function(uint32_t provisioned) {
  models::LambdaConfig c;
  c.memory_mb = 1024;
  c.init_duration = sim::DurationDistribution::constant(sim::Duration());
  c.timeout = sim::Duration::seconds(900);
  c.provisioned_concurrency = provisioned;
  return c;
}

// A function, its policy, CloudWatch and an event log, built by hand.
struct TrackingBench {
  TrackingBench(uint32_t provisioned, const models::ProvisionedTargetTrackingConfig& config)
      : fn("fn", function(provisioned), context) {
    const models::ControllerSpec spec("fn.policy", {"fn"}, config);
    policy = spec.kind->make(spec, {&fn}, control_context);
    policy->start();
  }

  void load(std::vector<test::Scripted> script) {
    arrivals = std::make_unique<test::ScriptedArrivals>(std::move(script), fn, sink);
  }
  // Runs to `s` seconds with the arrivals loaded.
  void run_to(int64_t s) { simulation.run_until(sim::Time::micros(s * kSecond), arrivals.get()); }
  uint32_t configured() const { return fn.provisioned_configured(); }
  uint32_t ready() const { return fn.provisioned_ready(); }
  // The instants (in seconds) and details of the rows "provisioned".
  std::vector<std::pair<double, std::string>> changes() const {
    std::vector<std::pair<double, std::string>> rows;
    for (const models::LoggedEvent& e : log.entries()) {
      if (e.what == "provisioned") rows.emplace_back(e.at.seconds(), e.detail);
    }
    return rows;
  }
  double metric(const std::string& name) const {
    models::MetricList metrics;
    policy->report(metrics);
    for (const models::Metric& m : metrics) {
      if (m.name == "controller.fn.policy." + name) return m.value;
    }
    throw std::runtime_error("no metric " + name);
  }

  sim::Simulation simulation;
  sim::TimeSeries series{sim::Duration::seconds(60), sim::Time::micros(100'000 * kSecond),
                         sim::Time::zero()};
  test::RecordingSink sink{simulation};
  models::EventLog log;
  models::RunContext context{simulation, sink, series,         1, 0, sim::Time::zero(),
                             nullptr,    &log, sim::Duration()};
  models::ControlPlane control{simulation, models::default_apis(), sim::RandomStream(5), &log};
  models::CloudWatch cloudwatch{simulation};
  models::ControlContext control_context{context, control, cloudwatch};
  models::LambdaFunction fn;
  std::unique_ptr<models::Controller> policy;
  std::unique_ptr<test::ScriptedArrivals> arrivals;
};

// Arrivals every `every_ms` from `from_s` to before `to_s`, each `work_ms` long.
std::vector<test::Scripted> every(int64_t from_s, int64_t to_s, int64_t every_ms, int64_t work_ms) {
  std::vector<test::Scripted> script;
  for (int64_t t = from_s * kSecond; t < to_s * kSecond; t += every_ms * kMs)
    script.push_back({t, work_ms * kMs});
  return script;
}

models::ProvisionedTargetTrackingConfig tracking(uint32_t min, uint32_t max) {
  models::ProvisionedTargetTrackingConfig c;
  c.min_capacity = min;
  c.max_capacity = max;
  return c;
}

}  // namespace

// Steady load of 14.5 concurrent invocations (one every 100 ms, 1.45 s each).
// With 10 provisioned, each provisioned environment serves 1.45 s of every
// 1.5 s: utilisation 0.9667 from the second minute on.
TEST_CASE(
    "Provisioned target tracking scales out after 3 high datapoints and their publication, "
    "to ceil(allocated x utilisation / target), serving after the allocation delay",
    "[provisioned-tracking]") {
  TrackingBench bench(10, tracking(10, 100));
  bench.load(every(0, 1200, 100, 1450));
  // Minutes 0-1, 1-2 and 2-3 are published at 2, 3 and 4 minutes: AlarmHigh
  // goes to ALARM at 240 s, on minute 2-3: ceil(10 x 0.9667 / 0.7) = 14.
  bench.run_to(239);
  CHECK(bench.configured() == 10);
  bench.run_to(240);
  CHECK(bench.configured() == 14);
  CHECK(bench.ready() == 10);
  bench.run_to(359);
  CHECK(bench.ready() == 10);  // the allocation delay, 2 minutes
  bench.run_to(360);
  CHECK(bench.ready() == 14);
  bench.run_to(1200);
  // Each later round waits for the first minute with the new amount allocated,
  // published a minute after it ends; until then datapoints ask for no more.
  // Minute 6-7 (14 allocated, 13.45 of them busy) asks for 20 at 8 minutes;
  // minute 10-11 (20 allocated, nearly all 14.5 on them) for 21 at 12 minutes.
  // 21 = ceil(14.5 / 0.7) holds utilisation at 0.69, between 0.63 and 0.7.
  const auto changes = bench.changes();
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].first == 240);
  CHECK(changes[0].second == "provisioned concurrency 10 -> 14, utilization 0.967");
  CHECK(changes[1].first == 480);
  CHECK(changes[1].second == "provisioned concurrency 14 -> 20, utilization 0.961");
  CHECK(changes[2].first == 720);
  CHECK(changes[2].second == "provisioned concurrency 20 -> 21, utilization 0.724");
  CHECK(bench.configured() == 21);
  CHECK(bench.metric("scale_outs") == 3);
  CHECK(bench.metric("scale_ins") == 0);
}

// The same load with a 5-minute scale-out cooldown: the raise due at 8 minutes
// waits to 9, and the one due at 13 (its amount allocated at 11) to 14.
TEST_CASE("Provisioned target tracking skips scale-outs within the scale-out cooldown",
          "[provisioned-tracking]") {
  auto config = tracking(10, 100);
  config.scale_out_cooldown = sim::Duration::minutes(5);
  TrackingBench bench(10, config);
  bench.load(every(0, 1200, 100, 1450));
  bench.run_to(1200);
  const auto changes = bench.changes();
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].first == 240);
  CHECK(changes[1].first == 540);
  CHECK(changes[2].first == 840);
  CHECK(bench.configured() == 21);
}

TEST_CASE("Provisioned target tracking never goes beyond max_capacity", "[provisioned-tracking]") {
  TrackingBench bench(10, tracking(10, 12));
  bench.load(every(0, 1200, 100, 1450));
  bench.run_to(1200);
  REQUIRE(bench.changes().size() == 1);
  CHECK(bench.changes()[0].first == 240);
  CHECK(bench.configured() == 12);
  CHECK(bench.metric("scale_outs") == 1);
}

// After 20 minutes at 21 provisioned, the load falls to 1.45 concurrent (one a
// second, 1.45 s each): utilisation 0.069, below 0.63.
TEST_CASE(
    "Provisioned target tracking scales in after 15 low datapoints, to the computed amount "
    "but not below min_capacity",
    "[provisioned-tracking]") {
  const uint32_t min = GENERATE(2, 5);
  TrackingBench bench(10, tracking(min, 100));
  auto script = every(0, 1200, 100, 1450);
  for (const test::Scripted& s : every(1200, 3000, 1000, 1450)) script.push_back(s);
  bench.load(script);
  bench.run_to(1200);
  REQUIRE(bench.configured() == 21);
  // Minutes 20-21 to 34-35 are low, the last published at 36 minutes:
  // ceil(1.45 / 0.7) = 3, or min_capacity if above.
  bench.run_to(2159);
  CHECK(bench.configured() == 21);
  bench.run_to(2160);
  CHECK(bench.configured() == std::max<uint32_t>(min, 3));
  CHECK(bench.ready() == std::max<uint32_t>(min, 3));  // released at once
  bench.run_to(3000);
  CHECK(bench.configured() == std::max<uint32_t>(min, 3));
  CHECK(bench.metric("scale_ins") == 1);
}

TEST_CASE("Provisioned target tracking with scale-in disabled only scales out",
          "[provisioned-tracking]") {
  auto config = tracking(2, 100);
  config.disable_scale_in = true;
  TrackingBench bench(10, config);
  auto script = every(0, 1200, 100, 1450);
  for (const test::Scripted& s : every(1200, 3000, 1000, 1450)) script.push_back(s);
  bench.load(script);
  bench.run_to(3000);
  CHECK(bench.configured() == 21);
  CHECK(bench.metric("scale_ins") == 0);
}

// Lambda emits the metric with invocations: without any, the scale-in alarm
// has no data and the amount stays.
TEST_CASE("Provisioned target tracking keeps its amount when the function gets no traffic",
          "[provisioned-tracking]") {
  TrackingBench bench(10, tracking(2, 100));
  bench.load(every(0, 1200, 100, 1450));
  bench.run_to(4000);
  CHECK(bench.configured() == 21);
  CHECK(bench.metric("scale_ins") == 0);
}

TEST_CASE("Provisioned target tracking brings the amount within its bounds at the start",
          "[provisioned-tracking]") {
  TrackingBench raised(0, tracking(4, 10));
  CHECK(raised.configured() == 4);
  CHECK(raised.ready() == 0);  // allocated after the delay, like any raise
  raised.run_to(120);
  CHECK(raised.ready() == 4);
  REQUIRE(raised.changes().size() == 1);
  CHECK(raised.changes()[0].second == "provisioned concurrency 0 -> 4, scalable target registered");
  CHECK(raised.metric("scale_outs") == 0);
  TrackingBench lowered(20, tracking(4, 10));
  CHECK(lowered.configured() == 10);
  CHECK(lowered.ready() == 10);
}

TEST_CASE(
    "A function integrates its busy and allocated provisioned environments, and an "
    "environment released from provisioned concurrency is on demand when its slot is reused",
    "[provisioned]") {
  test::Bench bench;
  auto config = function(2);
  config.idle_lifetime = sim::DurationDistribution::constant(sim::Duration::seconds(1));
  models::LambdaFunction fn("fn", config, bench.context);
  fn.track_provisioned();  // as a policy would at time zero
  // Two on provisioned environments from 1 s to 3 s; one from 4 s to 5 s.
  test::ScriptedArrivals arrivals(
      {{kSecond, 2 * kSecond}, {kSecond, 2 * kSecond}, {4 * kSecond, kSecond}}, fn, bench.sink);
  bench.simulation.run_until(sim::Time::micros(10 * kSecond), &arrivals);
  CHECK(fn.provisioned_busy_seconds() == Approx(2 * 2 + 1));
  CHECK(fn.provisioned_ready_seconds() == Approx(2 * 10));
  fn.set_provisioned(0);  // both idle: released at once
  CHECK(fn.provisioned_ready() == 0);
  // Two later requests on demand: the first reuses a released slot, the second
  // finds it warm; neither is a provisioned invocation.
  test::ScriptedArrivals later({{11 * kSecond, kSecond}, {12'500 * kMs, kSecond}}, fn, bench.sink);
  bench.simulation.run_until(sim::Time::micros(20 * kSecond), &later);
  CHECK(fn.provisioned_busy_seconds() == Approx(5));
  CHECK(fn.provisioned_ready_seconds() == Approx(20));
  fn.settle(sim::Time::micros(20 * kSecond));
  bench.series.close(sim::Time::micros(20 * kSecond));
  models::MetricList metrics;
  fn.report(metrics);
  for (const models::Metric& m : metrics) {
    if (m.name == "component.fn.provisioned_invocations") CHECK(m.value == 3);
    if (m.name == "component.fn.invocations") CHECK(m.value == 5);
  }
}
