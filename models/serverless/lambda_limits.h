// A Lambda function's limits as a timeline changes them during a run: the
// account's concurrency (raised by a support case), the function's reservation,
// the region's ENI quota and the function's subnets. What is already running
// keeps running; the new limits apply to what starts from then on.
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
  // The function's reserved concurrency; nothing: it draws on the unreserved pool.
  virtual void set_reserved_concurrency(std::optional<uint32_t> reserved) = 0;
  // The region's ENI quota, and the function's subnets. REQUIRES: the function is in a VPC.
  virtual void set_eni_quota(uint32_t quota) = 0;
  virtual void add_subnet(const SubnetConfig& subnet) = 0;
  virtual void remove_subnet(const std::string& name) = 0;

 protected:
  ~LambdaLimits() = default;
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_LAMBDA_LIMITS_H_
