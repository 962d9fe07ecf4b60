#include "app/scenario/loader.h"

#include <catch2/catch.hpp>

#include "input_errors.h"
#include "models/compute/server_fleet.h"
#include "models/serverless/api_gateway.h"
#include "models/serverless/lambda_function.h"

namespace {

using test::error_of;

// A valid scenario, with `patch` spliced into one place of its text.
std::string scenario(const std::string& fleet_extra = "", const std::string& top_extra = "") {
  return R"({
  "name": "t", "horizon": "1h", "replications": 3, )" +
         top_extra + R"(
  "workload": {"arrivals": {"process": "poisson", "rate": "10/s"}, "service_time": "100ms"},
  "strategies": [{"name": "a", "components": {
    "lb": {"kind": "alb", "next": "web"},
    "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2)" +
         fleet_extra + R"(}
  }}]
})";
}

}  // namespace

TEST_CASE("A valid scenario loads with its defaults") {
  const models::Scenario s = app::parse_scenario(scenario(), "s.json");
  CHECK(s.name == "t");
  CHECK(s.horizon == sim::Duration::hours(1));
  CHECK(s.warmup == sim::Duration());
  CHECK(s.interval == sim::Duration::seconds(10));  // 360 intervals
  CHECK(s.replications == 3);
  CHECK(s.seed == 1);
  CHECK(models::make_rate(s.workload.arrivals.rate, sim::Duration())->at(0) == 10);
  REQUIRE(s.strategies.size() == 1);
  REQUIRE(s.strategies[0].components.size() == 2);
  const auto& fleet = s.strategies[0].components[1].config_as<models::ServerFleetConfig>();
  CHECK(fleet.count == 2);
  CHECK(fleet.slots == 1);
  CHECK(fleet.queue_capacity == 128);
  CHECK_FALSE(fleet.queue_timeout.has_value());
  CHECK(fleet.routing == models::Routing::kRoundRobin);
  CHECK(fleet.instance_type->vcpus == 2);
  CHECK(fleet.boot_time.mean_seconds() == Approx(24.5));
}

TEST_CASE("An unknown key is rejected with the nearest valid key") {
  CHECK(
      error_of(scenario(R"(, "solts": 4)")) ==
      "s.json:/strategies/0/components/web/solts: expected a known key (did you mean \"slots\"?), "
      "found unknown key \"solts\"\n");
}

TEST_CASE("An unknown key with no near match lists the valid keys") {
  CHECK(error_of(scenario("", R"("colour": "blue",)")) ==
        "s.json:/colour: expected one of the keys $schema, description, horizon, interval, name, "
        "pricing, "
        "replications, seed, strategies, warmup or workload, found unknown key \"colour\"\n");
}

TEST_CASE("Every problem is reported at once, in file order") {
  const std::string text =
      scenario(R"(, "slots": 0, "routing": "least_outstanding", "queue": {"timeout": 5})",
               R"("warmup": "2h", "seed": -1,)");
  CHECK(error_of(text) ==
        "s.json:/warmup: expected a duration shorter than the horizon, found \"2h\"\n"
        "s.json:/seed: expected an integer from 0 to 9223372036854775807, found -1\n"
        "s.json:/strategies/0/components/web/slots: expected an integer from 1 to 65535, found 0\n"
        "s.json:/strategies/0/components/web/routing: expected one of round_robin, "
        "least_outstanding_requests or random (did you mean \"least_outstanding_requests\"?), "
        "found \"least_outstanding\"\n"
        "s.json:/strategies/0/components/web/queue/timeout: expected a duration such as \"250ms\", "
        "\"90s\", \"5m\", \"2h\" or \"7d\", found 5\n");
}

TEST_CASE("Durations must carry a unit") {
  std::string text = scenario();
  text.replace(text.find("\"1h\""), 4, "3600");
  CHECK(error_of(text) ==
        "s.json:/horizon: expected a duration such as \"250ms\", \"90s\", \"5m\", \"2h\" or "
        "\"7d\", found 3600\n");
}

