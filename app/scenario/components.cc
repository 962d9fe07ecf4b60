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

// What the loader knows of each component of a strategy, even one whose own
// keys had problems: enough to judge the controllers that drive it.
struct Declared {
  std::string name;
  const models::ComponentKind* kind;  // null when its "kind" was wrong
  const models::ComponentSpec* spec;  // null when it had problems
};

// A controller read, and where: its calls' problems point into its object.
struct ReadController {
  models::ControllerSpec spec;
  std::string pointer;
};

std::string with_article(std::string_view word) {
  const bool vowel = !word.empty() && std::string_view("aeiou").find(word[0]) != std::string::npos;
  return (vowel ? "an " : "a ") + std::string(word);
}

std::string kinds_text(const std::vector<std::string_view>& kinds) {
  std::string text;
  for (std::string_view k : kinds) text += (text.empty() ? "" : " or ") + with_article(k);
  return text;
}

// Reads a controller object ({"kind": one of `kinds`, its keys}) into a spec that
// drives `drives`. `extra_keys` are allowed beside the kind's own keys.
std::optional<models::ControllerSpec> read_controller(const std::string& name, const Json& value,
                                                      const std::string& pointer,
                                                      Problems& problems,
                                                      std::vector<std::string> drives,
                                                      const std::vector<std::string>& extra_keys,
                                                      const std::vector<std::string>& kinds) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  const auto kind = r.choice("kind", kinds, Presence::kRequired);
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

