// Sweeps: how a sweep block becomes points, what it refuses, and what a sweep
// run reports.
#include <catch2/catch.hpp>
#include <fstream>

#include "../models/harness.h"
#include "app/experiment/experiment.h"
#include "app/experiment/metric_probe.h"
#include "app/experiment/sweep_runner.h"
#include "app/output/outputs.h"
#include "app/scenario/input_error.h"
#include "app/scenario/loader.h"
#include "binary.h"
#include "models/compute/server_fleet.h"

namespace {

// A fleet of `count` m5.large instances of 2 slots behind an ALB, and a Lambda
// function the sweeps below never touch.
std::string scenario(const std::string& sweep, const std::string& extra = "") {
  return R"({
  "name": "sweep-test", "horizon": "10m", "warmup": "1m", "seed": 5, "replications": 3,
  "workload": { "arrivals": { "process": "poisson", "rate": "20/s" },
                "service_time": { "distribution": "exponential", "mean": "100ms" } },
  "strategies": [
    { "name": "fleet", "components": {
        "lb": { "kind": "alb", "next": "web" },
        "web": { "kind": "server_fleet", "instance_type": "m5.large", "count": 2, "slots": 2 } } },
    { "name": "lambda", "components": {
        "api": { "kind": "api_gateway", "next": "fn" },
        "fn": { "kind": "lambda_function", "memory_mb": 512 } } }
  ])" + extra +
         (sweep.empty() ? "" : ",\n  \"sweep\": " + sweep) + "\n}\n";
}

std::filesystem::path write(const std::filesystem::path& dir, const std::string& name,
                            const std::string& text) {
  std::ofstream(dir / name) << text;
  return dir / name;
}

app::Experiment load(const std::string& text, const app::ExperimentOverrides& overrides = {}) {
  const auto dir = test::scratch("sweep-load");
  return app::load_experiment_file(write(dir, "s.json", text).string(), overrides);
}

std::string error_of(const std::string& text, const app::ExperimentOverrides& overrides = {}) {
  try {
    load(text, overrides);
  } catch (const app::InputError& e) {
    std::string message = e.what();
    // The scratch directory's name varies with the process; the file's does not.
    const std::string dir = test::scratch("sweep-load").string() + "/";
    for (size_t at = message.find(dir); at != std::string::npos; at = message.find(dir))
      message.erase(at, dir.size());
    return message;
  }
  return "no error";
}

uint32_t fleet_count(const app::Experiment& e, size_t point) {
  return e.points[point]
      .scenario.strategies[0]
      .components[1]
      .config_as<models::ServerFleetConfig>()
      .count;
}

}  // namespace

TEST_CASE("A list of values makes one point per value, in order, each a scenario of its own",
          "[sweep]") {
  const auto e = load(scenario(R"({"parameters": [
      {"pointer": "/strategies/0/components/web/count", "values": [1, 3, 5]}]})"));
  REQUIRE(e.points.size() == 3);
  CHECK(fleet_count(e, 0) == 1);
  CHECK(fleet_count(e, 1) == 3);
  CHECK(fleet_count(e, 2) == 5);
  CHECK(e.parameters[0].name == "count");
  CHECK(e.label(1) == "count=3");
}

TEST_CASE("A range runs from `from` to `to` by `step`, in whole numbers when all three are",
          "[sweep]") {
  const auto e = load(scenario(R"({"parameters": [
      {"pointer": "/strategies/0/components/web/count", "from": 2, "to": 8, "step": 3}]})"));
  CHECK(e.parameters[0].values == std::vector<std::string>{"2", "5", "8"});
  const auto f = load(scenario(R"({"parameters": [
      {"pointer": "/workload/arrivals/scale", "name": "traffic", "from": 0.1, "to": 0.3, "step": 0.1}]})"));
  CHECK(f.parameters[0].values == std::vector<std::string>{"0.1", "0.2", "0.3"});
}

TEST_CASE("Two parameters make a grid, the first varying slowest: zip takes them together",
          "[sweep]") {
  const std::string params = R"("parameters": [
      {"pointer": "/strategies/0/components/web/count", "values": [1, 2]},
      {"pointer": "/strategies/0/components/web/slots", "values": [3, 4]}])";
  const auto grid = load(scenario("{" + params + "}"));
  REQUIRE(grid.points.size() == 4);
  CHECK(grid.label(0) == "count=1, slots=3");
  CHECK(grid.label(1) == "count=1, slots=4");
  CHECK(grid.label(2) == "count=2, slots=3");
  const auto zip = load(scenario("{" + params + R"(, "mode": "zip"})"));
  REQUIRE(zip.points.size() == 2);
  CHECK(zip.label(1) == "count=2, slots=4");
}

