// alb: an Application Load Balancer listener rule forwarding to weighted target
// groups (each a successor in the topology: a server_fleet or an ecs_service).
//
// It adds a constant processing latency and picks a target group per request with
// probability proportional to its weight (as ALB weighted forwarding does). The
// routing algorithm inside a target group belongs to the fleet. Billing (hours and
// LCUs) is metered by the pricing models.
#ifndef SCALESIM_MODELS_NETWORK_ALB_H_
#define SCALESIM_MODELS_NETWORK_ALB_H_

#include <vector>

#include "models/network/target_group.h"
#include "models/request_ring.h"
#include "models/topology/component.h"
#include "models/topology/kind.h"

namespace models {

struct AlbConfig {
  static const ComponentKind& kind();  // "alb": forwards to server fleets and ECS services
  sim::Duration latency;               // added to every request on its way in
  // For the LCU dimensions (billing_rules.h). Defaults: every request opens its
  // own connection (no keep-alive), nothing processed, one listener rule.
  double requests_per_connection = 1;
  // Bytes every request adds to the processed-bytes dimension, besides its
  // Request::response_bytes (from the workload's classes).
  double processed_bytes_per_request = 0;
  int rules = 1;
  int availability_zones = 2;  // each holds a node with a public IPv4 address
  // Health checks and draining of the targets behind it (one setting for all
  // its target groups).
  TargetGroupSettings target_group;
};

class Alb final : public Component, private sim::EventHandler {
 public:
  // REQUIRES: targets is not empty; every weight > 0.
  Alb(std::string name, const AlbConfig& config, std::vector<Successor> targets,
      const RunContext& context);

  void accept(const Request& request) override;
  int64_t held() const override { return static_cast<int64_t>(in_transit_.size()); }
  void settle(sim::Time end) override;

 private:
  void on_event(uint64_t payload) override;
  [[gnu::noinline]] void accept_in_new_hour(const Request& request);
  [[gnu::noinline]] void send_after_latency(const Request& request);
  void forward(const Request& request);
  // Picks a target by weight: out of line, so that a lone target's forward() is a jump.
  [[gnu::noinline]] void forward_weighted(const Request& request);
  // Bills the LCUs of every whole hour before the one `now` falls in.
  void close_hours_before(sim::Time now);
  void bill_lcus(sim::Time from, sim::Time to, double requests, double response_bytes);

  AlbConfig config_;
  sim::Simulation& sim_;
  sim::RandomStream rng_;
  std::vector<Successor> targets_;
  std::vector<double> cumulative_weight_;
  RequestRing in_transit_;  // constant latency keeps arrival order

  Ledger* ledger_;
  Ledger::Meter hours_meter_ = 0;
  Ledger::Meter lcu_meter_ = 0;
  Ledger::Meter ipv4_meter_ = 0;
  int64_t hour_ = 0;  // the hour whose requests are being counted
  // Its end: a comparison on the request path, where the hour itself takes a division.
  sim::Time hour_end_ = sim::Time::micros(sim::Duration::hours(1).us());
  double requests_in_hour_ = 0;
  double response_bytes_in_hour_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_NETWORK_ALB_H_
