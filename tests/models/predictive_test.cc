// An Auto Scaling group's predictive scaling policy: the forecast of a known
// history, the instant capacity is raised ahead of a spike, nothing before 24
// hours of data, the group taking the larger of the forecast and target
// tracking, step scaling's scale-in stopping at the forecast, ForecastOnly
// leaving capacity alone, and the max capacity breach behaviour.
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include "harness.h"
#include "models/compute/server_fleet.h"
#include "models/control/cloudwatch.h"
#include "models/control/control_plane.h"
#include "models/observe/event_log.h"
#include "models/policies/asg.h"
#include "models/policies/predictive_forecast.h"
#include "models/pricing/ledger.h"
#include "scaling_bench.h"

namespace {

constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 24 * kHour;
constexpr double kTwoPi = 2 * std::numbers::pi;

// The known history: per minute 60 x exp(a + b cos(2 pi (h - 14) / 24)), h the
// local hour of the minute's midpoint, times 3 from 16:00 to 16:15.
constexpr double kA = 4;  // about 3,300 a minute at the mean
constexpr double kB = 0.5;
constexpr double kSpike = 3;
const models::DailySpike k1600{sim::Duration::hours(16), sim::Duration::minutes(15)};

double base(double hour) {
  return 60 * std::exp(kA + kB * std::cos(kTwoPi * (hour - 14) / 24));
}

double truth(int64_t minute) {
  const double hour = std::fmod((static_cast<double>(minute) + 0.5) / 60, 24);
  const bool spike = hour >= 16 && hour < 16.25;
  return base(hour) * (spike ? kSpike : 1);
}

models::LoadHistory known_history(int days) {
  models::LoadHistory h;
  for (int64_t m = 0; m < days * 1440; ++m) h.per_minute.push_back(truth(m));
  return h;
}

models::ServerFleetConfig c6g_fleet(uint32_t count) {
  models::ServerFleetConfig c = test::fleet(count, 20);
  c.boot_time = sim::DurationDistribution::constant(sim::Duration::seconds(20));
  return c;
}

// A request every `every_ms` milliseconds from `from_s` to before `to_s`, each 10 ms long.
void every(std::vector<test::Scripted>& script, int64_t from_s, int64_t to_s, int64_t every_ms) {
  for (int64_t t = from_s * 1000; t < to_s * 1000; t += every_ms)
    script.push_back({t * 1000, 10'000});
}

// Per minute: `base` requests, and four times as many from 16:00 to 16:15 each day.
std::vector<test::Scripted> daily_push(int64_t until_s, int64_t base_per_minute) {
  std::vector<test::Scripted> script;
  const int64_t gap = 60'000 / base_per_minute;
  for (int64_t day = 0; day * kDay < until_s; ++day) {
    const int64_t d = day * kDay;
    every(script, d, std::min(until_s, d + 16 * kHour), gap);
    every(script, std::min(until_s, d + 16 * kHour), std::min(until_s, d + 16 * kHour + 900),
          gap / 4);
    every(script, std::min(until_s, d + 16 * kHour + 900), std::min(until_s, d + kDay), gap);
  }
  return script;
}

// An Auto Scaling group from 1 to 10 with a predictive scaling policy and no other.
models::AsgConfig predictive(double target, sim::Duration interval) {
  models::AsgConfig c;
  c.min = 1;
  c.max = 10;
  models::PredictiveScalingPolicy& p = c.predictive.emplace();
  p.target = target;
  p.mode = models::PredictiveMode::kForecastAndScale;
  p.scheduling_buffer = sim::Duration::seconds(600);
  p.forecast_interval = interval;
  p.known_spikes = {k1600};
  return c;
}

// ScalingBench over the days a forecast needs (its default series end at 27 h).
struct DaysBench : test::ScalingBench {
  DaysBench()
      : ScalingBench(test::fixed_latency_apis(1.5), sim::Time::micros(7 * kDay * kSecond)) {}

  // The details of the scale-outs and scale-ins logged from `seconds` on, in order.
  std::vector<std::string> scaling_from(int64_t seconds) const {
    std::vector<std::string> details;
    for (const models::LoggedEvent& e : log.entries()) {
      if (e.at.seconds() >= static_cast<double>(seconds) &&
          (e.what == "scale_out" || e.what == "scale_in"))
        details.push_back(e.detail);
    }
    return details;
  }

  // The group's end-of-run metric `name`, or -1 when it has none.
  double metric(const std::string& name) const {
    models::MetricList metrics;
    controllers.front()->report(metrics);
    for (const models::Metric& m : metrics) {
      if (m.name == "controller.web.policy." + name) return m.value;
    }
    return -1;
  }
};

}  // namespace

// Tolerance. The model family holds the truth (one daily harmonic, no trend),
// so what is left is the fit's two approximations: an hour's sum is taken as 60
// minutes at the hour's midpoint, off by at most (1 h)^2 / 24 x max|f''/f| =
// b w^2 (1 + b) / 24 = 0.21% with w = 2 pi / 24 h; and the 16:00 hour's spike
// minutes are replaced by the mean of 16:15-17:00, whose centre lies 7.5 minutes
// late on a slope of at most b w = 13% an hour: 1.7% of one hour in 24. Their sum,
// 2%, bounds the error of every minute's forecast and of the spike's factor.
TEST_CASE("The forecast of a log-sinusoid with a 16:00 spike recovers both", "[predictive]") {
  const models::LoadHistory history = known_history(3);
  models::ForecastOptions options;
  options.daily_harmonics = 1;
  options.spikes = {k1600};
  const sim::Time now = sim::Time::micros(3 * kDay * kSecond);
  const models::LoadForecast f = models::forecast_load(history, now, sim::Duration(), options);

  REQUIRE(f.spike_factors.size() == 1);
  CHECK(f.spike_factors[0] == Approx(kSpike).epsilon(0.02));
  REQUIRE(f.intervals.size() == 48);
  CHECK(f.intervals.front().start == now);
  double worst = 0;
  for (int64_t m = 3 * 1440; m < 5 * 1440; ++m) {
    const double forecast = f.load_at(sim::Time::micros(m * 60 * kSecond));
    worst = std::max(worst, std::abs(forecast / truth(m) - 1));
  }
  CHECK(worst < 0.02);
  // The 16:00 hour averages the spike's 15 minutes with the rest of the hour.
  const models::ForecastInterval* four = f.find(now + sim::Duration::hours(16));
  REQUIRE(four != nullptr);
  double hour = 0;
  for (int64_t m = 16 * 60; m < 17 * 60; ++m) hour += truth(m) / 60;
  CHECK(four->load == Approx(hour).epsilon(0.02));
}

TEST_CASE("Without the spike term the same history's 16:00 is smeared", "[predictive]") {
  models::ForecastOptions options;
  options.daily_harmonics = 1;
  const sim::Time now = sim::Time::micros(3 * kDay * kSecond);
  const models::LoadForecast f =
      models::forecast_load(known_history(3), now, sim::Duration(), options);
  const double at_spike = f.load_at(now + sim::Duration::hours(16));
  CHECK(at_spike < 0.5 * truth(16 * 60));  // the spike is lost in the daily curve
}

TEST_CASE(
    "No forecast and no action before 24 hours of data, the first when the 1440th "
    "minute is published",
    "[predictive]") {
  DaysBench bench;
  models::ServerFleet fleet("web", c6g_fleet(1), bench.context);
  bench.add(predictive(100, sim::Duration::minutes(15)), fleet);
  bench.run(fleet, daily_push(kDay + 600, 60), kDay + 600);
  // Refreshes at 6, 12 and 18 h found too little history. The minute ending at
  // 24 h is published a minute later (CloudWatch's delay).
  CHECK(bench.when("forecast") == std::vector<double>{kDay + 60});
  CHECK(bench.when("scale_out").empty());
  CHECK(bench.metric("forecasts") == 1);
}

TEST_CASE("Capacity for a known spike is raised scheduling_buffer before it", "[predictive]") {
  DaysBench bench;
  models::ServerFleet fleet("web", c6g_fleet(1), bench.context);
  bench.add(predictive(100, sim::Duration::minutes(15)), fleet);
  const int64_t until = kDay + 16 * kHour + 1800;
  bench.run(fleet, daily_push(until, 60), until);
  // 60 a minute needs 1 instance at 100 a minute each; the 16:00-16:15 interval,
  // 240 a minute, needs 3: set 600 s before 16:00 on the second day.
  CHECK(bench.when("scale_out") == std::vector<double>{kDay + 16 * kHour - 600});
  CHECK(bench.first("scale_out")->detail.starts_with("desired 1 -> 3, predictive"));
  // ForecastAndScale never scales in on a forecast.
  CHECK(bench.when("scale_in").empty());
  CHECK(fleet.counts().in_service == 3);
  // Intervals scored since the first forecast: the load was what was forecast.
  CHECK(bench.metric("forecast_intervals") > 60);
  CHECK(bench.metric("forecast_mape") < 0.02);
}

TEST_CASE("ForecastOnly forecasts and leaves capacity alone", "[predictive]") {
  DaysBench bench;
  models::ServerFleet fleet("web", c6g_fleet(1), bench.context);
  models::AsgConfig config = predictive(100, sim::Duration::minutes(15));
  config.predictive->mode = models::PredictiveMode::kForecastOnly;
  bench.add(config, fleet);
  const int64_t until = kDay + 16 * kHour + 1800;
  bench.run(fleet, daily_push(until, 60), until);
  // At 24 h and a minute, then at the refreshes of 30 and 36 h.
  CHECK(bench.metric("forecasts") == 3);
  CHECK(bench.when("scale_out").empty());
}

TEST_CASE("Beside target tracking the desired capacity is the larger of the two", "[predictive]") {
  DaysBench bench;
  models::ServerFleet fleet("web", c6g_fleet(1), bench.context);
  // Both target 60 a minute per instance: 120 a minute needs 2. The forecast of
  // the 16:00 hour is its mean, (15 x 480 + 45 x 120) / 60 = 210, so 4.
  models::AsgConfig config = predictive(60, sim::Duration::hours(1));
  config.target_tracking.push_back({models::FleetMetric::kRequestCountPerTarget, 60});
  bench.add(config, fleet);
  const int64_t until = kDay + 17 * kHour + 600;
  bench.run(fleet, daily_push(until, 120), until);

  const std::vector<std::string> second_day = bench.scaling_from(kDay);
  // Target tracking holds 2 from the first day; the predictive floor of 2 (or
  // less) changes nothing until 15:50, when the 16:00 hour's 4 is above it. The
  // push then takes target tracking to ceil(4 x 120 / 60) = 8. After it, target
  // tracking would go back to 2 but stops at the hour's forecast, 4, until the
  // 17:00 hour's 2 is the floor.
  REQUIRE(second_day.size() == 4);
  CHECK(second_day[0].starts_with("desired 2 -> 4, predictive"));
  CHECK(second_day[1] == "desired 4 -> 8, target tracking");
  CHECK(second_day[2] == "desired 8 -> 4, target tracking, to the forecast");
  CHECK(second_day[3] == "desired 4 -> 2, target tracking");
  CHECK(bench.when("scale_out")[bench.when("scale_out").size() - 2] == kDay + 16 * kHour - 600);
}

TEST_CASE("A forecast above max raises it only with increase_max_capacity", "[predictive]") {
  const int64_t until = kDay + 16 * kHour + 60;
  SECTION("honor_max_capacity") {
    DaysBench bench;
    models::ServerFleet fleet("web", c6g_fleet(1), bench.context);
    models::AsgConfig config = predictive(100, sim::Duration::minutes(15));
    config.max = 2;
    bench.add(config, fleet);
    bench.run(fleet, daily_push(until, 60), until);
    CHECK(bench.when("max_raised").empty());
    CHECK(bench.first("scale_out")->detail.starts_with("desired 1 -> 2, predictive"));
  }
  SECTION("increase_max_capacity with a 10% buffer") {
    DaysBench bench;
    models::ServerFleet fleet("web", c6g_fleet(1), bench.context);
    models::AsgConfig config = predictive(100, sim::Duration::minutes(15));
    config.max = 2;
    config.predictive->increase_max = true;
    config.predictive->max_capacity_buffer = 10;
    bench.add(config, fleet);
    bench.run(fleet, daily_push(until, 60), until);
    // The 16:00 interval needs 3: max becomes ceil(3 x 1.1) = 4, desired 3.
    CHECK(bench.when("max_raised") == std::vector<double>{kDay + 16 * kHour - 600});
    CHECK(bench.first("max_raised")->detail == "max 2 -> 4");
    CHECK(bench.first("scale_out")->detail.starts_with("desired 1 -> 3, predictive"));
  }
}

TEST_CASE("Step scaling's scale-in stops at the forecast of the current interval", "[predictive]") {
  DaysBench bench;
  models::ServerFleet fleet("web", c6g_fleet(1), bench.context);
  // The forecast at 62 a minute per instance: 120 a minute needs 2, the 16:00
  // hour's mean of 210 needs 4. A step policy whose alarm is always in ALARM
  // asks for one instance less every minute it may scale in.
  models::AsgConfig config = predictive(62, sim::Duration::hours(1));
  models::StepScalingPolicy step;
  step.metric = models::FleetMetric::kRequestCountPerTarget;
  step.alarm = {models::Comparison::kLess, 1000, 1, 1};
  step.steps = {{std::nullopt, 0.0, -1}};
  config.step_scaling.push_back(step);
  bench.add(config, fleet);
  const int64_t until = kDay + 18 * kHour;
  bench.run(fleet, daily_push(until, 120), until);

  std::vector<std::string> changes;
  std::vector<double> at;
  for (const models::LoggedEvent& e : bench.log.entries()) {
    if (e.what == "scale_out" || e.what == "scale_in") {
      changes.push_back(e.detail.substr(0, e.detail.find(',')));
      at.push_back(e.at.seconds());
    }
  }
  // The first action after the first forecast raises 1 to 2, 15:50 raises 2 to
  // 4; the step policy scales in only when the 17:00 hour's 2 is the floor, at
  // 16:50, and never below it.
  REQUIRE(changes.size() == 4);
  CHECK(changes[0] == "desired 1 -> 2");
  CHECK(at[0] == kDay + kHour - 600);
  CHECK(changes[1] == "desired 2 -> 4");
  CHECK(at[1] == kDay + 16 * kHour - 600);
  CHECK(changes[2] == "desired 4 -> 3");
  CHECK(changes[3] == "desired 3 -> 2");
  CHECK(at[2] >= kDay + 17 * kHour - 600);
  CHECK(fleet.counts().in_service == 2);
}

TEST_CASE("In ForecastOnly the forecast puts no floor under target tracking", "[predictive]") {
  DaysBench bench;
  models::ServerFleet fleet("web", c6g_fleet(1), bench.context);
  models::AsgConfig config = predictive(60, sim::Duration::hours(1));
  config.predictive->mode = models::PredictiveMode::kForecastOnly;
  config.target_tracking.push_back({models::FleetMetric::kRequestCountPerTarget, 60});
  bench.add(config, fleet);
  const int64_t until = kDay + 17 * kHour + 600;
  bench.run(fleet, daily_push(until, 120), until);
  // Target tracking alone: out to 8 in the push, and back to 2 after it, not 4.
  const std::vector<std::string> second_day = bench.scaling_from(kDay);
  REQUIRE(!second_day.empty());
  CHECK(second_day.back() == "desired 8 -> 2, target tracking");
  CHECK(bench.metric("predictive_scale_outs") == 0);
  CHECK(bench.metric("forecasts") == 3);
}
