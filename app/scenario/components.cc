#include "app/scenario/components.h"

#include <algorithm>
#include <regex>
#include <set>

#include "app/scenario/control_plane.h"
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

// Reads a controller object ({"kind": ..., its keys}) into a spec that drives
// `drives`. `extra_keys` are allowed beside the kind's own keys.
std::optional<models::ControllerSpec> read_controller(const std::string& name, const Json& value,
                                                      const std::string& pointer,
                                                      Problems& problems,
                                                      std::vector<std::string> drives,
                                                      const std::vector<std::string>& extra_keys) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  const auto kind = r.choice("kind", controller_kind_names(), Presence::kRequired);
  if (!kind) return std::nullopt;
  const ControllerReader& reader = *find_controller_reader(*kind);
  r.string("description");
  for (const std::string& key : extra_keys) r.allow(key);
  models::ControllerSpec spec;
  spec.name = name;
  spec.kind = &reader.kind();
  spec.drives = std::move(drives);
  if (auto config = reader.read(r)) spec.config = std::move(*config);
  r.reject_unknown_keys();
  if (problems.list().size() != before) return std::nullopt;
  return spec;
}

// Whether `controller` may drive a component of `kind`; notes a problem at
// `pointer` when not.
bool check_drives(const models::ControllerKind& controller, std::string_view kind,
                  const std::string& pointer, const Json* found, Problems& problems,
                  const std::string& component) {
  const auto& kinds = controller.drives;
  if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) return true;
  std::string allowed;
  for (std::string_view k : kinds) allowed += (allowed.empty() ? "" : " or ") + std::string(k);
  problems.expected(pointer,
                    "a component that a " + std::string(controller.name) + " can drive (" +
                        allowed + "), found \"" + component + "\", a " + std::string(kind),
                    found);
  return false;
}

// A component's "policy": "fixed" (the default: nothing changes its capacity)
// or a controller object, which becomes the controller "<component>.policy".
void read_policy(const models::ComponentSpec& component, const Json& value,
                 const std::string& pointer, Problems& problems,
                 std::vector<models::ControllerSpec>& controllers) {
  if (value.is_string() && value.get<std::string>() == "fixed") return;
  if (!value.is_object()) {
    problems.expected(pointer, "\"fixed\" or a policy object with a \"kind\"", &value);
    return;
  }
  auto spec =
      read_controller(component.name + ".policy", value, pointer, problems, {component.name}, {});
  if (!spec) return;
  const size_t before = problems.list().size();
  const std::string kind(component.kind->name);
  if (!check_drives(*spec->kind, kind, child_pointer(pointer, "kind"), nullptr, problems,
                    component.name)) {
    return;
  }
  if (problems.list().size() == before) controllers.push_back(std::move(*spec));
}

std::optional<models::ComponentSpec> read_component(
    const std::string& name, const Json& value, const std::string& pointer, Problems& problems,
    std::vector<models::ControllerSpec>& controllers) {
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
  const Json* policy = r.field("policy");
  r.reject_unknown_keys();
  if (problems.list().size() != before) return std::nullopt;
  if (policy) read_policy(spec, *policy, r.pointer("policy"), problems, controllers);
  return spec;
}

// "controllers": {"NAME": {"kind": ..., "drives": "COMPONENT" or [...], ...}}
void read_controllers(const Json& value, const std::string& pointer, Problems& problems,
                      models::StrategyConfig& strategy) {
  if (!value.is_object()) {
    problems.expected(pointer, "an object of named controllers", &value);
    return;
  }
  for (const auto& [name, body] : value.items()) {
    const std::string at = child_pointer(pointer, name);
    if (!valid_component_name(name)) {
      problems.add(at,
                   "expected a controller name of letters, digits, '_' and '-' starting with "
                   "a letter (at most 64), found \"" +
                       name + "\"");
      continue;
    }
    std::vector<std::string> drives;
    const Json* target = body.is_object() && body.contains("drives") ? &body.at("drives") : nullptr;
    if (target && target->is_string()) {
      drives.push_back(target->get<std::string>());
    } else {
      problems.expected(child_pointer(at, "drives"), "the name of a component it drives", target);
      continue;
    }
    auto spec = read_controller(name, body, at, problems, drives, {"drives"});
    if (!spec) continue;
    const auto component =
        std::find_if(strategy.components.begin(), strategy.components.end(),
                     [&](const models::ComponentSpec& c) { return c.name == drives.front(); });
    if (component == strategy.components.end()) {
      problems.expected(child_pointer(at, "drives"), "a component of this strategy", target);
      continue;
    }
    if (check_drives(*spec->kind, component->kind->name, child_pointer(at, "drives"), target,
                     problems, component->name)) {
      strategy.controllers.push_back(std::move(*spec));
    }
  }
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
  const Json* controllers = r.field("controllers");
  const Json* control_plane = r.field("control_plane");
  r.reject_unknown_keys();
  if (components && (!components->is_object() || components->empty())) {
    problems.expected(r.pointer("components"), "an object of named components", components);
  } else if (components) {
    for (const auto& [name, body] : components->items()) {
      auto spec = read_component(name, body, child_pointer(r.pointer("components"), name), problems,
                                 strategy.controllers);
      if (spec) strategy.components.push_back(std::move(*spec));
    }
  }
  if (problems.list().size() != before) return std::nullopt;
  if (controllers) read_controllers(*controllers, r.pointer("controllers"), problems, strategy);
  if (control_plane) {
    strategy.control_apis =
        read_control_plane(*control_plane, r.pointer("control_plane"), problems);
  }
  check_wiring(strategy, r.pointer("components"), problems);
  if (problems.list().size() != before) return std::nullopt;
  check_calls(strategy, r.pointer(), problems);
  if (problems.list().size() != before) return std::nullopt;
  return strategy;
}

}  // namespace app
