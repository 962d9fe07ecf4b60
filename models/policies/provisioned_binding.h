// What the policies on a Lambda function's provisioned concurrency share
// (provisioned_schedule, provisioned_tracking): the prices they bill, the
// architecture that picks them, the amounts AWS accepts, and the row each change
// logs.
#ifndef SCALESIM_MODELS_POLICIES_PROVISIONED_BINDING_H_
#define SCALESIM_MODELS_POLICIES_PROVISIONED_BINDING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/control/controller.h"
#include "models/serverless/provisioned_capacity.h"

namespace models {

// "arm64" or "x86_64": the driven lambda_function's architecture.
std::string provisioned_architecture(const ComponentSpec& driven);
// The price keys of provisioned concurrency on `architecture`: configured
// environments, and the duration of invocations on them.
std::vector<std::string> provisioned_price_keys(const std::string& architecture);
// AWS refuses an amount beyond what the function may provision: the problem at
// `where`, or nothing when `amount` is within it.
std::optional<BindingProblem> check_provisioned_amount(uint32_t amount, const std::string& where,
                                                       const ComponentSpec& driven);
// The driven component's provisioned concurrency. REQUIRES: a lambda_function.
ProvisionedCapacity& provisioned_capacity_of(Component& driven);
// Configures `amount` on `target` and logs a row `provisioned` for `controller`:
// "provisioned concurrency 10 -> 15" (then ", " and `detail`, if any).
void set_and_log_provisioned(ProvisionedCapacity& target, uint32_t amount,
                             const std::string& controller, const std::string& detail,
                             const RunContext& run);

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_PROVISIONED_BINDING_H_
