#include <catch2/catch.hpp>

#include <filesystem>
#include "input_errors.h"

#include "app/runner.h"
#include "app/scenario/loader.h"
#include "app/scenario/price_books.h"
#include "models/compute/instance_catalog.h"
#include "models/strategy_run.h"

namespace fs = std::filesystem;

namespace {

using test::book_error;
using test::error_of;

std::string pricing_dir() {
  return std::string(SCALESIM_SOURCE_DIR) + "/scenarios/pricing";
}

// A scenario with no traffic, so that its cost is the capacity alone.
std::string idle_scenario(const std::string& components, const std::string& pricing = "") {
  return R"({"name": "cost", "horizon": "2h", "replications": 2,)" + pricing + R"(
    "workload": {"arrivals": {"process": "poisson", "rate": 0}, "service_time": "100ms"},
    "strategies": [{"name": "a", "components": {)" +
         components + R"(}}]})";
}

double metric(const models::Scenario& s, const std::string& name) {
  models::StrategyRun run(s, 0, 0);
  for (const auto& m : run.finish().metrics) {
    if (m.name == name) return m.value;
  }
  throw std::runtime_error("no metric " + name);
}

}  // namespace

TEST_CASE(
    "Every shipped price book loads, and every price in it has a source, a date and a status") {
  const auto books = app::list_price_books(pricing_dir());
  REQUIRE(books.size() >= 3);
  for (const auto& [region, path] : books) {
    INFO(path);
    const models::PriceBook book = app::load_price_book(path);  // the loader requires all three
    CHECK(book.region == region);
    for (const auto& [key, price] : book.prices) {
      INFO(key);
      CHECK_FALSE(price.source.empty());
      CHECK_FALSE(price.date.empty());
      CHECK_FALSE(price.status.empty());
      CHECK_FALSE(price.tiers.empty());
    }
  }
}

TEST_CASE("Every shipped price book prices every instance type and bundle of the catalogue") {
  for (const auto& [region, path] : app::list_price_books(pricing_dir())) {
    const models::PriceBook book = app::load_price_book(path);
    for (auto name : models::instance_type_names(models::Provider::kEc2)) {
      CHECK(book.find("ec2.instance." + std::string(name)));
    }
    for (auto name : models::instance_type_names(models::Provider::kLightsail)) {
      CHECK(book.find("lightsail.bundle." + std::string(name)));
    }
    for (const char* key : {"alb.hour", "alb.lcu_hour", "public_ipv4.hour", "lambda.requests",
                            "lambda.duration.x86_64", "lambda.duration.arm64",
                            "apigw.rest.requests", "apigw.http.requests"}) {
      CHECK(book.find(key));
    }
  }
}

TEST_CASE("A price without a known source, or with a bad unit, is refused with its pointer") {
  const std::string text = R"({"format": "scalesim-price-book", "version": 1, "provider": "aws",
    "region": "x-1", "date": "2026-11-01", "currency": "USD", "sources": {"A": "a source"},
    "prices": {
      "ec2.instance.t3.small": {"usd": 0.02, "per": "hour", "source": "A; B", "date": "2026", "status": "confirmed"},
      "alb.hour": {"usd": 0.02, "per": "hours", "source": "A", "date": "2026", "status": "confirmed"},
      "x": {"per": "GB", "tiers": [{"up_to": 10, "usd": 1}, {"up_to": 5, "usd": 2}, {"usd": 3}], "source": "A", "date": "2026", "status": "guess"}
    },
    "free_tier": {"f": {"amount": 1, "unit": "request", "per": "month", "applies_to": ["x"], "source": "A", "date": "2026", "status": "confirmed"}}})";
  CHECK(book_error(text) ==
        "b.json:/prices/ec2.instance.t3.small/source: expected source keys listed under /sources, "
        "found \"B\"\n"
        "b.json:/prices/alb.hour/per: expected one of hour, month, second, request, million "
        "requests, GB-second, GB, "
        "GB-month, LCU-hour, IP-hour, vCPU-hour, GB-hour or ACU-hour (did you mean \"hour\"?), "
        "found \"hours\"\n"
        "b.json:/prices/x/tiers/1/up_to: expected a bound above the previous tier's, found 5\n"
        "b.json:/prices/x/status: expected one of confirmed, derived, secondary or unconfirmed, "
        "found \"guess\"\n"
        "b.json:/free_tier/f/unit: expected \"GB\", the unit of x, found \"request\"\n");
}

TEST_CASE("A scenario is priced in us-east-1 unless it names a region") {
  const auto s = app::parse_scenario(
      idle_scenario(R"("web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2})"),
      "s.json");
  REQUIRE(s.pricing.has_value());
  CHECK(s.pricing->book.region == "us-east-1");
  CHECK_FALSE(s.pricing->free_tier);
  const auto tokyo = app::parse_scenario(
      idle_scenario(R"("web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2})",
                    R"("pricing": {"region": "ap-northeast-1", "free_tier": true},)"),
      "s.json");
  CHECK(tokyo.pricing->book.region == "ap-northeast-1");
  CHECK(tokyo.pricing->free_tier);
}

