// scalesim dry-run: CloudWatch metric exports in, a policy replayed against them
// (app/dryrun/, models/dryrun/). Decisions, capacity and cost are checked at the
// instants the rules imply, worked out by hand in the comments.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "app/dryrun/dry_run.h"
#include "app/dryrun/metric_history.h"
#include "app/experiment/experiment.h"
#include "app/runner.h"
#include "app/scenario/input_error.h"
#include "app/scenario/loader.h"
#include "binary.h"

namespace fs = std::filesystem;

namespace {

std::string source(const std::string& relative) {
  return std::string(SCALESIM_SOURCE_DIR) + "/" + relative;
}

const std::string kScenario = source("tests/data/metrics/dry-run.json");
const std::string kHistory = source("tests/data/metrics/cpu-step.json");

// The message of the InputError reading `text` as a history gives.
std::string history_error(const std::string& text, const std::optional<std::string>& name = {}) {
  try {
    app::parse_metric_history(text, "m", name);
  } catch (const app::InputError& e) {
    return e.what();
  }
  return "no error";
}

// Four datapoints a minute apart, newest first as GetMetricData returns them.
const std::string kJson = R"({"MetricDataResults": [
  {"Id": "m1", "Label": "CPUUtilization", "StatusCode": "Complete",
   "Timestamps": ["2026-11-17T09:05:00Z", "2026-11-17T09:02:00Z", "2026-11-17T09:01:00Z",
                  "2026-11-17T09:00:00+00:00"],
   "Values": [40, 30, 20, 10]},
  {"Id": "m2", "Label": "RequestCount", "StatusCode": "Complete",
   "Timestamps": ["2026-11-17T09:00:00Z"], "Values": [5]}]})";

struct Replay {
  app::DryRunPlan plan;
  app::ExperimentResult result;
};

Replay replay(const std::string& strategy, const std::string& history_file = kHistory,
              const std::optional<std::string>& metric = std::string("cpu")) {
  const app::Experiment experiment = app::load_experiment_file(kScenario);
  const app::MetricSeries history = app::read_metric_history(history_file, metric);
  app::DryRunOptions options;
  options.strategies = {strategy};
  Replay out{app::plan_dry_run(experiment.base(), kScenario, history, options), {}};
  out.result = app::run_dry_run(out.plan);
  return out;
}

// "time what detail" of each event of `source`, in order.
std::vector<std::string> events_of(const app::StrategySummary& strategy, const std::string& from) {
  std::vector<std::string> out;
  for (const models::LoggedEvent& e : strategy.logs.front()) {
    if (e.source == from)
      out.push_back(std::to_string(e.at.us() / 1000) + "ms " + e.what + " " + e.detail);
  }
  return out;
}

// A column of the time series that must be there.
const std::vector<double>& series(const app::StrategySummary& strategy, const std::string& name) {
  for (const models::SeriesColumn& column : strategy.mean_series) {
    if (column.name == name) return column.values;
  }
  FAIL("no column " << name);
  throw;
}

double metric(const app::StrategySummary& strategy, const std::string& name) {
  for (const app::MetricSummary& m : strategy.metrics) {
    if (m.name == name) return m.estimate.mean;
  }
  FAIL("no metric " << name);
  return 0;
}

// m5.large in the us-east-1 book: 0.096 USD an hour, billed per second.
constexpr double kPerSecond = 0.096 / 3600;

}  // namespace

TEST_CASE("GetMetricData JSON: sorted oldest first, the period inferred, gaps found") {
  const app::MetricSeries s = app::parse_metric_history(kJson, "m", std::string("m1"));
  CHECK(s.name == "CPUUtilization");
  CHECK(s.period_us == 60'000'000);
  CHECK(s.date_times);
  REQUIRE(s.values.size() == 6);
  CHECK(s.values[0] == 10);
  CHECK(s.values[1] == 20);
  CHECK(s.values[2] == 30);
  CHECK(!s.values[3]);
  CHECK(!s.values[4]);
  CHECK(s.values[5] == 40);
  REQUIRE(s.gaps.size() == 1);
  CHECK(s.gaps[0].periods == 2);
  CHECK(s.gaps[0].from_us - s.start_us == 180'000'000);
  // By Label too.
  CHECK(app::parse_metric_history(kJson, "m", std::string("RequestCount")).values.size() == 1);
}

