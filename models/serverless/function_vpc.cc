#include "models/serverless/function_vpc.h"

#include <algorithm>

#include "sim/check.h"

namespace models {

FunctionVpc::FunctionVpc(const VpcConfig& config, int memory_mb, VpcAccount& account,
                         sim::RandomStream create_rng, sim::Time now)
    : model_(config.model),
      account_(account),
      create_time_(config.eni_create_time),
      hyperplane_create_time_(config.hyperplane_create_time),
      security_groups_(config.security_groups),
      create_rng_(create_rng),
      per_eni_(VpcConfig::environments_per_eni(memory_mb)) {
  SCALESIM_CHECK(!config.subnets.empty(), "a function's VPC config has no subnet");
  account_.join(config);
  for (const SubnetConfig& subnet : config.subnets) {
    const uint32_t id = account_.subnet(subnet.name, subnet.usable());
    members_.push_back({subnet.name, id, {}});
    // Made with the function, before the run: serving at once.
    if (model_ == VpcModel::kHyperplane) {
      members_.back().hyperplane = account_.hyperplane_eni(hyperplane_key(subnet.name), id, now);
    }
  }
}

std::string FunctionVpc::hyperplane_key(const std::string& subnet) const {
  std::string key = subnet;
  for (const std::string& group : security_groups_) key += "|" + group;
  return key;
}

Outcome FunctionVpc::admit(uint64_t busy, sim::Time now) {
  if (model_ == VpcModel::kLegacy) return Outcome::kOk;
  if (now >= recount_at_) count_ready(now);
  return busy < ready_enis_ * VpcConfig::kConnectionsPerHyperplaneEni ? Outcome::kOk
                                                                      : Outcome::kEniLimit;
}

// Hyperplane ENIs ready now, and when the next one becomes ready.
void FunctionVpc::count_ready(sim::Time now) {
  ready_enis_ = 0;
  recount_at_ = sim::Time::never();
  for (const Member& member : members_) {
    if (member.hyperplane.created != Outcome::kOk) continue;
    if (member.hyperplane.ready <= now) {
      ++ready_enis_;
    } else {
      recount_at_ = std::min(recount_at_, member.hyperplane.ready);
    }
  }
}

FunctionVpc::Placement FunctionVpc::place(sim::Time now) {
  if (model_ == VpcModel::kHyperplane) return {};
  Placement placement;
  if (!open_.empty()) {
    placement.eni = open_.back();
  } else {
    placement.eni = new_eni(now, placement.outcome);
    if (placement.outcome != Outcome::kOk) return placement;
  }
  Eni& eni = enis_[placement.eni];
  if (++eni.attached == per_eni_) {
    open_.erase(std::find(open_.begin(), open_.end(), placement.eni));
  }
  placement.wait = eni.ready > now ? eni.ready - now : sim::Duration();
  return placement;
}

// The next subnet in turn gets the ENI, or fails it: not another with room.
uint32_t FunctionVpc::new_eni(sim::Time now, Outcome& outcome) {
  if (members_.empty()) {
    outcome = Outcome::kSubnetIpExhausted;  // every subnet was removed
    return kNoEni;
  }
  const uint32_t subnet = members_[next_member_++ % members_.size()].subnet;
  outcome = account_.create_eni(subnet, now);
  if (outcome != Outcome::kOk) return kNoEni;
  uint32_t id = 0;
  if (!free_ids_.empty()) {
    id = free_ids_.back();
    free_ids_.pop_back();
  } else {
    id = static_cast<uint32_t>(enis_.size());
    enis_.emplace_back();
  }
  enis_[id] = {subnet, 0, now + create_time_.sample(create_rng_)};
  open_.push_back(id);
  ++enis_created_;
  peak_enis_ = std::max(peak_enis_, ++live_enis_);
  return id;
}

void FunctionVpc::release(uint32_t id) {
  Eni& eni = enis_[id];
  const bool was_full = eni.attached == per_eni_;
  if (--eni.attached == 0) {
    if (!was_full) open_.erase(std::find(open_.begin(), open_.end(), id));
    account_.delete_eni(eni.subnet);
    free_ids_.push_back(id);
    --live_enis_;
  } else if (was_full) {
    open_.push_back(id);
  }
}

void FunctionVpc::add_subnet(const SubnetConfig& subnet, sim::Time now) {
  for (const Member& member : members_) {
    if (member.name == subnet.name) return;
  }
  const uint32_t id = account_.subnet(subnet.name, subnet.usable());
  members_.push_back({subnet.name, id, {}});
  if (model_ == VpcModel::kHyperplane) {
    members_.back().hyperplane =
        account_.hyperplane_eni(hyperplane_key(subnet.name), id, now + hyperplane_create_time_);
    recount_at_ = sim::Time::zero();
  }
}

void FunctionVpc::remove_subnet(const std::string& name) {
  std::erase_if(members_, [&](const Member& member) { return member.name == name; });
  recount_at_ = sim::Time::zero();
}

}  // namespace models
