#include "models/topology/topology.h"

#include <catch2/catch.hpp>

namespace {

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
      {"blue", "server_fleet", {}},
      {"lb", "alb", {{"blue", 9}, {"green", 1}}},
      {"green", "server_fleet", {}},
  };
  models::Topology topology;
  CHECK(models::check_topology(nodes, topology).empty());
  CHECK(topology.entry == 1);
  REQUIRE(topology.order.size() == 3);
  CHECK(topology.order.front() == 1);
}

TEST_CASE("A single fleet is its own entry") {
  models::Topology topology;
  CHECK(models::check_topology({{"web", "server_fleet", {}}}, topology).empty());
  CHECK(topology.order == std::vector<size_t>{0});
}

TEST_CASE("A link to a missing component names both ends") {
  CHECK(messages({{"lb", "alb", {{"wbe", 1}}}, {"web", "server_fleet", {}}}) ==
        std::vector<std::string>{
            "lb/next: \"lb\" forwards to \"wbe\", which is not a component of this strategy",
            "lb/next: \"lb\" (alb) must forward to at least 1 component",
            "web: \"web\" is not reached from the entry \"lb\"; a strategy has exactly one entry",
        });
}

TEST_CASE("A loop is reported with the path it takes") {
  const auto found = messages({{"a", "alb", {{"b", 1}}}, {"b", "alb", {{"a", 1}}}});
  CHECK(std::find(found.begin(), found.end(),
                  "a/next: requests would loop: \"a\" -> \"b\" -> \"a\"") != found.end());
  CHECK(std::find(found.begin(), found.end(),
                  "a: no component is free of predecessors, so none can be the entry") !=
        found.end());
}

TEST_CASE("Components stuck behind a loop are unreachable from the entry") {
  const auto found =
      messages({{"web", "server_fleet", {}}, {"x", "alb", {{"y", 1}}}, {"y", "alb", {{"x", 1}}}});
  CHECK(std::find(found.begin(), found.end(), "x: \"x\" is not reached from the entry \"web\"") !=
        found.end());
  CHECK(std::find(found.begin(), found.end(), "y: \"y\" is not reached from the entry \"web\"") !=
        found.end());
}

TEST_CASE(
    "Kinds must be compatible: a fleet serves, it does not forward; an ALB forwards to fleets") {
  CHECK(messages({{"web", "server_fleet", {{"db", 1}}}, {"db", "server_fleet", {}}}) ==
        std::vector<std::string>{
            "web/next: \"web\" (server_fleet) serves requests itself and cannot forward them"});
  CHECK(messages({{"edge", "alb", {{"inner", 1}}},
                  {"inner", "alb", {{"web", 1}}},
                  {"web", "server_fleet", {}}}) ==
        std::vector<std::string>{"edge/next: \"edge\" (alb) cannot forward to \"inner\" (alb); it "
                                 "forwards to server_fleet"});
}

TEST_CASE("An API gateway forwards to exactly one function") {
  CHECK(
      messages({{"api", "api_gateway", {{"a", 1}, {"b", 1}}},
                {"a", "lambda_function", {}},
                {"b", "lambda_function", {}}}) ==
      std::vector<std::string>{"api/next: \"api\" (api_gateway) forwards to at most 1 component"});
}

TEST_CASE("Forwarding twice to the same component is an error") {
  CHECK(messages({{"lb", "alb", {{"web", 1}, {"web", 2}}}, {"web", "server_fleet", {}}}) ==
        std::vector<std::string>{"lb/next: \"lb\" forwards to \"web\" twice"});
}
