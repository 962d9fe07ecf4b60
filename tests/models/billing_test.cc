// Billing arithmetic, by hand and against AWS's published examples.
#include <catch2/catch.hpp>

#include "models/pricing/billing_rules.h"
#include "models/pricing/ledger.h"

namespace {

models::Price flat(const std::string& key, const std::string& per, double usd) {
  return {key, per, {{std::numeric_limits<double>::infinity(), usd}}, "test", "2026", "confirmed"};
}

models::Price tiered(const std::string& key, const std::string& per,
                     std::vector<models::PriceTier> tiers) {
  return {key, per, std::move(tiers), "test", "2026", "confirmed"};
}

constexpr double kInf = std::numeric_limits<double>::infinity();

// The us-east-1 numbers the examples below use (scenarios/pricing/aws-us-east-1-2026-11.json).
models::PriceBook book() {
  models::PriceBook b;
  b.region = "us-east-1";
  for (const models::Price& p :
       {flat("ec2.instance.t3.small", "hour", 0.0208),
        flat("lightsail.bundle.small_3_0", "month", 12.0),
        flat("lambda.requests", "million requests", 0.20),
        tiered("lambda.duration.x86_64", "GB-second",
               {{6e9, 0.0000166667}, {15e9, 0.000015}, {kInf, 0.0000133334}}),
        tiered("apigw.rest.requests", "million requests",
               {{333, 3.50}, {1000, 2.80}, {20000, 2.38}, {kInf, 1.51}}),
        flat("alb.hour", "hour", 0.0225), flat("alb.lcu_hour", "LCU-hour", 0.008)}) {
    b.prices.emplace(p.key, p);
  }
  b.free_tiers = {{"lambda.requests", 1, {"lambda.requests"}, std::nullopt, "test"},
                  {"lambda.duration", 400000, {"lambda.duration.x86_64"}, std::nullopt, "test"}};
  return b;
}

sim::Time hours(double h) {
  return sim::Time::micros(static_cast<int64_t>(h * 3600e6));
}

}  // namespace

TEST_CASE("EC2 bills per second with a 60-second minimum per start") {
  CHECK(models::ec2_billed_hours(sim::Duration::seconds(30), true) == Approx(60.0 / 3600));
  CHECK(models::ec2_billed_hours(sim::Duration::millis(61001), true) == Approx(62.0 / 3600));
  CHECK(models::ec2_billed_hours(sim::Duration::hours(2), true) == Approx(2.0));
  // Still running at the horizon: the time so far; its minimum is met later.
  CHECK(models::ec2_billed_hours(sim::Duration::seconds(30), false) == Approx(30.0 / 3600));
  // A t3.small started for 30 s costs a minute: 0.0208 / 60.
  CHECK(models::ec2_billed_hours(sim::Duration::seconds(30), true) * 0.0208 ==
        Approx(0.000346667).epsilon(1e-6));
}

TEST_CASE("Lightsail bills every started hour, prorated from the monthly price") {
  CHECK(models::lightsail_billed_hours(sim::Duration::minutes(61), true) == 2);
  CHECK(models::lightsail_billed_hours(sim::Duration::minutes(60), true) == 1);
  // The FAQ's hourly rate of the 5 USD plan, 0.0067, is 5 / 744.
  CHECK(5.0 / models::kLightsailHoursPerMonth == Approx(0.0067).epsilon(0.005));
}

TEST_CASE("A Lightsail bundle's month is capped at its monthly price") {
  CHECK(models::lightsail_billed_months(sim::Duration::hours(372), true) == Approx(0.5));
  CHECK(models::lightsail_billed_months(sim::Duration::hours(730), false) == Approx(730.0 / 744));
  CHECK(models::lightsail_billed_months(sim::Duration::hours(744), true) == 1.0);
  CHECK(models::lightsail_billed_months(sim::Duration::hours(800), true) == 1.0);  // the cap
}

TEST_CASE("Fargate bills per second with a one-minute minimum") {
  CHECK(models::fargate_billed_hours(sim::Duration::seconds(20), true) == Approx(60.0 / 3600));
  CHECK(models::fargate_billed_hours(sim::Duration::millis(90500), true) == Approx(91.0 / 3600));
  // 0.25 vCPU and 0.5 GB for 30 days at the us-east-1 prices (PL-USE1): 8.89 USD.
  const double hours = models::fargate_billed_hours(sim::Duration::hours(720), true);
  CHECK((0.25 * 0.04048 + 0.5 * 0.004445) * hours == Approx(8.89).margin(0.005));
}

TEST_CASE("Lambda bills duration per millisecond, rounded up, times memory in GB") {
  CHECK(models::lambda_billed_gb_seconds(sim::Duration::micros(1), 1024) == Approx(0.001));
  CHECK(models::lambda_billed_gb_seconds(sim::Duration::micros(100001), 1024) == Approx(0.101));
  CHECK(models::lambda_billed_gb_seconds(sim::Duration::seconds(1), 512) == Approx(0.5));
  CHECK(models::lambda_billed_gb_seconds(sim::Duration::millis(100), 128) == Approx(0.0125));
}

