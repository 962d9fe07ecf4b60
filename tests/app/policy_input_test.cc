// Scaling policies, controllers, the control plane and the settings of dynamic
// fleets, as a user writes them: each mistake gives its exact message at its JSON
// pointer; and what a run with a policy writes to events.csv.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "app/scenario/loader.h"
#include "binary.h"
#include "input_errors.h"
#include "models/policies/asg.h"
#include "models/policies/provisioned_schedule.h"
#include "models/policies/provisioned_target_tracking.h"

namespace fs = std::filesystem;

namespace {

using test::error_of;

const std::string kLb = "s.json:/strategies/0/components/lb";
const std::string kWeb = "s.json:/strategies/0/components/web";
const std::string kPolicy = kWeb + "/policy";
const std::string kControllers = "s.json:/strategies/0/controllers";

// A valid scenario: an alb in front of a fleet of two t3.small. `web` is spliced
// into the fleet's object, `lb` into the alb's, `strategy` after the components.
std::string scenario(const std::string& web = "", const std::string& lb = "",
                     const std::string& strategy = "") {
  return R"({
  "name": "t", "horizon": "1h",
  "workload": {"arrivals": {"process": "poisson", "rate": "10/s"}, "service_time": "100ms"},
  "strategies": [{"name": "a", "components": {
    "lb": {"kind": "alb", "next": "web")" +
         lb + R"(},
    "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2)" +
         web + R"(}
  })" + strategy +
         R"(}]
})";
}

// The same with the fleet's "instance_type": "t3.small" replaced by `type`.
std::string fleet_of(const std::string& type, const std::string& web) {
  std::string text = scenario(web);
  const std::string ec2 = R"("instance_type": "t3.small")";
  text.replace(text.find(ec2), ec2.size(), type);
  return text;
}

// The fleet's policy: an asg from 1 to 3 instances, with `rest` among its keys.
std::string asg(const std::string& rest = "") {
  return R"(, "policy": {"kind": "asg", "min": 1, "max": 3)" + rest + "}";
}

// The fleet's policy: an idle_target with `spare` and `rest` among its keys.
std::string idle_target(const std::string& spare, const std::string& rest = "") {
  return R"(, "policy": {"kind": "idle_target", "spare": )" + spare + rest + "}";
}

// A strategy's "controllers" with one timeline, "chaos", with `rest` among its keys.
std::string timeline(const std::string& rest) {
  return R"(, "controllers": {"chaos": {"kind": "timeline")" + rest +
         R"(, "events": [{"at": "10m", "terminate_instances": 1}]}})";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

// The messages for an asg's scheduled action whose cron expression is `when`.
std::string asg_cron_error(const std::string& when) {
  return error_of(scenario(asg(R"(, "scheduled": [{"cron": ")" + when + R"(", "desired": 2}])")));
}

}  // namespace

TEST_CASE("A fixed policy adds no controller: a policy object becomes <component>.policy",
          "[policy-input]") {
  CHECK(app::parse_scenario(scenario(R"(, "policy": "fixed")"), "s.json")
            .strategies[0]
            .controllers.empty());
  const models::Scenario s = app::parse_scenario(
      scenario(asg(R"(, "desired": 2, "target_tracking": [{"metric": "cpu", "target": 50}])")),
      "s.json");
  REQUIRE(s.strategies[0].controllers.size() == 1);
  const models::ControllerSpec& policy = s.strategies[0].controllers[0];
  CHECK(policy.name == "web.policy");
  CHECK(std::string(policy.kind->name) == "asg");
  CHECK(policy.drives == std::vector<std::string>{"web"});
  const auto& config = policy.config_as<models::AsgConfig>();
  CHECK(config.min == 1);
  CHECK(config.max == 3);
  CHECK(config.desired == 2u);
  REQUIRE(config.target_tracking.size() == 1);
  CHECK(config.target_tracking[0].metric == models::FleetMetric::kCpu);
  CHECK(config.target_tracking[0].target == 50);
}

