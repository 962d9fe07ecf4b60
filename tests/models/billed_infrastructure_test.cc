// CloudWatch Logs' stored GB over time (models/infrastructure/traffic_billed.h),
// against the integrals worked out by hand; the ledger's meters at a price of
// their own, and the units of a fixed cost.
#include <catch2/catch.hpp>

#include <limits>
#include <numeric>
#include <vector>

#include "models/infrastructure/standing_charges.h"
#include "models/infrastructure/traffic_billed.h"
#include "models/pricing/billing_rules.h"
#include "models/pricing/ledger.h"

namespace {

double sum(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0);
}

}  // namespace

TEST_CASE("Stored logs grow linearly, then plateau at retention x rate", "[billed]") {
  // r GB per hour for T = 10 days, retention R = 3 days: the stored GB grow as r t
  // up to R, then stay at r R. Integral: r R^2 / 2 + r R (T - R), in GB-hours.
  const double r = 0.4;
  const double hours = 240;
  const double kept = 72;
  const auto interval = sim::Duration::minutes(7);  // not a divisor of a day
  const sim::Time end = sim::Time::zero() + sim::Duration::hours(240);
  const size_t n = static_cast<size_t>((end.us() + interval.us() - 1) / interval.us());
  std::vector<double> ingested(n, r * 7 / 60);
  ingested.back() = r * (hours - static_cast<double>(n - 1) * 7 / 60);  // the last is partial
  const std::vector<double> stored =
      models::stored_gb_seconds(ingested, interval, end, sim::Duration::hours(72), 0);
  CHECK(sum(stored) / 3600 == Approx(r * kept * kept / 2 + r * kept * (hours - kept)));
  // Past retention every full interval holds r R GB for its 7 minutes.
  CHECK(stored[n / 2] == Approx(r * kept * 7 * 60));

  // Never deleted, with 100 GB there from the start: 100 T + r T^2 / 2.
  const std::vector<double> forever = models::stored_gb_seconds(ingested, interval, end, {}, 100);
  CHECK(sum(forever) / 3600 == Approx(100 * hours + r * hours * hours / 2));
}

TEST_CASE("A burst of logs is stored exactly for its retention", "[billed]") {
  // 6 GB in the first interval of an hour, kept 2 hours, in a 10-hour run: held
  // 2 hours in full, ramping in over the first hour and out over the third.
  const auto interval = sim::Duration::hours(1);
  const sim::Time end = sim::Time::zero() + sim::Duration::hours(10);
  std::vector<double> ingested(10, 0.0);
  ingested[0] = 6;
  const std::vector<double> stored =
      models::stored_gb_seconds(ingested, interval, end, sim::Duration::hours(2), 0);
  CHECK(stored[0] / 3600 == Approx(3));
  CHECK(stored[1] / 3600 == Approx(6));
  CHECK(stored[2] / 3600 == Approx(3));
  CHECK(stored[3] == Approx(0).margin(1e-9));
  CHECK(sum(stored) / 3600 == Approx(12));
}

TEST_CASE("A meter at its own price ignores the book's free tier and tiers of the same key",
          "[billed]") {
  // The book has a tiered price with a free tier under the key the own price uses:
  // the own meter is billed flat, from its first unit, and uses none of them.
  const double inf = std::numeric_limits<double>::infinity();
  models::PriceBook book;
  book.prices.emplace(
      "fixed_cost.domain",
      models::Price{"fixed_cost.domain", "month", {{1, 100}, {inf, 1}}, "t", "t", "t"});
  book.free_tiers = {{"free", 1000, {"fixed_cost.domain"}, std::nullopt, "t"}};
  const sim::Time end = sim::Time::zero() + models::kBillingMonth * 2;
  models::Ledger ledger(book, true, sim::Duration::hours(1), end, sim::Time::zero());
  const auto own = ledger.meter(
      "domain", "fixed_cost",
      models::Price{"fixed_cost.domain", "month", {{inf, 1.25}}, "scenario", "", "scenario"});
  ledger.charge_span(own, sim::Time::zero(), end, 2);
  CHECK(ledger.total_usd() == Approx(2 * 1.25));
  const auto spend = ledger.spend_per_interval();
  CHECK(spend.front() == Approx(1.25 / 730));
  CHECK(spend.back() == Approx(1.25 / 730));
}

TEST_CASE("A fixed cost's units are an hour, a day of 24 hours and a month of 730", "[billed]") {
  CHECK(models::fixed_cost_unit("hour") == sim::Duration::hours(1));
  CHECK(models::fixed_cost_unit("day") == sim::Duration::hours(24));
  CHECK(models::fixed_cost_unit("month") == sim::Duration::hours(730));
}
