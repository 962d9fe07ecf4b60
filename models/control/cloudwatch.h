// Metrics as CloudWatch publishes them: per period (one minute, as with EC2
// detailed monitoring), after a delay, from what the components report.
//
// A component that can be watched (a MetricSource) reports cumulative usage; at
// each period's end CloudWatch turns the change since the last period into
// datapoints (each instance's CPU utilisation, the requests its target group
// received, their mean response time) and hands them to each subscriber `delay`
// after the period ends: a policy sees the last minute only once it is
// published. CloudWatch documents no publication delay; its old developer guide
// said metrics are "generally available within one minute" of the period's end
// (docs/sources.md: AWSDOCS-CLOUDWATCH), so one minute is the default.
#ifndef SCALESIM_MODELS_CONTROL_CLOUDWATCH_H_
#define SCALESIM_MODELS_CONTROL_CLOUDWATCH_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "models/request_ring.h"
#include "sim/periodic_timer.h"
#include "sim/simulation.h"

namespace models {

// Cumulative usage of a component since the start of the run.
struct InstanceUsage {
  uint64_t id;
  sim::Time in_service_since;
  // The instance's CPU utilisation integrated over time: seconds of the whole
  // instance busy (CPU utilisation 1 for one second adds 1).
  double cpu_busy_seconds;
};
struct UsageSnapshot {
  std::vector<InstanceUsage> in_service;  // instances in service now
  uint64_t requests = 0;                  // requests the component received
  double response_seconds = 0;            // summed over requests it finished
  uint64_t responses = 0;
  // A Lambda function's provisioned environments, in environment-seconds:
  // busy ones and allocated ones (provisioned_capacity.h).
  double provisioned_busy_seconds = 0;
  double provisioned_ready_seconds = 0;
};

class MetricSource {
 public:
  // Called once when someone subscribes: start keeping what usage() reports
  // (a source may skip the bookkeeping nobody reads).
  virtual void track_usage() = 0;
  virtual UsageSnapshot usage() const = 0;

 protected:
  ~MetricSource() = default;
};

// One period's datapoints of one source, as published.
struct InstanceDatapoint {
  uint64_t id;
  sim::Time in_service_since;
  double cpu_percent;  // CPUUtilization, average over its part of the period in service
};
struct Datapoints {
  sim::Time period_start;
  sim::Time period_end;
  std::vector<InstanceDatapoint> instances;       // those in service at the period's end
  double request_count = 0;                       // RequestCount of its target group
  std::optional<double> target_response_seconds;  // TargetResponseTime, average
  // A Lambda function's ProvisionedConcurrencyUtilization, average: busy
  // provisioned environments over allocated ones, each averaged over the period.
  // Nothing when no provisioned environment was busy in the period: Lambda
  // emits the metric with invocations (AWSDOCS-LAMBDA, 2022 metrics table).
  std::optional<double> provisioned_utilization;
  double provisioned_allocated = 0;  // allocated environments, mean over the period
};

class MetricSubscriber {
 public:
  virtual void on_published(int tag, const Datapoints& datapoints) = 0;

 protected:
  ~MetricSubscriber() = default;
};

class CloudWatch final : private sim::TickHandler, private sim::EventHandler {
 public:
  static constexpr sim::Duration kPeriod = sim::Duration::minutes(1);
  static constexpr sim::Duration kDefaultDelay = sim::Duration::minutes(1);

  explicit CloudWatch(sim::Simulation& simulation);
  CloudWatch(const CloudWatch&) = delete;
  CloudWatch& operator=(const CloudWatch&) = delete;

  // From now on, every period's datapoints of `source` reach `subscriber`
  // (with `tag`) `delay` after the period ends. Periods are aligned to time
  // zero. REQUIRES: both outlive the run; delay >= 0.
  void subscribe(MetricSource& source, MetricSubscriber& subscriber, int tag, sim::Duration delay);

 private:
  struct Subscription {
    MetricSource* source;
    MetricSubscriber* subscriber;
    int tag;
    sim::Duration delay;
    UsageSnapshot last;  // sorted by id
    sim::Time last_at;
    Ring<Datapoints> unpublished;  // in period order, each published at end + delay
  };

  void on_tick(int tag) override;
  void on_event(uint64_t subscription) override;
  Datapoints measure(Subscription& subscription);

  sim::Simulation& sim_;
  sim::PeriodicTimer periods_;
  std::vector<std::unique_ptr<Subscription>> subscriptions_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_CONTROL_CLOUDWATCH_H_