TEST_CASE("An unknown key in an asg policy suggests the nearest key", "[policy-input]") {
  CHECK(error_of(scenario(asg(R"(, "desird": 2)"))) ==
        kPolicy +
            "/desird: expected a known key (did you mean \"desired\"?), found unknown key "
            "\"desird\"\n");
}

TEST_CASE("An unknown key in an idle_target policy suggests the nearest key", "[policy-input]") {
  CHECK(error_of(scenario(idle_target("2", R"(, "intervall": "5s")"))) ==
        kPolicy +
            "/intervall: expected a known key (did you mean \"interval\"?), found unknown key "
            "\"intervall\"\n");
}

TEST_CASE("An unknown key in a step suggests the nearest key", "[policy-input]") {
  const std::string steps = R"(, "step_scaling": [{"alarm": {"comparison": ">", "threshold": 70},
      "steps": [{"lower": 0, "uppr": 20, "adjustment": 1}]}])";
  CHECK(error_of(scenario(asg(steps))) ==
        kPolicy +
            "/step_scaling/0/steps/0/uppr: expected a known key (did you mean \"upper\"?), found "
            "unknown key \"uppr\"\n");
}

TEST_CASE("An unknown key in a scheduled action suggests the nearest key", "[policy-input]") {
  CHECK(
      error_of(scenario(asg(R"(, "scheduled": [{"cron": "0 8 * * *", "desired": 2, "mn": 1}])"))) ==
      kPolicy +
          "/scheduled/0/mn: expected a known key (did you mean \"min\"?), found unknown key "
          "\"mn\"\n");
}

TEST_CASE("An asg's min may not exceed its max", "[policy-input]") {
  CHECK(error_of(scenario(R"(, "policy": {"kind": "asg", "min": 4, "max": 3})")) ==
        kPolicy + "/min: expected at most \"max\" (3), found 4\n");
  CHECK(error_of(scenario(R"(, "policy": {"kind": "asg", "min": 3, "max": 3})")) == "no error");
}

TEST_CASE("An asg's desired capacity lies from min to max", "[policy-input]") {
  CHECK(error_of(scenario(asg(R"(, "desired": 5)"))) ==
        kPolicy + "/desired: expected a capacity from \"min\" to \"max\" (1 to 3), found 5\n");
  CHECK(error_of(scenario(asg(R"(, "desired": 0)"))) ==
        kPolicy + "/desired: expected a capacity from \"min\" to \"max\" (1 to 3), found 0\n");
  CHECK(error_of(scenario(asg(R"(, "desired": 3)"))) == "no error");
}

TEST_CASE("A CPU target is a utilisation of at most 100 percent", "[policy-input]") {
  const auto tracking = [](const std::string& policy) {
    return scenario(asg(R"(, "target_tracking": [)" + policy + "]"));
  };
  CHECK(error_of(tracking(R"({"metric": "cpu", "target": 100.5})")) ==
        kPolicy +
            "/target_tracking/0/target: expected a CPU utilisation from 0 to 100 percent, found "
            "100.5\n");
  // The metric is cpu when none is named.
  CHECK(error_of(tracking(R"({"target": 150})")) ==
        kPolicy +
            "/target_tracking/0/target: expected a CPU utilisation from 0 to 100 percent, found "
            "150\n");
  CHECK(error_of(tracking(R"({"metric": "cpu", "target": 100})")) == "no error");
  CHECK(error_of(tracking(R"({"metric": "request_count_per_target", "target": 500})")) ==
        "no error");
}

TEST_CASE("Target tracking follows only cpu or request_count_per_target", "[policy-input]") {
  const std::string expected =
      "/target_tracking/0/metric: expected \"cpu\" or \"request_count_per_target\" (target "
      "tracking's predefined metrics), found ";
  CHECK(error_of(scenario(
            asg(R"(, "target_tracking": [{"metric": "target_response_time", "target": 1}])"))) ==
        kPolicy + expected + "\"target_response_time\"\n");
  CHECK(error_of(scenario(
            asg(R"(, "target_tracking": [{"metric": "request_count", "target": 500}])"))) ==
        kPolicy + expected + "\"request_count\"\n");
}

