// Results sent between MPI ranks come back exactly as they left.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>

#include "app/distributed/run_codec.h"

namespace {

models::RunResult sample(double salt) {
  models::RunResult r;
  r.metrics = {{"latency.p99_ms", 812.125 + salt, models::Unit::kMilliseconds},
               {"rate.error", 1.0 / 3.0, models::Unit::kRatio}};
  r.interval = sim::Duration::seconds(60);
  r.series = {{"arrivals", {1, 2, 3}, false}, {"latency_p99_ms", {NAN, 0.1 + salt}, true}};
  r.events = 123456789;
  r.arrivals = 4242;
  r.log = {{sim::Time::micros(17), "web", "launch", "instance i-7, desired 3 -> 4"}};
  r.log_dropped = 2;
  return r;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

TEST_CASE("Runs encoded one after another decode to the same fields, bit for bit", "[mpi]") {
  std::string bytes;
  app::encode_run(sample(0), bytes);
  app::encode_run(sample(1e-300), bytes);
  const auto runs = app::decode_runs(bytes);
  REQUIRE(runs.size() == 2);
  const models::RunResult expected = sample(1e-300);
  const models::RunResult& got = runs[1];
  REQUIRE(got.metrics.size() == 2);
  CHECK(got.metrics[0].name == "latency.p99_ms");
  CHECK(same_bits(got.metrics[0].value, expected.metrics[0].value));
  CHECK(got.metrics[1].unit == models::Unit::kRatio);
  CHECK(got.interval == expected.interval);
  REQUIRE(got.series.size() == 2);
  CHECK(got.series[1].sparse);
  CHECK(std::isnan(got.series[1].values[0]));
  CHECK(same_bits(got.series[1].values[1], expected.series[1].values[1]));
  CHECK(got.events == 123456789);
  CHECK(got.arrivals == 4242);
  REQUIRE(got.log.size() == 1);
  CHECK(got.log[0].at == sim::Time::micros(17));
  CHECK(got.log[0].detail == "instance i-7, desired 3 -> 4");
  CHECK(got.log_dropped == 2);
}

TEST_CASE("Bytes cut short are refused, not read past their end", "[mpi]") {
  std::string bytes;
  app::encode_run(sample(0), bytes);
  for (size_t cut : {size_t{1}, size_t{8}, bytes.size() / 2, bytes.size() - 1}) {
    CHECK_THROWS_WITH(app::decode_runs(std::string_view(bytes).substr(0, cut)),
                      "a run's bytes are cut short");
  }
}
