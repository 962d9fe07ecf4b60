#include "models/policies/provisioned_binding.h"

#include "models/serverless/lambda_function.h"
#include "sim/check.h"

namespace models {

std::string provisioned_architecture(const ComponentSpec& driven) {
  const bool arm = driven.config_as<LambdaConfig>().architecture == Architecture::kArm64;
  return arm ? "arm64" : "x86_64";
}

std::vector<std::string> provisioned_price_keys(const std::string& architecture) {
  return {"lambda.provisioned." + architecture, "lambda.provisioned_duration." + architecture};
}

std::optional<BindingProblem> check_provisioned_amount(uint32_t amount, const std::string& where,
                                                       const ComponentSpec& driven) {
  const LambdaConfig& function = driven.config_as<LambdaConfig>();
  if (amount <= function.most_provisioned()) return std::nullopt;
  return BindingProblem{where, "expected at most " + function.most_provisioned_text() + " of \"" +
                                   driven.name + "\", found " + std::to_string(amount)};
}

ProvisionedCapacity& provisioned_capacity_of(Component& driven) {
  auto* target = dynamic_cast<ProvisionedCapacity*>(&driven);
  SCALESIM_CHECK(target != nullptr,
                 "a provisioned concurrency policy drives a non-Lambda component");
  return *target;
}

void set_and_log_provisioned(ProvisionedCapacity& target, uint32_t amount,
                             const std::string& controller, const std::string& detail,
                             const RunContext& run) {
  const uint32_t before = target.provisioned_configured();
  target.set_provisioned(amount);
  if (!run.events) return;
  run.events->add(run.simulation.now(), controller, "provisioned",
                  "provisioned concurrency " + std::to_string(before) + " -> " +
                      std::to_string(amount) + (detail.empty() ? "" : ", " + detail));
}

}  // namespace models