TEST_CASE("A cron field out of range names the field and its range", "[policy-input]") {
  CHECK(asg_cron_error("0 25 * * *") ==
        kPolicy + "/scheduled/0/cron: expected an hour from 0 to 23, found \"25\"\n");
  CHECK(asg_cron_error("60 8 * * *") ==
        kPolicy + "/scheduled/0/cron: expected a minute from 0 to 59, found \"60\"\n");
  CHECK(asg_cron_error("0 8 * * 8") ==
        kPolicy +
            "/scheduled/0/cron: expected a day of the week from 0 to 7 (0 and 7 are Sunday) or a "
            "name mon to sun, found \"8\"\n");
  CHECK(asg_cron_error("0 8 * * mon-fri") == "no error");
  // The same reader serves idle_target's scheduled spare target.
  CHECK(error_of(scenario(
            idle_target(R"({"initial": 1, "schedule": [{"cron": "0 25 * * *", "value": 3}]})"))) ==
        kPolicy + "/spare/schedule/0/cron: expected an hour from 0 to 23, found \"25\"\n");
}

TEST_CASE("A cron day of the month and month must be *", "[policy-input]") {
  CHECK(asg_cron_error("0 8 1 * *") ==
        kPolicy +
            "/scheduled/0/cron: expected * for the day of the month (the simulator's clock knows "
            "the weekday and the time of day, not calendar dates), found \"1\"\n");
  CHECK(asg_cron_error("0 8 * 1 *") ==
        kPolicy +
            "/scheduled/0/cron: expected * for the month (the simulator's clock knows the weekday "
            "and the time of day, not calendar dates), found \"1\"\n");
}

TEST_CASE("A cron expression has five fields", "[policy-input]") {
  CHECK(asg_cron_error("0 8 * *") ==
        kPolicy +
            "/scheduled/0/cron: expected 5 fields (minute hour day-of-month month day-of-week), "
            "found 4\n");
  CHECK(asg_cron_error("0 8 * * mon-fri extra") ==
        kPolicy +
            "/scheduled/0/cron: expected 5 fields (minute hour day-of-month month day-of-week), "
            "found 6\n");
}

TEST_CASE("A policy on a component that cannot scale is refused", "[policy-input]") {
  CHECK(error_of(scenario("", asg())) ==
        kLb +
            "/policy: expected a policy only on a component an asg can scale (a server_fleet or "
            "an ecs_service), found one on \"lb\", an alb\n");

  const std::string on_lambda = error_of(R"({"name": "t", "horizon": "1h",
    "workload": {"arrivals": {"process": "poisson", "rate": "10/s"}, "service_time": "100ms"},
    "strategies": [{"name": "a", "components": {
      "api": {"kind": "api_gateway", "type": "http", "next": "fn"},
      "fn": {"kind": "lambda_function", "runtime": "java", "package_mb": 20,
             "policy": {"kind": "idle_target", "spare": 2}}}}]})");
  CHECK(on_lambda ==
        "s.json:/strategies/0/components/fn/policy: expected a policy only on a component an "
        "idle_target can scale (a server_fleet), found one on \"fn\", a lambda_function\n");
}

TEST_CASE("A policy is \"fixed\" or an object", "[policy-input]") {
  CHECK(error_of(scenario(R"(, "policy": "auto")")) ==
        kPolicy + ": expected \"fixed\" or a policy object with a \"kind\", found \"auto\"\n");
  CHECK(error_of(scenario(R"(, "policy": 3)")) ==
        kPolicy + ": expected \"fixed\" or a policy object with a \"kind\", found 3\n");
}