TEST_CASE("GetMetricData JSON: every problem is named at its JSON pointer") {
  CHECK(history_error(kJson) ==
        "m:/MetricDataResults: expected one result, or --metric naming one of the Ids \"m1\" or "
        "\"m2\", found 2 results\n");
  CHECK(history_error(kJson, std::string("m3")) ==
        "m:/MetricDataResults: expected a result whose Id or Label is \"m3\", found Ids \"m1\" "
        "or \"m2\"\n");
  CHECK(history_error(R"({"MetricDataResults": [{"Id": "a", "StatusCode": "PartialData",
      "Timestamps": ["2026-11-17T09:00:00Z", "yesterday"], "Values": [1, "x"]}]})") ==
        "m:/MetricDataResults/0/StatusCode: expected \"Complete\", found \"PartialData\" (fetch "
        "every page, following NextToken, and merge them)\n");
  CHECK(history_error(R"({"MetricDataResults": [{"Id": "a",
      "Timestamps": ["2026-11-17T09:00:00Z"], "Values": [1, 2]}]})") ==
        "m:/MetricDataResults/0/Values: expected as many values as Timestamps (1), found 2\n");
  CHECK(history_error(R"({"Datapoints": []})") ==
        "m: expected GetMetricData output, an object with a MetricDataResults array, found an "
        "object\n");
  CHECK(history_error(R"({"MetricDataResults": [{"Id": "a", "Timestamps": [
      "2026-11-17T09:00:00Z", "2026-11-17T09:02:00Z", "2026-11-17T09:03:30Z"],
      "Values": [1, 2, 3]}]})") ==
        "m:/MetricDataResults/0/Timestamps/1: expected timestamps on one grid of 90s steps from "
        "2026-11-17T09:00:00Z, found 2026-11-17T09:02:00Z\n"
        "m:/MetricDataResults/0/Timestamps/2: expected timestamps on one grid of 90s steps from "
        "2026-11-17T09:00:00Z, found 2026-11-17T09:03:30Z\n");
}

TEST_CASE("CSV: a header names the columns, and an empty cell is a period without data") {
  const std::string csv =
      "Timestamp,CPUUtilization,RequestCount\n"
      "# a comment\n"
      "2026-11-17 09:00:00,10,100\n"
      "2026-11-17 09:05:00,,200\n"
      "2026-11-17 09:10:00,30,\n"
      "2026-11-17 09:15:00,40,400\n";
  const app::MetricSeries cpu = app::parse_metric_history(csv, "m", std::string("CPUUtilization"));
  CHECK(cpu.name == "CPUUtilization");
  CHECK(cpu.period_us == 300'000'000);
  REQUIRE(cpu.values.size() == 4);
  CHECK(!cpu.values[1]);
  CHECK(cpu.gaps.size() == 1);
  const app::MetricSeries requests =
      app::parse_metric_history(csv, "m", std::string("RequestCount"));
  CHECK(requests.values[2] == std::nullopt);
  CHECK(requests.values[3] == 400);
  // timestamp,value without a header; seconds rather than date-times.
  const app::MetricSeries plain = app::parse_metric_history("0,5\n60,6\n120,7\n", "m", {});
  CHECK(plain.name == "value");
  CHECK(!plain.date_times);
  CHECK(plain.values.size() == 3);
}

