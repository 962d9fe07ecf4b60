#include "models/compute/instance_catalog.h"

#include <algorithm>
#include <array>

namespace models {

namespace {

// Source keys:
//
// KARPENTER: aws/karpenter-provider-aws, zz_generated.pricing_aws.go, generated
//   from the AWS Pricing API (2026-07-20).
// SKYPILOT: skypilot-org/skypilot-catalog, vms.csv (AWS).
// AWSDOCS-LIGHTSAIL: Amazon Lightsail user guide: the FAQ; get-bundles (the _3_0
//   bundles); "Understand baseline CPU performance and burst capacity accrual for
//   Lightsail instances",
//   https://docs.aws.amazon.com/lightsail/latest/userguide/baseline-cpu-performance.html
//   (baseline per vCPU by plan; the $384 plan accrues no burst capacity and "will
//   burst automatically, as needed"); "View CPU burst capacity accrual for
//   Lightsail instances", .../userguide/cpu-burst-capacity-accrual.html (4.17% of
//   the capacity per hour, at most 24 hours' worth; launch burst capacity outside
//   the limit, amount unpublished); "Monitor ... CPU burst capacity",
//   .../userguide/monitoring-cpu-burst-capacity.html (the $7 plan, 10%, accrues 6
//   minutes of burst at 100% of the instance per hour, i.e. 12 vCPU-minutes). The
//   three pages read 2026-12-02.
// AWSDOCS-EC2-BURSTABLE: Amazon EC2 User Guide, burstable performance instances:
//   "Key concepts and definitions for burstable performance instances",
//   https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-credits-baseline-concepts.html
//   (the credit table: credits earned per hour, maximum earned credits that can be
//   accrued, baseline utilization per vCPU; T3/T3a/T4g default to unlimited and
//   earn no launch credits); "Standard mode concepts", .../UserGuide/
//   burstable-performance-instances-standard-mode-concepts.html (T2 Standard: 30
//   launch credits per vCPU); "Unlimited mode concepts", .../UserGuide/
//   burstable-performance-instances-unlimited-mode-concepts.html (when surplus is
//   charged); "Monitor your CPU credits", .../UserGuide/
//   burstable-performance-instances-monitoring-cpu-credits.html (the balance
//   equations). Read 2026-12-02 in the awsdocs/amazon-ec2-user-guide copy,
//   doc_source/*.md, commit 096556437fd7fdc573353d1b0e7db0909c4708f4.

// EC2 T3, T3a and T4g: launch as unlimited by default, no launch credits.
constexpr BurstCredits t_family(double baseline, double per_hour, double max) {
  return {baseline, per_hour, max, 0, CreditMode::kUnlimited, true, "AWSDOCS-EC2-BURSTABLE"};
}

// Lightsail bundles: the guide gives only the baseline and that a day's earnings
// fill the balance; credits per hour are derived as the EC2 guide defines the
// baseline, baseline * vCPUs * 60. They have no unlimited mode; launch burst
// capacity exists but its amount is unpublished, so none is assumed.
constexpr BurstCredits bundle(double baseline, double per_hour, double max) {
  return {baseline, per_hour, max, 0, CreditMode::kStandard, false, "AWSDOCS-LIGHTSAIL"};
}

constexpr std::array kCatalog = {
    InstanceType{Provider::kEc2, "t3.nano", 2, 0.5, "x86_64", "KARPENTER", t_family(0.05, 6, 144)},
    InstanceType{Provider::kEc2, "t3.micro", 2, 1, "x86_64", "KARPENTER", t_family(0.10, 12, 288)},
    InstanceType{Provider::kEc2, "t3.small", 2, 2, "x86_64", "KARPENTER", t_family(0.20, 24, 576)},
    InstanceType{Provider::kEc2, "t3.medium", 2, 4, "x86_64", "KARPENTER", t_family(0.20, 24, 576)},
    InstanceType{Provider::kEc2, "t3.large", 2, 8, "x86_64", "KARPENTER", t_family(0.30, 36, 864)},
    InstanceType{Provider::kEc2, "t3a.micro", 2, 1, "x86_64", "KARPENTER", t_family(0.10, 12, 288)},
    InstanceType{Provider::kEc2, "t4g.nano", 2, 0.5, "arm64", "KARPENTER", t_family(0.05, 6, 144)},
    InstanceType{Provider::kEc2, "t4g.micro", 2, 1, "arm64", "KARPENTER", t_family(0.10, 12, 288)},
    InstanceType{Provider::kEc2, "t4g.small", 2, 2, "arm64", "KARPENTER", t_family(0.20, 24, 576)},
    InstanceType{Provider::kEc2, "t4g.medium", 2, 4, "arm64", "KARPENTER", t_family(0.20, 24, 576)},
    InstanceType{Provider::kEc2, "t4g.large", 2, 8, "arm64", "KARPENTER", t_family(0.30, 36, 864)},
    InstanceType{Provider::kEc2, "t4g.xlarge", 4, 16, "arm64", "SKYPILOT",
                 t_family(0.40, 96, 2304)},
    InstanceType{Provider::kEc2, "m5.large", 2, 8, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "m5.xlarge", 4, 16, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "m6g.medium", 1, 4, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "m6g.large", 2, 8, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "m6g.xlarge", 4, 16, "arm64", "SKYPILOT"},
    InstanceType{Provider::kEc2, "c5.large", 2, 4, "x86_64", "KARPENTER"},
    InstanceType{Provider::kEc2, "c6g.medium", 1, 2, "arm64", "KARPENTER"},
    InstanceType{Provider::kEc2, "c6g.large", 2, 4, "arm64", "KARPENTER"},
    InstanceType{Provider::kLightsail, "nano_3_0", 2, 0.5, "x86_64", "AWSDOCS-LIGHTSAIL",
                 bundle(0.05, 6, 144)},
    InstanceType{Provider::kLightsail, "micro_3_0", 2, 1, "x86_64", "AWSDOCS-LIGHTSAIL",
                 bundle(0.10, 12, 288)},
    InstanceType{Provider::kLightsail, "small_3_0", 2, 2, "x86_64", "AWSDOCS-LIGHTSAIL",
                 bundle(0.20, 24, 576)},
    InstanceType{Provider::kLightsail, "medium_3_0", 2, 4, "x86_64", "AWSDOCS-LIGHTSAIL",
                 bundle(0.20, 24, 576)},
    InstanceType{Provider::kLightsail, "large_3_0", 2, 8, "x86_64", "AWSDOCS-LIGHTSAIL",
                 bundle(0.30, 36, 864)},
    InstanceType{Provider::kLightsail, "xlarge_3_0", 4, 16, "x86_64", "AWSDOCS-LIGHTSAIL",
                 bundle(0.40, 96, 2304)},
    InstanceType{Provider::kLightsail, "2xlarge_3_0", 8, 32, "x86_64", "AWSDOCS-LIGHTSAIL",
                 bundle(0.40, 192, 4608)},
    // 40% baseline, but it accrues no burst capacity and bursts as needed: no credits.
    InstanceType{Provider::kLightsail, "4xlarge_3_0", 16, 64, "x86_64", "AWSDOCS-LIGHTSAIL",
                 bundle(0.40, 0, 0)},
};

// A burstable type's numbers must agree with each other as the EC2 guide defines
// them: credits per hour = baseline * vCPUs * 60, the cap = 24 hours of earnings.
constexpr bool credits_consistent(const InstanceType& type) {
  const BurstCredits& b = type.burst;
  if (!type.burstable()) return b.max_credits == 0 && b.launch_credits == 0;
  const auto near = [](double x, double y) { return x - y < 1e-9 && y - x < 1e-9; };
  return near(b.credits_per_hour, b.baseline * type.vcpus * 60) &&
         near(b.max_credits, 24 * b.credits_per_hour) && type.vcpus <= CreditAccount::kMaxVcpus;
}
static_assert(std::all_of(kCatalog.begin(), kCatalog.end(), credits_consistent));

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