TEST_CASE("An unknown policy kind suggests the nearest kind", "[policy-input]") {
  CHECK(error_of(scenario(R"(, "policy": {"kind": "asgg", "min": 1, "max": 3})")) ==
        kPolicy +
            "/kind: expected one of asg, idle_target, keep_warm, provisioned_schedule, "
            "provisioned_target_tracking or timeline (did you mean \"asg\"?), found \"asgg\"\n");
  CHECK(error_of(scenario(R"(, "policy": {"min": 1, "max": 3})")) ==
        kPolicy +
            "/kind: expected one of asg, idle_target, keep_warm, provisioned_schedule, "
            "provisioned_target_tracking or timeline, found nothing\n");
}

TEST_CASE("A controller drives a component of its strategy", "[policy-input]") {
  CHECK(error_of(scenario("", "", timeline(R"(, "drives": "wbe")"))) ==
        kControllers + "/chaos/drives: expected a component of this strategy, found \"wbe\"\n");
  CHECK(error_of(scenario("", "", timeline(R"(, "drives": "web")"))) == "no error");
}

TEST_CASE("A timeline cannot drive an alb", "[policy-input]") {
  CHECK(error_of(scenario("", "", timeline(R"(, "drives": "lb")"))) ==
        kControllers +
            "/chaos/drives: expected a component that a timeline can drive (a "
            "server_fleet or a lambda_function), found \"lb\", an alb\n");
}

TEST_CASE("A controller names the one component it drives", "[policy-input]") {
  CHECK(error_of(scenario("", "", timeline(""))) ==
        kControllers +
            "/chaos/drives: expected the name of the component it drives, found nothing\n");
  CHECK(error_of(scenario("", "", timeline(R"(, "drives": ["web"])"))) ==
        kControllers +
            "/chaos/drives: expected the name of the component it drives, found an array\n");
}

TEST_CASE("A control_plane override names an API of the control plane", "[policy-input]") {
  CHECK(error_of(scenario("", "", R"(, "control_plane": {"ec2:RunInstance": {"burst": 10}})")) ==
        "s.json:/strategies/0/control_plane/ec2:RunInstance: expected an API of the control plane "
        "(did you mean \"ec2:RunInstances\"?), found \"ec2:RunInstance\"\n");
  CHECK(error_of(scenario(
            "", "", R"(, "control_plane": {"ec2:RunInstances": {"burst": 10, "per_secnd": 3}})")) ==
        "s.json:/strategies/0/control_plane/ec2:RunInstances/per_secnd: expected a known key (did "
        "you mean \"per_second\"?), found unknown key \"per_secnd\"\n");
  CHECK(
      error_of(scenario(
          "", "", R"(, "control_plane": {"ec2:RunInstances": {"burst": 10, "per_second": 3}})")) ==
      "no error");
}

TEST_CASE("A control_plane bucket holds at least one whole token", "[policy-input]") {
  CHECK(error_of(scenario("", "", R"(, "control_plane": {"ec2:RunInstances": {"burst": 0}})")) ==
        "s.json:/strategies/0/control_plane/ec2:RunInstances/burst: expected a number from 1 to "
        "1000000000, found 0\n");
  CHECK(error_of(scenario("", "", R"(, "control_plane": {"ec2:RunInstances": {"burst": 0.5}})")) ==
        "s.json:/strategies/0/control_plane/ec2:RunInstances/burst: expected a number from 1 to "
        "1000000000, found 0.5\n");
}

TEST_CASE("An idle_target's calls must be APIs of the control plane", "[policy-input]") {
  const auto calls = [](const std::string& second) {
    return error_of(scenario(
        idle_target("2", R"(, "create_calls": ["lightsail:CreateInstances", ")" + second + "\"]")));
  };
  CHECK(calls("lightsail:TagResources") ==
        kPolicy +
            "/create_calls/1: expected an API of the control plane (did you mean "
            "\"lightsail:TagResource\"?), found \"lightsail:TagResources\"\n");
  CHECK(calls("lightsail:TagResource") == "no error");
  CHECK(error_of(scenario(idle_target("2", R"(, "delete_call": "nope")"))) ==
        kPolicy + "/delete_call: expected an API of the control plane, found \"nope\"\n");
}

