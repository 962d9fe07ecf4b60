// What the Lambda functions of one strategy share, checked together at load:
// they run in one account, so their reservations must leave AWS's 100
// unreserved, and in a VPC they see one ENI quota and one set of subnets.
#ifndef SCALESIM_MODELS_SERVERLESS_LAMBDA_CHECKS_H_
#define SCALESIM_MODELS_SERVERLESS_LAMBDA_CHECKS_H_

#include <vector>

#include "models/topology/kind.h"

namespace models {

// REQUIRES: every spec is a lambda_function's.
std::vector<SharedLimitProblem> check_lambda_functions(
    const std::vector<const ComponentSpec*>& functions);

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_LAMBDA_CHECKS_H_
