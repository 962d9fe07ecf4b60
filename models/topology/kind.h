// A kind of component (alb, server_fleet, lambda_function, ...) as one row of
// data: its name, how it may be wired, how to build it and what it bills. The
// row lives beside the model (its .cc), the config type names it
// (Config::kind()), and the scenario loader pairs it with a JSON reader in its
// own table (app/scenario/kinds/). docs/architecture.md has the recipe for
// adding a kind.
//
// ComponentSpec carries a kind's config type-erased, so that adding a kind
// touches no shared variant, visitor or switch.
#ifndef SCALESIM_MODELS_TOPOLOGY_KIND_H_
#define SCALESIM_MODELS_TOPOLOGY_KIND_H_

#include <any>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "models/topology/topology.h"
#include "sim/check.h"

namespace models {

class Component;
struct ComponentSpec;
struct RunContext;

// A component a request may be forwarded to, built before the one that forwards.
struct Successor {
  Component* component;  // not owned
  double weight;         // share of requests, relative to the other successors
};

// A problem among the components of one kind in a strategy: limits they share
// (an account's concurrency, a subnet's size) that they disagree on or exceed
// together. `where` is a JSON pointer below the component named `component`.
struct SharedLimitProblem {
  std::string component;
  std::string where;
  std::string message;  // "expected ..., found ..."
};

struct ComponentKind {
  std::string_view name;
  bool can_be_entry = true;
  // Kinds it may forward requests to; empty for a kind that serves requests itself.
  std::vector<std::string_view> forwards_to;
  size_t min_next = 0;
  size_t max_next = 0;
  // Builds the component. `next` holds its successors in the order of its links.
  std::unique_ptr<Component> (*make)(const ComponentSpec& spec, const std::vector<Successor>& next,
                                     const RunContext& context) = nullptr;
  // The price book keys the component bills, so the loader can check the book
  // has them before anything runs.
  std::vector<std::string> (*price_keys)(const ComponentSpec& spec) = nullptr;
  // Checks the strategy's components of this kind together, in the order
  // declared; null when they share nothing.
  std::vector<SharedLimitProblem> (*check_together)(
      const std::vector<const ComponentSpec*>& components) = nullptr;
};

// A kind's config struct, carried type-erased by a spec and read back as its
// type. REQUIRES of config_as: Config is that type (a spec's kind and config
// come from the same row).
struct TypedConfig {
  std::any config;

  template <class Config>
  const Config& config_as() const {
    const Config* typed = std::any_cast<Config>(&config);
    SCALESIM_CHECK(typed != nullptr, "a config is not of its kind's type");
    return *typed;
  }
  template <class Config>
  Config& config_as() {
    Config* typed = std::any_cast<Config>(&config);
    SCALESIM_CHECK(typed != nullptr, "a config is not of its kind's type");
    return *typed;
  }
};

// One component of a strategy, as the scenario describes it.
struct ComponentSpec : TypedConfig {
  std::string name;
  const ComponentKind* kind = nullptr;
  std::vector<Link> next;

  ComponentSpec() = default;
  // Any config type with a static `kind()` naming its row.
  template <class Config>
  ComponentSpec(std::string component_name, std::vector<Link> links, Config component_config)
      : TypedConfig{std::move(component_config)},
        name(std::move(component_name)),
        kind(&Config::kind()),
        next(std::move(links)) {}
};

}  // namespace models

#endif  // SCALESIM_MODELS_TOPOLOGY_KIND_H_