TEST_CASE("A missing required key is named") {
  std::string text = scenario();
  text.replace(text.find(", \"count\": 2"), 12, "");
  CHECK(error_of(text) ==
        "s.json:/strategies/0/components/web/count: expected an integer from 1 to 100000, found "
        "nothing\n");
}

TEST_CASE("An unknown instance type suggests the catalogue's nearest") {
  std::string text = scenario();
  text.replace(text.find("t3.small"), 8, "t3.smal");
  const std::string error = error_of(text);
  CHECK(error.starts_with(
      "s.json:/strategies/0/components/web/instance_type: expected one of t3.nano, "));
  CHECK(error.find("(did you mean \"t3.small\"?), found \"t3.smal\"") != std::string::npos);
}

TEST_CASE("A fleet names exactly one of an EC2 type and a Lightsail bundle") {
  CHECK(error_of(scenario(R"(, "lightsail_bundle": "small_3_0")")) ==
        "s.json:/strategies/0/components/web: expected exactly one of \"instance_type\" (EC2) or "
        "\"lightsail_bundle\", found both\n");
}

TEST_CASE("Topology problems point at the component's next") {
  std::string text = scenario();
  text.replace(text.find("\"next\": \"web\""), 13, "\"next\": \"wbe\"");
  CHECK(error_of(text) ==
        "s.json:/strategies/0/components/lb/next: expected a valid topology, found that \"lb\" "
        "forwards to "
        "\"wbe\", which is not a component of this strategy\n"
        "s.json:/strategies/0/components/lb/next: expected a valid topology, found that \"lb\" "
        "(alb) must "
        "forward to at least 1 component\n"
        "s.json:/strategies/0/components/web: expected a valid topology, found that \"web\" is not "
        "reached "
        "from the entry \"lb\"; a strategy has exactly one entry\n");
}

TEST_CASE("Syntax errors give the line and column") {
  const std::string error = error_of("{\n  \"name\": \"t\",\n  oops\n}");
  CHECK(error.starts_with("s.json: expected valid JSON, found a parse error at line 3, column 3"));
}

TEST_CASE("Two strategies may not share a name") {
  std::string text = scenario();
  const std::string strategy = text.substr(text.find("{\"name\": \"a\""));
  const std::string body = strategy.substr(0, strategy.rfind("]"));
  text.insert(text.rfind("]"), ", " + body);
  CHECK(error_of(text) ==
        "s.json:/strategies/1/name: expected a name no other strategy has, found \"a\" again\n");
}

TEST_CASE("A missing file is bad input, not a crash") {
  try {
    app::load_scenario_file("/nonexistent/scenario.json");
    FAIL("no error");
  } catch (const app::InputError& e) {
    CHECK(std::string(e.what()) ==
          "/nonexistent/scenario.json: expected a readable scenario file, found No such file or "
          "directory\n");
  }
}

TEST_CASE("Distributions read in each of their forms") {
  const auto service = [](const std::string& json) {
    std::string text = scenario();
    text.replace(text.find("\"100ms\""), 7, json);
    return app::parse_scenario(text, "s.json").workload.service_time;
  };
  CHECK(service(R"({"distribution": "exponential", "mean": "80ms"})").mean_seconds() ==
        Approx(0.08));
  CHECK(service(R"({"distribution": "lognormal", "mean": "80ms", "cv": 2})").mean_seconds() ==
        Approx(0.08));
  CHECK(service(R"({"distribution": "gamma", "mean": "1s", "cv": 0.5})").mean_seconds() ==
        Approx(1.0));
  CHECK(service(R"({"distribution": "uniform", "min": "1s", "max": "3s"})").mean_seconds() ==
        Approx(2.0));
  CHECK(service(R"({"distribution": "normal", "mean": "1s", "stddev": "100ms"})").mean_seconds() ==
        Approx(1.0));
  // median 100 ms, p99 600 ms: sigma = ln 6 / 2.3263, mean = median * exp(sigma^2 / 2).
  const double sigma = std::log(6.0) / 2.3263478740408408;
  CHECK(service(R"({"distribution": "lognormal", "median": "100ms", "p99": "600ms"})")
            .mean_seconds() == Approx(0.1 * std::exp(sigma * sigma / 2)));
  std::string text = scenario();
  text.replace(text.find("\"100ms\""), 7,
               R"({"distribution": "lognormal", "mean": "80ms", "p99": "1s"})");
  CHECK(error_of(text) ==
        "s.json:/workload/service_time: expected a lognormal given by \"mean\" (above 0s) and "
        "\"cv\", or by "
        "\"median\" (above 0s) and a larger \"p99\", found another combination\n");
}

