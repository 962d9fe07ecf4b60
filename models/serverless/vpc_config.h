// How a Lambda function sits in a VPC: its subnets, its security groups, and
// which of AWS's two networking models the scenario runs.
//
// Legacy (before September 2019): each execution environment needs a slot on an
// elastic network interface (ENI) of the function; an ENI holds as many
// environments as fit in 3 GB of their memory (AWS's old sizing formula, peak
// concurrency x memory GB / 3 GB), lives in one subnet and uses one of its
// addresses, and counts against the region's ENI quota beside every other
// resource's ENIs. Creating one is an EC2 API call (CreateNetworkInterface,
// throttled) and adds seconds to the cold start (AWSDOCS-LAMBDA vpc.md 2017-12;
// the about-10-s penalty is from blogs of 2017-2019, secondary).
//
// Hyperplane (since 2019-09-03): one ENI per subnet and security-group set,
// shared by the functions that use the same pair, created before the function
// serves ("a minute or so" in 2019, "several minutes" in 2022), each carrying at
// most 65,000 connections (AWSDOCS-LAMBDA configuration-vpc, foundation-networking).
#ifndef SCALESIM_MODELS_SERVERLESS_VPC_CONFIG_H_
#define SCALESIM_MODELS_SERVERLESS_VPC_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sim/distribution.h"

namespace models {

enum class VpcModel { kLegacy, kHyperplane };

struct SubnetConfig {
  std::string name;
  int prefix = 24;  // the CIDR block's size: /16 (65,536 addresses) to /28 (16)
  // AWS keeps the first four addresses and the last of every subnet (AWSDOCS-VPC).
  uint32_t usable() const { return (uint32_t{1} << (32 - prefix)) - 5; }
  static constexpr int kLargest = 16;
  static constexpr int kSmallest = 28;
};

struct VpcConfig {
  VpcModel model = VpcModel::kHyperplane;
  std::vector<SubnetConfig> subnets;  // REQUIRES: at least one, names unique
  // Hyperplane ENIs are per subnet and this set, in this order (sorted by the loader).
  std::vector<std::string> security_groups;
  // The region's network interface quota: 350 until 2019-12-03, 5,000 since
  // (AWSDOCS-VPC, amazon-vpc-limits.md history). Each model defaults to its era's.
  uint32_t eni_quota = 5000;
  static constexpr uint32_t kLegacyEniQuota = 350;
  // ENIs other resources of the account use in the region (instances, load
  // balancers, NAT gateways): they count against the quota too.
  uint32_t enis_in_use = 0;
  // Legacy: what creating an ENI adds to the cold start that waits for it.
  sim::DurationDistribution eni_create_time =
      sim::DurationDistribution::constant(sim::Duration::seconds(10));
  // Hyperplane: how long a new subnet's ENI takes before it serves.
  sim::Duration hyperplane_create_time = sim::Duration::seconds(90);
  // EC2's CreateNetworkInterface bucket: 100 calls, refilled at 5 a second
  // (EC2-THROTTLE, ~2025), shared by the account's functions.
  double create_burst = 100;
  double create_per_second = 5;
  static constexpr uint32_t kConnectionsPerHyperplaneEni = 65000;

  // Environments of `memory_mb` one legacy ENI holds: 3 GB worth, at least one.
  static uint32_t environments_per_eni(int memory_mb) {
    return memory_mb >= 3072 ? 1 : static_cast<uint32_t>(3072 / memory_mb);
  }
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_VPC_CONFIG_H_
