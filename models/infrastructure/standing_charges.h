// Charges that accrue with time alone, whatever the traffic: load balancers that
// serve none of the run's requests, public IPv4 addresses and a fixed amount the
// scenario states (a domain, a support plan). Strategy controllers that drive no
// component (docs/scenarios.md#load_balancers, #public_ipv4, #fixed_cost); they bill from the run's
// start to its end, spread evenly, so the spend series shows them in every interval.
#ifndef SCALESIM_MODELS_INFRASTRUCTURE_STANDING_CHARGES_H_
#define SCALESIM_MODELS_INFRASTRUCTURE_STANDING_CHARGES_H_

#include <cstdint>
#include <string>

#include "models/control/controller.h"

namespace models {

// Application Load Balancers that serve none of the run's requests (old sites
// kept up), each billed per hour ("alb.hour") and for the public IPv4 address of
// its node in each availability zone ("public_ipv4.hour"). They bill no LCUs:
// an idle ALB's LCU-hours are next to none (the `alb` component bills them by
// its traffic).
struct LoadBalancersConfig {
  static const ControllerKind& kind();  // "load_balancers": drives nothing
  uint32_t count = 1;
  uint32_t availability_zones = 2;  // one subnet, node and address in each, 2 to 6
};

// Public IPv4 addresses no component of the strategy already bills (Elastic IPs,
// idle or on hosts outside the model), each per hour ("public_ipv4.hour").
struct PublicIpv4Config {
  static const ControllerKind& kind();  // "public_ipv4": drives nothing
  uint32_t count = 1;
};

// `usd` per `per`, at a price of its own (the scenario is its source): per "hour",
// "day" (24 hours) or "month" (kBillingMonth, 730 hours, the month AWS's pricing
// pages use and the billing month of the ledger).
struct FixedCostConfig {
  static const ControllerKind& kind();  // "fixed_cost": drives nothing
  double usd = 0;
  std::string per = "month";
};

// The length of a fixed cost's unit. REQUIRES: `per` is "hour", "day" or "month".
sim::Duration fixed_cost_unit(const std::string& per);

}  // namespace models

#endif  // SCALESIM_MODELS_INFRASTRUCTURE_STANDING_CHARGES_H_
