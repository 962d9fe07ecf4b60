#include <charconv>

#include "app/output/cost_by_day.h"
#include "app/output/outputs.h"
#include "app/output/text.h"

namespace app {

namespace {

// Shortest text that reads back as the same double, as timeseries.csv writes them.
std::string number(double value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : "nan";
}

}  // namespace

// Long format, one row per strategy, day and service ("total" last in each day),
// so that a bill's lines (Cost Explorer: cost by service, daily) compare row by row.
std::string render_costs_csv(const models::Scenario& scenario, const ExperimentResult& result) {
  std::string out = "# scalesim costs version " + std::to_string(kCostsFormatVersion) +
                    "\nstrategy,day,date,weekday,hours,service,usd,half_width\n";
  for (const StrategySummary& strategy : result.strategies) {
    const std::string name = csv_field(strategy.name);
    for (const CostDay& day : cost_by_day(scenario, strategy)) {
      const std::string prefix = name + "," + std::to_string(day.number) + "," + day.date + "," +
                                 day.weekday + "," + number(day.hours) + ",";
      for (const auto& [service, metric] : day.services) {
        const auto& half = metric->estimate.half_width;
        out += prefix + service + "," + number(metric->estimate.mean) + "," +
               (half ? number(*half) : "") + "\n";
      }
    }
  }
  return out;
}

}  // namespace app