TEST_CASE("One parameter may set several pointers to the same value", "[sweep]") {
  const auto e = load(scenario(R"({"parameters": [{"name": "n", "values": [3], "pointer": [
      "/strategies/0/components/web/count", "/strategies/0/components/web/slots"]}]})"));
  const auto& fleet =
      e.points[0].scenario.strategies[0].components[1].config_as<models::ServerFleetConfig>();
  CHECK(fleet.count == 3);
  CHECK(fleet.slots == 3);
}

TEST_CASE("A strategy the sweep does not touch is one run, shown once, at every point", "[sweep]") {
  const auto e = load(scenario(R"({"parameters": [
      {"pointer": "/strategies/0/components/web/count", "values": [1, 2, 3]}]})"));
  CHECK(e.varied(0));
  CHECK_FALSE(e.varied(1));
  CHECK(e.same_run_as[2][0] == 2);
  CHECK(e.same_run_as[2][1] == 0);
  CHECK(app::first_round_units(e, {}).size() == 4);  // 3 fleet runs and 1 Lambda run
}

TEST_CASE("An experiment file names its scenario, relative to itself", "[sweep]") {
  const auto dir = test::scratch("sweep-experiment");
  std::filesystem::create_directories(dir / "in");
  write(dir / "in", "base.json", scenario(""));
  const auto file = write(dir, "exp.json", R"({"scenario": "in/base.json", "sweep": {
      "parameters": [{"pointer": "/strategies/0/components/web/count", "values": [4, 6]}]}})");
  const auto e = app::load_experiment_file(file.string());
  CHECK(e.scenario_file == (dir / "in" / "base.json").string());
  CHECK(fleet_count(e, 1) == 6);
}

TEST_CASE("Bad sweeps are refused with the file and pointer, before anything runs", "[sweep]") {
  CHECK(error_of(scenario(R"({"parameters": [{"pointer": "/strategies/0/components/wbe/count",
      "values": [1]}]})")) ==
        "s.json:/sweep/parameters/0/pointer: expected a pointer to a value the scenario has, or "
        "to a key of an object it has, found \"/strategies/0/components/wbe/count\"\n");
  // A key the object may have: the loader judges it, at the sweep's value.
  CHECK(error_of(scenario(R"({"parameters": [{"pointer": "/strategies/0/components/web/cont",
      "values": [1]}]})")) ==
        "s.json:/sweep/parameters/0/values/0: the scenario rejects this value: at sweep point 0 "
        "(cont=1), s.json:/strategies/0/components/web/cont: expected a known key (did you mean "
        "\"count\"?), found unknown key \"cont\"\n");
  CHECK(error_of(scenario(R"({"parameters": [{"pointer": "/horizon", "values": ["1h"]}]})")) ==
        "s.json:/sweep/parameters/0/pointer: expected a pointer to a value of the workload, "
        "strategies or pricing, found \"/horizon\"\n");
  CHECK(error_of(scenario(R"({"parameters": [{"pointer": "strategies/0", "values": [1]}]})")) ==
        "s.json:/sweep/parameters/0/pointer: expected a JSON pointer such as "
        "\"/strategies/0/components/1/count\", found \"strategies/0\"\n");
  CHECK(error_of(scenario(R"({"parameters": [{"pointer": "/strategies/0/components/web/count",
      "values": [1], "from": 1}]})")) ==
        "s.json:/sweep/parameters/0/from: expected either \"values\" or a range, found both\n");
  CHECK(error_of(scenario(R"({"parameters": [{"pointer": "/strategies/0/components/web/count",
      "from": 1, "to": 5000, "step": 1}]})")) ==
        "s.json:/sweep/parameters/0/to: expected a value at least \"from\", at most 1000 steps "
        "above it, found 5000\n");
}

TEST_CASE("A swept value the scenario would refuse is told at the sweep's value, with the point",
          "[sweep]") {
  CHECK(error_of(scenario(R"({"parameters": [{"pointer": "/strategies/0/components/web/count",
      "values": [2, -1, 0.5]}]})")) ==
        "s.json:/sweep/parameters/0/values/1: the scenario rejects this value: at sweep point 1 "
        "(count=-1), s.json:/strategies/0/components/web/count: expected an integer from 1 to "
        "100000, found -1\n"
        "s.json:/sweep/parameters/0/values/2: the scenario rejects this value: at sweep point 2 "
        "(count=0.5), s.json:/strategies/0/components/web/count: expected an integer from 1 to "
        "100000, found 0.5\n");
}

