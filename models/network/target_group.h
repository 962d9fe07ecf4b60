// What a load balancer's target group tells the instances behind it: how a new
// instance proves itself healthy before it gets requests, and how long a
// deregistered one may drain.
//
// Defaults are ALB's (Health checks for Application Load Balancer target groups,
// and the deregistration delay section of "Target groups for your Application
// Load Balancers", docs.aws.amazon.com/elasticloadbalancing; docs/sources.md):
// a check every 30 s, 5 consecutive passes to become healthy, 300 s of draining.
#ifndef SCALESIM_MODELS_NETWORK_TARGET_GROUP_H_
#define SCALESIM_MODELS_NETWORK_TARGET_GROUP_H_

#include "sim/time.h"

namespace models {

struct TargetGroupSettings {
  sim::Duration health_check_interval = sim::Duration::seconds(30);
  // Consecutive passing checks a newly registered target needs. The ALB page
  // also says a new target "must pass one health check"; set 1 for that reading.
  int healthy_threshold = 5;
  sim::Duration deregistration_delay = sim::Duration::seconds(300);

  // When a target registered at `registered` and ready to answer at `ready`
  // passes its checks: checks run at registered + k * interval (k >= 1), and the
  // first passing one must be followed by healthy_threshold - 1 more.
  sim::Time healthy_at(sim::Time registered, sim::Time ready) const {
    const int64_t interval = health_check_interval.us();
    const int64_t since = (ready - registered).us();
    const int64_t first = since <= interval ? 1 : (since + interval - 1) / interval;
    return registered + sim::Duration::micros((first + healthy_threshold - 1) * interval);
  }
};

// A component that can stand behind a load balancer's target group.
class LoadBalancedTarget {
 public:
  // Called once, before the run starts, by the load balancer in front.
  virtual void attach_load_balancer(const TargetGroupSettings& settings) = 0;

 protected:
  ~LoadBalancedTarget() = default;
};

}  // namespace models

#endif  // SCALESIM_MODELS_NETWORK_TARGET_GROUP_H_