TEST_CASE("CSV: bad lines are named with the file and line") {
  CHECK(history_error("Timestamp,CPUUtilization\n"
                      "2026-11-17T09:00:00Z,10\n"
                      "2026-11-17T09:01:00Z,ten\n"
                      "later,12\n"
                      "2026-11-17T09:03:00Z,1,2\n"
                      "2026-11-17T09:03:00Z,13\n") ==
        "m:3: expected a number in column \"CPUUtilization\", found \"ten\"\n"
        "m:4: expected a timestamp (an ISO 8601 date-time such as 2026-11-17T09:00:00Z, or "
        "seconds), found \"later\"\n"
        "m:5: expected 2 fields, found 3\n");
  CHECK(history_error("t,a,b\n0,1,2\n") ==
        "m:2: expected one value column, or --metric naming one of \"a\" or \"b\"\n");
  CHECK(history_error("0,1\n60,2\n60,3\n") ==
        "m:3: expected one datapoint per timestamp, found a "
        "second at 60s\n");
  CHECK(history_error("t,v\n") == "m: expected at least one datapoint, found none\n");
}

TEST_CASE("Dry run, target tracking: CPU 30% for an hour then 90% scales out at 64 min") {
  const Replay r = replay("target tracking");
  REQUIRE(r.result.strategies.size() == 1);
  const app::StrategySummary& s = r.result.strategies.front();
  // The 90% of 10:00-10:01 is published at 10:02; AlarmHigh (3 of 3 above 50)
  // goes into ALARM with the third, published at 10:04 (3840 s). Desired becomes
  // ceil(2 x 90 / 50) = 4. The group's reconciliation at 3840 s calls
  // RunInstances, answered 1.5 s later; the instances boot for 60 s.
  CHECK(events_of(s, "web.policy") ==
        std::vector<std::string>{"3840000ms scale_out desired 2 -> 4, target tracking"});
  CHECK(events_of(s, "web") ==
        std::vector<std::string>{"3841500ms launch i-2", "3841500ms launch i-3",
                                 "3901500ms in_service i-2", "3901500ms in_service i-3"});
  // AlarmLow (15 of 15 below 35) fired when the 15th datapoint of 30% was
  // published, at 16 min, and cleared with the first 90%; AlarmHigh cleared when
  // 10:05's datapoint averaged 90% for 1.5 s and 45% for 58.5 s over the two
  // instances past warm-up: 46.125.
  const std::vector<std::string> alarms = events_of(s, "web.alarms");
  REQUIRE(alarms.size() == 4);
  CHECK(
      alarms[0].starts_with("960000ms alarm web.policy target_tracking[0] AlarmLow: "
                            "INSUFFICIENT_DATA -> ALARM, cpu 30"));
  CHECK(
      alarms[1].starts_with("3720000ms alarm web.policy target_tracking[0] AlarmLow: ALARM -> OK"));
  CHECK(alarms[2].starts_with(
      "3840000ms alarm web.policy target_tracking[0] AlarmHigh: OK -> ALARM"));
  CHECK(alarms[3].starts_with(
      "4020000ms alarm web.policy target_tracking[0] AlarmHigh: ALARM -> OK, cpu 46.12"));
  CHECK(metric(s, "controller.web.alarms.alarms_fired") == 2);
  CHECK(metric(s, "component.web.instances_peak") == 4);
  // Two instances for 7200 s, two more from 3841.5 s.
  const double seconds = 2 * 7200 + 2 * (7200 - 3841.5);
  CHECK(metric(s, "fleet.instance_hours") == Approx(seconds / 3600).epsilon(1e-12));
  CHECK(metric(s, "cost.total_usd") == Approx(seconds * kPerSecond).epsilon(1e-12));
  // The metric as the policy saw it: each instance's CPU, 90% until the new
  // ones serve, then 1.8 instances of load over 4: 45%.
  const std::vector<double>& cpu = series(s, "replayed_cpu");
  REQUIRE(cpu.size() == 24);
  CHECK(cpu[0] == 30);
  CHECK(cpu[12] == 90);                                     // 10:00-10:05
  CHECK(cpu[13] == Approx((1.5 * 90 + 298.5 * 45) / 300));  // 10:05-10:10
  CHECK(cpu[23] == 45);
}