TEST_CASE("Each routing name selects its algorithm") {
  const auto routing_of = [](const std::string& name) {
    const auto s = app::parse_scenario(scenario(", \"routing\": \"" + name + "\""), "s.json");
    return s.strategies[0].components[1].config_as<models::ServerFleetConfig>().routing;
  };
  CHECK(routing_of("round_robin") == models::Routing::kRoundRobin);
  CHECK(routing_of("least_outstanding_requests") == models::Routing::kLeastOutstanding);
  CHECK(routing_of("random") == models::Routing::kRandom);
}

TEST_CASE("Lambda and API Gateway read with their defaults, and their limits are checked") {
  const std::string base = R"({"name": "t", "horizon": "1h",
    "workload": {"arrivals": {"process": "poisson", "rate": "10/s"}, "service_time": "100ms"},
    "strategies": [{"name": "a", "components": {
      "api": {"kind": "api_gateway", "type": "http", "next": "fn" API_EXTRA},
      "fn": {"kind": "lambda_function", "runtime": "java", "package_mb": 20 FN_EXTRA}}}]})";
  const auto with = [&](const std::string& api, const std::string& fn) {
    std::string text = base;
    text.replace(text.find(" API_EXTRA"), 10, api);
    text.replace(text.find(" FN_EXTRA"), 9, fn);
    return text;
  };
  const auto s = app::parse_scenario(with("", ""), "s.json");
  const auto& api = s.strategies[0].components[0].config_as<models::ApiGatewayConfig>();
  const auto& fn = s.strategies[0].components[1].config_as<models::LambdaConfig>();
  CHECK(api.type == models::ApiType::kHttp);
  CHECK(api.integration_timeout == sim::Duration::seconds(30));
  CHECK(api.burst == 5000);
  CHECK(fn.memory_mb == 128);
  CHECK(fn.timeout == sim::Duration::seconds(3));
  CHECK(fn.init_duration.mean_seconds() == Approx(2.0));  // java: 1-3 s
  CHECK(fn.init_extra == sim::Duration::millis(200));     // 20 MB at 10 ms per MB
  CHECK(fn.account_concurrency == 1000);

  CHECK(error_of(
            with(R"(, "integration_timeout": "45s")", R"(, "timeout": "20m", "memory_mb": 64)")) ==
        "s.json:/strategies/0/components/api/integration_timeout: expected a duration from 50ms to "
        "30s, found \"45s\"\n"
        "s.json:/strategies/0/components/fn/memory_mb: expected an integer from 128 to 10240, "
        "found 64\n"
        "s.json:/strategies/0/components/fn/timeout: expected a duration from 1ms to 900s, found "
        "\"20m\"\n");

  // Provisioned concurrency comes out of the reserved share, or the account's
  // less the 100 AWS keeps unreserved.
  const auto pc = app::parse_scenario(with("", R"(, "provisioned_concurrency": 900)"), "s.json");
  CHECK(pc.strategies[0].components[1].config_as<models::LambdaConfig>().provisioned_concurrency ==
        900);
  CHECK(error_of(with("", R"(, "reserved_concurrency": 50, "provisioned_concurrency": 60)")) ==
        "s.json:/strategies/0/components/fn/provisioned_concurrency: expected at most the "
        "reserved_concurrency (50), found 60\n");
  // The legacy scaling model: an account-wide burst, 500 by default.
  const auto legacy = app::parse_scenario(with("", R"(, "scaling_model": "legacy")"), "s.json");
  CHECK(legacy.strategies[0].components[1].config_as<models::LambdaConfig>().legacy_burst == 500);
  CHECK(error_of(with("", R"(, "legacy_burst": 3000)")) ==
        "s.json:/strategies/0/components/fn/legacy_burst: expected \"legacy_burst\" only with "
        "\"scaling_model\": \"legacy\", found it without\n");
  CHECK(error_of(with("", R"(, "provisioned_concurrency": 901)")) ==
        "s.json:/strategies/0/components/fn/provisioned_concurrency: expected at most the "
        "account_concurrency less the 100 AWS keeps unreserved (900), found 901\n");
}

