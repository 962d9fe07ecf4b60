#include "models/traffic/arrivals.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>

namespace {

using models::Curve;
using models::CurveSpec;

Curve make(models::CurveSpec spec) {
  return std::make_shared<const CurveSpec>(std::move(spec));
}

// Counts arrivals per window of a process; windows are [edges[i], edges[i+1]).
std::vector<double> counts(models::ArrivalProcess& process, const std::vector<double>& edges_s) {
  std::vector<double> out(edges_s.size() - 1, 0);
  size_t w = 0;
  for (sim::Time t = process.next(); t.seconds() < edges_s.back(); t = process.next()) {
    while (t.seconds() >= edges_s[w + 1]) ++w;
    if (t.seconds() >= edges_s[w]) out[w]++;
  }
  return out;
}

std::vector<double> edges(double step, double end) {
  std::vector<double> out;
  for (double t = 0; t <= end + 1e-9; t += step) out.push_back(t);
  return out;
}

// The integral of a curve over [a, b), by the midpoint rule at 1-second steps.
double integral(const Curve& curve, sim::Duration offset, double a, double b) {
  const auto rate = models::make_rate(curve, offset);
  double total = 0;
  for (double t = a; t < b; t += 1) total += rate->at(t + 0.5) * std::min(1.0, b - t);
  return total;
}

// A window's count is Poisson with mean the rate's integral over it. Within 5
// standard deviations but for probability 5.7e-7 per window: with the fixed
// seeds below, a correct generator fails these tests about once in ten thousand
// changes of seed.
void check_counts(const Curve& curve, sim::Duration offset, double step, double end,
                  uint64_t seed) {
  models::ArrivalConfig config;
  config.rate = curve;
  auto process = models::make_arrival_process(config, offset, sim::RandomStream(seed));
  const std::vector<double> e = edges(step, end);
  const std::vector<double> c = counts(*process, e);
  for (size_t w = 0; w < c.size(); ++w) {
    const double mean = integral(curve, offset, e[w], e[w + 1]);
    INFO("window " << w << ": count " << c[w] << ", expected " << mean);
    CHECK(std::abs(c[w] - mean) <= 5 * std::sqrt(std::max(mean, 1.0)));
  }
}

Curve hourly() {
  models::HourlyCurve h;
  for (size_t i = 0; i < 24; ++i) h.per_second[i] = i < 7 ? 2 : (i == 12 ? 40 : 15);
  return make({h});
}

}  // namespace

TEST_CASE("Poisson arrivals at a constant rate, and none at rate zero") {
  check_counts(models::constant_curve(250), sim::Duration(), 1000, 2000, 1);
  models::ArrivalConfig config;
  CHECK(models::make_arrival_process(config, sim::Duration(), sim::RandomStream(1))->next() ==
        sim::Time::never());
}

TEST_CASE("A step schedule's counts are the integral of its rate, and arrivals stop after it") {
  models::StepsCurve steps{{{sim::Duration::hours(1), 10},
                            {sim::Duration::minutes(30), 0},
                            {sim::Duration::hours(2), 50}},
                           false};
  check_counts(make({steps}), sim::Duration(), 1800, 5 * 3600, 2);
}

TEST_CASE("A repeating step schedule starts over") {
  models::StepsCurve steps{{{sim::Duration::seconds(60), 100}, {sim::Duration::seconds(40), 5}},
                           true};
  check_counts(make({steps}), sim::Duration(), 20, 600, 3);
}

TEST_CASE("An hourly profile follows local time") {
  // Starting on Monday at 10:00 local: the 12:00 peak is two hours in.
  check_counts(hourly(), sim::Duration::hours(10), 900, 2 * 86400, 4);
  const auto rate = models::make_rate(hourly(), sim::Duration::hours(10));
  CHECK(rate->at(2 * 3600 + 1) == 40);
  CHECK(rate->at(0) == 15);
}

TEST_CASE("A smooth daily sinusoid is thinned to the right counts") {
  const Curve sinusoid = make({models::SinusoidCurve{20, 14, 3}});
  check_counts(sinusoid, sim::Duration(), 1800, 86400, 5);
  const auto rate = models::make_rate(sinusoid, sim::Duration());
  CHECK(rate->at(14 * 3600) == Approx(30));  // peak: mean x (1 + 1/2)
  CHECK(rate->at(2 * 3600) == Approx(10));   // trough: a third of the peak
}

TEST_CASE("A daily 16:00 push-notification spike on a weekly profile, with a trend") {
  models::WeeklyCurve weekly{{1, 1, 1, 1, 1, 0.5, 0.4}, hourly()};
  models::TrendCurve trend{false, 0.05, make({weekly})};
  models::SpikeCurve spike;
  spike.daily_at = sim::Duration::hours(16);
  spike.rise = sim::Duration::minutes(2);
  spike.decay = sim::Duration::minutes(10);
  spike.peak = 8;
  spike.of = make({trend});
  const Curve curve = make({spike});
  check_counts(curve, sim::Duration(), 600, 7 * 86400, 6);
  const auto rate = models::make_rate(curve, sim::Duration());
  // Monday 16:02, the spike's peak: 15/s x 1.0 (weekday) x (1 + 0.05 x 16.03/24) x 8.
  CHECK(rate->at(16 * 3600 + 120) == Approx(15 * (1 + 0.05 * (16 * 3600 + 120) / 86400.0) * 8));
  // Saturday 10:00: 15/s x 0.5 and the trend.
  CHECK(rate->at(5 * 86400 + 10 * 3600) ==
        Approx(15 * 0.5 * (1 + 0.05 * (5 * 86400 + 10 * 3600) / 86400.0)));
}