TEST_CASE("Only one controller may scale a component", "[policy-input]") {
  CHECK(error_of(scenario(asg(), "",
                          R"(, "controllers": {"other": {"kind": "idle_target", "drives": "web", )"
                          R"("spare": 2}})")) ==
        kControllers +
            "/other: expected a component no other controller scales, found \"web\", "
            "scaled by \"web.policy\" already\n");
}

TEST_CASE("A policy's mistakes are reported beside its fleet's", "[policy-input]") {
  CHECK(error_of(scenario(R"(, "slots": 0, "policy": {"kind": "asg", "min": 4, "max": 3})")) ==
        kWeb + "/slots: expected an integer from 1 to 65535, found 0\n" + kPolicy +
            "/min: expected at most \"max\" (3), found 4\n");
}

TEST_CASE("Only burstable types take CPU credit settings", "[policy-input]") {
  const std::string c6g = R"("instance_type": "c6g.large")";
  CHECK(error_of(fleet_of(c6g, R"(, "credit_mode": "standard")")) ==
        kWeb +
            "/credit_mode: expected no CPU credit settings for c6g.large, which is not a burstable "
            "type, found \"standard\"\n");
  CHECK(error_of(fleet_of(c6g, R"(, "initial_credits": 5)")) ==
        kWeb +
            "/initial_credits: expected no CPU credit settings for c6g.large, which is not a "
            "burstable type, found 5\n");
  CHECK(error_of(fleet_of(c6g, "")) == "no error");
}

TEST_CASE("A Lightsail bundle has no unlimited credit mode", "[policy-input]") {
  const std::string bundle = R"("lightsail_bundle": "small_3_0")";
  CHECK(error_of(fleet_of(bundle, R"(, "credit_mode": "unlimited")")) ==
        kWeb +
            "/credit_mode: expected \"standard\" for small_3_0, which has no unlimited mode, found "
            "\"unlimited\"\n");
  CHECK(error_of(fleet_of(bundle, R"(, "credit_mode": "standard")")) == "no error");
  CHECK(error_of(scenario(R"(, "credit_mode": "unlimited")")) == "no error");  // t3.small
}

TEST_CASE("Initial credits are at most what the type can accrue", "[policy-input]") {
  CHECK(error_of(scenario(R"(, "initial_credits": 576.5)")) ==
        kWeb +
            "/initial_credits: expected at most the 576 credits t3.small can accrue, found "
            "576.5\n");
  CHECK(error_of(scenario(R"(, "initial_credits": 576)")) == "no error");
  CHECK(
      error_of(fleet_of(R"("lightsail_bundle": "small_3_0")", R"(, "initial_credits": 100000)")) ==
      kWeb +
          "/initial_credits: expected at most the 576 credits small_3_0 can accrue, found "
          "100000\n");
}

TEST_CASE("A fleet's count is at most its max_instances", "[policy-input]") {
  CHECK(error_of(scenario(R"(, "max_instances": 1)")) ==
        kWeb + "/count: expected at most \"max_instances\" (1), found 2\n");
  CHECK(error_of(scenario(R"(, "max_instances": 2)")) == "no error");
}

TEST_CASE("An alb checks health every 5 to 300 seconds", "[policy-input]") {
  const auto interval = [](const std::string& every) {
    return error_of(scenario("", R"(, "health_check": {"interval": ")" + every + "\"}"));
  };
  CHECK(interval("4999ms") ==
        kLb + "/health_check/interval: expected a duration from 5s to 300s, found \"4999ms\"\n");
  CHECK(interval("301s") ==
        kLb + "/health_check/interval: expected a duration from 5s to 300s, found \"301s\"\n");
  CHECK(interval("5s") == "no error");
  CHECK(interval("5m") == "no error");
}

