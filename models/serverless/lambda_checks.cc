#include "models/serverless/lambda_checks.h"

#include <algorithm>
#include <string>

#include "models/serverless/lambda_function.h"

namespace models {

namespace {

// AWS keeps at least this much of the account's concurrency unreserved
// (AWSDOCS-LAMBDA, reserved concurrency).
constexpr uint64_t kKeptUnreserved = 100;

void check_reservations(const std::vector<const ComponentSpec*>& functions,
                        std::vector<SharedLimitProblem>& problems) {
  uint64_t account = 0;
  for (const ComponentSpec* f : functions) {
    account = std::max<uint64_t>(account, f->config_as<LambdaConfig>().account_concurrency);
  }
  const uint64_t most = account > kKeptUnreserved ? account - kKeptUnreserved : 0;
  uint64_t reserved = 0;
  for (const ComponentSpec* f : functions) {
    const LambdaConfig& c = f->config_as<LambdaConfig>();
    if (!c.reserved_concurrency) continue;
    reserved += *c.reserved_concurrency;
    if (reserved <= most) continue;
    std::string message = "expected reservations that leave the 100 unreserved concurrency AWS ";
    message += "keeps (at most " + std::to_string(most) + " of an account_concurrency of ";
    message += std::to_string(account) + "), found " + std::to_string(reserved);
    message += " reserved up to this function";
    problems.push_back({f->name, "/reserved_concurrency", message});
    return;
  }
}

std::string quoted(const std::string& name) {
  return "\"" + name + "\"";
}

// Functions in a VPC share the region's ENI quota and the subnets they name.
void check_networks(const std::vector<const ComponentSpec*>& functions,
                    std::vector<SharedLimitProblem>& problems) {
  const ComponentSpec* first = nullptr;
  for (const ComponentSpec* f : functions) {
    const auto& vpc = f->config_as<LambdaConfig>().vpc;
    if (!vpc) continue;
    if (!first) {
      first = f;
      continue;
    }
    const VpcConfig& before = *first->config_as<LambdaConfig>().vpc;
    const std::string as = " as " + quoted(first->name) + " (functions share the account's ENIs)";
    if (vpc->model != before.model) {
      problems.push_back(
          {f->name, "/vpc/model", "expected the same model" + as + ", found another"});
    }
    if (vpc->eni_quota != before.eni_quota) {
      problems.push_back(
          {f->name, "/vpc/eni_quota",
           "expected the same eni_quota" + as + ", found " + std::to_string(vpc->eni_quota)});
    }
    if (vpc->enis_in_use != before.enis_in_use) {
      problems.push_back(
          {f->name, "/vpc/enis_in_use",
           "expected the same enis_in_use" + as + ", found " + std::to_string(vpc->enis_in_use)});
    }
  }
}

void check_subnet_sizes(const std::vector<const ComponentSpec*>& functions,
                        std::vector<SharedLimitProblem>& problems) {
  std::vector<std::pair<const ComponentSpec*, const SubnetConfig*>> seen;
  for (const ComponentSpec* f : functions) {
    const auto& vpc = f->config_as<LambdaConfig>().vpc;
    if (!vpc) continue;
    for (size_t i = 0; i < vpc->subnets.size(); ++i) {
      const SubnetConfig& subnet = vpc->subnets[i];
      const auto same = std::find_if(seen.begin(), seen.end(),
                                     [&](const auto& s) { return s.second->name == subnet.name; });
      if (same == seen.end()) {
        seen.emplace_back(f, &subnet);
      } else if (same->second->prefix != subnet.prefix) {
        problems.push_back({f->name, "/vpc/subnets/" + std::to_string(i) + "/cidr",
                            "expected subnet " + quoted(subnet.name) + " to be a /" +
                                std::to_string(same->second->prefix) + " as in " +
                                quoted(same->first->name) + ", found a /" +
                                std::to_string(subnet.prefix)});
      }
    }
  }
}

}  // namespace

std::vector<SharedLimitProblem> check_lambda_functions(
    const std::vector<const ComponentSpec*>& functions) {
  std::vector<SharedLimitProblem> problems;
  check_reservations(functions, problems);
  check_networks(functions, problems);
  check_subnet_sizes(functions, problems);
  return problems;
}

}  // namespace models