TEST_CASE("Dry run, step scaling: two periods above 60% add three instances") {
  const Replay r = replay("step");
  const app::StrategySummary& s = r.result.strategies.front();
  // 90% is 30 above the threshold: the step from 20 up adds 3 to the 2 counted.
  // The alarm (2 of 2) fires with 10:01's datapoint, published at 10:03.
  CHECK(events_of(s, "web.policy") ==
        std::vector<std::string>{"3780000ms scale_out desired 2 -> 5, step scaling on cpu 90"});
  const double seconds = 2 * 7200 + 3 * (7200 - 3781.5);
  CHECK(metric(s, "cost.total_usd") == Approx(seconds * kPerSecond).epsilon(1e-12));
  CHECK(metric(s, "controller.web.alarms.alarms_fired") == 1);
}

TEST_CASE("Dry run, scheduled actions: desired 4 at 09:30 UTC, 2 at 10:00") {
  const Replay r = replay("scheduled");
  const app::StrategySummary& s = r.result.strategies.front();
  CHECK(events_of(s, "web.policy") ==
        std::vector<std::string>{"1800000ms scheduled desired 2 -> 4, min 2, max 10",
                                 "3600000ms scheduled desired 4 -> 2, min 2, max 10"});
  // Launched when RunInstances answers (1.5 s); ended when TerminateInstances
  // answers, after a latency drawn from the control plane's stream. An instance
  // that stopped is billed its seconds rounded up (ec2_billed_hours).
  std::vector<double> ended;
  for (const models::LoggedEvent& e : s.logs.front()) {
    if (e.source == "web" && e.what == "ended") ended.push_back(e.at.seconds());
  }
  REQUIRE(ended.size() == 2);
  CHECK(ended[0] > 3600);
  CHECK(ended[0] < 3610);
  const double seconds = 2 * 7200 + std::ceil(ended[0] - 1801.5) + std::ceil(ended[1] - 1801.5);
  CHECK(metric(s, "cost.total_usd") == Approx(seconds * kPerSecond).epsilon(1e-12));
  CHECK(metric(s, "controller.web.alarms.alarms_fired") == 0);
}

TEST_CASE("Dry run: the CSV export replays as the JSON one does") {
  const Replay json = replay("target tracking");
  const Replay csv = replay("target tracking", source("tests/data/metrics/cpu-step.csv"),
                            std::string("CPUUtilization"));
  CHECK(events_of(csv.result.strategies.front(), "web.policy") ==
        events_of(json.result.strategies.front(), "web.policy"));
  CHECK(metric(csv.result.strategies.front(), "cost.total_usd") ==
        metric(json.result.strategies.front(), "cost.total_usd"));
}

TEST_CASE("Dry run: a policy on a metric the history lacks is refused at its pointer") {
  const app::Experiment experiment = app::load_experiment_file(kScenario);
  const app::MetricSeries requests =
      app::read_metric_history(kHistory, std::string("RequestCount"));
  try {
    app::plan_dry_run(experiment.base(), "s.json", requests, {{}, {}, {"target tracking"}});
    FAIL("no error");
  } catch (const app::InputError& e) {
    CHECK(std::string(e.what()) ==
          "s.json:/strategies/0/components/web/policy/target_tracking/0/metric: expected a "
          "policy on a metric the history gives (request_count), found one on cpu\n");
  }
  // The scheduled actions need no metric: any history drives them.
  CHECK(app::plan_dry_run(experiment.base(), "s.json", requests, {{}, {}, {"scheduled"}})
            .replayed.size() == 1);
}

