// The fleet's construction and its request path. Lifecycle is in
// fleet_lifecycle.cc, CPU and credits in fleet_cpu.cc.
#include "models/compute/server_fleet.h"

#include <algorithm>
#include <cmath>

#include "sim/check.h"

namespace models {

ServerFleet::ServerFleet(std::string name, const ServerFleetConfig& config,
                         const RunContext& context, FleetOwner* owner)
    : Component(std::move(name)),
      config_(config),
      sim_(context.simulation),
      series_(context.series),
      events_(context.events),
      owner_(owner),
      boot_rng_(context.stream("fleet:" + this->name() + ".boot")),
      routing_rng_(context.stream("fleet:" + this->name() + ".routing")),
      next_route_draw_(routing_rng_.next_u64()),
      ledger_(context.ledger),
      slot_divider_(config.slots),
      completions_(*this),
      least_outstanding_(config.count) {
  SCALESIM_CHECK((config.instance_type != nullptr || owner != nullptr) && config.slots > 0 &&
                     config.speed > 0 &&
                     uint64_t{config.count} * config.slots <= sim::TimerSet::kMaxIndex + 1,
                 "server_fleet config was not validated");
  in_service_column_ = series_.level(this->name(), "in_service");
  queued_column_ = series_.level(this->name(), "queued");
  slots_column_ = series_.level(this->name(), "slots");
  running_column_ = series_.level(this->name(), "instances_running");
  pending_column_ = series_.level(this->name(), "instances_pending");
  draining_column_ = series_.level(this->name(), "instances_draining");
  zombies_column_ = series_.level(this->name(), "instances_zombie");
  instances_column_ = series_.level(this->name(), "instances");
  launches_column_ = series_.counter(this->name(), "launches");
  terminations_column_ = series_.counter(this->name(), "terminations");
  zombies_created_column_ = series_.counter(this->name(), "zombies_created");
  sim_.attach(completions_);
  if (ledger_ && config.instance_type) {
    const bool ec2 = config.instance_type->provider == Provider::kEc2;
    const std::string type(config.instance_type->name);
    instance_meter_ = ledger_->meter(this->name() + (ec2 ? ".instance_hours" : ".bundle_months"),
                                     ec2 ? "ec2" : "lightsail",
                                     (ec2 ? "ec2.instance." : "lightsail.bundle.") + type);
    if (ec2 && config.public_ipv4) {
      ipv4_meter_ =
          ledger_->meter(this->name() + ".public_ipv4", "public_ipv4", "public_ipv4.hour");
    }
  }
  start_credits_model();
  if (config.startup_share > 0) track_cpu_ = true;
  for (uint32_t i = 0; i < config.count; ++i) {
    SCALESIM_CHECK(start_instance(true, {std::nullopt, {}, true}).has_value(),
                   "the fleet could not start its first instances");
  }
}

void ServerFleet::accept(const Request& request) {
  if (waits_.empty() || request.session) [[likely]]
    return admit(request);
  admit(waits_.applied(request, sim_.now()));
}

[[gnu::always_inline]] inline void ServerFleet::admit(const Request& request) {
  ++accepted_;
  if (request.session) return accept_session(request);
  const uint32_t target = route();
  if (target == kNoInstance) return request.reply_to->finish(request, Outcome::kNoCapacity);
  Instance& instance = instances_[target];
  if (instance.busy < config_.slots && instance.queue.empty()) {
    start_service(target, request);
  } else if (instance.queue.size() < config_.queue_capacity) {
    enqueue(target, request);
  } else {
    return request.reply_to->finish(request, Outcome::kNoCapacity);
  }
  if (config_.routing == Routing::kLeastOutstanding) least_outstanding_.increment(target);
}

// A session takes a whole idle instance (nothing in service or waiting), the
// first found after the last one given, or is refused.
void ServerFleet::accept_session(const Request& request) {
  for (size_t tried = 0; tried < running_.size(); ++tried) {
    if (++session_cursor_ >= running_.size()) session_cursor_ = 0;
    const uint32_t target = running_[session_cursor_];
    Instance& state = instances_[target];
    if (state.busy > 0 || !state.queue.empty()) continue;
    const uint32_t slot = free_slots_[target * config_.slots + config_.slots - 1];
    in_service_[slot].request = request;
    slot_cpu_rates_[slot] = 0;  // a session's length is wall-clock time, not CPU
    state.busy = config_.slots;
    ++busy_total_;
    const sim::Time done = sim_.now() + service_time(request, config_.speed);
    series_.add_span(in_service_column_, sim_.now(), done, config_.slots);
    completions_.add(done, slot);
    if (config_.routing == Routing::kLeastOutstanding) {
      for (uint32_t k = 0; k < config_.slots; ++k) least_outstanding_.increment(target);
    }
    return;
  }
  request.reply_to->finish(request, Outcome::kNoCapacity);
}

[[gnu::always_inline]] inline uint32_t ServerFleet::route() {
  if (running_.empty()) return kNoInstance;
  switch (config_.routing) {
    case Routing::kRoundRobin:
      if (round_robin_next_ >= running_.size()) round_robin_next_ = 0;
      return running_[round_robin_next_++];
    case Routing::kRandom: {
      using sim::RandomStream;
      const uint32_t target =
          running_[RandomStream::scale_below(next_route_draw_, running_.size())];
      next_route_draw_ = routing_rng_.next_u64();
      __builtin_prefetch(
          &instances_[running_[RandomStream::scale_below(next_route_draw_, running_.size())]]);
      return target;
    }
    case Routing::kLeastOutstanding:
      return least_outstanding_.least();
  }
  return kNoInstance;
}

[[gnu::always_inline]] inline uint32_t ServerFleet::start_service(uint32_t instance,
                                                                  const Request& request) {
  Instance& state = instances_[instance];
  const uint32_t free_index = instance * config_.slots + (config_.slots - state.busy) - 1;
  const uint32_t slot = free_slots_[free_index];
  // Field by field: building the struct on the stack first cost a store-forwarding
  // stall that showed as a tenth of the request path in profiles.
  in_service_[slot].request = request;
  ++state.busy;
  ++busy_total_;
  const sim::Duration service =
      service_time(request, state.throttled ? speed_of(state) : config_.speed);
  const sim::Time done = sim_.now() + service;
  series_.add_span(in_service_column_, sim_.now(), done);  // the end is known now
  completions_.add(done, slot);
  if (track_cpu_) {
    const uint32_t rate = cpu_rate_of(request, service);
    slot_cpu_rates_[slot] = rate;
    track_cpu(state, rate);
  }
  return slot;
}

[[gnu::always_inline]] inline void ServerFleet::count_response(uint32_t slot, Instance& state) {
  if (track_cpu_) track_cpu(state, -int64_t{slot_cpu_rates_[slot]});
  response_us_ += (sim_.now() - in_service_[slot].request.arrival).us();
  ++responses_;
}

[[gnu::always_inline]] inline void ServerFleet::release_slots(uint32_t slot, uint32_t instance,
                                                              uint32_t released) {
  Instance& state = instances_[instance];
  state.busy -= released;
  --busy_total_;
  free_slots_[instance * config_.slots + (config_.slots - state.busy) - 1] = slot;
}

// The common case: an instance in service with nobody waiting. Nothing then
// reuses the slot, so the reply can come last, as a tail call, and with no call
// in the middle there are no registers to save. (A reply reads only the request,
// so it may follow the fleet's bookkeeping: see RequestSink.)
void ServerFleet::complete(uint32_t slot) {
  const uint32_t instance = instance_of(slot);
  const Request& done = in_service_[slot].request;
  Instance& state = instances_[instance];
  if (state.state != InstanceState::kInService || !state.queue.empty() || done.session) [[unlikely]]
    return complete_then_serve(slot);
  count_response(slot, state);
  release_slots(slot, instance, 1);
  if (config_.routing == Routing::kLeastOutstanding) least_outstanding_.decrement(instance);
  done.reply_to->finish(done, Outcome::kOk);
}

// Any other completion: the reply first, then the slot is released and what
// waits is served, maybe in the same slot.
void ServerFleet::complete_then_serve(uint32_t slot) {
  const uint32_t instance = instance_of(slot);
  const Request& done = in_service_[slot].request;
  Instance& state = instances_[instance];
  count_response(slot, state);
  done.reply_to->finish(done, Outcome::kOk);  // before the slot is reused
  const uint32_t released = done.session ? config_.slots : 1;
  release_slots(slot, instance, released);
  if (state.state != InstanceState::kInService) [[unlikely]] {
    // Draining: what waits still gets served; the instance ends when empty.
    if (state.busy == 0 && state.queue.empty()) return end(instance);
  } else if (config_.routing == Routing::kLeastOutstanding) {
    for (uint32_t k = 0; k < released; ++k) least_outstanding_.decrement(instance);
  }

  if (head_expired(state, sim_.now())) [[unlikely]]
    expire_waiting(instance);
  // Once a request's slot frees; all of them when a session ends.
  // The wait is written into the slot's copy, after start_service() copied it:
  // a request changed field by field, then copied whole, stalls store forwarding.
  while (state.busy < config_.slots && !state.queue.empty()) {
    const WaitingRequest& next = state.queue.front();
    --queued_total_;
    series_.add_span(queued_column_, next.since, sim_.now());
    Request& serving = in_service_[start_service(instance, next.request)].request;
    serving.waited += sim_.now() - next.since;
    serving.queued = true;
    state.queue.drop_front();
  }
}

[[gnu::always_inline]] inline void ServerFleet::enqueue(uint32_t instance, const Request& request) {
  WaitingRequest& waiting = instances_[instance].queue.push_back();
  waiting.request = request;
  waiting.since = sim_.now();
  ++queued_total_;  // its time in the queue is added to the series when it leaves
  arm_queue_timer(instance);
}

// A request whose wait reaches the timeout exactly has timed out.
void ServerFleet::expire_waiting(uint32_t instance) {
  if (!config_.queue_timeout) return;
  Instance& state = instances_[instance];
  const sim::Time now = sim_.now();
  const bool counted =
      state.state == InstanceState::kInService && config_.routing == Routing::kLeastOutstanding;
  while (head_expired(state, now)) {
    WaitingRequest expired = state.queue.pop_front();
    --queued_total_;
    series_.add_span(queued_column_, expired.since, now);
    if (counted) least_outstanding_.decrement(instance);
    expired.request.waited += now - expired.since;
    expired.request.queued = true;
    expired.request.reply_to->finish(expired.request, Outcome::kQueueTimeout);
  }
  if (state.state == InstanceState::kDraining && state.busy == 0 && state.queue.empty()) {
    end(instance);
  }
}

// One timer per instance at most, set for the head of its queue. When the head is
// served first, the timer fires early and simply re-arms for the new head.
void ServerFleet::arm_queue_timer(uint32_t instance) {
  Instance& state = instances_[instance];
  if (!config_.queue_timeout || state.timer_armed || state.queue.empty()) return;
  state.timer_armed = true;
  sim_.schedule(state.queue.front().since + *config_.queue_timeout, *this,
                payload(kQueueTimer, instance));
}

void ServerFleet::on_event(uint64_t event) {
  const auto kind = static_cast<EventKind>(event >> 60);
  const auto instance = static_cast<uint32_t>(event);
  const auto generation = static_cast<uint32_t>((event >> 32) & 0x0fffffffu);
  Instance& state = instances_[instance];
  if (!state.alive || (state.generation & 0x0fffffffu) != generation) return;  // stale
  switch (kind) {
    case kQueueTimer:
      state.timer_armed = false;
      expire_waiting(instance);
      if (state.alive) arm_queue_timer(instance);
      return;
    case kBooted:
      return booted(instance);
    case kHealthy:
      return enter_service(instance);
    case kDrainDeadline:
      cut_everything(instance);
      return end(instance);
    case kCreditCheck:
      return check_credits(instance);
    case kStartupDone:
      return end_startup_load(instance);
  }
}

void ServerFleet::report(MetricList& metrics) const {
  const std::string prefix = "component." + name() + ".";
  const double in_service = series_.mean(in_service_column_);
  const double slots = series_.mean(slots_column_);
  metrics.push_back({prefix + "utilisation", slots > 0 ? in_service / slots : 0.0, Unit::kRatio});
  metrics.push_back({prefix + "in_service_mean", in_service, Unit::kNumber});
  metrics.push_back({prefix + "queued_mean", series_.mean(queued_column_), Unit::kNumber});
  metrics.push_back(
      {prefix + "instances_running_mean", series_.mean(running_column_), Unit::kNumber});
  metrics.push_back({prefix + "launches", series_.total(launches_column_), Unit::kCount});
  metrics.push_back({prefix + "terminations", series_.total(terminations_column_), Unit::kCount});
  metrics.push_back({prefix + "zombies", series_.total(zombies_created_column_), Unit::kCount});
}

namespace {

std::unique_ptr<Component> make_fleet(const ComponentSpec& spec, const std::vector<Successor>&,
                                      const RunContext& context) {
  return std::make_unique<ServerFleet>(spec.name, spec.config_as<ServerFleetConfig>(), context);
}

std::vector<std::string> fleet_prices(const ComponentSpec& spec) {
  const ServerFleetConfig& fleet = spec.config_as<ServerFleetConfig>();
  const std::string type(fleet.instance_type->name);
  if (fleet.instance_type->provider == Provider::kLightsail) return {"lightsail.bundle." + type};
  std::vector<std::string> keys = {"ec2.instance." + type};
  if (fleet.public_ipv4) keys.push_back("public_ipv4.hour");
  if (const std::optional<std::string> credits = surplus_credit_price_key(fleet)) {
    keys.push_back(*credits);
  }
  return keys;
}

}  // namespace

const ComponentKind& ServerFleetConfig::kind() {
  static const ComponentKind row{"server_fleet", true, {}, 0, 0, make_fleet, fleet_prices};
  return row;
}

}  // namespace models
