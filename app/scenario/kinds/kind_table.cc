#include "app/scenario/kinds/kind_table.h"

#include "app/scenario/kinds/ecs_service.h"
#include "models/compute/server_fleet.h"
#include "models/containers/ecs_service.h"
#include "models/infrastructure/database.h"
#include "models/infrastructure/standing_charges.h"
#include "models/infrastructure/traffic_billed.h"
#include "models/network/alb.h"
#include "models/policies/asg.h"
#include "models/policies/idle_target.h"
#include "models/policies/keep_warm.h"
#include "models/policies/provisioned_schedule.h"
#include "models/policies/provisioned_target_tracking.h"
#include "models/policies/timeline.h"
#include "models/serverless/api_gateway.h"
#include "models/serverless/lambda_function.h"

namespace app {

const std::vector<ComponentReader>& component_readers() {
  static const std::vector<ComponentReader> rows = {
      {&models::AlbConfig::kind, read_alb},
      {&models::ApiGatewayConfig::kind, read_api_gateway},
      {&models::EcsServiceConfig::kind, read_ecs_service},
      {&models::LambdaConfig::kind, read_lambda_function},
      {&models::ServerFleetConfig::kind, read_server_fleet},
  };
  return rows;
}

const std::vector<ControllerReader>& controller_readers() {
  static const std::vector<ControllerReader> rows = {
      {&models::AsgConfig::kind, read_asg},
      {&models::IdleTargetConfig::kind, read_idle_target},
      {&models::KeepWarmConfig::kind, read_keep_warm},
      {&models::ProvisionedScheduleConfig::kind, read_provisioned_schedule},
      {&models::ProvisionedTargetTrackingConfig::kind, read_provisioned_target_tracking},
      {&models::TimelineConfig::kind, read_timeline},
      {&models::NatGatewayConfig::kind, read_nat_gateway, false},
      {&models::CloudWatchLogsConfig::kind, read_cloudwatch_logs, false},
      {&models::LoadBalancersConfig::kind, read_load_balancers, false},
      {&models::PublicIpv4Config::kind, read_public_ipv4, false},
      {&models::FixedCostConfig::kind, read_fixed_cost, false},
      {&models::DatabaseConfig::kind, read_database, false},
  };
  return rows;
}

const ComponentReader* find_component_reader(std::string_view kind) {
  for (const ComponentReader& row : component_readers()) {
    if (row.kind().name == kind) return &row;
  }
  return nullptr;
}

const ControllerReader* find_controller_reader(std::string_view kind) {
  for (const ControllerReader& row : controller_readers()) {
    if (row.kind().name == kind) return &row;
  }
  return nullptr;
}

std::vector<std::string> component_kind_names() {
  std::vector<std::string> names;
  for (const ComponentReader& row : component_readers()) names.emplace_back(row.kind().name);
  return names;
}

std::vector<std::string> controller_kind_names() {
  std::vector<std::string> names;
  for (const ControllerReader& row : controller_readers()) names.emplace_back(row.kind().name);
  return names;
}

std::vector<std::string> policy_kind_names() {
  std::vector<std::string> names;
  for (const ControllerReader& row : controller_readers()) {
    if (row.as_policy) names.emplace_back(row.kind().name);
  }
  return names;
}

}  // namespace app