TEST_CASE("Dry run: request counts per target spread over the targets in service") {
  // 1,000 requests a minute per target on 2 targets: 2,000 a minute in all.
  // Tracking 500 per target asks for ceil(2 x 1000 / 500) = 4 instances.
  const std::string scenario = R"({
    "name": "per-target", "horizon": "1h", "interval": "1m",
    "workload": { "arrivals": { "process": "poisson", "rate": "1/s" }, "service_time": "10ms" },
    "strategies": [ { "name": "rcpt", "components": {
      "lb": { "kind": "alb", "next": "web" },
      "web": { "kind": "server_fleet", "instance_type": "m5.large", "count": 2, "boot_time": "30s",
               "policy": { "kind": "asg", "min": 2, "max": 8, "instance_warmup": "0s",
                           "target_tracking": [ { "metric": "request_count_per_target",
                                                  "target": 500, "scale_in": false } ] } } } } ],
    "pricing": { "region": "us-east-1" } })";
  const models::Scenario loaded = app::parse_scenario(scenario, "s.json");
  const app::MetricSeries history = app::parse_metric_history(
      "t,RequestCountPerTarget\n0,1000\n60,1000\n120,1000\n180,1000\n240,1000\n300,1000\n"
      "360,1000\n420,1000\n480,1000\n540,1000\n",
      "m", {});
  const app::DryRunPlan plan = app::plan_dry_run(loaded, "s.json", history, {});
  CHECK(plan.kind == models::HistoryKind::kRequestCountPerTarget);
  CHECK(plan.notes.front() ==
        "\"rcpt\": left out lb (alb): not simulated, nor billed; its "
        "health checks still delay new instances");
  const app::ExperimentResult result = app::run_dry_run(plan);
  const app::StrategySummary& s = result.strategies.front();
  // Datapoints of minutes 0, 1, 2 are published at 2, 3 and 4 min: AlarmHigh at 240 s.
  CHECK(events_of(s, "web.policy") ==
        std::vector<std::string>{"240000ms scale_out desired 2 -> 4, target tracking"});
  // Launched and registered with the ALB's target group at 241.5 s, booted at
  // 271.5 s, when the first 30 s health check passes; healthy after five
  // passes: in service at 391.5 s. Per target the count then halves.
  CHECK(events_of(s, "web") ==
        std::vector<std::string>{"241500ms launch i-2", "241500ms launch i-3",
                                 "391500ms in_service i-2", "391500ms in_service i-3"});
  const std::vector<double>& per_target = series(s, "replayed_request_count_per_target");
  REQUIRE(per_target.size() == 10);  // the history's ten minutes
  CHECK(per_target[0] == 1000);
  CHECK(per_target[5] == 1000);
  CHECK(per_target[6] == Approx((31.5 * 1000 + 28.5 * 500) / 60));  // 360-420 s
  CHECK(per_target[7] == 500);
  CHECK(per_target[9] == 500);
}

TEST_CASE("scalesim dry-run: the summary, the files, and bad input writing nothing") {
  const fs::path dir = test::scratch("dry-run");
  const test::Outcome ok =
      test::scalesim("dry-run " + kScenario + " --metrics " + kHistory +
                         " --metric cpu --strategy 'target tracking' -o " + (dir / "out").string(),
                     dir);
  CHECK(ok.status == 0);
  CHECK(ok.out.find("decisions   1 (scale_out 1)") != std::string::npos);
  CHECK(ok.out.find("2026-11-17T10:04:00+00:00  scale_out  desired 2 -> 4") != std::string::npos);
  for (const char* file : {"results.json", "timeseries.csv", "events.csv", "costs.csv"})
    CHECK(fs::exists(dir / "out" / file));
  CHECK(test::slurp(dir / "out" / "events.csv").find("AlarmHigh: OK -> ALARM") !=
        std::string::npos);

  std::ofstream(dir / "bad.csv") << "Timestamp,CPUUtilization\n2026-11-17T09:00:00Z,x\n";
  const test::Outcome bad =
      test::scalesim("dry-run " + kScenario + " --metrics " + (dir / "bad.csv").string() + " -o " +
                         (dir / "bad-out").string(),
                     dir);
  CHECK(bad.status == 2);
  CHECK(bad.err == (dir / "bad.csv").string() +
                       ":2: expected a number in column \"CPUUtilization\", found \"x\"\n");
  CHECK(!fs::exists(dir / "bad-out"));
  // Several series and no --metric: exit 2, naming the Ids.
  CHECK(test::scalesim("dry-run " + kScenario + " --metrics " + kHistory, dir).status == 2);
}