TEST_CASE("An event window, a sum and a clip combine as written") {
  const Curve base = models::constant_curve(10);
  const Curve event =
      make({models::WindowCurve{sim::Duration::hours(2), sim::Duration::hours(3), 4, base}});
  const Curve with_floor = make({models::SumCurve{{event, models::constant_curve(1)}}});
  const Curve capped = make({models::ClipCurve{0, 30, with_floor}});
  const auto rate = models::make_rate(capped, sim::Duration());
  CHECK(rate->at(3600) == 11);
  CHECK(rate->at(2.5 * 3600) == 30);  // 41, clipped
  check_counts(capped, sim::Duration(), 1800, 4 * 3600, 7);
}

TEST_CASE("Overdispersed arrivals: counts per window vary as mean + (cv x mean)^2") {
  models::ArrivalConfig config;
  config.kind = models::ArrivalConfig::Kind::kOverdispersed;
  config.rate = models::constant_curve(100);
  config.rate_cv = 0.2;
  config.window = sim::Duration::minutes(1);
  auto process = models::make_arrival_process(config, sim::Duration(), sim::RandomStream(8));
  const std::vector<double> c = counts(*process, edges(60, 3000 * 60));
  double sum = 0;
  double squares = 0;
  for (double n : c) sum += n;
  const double mean = sum / static_cast<double>(c.size());
  for (double n : c) squares += (n - mean) * (n - mean);
  const double variance = squares / static_cast<double>(c.size() - 1);
  // 6000 a window: variance 6000 + 1200^2. The sample variance of 3000 windows
  // has a relative standard error of about 3% here; 15% is 5 of them.
  CHECK(mean == Approx(6000).epsilon(0.02));
  CHECK(variance == Approx(6000 + 1200.0 * 1200.0).epsilon(0.15));
  CHECK(variance / mean > 100);  // far burstier than Poisson, whose ratio is 1
}

TEST_CASE("Periodic arrivals come in bursts at exact instants") {
  models::ArrivalConfig config;
  config.kind = models::ArrivalConfig::Kind::kPeriodic;
  config.every = sim::Duration::minutes(4);
  config.offset = sim::Duration::seconds(30);
  config.burst = 3;
  auto process = models::make_arrival_process(config, sim::Duration(), sim::RandomStream(9));
  std::vector<int64_t> seconds;
  for (int i = 0; i < 7; ++i) seconds.push_back(process->next().us() / 1'000'000);
  CHECK(seconds == std::vector<int64_t>{30, 30, 30, 270, 270, 270, 510});
}

TEST_CASE("Arrival times never decrease, however the curve is built") {
  models::SpikeCurve spike;
  spike.start = sim::Duration::millis(5);
  spike.rise = sim::Duration::millis(1);
  spike.decay = sim::Duration::millis(3);
  spike.extra_per_second = 1e5;
  spike.of = make({models::StepsCurve{
      {{sim::Duration::millis(3), 1e5}, {sim::Duration::millis(7), 1e3}}, true}});
  models::ArrivalConfig config;
  config.rate = make({spike});
  auto process = models::make_arrival_process(config, sim::Duration(), sim::RandomStream(10));
  sim::Time previous = sim::Time::zero();
  for (int i = 0; i < 100000; ++i) {
    const sim::Time t = process->next();
    REQUIRE(t >= previous);
    previous = t;
  }
}

// A rate that never changes takes a shorter path than a curve's stretches, which
// must give the very same instants from the same draws: the figures below were
// pinned from the curve's general path (the 100,000th arrival in microseconds,
// and a checksum of all of them), before the constant path existed.
TEST_CASE("A constant rate's arrivals are those the curve's general path gave") {
  struct Pinned {
    double rate;
    int64_t last_us;
    int64_t checksum;
  };
  for (const Pinned& pinned :
       {Pinned{0.001, 99712801901157, 50013199373}, Pinned{3.0, 33237600634, 50041437038},
        Pinned{16000.0, 6232050, 48596155253}}) {
    for (const auto kind :
         {models::ArrivalConfig::Kind::kPoisson, models::ArrivalConfig::Kind::kOverdispersed}) {
      models::ArrivalConfig config;
      config.rate = models::constant_curve(pinned.rate);
      config.kind = kind;  // overdispersed with rate_cv 0: plain Poisson
      auto process =
          models::make_arrival_process(config, sim::Duration::hours(5), sim::RandomStream(42));
      int64_t last = 0;
      int64_t checksum = 0;
      for (int i = 0; i < 100000; ++i) {
        last = process->next().us();
        checksum += last % 1000003;
      }
      INFO("rate " << pinned.rate);
      CHECK(last == pinned.last_us);
      CHECK(checksum == pinned.checksum);
    }
  }
}
