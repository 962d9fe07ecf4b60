// Billed infrastructure that serves no request (nat_gateway, cloudwatch_logs,
// load_balancers, public_ipv4, fixed_cost): each bill reproduced by hand from the us-east-1
// price book, and each mistake with its exact message.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "app/scenario/input_error.h"
#include "app/scenario/loader.h"
#include "binary.h"
#include "input_errors.h"
#include "models/strategy_run.h"
#include "run_metrics.h"

namespace {

using test::error_of;

const std::string kControllers = "s.json:/strategies/0/controllers";

// A day of two requests a second, at each whole second from 0s to 24h inclusive
// (172,802 requests), with `controllers` as the strategy's controllers.
std::string scenario(const std::string& controllers,
                     const std::string& components = R"("fn": {"kind": "lambda_function"})",
                     const std::string& top = "") {
  return R"({"name": "bill", "horizon": "24h",)" + top + R"(
    "workload": {"arrivals": {"process": "periodic", "every": "1s", "burst": 2},
                 "service_time": "10ms"},
    "strategies": [{"name": "a", "components": {)" +
         components + R"(}, "controllers": {)" + controllers + R"(}}]})";
}

constexpr double kRequests = 2 * 86401;

}  // namespace

TEST_CASE("A NAT gateway costs its hours and the GB its component's requests carry", "[billed]") {
  // us-east-1: 0.045 USD per hour and per GB. 172,802 requests x 20 KB = 3.45604 GB.
  const auto m = test::metrics_of(
      scenario(R"("nat": {"kind": "nat_gateway", "drives": "fn", "bytes_per_request": "20KB"})"));
  REQUIRE(test::at(m, "requests.arrivals") == kRequests);
  CHECK(test::at(m, "controller.nat.processed_gb") == Approx(kRequests * 20e3 / 1e9));
  CHECK(test::at(m, "cost.meter.nat.hours_usd") == Approx(24 * 0.045));
  CHECK(test::at(m, "cost.meter.nat.data_usd") == Approx(3.45604 * 0.045));
  CHECK(test::at(m, "cost.service.nat_gateway_usd") == Approx(24 * 0.045 + 3.45604 * 0.045));
  // Its Elastic IP, a public IPv4 address: 0.005 USD per hour.
  CHECK(test::at(m, "cost.meter.nat.public_ipv4_usd") == Approx(24 * 0.005));
  CHECK(test::at(m, "cost.service.public_ipv4_usd") == Approx(24 * 0.005));

  // Three gateways, one per AZ, triple the hours; the traffic is processed once.
  const auto three = test::metrics_of(scenario(
      R"("nat": {"kind": "nat_gateway", "drives": "fn", "bytes_per_request": "20KB", "count": 3})"));
  CHECK(test::at(three, "cost.meter.nat.hours_usd") == Approx(3 * 24 * 0.045));
  CHECK(test::at(three, "cost.meter.nat.data_usd") == Approx(3.45604 * 0.045));
  CHECK(test::at(three, "cost.meter.nat.public_ipv4_usd") == Approx(3 * 24 * 0.005));
}

TEST_CASE("A NAT instance costs its EC2 hours and its address, not the GB it forwards",
          "[billed]") {
  // us-east-1 t4g.nano: 0.0042 USD per hour; two of them, one per AZ.
  const auto m = test::metrics_of(scenario(R"("nat": {"kind": "nat_gateway", "drives": "fn",
      "bytes_per_request": "20KB", "instance_type": "t4g.nano", "count": 2})"));
  CHECK(test::at(m, "controller.nat.processed_gb") == Approx(kRequests * 20e3 / 1e9));
  CHECK(test::at(m, "cost.meter.nat.instance_hours_usd") == Approx(2 * 24 * 0.0042));
  CHECK(test::at(m, "cost.service.ec2_usd") == Approx(2 * 24 * 0.0042));
  CHECK(test::at(m, "cost.meter.nat.public_ipv4_usd") == Approx(2 * 24 * 0.005));
  CHECK(m.count("cost.meter.nat.data_usd") == 0);
  CHECK(m.count("cost.service.nat_gateway_usd") == 0);
  CHECK(test::at(m, "cost.total_usd") ==
        Approx(2 * 24 * (0.0042 + 0.005) + test::at(m, "cost.service.lambda_usd")));
}

TEST_CASE("Idle load balancers cost their hours and an address per availability zone", "[billed]") {
  // The PyCon Korea report's nine ALBs over three subnets: 27 addresses.
  // us-east-1: 0.0225 USD per ALB-hour, 0.005 per address-hour; no LCUs.
  const auto m = test::metrics_of(
      scenario(R"("old": {"kind": "load_balancers", "count": 9, "availability_zones": 3})"));
  CHECK(test::at(m, "cost.meter.old.hours_usd") == Approx(9 * 24 * 0.0225));
  CHECK(test::at(m, "cost.meter.old.public_ipv4_usd") == Approx(27 * 24 * 0.005));
  CHECK(test::at(m, "cost.service.alb_usd") == Approx(9 * 24 * 0.0225));
  CHECK(test::at(m, "cost.service.public_ipv4_usd") == Approx(27 * 24 * 0.005));
  // The default: one ALB over two zones, for a 6-hour run.
  const std::string six = R"({"name": "bill", "horizon": "6h",
    "workload": {"arrivals": {"process": "periodic", "every": "1s"}, "service_time": "10ms"},
    "strategies": [{"name": "a", "components": {"fn": {"kind": "lambda_function"}},
      "controllers": {"old": {"kind": "load_balancers"}}}]})";
  const auto one = test::metrics_of(six);
  CHECK(test::at(one, "cost.meter.old.hours_usd") == Approx(6 * 0.0225));
  CHECK(test::at(one, "cost.meter.old.public_ipv4_usd") == Approx(2 * 6 * 0.005));
}