TEST_CASE("Dry run, provisioned concurrency tracking on a ConcurrentExecutions history") {
  const std::string scenario = source("tests/data/metrics/lambda.json");
  const app::Experiment experiment = app::load_experiment_file(scenario);
  const app::MetricSeries history =
      app::read_metric_history(source("tests/data/metrics/concurrency.csv"), {});
  const app::DryRunPlan plan = app::plan_dry_run(experiment.base(), scenario, history, {});
  CHECK(plan.kind == models::HistoryKind::kConcurrency);
  const app::ExperimentResult result = app::run_dry_run(plan);
  const app::StrategySummary& s = result.strategies.front();
  // Concurrency 5 for 20 min on 10 provisioned: utilisation 0.5, AlarmLow (below
  // 0.63, 15 of 15) fires at 16 min but asks for ceil(10 x 0.5 / 0.7) = 8, under
  // min 10. From 20 min, 20 on 10 ready: utilisation 1; AlarmHigh (3 of 3) at
  // 24 min: ceil(10 / 0.7) = 15, ready 2 min later (allocation_delay). 10:26's
  // minute sees 15 busy of 15: 22 at 28 min; 10:30's sees 20 of 22: 29 at 32 min.
  CHECK(events_of(s, "api.policy") ==
        std::vector<std::string>{
            "1440000ms provisioned provisioned concurrency 10 -> 15, utilization 1",
            "1680000ms provisioned provisioned concurrency 15 -> 22, utilization 1",
            "1920000ms provisioned provisioned concurrency 22 -> 29, utilization 0.909"});
  const std::vector<std::string> alarms = events_of(s, "api.alarms");
  REQUIRE(alarms.size() == 4);
  CHECK(alarms[0].starts_with("960000ms alarm api.policy AlarmLow: INSUFFICIENT_DATA -> ALARM"));
  CHECK(
      alarms[3].starts_with("2160000ms alarm api.policy AlarmHigh: ALARM -> OK, utilization "
                            "0.6897"));
  // GB-seconds (1 GB): configured 10 x 1440 + 15 x 240 + 22 x 240 + 29 x 1680;
  // busy on provisioned 5 x 1200 + 10 x 360 + 15 x 240 + 20 x 1800; spilled
  // over to on-demand 10 x 360 + 5 x 240.
  CHECK(metric(s, "usage.meter.api.provisioned") == 72000);
  CHECK(metric(s, "usage.meter.api.replayed_provisioned_duration") == 49200);
  CHECK(metric(s, "usage.meter.api.replayed_duration") == 4800);
  CHECK(metric(s, "cost.meter.api.provisioned_usd") == Approx(72000 * 0.0000041667));
  CHECK(metric(s, "cost.meter.api.replayed_provisioned_duration_usd") ==
        Approx(49200 * 0.0000097222));
  const std::vector<double>& concurrency = series(s, "replayed_concurrency");
  CHECK(concurrency[0] == 5);
  CHECK(concurrency[4] == 20);
}

TEST_CASE("Dry run: a provisioned concurrency policy needs a concurrency history") {
  const std::string scenario = source("tests/data/metrics/lambda.json");
  const app::Experiment experiment = app::load_experiment_file(scenario);
  const app::MetricSeries cpu = app::read_metric_history(kHistory, std::string("cpu"));
  try {
    app::plan_dry_run(experiment.base(), "l.json", cpu, {});
    FAIL("no error");
  } catch (const app::InputError& e) {
    CHECK(std::string(e.what()) ==
          "l.json:/strategies/0/components/api/policy: expected a concurrency history "
          "(ConcurrentExecutions) for a provisioned_target_tracking policy, found a cpu history\n");
  }
}

