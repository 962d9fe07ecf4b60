// Capacity as an interface of a component: what a scaling policy may see and do
// to a component that has instances (a server fleet, an ECS service's tasks).
//
// Instances move through pending (booting, then waiting for a load balancer's
// health checks) -> in service -> draining -> terminated. An instance launched
// unconfigured serves only once its creator configures it; one whose creator
// gives up half way is a zombie: billed, never serving, until terminated.
// Policies act through the control plane and then call these; they never reach
// into the component otherwise.
#ifndef SCALESIM_MODELS_CONTROL_CAPACITY_H_
#define SCALESIM_MODELS_CONTROL_CAPACITY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/time.h"

namespace models {

enum class InstanceState : uint8_t {
  kPending,    // booting, or waiting for health checks or for its configuration
  kInService,  // receives requests
  kDraining,   // receives nothing new; in-flight requests finish or are cut
  kZombie,     // its creation stopped half way: billed, never serving
};

std::string_view instance_state_name(InstanceState state);

enum class Termination { kDrain, kAtOnce };

struct InstanceView {
  uint64_t id = 0;  // unique within the component for the run: "i-<id>" in events
  InstanceState state = InstanceState::kPending;
  sim::Time launched;
  std::optional<sim::Time> in_service_since;
  uint32_t busy = 0;    // requests (or slots of a session) in service
  uint32_t queued = 0;  // requests waiting
};

struct CapacityCounts {
  uint32_t pending = 0;
  uint32_t in_service = 0;
  uint32_t draining = 0;
  uint32_t zombies = 0;
  // In service with nothing in service or waiting: what an idle-server scaler counts.
  uint32_t idle = 0;
};

class ScalableCapacity {
 public:
  // The instances not yet terminated, oldest launch first.
  virtual std::vector<InstanceView> instances() const = 0;
  // The cloud service whose APIs launch its instances: "ec2", "lightsail".
  virtual std::string_view launch_service() const = 0;
  virtual CapacityCounts counts() const = 0;
  // Launches an instance now (billed from now). With `configured` false it will
  // not serve until configure(). Returns its id, or nothing when the component
  // cannot hold another instance (its quota).
  virtual std::optional<uint64_t> launch(bool configured) = 0;
  // The creator finished setting the instance up. REQUIRES: pending, launched unconfigured.
  virtual void configure(uint64_t id) = 0;
  // The creator gave up setting it up: it becomes a zombie. REQUIRES: pending, unconfigured.
  virtual void abandon(uint64_t id) = 0;
  // Takes an instance out of service. kDrain: behind a load balancer it drains
  // for the deregistration delay (as an Auto Scaling group's scale-in does),
  // otherwise it ends at once. kAtOnce: it ends now, cutting what it serves (a
  // person in the console, a deleted server). Pending instances and zombies end
  // at once either way. REQUIRES: a live id.
  virtual void terminate(uint64_t id, Termination how) = 0;
  // The instance's name in events and messages, such as "i-7".
  static std::string instance_name(uint64_t id) { return "i-" + std::to_string(id); }

 protected:
  ~ScalableCapacity() = default;
};

// A component whose own scheduler keeps a desired count (an ECS service, whose
// desiredCount Application Auto Scaling sets through ecs:UpdateService): a
// policy sets the count, and the component starts and stops instances to match
// it, replacing those that end from outside. A policy that finds this interface
// sets the count rather than launching and terminating instances itself.
class DesiredCountCapacity {
 public:
  virtual uint32_t desired_count() const = 0;
  virtual void set_desired_count(uint32_t count) = 0;
  // The control-plane API that sets it, as "service:Name".
  virtual std::string_view desired_count_api() const = 0;

 protected:
  ~DesiredCountCapacity() = default;
};

}  // namespace models

#endif  // SCALESIM_MODELS_CONTROL_CAPACITY_H_
