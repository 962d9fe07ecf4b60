// An asg's predictive scaling policy as a user writes it: each mistake gives its
// exact message at its JSON pointer, and a run with one exits 2 and writes nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "binary.h"
#include "input_errors.h"

namespace fs = std::filesystem;

namespace {

using test::error_of;

const std::string kPolicy = "s.json:/strategies/0/components/web/policy";

// A valid scenario: an alb in front of a fleet whose policy is an asg from 1 to
// 4 with `group` among its keys and `predictive` among those of its
// "predictive" object.
std::string scenario(const std::string& predictive, const std::string& group = "") {
  return R"({
  "name": "t", "horizon": "1h",
  "workload": {"arrivals": {"process": "poisson", "rate": "10/s"}, "service_time": "100ms"},
  "strategies": [{"name": "a", "components": {
    "lb": {"kind": "alb", "next": "web"},
    "web": {"kind": "server_fleet", "instance_type": "c6g.large", "count": 1,
            "policy": {"kind": "asg", "min": 1, "max": 4)" +
         group + R"(, "predictive": {)" + predictive + R"(}}}
  }}]
})";
}

}  // namespace

TEST_CASE("An asg's predictive policy reads", "[predictive-input]") {
  CHECK(error_of(scenario(R"("target": 600)")) == "no error");
  CHECK(error_of(scenario(R"("metric": "cpu", "target": 40, "mode": "forecast_and_scale",
      "scheduling_buffer": "3599s", "max_capacity_breach": "increase_max_capacity",
      "max_capacity_buffer": 10, "refresh": "24h", "forecast_interval": "5m",
      "known_spikes": [{"at": "16:00", "duration": "15m"}], "daily_harmonics": 3)",
                          R"(, "target_tracking": [{"metric": "cpu", "target": 50}])")) ==
        "no error");
  // Beside every other kind of policy an Auto Scaling group has.
  CHECK(error_of(scenario(R"("target": 600, "mode": "forecast_and_scale")",
                          R"(, "target_tracking": [{"metric": "cpu", "target": 50}],
      "step_scaling": [{"alarm": {"comparison": "<", "threshold": 20, "periods": 5},
                        "steps": [{"upper": 0, "adjustment": -1}]}],
      "scheduled": [{"cron": "0 8 * * *", "min": 2}])")) == "no error");
}

TEST_CASE("A predictive policy needs a target", "[predictive-input]") {
  CHECK(error_of(scenario(R"("mode": "forecast_and_scale")")) ==
        kPolicy +
            "/predictive/target: expected a number above 0 up to 1000000000, found nothing\n");
  CHECK(error_of(scenario(R"("target": 0)")) ==
        kPolicy + "/predictive/target: expected a number above 0 up to 1000000000, found 0\n");
}

TEST_CASE("The scheduling buffer is less than the forecast's hour", "[predictive-input]") {
  CHECK(error_of(scenario(R"("target": 600, "scheduling_buffer": "3600s")")) ==
        kPolicy +
            "/predictive/scheduling_buffer: expected a duration from 0s to less than 3600s (the "
            "forecast's hour), found \"3600s\"\n");
  CHECK(error_of(scenario(R"("target": 600, "scheduling_buffer": "2h")")) ==
        kPolicy +
            "/predictive/scheduling_buffer: expected a duration from 0s to less than 3600s (the "
            "forecast's hour), found \"2h\"\n");
}

TEST_CASE("Other mistakes in a predictive policy", "[predictive-input]") {
  CHECK(error_of(scenario(R"("target": 600, "forecast_interval": "7m")")) ==
        kPolicy +
            "/predictive/forecast_interval: expected whole minutes that divide an hour (1m to "
            "1h), found \"7m\"\n");
  CHECK(error_of(scenario(R"("target": 600, "max_capacity_buffer": 10)")) ==
        kPolicy +
            "/predictive/max_capacity_buffer: expected no buffer unless \"max_capacity_breach\" "
            "is \"increase_max_capacity\", found 10\n");
  CHECK(
      error_of(scenario(R"("target": 600, "known_spikes": [{"at": "4pm", "duration": "15m"}])")) ==
      kPolicy +
          "/predictive/known_spikes/0/at: expected a time of day such as \"16:00\", found "
          "\"4pm\"\n");
  CHECK(error_of(scenario(R"("target": 600, "mode": "scale")")) ==
        kPolicy +
            "/predictive/mode: expected one of forecast_only or forecast_and_scale, found "
            "\"scale\"\n");
  CHECK(error_of(scenario(R"("target": 600, "buffer": "5m")")) ==
        kPolicy +
            "/predictive/buffer: expected one of the keys daily_harmonics, forecast_interval, "
            "known_spikes, max_capacity_breach, max_capacity_buffer, metric, mode, refresh, "
            "scheduling_buffer or target, found unknown key \"buffer\"\n");
}

TEST_CASE("Predictive scaling is an Auto Scaling group's, not an ecs_service's",
          "[predictive-input]") {
  const std::string service = R"({"name": "t", "horizon": "1h",
    "workload": {"arrivals": {"process": "poisson", "rate": 1}, "service_time": "100ms"},
    "strategies": [{"name": "s", "components": {
      "lb": {"kind": "alb", "next": "web"},
      "web": {"kind": "ecs_service", "vcpu": 0.5, "memory_gb": 1,
              "desired": 1, "policy": {"kind": "asg", "min": 1, "max": 4,
                                       "predictive": {"target": 600}}}}}]})";
  CHECK(error_of(service) ==
        "s.json:/strategies/0/components/web/policy/predictive: expected no predictive policy "
        "on an ecs_service (this model offers predictive scaling to an Auto Scaling group, a "
        "server_fleet's), found one\n");
}

TEST_CASE("run with a bad predictive policy exits 2 and writes no output directory",
          "[predictive-input]") {
  const fs::path dir = test::scratch("bad-predictive");
  std::ofstream(dir / "s.json") << scenario(R"("target": 600, "scheduling_buffer": "3601s")");
  const test::Outcome outcome =
      test::scalesim("run " + (dir / "s.json").string() + " -o " + (dir / "out").string(), dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.out.empty());
  CHECK(outcome.err == (dir / "s.json").string() +
                           ":/strategies/0/components/web/policy/predictive/scheduling_buffer: "
                           "expected a duration from 0s to less than 3600s (the forecast's "
                           "hour), found \"3601s\"\n");
  CHECK_FALSE(fs::exists(dir / "out"));
}
