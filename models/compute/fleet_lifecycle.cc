// A fleet's instances from launch to end: booting, health checks, service,
// draining, zombies, and billing for each launch.
#include <algorithm>

#include "models/compute/server_fleet.h"
#include "models/pricing/billing_rules.h"
#include "sim/check.h"

namespace models {

std::string_view instance_state_name(InstanceState state) {
  switch (state) {
    case InstanceState::kPending:
      return "pending";
    case InstanceState::kInService:
      return "in_service";
    case InstanceState::kDraining:
      return "draining";
    case InstanceState::kZombie:
      return "zombie";
  }
  return "pending";
}

void ServerFleet::attach_load_balancer(const TargetGroupSettings& settings) {
  load_balancer_ = settings;
}

uint32_t ServerFleet::find(uint64_t id) const {
  for (uint32_t record = 0; record < instances_.size(); ++record) {
    if (instances_[record].alive && instances_[record].id == id) return record;
  }
  SCALESIM_CHECK(false, "a policy named an instance the fleet does not have");
  return 0;
}

// A record for a new instance: a free one, or a new one while the account's
// quota and the timer index allow.
std::optional<uint32_t> ServerFleet::allocate_record() {
  if (config_.max_instances > 0 && alive_ >= config_.max_instances) return std::nullopt;
  if (!free_records_.empty()) {
    const uint32_t record = free_records_.back();
    free_records_.pop_back();
    return record;
  }
  const auto record = static_cast<uint32_t>(instances_.size());
  if ((uint64_t{record} + 1) * config_.slots > sim::TimerSet::kMaxIndex + 1) return std::nullopt;
  instances_.emplace_back();
  in_service_.resize(in_service_.size() + config_.slots);
  slot_cpu_rates_.resize(slot_cpu_rates_.size() + config_.slots);
  free_slots_.resize(free_slots_.size() + config_.slots);
  least_outstanding_.grow(record + 1);
  return record;
}

std::optional<uint64_t> ServerFleet::launch(bool configured) {
  return start_instance(configured, {});
}

std::optional<uint64_t> ServerFleet::start(const InstanceStart& start) {
  return start_instance(true, start);
}

// A new instance. The fleet's first instances are not launches a policy made:
// they count in no launch metric, and those already running skip their boot.
std::optional<uint64_t> ServerFleet::start_instance(bool configured, const InstanceStart& start) {
  const bool initial = start.initial;
  const std::optional<uint32_t> record = allocate_record();
  if (!record) return std::nullopt;
  Instance& instance = instances_[*record];
  const uint32_t generation = instance.generation + 1;
  instance = Instance{};
  instance.generation = generation;
  instance.alive = true;
  instance.configured = configured;
  instance.id = next_id_++;
  instance.launched = sim_.now();
  instance.registered = sim_.now() + start.registers_after;
  instance.cpu_since = sim_.now();
  // The record's free-slot stack starts full; slot 0 is handed out first.
  for (uint32_t k = 0; k < config_.slots; ++k) {
    free_slots_[*record * config_.slots + k] = *record * config_.slots + config_.slots - 1 - k;
  }
  ++alive_;
  series_.change(instances_column_, sim_.now(), +1);
  series_.change(pending_column_, sim_.now(), +1);
  start_credits(*record);
  if (initial && config_.running_at_start) {
    instance.booted = true;
    enter_service(*record);
    return instance.id;
  }
  if (!initial) {
    series_.count(launches_column_, sim_.now());
    if (events_) events_->add(sim_.now(), name(), "launch", instance_name(instance.id));
  }
  const sim::Duration boot = start.boot ? *start.boot : config_.boot_time.sample(boot_rng_);
  sim_.schedule_after(boot, *this, payload(kBooted, *record));
  return instance.id;
}

void ServerFleet::booted(uint32_t instance) {
  instances_[instance].booted = true;
  start_startup_load(instance);
  if (instances_[instance].configured) enter_service_when_ready(instance);
}

void ServerFleet::configure(uint64_t id) {
  const uint32_t instance = find(id);
  Instance& state = instances_[instance];
  SCALESIM_CHECK(state.state == InstanceState::kPending && !state.configured,
                 "configure() on an instance that was not waiting for it");
  state.configured = true;
  if (state.booted) enter_service_when_ready(instance);
}

void ServerFleet::abandon(uint64_t id) {
  const uint32_t instance = find(id);
  Instance& state = instances_[instance];
  SCALESIM_CHECK(state.state == InstanceState::kPending && !state.configured,
                 "abandon() on an instance that was not waiting for its configuration");
  change_state_level(InstanceState::kPending, -1);
  state.state = InstanceState::kZombie;
  change_state_level(InstanceState::kZombie, +1);
  series_.count(zombies_created_column_, sim_.now());
  if (events_) events_->add(sim_.now(), name(), "zombie", instance_name(id));
}

// Behind a load balancer the instance serves once its health checks pass,
// counted from its registration: at launch, or when its owner said (InstanceStart).
void ServerFleet::enter_service_when_ready(uint32_t instance) {
  if (!load_balancer_) return enter_service(instance);
  const sim::Time healthy = load_balancer_->healthy_at(instances_[instance].registered, sim_.now());
  sim_.schedule(healthy, *this, payload(kHealthy, instance));
}

void ServerFleet::enter_service(uint32_t instance) {
  Instance& state = instances_[instance];
  const sim::Time now = sim_.now();
  change_state_level(InstanceState::kPending, -1);
  state.state = InstanceState::kInService;
  state.in_service_since = now;
  // CloudWatch's CPU covers the time in service: what booting used is not in it.
  track_cpu(state, 0);
  state.cpu_area_at_service = state.cpu_area;
  change_state_level(InstanceState::kInService, +1);
  series_.change(slots_column_, now, config_.slots);
  running_.push_back(instance);
  least_outstanding_.insert(instance, state.busy + static_cast<uint32_t>(state.queue.size()));
  if (events_ && now > sim::Time::zero()) {
    events_->add(now, name(), "in_service", instance_name(state.id));
  }
}

void ServerFleet::terminate(uint64_t id, Termination how) {
  const uint32_t instance = find(id);
  Instance& state = instances_[instance];
  if (events_) events_->add(sim_.now(), name(), "terminate", instance_name(id));
  if (state.state == InstanceState::kDraining) {
    if (how == Termination::kDrain) return;
    cut_everything(instance);
    return end(instance);
  }
  if (state.state != InstanceState::kInService) return end(instance);
  if (!load_balancer_ || how == Termination::kAtOnce) {
    cut_everything(instance);
    return end(instance);
  }
  start_draining(instance, load_balancer_->deregistration_delay);
}

void ServerFleet::drain(uint64_t id, sim::Duration limit, Outcome cut) {
  const uint32_t instance = find(id);
  Instance& state = instances_[instance];
  state.cut_outcome = cut;
  if (state.state == InstanceState::kDraining) {
    if (state.busy == 0 && state.queue.empty()) return end(instance);
    sim_.schedule_after(limit, *this, payload(kDrainDeadline, instance));
    return;
  }
  if (state.state != InstanceState::kInService) return end(instance);
  start_draining(instance, limit);
}

// Out of routing; what it holds finishes within `limit`, or is cut then.
void ServerFleet::start_draining(uint32_t instance, sim::Duration limit) {
  Instance& state = instances_[instance];
  leave_routing(instance);
  change_state_level(InstanceState::kInService, -1);
  state.state = InstanceState::kDraining;
  change_state_level(InstanceState::kDraining, +1);
  if (state.busy == 0 && state.queue.empty()) return end(instance);
  sim_.schedule_after(limit, *this, payload(kDrainDeadline, instance));
}

void ServerFleet::leave_routing(uint32_t instance) {
  const auto at = std::find(running_.begin(), running_.end(), instance);
  SCALESIM_CHECK(at != running_.end(), "an instance in service was not routed to");
  const size_t position = static_cast<size_t>(at - running_.begin());
  running_.erase(at);
  if (round_robin_next_ > position) --round_robin_next_;
  if (session_cursor_ > position) --session_cursor_;
  least_outstanding_.remove(instance);
  series_.change(slots_column_, sim_.now(), -int64_t{config_.slots});
}

// Ends what the instance still serves or queues: its end came first.
void ServerFleet::cut_everything(uint32_t instance) {
  Instance& state = instances_[instance];
  const sim::Time now = sim_.now();
  std::vector<std::pair<uint32_t, sim::Time>> cancelled;
  const uint32_t first = instance * config_.slots;
  completions_.cancel_range(first, first + config_.slots - 1, cancelled);
  std::sort(cancelled.begin(), cancelled.end());  // in slot order
  for (const auto& [slot, due] : cancelled) {
    InService& cut = in_service_[slot];
    if (track_cpu_) track_cpu(state, -int64_t{slot_cpu_rates_[slot]});
    const uint32_t released = cut.request.session ? config_.slots : 1;
    state.busy -= released;
    --busy_total_;
    // Its span was added up to its planned end; take back what it won't serve.
    series_.add_span(in_service_column_, now, due, -int64_t{released});
    cut.request.reply_to->finish(cut.request, state.cut_outcome);
  }
  while (!state.queue.empty()) {
    WaitingRequest waiting = state.queue.pop_front();
    --queued_total_;
    series_.add_span(queued_column_, waiting.since, now);
    waiting.request.waited += now - waiting.since;
    waiting.request.queued = true;
    waiting.request.reply_to->finish(waiting.request, state.cut_outcome);
  }
}

// The instance is gone: bill it and free its record.
void ServerFleet::end(uint32_t instance) {
  Instance& state = instances_[instance];
  SCALESIM_CHECK(state.busy == 0 && state.queue.empty(), "an instance ended while serving");
  const sim::Time now = sim_.now();
  if (state.state == InstanceState::kInService) leave_routing(instance);
  change_state_level(state.state, -1);
  series_.change(instances_column_, now, -1);
  if (state.throttled) series_.change(throttled_column_, now, -1);
  series_.count(terminations_column_, now);
  book_credits(state);
  if (state.credits) bill_surplus(now, now, state.credits->settle());
  bill(state, now, true);
  if (events_) events_->add(now, name(), "ended", instance_name(state.id));
  const uint64_t id = state.id;
  state.alive = false;
  ++state.generation;
  --alive_;
  free_records_.push_back(instance);
  if (owner_) owner_->instance_ended(id);
}

void ServerFleet::change_state_level(InstanceState state, int64_t delta) {
  const sim::Time now = sim_.now();
  switch (state) {
    case InstanceState::kPending:
      return series_.change(pending_column_, now, delta);
    case InstanceState::kInService:
      return series_.change(running_column_, now, delta);
    case InstanceState::kDraining:
      return series_.change(draining_column_, now, delta);
    case InstanceState::kZombie:
      return series_.change(zombies_column_, now, delta);
  }
}

std::vector<InstanceView> ServerFleet::instances() const {
  std::vector<InstanceView> views;
  for (const Instance& instance : instances_) {
    if (!instance.alive) continue;
    InstanceView view;
    view.id = instance.id;
    view.state = instance.state;
    view.launched = instance.launched;
    if (instance.state == InstanceState::kInService || instance.state == InstanceState::kDraining)
      view.in_service_since = instance.in_service_since;
    view.busy = instance.busy;
    view.queued = static_cast<uint32_t>(instance.queue.size());
    views.push_back(view);
  }
  std::sort(views.begin(), views.end(),
            [](const InstanceView& a, const InstanceView& b) { return a.id < b.id; });
  return views;
}

CapacityCounts ServerFleet::counts() const {
  CapacityCounts counts;
  for (const Instance& instance : instances_) {
    if (!instance.alive) continue;
    switch (instance.state) {
      case InstanceState::kPending:
        ++counts.pending;
        break;
      case InstanceState::kInService:
        ++counts.in_service;
        if (instance.busy == 0 && instance.queue.empty()) ++counts.idle;
        break;
      case InstanceState::kDraining:
        ++counts.draining;
        break;
      case InstanceState::kZombie:
        ++counts.zombies;
        break;
    }
  }
  return counts;
}

void ServerFleet::settle(sim::Time end) {
  for (Instance& instance : instances_) {
    if (!instance.alive) continue;
    // Requests still waiting: their time in the queue so far.
    for (size_t i = 0; i < instance.queue.size(); ++i) {
      series_.add_span(queued_column_, instance.queue.at(i).since, end);
    }
    book_credits(instance);
    if (instance.credits) bill_surplus(instance.launched, end, instance.credits->settle());
    bill(instance, end, false);
  }
}

// Bills one instance from its launch to `until`, by its provider's rule.
void ServerFleet::bill(const Instance& instance, sim::Time until, bool stopped) {
  if (owner_) return owner_->bill_instance(instance.id, instance.launched, until, stopped);
  if (!ledger_) return;
  const sim::Duration running = until - instance.launched;
  if (config_.instance_type->provider == Provider::kEc2) {
    const double hours = ec2_billed_hours(running, stopped);
    ledger_->charge_span(instance_meter_, instance.launched, until, hours);
    if (config_.public_ipv4)
      ledger_->charge_span(ipv4_meter_, instance.launched, until, running.seconds() / 3600);
    return;
  }
  // Lightsail bundles are priced by the month: bill each billing month's hours as
  // a share of a month, capped at one month per instance.
  for (sim::Time from = instance.launched; from < until;) {
    const sim::Time month_end =
        sim::Time::micros((from.us() / kBillingMonth.us() + 1) * kBillingMonth.us());
    const sim::Time to = std::min(until, month_end);
    ledger_->charge_span(instance_meter_, from, to,
                         lightsail_billed_months(to - from, stopped && to == until));
    from = to;
  }
}

}  // namespace models
