#include "models/scenario.h"

#include "models/overloaded.h"

namespace models {

std::string_view kind_of(const ComponentConfig& config) {
  return std::visit(
      Overloaded{[](const ServerFleetConfig&) { return std::string_view("server_fleet"); },
                 [](const AlbConfig&) { return std::string_view("alb"); }},
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