TEST_CASE("An unknown region lists the regions there are price books for") {
  CHECK(error_of(idle_scenario(
            R"("web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2})",
            R"("pricing": {"region": "eu-west-1"},)")) ==
        "s.json:/pricing/region: expected a region with a price book in " + pricing_dir() +
            " (ap-northeast-1, ap-northeast-2 or us-east-1), found \"eu-west-1\"\n");
}

TEST_CASE(
    "A fleet's cost is its instance-hours at the region's price, plus public IPv4 when it has "
    "one") {
  // 2 x t3.small for 2 h in us-east-1: 4 instance-hours at 0.0208; 4 IP-hours at 0.005.
  auto s = app::parse_scenario(
      idle_scenario(
          R"("web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2, "public_ipv4": true})"),
      "s.json");
  CHECK(metric(s, "cost.meter.web.instance_hours_usd") == Approx(4 * 0.0208));
  CHECK(metric(s, "cost.meter.web.public_ipv4_usd") == Approx(4 * 0.005));
  CHECK(metric(s, "cost.total_usd") == Approx(4 * 0.0208 + 4 * 0.005));
  CHECK(metric(s, "cost.per_month_usd") == Approx((4 * 0.0208 + 4 * 0.005) / 2 * 730));
}

TEST_CASE("A Lightsail fleet costs its bundles' monthly price by the hour") {
  auto s = app::parse_scenario(
      idle_scenario(
          R"("web": {"kind": "server_fleet", "lightsail_bundle": "small_3_0", "count": 3})"),
      "s.json");
  CHECK(metric(s, "cost.total_usd") == Approx(3 * 2 * 12.0 / 744));
}

TEST_CASE("An ALB costs its hours, one public IPv4 per availability zone, and its LCUs") {
  auto idle = app::parse_scenario(
      idle_scenario(R"("lb": {"kind": "alb", "next": "web", "availability_zones": 3},
        "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 1})"),
      "s.json");
  CHECK(metric(idle, "cost.meter.lb.alb_hours_usd") == Approx(2 * 0.0225));
  CHECK(metric(idle, "cost.meter.lb.public_ipv4_usd") == Approx(3 * 2 * 0.005));
  CHECK(metric(idle, "cost.meter.lb.lcu_hours_usd") == 0);

  // With traffic and no keep-alive, new connections set the LCUs: one LCU per 25
  // connections a second, so an hour's LCU-hours are its requests / 90,000.
  std::string busy = idle_scenario(R"("lb": {"kind": "alb", "next": "web"},
        "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 4, "slots": 4})");
  busy.replace(busy.find("\"rate\": 0"), 9, "\"rate\": \"50/s\"");
  const auto s = app::parse_scenario(busy, "s.json");
  models::StrategyRun run(s, 0, 0);
  double arrivals = 0;
  double lcu_hours = 0;
  for (const auto& m : run.finish().metrics) {
    if (m.name == "requests.arrivals") arrivals = m.value;
    if (m.name == "usage.meter.lb.lcu_hours") lcu_hours = m.value;
  }
  CHECK(arrivals > 300000);
  CHECK(lcu_hours ==
        Approx(arrivals / 90000).epsilon(1e-3));  // the two hours' counts differ slightly
}

TEST_CASE("Overrides and discounts change the scenario's prices") {
  const std::string fleet =
      R"("web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2})";
  auto s = app::parse_scenario(
      idle_scenario(fleet, R"("pricing": {"overrides": {"ec2.instance.t3.small": 0.01}},)"),
      "s.json");
  CHECK(metric(s, "cost.total_usd") == Approx(4 * 0.01));
  s = app::parse_scenario(idle_scenario(fleet, R"("pricing": {"discounts": {"ec2.": 0.25}},)"),
                          "s.json");
  CHECK(metric(s, "cost.total_usd") == Approx(4 * 0.0208 * 0.75));
  CHECK(
      error_of(idle_scenario(fleet, R"("pricing": {"overrides": {"ec2.instance.t3.smal": 0.01}},)"))
          .starts_with("s.json:/pricing/overrides/ec2.instance.t3.smal: expected one of "));
  CHECK(error_of(idle_scenario(fleet, R"("pricing": {"discounts": {"ec3.": 0.1}},)")) ==
        "s.json:/pricing/discounts/ec3.: expected the start of a price key, found \"ec3.\", which "
        "starts none\n");
}

TEST_CASE("Spend over time sums to the total cost") {
  auto s = app::parse_scenario(
      idle_scenario(R"("web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2})"),
      "s.json");
  models::StrategyRun run(s, 0, 0);
  const auto result = run.finish();
  double spend = 0;
  for (const auto& column : result.series) {
    if (column.name == "spend_usd") {
      for (double v : column.values) spend += v;
    }
  }
  CHECK(spend == Approx(4 * 0.0208));
}
