// Reading Lambda's VPC networking and the timelines of limit changes: defaults,
// and the exact message for each kind of bad input.
#include <catch2/catch.hpp>

#include "app/scenario/loader.h"
#include "input_errors.h"
#include "models/policies/timeline.h"
#include "models/serverless/lambda_checks.h"
#include "models/serverless/lambda_function.h"

using test::error_of;

namespace {

// A two-hour run starting on Monday at 09:00, one function in a VPC, and a
// timeline driving it. FN and EVENTS are spliced in.
std::string scenario(const std::string& fn, const std::string& events,
                     const std::string& vpc = R"("subnets": [{"name": "a", "cidr": "/20"}])") {
  return R"({"name": "t", "horizon": "2h",
    "workload": {"clock": {"start": "mon 09:00"}, "arrivals": {"process": "poisson", "rate": 1},
                 "service_time": "100ms"},
    "strategies": [{"name": "s", "components": {
      "fn": {"kind": "lambda_function", "vpc": {)" +
         vpc + "}" + fn + R"(}},
      "controllers": {"ops": {"kind": "timeline", "drives": "fn", "events": [)" +
         events + "]}}}]}";
}

const std::string kFn = "s.json:/strategies/0/components/fn";
const std::string kOps = "s.json:/strategies/0/controllers/ops";

const models::LambdaConfig& function_of(const models::Scenario& s) {
  return s.strategies[0].components[0].config_as<models::LambdaConfig>();
}

}  // namespace

TEST_CASE("A function's VPC reads with each model's defaults", "[vpc-input]") {
  const auto hyperplane =
      app::parse_scenario(scenario("", R"({"at": "30m", "eni_quota": 10})"), "s.json");
  const models::VpcConfig& vpc = *function_of(hyperplane).vpc;
  CHECK(vpc.model == models::VpcModel::kHyperplane);
  CHECK(vpc.eni_quota == 5000);
  REQUIRE(vpc.subnets.size() == 1);
  CHECK(vpc.subnets[0].usable() == 4091);  // a /20 less the 5 addresses AWS keeps

  const auto legacy = app::parse_scenario(
      scenario("", R"({"at": "30m", "eni_quota": 10})",
               R"("model": "legacy", "subnets": [{"name": "a", "cidr": "10.0.0.0/28"}],
                  "security_groups": ["web", "db", "web"])"),
      "s.json");
  const models::VpcConfig& old = *function_of(legacy).vpc;
  CHECK(old.eni_quota == 350);
  CHECK(old.subnets[0].usable() == 11);
  CHECK(old.security_groups == std::vector<std::string>{"db", "web"});
  CHECK(old.eni_create_time.mean_seconds() == Approx(10));
}

TEST_CASE("A subnet's CIDR block must be /16 to /28", "[vpc-input]") {
  CHECK(error_of(scenario(
            "", R"({"at": "30m", "eni_quota": 10})",
            R"("subnets": [{"name": "a", "cidr": "/29"}, {"name": "a", "cidr": "/24"}])")) ==
        kFn +
            "/vpc/subnets/0/cidr: expected a CIDR block from /16 to /28, such as "
            "\"10.0.0.0/20\" or \"/20\", found \"/29\"\n");
  CHECK(error_of(scenario(
            "", R"({"at": "30m", "eni_quota": 10})",
            R"("subnets": [{"name": "a", "cidr": "/24"}, {"name": "a", "cidr": "/24"}])")) ==
        kFn + "/vpc/subnets/1/name: expected a subnet name not used above, found \"a\" twice\n");
  CHECK(error_of(scenario("", R"({"at": "30m", "add_subnet": {"name": "b", "cidr": "/8"}})")) ==
        kOps +
            "/events/0/add_subnet/cidr: expected a CIDR block from /16 to /28, such as "
            "\"10.0.0.0/20\" or \"/20\", found \"/8\"\n");
}

TEST_CASE("Provisioned concurrency is refused on the legacy VPC model", "[vpc-input]") {
  CHECK(error_of(scenario(R"(, "provisioned_concurrency": 5)", R"({"at": "30m", "eni_quota": 10})",
                          R"("model": "legacy", "subnets": [{"name": "a", "cidr": "/20"}])")) ==
        kFn +
            "/provisioned_concurrency: expected at most 0 on the legacy VPC model (provisioned "
            "concurrency came after it), found 5\n");
}

TEST_CASE("A timeline's instants: an offset, a local time, a day and time", "[timeline-input]") {
  const auto s = app::parse_scenario(
      scenario("", R"({"at": "30m", "eni_quota": 10}, {"at": "10:15", "account_concurrency": 2000},
                      {"at": "mon 10:45", "reserved_concurrency": null})"),
      "s.json");
  const auto& events = s.strategies[0].controllers[0].config_as<models::TimelineConfig>().events;
  REQUIRE(events.size() == 3);
  const sim::Duration start = s.workload.local_offset;  // Monday 09:00
  CHECK(events[0].instant(start) == sim::Duration::minutes(30));
  CHECK(events[1].instant(start) == sim::Duration::minutes(75));
  CHECK(events[2].instant(start) == sim::Duration::minutes(105));
  CHECK(events[2].unreserve);
  CHECK(events[1].description() == "account concurrency 2000");
}

TEST_CASE("A timeline's instant past the horizon is refused", "[timeline-input]") {
  // 08:00 comes next on Tuesday morning, 23 hours after the start.
  CHECK(error_of(scenario("", R"({"at": "08:00", "account_concurrency": 2000},
                                 {"at": "2h", "account_concurrency": 3000})")) ==
        kOps +
            "/events/0/at: expected an instant before the horizon (0d2h0m), found one 0d23h0m "
            "after the start\n" +
            kOps +
            "/events/1/at: expected an instant before the horizon (0d2h0m), found one "
            "0d2h0m after the start\n");
  CHECK(error_of(scenario("", R"({"at": "25:00", "account_concurrency": 2000})")) ==
        kOps +
            "/events/0/at: expected a duration, a local time such as \"16:00\" or a day and "
            "local time such as \"tue 16:00\", found \"25:00\"\n");
  CHECK(error_of(scenario("", R"({"at": "30m"})")) ==
        kOps +
            "/events/0: expected an event that changes something (terminate_instances, "
            "account_concurrency, reserved_concurrency, provisioned_concurrency, eni_quota, "
            "add_subnet or remove_subnet), found none\n");
}

TEST_CASE("A timeline changes only what its component has", "[timeline-input]") {
  CHECK(error_of(scenario("", R"({"at": "30m", "terminate_instances": 2})")) ==
        kOps +
            "/events/0/terminate_instances: expected a timeline driving a server_fleet, found "
            "\"fn\", a lambda_function\n");
  std::string outside = scenario("", R"({"at": "30m", "remove_subnet": "a"})");
  const std::string no_vpc = R"("vpc": {"subnets": [{"name": "a", "cidr": "/20"}]})";
  outside.replace(outside.find(no_vpc), no_vpc.size(), R"("memory_mb": 512)");
  CHECK(error_of(outside) == kOps +
                                 "/events/0: expected a function with a \"vpc\" for ENI and subnet "
                                 "changes, found \"fn\", a lambda_function outside a VPC\n");
}

TEST_CASE("A strategy's reservations leave the 100 unreserved AWS keeps", "[vpc-input]") {
  const std::string text = R"({"name": "t", "horizon": "1h",
    "workload": {"arrivals": {"process": "poisson", "rate": 1}, "service_time": "100ms"},
    "strategies": [{"name": "s", "components": {
      "fn": {"kind": "lambda_function", "account_concurrency": 1000, "reserved_concurrency": 901}}}]})";
  CHECK(error_of(text) ==
        "s.json:/strategies/0/components/fn/reserved_concurrency: expected reservations that "
        "leave the 100 unreserved concurrency AWS keeps (at most 900 of an account_concurrency of "
        "1000), found 901 reserved up to this function\n");
}

// A strategy has one entry today, so two functions meet only in the check itself.
TEST_CASE("Functions of a strategy are checked together", "[vpc-input]") {
  const auto with_vpc = [](const std::string& subnet_cidr, uint32_t quota) {
    models::LambdaConfig c;
    models::VpcConfig vpc;
    vpc.subnets.push_back({"x", std::stoi(subnet_cidr)});
    vpc.eni_quota = quota;
    c.vpc = vpc;
    c.reserved_concurrency = 600;
    return c;
  };
  const models::ComponentSpec a("a", {}, with_vpc("20", 5000));
  const models::ComponentSpec b("b", {}, with_vpc("24", 10));
  const auto problems = models::check_lambda_functions({&a, &b});
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].component == "b");
  CHECK(problems[0].where == "/reserved_concurrency");
  CHECK(problems[0].message ==
        "expected reservations that leave the 100 unreserved concurrency AWS keeps (at most 900 "
        "of an account_concurrency of 1000), found 1200 reserved up to this function");
  CHECK(problems[1].where == "/vpc/eni_quota");
  CHECK(problems[1].message ==
        "expected the same eni_quota as \"a\" (functions share the account's ENIs), found 10");
  CHECK(problems[2].where == "/vpc/subnets/0/cidr");
  CHECK(problems[2].message == "expected subnet \"x\" to be a /20 as in \"a\", found a /24");
}
