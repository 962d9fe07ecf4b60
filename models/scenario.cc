#include "models/scenario.h"

#include "models/overloaded.h"

namespace models {

std::string_view kind_of(const ComponentConfig& config) {
  return std::visit(
      Overloaded{[](const ServerFleetConfig&) { return std::string_view("server_fleet"); },
                 [](const AlbConfig&) { return std::string_view("alb"); },
                 [](const LambdaConfig&) { return std::string_view("lambda_function"); },
                 [](const ApiGatewayConfig&) { return std::string_view("api_gateway"); }},
      config);
}

namespace {

std::vector<std::string> fleet_prices(const ServerFleetConfig& fleet) {
  const std::string type(fleet.instance_type->name);
  if (fleet.instance_type->provider == Provider::kLightsail) return {"lightsail.bundle." + type};
  std::vector<std::string> keys = {"ec2.instance." + type};
  if (fleet.public_ipv4) keys.push_back("public_ipv4.hour");
  return keys;
}

std::vector<std::string> lambda_prices(const LambdaConfig& function) {
  const char* arch = function.architecture == Architecture::kArm64 ? "arm64" : "x86_64";
  return {"lambda.requests", std::string("lambda.duration.") + arch};
}

}  // namespace

std::vector<std::string> price_keys(const ComponentConfig& config) {
  return std::visit(
      Overloaded{[](const ServerFleetConfig& fleet) { return fleet_prices(fleet); },
                 [](const AlbConfig&) {
                   return std::vector<std::string>{"alb.hour", "alb.lcu_hour", "public_ipv4.hour"};
                 },
                 [](const LambdaConfig& function) { return lambda_prices(function); },
                 [](const ApiGatewayConfig& api) {
                   return std::vector<std::string>{
                       api.type == ApiType::kRest ? "apigw.rest.requests" : "apigw.http.requests"};
                 }},
      config);
}

std::vector<NodeSpec> topology_nodes(const StrategyConfig& strategy) {
  std::vector<NodeSpec> nodes;
  for (const ComponentSpec& component : strategy.components) {
    nodes.push_back({component.name, std::string(kind_of(component.config)), component.next});
  }
  return nodes;
}

}  // namespace models
