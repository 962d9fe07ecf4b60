// function_vpc: a Lambda function's network interfaces in its VPC, on either of
// AWS's models (vpc_config.h).
//
// Legacy: a new execution environment takes a slot on one of the function's
// ENIs, or needs a new ENI. New ENIs go to the function's subnets in turn, one
// subnet each: subnets are not pooled, so a full subnet fails its share of new
// ENIs while another has room. Creating one goes through the account
// (vpc_account.h): EC2's throttle, the regional quota, the subnet's addresses;
// the environment waits until it is ready, as do environments that join it
// meanwhile. An ENI is deleted when its last environment is reclaimed.
//
// Hyperplane: the function has one shared ENI per subnet, made before the run
// (or, for a subnet added during it, ready after the creation time). It serves
// while at least one of them is ready and its invocations fit their connections.
#ifndef SCALESIM_MODELS_SERVERLESS_FUNCTION_VPC_H_
#define SCALESIM_MODELS_SERVERLESS_FUNCTION_VPC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "models/outcome.h"
#include "models/serverless/vpc_account.h"
#include "models/serverless/vpc_config.h"
#include "sim/random.h"

namespace models {

class FunctionVpc {
 public:
  // Joins `account` and, on the Hyperplane model, makes the function's ENIs,
  // ready at `now`. REQUIRES: `config` has at least one subnet.
  FunctionVpc(const VpcConfig& config, int memory_mb, VpcAccount& account,
              sim::RandomStream create_rng, sim::Time now);

  static constexpr uint32_t kNoEni = UINT32_MAX;
  struct Placement {
    Outcome outcome = Outcome::kOk;  // or why the environment cannot be made
    uint32_t eni = kNoEni;           // its slot, to release(); kNoEni on Hyperplane
    sim::Duration wait;              // until its ENI is ready
  };

  // Whether an invocation may start now, with `busy` already running: on
  // Hyperplane, a ready ENI with a free connection; always on the legacy model.
  Outcome admit(uint64_t busy, sim::Time now);
  // Whether place() would need a new ENI (legacy): the caller may first
  // reclaim expired environments, freeing slots.
  bool needs_new_eni() const { return model_ == VpcModel::kLegacy && open_.empty(); }
  // A new environment's network interface.
  Placement place(sim::Time now);
  // The environment on `eni` was reclaimed. REQUIRES: eni from place(), not kNoEni.
  void release(uint32_t eni);

  // Timeline changes: a subnet joins the function's configuration, or leaves it
  // (ENIs already in it stay until their environments are reclaimed).
  void add_subnet(const SubnetConfig& subnet, sim::Time now);
  void remove_subnet(const std::string& name);
  void set_quota(uint32_t quota) { account_.set_quota(quota); }

  uint64_t enis_created() const { return enis_created_; }
  uint64_t peak_enis() const { return peak_enis_; }

 private:
  struct Eni {
    uint32_t subnet = 0;    // the account's number
    uint32_t attached = 0;  // environments on it
    sim::Time ready;
  };
  struct Member {  // a subnet of the function's configuration
    std::string name;
    uint32_t subnet;
    VpcAccount::SharedEni hyperplane;  // its shared ENI, on Hyperplane
  };

  uint32_t new_eni(sim::Time now, Outcome& outcome);
  void count_ready(sim::Time now);
  std::string hyperplane_key(const std::string& subnet) const;

  VpcModel model_;
  VpcAccount& account_;
  sim::DurationDistribution create_time_;
  sim::Duration hyperplane_create_time_;
  std::vector<std::string> security_groups_;
  sim::RandomStream create_rng_;
  uint32_t per_eni_;
  std::vector<Member> members_;
  size_t next_member_ = 0;  // where the next new ENI goes
  std::vector<Eni> enis_;
  std::vector<uint32_t> open_;                // ENIs with a free slot
  std::vector<uint32_t> free_ids_;            // ENI numbers to reuse
  uint64_t ready_enis_ = 0;                   // Hyperplane: serving now
  sim::Time recount_at_ = sim::Time::zero();  // when ready_enis_ may change next
  uint64_t live_enis_ = 0;
  uint64_t enis_created_ = 0;
  uint64_t peak_enis_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_FUNCTION_VPC_H_