bool can_drive(const models::ControllerKind& controller, std::string_view kind) {
  const auto& kinds = controller.drives;
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// A component's "policy": "fixed" (the default: nothing changes its capacity)
// or a controller object, which becomes the controller "<component>.policy".
void read_policy(const Declared& component, const Json& value, const std::string& pointer,
                 Problems& problems, std::vector<ReadController>& controllers) {
  if (value.is_string() && value.get<std::string>() == "fixed") return;
  if (!value.is_object()) {
    problems.expected(pointer, "\"fixed\" or a policy object with a \"kind\"", &value);
    return;
  }
  auto spec = read_controller(component.name + ".policy", value, pointer, problems,
                              {component.name}, {}, policy_kind_names());
  if (!spec || !component.kind) return;
  if (!can_drive(*spec->kind, component.kind->name)) {
    problems.add(pointer, "expected a policy only on a component " +
                              with_article(spec->kind->name) + " can scale (" +
                              kinds_text(spec->kind->drives) + "), found one on \"" +
                              component.name + "\", " + with_article(component.kind->name));
    return;
  }
  controllers.push_back({std::move(*spec), pointer});
}

std::optional<models::ComponentSpec> read_component(const std::string& name, const Json& value,
                                                    const std::string& pointer, Problems& problems,
                                                    std::vector<ReadController>& controllers,
                                                    const models::ComponentKind*& declared_kind) {
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
  declared_kind = &reader.kind();
  r.string("description");
  models::ComponentSpec spec;
  spec.name = name;
  spec.kind = &reader.kind();
  if (const Json* next = r.field("next")) spec.next = read_next(*next, r.pointer("next"), problems);
  if (auto config = reader.read(r)) spec.config = std::move(*config);
  const Json* policy = r.field("policy");
  r.reject_unknown_keys();
  // The policy is judged even when the component's own keys are wrong.
  if (policy) {
    read_policy({name, declared_kind, nullptr}, *policy, r.pointer("policy"), problems,
                controllers);
  }
  if (problems.list().size() != before) return std::nullopt;
  return spec;
}

const Declared* find_declared(const std::vector<Declared>& declared, const std::string& name) {
  for (const Declared& d : declared) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

// "controllers": {"NAME": {"kind": ..., "drives": "COMPONENT", ...}}
void read_controllers(const Json& value, const std::string& pointer, Problems& problems,
                      const std::vector<Declared>& declared,
                      std::vector<ReadController>& controllers) {
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
    const Json* target = body.is_object() && body.contains("drives") ? &body.at("drives") : nullptr;
    // Billed infrastructure such as public_ipv4 drives no component.
    const Json* kind = body.is_object() && body.contains("kind") ? &body.at("kind") : nullptr;
    const ControllerReader* reader =
        kind && kind->is_string() ? find_controller_reader(kind->get<std::string>()) : nullptr;
    if (reader && reader->kind().max_driven == 0) {
      if (target) {
        problems.add(child_pointer(at, "drives"),
                     "expected no \"drives\": " + with_article(reader->kind().name) +
                         " drives no component");
      }
      auto spec =
          read_controller(name, body, at, problems, {}, {"drives"}, controller_kind_names());
      if (spec && !target) controllers.push_back({std::move(*spec), at});
      continue;
    }
    std::vector<std::string> drives;
    if (target && target->is_string()) drives.push_back(target->get<std::string>());
    if (drives.empty()) {
      problems.expected(child_pointer(at, "drives"), "the name of the component it drives", target);
    }
    auto spec =
        read_controller(name, body, at, problems, drives, {"drives"}, controller_kind_names());
    if (!spec || drives.empty()) continue;
    const Declared* component = find_declared(declared, drives.front());
    if (!component) {
      problems.expected(child_pointer(at, "drives"), "a component of this strategy", target);
      continue;
    }
    if (!component->kind) continue;  // its own problem is reported already
    if (!can_drive(*spec->kind, component->kind->name)) {
      problems.add(child_pointer(at, "drives"),
                   "expected a component that " + with_article(spec->kind->name) + " can drive (" +
                       kinds_text(spec->kind->drives) + "), found \"" + component->name + "\", " +
                       with_article(component->kind->name));
      continue;
    }
    controllers.push_back({std::move(*spec), at});
  }
}

// Only one controller may decide a component's capacity.
void check_capacity_owners(const std::vector<ReadController>& controllers, Problems& problems) {
  for (size_t i = 0; i < controllers.size(); ++i) {
    if (!controllers[i].spec.kind->sets_capacity) continue;
    for (size_t j = 0; j < i; ++j) {
      if (!controllers[j].spec.kind->sets_capacity ||
          controllers[j].spec.drives != controllers[i].spec.drives)
        continue;
      problems.add(controllers[i].pointer,
                   "expected a component no other controller scales, found \"" +
                       controllers[i].spec.drives.front() + "\", scaled by \"" +
                       controllers[j].spec.name + "\" already");
      break;
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

// Each kind with limits its components share checks them together.
void check_shared_limits(const models::StrategyConfig& strategy,
                         const std::string& components_pointer, Problems& problems) {
  std::vector<const models::ComponentKind*> kinds;
  for (const models::ComponentSpec& component : strategy.components) {
    if (component.kind->check_together &&
        std::find(kinds.begin(), kinds.end(), component.kind) == kinds.end())
      kinds.push_back(component.kind);
  }
  for (const models::ComponentKind* kind : kinds) {
    std::vector<const models::ComponentSpec*> of_kind;
    for (const models::ComponentSpec& component : strategy.components) {
      if (component.kind == kind) of_kind.push_back(&component);
    }
    for (const models::SharedLimitProblem& p : kind->check_together(of_kind))
      problems.add(child_pointer(components_pointer, p.component) + p.where, p.message);
  }
}

}  // namespace

std::optional<models::StrategyConfig> read_strategy(const Json& value, const std::string& pointer,
                                                    Problems& problems, const RunClock* clock) {
  ObjectReader r(value, pointer, problems, "a strategy object");
  if (!r.valid()) return std::nullopt;
  const size_t before = problems.list().size();
  models::StrategyConfig strategy;
  strategy.name = r.string("name", Presence::kRequired).value_or("");
  if (r.field("name") && r.field("name")->is_string() && strategy.name.empty()) {
    problems.expected(r.pointer("name"), "a strategy name that is not empty", r.field("name"));
  }
  strategy.description = r.string("description").value_or("");
  const Json* components =
      r.field("components", Presence::kRequired, "an object of named components");
  const Json* controllers = r.field("controllers");
  const Json* control_plane = r.field("control_plane");
  r.reject_unknown_keys();
  std::vector<Declared> declared;
  std::vector<ReadController> read;
  if (components && (!components->is_object() || components->empty())) {
    problems.expected(r.pointer("components"), "an object of named components", components);
  } else if (components) {
    for (const auto& [name, body] : components->items()) {
      const models::ComponentKind* kind = nullptr;
      auto spec = read_component(name, body, child_pointer(r.pointer("components"), name), problems,
                                 read, kind);
      declared.push_back({name, kind, nullptr});
      if (spec) strategy.components.push_back(std::move(*spec));
    }
  }
  const bool components_ok = problems.list().size() == before;
  if (controllers) {
    read_controllers(*controllers, r.pointer("controllers"), problems, declared, read);
  }
  if (control_plane) {
    strategy.control_apis =
        read_control_plane(*control_plane, r.pointer("control_plane"), problems);
  }
  check_capacity_owners(read, problems);
  for (ReadController& controller : read) {
    for (const models::ComponentSpec& component : strategy.components) {
      if (controller.spec.drives.empty() || component.name != controller.spec.drives.front())
        continue;
      if (controller.spec.kind->bind) controller.spec.kind->bind(controller.spec, component);
      if (!controller.spec.kind->check) continue;
      for (const models::BindingProblem& p :
           controller.spec.kind->check(controller.spec, component))
        problems.add(controller.pointer + p.where, p.message);
    }
    if (clock && controller.spec.kind->check_times) {
      for (const models::BindingProblem& p :
           controller.spec.kind->check_times(controller.spec, clock->local_offset, clock->horizon))
        problems.add(controller.pointer + p.where, p.message);
    }
    check_calls(controller.spec, strategy.control_apis, controller.pointer, problems);
    strategy.controllers.push_back(std::move(controller.spec));
  }
  if (components_ok) {
    check_wiring(strategy, r.pointer("components"), problems);
    check_shared_limits(strategy, r.pointer("components"), problems);
  }
  if (problems.list().size() != before) return std::nullopt;
  return strategy;
}

}  // namespace app
