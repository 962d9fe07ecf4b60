#include "sim/random.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "sim/distribution.h"

// These values pin the generator, the stream derivation and every sampler. If one
// changes, every scenario's results change with it: that must be a deliberate
// decision, noted in the change, never an accident of a library upgrade.
TEST_CASE("Stream keys and drawn values are pinned") {
  CHECK(sim::stream_key(42, 0, "workload.arrivals") == 11087530660873696052ULL);
  auto rng = sim::RandomStream::derive(42, 0, "workload.arrivals");
  CHECK(rng.next_u64() == 5136478183507256271ULL);
  CHECK(rng.next_u64() == 1295195287797485377ULL);
  CHECK(rng.next_u64() == 9759305007101225444ULL);
  CHECK(sim::RandomStream::derive(42, 0, "workload.arrivals").uniform_open01() ==
        0.27844904027414824);

  auto draws = sim::RandomStream::derive(1, 2, "pins");
  CHECK(sim::sample_exponential(draws, 1.0) == 1.6695733419157091);
  CHECK(sim::sample_exponential(draws, 1.0) == 1.3723180386633003);
  CHECK(sim::sample_standard_normal(draws) == -0.29646754223917632);
  CHECK(sim::sample_standard_normal(draws) == 0.35409463414503561);
  CHECK(sim::sample_gamma(draws, 0.5, 2.0) == 0.8931093901257704);
  CHECK(sim::sample_gamma(draws, 3.0, 1.0) == 3.9191277859360132);
  CHECK(sim::Distribution::lognormal_with_mean(100.0, 1.0).sample(draws) == 284.45281408068507);
  CHECK(sim::DurationDistribution(sim::Distribution::uniform(1e6, 2e6)).sample(draws).us() ==
        1640128);
}

TEST_CASE("Streams with different names, seeds or replications differ") {
  std::set<uint64_t> keys = {
      sim::stream_key(1, 0, "a"), sim::stream_key(1, 0, "b"), sim::stream_key(2, 0, "a"),
      sim::stream_key(1, 1, "a"), sim::stream_key(0, 0, ""),
  };
  CHECK(keys.size() == 5);
}

TEST_CASE("below(n) stays in range and covers it evenly") {
  auto rng = sim::RandomStream(5);
  std::vector<int> counts(7, 0);
  const int n = 700000;
  for (int i = 0; i < n; ++i) counts[rng.below(7)]++;
  // Each count is binomial(n, 1/7), standard deviation about 293: 5 sigma bounds
  // give a false-failure probability below 1e-5 (and the seed is fixed).
  for (int c : counts) CHECK(std::abs(c - n / 7) < 1500);
}

namespace {

struct Moments {
  double mean = 0;
  double variance = 0;
};

Moments moments(const sim::Distribution& d, int n, uint64_t seed) {
  auto rng = sim::RandomStream(seed);
  double sum = 0;
  double squares = 0;
  for (int i = 0; i < n; ++i) {
    const double x = d.sample(rng);
    sum += x;
    squares += x * x;
  }
  const double mean = sum / n;
  return {mean, squares / n - mean * mean};
}

}  // namespace

// With n = 1e6 draws the sample mean's standard error is sd / 1000; a tolerance
// of 5 standard errors fails by chance with probability below 1e-6.
TEST_CASE("Samplers have the mean and variance of their distribution") {
  const int n = 1000000;
  struct Case {
    sim::Distribution d;
    double mean;
    double variance;
  };
  const Case cases[] = {
      {sim::Distribution::exponential(2.0), 2.0, 4.0},
      {sim::Distribution::normal(5.0, 3.0), 5.0, 9.0},
      {sim::Distribution::uniform(1.0, 4.0), 2.5, 0.75},
      {sim::Distribution::lognormal_with_mean(10.0, 0.5), 10.0, 25.0},
      {sim::Distribution::gamma_with_mean(3.0, 0.5), 3.0, 2.25},
      {sim::Distribution::gamma(0.3, 2.0), 0.6, 1.2},
      {sim::Distribution::constant(7.0), 7.0, 0.0},
  };
  uint64_t seed = 100;
  for (const Case& c : cases) {
    INFO(c.d.describe());
    const Moments m = moments(c.d, n, seed++);
    CHECK(c.d.mean() == Approx(c.mean));
    CHECK(std::abs(m.mean - c.mean) <= 5 * std::sqrt(c.variance / n) + 1e-12);
    // The variance estimate's standard error is about sqrt((mu4 - sigma^4) / n);
    // a 3% relative bound is more than 5 of them for these shapes.
    CHECK(m.variance == Approx(c.variance).epsilon(0.03).margin(1e-12));
  }
}

TEST_CASE("The exponential sampler has the exponential tail, beyond the ziggurat's base layer") {
  auto rng = sim::RandomStream(9);
  const int n = 4000000;
  int beyond_8 = 0;
  int beyond_3 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = sim::sample_exponential(rng, 1.0);
    beyond_3 += x > 3;
    beyond_8 += x > 8;  // past the base layer's edge at 7.697
  }
  const double p3 = std::exp(-3.0);
  const double p8 = std::exp(-8.0);
  CHECK(std::abs(beyond_3 - n * p3) < 5 * std::sqrt(n * p3));
  CHECK(std::abs(beyond_8 - n * p8) < 5 * std::sqrt(n * p8));
}

TEST_CASE("Duration samples round to microseconds and are never negative") {
  auto rng = sim::RandomStream(4);
  const sim::DurationDistribution d(sim::Distribution::normal(10.0, 100.0));
  for (int i = 0; i < 10000; ++i) CHECK(d.sample(rng).us() >= 0);
  CHECK(sim::DurationDistribution::constant(sim::Duration::millis(5)).sample(rng).us() == 5000);
}

TEST_CASE("Duration samples too large to represent become Duration::max()") {
  auto rng = sim::RandomStream(4);
  CHECK(sim::DurationDistribution(sim::Distribution::constant(1e30)).sample(rng) ==
        sim::Duration::max());
  const auto heavy = sim::DurationDistribution(sim::Distribution::lognormal(std::log(1e6), 20.0));
  for (int i = 0; i < 100000; ++i) {
    const sim::Duration d = heavy.sample(rng);
    REQUIRE(d.us() >= 0);
    REQUIRE(d <= sim::Duration::max());
  }
}