TEST_CASE("An alb's deregistration delay is at most 3600 seconds", "[policy-input]") {
  const auto delay = [](const std::string& d) {
    return error_of(scenario("", R"(, "deregistration_delay": ")" + d + "\""));
  };
  CHECK(delay("3601s") ==
        kLb + "/deregistration_delay: expected a duration from 0s to 3600s, found \"3601s\"\n");
  CHECK(delay("2h") ==
        kLb + "/deregistration_delay: expected a duration from 0s to 3600s, found \"2h\"\n");
  CHECK(delay("3600s") == "no error");
  CHECK(delay("0s") == "no error");
}

TEST_CASE("Three mistakes in a policy, an alb and the run settings give three lines",
          "[policy-input]") {
  std::string text = scenario(asg(R"(, "scheduled": [{"cron": "0 25 * * *", "desired": 2}])"),
                              R"(, "deregistration_delay": "2h")");
  text.replace(text.find("\"horizon\": \"1h\""), 15, "\"horizon\": \"1h\", \"warmup\": \"2h\"");
  CHECK(error_of(text) ==
        "s.json:/warmup: expected a duration shorter than the horizon, found \"2h\"\n" + kLb +
            "/deregistration_delay: expected a duration from 0s to 3600s, found \"2h\"\n" +
            kPolicy + "/scheduled/0/cron: expected an hour from 0 to 23, found \"25\"\n");
}

TEST_CASE("Three mistakes in one asg policy give three lines", "[policy-input]") {
  CHECK(
      error_of(scenario(
          R"(, "policy": {"kind": "asg", "min": 4, "max": 3,
            "target_tracking": [{"metric": "cpu", "target": 50, "scale_inn": false}],
            "scheduled": [{"cron": "0 25 * * *", "desired": 2}]})")) ==
      kPolicy + "/min: expected at most \"max\" (3), found 4\n" + kPolicy +
          "/target_tracking/0/scale_inn: expected a known key (did you mean \"scale_in\"?), found "
          "unknown key \"scale_inn\"\n" +
          kPolicy + "/scheduled/0/cron: expected an hour from 0 to 23, found \"25\"\n");
}

TEST_CASE("run with a bad policy exits 2 and writes no output directory", "[policy-input]") {
  const fs::path dir = test::scratch("bad-policy");
  std::ofstream(dir / "s.json") << scenario(R"(, "policy": {"kind": "asg", "min": 4, "max": 3})");
  const test::Outcome outcome =
      test::scalesim("run " + (dir / "s.json").string() + " -o " + (dir / "out").string(), dir);
  CHECK(outcome.status == 2);
  CHECK(outcome.out.empty());
  CHECK(outcome.err == (dir / "s.json").string() +
                           ":/strategies/0/components/web/policy/min: expected at most \"max\" "
                           "(3), found 4\n");
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("run with an asg policy writes events.csv, the same for any number of jobs",
          "[policy-input]") {
  const fs::path dir = test::scratch("policy-events");
  // Two slots of 100 ms serve 20 requests a second; 40 arrive, so target
  // tracking on CPU at 50% must add instances.
  std::ofstream(dir / "s.json") << R"({"name": "scale", "horizon": "1h", "replications": 2,
  "workload": {"arrivals": {"process": "poisson", "rate": "40/s"}, "service_time": "100ms"},
  "strategies": [{"name": "asg", "components": {
    "web": {"kind": "server_fleet", "instance_type": "c6g.large", "count": 1, "slots": 2,
            "policy": {"kind": "asg", "min": 1, "max": 3,
                       "target_tracking": [{"metric": "cpu", "target": 50}]}}}}]})";
  const std::string run = "run " + (dir / "s.json").string() + " -q -o ";
  REQUIRE(test::scalesim(run + (dir / "one").string() + " --jobs 1", dir).status == 0);
  CHECK(fs::exists(dir / "one" / "results.json"));
  CHECK(fs::exists(dir / "one" / "timeseries.csv"));
  REQUIRE(fs::exists(dir / "one" / "events.csv"));

  const std::string events = test::slurp(dir / "one" / "events.csv");
  const std::vector<std::string> lines = lines_of(events);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[0] == "# scalesim events version 1");
  CHECK(lines[1] == "strategy,replication,time_s,source,what,detail");
  int scale_outs[2] = {0, 0};
  for (size_t i = 2; i < lines.size(); ++i) {
    INFO(lines[i]);
    const std::vector<std::string> fields = csv_fields(lines[i]);
    REQUIRE(fields.size() == 6);
    CHECK(fields[0] == "asg");
    if (fields[4] != "scale_out") continue;
    CHECK(fields[3] == "web.policy");
    CHECK(fields[5].starts_with("desired "));
    REQUIRE((fields[1] == "0" || fields[1] == "1"));
    ++scale_outs[fields[1] == "1"];
  }
  CHECK(scale_outs[0] > 0);
  CHECK(scale_outs[1] > 0);

  REQUIRE(test::scalesim(run + (dir / "two").string() + " --jobs 2", dir).status == 0);
  CHECK(test::slurp(dir / "two" / "events.csv") == events);
}

