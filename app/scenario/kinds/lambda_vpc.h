// Reads a lambda_function's "vpc" object and the subnets in it, which a
// timeline's add_subnet reads too (docs/scenarios.md#lambda-in-a-vpc).
// Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_KINDS_LAMBDA_VPC_H_
#define SCALESIM_APP_SCENARIO_KINDS_LAMBDA_VPC_H_

#include <optional>
#include <string>

#include "app/scenario/json_reader.h"
#include "models/serverless/vpc_config.h"

namespace app {

// {"name": "private-a", "cidr": "10.0.0.0/20"}: the address may be left out ("/20").
std::optional<models::SubnetConfig> read_subnet(const Json& value, const std::string& pointer,
                                                Problems& problems);

std::optional<models::VpcConfig> read_vpc(const Json& value, const std::string& pointer,
                                          Problems& problems);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_KINDS_LAMBDA_VPC_H_
