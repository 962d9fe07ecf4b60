// server_fleet: instances of one EC2 type or Lightsail bundle, the target group
// of a load balancer, whose number a policy may change during the run.
//
// Each instance serves up to `slots` requests at once; a request routed to a full
// instance waits in that instance's FIFO queue (bounded, with an optional wait
// timeout). Routing is a target-group algorithm: round robin, least outstanding
// requests (ALB's two), or uniformly random, over the instances in service. With
// one instance the fleet is an M/G/c queue with c = slots, which is how the tests
// check it against Erlang C.
//
// Sessions (Request::session) each take a whole idle instance, all its slots, for
// their duration, and are refused (no_capacity) when no instance is idle.
//
// Capacity (capacity.h): `count` instances start at time zero; a policy launches
// and terminates more. A launched instance boots (boot_time), then, behind a
// load balancer, waits for its health checks (target_group.h) before it serves.
// Terminating an instance in service drains it behind a load balancer (nothing
// new; in-flight requests finish, or end as instance_terminated after the
// deregistration delay) and ends it at once otherwise. Billing follows every
// launch: EC2 per second with 60 s minimum per launch, Lightsail per started hour
// up to the bundle's monthly price, per instance.
//
// CPU (fleet_cpu.cc): a request uses CPU while it serves its `work` part; a
// busy slot doing CPU work is 1/slots of the instance's vCPUs. Burstable types
// (T family, every Lightsail bundle) earn and spend CPU credits
// (cpu_credits.h): in standard mode an instance out of credits serves new
// requests at its baseline share of speed until it has earned a credit back;
// in unlimited mode it keeps full speed and its surplus credits are billed.
//
// Outcomes: ok; no_capacity when no instance is in service or the chosen
// instance's queue is full, or no instance is idle for a session; queue_timeout
// when a request waited `queue_timeout`; instance_terminated when its instance
// ended under it (or the outcome its owner gave to drain(), such as
// spot_interrupted).
//
// Owners (FleetOwner): a component that runs its own instances on a fleet, an
// ECS service's tasks, builds the fleet with no instance type and a FleetOwner.
// It starts each instance itself (start()) with the boot it sampled, drains it
// with a deadline of its own (drain()), and bills it when the fleet says so; the
// fleet serves, queues, routes, health-checks and meters CPU as for its own.
#ifndef SCALESIM_MODELS_COMPUTE_SERVER_FLEET_H_
#define SCALESIM_MODELS_COMPUTE_SERVER_FLEET_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/compute/cpu_credits.h"
#include "models/compute/instance_catalog.h"
#include "models/compute/least_outstanding.h"
#include "models/control/capacity.h"
#include "models/control/cloudwatch.h"
#include "models/network/target_group.h"
#include "models/request_ring.h"
#include "models/topology/component.h"
#include "models/topology/kind.h"
#include "models/topology/service_wait.h"
#include "sim/distribution.h"
#include "sim/exact_divider.h"
#include "sim/int128.h"
#include "sim/timer_set.h"

namespace models {

enum class Routing { kRoundRobin, kLeastOutstanding, kRandom };

struct ServerFleetConfig {
  static const ComponentKind& kind();  // "server_fleet": serves requests itself

  const InstanceType* instance_type = nullptr;  // from the catalogue; never null once loaded
  uint32_t count = 1;                           // instances at time zero
  uint32_t slots = 1;                           // concurrent requests per instance
  // How much faster than the workload's reference server this type serves:
  // service time = request work / speed.
  double speed = 1.0;
  sim::DurationDistribution boot_time;
  // Whether the first `count` instances are already running at time zero, or
  // launch then and boot.
  bool running_at_start = true;
  // Whether each instance has a public IPv4 address (billed per hour since
  // 2024-02-01). Lightsail bundles include theirs, so it is never billed for them.
  bool public_ipv4 = false;
  // Waiting requests per instance. The default is Linux's listen backlog before
  // kernel 5.4 (net.core.somaxconn = 128), where an unconfigured server queues.
  uint32_t queue_capacity = 128;
  std::optional<sim::Duration> queue_timeout;
  Routing routing = Routing::kRoundRobin;  // as ALB target groups default to
  // Instances alive at once that the account allows (its quota); a launch past it
  // fails. Zero: only the engine's limit (count x slots within TimerSet's index).
  uint32_t max_instances = 0;
  // CPU credits, for burstable types: whether they are modelled, in which mode
  // (the type's default when unset), and a starting balance per instance (the
  // type's launch credits when unset).
  bool cpu_credits = true;
  std::optional<CreditMode> credit_mode;
  std::optional<double> initial_credits;
  // CPU an instance burns for a while after it boots (the application starting,
  // caches filling), as a share of the whole instance. It counts towards the
  // instance's CPU utilisation and credits, not towards serving: why Auto
  // Scaling's warm-up keeps new instances out of its metrics. None by default.
  sim::Duration startup_duration;
  double startup_share = 0;
};

// A component that runs its own instances on a fleet (ecs_service's tasks).
class FleetOwner {
 public:
  // Bill instance `id`, launched at `launched`, up to `until`; `stopped` says
  // whether it ended then (or is still running at the end of the run).
  virtual void bill_instance(uint64_t id, sim::Time launched, sim::Time until, bool stopped) = 0;
  // Instance `id` has ended (after it was billed), whoever ended it. The owner
  // must start no instance from here: schedule that instead.
  virtual void instance_ended(uint64_t id) = 0;