TEST_CASE("Dry run, a provisioned concurrency schedule: configured at its instant, billed") {
  const std::string scenario = R"({ "name": "s", "horizon": "1h",
    "workload": { "clock": { "start": "2026-11-17T09:00:00Z" },
                  "arrivals": { "process": "poisson", "rate": "1/s" }, "service_time": "10ms" },
    "strategies": [ { "name": "schedule", "components": { "api": {
      "kind": "lambda_function", "memory_mb": 1024,
      "policy": { "kind": "provisioned_schedule",
                  "actions": [ { "cron": "3 9 * * *", "provisioned_concurrency": 20 } ] } } } } ],
    "pricing": { "region": "us-east-1" } })";
  const app::MetricSeries history = app::parse_metric_history(
      "t,ConcurrentExecutions\n2026-11-17T09:00:00Z,5\n2026-11-17T09:01:00Z,5\n"
      "2026-11-17T09:06:00Z,30\n",
      "m", {});
  const app::DryRunPlan plan =
      app::plan_dry_run(app::parse_scenario(scenario, "s.json"), "s.json", history, {});
  const app::ExperimentResult result = app::run_dry_run(plan);
  const app::StrategySummary& s = result.strategies.front();
  CHECK(events_of(s, "api.policy") ==
        std::vector<std::string>{"180000ms provisioned provisioned concurrency 0 -> 20"});
  REQUIRE(history.gaps.size() == 1);
  // Seven minutes (the gap holds 5 until the last minute's 30): 20 configured
  // from 180 s, ready at 300 s. Busy on provisioned: 5 x 60; on demand: 5 x 300.
  CHECK(metric(s, "usage.meter.api.provisioned") == 20 * 240);
  CHECK(metric(s, "usage.meter.api.replayed_provisioned_duration") == 5 * 60 + 20 * 60);
  CHECK(metric(s, "usage.meter.api.replayed_duration") == 5 * 300 + 10 * 60);
}

TEST_CASE("Dry run, an idle_target scaler on a history of busy servers") {
  const std::string scenario = source("tests/data/metrics/idle-target.json");
  const app::Experiment experiment = app::load_experiment_file(scenario);
  const app::MetricSeries history =
      app::read_metric_history(source("tests/data/metrics/busy-servers.csv"), {});
  app::DryRunOptions options;
  options.kind = "concurrency";  // a custom metric: its name does not say so
  const app::DryRunPlan plan = app::plan_dry_run(experiment.base(), scenario, history, options);
  const app::ExperimentResult result = app::run_dry_run(plan);
  const app::StrategySummary& s = result.strategies.front();
  // Two servers, spare target 2, counting pending servers as spare. From 10 min,
  // four are busy: none idle, so it creates one at the 600 s count and one at
  // 605 s (the first is pending). A creation is four 1 s calls; the server boots
  // 60 s from its launch (601 s, 606 s), so serves from 661 s and 666 s: three,
  // then four in service are all busy, and it creates two more at 665 s and 670 s.
  // At 30 min nothing is busy: six idle, and it deletes the newest, one a count.
  CHECK(events_of(s, "media.policy") ==
        std::vector<std::string>{
            "600000ms create server 1", "604000ms created i-2", "605000ms create server 2",
            "609000ms created i-3", "665000ms create server 3", "669000ms created i-4",
            "670000ms create server 4", "674000ms created i-5", "1800000ms delete i-5",
            "1805000ms delete i-4", "1810000ms delete i-3", "1815000ms delete i-2"});
  CHECK(metric(s, "component.media.instances_peak") == 6);
  // Busy beyond the servers in service: two for 600-661 s, one for 661-666 s.
  CHECK(metric(s, "component.media.busy_unserved_hours") == Approx((2 * 61 + 5) / 3600.0));
  const std::vector<double>& busy = series(s, "replayed_concurrency");
  CHECK(busy[9] == 0);
  CHECK(busy[20] == 4);

  // A history of CPU cannot say which servers are idle.
  const app::MetricSeries cpu = app::read_metric_history(kHistory, std::string("cpu"));
  try {
    app::plan_dry_run(experiment.base(), scenario, cpu, {});
    FAIL("a CPU history was accepted for an idle_target");
  } catch (const app::InputError& e) {
    CHECK(std::string(e.what()).find(
              "/strategies/0/components/media/policy: expected a history of busy servers "
              "(concurrency: sessions in progress) for an idle_target policy, found a cpu "
              "history") != std::string::npos);
  }
}
