// Cost by service per local day and per month in the outputs (costs.csv,
// results.json, the table), by hand: a fixed fleet whose hours straddle local
// midnight on a clock with a UTC offset.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <sstream>

#include "app/output/outputs.h"
#include "app/runner.h"
#include "app/scenario/loader.h"

namespace {

// Two t3.small (0.0208 USD an hour in us-east-1) from 22:15 in India (+05:30) for
// 3 hours, the first 15 minutes warm-up: 1.5 h measured on the 16th, 1.25 h on the 17th.
std::string scenario(const std::string& start) {
  return R"({"name": "d", "horizon": "3h", "warmup": "15m", "replications": 2,
    "workload": {"clock": {"start": ")" +
         start + R"("}, "arrivals": {"process": "periodic", "every": "10s"},
                 "service_time": "10ms"},
    "strategies": [{"name": "fleet", "components": {
      "web": {"kind": "server_fleet", "instance_type": "t3.small", "count": 2, "slots": 4}}}]})";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

constexpr double kFleetHour = 2 * 0.0208;

}  // namespace

TEST_CASE("costs.csv splits a fleet's hours at local midnight, day by day", "[outputs]") {
  const models::Scenario s = app::parse_scenario(scenario("2026-11-16T22:15:00+05:30"), "s.json");
  const app::ExperimentResult result = app::run_experiment(s, {});
  const auto lines = lines_of(app::render_costs_csv(s, result));
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == "# scalesim costs version 1");
  CHECK(lines[1] == "strategy,day,date,weekday,hours,service,usd,half_width");
  CHECK(lines[2].starts_with("fleet,1,2026-11-16,mon,1.5,ec2,"));
  CHECK(lines[3].starts_with("fleet,1,2026-11-16,mon,1.5,total,"));
  CHECK(lines[4].starts_with("fleet,2,2026-11-17,tue,1.25,ec2,"));
  CHECK(lines[5].starts_with("fleet,2,2026-11-17,tue,1.25,total,"));
  const auto usd = [](const std::string& line) {
    const size_t end = line.rfind(',');
    return std::stod(line.substr(line.rfind(',', end - 1) + 1, end));
  };
  CHECK(usd(lines[2]) == Approx(1.5 * kFleetHour));
  CHECK(usd(lines[4]) == Approx(1.25 * kFleetHour));
}

TEST_CASE("results.json has the cost by day and by service per month", "[outputs]") {
  const models::Scenario s = app::parse_scenario(scenario("2026-11-16T22:15:00+05:30"), "s.json");
  const app::ExperimentResult result = app::run_experiment(s, {});
  const auto json = nlohmann::json::parse(app::render_results_json(s, "s.json", result));
  const auto& strategy = json["strategies"][0];
  const auto& days = strategy["cost_by_day"];
  REQUIRE(days.size() == 4);
  CHECK(days[0]["day"] == 1);
  CHECK(days[0]["date"] == "2026-11-16");
  CHECK(days[0]["weekday"] == "mon");
  CHECK(days[0]["hours"] == 1.5);
  CHECK(days[0]["service"] == "ec2");
  CHECK(days[0]["usd"]["mean"].get<double>() == Approx(1.5 * kFleetHour));
  CHECK(days[1]["service"] == "total");
  CHECK(days[2]["date"] == "2026-11-17");
  CHECK(days[2]["usd"]["mean"].get<double>() == Approx(1.25 * kFleetHour));
  // Per month: the measured rate over 730 hours. The per-day costs stay out of "metrics".
  const auto& metrics = strategy["metrics"];
  CHECK(metrics["cost.service.ec2_per_month_usd"]["mean"].get<double>() ==
        Approx(730 * kFleetHour));
  for (const auto& [name, value] : metrics.items()) CHECK_FALSE(name.starts_with("cost.day."));

  // Without a date the days have a number and a weekday only.
  const models::Scenario weekly = app::parse_scenario(scenario("sat 23:00"), "s.json");
  const auto undated = nlohmann::json::parse(
      app::render_results_json(weekly, "s.json", app::run_experiment(weekly, {})));
  const auto& first = undated["strategies"][0]["cost_by_day"][0];
  CHECK(first["date"].is_null());
  CHECK(first["weekday"] == "sat");
  CHECK(first["hours"] == 0.75);
  CHECK(undated["strategies"][0]["cost_by_day"][2]["weekday"] == "sun");
}

TEST_CASE("The table shows each day's cost by service, or the mean day of a long run",
          "[outputs]") {
  const models::Scenario s = app::parse_scenario(scenario("2026-11-16T22:15:00+05:30"), "s.json");
  const std::string table = app::render_table(s, app::run_experiment(s, {}));
  CHECK(table.find("Cost by service on 2026-11-16, mon (USD, 1.50 h measured)\n  ec2") !=
        std::string::npos);
  CHECK(table.find("Cost by service on 2026-11-17, tue (USD, 1.25 h measured)") !=
        std::string::npos);
  CHECK(table.find("Cost by service per month of 730 hours (USD, at this rate)") !=
        std::string::npos);

  // Ten days: no day by day, but the mean day, 24 fleet-hours.
  std::string ten = scenario("2026-11-16T22:15:00+05:30");
  ten.replace(ten.find("\"3h\""), 4, "\"10d\"");
  ten.replace(ten.find("\"10s\""), 5, "\"10m\"");
  const models::Scenario long_run = app::parse_scenario(ten, "s.json");
  const std::string long_table = app::render_table(long_run, app::run_experiment(long_run, {}));
  CHECK(long_table.find("Cost by service on") == std::string::npos);
  const size_t mean = long_table.find("Cost by service, mean per day (USD)\n  ec2");
  REQUIRE(mean != std::string::npos);
  CHECK(long_table.find("0.99840", mean) != std::string::npos);  // 24 x 2 x 0.0208
}
