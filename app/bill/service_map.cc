#include "app/bill/service_map.h"

#include <cctype>

namespace app {

namespace {

// Lower case, spaces and hyphens dropped: "EC2 - Other" and "EC2-Other" match.
std::string folded(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == ' ' || c == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

const std::vector<BillMapping>& bill_mappings() {
  static const std::vector<BillMapping> kMappings = {
      {"ec2", {"Amazon Elastic Compute Cloud - Compute", "EC2-Instances"}, ""},
      {"nat_gateway",
       {"EC2 - Other", "EC2-Other"},
       "EBS volumes and snapshots, data transfer and idle Elastic IPs"},
      {"alb", {"Amazon Elastic Load Balancing", "Elastic Load Balancing"}, ""},
      {"public_ipv4",
       {"Amazon Virtual Private Cloud", "VPC", "Virtual Private Cloud"},
       "VPN connections, VPC endpoints and IPAM"},
      {"lambda", {"AWS Lambda", "Lambda"}, ""},
      {"api_gateway", {"Amazon API Gateway", "API Gateway"}, ""},
      {"cloudwatch_logs",
       {"AmazonCloudWatch", "Amazon CloudWatch", "CloudWatch"},
       "metrics, alarms and dashboards"},
      {"rds", {"Amazon Relational Database Service", "Relational Database Service", "RDS"}, ""},
      {"lightsail", {"Amazon Lightsail", "Lightsail"}, ""},
      {"fargate",
       {"Amazon Elastic Container Service", "Elastic Container Service", "ECS"},
       "charges of ECS itself beside Fargate's"},
  };
  return kMappings;
}

const BillMapping* map_bill_service(std::string_view aws_name) {
  const std::string key = folded(aws_name);
  for (const BillMapping& m : bill_mappings()) {
    for (std::string_view name : m.aws_names) {
      if (folded(name) == key) return &m;
    }
  }
  return nullptr;
}

}  // namespace app
