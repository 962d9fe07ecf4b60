// A strategy's cost by service and local calendar day, as the renderings show it
// (the table, results.json, costs.csv): read back from the run's
// "cost.day.<index>.<service>_usd" metrics (models/pricing/ledger.h), with each
// day placed on the scenario's clock. Internal to app/output.
#ifndef SCALESIM_APP_OUTPUT_COST_BY_DAY_H_
#define SCALESIM_APP_OUTPUT_COST_BY_DAY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/runner.h"
#include "models/scenario.h"

namespace app {

struct CostDay {
  int64_t number = 1;   // 1 for the local day the run starts in, 2 for the next, ...
  std::string date;     // "2026-11-16" when the clock has a date, else empty
  std::string weekday;  // "mon" ... "sun"
  double hours = 0;     // of this day in the measured window: 24 but at its edges
  // Each service billed, in name order, then "total"; the metric is never null.
  std::vector<std::pair<std::string, const MetricSummary*>> services;
};

// The measured window's days, in order; empty when the strategy was not priced.
std::vector<CostDay> cost_by_day(const models::Scenario& scenario, const StrategySummary& strategy);
// Whether a metric is one of the per-day costs (shown by cost_by_day, not alone).
bool is_day_cost_metric(const std::string& name);

}  // namespace app

#endif  // SCALESIM_APP_OUTPUT_COST_BY_DAY_H_
