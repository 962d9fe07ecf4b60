#include "sim/histogram.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/distribution.h"

TEST_CASE("Percentiles are within 1% of the exact order statistics") {
  sim::Histogram histogram;
  std::vector<int64_t> values;
  auto rng = sim::RandomStream(21);
  const auto d = sim::Distribution::lognormal_with_mean(150000, 2.0);  // microseconds
  for (int i = 0; i < 200000; ++i) {
    const auto v = static_cast<int64_t>(d.sample(rng));
    values.push_back(v);
    histogram.record(v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.01, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 1.0}) {
    const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
    const auto exact = static_cast<double>(values[rank - 1]);
    INFO("q = " << q);
    CHECK(std::abs(histogram.quantile(q) - exact) <= 0.01 * exact);
  }
  CHECK(histogram.count() == values.size());
  CHECK(histogram.max() == static_cast<uint64_t>(values.back()));
}

TEST_CASE("Small values are counted exactly") {
  sim::Histogram histogram;
  for (int64_t v : {0, 1, 2, 2, 3, 200, 255}) histogram.record(v);
  CHECK(histogram.quantile(0.0) == 0);
  CHECK(histogram.quantile(0.5) == 2);
  CHECK(histogram.quantile(0.8) == 200);  // rank ceil(5.6) = 6
  CHECK(histogram.quantile(1.0) == 255);
  CHECK(histogram.mean() == Approx(463.0 / 7.0));
}

TEST_CASE("An empty histogram reports zero, and merging adds counts") {
  sim::Histogram a;
  sim::Histogram b;
  CHECK(a.quantile(0.5) == 0);
  a.record(1000);
  b.record(3000);
  b.record(5000);
  a.merge(b);
  CHECK(a.count() == 3);
  CHECK(a.max() == 5000);
  CHECK(a.mean() == Approx(3000));
}

TEST_CASE("Values beyond the tracked range still count and still reach max") {
  sim::Histogram histogram;
  const auto huge = static_cast<int64_t>(sim::Histogram::max_trackable()) * 4;
  histogram.record(huge);
  CHECK(histogram.count() == 1);
  CHECK(histogram.max() == static_cast<uint64_t>(huge));
  CHECK(histogram.quantile(1.0) <= static_cast<double>(huge));
}

// A finer histogram's buckets nest in a coarser one's, so merging it must give
// the coarse histogram its values would have made, across every octave and up
// to the top bucket (values past the tracked range included).
TEST_CASE("A fine histogram merged into a coarse one equals recording there directly") {
  sim::Histogram fine;
  sim::CoarseHistogram direct;
  sim::RandomStream rng(5);
  auto record = [&](int64_t v) {
    fine.record(v);
    direct.record(v);
  };
  for (int64_t v = 0; v < 600; ++v) record(v);
  for (int i = 0; i < 100000; ++i) {
    record(static_cast<int64_t>(rng.below(uint64_t{1} << (i % 44))));
  }
  record(static_cast<int64_t>(sim::Histogram::max_trackable()) * 3);
  sim::CoarseHistogram merged;
  merged.record(17);  // what was there stays
  direct.record(17);
  merged.merge(fine);
  CHECK(merged.count() == direct.count());
  CHECK(merged.max() == direct.max());
  CHECK(merged.mean() == direct.mean());
  for (double q = 0; q <= 1.0; q += 1.0 / 64) {
    INFO("q = " << q);
    CHECK(merged.quantile(q) == direct.quantile(q));
  }
}

TEST_CASE("A cleared histogram is empty, and records again as a new one") {
  sim::Histogram used;
  sim::Histogram fresh;
  for (int64_t v : {5, 900, 70'000, 3'000'000}) used.record(v);
  used.clear();
  CHECK(used.count() == 0);
  CHECK(used.quantile(0.5) == 0);
  for (int64_t v : {12, 4000}) {
    used.record(v);
    fresh.record(v);
  }
  for (double q : {0.0, 0.5, 1.0}) CHECK(used.quantile(q) == fresh.quantile(q));
  CHECK(used.mean() == fresh.mean());
}
