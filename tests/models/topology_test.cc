#include "models/topology/topology.h"

#include <catch2/catch.hpp>

#include "models/compute/server_fleet.h"
#include "models/network/alb.h"
#include "models/serverless/api_gateway.h"
#include "models/serverless/lambda_function.h"

namespace {

const models::ComponentKind* const kFleet = &models::ServerFleetConfig::kind();
const models::ComponentKind* const kAlb = &models::AlbConfig::kind();
const models::ComponentKind* const kApi = &models::ApiGatewayConfig::kind();
const models::ComponentKind* const kLambda = &models::LambdaConfig::kind();

std::vector<std::string> messages(const std::vector<models::NodeSpec>& nodes) {
  models::Topology topology;
  std::vector<std::string> out;
  for (const auto& p : models::check_topology(nodes, topology)) {
    out.push_back(p.node + (p.in_next ? "/next: " : ": ") + p.message);
  }
  return out;
}

}  // namespace

TEST_CASE("A load balancer in front of two weighted fleets is a valid topology, entry first") {
  const std::vector<models::NodeSpec> nodes = {
      {"blue", kFleet, {}},
      {"lb", kAlb, {{"blue", 9}, {"green", 1}}},
      {"green", kFleet, {}},
  };
  models::Topology topology;
  CHECK(models::check_topology(nodes, topology).empty());
  CHECK(topology.entry == 1);
  REQUIRE(topology.order.size() == 3);
  CHECK(topology.order.front() == 1);
}

TEST_CASE("A single fleet is its own entry") {
  models::Topology topology;
  CHECK(models::check_topology({{"web", kFleet, {}}}, topology).empty());
  CHECK(topology.order == std::vector<size_t>{0});
}

TEST_CASE("A link to a missing component names both ends") {
  CHECK(messages({{"lb", kAlb, {{"wbe", 1}}}, {"web", kFleet, {}}}) ==
        std::vector<std::string>{
            "lb/next: \"lb\" forwards to \"wbe\", which is not a component of this strategy",
            "lb/next: \"lb\" (alb) must forward to at least 1 component",
            "web: \"web\" is not reached from the entry \"lb\"; a strategy has exactly one entry",
        });
}

TEST_CASE("A loop is reported with the path it takes") {
  const auto found = messages({{"a", kAlb, {{"b", 1}}}, {"b", kAlb, {{"a", 1}}}});
  CHECK(std::find(found.begin(), found.end(),
                  "a/next: requests would loop: \"a\" -> \"b\" -> \"a\"") != found.end());
  CHECK(std::find(found.begin(), found.end(),
                  "a: no component is free of predecessors, so none can be the entry") !=
        found.end());
}

TEST_CASE("Components stuck behind a loop are unreachable from the entry") {
  const auto found =
      messages({{"web", kFleet, {}}, {"x", kAlb, {{"y", 1}}}, {"y", kAlb, {{"x", 1}}}});
  CHECK(std::find(found.begin(), found.end(), "x: \"x\" is not reached from the entry \"web\"") !=
        found.end());
  CHECK(std::find(found.begin(), found.end(), "y: \"y\" is not reached from the entry \"web\"") !=
        found.end());
}

TEST_CASE(
    "Kinds must be compatible: a fleet serves, it does not forward, an ALB forwards to fleets") {
  CHECK(messages({{"web", kFleet, {{"db", 1}}}, {"db", kFleet, {}}}) ==
        std::vector<std::string>{
            "web/next: \"web\" (server_fleet) serves requests itself and cannot forward them"});
  CHECK(messages(
            {{"edge", kAlb, {{"inner", 1}}}, {"inner", kAlb, {{"web", 1}}}, {"web", kFleet, {}}}) ==
        std::vector<std::string>{"edge/next: \"edge\" (alb) cannot forward to \"inner\" (alb); it "
                                 "forwards to server_fleet or ecs_service"});
}

TEST_CASE("An API gateway forwards to exactly one function") {
  CHECK(
      messages({{"api", kApi, {{"a", 1}, {"b", 1}}}, {"a", kLambda, {}}, {"b", kLambda, {}}}) ==
      std::vector<std::string>{"api/next: \"api\" (api_gateway) forwards to at most 1 component"});
}

TEST_CASE("Forwarding twice to the same component is an error") {
  CHECK(messages({{"lb", kAlb, {{"web", 1}, {"web", 2}}}, {"web", kFleet, {}}}) ==
        std::vector<std::string>{"lb/next: \"lb\" forwards to \"web\" twice"});
}