TEST_CASE("A NAT gateway counts the requests of an alb, or of a fleet behind it", "[billed]") {
  const std::string components =
      R"("lb": {"kind": "alb", "next": "web"},
         "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2, "slots": 8})";
  for (const std::string driven : {"lb", "web"}) {
    INFO(driven);
    const auto m = test::metrics_of(scenario(R"("nat": {"kind": "nat_gateway", "drives": ")" +
                                                 driven + R"(", "bytes_per_request": "1MB"})",
                                             components));
    CHECK(test::at(m, "controller.nat.processed_gb") == Approx(kRequests * 1e6 / 1e9));
    CHECK(test::at(m, "cost.meter.nat.data_usd") == Approx(172.802 * 0.045));
  }
}

TEST_CASE("Billed infrastructure counts the requests an ecs_service accepts", "[billed]") {
  const std::string components =
      R"("lb": {"kind": "alb", "next": "web"},
         "web": {"kind": "ecs_service", "vcpu": 0.25, "memory_gb": 0.5, "desired": 2, "slots": 8})";
  const auto m = test::metrics_of(
      scenario(R"("nat": {"kind": "nat_gateway", "drives": "web", "bytes_per_request": "1MB"},
                  "logs": {"kind": "cloudwatch_logs", "drives": "web", "bytes_per_request": "2KB"})",
               components));
  // Every arrival is accepted; the last instant's two are still in service at the end.
  REQUIRE(test::at(m, "requests.arrivals") == kRequests);
  REQUIRE(test::at(m, "requests.ok") == kRequests - 2);
  CHECK(test::at(m, "controller.nat.processed_gb") == Approx(kRequests * 1e6 / 1e9).epsilon(1e-9));
  CHECK(test::at(m, "controller.logs.ingested_gb") == Approx(kRequests * 2e3 / 1e9).epsilon(1e-9));
}

TEST_CASE("Warm-up is billed but left out of the totals, as with every meter", "[billed]") {
  const auto m = test::metrics_of(
      scenario(R"("nat": {"kind": "nat_gateway", "drives": "fn", "bytes_per_request": "20KB"})",
               R"("fn": {"kind": "lambda_function"})", R"("warmup": "6h",)"));
  CHECK(test::at(m, "cost.meter.nat.hours_usd") == Approx(18 * 0.045));
  // From 6h to 24h inclusive: 64,801 instants of 2 requests of 20 KB.
  CHECK(test::at(m, "controller.nat.processed_gb") == Approx(2 * 64801 * 20e3 / 1e9));
}

TEST_CASE("Logs cost their ingestion and their storage until retention deletes them", "[billed]") {
  // 2 KB a request: 0.3456 GB a day, ingested at 0.5 USD/GB. Kept: the stored GB
  // grow linearly over the day, so the day holds 0.3456 / 2 GB-days (the last
  // instant's 2 requests, spread over the last minute, change it by 1e-5).
  const double gb = kRequests * 2e3 / 1e9;
  const double month_days = 730.0 / 24;
  const auto kept = test::metrics_of(scenario(
      R"("logs": {"kind": "cloudwatch_logs", "drives": "fn", "bytes_per_request": "2KB"})"));
  CHECK(test::at(kept, "controller.logs.ingested_gb") == Approx(gb));
  CHECK(test::at(kept, "controller.logs.stored_gb_end") == Approx(gb));
  CHECK(test::at(kept, "cost.meter.logs.ingestion_usd") == Approx(gb * 0.5));
  CHECK(test::at(kept, "cost.meter.logs.storage_usd") ==
        Approx(gb / 2 / month_days * 0.03).epsilon(1e-4));
  CHECK(test::at(kept, "cost.service.cloudwatch_logs_usd") ==
        Approx(gb * 0.5 + gb / 2 / month_days * 0.03).epsilon(1e-4));

  // Logs kept forever from before the run add their GB for the whole day.
  const auto old = test::metrics_of(
      scenario(R"("logs": {"kind": "cloudwatch_logs", "drives": "fn", "bytes_per_request": "2KB",
                          "retention": "never", "stored_gb_at_start": 500})"));
  CHECK(test::at(old, "cost.meter.logs.storage_usd") ==
        Approx((500 + gb / 2) / month_days * 0.03).epsilon(1e-6));
  CHECK(test::at(old, "controller.logs.stored_gb_end") == Approx(500 + gb));
}