TEST_CASE("An SLO on a metric no strategy reports, or one badly written, is refused", "[sweep]") {
  const std::string sweep = R"({"parameters": [
      {"pointer": "/strategies/0/components/web/count", "values": [1, 2]}], "slo": "latncy.p99<800"})";
  CHECK(error_of(scenario(sweep)) ==
        "s.json:/sweep/slo: expected an SLO on a metric the strategies report (docs/outputs.md), "
        "found \"latncy.p99\"\n");
  app::ExperimentOverrides flag;
  flag.slo = "errors<";
  CHECK(error_of(scenario(""), flag) ==
        "scalesim: --slo: expected a percentage such as 0.1% or a ratio such as 0.001 for "
        "rate.error, found \"\"\n");
  flag.slo = "lambda.cold_start_rate<1%, capacity.utilisation>50%";
  CHECK(error_of(scenario(""), flag) == "no error");  // each reported by one strategy
}

TEST_CASE("A sweep runs each distinct run once and names the points it varies", "[sweep]") {
  auto e = load(scenario(R"({"parameters": [
      {"pointer": "/strategies/0/components/web/count", "values": [1, 2]}]})"));
  const app::SweepResult sweep = app::run_sweep(e, {}, {});
  REQUIRE(sweep.result.strategies.size() == 3);
  CHECK(sweep.result.strategies[0].name == "fleet [count=1]");
  CHECK(sweep.result.strategies[1].name == "fleet [count=2]");
  CHECK(sweep.result.strategies[2].name == "lambda");
  CHECK(sweep.result.strategies[2].point == std::nullopt);
  CHECK(sweep.selections.empty());
}

TEST_CASE("A sweep's results are the same for any number of threads", "[sweep]") {
  const auto e = load(scenario(R"({"parameters": [
      {"pointer": "/strategies/0/components/web/count", "values": [1, 2]}],
      "slo": "latency.p99<300ms"})"));
  app::RunOptions one;
  app::RunOptions three;
  three.jobs = 3;
  const std::string a = app::render_results_json(e, app::run_sweep(e, {}, one));
  const std::string b = app::render_results_json(e, app::run_sweep(e, {}, three));
  CHECK(a == b);
  CHECK(a.find("\"sweep\": {") != std::string::npos);
}

TEST_CASE("The SLO search finds the cheapest M/M/c that Erlang C says waits rarely enough",
          "[sweep]") {
  // One instance with c slots is an M/M/c queue; each slot also costs a 10 USD
  // a month licence, so cost rises with c and the cheapest c that meets
  // "P(wait) < 19%" is the smallest with Erlang C below it.
  const double a = 8;  // 8 requests/s of 1 s mean service
  const double threshold = 0.19;
  const std::string text = R"({
  "name": "mmc-slo", "horizon": "1h", "warmup": "5m", "seed": 11, "replications": 5,
  "workload": { "arrivals": { "process": "poisson", "rate": "8/s" },
                "service_time": { "distribution": "exponential", "mean": "1s" } },
  "strategies": [ { "name": "mmc",
      "components": { "web": { "kind": "server_fleet", "instance_type": "m5.large", "count": 1,
                               "slots": 9, "queue": { "capacity": 100000 } } },
      "controllers": { "seats": { "kind": "fixed_cost", "usd": 90, "per": "month" } } } ],
  "sweep": { "mode": "zip", "slo": "wait.probability<19%", "parameters": [
      { "name": "c", "pointer": "/strategies/0/components/web/slots", "from": 9, "to": 15, "step": 1 },
      { "name": "licence", "pointer": "/strategies/0/controllers/seats/usd", "from": 90, "to": 150, "step": 10 } ] }
})";
  const auto e = load(text);
  const app::SweepResult sweep = app::run_sweep(e, {}, {});
  REQUIRE(sweep.selections.size() == 1);
  const app::Selection& s = sweep.selections[0].selection;
  int expected = 9;
  while (test::erlang_c(expected, a) >= threshold) ++expected;
  REQUIRE(expected == 12);
  REQUIRE(s.winner);
  CHECK(e.points[sweep.entry_point[sweep.selections[0].over.entries[*s.winner]]].choice[0] ==
        static_cast<size_t>(expected - 9));
  CHECK(s.decided);
  CHECK(s.verdicts[expected - 10].status == app::CandidateStatus::kFails);
  CHECK(s.verdicts[expected - 8].status == app::CandidateStatus::kMeets);
}

