// ecs_service: an ECS service of Fargate tasks, the target group of a load
// balancer, whose desired count a policy may change during the run.
//
// Serving is a server fleet's (server_fleet.h), composed rather than copied:
// each task is an instance of an inner ServerFleet that serves up to `slots`
// requests at once, queues, is routed to by the target group's algorithm,
// health-checked and drained as a fleet's instances are, and meters CPU for
// CloudWatch. The service owns the tasks' lives (FleetOwner): when each starts
// and on which capacity provider, how long it takes to start, Spot
// interruptions, and billing.
//
// Scheduler: the service keeps `desired` tasks that are pending or in service,
// split between FARGATE and FARGATE_SPOT by its capacity provider strategy
// (capacity_providers.h). It starts what is missing (each start takes a token
// of its provider's Fargate launch-rate bucket, FargateAccount below), and
// stops what is too many (pending ones first, then the newest in service;
// draining behind a load balancer for its deregistration delay). A task that
// ends from outside, or gets a Spot interruption notice, is replaced. Spot tasks
// never fall back to on-demand: while Fargate has no Spot capacity, the
// service runs short.
//
// A task's start (fargate.h): capacity provisioning, the image pull, then the
// application's start; it registers with the target group after the pull and
// serves once its health checks pass. Billing, per task and per provider, runs
// per second from the image pull with a one-minute minimum (fargate.h).
//
// Spot interruptions (capacity_providers.h): a task's notice takes it out of
// routing at once; what it serves and queues may finish during the notice,
// then the task stops and what is left ends as spot_interrupted. Each notice is
// an event ("spot_interruption") in the run's log, and so is every stretch
// without Spot capacity ("spot_capacity_unavailable").
//
// Policies: ScalableCapacity's launch() raises the desired count by one and
// starts a task at once (nothing when its provider cannot start one now), and
// terminate() lowers it by one and stops that task; DesiredCountCapacity sets
// the count as Application Auto Scaling does (ecs:UpdateService).
#ifndef SCALESIM_MODELS_CONTAINERS_ECS_SERVICE_H_
#define SCALESIM_MODELS_CONTAINERS_ECS_SERVICE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "models/compute/server_fleet.h"
#include "models/containers/capacity_providers.h"
#include "models/containers/fargate.h"
#include "models/control/capacity.h"
#include "models/control/cloudwatch.h"
#include "models/network/target_group.h"
#include "models/token_bucket.h"
#include "models/topology/component.h"
#include "models/topology/kind.h"

namespace models {

struct EcsServiceConfig {
  static const ComponentKind& kind();  // "ecs_service": serves requests itself

  TaskSize size;  // REQUIRES: valid_task_size(size)
  CpuArchitecture architecture = CpuArchitecture::kX86_64;
  uint32_t ephemeral_gb = kFreeEphemeralGb;  // 20-200; above 20 is billed
  uint32_t desired = 1;                      // tasks at time zero
  // How tasks serve: slots, speed, queue_capacity, queue_timeout, routing,
  // running_at_start (whether the first tasks are running at time zero or start
  // then), max_instances (tasks alive at once; 0: the engine's limit) and the
  // startup load. Its instance type, count, boot time, public IPv4 and CPU
  // credits are unused: the service sets them.
  ServerFleetConfig serving;
  TaskStartConfig start;
  std::vector<StrategyItem> strategy = {StrategyItem{}};  // FARGATE, base 0, weight 1
  SpotInterruptionConfig spot;
};

// The account's Fargate task launch rate, one bucket per capacity provider
// (ecs:FargateTaskLaunch and ecs:FargateSpotTaskLaunch in api_catalog.h): every
// service of a run takes its tokens from the same buckets.
class FargateAccount {
 public:
  // At the catalogue's rates (default_apis()).
  FargateAccount();
  // At the rates of `apis` (a strategy's, with its overrides), the first time it
  // is called; later calls (the strategy's other services) change nothing.
  // REQUIRES: no launch has taken a token yet.
  void use_rates(const std::vector<ApiSpec>& apis);
  TokenBucket& launches(CapacityProvider provider) {
    return buckets_[static_cast<size_t>(provider)];
  }
  double per_second(CapacityProvider provider) const {
    return rates_[static_cast<size_t>(provider)];
  }

