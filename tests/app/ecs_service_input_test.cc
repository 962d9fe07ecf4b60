// Reading an ecs_service: defaults, and the exact message for each kind of bad
// input; the binary exits 2 on it and writes nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "app/scenario/loader.h"
#include "binary.h"
#include "input_errors.h"
#include "models/containers/ecs_service.h"
#include "models/policies/asg.h"

using test::error_of;

namespace {

// A one-hour run with one service behind an ALB; SERVICE is spliced into its object.
std::string scenario(const std::string& service) {
  return R"({"name": "t", "horizon": "1h",
    "workload": {"arrivals": {"process": "poisson", "rate": 1}, "service_time": "100ms"},
    "strategies": [{"name": "s", "components": {
      "lb": {"kind": "alb", "next": "web"},
      "web": {"kind": "ecs_service", )" +
         service + "}}}]}";
}

const std::string kWeb = "s.json:/strategies/0/components/web";

const models::EcsServiceConfig& service_of(const models::Scenario& s) {
  return s.strategies[0].components[1].config_as<models::EcsServiceConfig>();
}

}  // namespace

TEST_CASE("An ecs_service reads with Fargate's defaults", "[ecs-input]") {
  const auto s =
      app::parse_scenario(scenario(R"("vcpu": 0.25, "memory_gb": 0.5, "desired": 2)"), "s.json");
  const models::EcsServiceConfig& c = service_of(s);
  CHECK(c.size.cpu_units == 256);
  CHECK(c.size.memory_mib == 512);
  CHECK(c.desired == 2);
  CHECK(c.ephemeral_gb == 20);
  CHECK(c.architecture == models::CpuArchitecture::kX86_64);
  REQUIRE(c.strategy.size() == 1);
  CHECK(c.strategy[0].provider == models::CapacityProvider::kFargate);
  CHECK(c.spot.notice == sim::Duration::minutes(2));
  CHECK(c.start.image_mb == 413);

  const auto mixed = app::parse_scenario(
      scenario(R"("vcpu": 16, "memory_gb": 120, "desired": 4, "architecture": "arm64",
                  "task_start": {"image_size": "1.2GB", "app_start": "90s"},
                  "capacity_providers": [{"provider": "FARGATE", "base": 1, "weight": 1},
                                         {"provider": "FARGATE_SPOT", "weight": 3}],
                  "spot": {"interruptions_per_task_hour": 0.1,
                           "unavailable": {"chance": 0.5, "for": "10m"}})"),
      "s.json");
  const models::EcsServiceConfig& m = service_of(mixed);
  CHECK(m.start.image_mb == Approx(1200));
  CHECK(m.start.app_start.mean_seconds() == Approx(90));
  REQUIRE(m.strategy.size() == 2);
  CHECK(m.strategy[1].weight == 3);
  CHECK(m.spot.hazard_per_hour == std::vector<double>{0.1});
  CHECK(m.spot.unavailable_chance == 0.5);
}

TEST_CASE("A task size Fargate does not offer is refused", "[ecs-input]") {
  CHECK(error_of(scenario(R"("vcpu": 0.25, "memory_gb": 3, "desired": 1)")) ==
        kWeb +
            "/memory_gb: expected a memory Fargate offers with 0.25 vCPU (0.5, 1 or 2 GB), "
            "found 3\n");
  CHECK(error_of(scenario(R"("vcpu": 2, "memory_gb": 2, "desired": 1)")) ==
        kWeb +
            "/memory_gb: expected a memory Fargate offers with 2 vCPU (4 to 16 GB in steps of "
            "1), found 2\n");
  CHECK(error_of(scenario(R"("vcpu": 3, "memory_gb": 6, "desired": 1)")) ==
        kWeb +
            "/vcpu: expected a Fargate task size in vCPU: 0.25, 0.5, 1, 2, 4, 8 or 16, found 3\n");
  CHECK(error_of(scenario(R"("vcpu": 1, "desired": 1)")) ==
        kWeb + "/memory_gb: expected a number above 0 up to 120, found nothing\n");
}

TEST_CASE("A capacity provider strategy must place tasks somewhere", "[ecs-input]") {
  const std::string sized = R"("vcpu": 0.5, "memory_gb": 1, "desired": 2, )";
  CHECK(error_of(scenario(sized + R"("capacity_providers": [
            {"provider": "FARGATE", "base": 1, "weight": 0},
            {"provider": "FARGATE_SPOT", "weight": 0}])")) ==
        kWeb +
            "/capacity_providers: expected a weight above 0 for at least one capacity "
            "provider, found 0 for every one\n");
  CHECK(error_of(scenario(sized + R"("capacity_providers": [
            {"provider": "FARGATE", "base": 1, "weight": 1},
            {"provider": "FARGATE_SPOT", "base": 1, "weight": 1}])")) ==
        kWeb +
            "/capacity_providers/1/base: expected a base on one capacity provider at most, "
            "found a second\n");
  CHECK(error_of(scenario(sized + R"("capacity_providers": [
            {"provider": "FARGATE", "weight": 1}, {"provider": "FARGATE", "weight": 1}])")) ==
        kWeb +
            "/capacity_providers/1/provider: expected each provider once, found \"FARGATE\" "
            "again\n");
  CHECK(error_of(scenario(sized + R"("spot": {"interruptions_per_task_hour": 0.1})")) ==
        kWeb +
            "/spot: expected no \"spot\" settings without FARGATE_SPOT (with a base or "
            "weight) in \"capacity_providers\", found an object\n");
  CHECK(error_of(
            scenario(sized + R"("capacity_providers": [{"provider": "FARGATE_SPOT", "weight": 1}],
            "spot": {"interruptions_per_task_hour": [0.1, 0.2]})")) ==
        kWeb +
            "/spot/interruptions_per_task_hour: expected a number or an array of 24 numbers, "
            "one per local hour, found an array\n");
}

TEST_CASE("The binary exits 2 on an invalid task size and writes nothing", "[ecs-input]") {
  namespace fs = std::filesystem;
  const fs::path dir = test::scratch("ecs-size");
  std::ofstream(dir / "bad.json") << scenario(R"("vcpu": 4, "memory_gb": 4, "desired": 1)");
  const test::Outcome outcome = test::scalesim(
      "run " + (dir / "bad.json").string() + " --out " + (dir / "out").string(), dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.err == (dir / "bad.json").string() +
                           ":/strategies/0/components/web/memory_gb: expected a memory Fargate "
                           "offers with 4 vCPU (8 to 30 GB in steps of 1), found 4\n");
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("An asg policy on a service is Application Auto Scaling", "[ecs-input]") {
  const auto s = app::parse_scenario(scenario(R"("vcpu": 0.5, "memory_gb": 1, "desired": 2,
                  "policy": {"kind": "asg", "min": 1, "max": 10, "target_tracking": [
                    {"metric": "request_count_per_target", "target": 600}]})"),
                                     "s.json");
  const models::ControllerSpec& policy = s.strategies[0].controllers.at(0);
  CHECK(policy.config_as<models::AsgConfig>().app_auto_scaling);
  REQUIRE(policy.kind->calls);
  CHECK(policy.kind->calls(policy).at(0).api == "ecs:UpdateService");
  // Cooldowns are Application Auto Scaling's: not on a server fleet's group.
  const std::string fleet = R"({"name": "t", "horizon": "1h",
    "workload": {"arrivals": {"process": "poisson", "rate": 1}, "service_time": "100ms"},
    "strategies": [{"name": "s", "components": {
      "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 1,
              "policy": {"kind": "asg", "min": 1, "max": 4,
                         "target_tracking": [{"target": 50, "scale_out_cooldown": "1m"}]}}}}]})";
  CHECK(error_of(fleet) ==
        "s.json:/strategies/0/components/web/policy/target_tracking/0/scale_out_cooldown: "
        "expected no cooldown on a server_fleet (an Auto Scaling group's target tracking has its "
        "warm-up instead), found one\n");
}
