#include "models/compute/instance_catalog.h"

#include <array>

namespace models {

namespace {

// Sources (docs/sources.md): KARPENTER and SKYPILOT for EC2, generated from the AWS
// Pricing API; AWSDOCS-LIGHTSAIL (get-bundles and the baseline CPU page) for the
// Lightsail _3_0 bundles.
constexpr std::array kCatalog = {
    InstanceType{Provider::kEc2, "t3.nano", 2, 0.5, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t3.micro", 2, 1, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t3.small", 2, 2, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t3.medium", 2, 4, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t3.large", 2, 8, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t3a.micro", 2, 1, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t4g.nano", 2, 0.5, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t4g.micro", 2, 1, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t4g.small", 2, 2, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t4g.medium", 2, 4, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t4g.large", 2, 8, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "t4g.xlarge", 4, 16, "arm64", "SKYPILOT"},
    InstanceType{Provider::kEc2, "m5.large", 2, 8, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "m5.xlarge", 4, 16, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "m6g.medium", 1, 4, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "m6g.large", 2, 8, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "m6g.xlarge", 4, 16, "arm64", "SKYPILOT"},
    InstanceType{Provider::kEc2, "c5.large", 2, 4, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "c6g.medium", 1, 2, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "c6g.large", 2, 4, "arm64", "KARPENTER"},
    InstanceType{Provider::kLightsail, "nano_3_0", 2, 0.5, "x86_64", "AWSDOCS-LIGHTSAIL"},
    InstanceType{Provider::kLightsail, "micro_3_0", 2, 1, "x86_64", "AWSDOCS-LIGHTSAIL"},
    InstanceType{Provider::kLightsail, "small_3_0", 2, 2, "x86_64", "AWSDOCS-LIGHTSAIL"},
    InstanceType{Provider::kLightsail, "medium_3_0", 2, 4, "x86_64", "AWSDOCS-LIGHTSAIL"},
    InstanceType{Provider::kLightsail, "large_3_0", 2, 8, "x86_64", "AWSDOCS-LIGHTSAIL"},
    InstanceType{Provider::kLightsail, "xlarge_3_0", 4, 16, "x86_64", "AWSDOCS-LIGHTSAIL"},
    InstanceType{Provider::kLightsail, "2xlarge_3_0", 8, 32, "x86_64", "AWSDOCS-LIGHTSAIL"},
    InstanceType{Provider::kLightsail, "4xlarge_3_0", 16, 64, "x86_64", "AWSDOCS-LIGHTSAIL"},
};

}  // namespace

std::string_view provider_name(Provider provider) {
  return provider == Provider::kEc2 ? "ec2" : "lightsail";
}

const InstanceType* find_instance_type(Provider provider, std::string_view name) {
  for (const InstanceType& type : kCatalog) {
    if (type.provider == provider && type.name == name) return &type;
  }
  return nullptr;
}

std::vector<std::string_view> instance_type_names(Provider provider) {
  std::vector<std::string_view> names;
  for (const InstanceType& type : kCatalog) {
    if (type.provider == provider) names.push_back(type.name);
  }
  return names;
}

sim::DurationDistribution default_boot_time(Provider provider) {
  const double low_s = provider == Provider::kEc2 ? 23 : 60;
  const double high_s = provider == Provider::kEc2 ? 26 : 120;
  return sim::DurationDistribution(sim::Distribution::uniform(low_s * 1e6, high_s * 1e6));
}

}  // namespace models
