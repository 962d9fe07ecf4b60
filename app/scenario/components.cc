#include "app/scenario/components.h"

#include <algorithm>
#include <regex>
#include <set>

#include "app/scenario/kinds/kind_table.h"
#include "models/topology/topology.h"

namespace app {

namespace {

// Component names become parts of metric names, stream names and CSV headers.
bool valid_component_name(const std::string& name) {
  static const std::regex kPattern("[A-Za-z][A-Za-z0-9_-]{0,63}");
  return std::regex_match(name, kPattern);
}

// "next": "web", or [{"to": "blue", "weight": 9}, {"to": "green", "weight": 1}].
std::vector<models::Link> read_next(const Json& value, const std::string& pointer,
                                    Problems& problems) {
  std::vector<models::Link> links;
  if (value.is_string()) return {{value.get<std::string>(), 1.0}};
  if (!value.is_array() || value.empty()) {
    problems.expected(pointer, "a component name or a non-empty array of {\"to\", \"weight\"}",
                      &value);
    return links;
  }
  for (size_t i = 0; i < value.size(); ++i) {
    ObjectReader r(value[i], child_pointer(pointer, i), problems,
                   "an object {\"to\": NAME, \"weight\": NUMBER}");
    const auto to = r.string("to", Presence::kRequired);
    const auto weight = r.number("weight", 0, 1e9, true);
    r.reject_unknown_keys();
    if (to) links.push_back({*to, weight.value_or(1.0)});
  }
  return links;
}

std::optional<models::ComponentSpec> read_component(const std::string& name, const Json& value,
                                                    const std::string& pointer,
                                                    Problems& problems) {
  if (!valid_component_name(name)) {
    problems.add(pointer,
                 "expected a component name of letters, digits, '_' and '-' starting with a letter "
                 "(at most 64), found \"" +
                     name + "\"");
  }
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  const auto kind = r.choice("kind", component_kind_names(), Presence::kRequired);
  if (!kind) return std::nullopt;  // other keys can't be judged without the kind
  const ComponentReader& reader = *find_component_reader(*kind);
  r.string("description");
  models::ComponentSpec spec;
  spec.name = name;
  spec.kind = &reader.kind();
  if (const Json* next = r.field("next")) spec.next = read_next(*next, r.pointer("next"), problems);
  if (auto config = reader.read(r)) spec.config = std::move(*config);
  r.reject_unknown_keys();
  if (problems.list().size() != before) return std::nullopt;
  return spec;
}

void check_wiring(const models::StrategyConfig& strategy, const std::string& components_pointer,
                  Problems& problems) {
  models::Topology topology;
  for (const models::TopologyProblem& p :
       models::check_topology(models::topology_nodes(strategy), topology)) {
    std::string pointer = child_pointer(components_pointer, p.node);
    if (p.in_next) pointer += "/next";
    problems.add(pointer, "expected a valid topology, found that " + p.message);
  }
}

}  // namespace

std::optional<models::StrategyConfig> read_strategy(const Json& value, const std::string& pointer,
                                                    Problems& problems) {
  ObjectReader r(value, pointer, problems, "a strategy object");
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  models::StrategyConfig strategy;
  strategy.name = r.string("name", Presence::kRequired).value_or("");
  strategy.description = r.string("description").value_or("");
  const Json* components =
      r.field("components", Presence::kRequired, "an object of named components");
  r.reject_unknown_keys();
  if (components && (!components->is_object() || components->empty())) {
    problems.expected(r.pointer("components"), "an object of named components", components);
  } else if (components) {
    for (const auto& [name, body] : components->items()) {
      auto spec =
          read_component(name, body, child_pointer(r.pointer("components"), name), problems);
      if (spec) strategy.components.push_back(std::move(*spec));
    }
  }
  if (problems.list().size() != before) return std::nullopt;
  check_wiring(strategy, r.pointer("components"), problems);
  if (problems.list().size() != before) return std::nullopt;
  return strategy;
}

}  // namespace app
