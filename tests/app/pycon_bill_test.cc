// scenarios/pycon-bill.json against the PyCon Korea report it replays: the
// report gives a daily bill of about 25 USD before its changes, 14 after and 7
// for its plan; each strategy's day, run as shipped, must be within 10% of it.
// The parts that the report states are checked too, from the bill's own lines.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "app/scenario/loader.h"
#include "models/strategy_run.h"
#include "run_metrics.h"

namespace {}  // namespace

TEST_CASE("The PyCon Korea bill: before, after and the plan, a day each, within 10%",
          "[billed][pycon]") {
  const models::Scenario s = app::load_scenario_file(
      (std::filesystem::path(SCALESIM_SOURCE_DIR) / "scenarios/pycon-bill.json").string());
  // A day and nothing left out, so the total is the day's bill.
  REQUIRE(s.horizon == sim::Duration::hours(24));
  REQUIRE(s.warmup == sim::Duration());
  REQUIRE(s.strategies.size() == 3);
  const std::map<std::string, double> reported = {{"before", 25}, {"after", 14}, {"plan", 7}};
  std::map<std::string, std::map<std::string, double>> days;
  for (size_t i = 0; i < s.strategies.size(); ++i) {
    const std::string& name = s.strategies[i].name;
    INFO(name);
    REQUIRE(reported.count(name) == 1);
    days[name] = test::run_metrics(s, i);
    const double total = test::at(days[name], "cost.total_usd");
    CHECK(total >= 0.9 * reported.at(name));
    CHECK(total <= 1.1 * reported.at(name));
    // No plug: nothing is billed at a price the scenario states.
    CHECK(days[name].count("cost.service.fixed_cost_usd") == 0);
  }
  // What the report states, priced at Seoul's 0.0225 USD per ALB-hour and 0.005
  // per address-hour: 9 ALBs over 3 subnets (27 addresses), then 4 over 2 (8).
  CHECK(test::at(days["before"], "cost.meter.lb.alb_hours_usd") +
            test::at(days["before"], "cost.meter.old_sites.hours_usd") ==
        Approx(9 * 24 * 0.0225));
  CHECK(test::at(days["before"], "cost.meter.lb.public_ipv4_usd") +
            test::at(days["before"], "cost.meter.old_sites.public_ipv4_usd") ==
        Approx(27 * 24 * 0.005));
  for (const char* name : {"after", "plan"}) {
    CHECK(test::at(days[name], "cost.service.alb_usd") -
              test::at(days[name], "cost.meter.lb.lcu_hours_usd") ==
          Approx(4 * 24 * 0.0225));
    // The ALBs' 8 addresses and the NAT's one: no task has an address of its own.
    CHECK(test::at(days[name], "cost.service.public_ipv4_usd") == Approx(9 * 24 * 0.005));
  }
  // The plan's NAT instance bills no NAT gateway.
  CHECK(days["plan"].count("cost.service.nat_gateway_usd") == 0);
  CHECK(test::at(days["plan"], "cost.service.ec2_usd") == Approx(24 * 0.0052));
}