 protected:
  ~FleetOwner() = default;
};

// How an instance starts: after `boot` (a draw of the config's boot_time when
// unset) it is ready to serve; behind a load balancer it registers with the
// target group `registers_after` its launch (at most its boot), and its health
// checks count from then. An `initial` instance is no launch a policy made: it
// counts in no launch metric, and with the config's running_at_start it skips
// its boot.
struct InstanceStart {
  std::optional<sim::Duration> boot;
  sim::Duration registers_after;
  bool initial = false;
};

// The price key of a fleet's surplus CPU credits: EC2 burstable types in
// unlimited mode with credits modelled; nothing otherwise.
std::optional<std::string> surplus_credit_price_key(const ServerFleetConfig& config);

class ServerFleet final : public Component,
                          public ScalableCapacity,
                          public LoadBalancedTarget,
                          public MetricSource,
                          public WaitingComponent,
                          private sim::EventHandler,
                          private sim::TimerHandler {
 public:
  // With an `owner`, config.instance_type may be null: the owner bills, and
  // there are no CPU credits. REQUIRES: `owner` outlives the fleet.
  ServerFleet(std::string name, const ServerFleetConfig& config, const RunContext& context,
              FleetOwner* owner = nullptr);

  // Component
  void accept(const Request& request) override;
  int64_t held() const override { return static_cast<int64_t>(busy_total_ + queued_total_); }
  void settle(sim::Time end) override;
  void report(MetricList& metrics) const override;

  // ScalableCapacity
  std::vector<InstanceView> instances() const override;
  std::string_view launch_service() const override {
    return config_.instance_type ? provider_name(config_.instance_type->provider) : "";
  }
  CapacityCounts counts() const override;
  std::optional<uint64_t> launch(bool configured) override;
  void configure(uint64_t id) override;
  void abandon(uint64_t id) override;
  void terminate(uint64_t id, Termination how) override;

  // LoadBalancedTarget
  void attach_load_balancer(const TargetGroupSettings& settings) override;

  // MetricSource
  void track_usage() override { track_cpu_ = true; }
  UsageSnapshot usage() const override;

  // WaitingComponent: requests (not sessions) wait on `wait` during their service.
  void add_service_wait(ServiceWait& wait) override { waits_.add(wait); }

  // For owners: starts an instance now; nothing when the fleet holds no more
  // (max_instances, or the timer index).
  std::optional<uint64_t> start(const InstanceStart& start);
  // For owners: takes instance `id` out of routing now, lets what it serves and
  // queues finish for at most `limit`, then ends it, ending what is left with
  // `cut`. Ends it at once when it is not in service (pending: nothing to
  // finish). On an instance already draining only an earlier deadline applies.
  // REQUIRES: a live id.
  void drain(uint64_t id, sim::Duration limit, Outcome cut);

  // Whether instance `id` is out of CPU credits and serving at its baseline.
  bool throttled(uint64_t id) const;
  double credit_balance(uint64_t id) const;

 private:
  enum EventKind : uint64_t {
    kQueueTimer = 1,
    kBooted = 2,
    kHealthy = 3,
    kDrainDeadline = 4,
    kCreditCheck = 5,
    kStartupDone = 6,
  };

  // What every request reads (state, busy, queue, throttled, and with CPU
  // tracking the rate and its integral) comes first, in the first cache line of
  // a record, so a request touches one line of its instance (two with tracking:
  // cpu_since is the next line's first field) however many instances there are.
  struct alignas(64) Instance {
    InstanceState state = InstanceState::kPending;
    bool throttled = false;
    bool timer_armed = false;
    uint32_t busy = 0;
    RequestRing queue;
    // CPU use: the sum of busy slots' CPU rates (kCpuUnit = one slot's full CPU)
    // and its integral, brought up to date lazily at each change.
    int64_t cpu_rate = 0;
    sim::Int128 cpu_area = 0;  // kCpuUnit x microseconds
    sim::Time cpu_since;
    bool alive = false;
    bool configured = true;
    bool booted = false;
    uint64_t id = 0;
    uint32_t generation = 0;  // events carry it, so a reused record ignores stale ones
    sim::Time launched;       // billing runs from the launch request, boot included
    sim::Time registered;  // with its load balancer's target group: health checks count from here
    Outcome cut_outcome = Outcome::kInstanceTerminated;  // what its end does to what it still holds
    sim::Time in_service_since;
    sim::Int128 cpu_area_at_service = 0;  // cpu_area when it entered service
    sim::Int128 cpu_area_booked = 0;      // what the credit account has seen...
    sim::Time credits_booked_at;          // ...up to this instant
    std::optional<CreditAccount> credits;
    int64_t startup_rate = 0;  // part of cpu_rate: the startup load, while it lasts
  };
  static_assert(offsetof(Instance, cpu_area) + sizeof(sim::Int128) <= 64,
                "the request path's fields of an instance outgrew their cache line");

  // A slot's request, alone in a cache line: a completion reads one line of it,
  // where a request with its instance beside it straddled two. A slot's
  // instance is its number divided by slots (slot_divider_), and its CPU rate
  // is in slot_cpu_rates_.
  struct alignas(64) InService {
    Request request;
  };
  static_assert(sizeof(InService) == 64, "a slot's request outgrew its cache line");

  static constexpr int64_t kCpuUnit = 1 << 16;

  // Payload layout: kind in the top 4 bits, generation in the next 28, the
  // instance's record in the low 32.
  uint64_t payload(EventKind kind, uint32_t instance) const {
    return (uint64_t{kind} << 60) |
           (uint64_t{instances_[instance].generation & 0x0fffffffu} << 32) | instance;
  }
  void on_event(uint64_t payload) override;
  void on_timer(uint32_t slot) override { complete(slot); }

  // Request path (server_fleet.cc).
  static constexpr uint32_t kNoInstance = UINT32_MAX;
  uint32_t instance_of(uint32_t slot) const { return slot_divider_.divide(slot); }
  // The instance in service that takes the next request; kNoInstance when none.
  uint32_t route();
  void admit(const Request& request);  // accept(), after any service waits were drawn
  [[gnu::noinline]] void complete_then_serve(uint32_t slot);  // complete(), not the common case
  // complete()'s two halves: the ended request's CPU and response time on its
  // instance, then its slot back on the instance's free list (`released`: all
  // the instance's slots for a session).
  void count_response(uint32_t slot, Instance& state);
  void release_slots(uint32_t slot, uint32_t instance, uint32_t released);
  void accept_session(const Request& request);
  // Returns the slot it took.
  uint32_t start_service(uint32_t instance, const Request& request);
  void complete(uint32_t slot);
  void enqueue(uint32_t instance, const Request& request);
  void expire_waiting(uint32_t instance);
  // Whether the request at the head of the instance's queue has waited the
  // queue timeout by `now` (reaching it exactly counts).
  bool head_expired(const Instance& state, sim::Time now) const {
    return config_.queue_timeout && !state.queue.empty() &&
           state.queue.front().since + *config_.queue_timeout <= now;
  }
  void arm_queue_timer(uint32_t instance);
  double speed_of(const Instance& instance) const;

  // Lifecycle (fleet_lifecycle.cc).
  uint32_t find(uint64_t id) const;
  std::optional<uint32_t> allocate_record();
  std::optional<uint64_t> start_instance(bool configured, const InstanceStart& start);
  void start_draining(uint32_t instance, sim::Duration limit);
  void booted(uint32_t instance);
  void enter_service_when_ready(uint32_t instance);
  void enter_service(uint32_t instance);
  void leave_routing(uint32_t instance);
  void cut_everything(uint32_t instance);
  void end(uint32_t instance);
  void bill(const Instance& instance, sim::Time until, bool stopped);
  void change_state_level(InstanceState state, int64_t delta);

  // CPU and credits (fleet_cpu.cc).
  void start_credits_model();
  void start_startup_load(uint32_t instance);
  void end_startup_load(uint32_t instance);
  // The instance's CPU use, at most all of it: a startup load on top of busy
  // slots saturates the CPU rather than exceed it.
  int64_t effective_cpu_rate(const Instance& instance) const {
    const int64_t all = kCpuUnit * config_.slots;
    return instance.cpu_rate < all ? instance.cpu_rate : all;
  }
  // Integrates the instance's CPU use up to now, then changes its rate. Inline:
  // with a scaling policy, every request's start and end come here.
  void track_cpu(Instance& instance, int64_t rate_delta) {
    const sim::Time now = sim_.now();
    instance.cpu_area +=
        static_cast<sim::Int128>(effective_cpu_rate(instance)) * (now - instance.cpu_since).us();
    instance.cpu_since = now;
    instance.cpu_rate += rate_delta;
  }
  void schedule_credit_check(uint32_t instance);
  uint32_t cpu_rate_of(const Request& request, sim::Duration service) const;
  void start_credits(uint32_t instance);
  void check_credits(uint32_t instance);
  void book_credits(Instance& instance);
  void bill_surplus(sim::Time from, sim::Time to, double credits);

  ServerFleetConfig config_;
  sim::Simulation& sim_;
  sim::TimeSeries& series_;
  EventLog* events_;
  FleetOwner* owner_;
  ServiceWaits waits_;  // a database's queries, added to each request's fixed time
  sim::RandomStream boot_rng_;
  sim::RandomStream routing_rng_;
  // Random routing's next draw, made one request ahead: the instance it names
  // among those in service now is prefetched, so that with hundreds of instances
  // the next request finds its record in cache. The draw is scaled to the
  // instances in service when used, so the choices are below()'s.
  uint64_t next_route_draw_;
  Ledger* ledger_;
  Ledger::Meter instance_meter_ = 0;
  Ledger::Meter ipv4_meter_ = 0;
  Ledger::Meter credit_meter_ = 0;
  std::optional<TargetGroupSettings> load_balancer_;
  bool track_cpu_ = false;
  bool model_credits_ = false;
  CreditMode credit_mode_ = CreditMode::kStandard;

  std::vector<Instance> instances_;  // records, reused after an instance ends
  std::vector<uint32_t> free_records_;
  uint64_t next_id_ = 0;
  uint32_t alive_ = 0;
  // Slots are numbered record * slots + k. Their end times are in completions_.
  std::vector<InService> in_service_;
  sim::ExactDivider slot_divider_;        // by slots: from a slot to its record
  std::vector<uint32_t> slot_cpu_rates_;  // per slot, its request's share of cpu_rate
  std::vector<uint32_t> free_slots_;      // per record, a stack of its free slot numbers
  sim::TimerSet completions_;
  std::vector<uint32_t> running_;       // in service, for round robin, random and sessions
  LeastOutstanding least_outstanding_;  // in service, by outstanding requests
  size_t round_robin_next_ = 0;
  size_t session_cursor_ = 0;
  uint64_t busy_total_ = 0;
  uint64_t queued_total_ = 0;
  // For CloudWatch: requests accepted, and the response time of those finished.
  uint64_t accepted_ = 0;
  int64_t response_us_ = 0;
  uint64_t responses_ = 0;

  sim::TimeSeries::Column in_service_column_;
  // Filled span by span: a request's wait is added when it leaves the queue (one
  // call instead of a change at each end), and those still waiting at settle().
  sim::TimeSeries::Column queued_column_;
  sim::TimeSeries::Column slots_column_;
  sim::TimeSeries::Column running_column_;
  sim::TimeSeries::Column pending_column_;
  sim::TimeSeries::Column draining_column_;
  sim::TimeSeries::Column zombies_column_;
  sim::TimeSeries::Column instances_column_;
  sim::TimeSeries::Column launches_column_;
  sim::TimeSeries::Column terminations_column_;
  sim::TimeSeries::Column zombies_created_column_;
  sim::TimeSeries::Column throttled_column_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_COMPUTE_SERVER_FLEET_H_
