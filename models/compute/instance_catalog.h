// Hardware of the instance types and bundles a server fleet can use: vCPUs,
// memory and the CPU credits of burstable ones, which are the same in every
// region. Prices live in the price books. Source keys are spelled out in
// instance_catalog.cc.
#ifndef SCALESIM_MODELS_COMPUTE_INSTANCE_CATALOG_H_
#define SCALESIM_MODELS_COMPUTE_INSTANCE_CATALOG_H_

#include <string_view>
#include <vector>

#include "models/compute/cpu_credits.h"
#include "sim/distribution.h"

namespace models {

enum class Provider { kEc2, kLightsail };

// The CPU credits of a burstable type (EC2 T family, Lightsail bundles); all zero
// for a type with fixed CPU. A credit is one vCPU at 100% for one minute.
struct BurstCredits {
  // The share of each vCPU the type can use indefinitely:
  // credits_per_hour / (60 * vcpus).
  double baseline = 0;
  double credits_per_hour = 0;  // earned while running; 0: no credit accounting
  double max_credits = 0;       // the accrual cap: 24 hours of earnings
  // Held from launch in standard mode, spent first, outside the cap (EC2 T2 has
  // 30 per vCPU; T3, T3a and T4g never get any).
  double launch_credits = 0;
  CreditMode default_mode = CreditMode::kStandard;
  bool unlimited_available = false;
  std::string_view source;
};

struct InstanceType {
  Provider provider;
  std::string_view name;  // "t3.small", "small_3_0"
  int vcpus;
  double memory_gib;
  std::string_view architecture;  // "x86_64" or "arm64"
  std::string_view source;        // source key of the hardware
  BurstCredits burst = {};

  // Whether CPU credits govern its CPU. Not Lightsail's largest bundle, which
  // has a baseline but accrues no credits and bursts as needed.
  constexpr bool burstable() const { return burst.credits_per_hour > 0; }
};

std::string_view provider_name(Provider provider);
// nullptr when the catalogue has no such type.
const InstanceType* find_instance_type(Provider provider, std::string_view name);
std::vector<std::string_view> instance_type_names(Provider provider);

// From launch request to serving, when a scenario does not say. EC2: 23-26 s
// with a fast AMI (BREVDEV and MARTYSWEET, EC2 boot-time notes). Lightsail:
// 1-2 min (the Lightsail user guide FAQ, AWSDOCS-LIGHTSAIL, says only "minutes";
// the range is unconfirmed).
sim::DurationDistribution default_boot_time(Provider provider);

}  // namespace models

#endif  // SCALESIM_MODELS_COMPUTE_INSTANCE_CATALOG_H_
