// The ledger's cost per local calendar day (models/pricing/ledger.h), worked out
// by hand: days placed by the clock's time of day at time zero, charges split at
// local midnight, warm-up left out, an instant at the end in the last day.
#include <catch2/catch.hpp>

#include <limits>

#include "models/pricing/ledger.h"

namespace {

const sim::Duration kHour = sim::Duration::hours(1);

sim::Time hours(double h) {
  return sim::Time::micros(static_cast<int64_t>(h * 3600 * 1e6));
}

models::PriceBook book() {
  const double inf = std::numeric_limits<double>::infinity();
  models::PriceBook b;
  b.prices.emplace("hourly", models::Price{"hourly", "hour", {{inf, 1.0}}, "t", "t", "t"});
  b.prices.emplace("each", models::Price{"each", "request", {{inf, 0.5}}, "t", "t", "t"});
  return b;
}

}  // namespace

TEST_CASE("Local days start at the clock's midnight, clipped to the measured window", "[ledger]") {
  // Time zero is Monday 22:30 local: the first midnight is 1.5 h in.
  const auto offset = sim::Duration::hours(22) + sim::Duration::minutes(30);
  const auto days = models::local_days(offset, hours(0.5), hours(30));
  REQUIRE(days.size() == 3);
  CHECK(days[0].index == 0);
  CHECK(days[0].from == hours(0.5));
  CHECK(days[0].to == hours(1.5));
  CHECK(days[1].index == 1);
  CHECK(days[1].from == hours(1.5));
  CHECK(days[1].to == hours(25.5));
  CHECK(days[2].index == 2);
  CHECK(days[2].to == hours(30));
  // A week's offset is the same time of day: Sunday 22:30 places the days alike.
  const auto sunday =
      models::local_days(offset + sim::Duration::hours(6 * 24), hours(0.5), hours(30));
  CHECK(sunday.size() == 3);
  CHECK(sunday[1].from == hours(1.5));
  // A run that starts at midnight and lasts a day has one day.
  CHECK(models::local_days(sim::Duration(), hours(0), hours(24)).size() == 1);
  CHECK(models::local_days(sim::Duration(), hours(5), hours(5)).empty());
}

TEST_CASE("Hourly charges straddling a local midnight are split at it", "[ledger]") {
  const models::PriceBook b = book();
  // Two instances at 1 USD an hour from 22:00 local for 4 hours, the first hour
  // warm-up: 1 h measured on day 0 (2 USD), 2 h on day 1 (4 USD).
  models::Ledger ledger(b, false, sim::Duration::minutes(7), hours(4), hours(1),
                        sim::Duration::hours(22));
  const auto hourly = ledger.meter("web.instance_hours", "ec2", "hourly");
  const auto each = ledger.meter("api.requests", "api_gateway", "each");
  ledger.charge_span(hourly, hours(0), hours(4), 2 * 4);
  // Requests: one in warm-up (left out), one at 23:30, one exactly at the end.
  ledger.charge(each, hours(0.5), 1);
  ledger.charge(each, hours(1.5), 1);
  ledger.charge(each, hours(4), 1);

  REQUIRE(ledger.days().size() == 2);
  const auto by_day = ledger.cost_by_service_per_day();
  REQUIRE(by_day.size() == 2);
  CHECK(by_day.at("ec2")[0] == Approx(2));
  CHECK(by_day.at("ec2")[1] == Approx(4));
  CHECK(by_day.at("api_gateway")[0] == Approx(0.5));
  CHECK(by_day.at("api_gateway")[1] == Approx(0.5));
  CHECK(ledger.total_usd() == Approx(2 + 4 + 0.5 + 0.5));

  models::MetricList metrics;
  ledger.day_metrics(metrics);
  REQUIRE(metrics.size() == 6);
  CHECK(metrics[0].name == "cost.day.0.api_gateway_usd");
  CHECK(metrics[1].name == "cost.day.0.ec2_usd");
  CHECK(metrics[2].name == "cost.day.0.total_usd");
  CHECK(metrics[2].value == Approx(2.5));
  CHECK(metrics[5].name == "cost.day.1.total_usd");
  CHECK(metrics[5].value == Approx(4.5));
}