TEST_CASE("Provisioned concurrency is billed in 5-minute steps") {
  CHECK(models::provisioned_concurrency_billed_seconds(sim::Duration::seconds(1)) == 300);
  CHECK(models::provisioned_concurrency_billed_seconds(sim::Duration::minutes(5)) == 300);
  CHECK(models::provisioned_concurrency_billed_seconds(sim::Duration::seconds(301)) == 600);
}

TEST_CASE("A tiered price charges each part of the usage at its tier's rate") {
  const models::Price rest = book().prices.at("apigw.rest.requests");
  CHECK(rest.cost(0, 1) == Approx(3.50));
  CHECK(rest.cost(0, 333) == Approx(333 * 3.50));
  // 400 M requests in a month: 333 M at 3.50 and 67 M at 2.80.
  CHECK(rest.cost(0, 400) == Approx(333 * 3.50 + 67 * 2.80));
  // The same, in two parts.
  CHECK(rest.cost(0, 300) + rest.cost(300, 100) == Approx(333 * 3.50 + 67 * 2.80));
  CHECK(rest.cost(25000, 10) == Approx(10 * 1.51));
}

TEST_CASE(
    "AWS's Lambda example: 3 M invocations of 1 s at 512 MB cost 18.73 USD with the free tier") {
  // AWS Lambda pricing page, example 1 (us-east-1, x86): 1.5 M GB-s less 400,000
  // free at 0.0000166667 = 18.33 USD; 3 M requests less 1 M free at 0.20 = 0.40 USD.
  const models::PriceBook prices = book();
  for (bool free_tier : {true, false}) {
    models::Ledger ledger(prices, free_tier, sim::Duration::hours(1), hours(24), sim::Time::zero());
    const auto duration = ledger.meter("fn.duration", "lambda", "lambda.duration.x86_64");
    const auto requests = ledger.meter("fn.requests", "lambda", "lambda.requests");
    const double gb_seconds = models::lambda_billed_gb_seconds(sim::Duration::seconds(1), 512);
    for (int batch = 0; batch < 3; ++batch) {
      ledger.charge(duration, hours(batch), 1e6 * gb_seconds);
      ledger.charge(requests, hours(batch), 1.0);  // a million requests
    }
    const double expected =
        free_tier ? 1.1e6 * 0.0000166667 + 2 * 0.20 : 1.5e6 * 0.0000166667 + 3 * 0.20;
    CHECK(ledger.total_usd() == Approx(expected).epsilon(1e-9));
    if (free_tier) CHECK(ledger.total_usd() == Approx(18.73).margin(0.005));
  }
}

TEST_CASE("AWS's ALB example: 1.08 LCUs and the hourly charge over 30 days cost 22.42 USD") {
  // ELB pricing page example (us-east-1): 1 new connection/s lasting 2 minutes
  // (120 active connections per minute), 300 KB/s processed (1.08 GB/h), 60
  // rules at 5 requests/s (50 billed rules x 5 = 250 evaluations/s).
  models::LcuUsage usage;
  usage.new_connections_per_second = 1;
  usage.active_connections_per_minute = 120;
  usage.processed_gb_per_hour = 300e3 * 3600 / 1e9;
  usage.rule_evaluations_per_second = 250;
  CHECK(models::alb_lcus(usage) == Approx(1.08));
  const double month_hours = 30 * 24;
  CHECK(models::alb_lcus(usage) * 0.008 * month_hours + 0.0225 * month_hours ==
        Approx(22.42).margin(0.005));
}

TEST_CASE("Tiers and free tiers reset every billing month") {
  const models::PriceBook prices = book();
  models::Ledger ledger(prices, true, sim::Duration::hours(730), hours(730 * 2), sim::Time::zero());
  const auto requests = ledger.meter("fn.requests", "lambda", "lambda.requests");
  ledger.charge(requests, hours(1), 1.5);    // month 0: 0.5 M billed
  ledger.charge(requests, hours(731), 1.5);  // month 1: the free million again
  CHECK(ledger.total_usd() == Approx(2 * 0.5 * 0.20));
}

TEST_CASE(
    "A span's cost is spread over the intervals it covers: totals cover the measured window") {
  const models::PriceBook prices = book();
  models::Ledger ledger(prices, false, sim::Duration::hours(1), hours(4), hours(1));
  const auto instance = ledger.meter("web.instance_hours", "ec2", "ec2.instance.t3.small");
  ledger.charge_span(instance, hours(0.5), hours(3.5), 3.0);  // 3 instance-hours
  const std::vector<double> spend = ledger.spend_per_interval();
  REQUIRE(spend.size() == 4);
  CHECK(spend[0] == Approx(0.5 * 0.0208));
  CHECK(spend[1] == Approx(0.0208));
  CHECK(spend[2] == Approx(0.0208));
  CHECK(spend[3] == Approx(0.5 * 0.0208));
  // Measured from the end of the first hour: 2.5 of the 3 hours.
  CHECK(ledger.total_usd() == Approx(2.5 * 0.0208));
  CHECK(ledger.totals().front().usage == Approx(2.5));
}
