// Reading a scenario's "pricing" block. Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_PRICING_H_
#define SCALESIM_APP_SCENARIO_PRICING_H_

#include <optional>
#include <string>

#include "app/scenario/json_reader.h"
#include "models/scenario.h"

namespace app {

// The region's price book (or the one the scenario names), with overrides and
// discounts applied. `value` may be null: us-east-1, no free tier. Problems in
// the price book file are reported against that file.
std::optional<models::PricingConfig> read_pricing(const Json* value, const std::string& pointer,
                                                  const std::string& scenario_file,
                                                  Problems& problems);

// Notes a problem for every component whose prices the book lacks.
void check_prices(const models::Scenario& scenario, Problems& problems);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_PRICING_H_
