// A Lambda function's provisioned concurrency as policies see it: what
// Application Auto Scaling sets on a function's alias, by schedule or by
// target tracking.
#ifndef SCALESIM_MODELS_SERVERLESS_PROVISIONED_CAPACITY_H_
#define SCALESIM_MODELS_SERVERLESS_PROVISIONED_CAPACITY_H_

#include <cstdint>

namespace models {

class ProvisionedCapacity {
 public:
  // What is configured now; what of it is allocated (initialised, busy or idle).
  virtual uint32_t provisioned_configured() const = 0;
  virtual uint32_t provisioned_ready() const = 0;
  // Configures `amount` from now on. More environments become ready after the
  // function's allocation delay; fewer are released at once, busy ones when
  // their invocation ends. Billing follows what is configured, not what is ready.
  // REQUIRES: at most the function's concurrency limit.
  virtual void set_provisioned(uint32_t amount) = 0;
  // Since the start of the run, in environment-seconds: provisioned
  // environments busy (pings included), and provisioned environments allocated
  // (ready, busy or idle). Their changes over a period make CloudWatch's
  // ProvisionedConcurrencyUtilization (models/control/cloudwatch.h).
  // REQUIRES: track_provisioned() was called, at time zero.
  virtual double provisioned_busy_seconds() const = 0;
  virtual double provisioned_ready_seconds() const = 0;
  // Starts keeping those two integrals: a function nobody watches skips them.
  virtual void track_provisioned() = 0;

 protected:
  ~ProvisionedCapacity() = default;
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_PROVISIONED_CAPACITY_H_