TEST_CASE("An SLO too close to call adds replications, round by round, up to the budget",
          "[sweep]") {
  // Erlang C puts c = 11 at 24.5%, a hair under 25%: no budget of a few
  // replications decides it, and it is cheaper than c = 12, which clearly meets.
  const std::string text = R"({
  "name": "mmc-close", "horizon": "30m", "warmup": "5m", "seed": 3, "replications": 5,
  "workload": { "arrivals": { "process": "poisson", "rate": "8/s" },
                "service_time": { "distribution": "exponential", "mean": "1s" } },
  "strategies": [ { "name": "mmc",
      "components": { "web": { "kind": "server_fleet", "instance_type": "m5.large", "count": 1,
                               "slots": 11, "queue": { "capacity": 100000 } } },
      "controllers": { "seats": { "kind": "fixed_cost", "usd": 110, "per": "month" } } } ],
  "sweep": { "mode": "zip", "slo": "wait.probability<25%", "max_replications": 20, "parameters": [
      { "name": "c", "pointer": "/strategies/0/components/web/slots", "values": [11, 12] },
      { "name": "licence", "pointer": "/strategies/0/controllers/seats/usd", "values": [110, 120] } ] }
})";
  const auto experiment = load(text);
  const app::SweepResult sweep = app::run_sweep(experiment, {}, {});
  const app::Selection& s = sweep.selections[0].selection;
  CHECK(sweep.rounds == 3);  // 5, 10, then 20 replications
  CHECK(sweep.result.strategies[0].replications == 20);
  CHECK(s.verdicts[0].status == app::CandidateStatus::kUndecided);
  CHECK_FALSE(s.decided);
  REQUIRE(s.winner == 1u);
  CHECK(app::verdict_text(s, {"c=11", "c=12"}, experiment.selection) ==
        "c=12 is the cheapest shown to meet the SLO; 1 candidate still open at the budget of 20 "
        "replications");
}

TEST_CASE("scalesim run on a sweep prints each strategy's points and writes the sweep", "[sweep]") {
  const auto dir = test::scratch("sweep-cli");
  const auto file = write(dir, "s.json", scenario(R"({"parameters": [
      {"pointer": "/strategies/0/components/web/count", "values": [1, 2]}]})"));
  const auto validated = test::scalesim("validate " + file.string(), dir);
  CHECK(validated.status == 0);
  CHECK(validated.out.find(": ok (2 strategies at 2 sweep points; a run simulates about") !=
        std::string::npos);
  const auto run = test::scalesim(
      "run -q " + file.string() + " --slo 'latency.p99<2s' -o " + (dir / "out").string(), dir);
  REQUIRE(run.status == 0);
  CHECK(run.out.find("\nfleet\n  point     replications") != std::string::npos);
  CHECK(run.out.find("\nAcross strategies\n") != std::string::npos);
  const std::string results = test::slurp(dir / "out" / "results.json");
  CHECK(results.find("\"name\": \"fleet [count=2]\"") != std::string::npos);
  CHECK(results.find("\"text\": \"latency.p99<2s\"") != std::string::npos);
  const auto bad = test::scalesim("run -q " + file.string() + " --slo 'p99.9<2s'", dir);
  CHECK(bad.status == 2);
  CHECK(bad.err ==
        "scalesim: --slo: expected an SLO on a metric the strategies report (docs/outputs.md), "
        "found \"p99.9\"\n");
}

TEST_CASE("The metric probe lists exactly what a run of each shipped strategy reports", "[sweep]") {
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(SCALESIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".json") continue;
    models::Scenario s = app::load_scenario_file(entry.path().string());
    s.horizon = std::min(s.horizon, sim::Duration::minutes(20));
    s.warmup = sim::Duration();
    s.interval = std::min(s.interval, s.horizon);
    for (size_t i = 0; i < s.strategies.size(); ++i) {
      INFO(entry.path().filename().string() << ", strategy " << s.strategies[i].name);
      std::vector<std::string> ran;
      for (const models::Metric& m : models::StrategyRun(s, i, 0).finish().metrics)
        ran.push_back(m.name);
      CHECK(app::reported_metrics(s, i) == ran);
    }
  }
}
