// alb: an Application Load Balancer listener rule forwarding to weighted target
// groups (each a successor in the topology, such as a server_fleet).
//
// It adds a constant processing latency and picks a target group per request with
// probability proportional to its weight (as ALB weighted forwarding does). The
// routing algorithm inside a target group belongs to the fleet. Billing (hours and
// LCUs) is metered by the pricing models.
#ifndef SCALESIM_MODELS_NETWORK_ALB_H_
#define SCALESIM_MODELS_NETWORK_ALB_H_

#include <vector>

#include "models/request_ring.h"
#include "models/topology/component.h"

namespace models {

struct AlbConfig {
  sim::Duration latency;  // added to every request on its way in
};

class Alb final : public Component, private sim::EventHandler {
 public:
  struct Target {
    Component* component;  // not owned
    double weight;         // > 0
  };

  // REQUIRES: targets is not empty.
  Alb(std::string name, const AlbConfig& config, std::vector<Target> targets,
      const RunContext& context);

  void accept(const Request& request) override;
  uint64_t held() const override { return in_transit_.size(); }

 private:
  void on_event(uint64_t payload) override;
  void forward(const Request& request);

  AlbConfig config_;
  sim::Simulation& sim_;
  sim::RandomStream rng_;
  std::vector<Target> targets_;
  std::vector<double> cumulative_weight_;
  RequestRing in_transit_;  // constant latency keeps arrival order
};

}  // namespace models

#endif  // SCALESIM_MODELS_NETWORK_ALB_H_