TEST_CASE("A Lightsail fleet cannot ask for a billed public IPv4 address") {
  std::string text = scenario(R"(, "public_ipv4": true)");
  text.replace(text.find("\"instance_type\": \"t3.small\""), 27,
               "\"lightsail_bundle\": \"small_3_0\"");
  CHECK(error_of(text) ==
        "s.json:/strategies/0/components/web/public_ipv4: expected false for a Lightsail bundle, "
        "which includes "
        "its IPv4 address, found true\n");
}

TEST_CASE("The workload clock: a weekday and time, or a date-time with its zone") {
  auto offset = [](const std::string& start) {
    const std::string text =
        R"({"name": "t", "horizon": "1h", "workload": {"clock": {"start": )" + start +
        R"(}, "arrivals": {"process": "poisson", "rate": 1}, "service_time": "1s"},
      "strategies": [{"name": "a", "components": {"web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 1}}}]})";
    return app::parse_scenario(text, "s.json").workload.local_offset;
  };
  CHECK(offset(R"("tue 09:30")") == sim::Duration::hours(33) + sim::Duration::minutes(30));
  // 2026-11-22 is a Sunday.
  CHECK(offset(R"("2026-11-22T18:00:00+09:00")") == sim::Duration::hours(6 * 24 + 18));
  CHECK(offset(R"("2026-11-22T09:00:00Z")") == sim::Duration::hours(6 * 24 + 9));
  CHECK(error_of(R"({"name": "t", "horizon": "1h", "workload": {"clock": {"start": "tues 9:00"},
      "arrivals": {"process": "poisson", "rate": 1}, "service_time": "1s"},
      "strategies": [{"name": "a", "components": {"web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 1}}}]})") ==
        "s.json:/workload/clock/start: expected a day and local time such as \"mon 00:00\", or a "
        "date-time such as "
        "\"2026-11-17T00:00:00+09:00\", found \"tues 9:00\"\n");
}

TEST_CASE("A key named twice in an object is an error at its pointer, not a silent overwrite") {
  CHECK(error_of(scenario(R"(, "count": 3)", R"("horizon": "2h", )")) ==
        "s.json:/horizon: expected each key once in an object, found \"horizon\" again\n"
        "s.json:/strategies/0/components/web/count: expected each key once in an object, found "
        "\"count\" again\n");
  // Inside arrays the pointer counts the elements.
  CHECK(error_of(R"({"a": [1, [2], {"y": 1, "y": 2}]})") ==
        "s.json:/a/2/y: expected each key once in an object, found \"y\" again\n");
}

TEST_CASE("A strategy's name may not be empty") {
  std::string text = scenario();
  text.replace(text.find(R"("name": "a")"), 11, R"("name": "")");
  CHECK(error_of(text) ==
        "s.json:/strategies/0/name: expected a strategy name that is not empty, found \"\"\n");
}
