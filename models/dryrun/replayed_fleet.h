// replayed_fleet: a server fleet that serves no request and whose CloudWatch
// metrics come from a recorded history, for `scalesim dry-run`
// (docs/importing.md): a scaling policy is replayed against the metrics a real
// fleet published, without simulating its requests.
//
// Capacity is a real ServerFleet's (server_fleet.h), so instances launch, boot,
// pass a load balancer's health checks, end and are billed exactly as in a run;
// only the metrics it publishes differ. The history is one value per `period`
// from time zero (a gap already filled), measured on `capacity` instances:
//  - cpu (CPUUtilization, Average, percent): the load is value / 100 x capacity
//    whole instances busy; with N instances in service each reads
//    min(100, 100 x load / N) percent, the load spread evenly (as a balancer
//    does) and no instance above 100%. A load beyond the fleet is lost, not queued.
//  - request_count (RequestCount, Sum per period): requests arrive at value /
//    period a second, whatever the capacity.
//  - request_count_per_target (RequestCountPerTarget, Sum per period): value x
//  capacity requests per period in all, divided among the targets in service.
//  - concurrency (servers busy, Average: sessions in progress, for an idle-server
//    scaler): round(value) servers are busy, the oldest in service first; a
//    server not busy is idle, and what no server in service could take is counted
//    as busy demand beyond the fleet (sessions a real fleet would have refused).
// The other metrics read zero: a cpu history has no requests, a request history
// no CPU. Not replayed: CPU credits and a startup load (the fleet serves nothing),
// response times.
#ifndef SCALESIM_MODELS_DRYRUN_REPLAYED_FLEET_H_
#define SCALESIM_MODELS_DRYRUN_REPLAYED_FLEET_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "models/compute/server_fleet.h"
#include "models/network/target_group.h"
#include "sim/periodic_timer.h"

namespace models {

// What a history measures. A replayed_fleet replays the first three; a
// replayed_function (replayed_function.h) the concurrency.
enum class HistoryKind { kCpu, kRequestCount, kRequestCountPerTarget, kConcurrency };

// "cpu", "request_count", "request_count_per_target", "concurrency".
std::string_view history_kind_name(HistoryKind kind);

struct MetricHistory {
  HistoryKind kind = HistoryKind::kCpu;
  sim::Duration period = sim::Duration::minutes(1);
  std::vector<double> values;  // one per period from time zero; past the end, the last
  double capacity = 1;         // instances (targets) the history was measured on; > 0
};

struct ReplayedFleetConfig {
  static const ComponentKind& kind();  // "replayed_fleet": serves no request

  ServerFleetConfig fleet;  // capacity, boot and billing as the fleet replayed
  MetricHistory history;
  // The target group of the load balancer the fleet stood behind, if any: its
  // health checks delay service as in a run.
  std::optional<TargetGroupSettings> target_group;
};

class ReplayedFleet final : public Component,
                            public ScalableCapacity,
                            public MetricSource,
                            private sim::TickHandler {
 public:
  // REQUIRES: history.values not empty, history.period > 0.
  ReplayedFleet(std::string name, const ReplayedFleetConfig& config, const RunContext& context);

  // Component: requests are not expected; one that comes is served by the fleet.
  void accept(const Request& request) override { fleet_.accept(request); }
  int64_t held() const override { return fleet_.held(); }
  void settle(sim::Time end) override;
  void report(MetricList& metrics) const override;

  // ScalableCapacity, the fleet's, with a concurrency history's busy servers
  // marked busy (and not idle).
  std::vector<InstanceView> instances() const override;
  std::string_view launch_service() const override { return fleet_.launch_service(); }
  CapacityCounts counts() const override;
  std::optional<uint64_t> launch(bool configured) override;
  void configure(uint64_t id) override { fleet_.configure(id); }
  void abandon(uint64_t id) override { fleet_.abandon(id); }
  void terminate(uint64_t id, Termination how) override;

  // MetricSource: usage from the history, brought up to now.
  void track_usage() override {}
  UsageSnapshot usage() const override;

  // The instances launched during the run, the only ones a policy's warm-up
  // applies to (the fleet's initial ones are not).
  const std::vector<uint64_t>& launched() const { return launched_; }

 private:
  void on_tick(int tag) override;
  // Integrates the history's usage over [integrated_to_, now), split where an
  // instance entered service or the history's value changes.
  void integrate() const;
  double value_at(sim::Time at) const;
  // A concurrency history's busy servers now, whether or not in service.
  uint32_t busy_now() const;
  // The per-target figure a policy reads for the segment's load on `in_service`
  // instances: CPU percent, or requests a minute (per target for per-target).
  double published_value(double value, uint32_t in_service) const;

  MetricHistory history_;
  sim::Simulation& sim_;
  sim::TimeSeries& series_;
  ServerFleet fleet_;
  sim::PeriodicTimer boundaries_;
  std::vector<uint64_t> launched_;
  uint32_t peak_ = 0;  // instances pending or in service, at most at once

  // Integration state: usage() is const for CloudWatch, but brings it up to date.
  mutable sim::Time integrated_to_;
  mutable std::map<uint64_t, double> busy_seconds_;  // per instance, while in service
  mutable double requests_ = 0;
  mutable double unserved_busy_seconds_ = 0;  // concurrency beyond the servers in service
  sim::TimeSeries::Column metric_column_;     // published_value x 1000 (levels are integers)
  mutable int64_t metric_level_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_DRYRUN_REPLAYED_FLEET_H_
