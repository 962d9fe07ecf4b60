#include "models/traffic/expected_arrivals.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "models/traffic/trace_arrivals.h"

namespace {

using models::ArrivalConfig;
using sim::Duration;

models::Curve curve(models::CurveSpec spec) {
  return std::make_shared<const models::CurveSpec>(std::move(spec));
}

double expected(const ArrivalConfig& config, Duration horizon, Duration offset = Duration()) {
  return models::estimate_arrivals(config, offset, horizon).arrivals;
}

}  // namespace

TEST_CASE("Piecewise constant curves integrate exactly", "[estimate]") {
  ArrivalConfig config;
  config.rate = models::constant_curve(12.5);
  CHECK(expected(config, Duration::hours(2)) == 12.5 * 7200);
  models::HourlyCurve hourly;
  for (size_t h = 0; h < 24; ++h) hourly.per_second[h] = static_cast<double>(h);
  config.rate = curve({hourly});
  // 0 + 1 + ... + 23 per second, an hour each, and the first 30 minutes again.
  CHECK(expected(config, Duration::hours(24)) == 276.0 * 3600);
  CHECK(expected(config, Duration::hours(1) + Duration::minutes(30), Duration::hours(22)) ==
        (22.0 + 23.0 * 0.5) * 3600);
  const models::TrafficEstimate e =
      models::estimate_arrivals(config, Duration(), Duration::hours(24));
  CHECK(e.peak_per_second == 23);
  CHECK(e.peak_at == Duration::hours(23));
}

TEST_CASE("Smooth curves integrate to within a small fraction", "[estimate]") {
  ArrivalConfig config;
  config.rate = curve({models::SinusoidCurve{100, 14, 3}});
  // Whole days of a daily sinusoid: the mean times the time.
  CHECK(expected(config, Duration::hours(72)) == Approx(100.0 * 72 * 3600).epsilon(1e-9));
  // A linear trend: rate x (1 + g t) integrates to rate (T + g T^2 / 2).
  config.rate = curve({models::TrendCurve{false, 0.5, models::constant_curve(10)}});
  const double days = 4, seconds = days * 86400;
  CHECK(expected(config, Duration::hours(24 * 4)) ==
        Approx(10 * (seconds + 0.5 * days * seconds / 2)).epsilon(1e-9));
}

TEST_CASE("Periodic schedules and traces count their arrivals", "[estimate]") {
  ArrivalConfig periodic;
  periodic.kind = ArrivalConfig::Kind::kPeriodic;
  periodic.every = Duration::minutes(5);
  periodic.offset = Duration::minutes(1);
  periodic.burst = 3;
  // At 1, 6, ..., 56 minutes: 12 ticks of 3 in the first hour.
  CHECK(expected(periodic, Duration::hours(1)) == 36);
  CHECK(expected(periodic, Duration::minutes(1)) == 0);

  auto data = std::make_shared<models::TraceData>();
  data->per_interval = true;
  data->first = sim::Time::zero() + Duration::minutes(10);
  data->period = Duration::minutes(5);
  data->counts = {100, 300, 50};
  ArrivalConfig trace;
  trace.kind = ArrivalConfig::Kind::kTrace;
  trace.trace = std::make_shared<models::TraceReplay>(models::TraceReplay{data, false, 2});
  CHECK(expected(trace, Duration::minutes(20)) == 800);  // intervals starting before 20 min
  const models::TrafficEstimate e =
      models::estimate_arrivals(trace, Duration(), Duration::hours(1));
  CHECK(e.arrivals == 900);
  CHECK(e.peak_per_second == Approx(600.0 / 300));

  auto instants = std::make_shared<models::TraceData>();
  for (int s : {1, 2, 3, 70})
    instants->requests.push_back(sim::Time::zero() + Duration::seconds(s));
  trace.trace = std::make_shared<models::TraceReplay>(models::TraceReplay{instants, false, 1});
  CHECK(expected(trace, Duration::minutes(1)) == 3);
}

TEST_CASE("Overflow shows as a non-finite estimate", "[estimate]") {
  ArrivalConfig config;
  config.rate = curve({models::TrendCurve{true, 10, models::constant_curve(1)}});
  const models::TrafficEstimate e =
      models::estimate_arrivals(config, Duration(), Duration::hours(24 * 100));
  CHECK_FALSE(e.finite());
  config.rate = models::constant_curve(1e308);
  CHECK_FALSE(models::estimate_arrivals(config, Duration(), Duration::hours(24)).finite());
}
