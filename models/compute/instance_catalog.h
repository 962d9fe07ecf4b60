// Hardware of the instance types and bundles a server fleet can use: vCPUs and
// memory, which are the same in every region. Prices live in the price books.
#ifndef SCALESIM_MODELS_COMPUTE_INSTANCE_CATALOG_H_
#define SCALESIM_MODELS_COMPUTE_INSTANCE_CATALOG_H_

#include <string_view>
#include <vector>

#include "sim/distribution.h"

namespace models {

enum class Provider { kEc2, kLightsail };

struct InstanceType {
  Provider provider;
  std::string_view name;  // "t3.small", "small_3_0"
  int vcpus;
  double memory_gib;
  std::string_view architecture;  // "x86_64" or "arm64"
  std::string_view source;        // source key, described in docs/sources.md
};

std::string_view provider_name(Provider provider);
// nullptr when the catalogue has no such type.
const InstanceType* find_instance_type(Provider provider, std::string_view name);
std::vector<std::string_view> instance_type_names(Provider provider);

// From launch request to serving, when a scenario does not say. EC2: 23-26 s
// with a fast AMI (BREVDEV, MARTYSWEET in docs/sources.md). Lightsail: 1-2 min
// (AWSDOCS-LIGHTSAIL FAQ says only "minutes"; the range is unconfirmed).
sim::DurationDistribution default_boot_time(Provider provider);

}  // namespace models

#endif  // SCALESIM_MODELS_COMPUTE_INSTANCE_CATALOG_H_
