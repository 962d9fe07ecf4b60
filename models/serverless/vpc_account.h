// An account's network interfaces in a region, as Lambda functions in a VPC
// use them: the regional ENI quota, the subnets' free addresses, and EC2's
// CreateNetworkInterface throttle. One per run (SharedState): functions in the
// same subnet take addresses from the same pool, and every ENI counts against
// the one quota. vpc_config.h says where the figures come from.
#ifndef SCALESIM_MODELS_SERVERLESS_VPC_ACCOUNT_H_
#define SCALESIM_MODELS_SERVERLESS_VPC_ACCOUNT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/outcome.h"
#include "models/serverless/vpc_config.h"
#include "models/token_bucket.h"
#include "sim/time.h"

namespace models {

class VpcAccount {
 public:
  // A function in a VPC joins with its config: the first one sets the quota,
  // the ENIs other resources use and the API bucket (a scenario names one
  // account per strategy; the loader checks its functions agree).
  void join(const VpcConfig& config);

  // The subnet called `name`, made with `usable` addresses on first use. The
  // returned number stays valid for the run.
  uint32_t subnet(const std::string& name, uint32_t usable);

  // Creates an ENI in `subnet` at `now`: one CreateNetworkInterface call (a token,
  // whatever the answer), then the quota and the subnet's addresses. Returns kOk,
  // or why not: kLambdaThrottled (EC2 throttled the call), kEniLimit,
  // kSubnetIpExhausted. `throttled` false skips the call's token: Hyperplane ENIs
  // are made by Lambda's service before the function serves.
  Outcome create_eni(uint32_t subnet, sim::Time now, bool throttled = true);
  void delete_eni(uint32_t subnet);

  // The quota from now on. ENIs beyond it stay; new ones fail until below.
  void set_quota(uint32_t quota) { quota_ = quota; }
  uint32_t quota() const { return quota_; }
  // ENIs of every kind in use now, and the most at once.
  uint64_t enis() const { return enis_; }
  uint64_t peak_enis() const { return peak_enis_; }

  // Hyperplane ENIs are shared by every function with the same subnet and
  // security groups: the first one to ask creates it, at `ready` (when it serves).
  struct SharedEni {
    std::string key;  // subnet name and security groups
    sim::Time ready;
    Outcome created = Outcome::kOk;  // or why it could not be
  };
  SharedEni hyperplane_eni(const std::string& key, uint32_t subnet, sim::Time ready);

 private:
  struct Subnet {
    std::string name;
    uint32_t usable = 0;
    uint32_t used = 0;
  };

  bool joined_ = false;
  uint32_t quota_ = 0;
  uint64_t enis_ = 0;  // others' included
  uint64_t peak_enis_ = 0;
  std::vector<Subnet> subnets_;
  std::vector<SharedEni> hyperplane_;
  std::optional<TokenBucket> create_calls_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_VPC_ACCOUNT_H_