TEST_CASE(
    "A provisioned concurrency schedule reads its actions and checks them against the "
    "function",
    "[policy-input]") {
  const auto with_policy = [](const std::string& policy, const std::string& fn_extra = "") {
    return R"({"name": "t", "horizon": "1d",
      "workload": {"arrivals": {"process": "poisson", "rate": "1/s"}, "service_time": "100ms"},
      "strategies": [{"name": "a", "components": {
        "fn": {"kind": "lambda_function", "memory_mb": 1536)" +
           fn_extra + R"(, "policy": )" + policy + R"(}}}]})";
  };
  const auto s = app::parse_scenario(with_policy(R"({"kind": "provisioned_schedule", "actions": [
        {"cron": "0 8 * * mon-fri", "provisioned_concurrency": 100},
        {"cron": "0 16 * * mon-fri", "provisioned_concurrency": 0}]})"),
                                     "s.json");
  REQUIRE(s.strategies[0].controllers.size() == 1);
  const auto& c = s.strategies[0].controllers[0];
  CHECK(c.name == "fn.policy");
  CHECK(c.config_as<models::ProvisionedScheduleConfig>().actions.size() == 2);
  CHECK(c.config_as<models::ProvisionedScheduleConfig>().architecture == "x86_64");

  CHECK(error_of(with_policy(R"({"kind": "provisioned_schedule", "actions": [
        {"cron": "0 8 * * mon-fri", "provisioned_concurrency": 100},
        {"cron": "0 25 * * *", "provisioned_concurrency": 10, "amount": 1}]})",
                             R"(, "reserved_concurrency": 50)")) ==
        "s.json:/strategies/0/components/fn/policy/actions/1/cron: expected an hour from 0 to "
        "23, found \"25\"\n"
        "s.json:/strategies/0/components/fn/policy/actions/1/amount: expected one of the keys "
        "cron or provisioned_concurrency, found unknown key \"amount\"\n");
  CHECK(error_of(with_policy(R"({"kind": "provisioned_schedule", "actions": [
        {"cron": "0 8 * * mon-fri", "provisioned_concurrency": 100}]})",
                             R"(, "reserved_concurrency": 50)")) ==
        "s.json:/strategies/0/components/fn/policy/actions/0/provisioned_concurrency: expected at "
        "most the reserved_concurrency (50) of \"fn\", found 100\n");
  // Only a Lambda function has provisioned concurrency.
  CHECK(error_of(scenario(R"(, "policy": {"kind": "provisioned_schedule", "actions": [
        {"cron": "0 8 * * *", "provisioned_concurrency": 1}]})")) ==
        kPolicy +
            ": expected a policy only on a component a provisioned_schedule can scale "
            "(a lambda_function), found one on \"web\", a server_fleet\n");
}

