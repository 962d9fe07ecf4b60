#include "models/serverless/vpc_account.h"

#include <algorithm>

namespace models {

void VpcAccount::join(const VpcConfig& config) {
  if (joined_) return;
  joined_ = true;
  quota_ = config.eni_quota;
  enis_ = config.enis_in_use;
  peak_enis_ = enis_;
  create_calls_.emplace(config.create_burst, config.create_per_second);
}

uint32_t VpcAccount::subnet(const std::string& name, uint32_t usable) {
  for (uint32_t i = 0; i < subnets_.size(); ++i) {
    if (subnets_[i].name == name) return i;
  }
  subnets_.push_back({name, usable, 0});
  return static_cast<uint32_t>(subnets_.size() - 1);
}

Outcome VpcAccount::create_eni(uint32_t subnet, sim::Time now, bool throttled) {
  if (throttled && !create_calls_->take(now)) return Outcome::kLambdaThrottled;
  if (enis_ >= quota_) return Outcome::kEniLimit;
  Subnet& s = subnets_[subnet];
  if (s.used >= s.usable) return Outcome::kSubnetIpExhausted;
  ++s.used;
  ++enis_;
  peak_enis_ = std::max(peak_enis_, enis_);
  return Outcome::kOk;
}

void VpcAccount::delete_eni(uint32_t subnet) {
  --subnets_[subnet].used;
  --enis_;
}

VpcAccount::SharedEni VpcAccount::hyperplane_eni(const std::string& key, uint32_t subnet,
                                                 sim::Time ready) {
  for (const SharedEni& eni : hyperplane_) {
    if (eni.key == key) return eni;
  }
  hyperplane_.push_back({key, ready, create_eni(subnet, ready, false)});
  return hyperplane_.back();
}

}  // namespace models
