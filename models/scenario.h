// A scenario as typed configuration: what app/scenario/ builds from JSON, once, and
// what the models run. Plain structs; nothing here knows about files or JSON.
#ifndef SCALESIM_MODELS_SCENARIO_H_
#define SCALESIM_MODELS_SCENARIO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/control/api_catalog.h"
#include "models/control/controller.h"
#include "models/pricing/price_book.h"
#include "models/topology/kind.h"
#include "models/topology/topology.h"
#include "models/traffic/workload.h"
#include "sim/time.h"

namespace models {

struct StrategyConfig {
  std::string name;
  std::string description;
  std::vector<ComponentSpec> components;    // on the request path
  std::vector<ControllerSpec> controllers;  // beside it: policies, timelines
  // The account's cloud APIs with the scenario's overrides; empty: default_apis().
  std::vector<ApiSpec> control_apis;
};

// How a scenario is priced: a region's price book, with the scenario's overrides
// already applied, and whether the monthly free tier is deducted.
struct PricingConfig {
  PriceBook book;
  bool free_tier = false;
};

struct Scenario {
  std::string name;
  std::string description;
  sim::Duration horizon = sim::Duration::hours(1);
  sim::Duration warmup;                                // simulated, but left out of every metric
  sim::Duration interval = sim::Duration::minutes(1);  // time series bucket width
  uint64_t seed = 1;
  int replications = 10;
  WorkloadConfig workload;
  std::vector<StrategyConfig> strategies;
  std::optional<PricingConfig> pricing;  // none: costs are not computed
};

// The price book keys a strategy bills (its components' and controllers'), so a
// loader can check a book has them.
std::vector<std::string> price_keys(const ComponentSpec& component);
std::vector<std::string> price_keys(const ControllerSpec& controller);

// The topology nodes of a strategy, for check_topology().
std::vector<NodeSpec> topology_nodes(const StrategyConfig& strategy);

}  // namespace models

#endif  // SCALESIM_MODELS_SCENARIO_H_