TEST_CASE(
    "A provisioned concurrency target tracking policy reads its bounds and target and checks "
    "them against the function",
    "[policy-input]") {
  const auto with_policy = [](const std::string& policy, const std::string& fn_extra = "") {
    return R"({"name": "t", "horizon": "1d",
      "workload": {"arrivals": {"process": "poisson", "rate": "1/s"}, "service_time": "100ms"},
      "strategies": [{"name": "a", "components": {
        "fn": {"kind": "lambda_function", "memory_mb": 1536, "architecture": "arm64")" +
           fn_extra + R"(, "policy": )" + policy + R"(}}}]})";
  };
  const std::string kFn = "s.json:/strategies/0/components/fn/policy";
  const auto s =
      app::parse_scenario(with_policy(R"({"kind": "provisioned_target_tracking", "min_capacity": 10,
        "max_capacity": 200, "scale_in_cooldown": "5m"})"),
                          "s.json");
  REQUIRE(s.strategies[0].controllers.size() == 1);
  const auto& c = s.strategies[0].controllers[0];
  CHECK(c.name == "fn.policy");
  const auto& config = c.config_as<models::ProvisionedTargetTrackingConfig>();
  CHECK(config.min_capacity == 10);
  CHECK(config.max_capacity == 200);
  CHECK(config.target == 0.7);
  CHECK(config.scale_in_factor == 0.9);
  CHECK(!config.disable_scale_in);
  CHECK(config.scale_out_cooldown == sim::Duration());
  CHECK(config.scale_in_cooldown == sim::Duration::minutes(5));
  CHECK(config.metric_delay == sim::Duration::minutes(1));
  CHECK(config.architecture == "arm64");

  CHECK(error_of(with_policy(R"({"kind": "provisioned_target_tracking", "min_capacity": 10,
        "max_capacity": 100})",
                             R"(, "reserved_concurrency": 50)")) ==
        kFn +
            "/max_capacity: expected at most the reserved_concurrency (50) of \"fn\", found "
            "100\n");
  CHECK(error_of(with_policy(R"({"kind": "provisioned_target_tracking", "min_capacity": 1,
        "max_capacity": 1000})")) ==
        kFn +
            "/max_capacity: expected at most the account_concurrency less the 100 AWS keeps "
            "unreserved (900) of \"fn\", found 1000\n");
  CHECK(error_of(with_policy(R"({"kind": "provisioned_target_tracking", "min_capacity": 20,
        "max_capacity": 10})")) ==
        kFn + "/min_capacity: expected at most \"max_capacity\" (10), found 20\n");
  CHECK(error_of(with_policy(R"({"kind": "provisioned_target_tracking", "min_capacity": 1,
        "max_capacity": 10, "target": 70, "scale_in_factor": 0})")) ==
        kFn + "/target: expected a number from 0.1 to 0.9, found 70\n" + kFn +
            "/scale_in_factor: expected a number above 0 up to 1, found 0\n");
  CHECK(error_of(with_policy(R"({"kind": "provisioned_target_tracking", "max_capacity": 10,
        "cooldown": "1m"})")) ==
        kFn + "/min_capacity: expected an integer from 0 to 1000000, found nothing\n" + kFn +
            "/cooldown: expected one of the keys description, disable_scale_in, kind, "
            "max_capacity, metric_delay, min_capacity, scale_in_cooldown, scale_in_factor, "
            "scale_out_cooldown or target, found unknown key \"cooldown\"\n");
  // Only a Lambda function has provisioned concurrency.
  CHECK(error_of(scenario(R"(, "policy": {"kind": "provisioned_target_tracking",
        "min_capacity": 1, "max_capacity": 10})")) ==
        kPolicy +
            ": expected a policy only on a component a provisioned_target_tracking can scale "
            "(a lambda_function), found one on \"web\", a server_fleet\n");
}
