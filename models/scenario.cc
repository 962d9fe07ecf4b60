#include "models/scenario.h"

namespace models {

std::vector<std::string> price_keys(const ComponentSpec& component) {
  return component.kind->price_keys ? component.kind->price_keys(component)
                                    : std::vector<std::string>{};
}

std::vector<std::string> price_keys(const ControllerSpec& controller) {
  return controller.kind->price_keys ? controller.kind->price_keys(controller)
                                     : std::vector<std::string>{};
}

std::vector<NodeSpec> topology_nodes(const StrategyConfig& strategy) {
  std::vector<NodeSpec> nodes;
  for (const ComponentSpec& component : strategy.components) {
    nodes.push_back({component.name, component.kind, component.next});
  }
  return nodes;
}

}  // namespace models
