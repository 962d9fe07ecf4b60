// A database billed beside the request path: an RDS DB instance, or an Aurora
// Serverless v2 cluster whose capacity follows the load of the component it
// watches (docs/scenarios.md#database). A strategy controller that drives one
// component: it counts that component's requests without slowing them
// (request_count.h) and bills when the run settles, interval by interval.
//
// With a `latency`, every request the driven component serves waits that long
// for the database during its service (service_wait.h): a strategy's database
// then costs time as well as money. The wait does not grow with the database's
// load or shrink with its size; the scenario says what it is.
#ifndef SCALESIM_MODELS_INFRASTRUCTURE_DATABASE_H_
#define SCALESIM_MODELS_INFRASTRUCTURE_DATABASE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/control/controller.h"
#include "sim/distribution.h"

namespace models {

// Aurora Serverless v2 capacity (AWSDOCS-AURORA "How Aurora Serverless v2 works"):
// each instance has a capacity in ACUs between the cluster's min and max, measured
// every second, changed in increments as small as 0.5 ACU, "the larger the current
// capacity, the larger the scaling increment and thus the faster scaling can happen".
// AWS publishes no rates, so the two below are assumptions a scenario may change:
// every second the capacity rises toward its target by `up_per_second` of itself,
// and after each full minute the target stayed below it, it falls by
// `down_per_minute` of itself; either step is a whole number of 0.5 ACU, at least one.
struct AuroraScaling {
  double min_acu = 0.5;  // 0.5 to 256, in steps of 0.5
  double max_acu = 1;    // min_acu to 256 (128 on older engine versions), at least 1
  // The load one ACU carries: the target capacity is the watched component's
  // request rate over this, rounded up to 0.5 ACU and kept within [min, max].
  double requests_per_second_per_acu = 1;
  double up_per_second = 0.25;    // assumption: AWS publishes no rate
  double down_per_minute = 0.25;  // assumption: AWS publishes no rate
};

struct DatabaseConfig {
  static const ControllerKind& kind();  // "database": drives one component (list below)
  // "mysql" or "postgres" (an RDS DB instance), "aurora-mysql" or
  // "aurora-postgresql" (an Aurora Serverless v2 cluster).
  std::string engine = "postgres";
  // An RDS class from rds_instance_classes(), or "db.serverless" for Aurora.
  std::string instance_class = "db.t4g.micro";
  bool multi_az = false;  // RDS: a standby in a second AZ, billed like the primary
  uint32_t readers = 0;   // Aurora: readers in promotion tier 0-1, scaled with the writer
  // RDS: allocated gp3 storage; Aurora: storage used. GB-months per 730 hours.
  double storage_gb = 20;
  double io_per_request = 0;  // Aurora Standard: storage I/O operations per request
  AuroraScaling aurora;
  // The time each request of the driven component spends in the database, drawn
  // per request; none when unset. The driven kind must serve requests itself.
  std::optional<sim::DurationDistribution> latency;

  bool serverless() const { return engine.starts_with("aurora-"); }
};

// The RDS DB instance classes the model knows (vCPUs and memory are AWS's; which
// are priced depends on the price book): "db.t3.micro", ...
struct RdsInstanceClass {
  std::string_view name;
  int vcpus;
  double memory_gib;
};
const std::vector<RdsInstanceClass>& rds_instance_classes();
inline constexpr double kAuroraMaxAcu = 256;  // ServerlessV2ScalingConfiguration

// The capacity of one Aurora Serverless v2 instance over a run [0, end) whose
// watched component had requests[i] requests in interval i. The capacity starts at
// min_acu. REQUIRES: requests covers [0, end); interval > 0.
struct AcuTrace {
  std::vector<double> acu_seconds;  // per interval
  double measured_acu_seconds = 0;  // within [measure_from, end)
  double measured_peak = 0;         // highest capacity within [measure_from, end)
};
AcuTrace aurora_capacity(const std::vector<double>& requests, sim::Duration interval, sim::Time end,
                         sim::Time measure_from, const AuroraScaling& scaling);

}  // namespace models

#endif  // SCALESIM_MODELS_INFRASTRUCTURE_DATABASE_H_
