// The scenario loader's table of kinds: each row pairs a kind's model row
// (models::ComponentKind or models::ControllerKind, beside the model) with the
// function that reads its JSON object. Adding a kind means one reader file in
// this folder and one row in kind_table.cc (docs/architecture.md has the recipe).
// Internal to the loader.
#ifndef SCALESIM_APP_SCENARIO_KINDS_KIND_TABLE_H_
#define SCALESIM_APP_SCENARIO_KINDS_KIND_TABLE_H_

#include <any>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/scenario/json_reader.h"
#include "models/control/controller.h"
#include "models/topology/kind.h"

namespace app {

// Reads the kind's own keys from a component or controller object (the generic
// keys "kind", "description", "next", "policy" and "drives" are read by the
// caller) into the kind's config, or returns nothing after noting problems.
// Unknown keys are reported by the caller after the reader ran.
using ConfigReader = std::optional<std::any> (*)(ObjectReader& r);

struct ComponentReader {
  const models::ComponentKind& (*kind)();
  ConfigReader read;
};

struct ControllerReader {
  const models::ControllerKind& (*kind)();
  ConfigReader read;
  // Whether a component's "policy" may be of this kind; billed infrastructure is
  // declared only among a strategy's "controllers".
  bool as_policy = true;
};

const std::vector<ComponentReader>& component_readers();
const std::vector<ControllerReader>& controller_readers();
// nullptr for an unknown name.
const ComponentReader* find_component_reader(std::string_view kind);
const ControllerReader* find_controller_reader(std::string_view kind);
std::vector<std::string> component_kind_names();
std::vector<std::string> controller_kind_names();
std::vector<std::string> policy_kind_names();

// The readers, one per kind, each in its own file of this folder.
std::optional<std::any> read_server_fleet(ObjectReader& r);
std::optional<std::any> read_alb(ObjectReader& r);
std::optional<std::any> read_lambda_function(ObjectReader& r);
std::optional<std::any> read_api_gateway(ObjectReader& r);
std::optional<std::any> read_asg(ObjectReader& r);
std::optional<std::any> read_idle_target(ObjectReader& r);
std::optional<std::any> read_keep_warm(ObjectReader& r);
std::optional<std::any> read_provisioned_schedule(ObjectReader& r);
std::optional<std::any> read_provisioned_target_tracking(ObjectReader& r);
std::optional<std::any> read_timeline(ObjectReader& r);
// Billed infrastructure that serves no request (billed_infrastructure.cc).
std::optional<std::any> read_nat_gateway(ObjectReader& r);
std::optional<std::any> read_cloudwatch_logs(ObjectReader& r);
std::optional<std::any> read_load_balancers(ObjectReader& r);
std::optional<std::any> read_public_ipv4(ObjectReader& r);
std::optional<std::any> read_fixed_cost(ObjectReader& r);
// An RDS DB instance or an Aurora Serverless v2 cluster (database.cc).
std::optional<std::any> read_database(ObjectReader& r);

}  // namespace app

#endif  // SCALESIM_APP_SCENARIO_KINDS_KIND_TABLE_H_