TEST_CASE("Public IPv4 addresses cost their hours", "[billed]") {
  const auto m = test::metrics_of(scenario(R"("eips": {"kind": "public_ipv4", "count": 27})"));
  CHECK(test::at(m, "cost.meter.eips.addresses_usd") == Approx(27 * 24 * 0.005));
  CHECK(test::at(m, "cost.service.public_ipv4_usd") == Approx(27 * 24 * 0.005));
}

TEST_CASE("A fixed cost is billed by its name at the scenario's price, a month being 730 hours",
          "[billed]") {
  const auto m = test::metrics_of(scenario(
      R"("domain": {"kind": "fixed_cost", "usd": 1.25, "per": "month"},
         "support": {"kind": "fixed_cost", "usd": 2, "per": "day"},
         "vpn": {"kind": "fixed_cost", "usd": 0.05, "per": "hour"})"));
  CHECK(test::at(m, "cost.meter.domain_usd") == Approx(1.25 * 24 / 730));
  CHECK(test::at(m, "cost.meter.support_usd") == Approx(2.0));
  CHECK(test::at(m, "cost.meter.vpn_usd") == Approx(0.05 * 24));
  CHECK(test::at(m, "cost.service.fixed_cost_usd") == Approx(1.25 * 24 / 730 + 2 + 0.05 * 24));
  CHECK(test::at(m, "cost.total_usd") ==
        Approx(1.25 * 24 / 730 + 2 + 0.05 * 24 + test::at(m, "cost.service.lambda_usd")));
}

TEST_CASE("Billed infrastructure refuses bad input with its pointer", "[billed]") {
  const std::string logs = kControllers + "/logs";
  CHECK(error_of(scenario(R"("logs": {"kind": "cloudwatch_logs", "drives": "fn",
      "bytes_per_request": "2KB", "retention": 2})")) ==
        logs +
            "/retention: expected a retention in days, one of 1, 3, 5, 7, 14, 30, 60, 90, 120, "
            "150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or "
            "\"never\", found 2\n");
  CHECK(error_of(scenario(R"("logs": {"kind": "cloudwatch_logs", "drives": "fn",
      "bytes_per_request": "2KB", "retention": "forever"})")) ==
        logs +
            "/retention: expected a retention in days, one of 1, 3, 5, 7, 14, 30, 60, 90, 120, "
            "150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or "
            "\"never\", found \"forever\"\n");
  CHECK(error_of(scenario(R"("logs": {"kind": "cloudwatch_logs", "drives": "fn",
      "bytes_per_request": "2KB", "retention": 30, "stored_gb_at_start": 5})")) ==
        logs +
            "/stored_gb_at_start: expected logs stored at the start only with \"retention\": "
            "\"never\", found 5\n");
  CHECK(error_of(scenario(
            R"("nat": {"kind": "nat_gateway", "drives": "fn", "bytes_per_request": 20000})")) ==
        kControllers +
            "/nat/bytes_per_request: expected a size such as \"512B\", \"20KB\", \"1.5MB\" or "
            "\"64KiB\", found 20000\n");
  CHECK(error_of(scenario(R"("nat": {"kind": "nat_gateway", "drives": "fn"})")) ==
        kControllers + "/nat/bytes_per_request: expected a size such as \"20KB\", found nothing\n");
  CHECK(
      error_of(scenario(
          R"("nat": {"kind": "nat_gateway", "drives": "fn", "bytes_per_request": "1KB", "count": 0})")) ==
      kControllers + "/nat/count: expected an integer from 1 to 10000, found 0\n");
  CHECK(error_of(scenario(R"("eips": {"kind": "public_ipv4", "count": -2})")) ==
        kControllers + "/eips/count: expected an integer from 1 to 10000, found -2\n");
  CHECK(error_of(scenario(R"("eips": {"kind": "public_ipv4", "drives": "fn"})")) ==
        kControllers + "/eips/drives: expected no \"drives\": a public_ipv4 drives no component\n");
  CHECK(error_of(scenario(R"("domain": {"kind": "fixed_cost", "usd": 0, "per": "month"})")) ==
        kControllers + "/domain/usd: expected a number above 0 up to 1000000000, found 0\n");
  CHECK(error_of(scenario(R"("domain": {"kind": "fixed_cost", "usd": 1, "per": "year"})")) ==
        kControllers + "/domain/per: expected one of hour, day or month, found \"year\"\n");
  CHECK(error_of(scenario(R"("old": {"kind": "load_balancers", "availability_zones": 1})")) ==
        kControllers + "/old/availability_zones: expected an integer from 2 to 6, found 1\n");
  CHECK(error_of(scenario(R"("old": {"kind": "load_balancers", "drives": "fn"})")) ==
        kControllers +
            "/old/drives: expected no \"drives\": a load_balancers drives no component\n");
  CHECK(error_of(scenario(R"("nat": {"kind": "nat_gateway", "drives": "fn",
      "bytes_per_request": "1KB", "instance_type": "t9.nano"})"))
            .starts_with(kControllers + "/nat/instance_type: expected one of "));
  CHECK(error_of(scenario(R"("nat": {"kind": "nat_gateway", "bytes_per_request": "1KB"})")) ==
        kControllers +
            "/nat/drives: expected the name of the component it drives, found nothing\n");
}

TEST_CASE("A price book that lacks a controller's price is refused before the run", "[billed]") {
  // The us-east-1 book without nat_gateway.data, beside the scenario.
  const std::filesystem::path dir = test::scratch("billed-book");
  std::string book = test::slurp(std::string(SCALESIM_SOURCE_DIR) +
                                 "/scenarios/pricing/aws-us-east-1-2026-11.json");
  const size_t key = book.find("\"nat_gateway.data\"");
  REQUIRE(key != std::string::npos);
  book.erase(key, book.find('}', key) + 2 - key);  // the price object and its comma
  std::ofstream(dir / "book.json") << book;
  std::ofstream(dir / "s.json") << scenario(
      R"("nat": {"kind": "nat_gateway", "drives": "fn", "bytes_per_request": "1KB"})",
      R"("fn": {"kind": "lambda_function"})", R"("pricing": {"price_book": "book.json"},)");
  std::string message = "no error";
  try {
    app::load_scenario_file((dir / "s.json").string());
  } catch (const app::InputError& e) {
    message = e.what();
  }
  CHECK(message == (dir / "s.json").string() +
                       ":/strategies/0/controllers/nat: expected a controller the us-east-1 price "
                       "book (" +
                       (dir / "book.json").string() +
                       ") prices, found none for \"nat_gateway.data\"\n");
}

TEST_CASE("Billed infrastructure is in the spend series, where its usage happened", "[billed]") {
  // An hour of the first six has traffic; the gateway's GB land in that hour,
  // its hours and the addresses in every interval.
  const std::string text = R"({"name": "bill", "horizon": "6h", "interval": "1h",
    "workload": {"arrivals": {"process": "periodic", "every": "1s", "offset": "2h"},
                 "service_time": "10ms"},
    "strategies": [{"name": "a", "components": {"fn": {"kind": "lambda_function"}},
      "controllers": {
        "nat": {"kind": "nat_gateway", "drives": "fn", "bytes_per_request": "1MB"},
        "eips": {"kind": "public_ipv4", "count": 10}}}]})";
  const models::Scenario s = app::parse_scenario(text, "s.json");
  models::StrategyRun run(s, 0, 0);
  const models::RunResult result = run.finish();
  std::vector<double> spend;
  for (const auto& column : result.series) {
    if (column.name == "spend_usd") spend = column.values;
  }
  REQUIRE(spend.size() == 6);
  const double standing = 0.045 + 11 * 0.005;  // per hour: the gateway's address too
  CHECK(spend[0] == Approx(standing));
  CHECK(spend[1] == Approx(standing));
  // From 2h on, a request a second, each 1 MB through the gateway (and Lambda's bill).
  double lambda = 0;
  double total = 0;
  for (const auto& m : result.metrics) {
    if (m.name == "cost.service.lambda_usd") lambda = m.value;
    if (m.name == "cost.total_usd") total = m.value;
  }
  double summed = 0;
  for (double usd : spend) summed += usd;
  CHECK(summed == Approx(total));
  CHECK(spend[2] > standing + 3600 * 1e-3 * 0.045 * 0.99);
  CHECK(total == Approx(6 * standing + (4 * 3600 + 1) * 1e-3 * 0.045 + lambda));
}
