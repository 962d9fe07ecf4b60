// A Lambda function's limits as a timeline changes them during a run: the
// account's concurrency (raised by a support case), the function's reservation,
// the region's ENI quota and the function's subnets. What is already running
// keeps running; the new limits apply to what starts from then on. A change AWS
// would refuse is asked about first: the *_refusal() calls say why, or nothing.
#ifndef SCALESIM_MODELS_SERVERLESS_LAMBDA_LIMITS_H_
#define SCALESIM_MODELS_SERVERLESS_LAMBDA_LIMITS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "models/serverless/vpc_config.h"

namespace models {

class LambdaLimits {
 public:
  // The account's concurrency in the region, shared by its functions.
  virtual void set_account_concurrency(uint32_t limit) = 0;
  // Refused below the reservations plus the 100 AWS keeps unreserved, when there
  // are any, and below this function's provisioned concurrency plus 100 when it
  // has some and no reservation.
  virtual std::string account_refusal(uint32_t limit) const = 0;
  // The function's reserved concurrency; nothing: it draws on the unreserved pool.
  virtual void set_reserved_concurrency(std::optional<uint32_t> reserved) = 0;
  // Refused below the function's provisioned concurrency, or beyond what leaves
  // 100 of the account unreserved.
  virtual std::string reservation_refusal(std::optional<uint32_t> reserved) const = 0;
  // Refused beyond the reservation, or the account's limit less 100 (none on the
  // legacy VPC model).
  virtual std::string provisioned_refusal(uint32_t amount) const = 0;
  // The region's ENI quota, and the function's subnets. REQUIRES: the function is in a VPC.
  virtual void set_eni_quota(uint32_t quota) = 0;
  virtual void add_subnet(const SubnetConfig& subnet) = 0;
  virtual void remove_subnet(const std::string& name) = 0;

 protected:
  ~LambdaLimits() = default;
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_LAMBDA_LIMITS_H_
