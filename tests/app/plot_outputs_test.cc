// What a plot needs from the outputs: the local time of each interval, its
// error rate, the clock in results.json, and the worst interval in the table.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "app/output/local_time.h"
#include "app/output/outputs.h"
#include "app/runner.h"
#include "app/scenario/loader.h"

namespace {

// One request a second to a function that may run nothing until the timeline
// lifts its reservation at 30 minutes: every request fails before, none after.
const char* kScenario = R"({"name": "t", "horizon": "1h", "interval": "10m", "replications": 2,
  "workload": {"clock": {"start": "2026-11-16T09:00:00+09:00"},
               "arrivals": {"process": "periodic", "every": "1s"}, "service_time": "100ms"},
  "strategies": [{"name": "fn", "components": {
    "fn": {"kind": "lambda_function", "reserved_concurrency": 0}},
    "controllers": {"ops": {"kind": "timeline", "drives": "fn",
                            "events": [{"at": "30m", "reserved_concurrency": null}]}}}]})";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The field of `line` under `column` of the header.
std::string field(const std::string& header, const std::string& line, const std::string& column) {
  const auto split = [](const std::string& text) {
    std::vector<std::string> parts;
    std::istringstream in(text);
    for (std::string part; std::getline(in, part, ',');) parts.push_back(part);
    if (!text.empty() && text.back() == ',') parts.emplace_back();
    return parts;
  };
  const auto names = split(header);
  const auto values = split(line);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == column) return i < values.size() ? values[i] : "";
  }
  return "no column " + column;
}

}  // namespace

TEST_CASE("timeseries.csv gives each interval its local time and error rate", "[outputs]") {
  const models::Scenario scenario = app::parse_scenario(kScenario, "s.json");
  const app::ExperimentResult result = app::run_experiment(scenario, {});
  const auto lines = lines_of(app::render_timeseries_csv(scenario, result));
  REQUIRE(lines.size() == 3 + 6);
  CHECK(lines[1] ==
        "# clock starts 2026-11-16T09:00:00+09:00; local_time is the scenario's local time at "
        "interval_start_s");
  const std::string& header = lines[2];
  CHECK(field(header, lines[3], "local_time") == "2026-11-16T09:00:00+09:00");
  CHECK(field(header, lines[8], "local_time") == "2026-11-16T09:50:00+09:00");
  CHECK(field(header, lines[3], "error_rate") == "1");  // all throttled
  CHECK(field(header, lines[5], "error_rate") == "1");
  CHECK(field(header, lines[6], "error_rate") == "0");  // the reservation is gone
  // Latency percentiles of the interval's successful requests: none before 30
  // minutes, then the 100 ms of work (the one cold start is under 1%), within
  // the 6.3% of a coarse histogram's bucket.
  CHECK(field(header, lines[3], "latency_p99_ms").empty());
  CHECK(std::stod(field(header, lines[6], "latency_p50_ms")) == Approx(100).epsilon(0.063));
  CHECK(std::stod(field(header, lines[8], "latency_p99_ms")) == Approx(100).epsilon(0.063));

  const auto json = nlohmann::json::parse(app::render_results_json(scenario, "s.json", result));
  CHECK(json["scenario"]["clock"]["start"] == "2026-11-16T09:00:00+09:00");
  CHECK(json["scenario"]["clock"]["utc_offset"] == "+09:00");

  // The table names the first of the intervals where every request failed.
  const std::string table = app::render_table(scenario, result);
  CHECK(table.find("Worst interval (means over replications, timeseries.csv)\n"
                   "  peak p99 latency (ms) ") != std::string::npos);
  CHECK(table.find("  peak error rate ") != std::string::npos);
  CHECK(table.find(" 100.00% at 2026-11-16T09:00:00+09:00\n") != std::string::npos);
}

TEST_CASE("Without a date, local times are a weekday and a time", "[outputs]") {
  models::WorkloadConfig clock;
  clock.local_offset = sim::Duration::hours(24 + 9) + sim::Duration::minutes(30);  // tue 09:30
  CHECK(app::local_time_text(clock, sim::Duration()) == "tue 09:30");
  CHECK(app::local_time_text(clock, sim::Duration::seconds(90)) == "tue 09:31:30");
  CHECK(app::local_time_text(clock, sim::Duration::hours(24 * 6)) == "mon 09:30");
  CHECK(!app::utc_offset_text(clock));
}

TEST_CASE("timeseries.csv can give each replication its own rows", "[outputs]") {
  const models::Scenario scenario = app::parse_scenario(kScenario, "s.json");
  app::RunOptions options;
  options.per_replication = true;
  options.jobs = 2;
  const app::ExperimentResult result = app::run_experiment(scenario, options);
  const auto lines = lines_of(app::render_timeseries_csv(scenario, result));
  REQUIRE(lines.size() == 3 + 2 * 6);
  CHECK(lines[0] == "# scalesim timeseries version 2; one row per replication");
  const std::string& header = lines[2];
  CHECK(header.starts_with("strategy,replication,interval_start_s,interval_end_s,local_time,"));
  CHECK(field(header, lines[3], "replication") == "0");
  CHECK(field(header, lines[9], "replication") == "1");
  CHECK(field(header, lines[9], "interval_start_s") == "0");
  // Periodic arrivals: each replication has the 600 of every interval, which
  // is also their mean.
  CHECK(field(header, lines[4], "arrivals") == "600");
  CHECK(field(header, lines[10], "arrivals") == "600");
  const auto means =
      lines_of(app::render_timeseries_csv(scenario, app::run_experiment(scenario, {})));
  CHECK(field(means[2], means[4], "arrivals") == "600");
}
