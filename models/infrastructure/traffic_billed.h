// Infrastructure billed by the traffic of a component it is attached to, beside
// the request path: a NAT gateway and a CloudWatch Logs log group. Both are
// strategy controllers that drive one component (docs/scenarios.md#nat_gateway,
// #cloudwatch_logs); they count its requests without slowing them
// (request_count.h) and bill when the run settles, interval by interval, so the
// spend series shows when the traffic came.
#ifndef SCALESIM_MODELS_INFRASTRUCTURE_TRAFFIC_BILLED_H_
#define SCALESIM_MODELS_INFRASTRUCTURE_TRAFFIC_BILLED_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/control/controller.h"

namespace models {

// NAT gateways: each billed per hour it exists, from the run's start (price
// "nat_gateway.hour"), and all of them per GB they process ("nat_gateway.data"):
// `bytes_per_request` for each request of the component driven. GB are 10^9 bytes.
// With an `instance_type`, NAT instances instead: each billed as an EC2 instance
// per hour ("ec2.instance.<type>", service "ec2", as Cost Explorer shows it), with
// no per-GB charge. Either way each has one public IPv4 address (its Elastic IP),
// billed per hour ("public_ipv4.hour").
struct NatGatewayConfig {
  static const ControllerKind& kind();  // "nat_gateway": drives any one component
  uint32_t count = 1;                   // one per availability zone, often
  double bytes_per_request = 0;
  std::string instance_type;  // empty: a NAT gateway; else an EC2 type ("t4g.nano")
};

// A log group: `bytes_per_request` written per request of the component driven,
// billed when ingested ("cloudwatch_logs.ingestion", per GB) and while stored
// ("cloudwatch_logs.storage", per GB-month of kBillingMonth, 730 hours). Each GB is
// deleted `retention` after it arrived; without one (CloudWatch's default, "Never
// expire") it stays. `stored_gb_at_start` GB are there from the start and stay.
struct CloudWatchLogsConfig {
  static const ControllerKind& kind();  // "cloudwatch_logs": drives any one component
  double bytes_per_request = 0;
  std::optional<sim::Duration> retention;  // none: never expire
  double stored_gb_at_start = 0;
};

// The retention periods CloudWatch Logs offers, in days (PutRetentionPolicy).
const std::vector<int>& cloudwatch_logs_retention_days();

// Logs stored over each interval [i * interval, min((i + 1) * interval, end)), in
// GB-seconds, when `ingested[i]` GB arrive evenly over interval i, each GB is
// deleted `retention` after it arrived (never when none) and `at_start` GB are
// stored from time zero on and kept. REQUIRES: ingested covers [0, end).
std::vector<double> stored_gb_seconds(const std::vector<double>& ingested, sim::Duration interval,
                                      sim::Time end, std::optional<sim::Duration> retention,
                                      double at_start);

}  // namespace models

#endif  // SCALESIM_MODELS_INFRASTRUCTURE_TRAFFIC_BILLED_H_