 private:
  std::array<TokenBucket, kCapacityProviderCount> buckets_;
  std::array<double, kCapacityProviderCount> rates_;
  bool rates_set_ = false;
};

class EcsService final : public Component,
                         public ScalableCapacity,
                         public DesiredCountCapacity,
                         public LoadBalancedTarget,
                         public MetricSource,
                         public WaitingComponent,
                         private FleetOwner,
                         private sim::EventHandler {
 public:
  EcsService(std::string name, const EcsServiceConfig& config, const RunContext& context);

  // Component: requests go to the tasks.
  void accept(const Request& request) override { tasks_.accept(request); }
  int64_t held() const override { return tasks_.held(); }
  void settle(sim::Time end) override { tasks_.settle(end); }
  void report(MetricList& metrics) const override;

  // ScalableCapacity
  std::vector<InstanceView> instances() const override { return tasks_.instances(); }
  std::string_view launch_service() const override { return "ecs"; }
  CapacityCounts counts() const override { return tasks_.counts(); }
  std::optional<uint64_t> launch(bool configured) override;
  void configure(uint64_t id) override;
  void abandon(uint64_t id) override;
  void terminate(uint64_t id, Termination how) override;

  // WaitingComponent: the tasks' requests wait.
  void add_service_wait(ServiceWait& wait) override { tasks_.add_service_wait(wait); }

  // DesiredCountCapacity
  uint32_t desired_count() const override { return desired_; }
  void set_desired_count(uint32_t count) override;
  std::string_view desired_count_api() const override { return "ecs:UpdateService"; }

  // LoadBalancedTarget
  void attach_load_balancer(const TargetGroupSettings& settings) override;

  // MetricSource
  void track_usage() override { tasks_.track_usage(); }
  UsageSnapshot usage() const override { return tasks_.usage(); }

  // The provider task `id` runs on. REQUIRES: a task the service started.
  CapacityProvider provider_of(uint64_t id) const { return records_.at(id).provider; }
  // Tasks pending or in service that the scheduler counts, per provider.
  const ProviderCounts& active() const { return active_; }

 private:
  enum EventKind : uint64_t { kReconcile = 1, kInterrupt = 2, kReplay = 3, kSpotBack = 4 };
  struct TaskRecord {
    CapacityProvider provider = CapacityProvider::kFargate;
    sim::Time bill_from;  // the start of its image pull
    bool alive = false;
    bool counted = false;      // towards the desired count (not stopping)
    bool interrupted = false;  // had its Spot notice
  };
  struct ProviderMeters {
    Ledger::Meter vcpu = 0;
    Ledger::Meter memory = 0;
  };

  static uint64_t payload(EventKind kind, uint64_t value) { return (uint64_t{kind} << 60) | value; }
  void on_event(uint64_t payload) override;

  // FleetOwner (ecs_tasks.cc)
  void bill_instance(uint64_t id, sim::Time launched, sim::Time until, bool stopped) override;
  void instance_ended(uint64_t id) override;

  // The scheduler (ecs_tasks.cc).
  void start_initial_tasks();
  void reconcile();
  void schedule_reconcile(sim::Time at);
  // Starts a task on `provider` now, if its bucket and capacity allow; nothing
  // otherwise (a reconcile is scheduled for when they might).
  std::optional<uint64_t> start_task(CapacityProvider provider, bool initial);
  void stop_task(CapacityProvider provider);
  void uncount(TaskRecord& record);
  bool spot_available() const { return sim_.now() >= spot_unavailable_until_; }

  // Spot interruptions (ecs_tasks.cc).
  void schedule_interruption(uint64_t id);
  void interrupt(uint64_t id);
  void replay(size_t index);

  EcsServiceConfig config_;
  sim::Simulation& sim_;
  sim::TimeSeries& series_;
  EventLog* events_;
  Ledger* ledger_;
  sim::Duration local_offset_;
  std::unique_ptr<FargateAccount> own_account_;  // when the run shares no state (tests)
  FargateAccount* account_;
  sim::RandomStream start_rng_;
  sim::RandomStream spot_rng_;
  ServerFleet tasks_;
  std::optional<TargetGroupSettings> load_balancer_;

  uint32_t desired_ = 0;
  ProviderCounts active_{};
  std::vector<TaskRecord> records_;  // by task id, which the fleet hands out from 0
  sim::Time spot_unavailable_until_;
  sim::Time reconcile_at_ = sim::Time::never();  // the earliest reconcile scheduled

  std::array<ProviderMeters, kCapacityProviderCount> meters_{};
  Ledger::Meter storage_meter_ = 0;

  std::array<sim::TimeSeries::Column, kCapacityProviderCount> tasks_column_{};
  std::array<sim::TimeSeries::Column, kCapacityProviderCount> started_column_{};
  sim::TimeSeries::Column desired_column_;
  sim::TimeSeries::Column interruptions_column_;
  sim::TimeSeries::Column unavailable_column_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_CONTAINERS_ECS_SERVICE_H_
