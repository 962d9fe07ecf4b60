#include "sim/estimate.h"

#include <catch2/catch.hpp>

TEST_CASE("Student t quantiles match published tables") {
  // Critical values to six decimals, as tabulated (e.g. NIST/SEMATECH e-Handbook,
  // table 1.3.6.7.2); t(1) is tan(0.475 pi) exactly.
  CHECK(sim::student_t_quantile(0.975, 1) == Approx(12.706205).epsilon(1e-6));
  CHECK(sim::student_t_quantile(0.975, 2) == Approx(4.302653).epsilon(1e-6));
  CHECK(sim::student_t_quantile(0.975, 9) == Approx(2.262157).epsilon(1e-6));
  CHECK(sim::student_t_quantile(0.975, 30) == Approx(2.042272).epsilon(1e-6));
  CHECK(sim::student_t_quantile(0.995, 19) == Approx(2.860935).epsilon(1e-6));
  CHECK(sim::student_t_quantile(0.025, 9) == Approx(-2.262157).epsilon(1e-6));
  CHECK(sim::student_t_quantile(0.975, 1e6) == Approx(1.959966).epsilon(1e-6));
}

TEST_CASE("A 95% interval is the mean plus or minus t times the standard error") {
  const sim::Estimate e = sim::estimate_mean({1, 2, 3, 4, 5});
  CHECK(e.mean == 3);
  CHECK(e.samples == 5);
  REQUIRE(e.half_width.has_value());
  // s = sqrt(2.5), standard error = s / sqrt(5), t(0.975, 4) = 2.776445.
  CHECK(*e.half_width == Approx(2.776445 * std::sqrt(2.5 / 5)).epsilon(1e-6));
}

TEST_CASE("One sample has a mean but no interval") {
  const sim::Estimate e = sim::estimate_mean({4.5});
  CHECK(e.mean == 4.5);
  CHECK_FALSE(e.half_width.has_value());
}
