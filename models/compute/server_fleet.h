// server_fleet: N instances of one EC2 type or Lightsail bundle behind a load
// balancer's target group.
//
// Each instance serves up to `slots` requests at once; a request routed to a full
// instance waits in that instance's FIFO queue (bounded, with an optional wait
// timeout). Routing is a target-group algorithm: round robin, least outstanding
// requests (ALB's two), or uniformly random. With one instance the fleet is an
// M/G/c queue with c = slots, which is how the tests check it against Erlang C.
//
// Sessions (Request::session) each take a whole idle instance, all its slots, for
// their duration, and are refused (no_capacity) when no instance is idle.
//
// Outcomes: ok; no_capacity when no instance is running or the chosen instance's
// queue is full, or no instance is idle for a session; queue_timeout when a
// request waited `queue_timeout`.
#ifndef SCALESIM_MODELS_COMPUTE_SERVER_FLEET_H_
#define SCALESIM_MODELS_COMPUTE_SERVER_FLEET_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "models/compute/instance_catalog.h"
#include "models/compute/least_outstanding.h"
#include "models/request_ring.h"
#include "models/topology/component.h"
#include "models/topology/kind.h"
#include "sim/distribution.h"
#include "sim/timer_set.h"

namespace models {

enum class Routing { kRoundRobin, kLeastOutstanding, kRandom };

struct ServerFleetConfig {
  static const ComponentKind& kind();           // "server_fleet": serves requests itself
  const InstanceType* instance_type = nullptr;  // from the catalogue; never null once loaded
  uint32_t count = 1;
  uint32_t slots = 1;  // concurrent requests per instance
  // How much faster than the workload's reference server this type serves:
  // service time = request work / speed.
  double speed = 1.0;
  sim::DurationDistribution boot_time;
  // Whether instances are already running at time zero, or launch then and boot.
  bool running_at_start = true;
  // Whether each instance has a public IPv4 address (billed per hour since
  // 2024-02-01). Lightsail bundles include theirs, so it is never billed for them.
  bool public_ipv4 = false;
  // Waiting requests per instance. The default is Linux's listen backlog before
  // kernel 5.4 (net.core.somaxconn = 128), where an unconfigured server queues.
  uint32_t queue_capacity = 128;
  std::optional<sim::Duration> queue_timeout;
  Routing routing = Routing::kRoundRobin;  // as ALB target groups default to
};

class ServerFleet final : public Component, private sim::EventHandler, private sim::TimerHandler {
 public:
  ServerFleet(std::string name, const ServerFleetConfig& config, const RunContext& context);

  void accept(const Request& request) override;
  int64_t held() const override { return static_cast<int64_t>(busy_total_ + queued_total_); }
  void settle(sim::Time end) override;
  void report(MetricList& metrics) const override;

 private:
  enum class State : uint8_t { kBooting, kRunning };
  enum EventKind : uint64_t { kQueueTimer = 1, kBooted = 2 };

  struct Instance {
    State state = State::kBooting;
    sim::Time launched;  // billing runs from the launch request, boot included
    bool timer_armed = false;
    uint32_t busy = 0;
    RequestRing queue;
  };

  struct InService {
    Request request;
    uint32_t instance;
  };

  // Payload layout: kind in the top 2 bits, instance in the low 32.
  static uint64_t payload(EventKind kind, uint32_t instance) {
    return (uint64_t{kind} << 62) | instance;
  }
  void on_event(uint64_t payload) override;
  void on_timer(uint32_t slot) override { complete(slot); }

  std::optional<uint32_t> route();
  void accept_session(const Request& request);
  void start_service(uint32_t instance, const Request& request);
  void complete(uint32_t slot);
  void enqueue(uint32_t instance, const Request& request);
  void expire_waiting(uint32_t instance);
  void arm_queue_timer(uint32_t instance);
  void launch(uint32_t instance);
  void bill(const Instance& instance, sim::Time until, bool stopped);
  void become_running(uint32_t instance);

  ServerFleetConfig config_;
  sim::Simulation& sim_;
  sim::TimeSeries& series_;
  sim::RandomStream boot_rng_;
  sim::RandomStream routing_rng_;
  Ledger* ledger_;
  Ledger::Meter instance_meter_ = 0;
  Ledger::Meter ipv4_meter_ = 0;

  std::vector<Instance> instances_;
  // Slots are numbered instance * slots + k. Their end times are in completions_.
  std::vector<InService> in_service_;
  std::vector<uint32_t> free_slots_;  // per instance, a stack of its free slot numbers
  sim::TimerSet completions_;
  std::vector<uint32_t> running_;       // running instances, for round robin and random
  LeastOutstanding least_outstanding_;  // running instances by outstanding requests
  size_t round_robin_next_ = 0;
  size_t session_cursor_ = 0;
  uint64_t busy_total_ = 0;
  uint64_t queued_total_ = 0;

  sim::TimeSeries::Column in_service_column_;
  sim::TimeSeries::Column queued_column_;
  sim::TimeSeries::Column slots_column_;
  sim::TimeSeries::Column running_column_;
  sim::TimeSeries::Column booting_column_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_COMPUTE_SERVER_FLEET_H_
