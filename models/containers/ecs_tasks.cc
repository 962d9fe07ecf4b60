// An ECS service's scheduler, its tasks' billing, and Spot interruptions
// (ecs_service.h states the rules).
#include <algorithm>
#include <cmath>

#include "models/containers/ecs_service.h"
#include "sim/check.h"

namespace models {

namespace {

constexpr CapacityProvider kProviders[] = {CapacityProvider::kFargate,
                                           CapacityProvider::kFargateSpot};

std::string task_name(uint64_t id) {
  return ScalableCapacity::instance_name(id);
}

}  // namespace

// The first tasks are the service's creation, not launches: they take no launch
// token, and with running_at_start they serve from time zero.
void EcsService::start_initial_tasks() {
  desired_ = config_.desired;
  series_.change(desired_column_, sim_.now(), desired_);
  const ProviderCounts split = split_tasks(config_.strategy, desired_);
  for (CapacityProvider provider : kProviders) {
    for (uint32_t i = 0; i < split[static_cast<size_t>(provider)]; ++i) {
      SCALESIM_CHECK(start_task(provider, true).has_value(),
                     "the service could not start its first tasks");
    }
  }
}

void EcsService::schedule_reconcile(sim::Time at) {
  if (at >= reconcile_at_) return;
  reconcile_at_ = at;
  sim_.schedule(at, *this, payload(kReconcile, 0));
}

// Starts what is missing and stops what is too many, per provider.
void EcsService::reconcile() {
  const ProviderCounts target = split_tasks(config_.strategy, desired_);
  for (CapacityProvider provider : kProviders) {
    const auto p = static_cast<size_t>(provider);
    while (active_[p] > target[p]) stop_task(provider);
    while (active_[p] < target[p]) {
      if (!start_task(provider, false)) break;
    }
  }
}

std::optional<uint64_t> EcsService::start_task(CapacityProvider provider, bool initial) {
  const auto p = static_cast<size_t>(provider);
  const sim::Time now = sim_.now();
  if (!initial) {
    if (provider == CapacityProvider::kFargateSpot && !spot_available()) {
      schedule_reconcile(spot_unavailable_until_);
      return std::nullopt;
    }
    TokenBucket& bucket = account_->launches(provider);
    if (!bucket.take(now)) {
      // The next whole token, at the bucket's refill rate.
      const double missing = 1.0 - bucket.tokens(now);
      const double wait_us = std::ceil(missing / account_->per_second(provider) * 1e6);
      schedule_reconcile(
          now + sim::Duration::micros(std::max<int64_t>(1, static_cast<int64_t>(wait_us))));
      return std::nullopt;
    }
  }
  const TaskStart start = sample_task_start(config_.start, start_rng_);
  const std::optional<uint64_t> id =
      tasks_.start({start.total(), start.provisioning + start.pull, initial});
  if (!id) {
    if (events_) {
      events_->add(now, name(), "launch_failed",
                   "the service holds no more tasks (its max_instances)");
    }
    return std::nullopt;
  }
  if (records_.size() <= *id) records_.resize(*id + 1);
  TaskRecord& record = records_[*id];
  record.provider = provider;
  const bool running = initial && config_.serving.running_at_start;
  record.bill_from = running ? now : now + start.provisioning;
  record.alive = true;
  record.counted = true;
  ++active_[p];
  series_.change(tasks_column_[p], now, +1);
  if (!initial) series_.count(started_column_[p], now);
  if (events_ && !initial) {
    events_->add(now, name(), "task_placed",
                 task_name(*id) + " on " + std::string(capacity_provider_name(provider)));
  }
  if (provider == CapacityProvider::kFargateSpot) schedule_interruption(*id);
  return id;
}

// Stops one of the provider's counted tasks: the newest pending one, else the
// newest in service.
void EcsService::stop_task(CapacityProvider provider) {
  std::optional<uint64_t> pending;
  std::optional<uint64_t> serving;
  for (const InstanceView& task : tasks_.instances()) {
    const TaskRecord& record = records_[task.id];
    if (!record.counted || record.provider != provider) continue;
    if (task.state == InstanceState::kPending) pending = task.id;
    if (task.state == InstanceState::kInService) serving = task.id;
  }
  const std::optional<uint64_t> chosen = pending ? pending : serving;
  SCALESIM_CHECK(chosen.has_value(), "the scheduler counted a task it cannot find");
  uncount(records_[*chosen]);
  tasks_.terminate(*chosen, Termination::kDrain);
}

void EcsService::uncount(TaskRecord& record) {
  if (!record.counted) return;
  record.counted = false;
  --active_[static_cast<size_t>(record.provider)];
}

void EcsService::instance_ended(uint64_t id) {
  TaskRecord& record = records_[id];
  record.alive = false;
  series_.change(tasks_column_[static_cast<size_t>(record.provider)], sim_.now(), -1);
  const bool replace = record.counted;  // it ended from outside: replace it
  uncount(record);
  if (replace) schedule_reconcile(sim_.now());
}

void EcsService::bill_instance(uint64_t id, sim::Time /*launched*/, sim::Time until, bool stopped) {
  if (!ledger_) return;
  const TaskRecord& record = records_[id];
  if (until <= record.bill_from) return;  // stopped before its image pull began
  const TaskUsage usage =
      fargate_task_usage(config_.size, config_.ephemeral_gb, until - record.bill_from, stopped);
  const ProviderMeters& meters = meters_[static_cast<size_t>(record.provider)];
  ledger_->charge_span(meters.vcpu, record.bill_from, until, usage.vcpu_hours);
  ledger_->charge_span(meters.memory, record.bill_from, until, usage.gb_hours);
  if (usage.storage_gb_hours > 0) {
    ledger_->charge_span(storage_meter_, record.bill_from, until, usage.storage_gb_hours);
  }
}

void EcsService::schedule_interruption(uint64_t id) {
  const std::optional<sim::Duration> after =
      time_to_interruption(config_.spot.hazard_per_hour, sim_.now(), local_offset_, spot_rng_);
  if (after) sim_.schedule_after(*after, *this, payload(kInterrupt, id));
}

// The notice: the task drains for the notice's length, then stops; the
// scheduler replaces it now. Fargate may have no Spot capacity for a while.
void EcsService::interrupt(uint64_t id) {
  TaskRecord& record = records_[id];
  if (!record.alive || record.interrupted) return;
  record.interrupted = true;
  const sim::Time now = sim_.now();
  series_.count(interruptions_column_, now);
  if (events_) {
    events_->add(now, name(), "spot_interruption",
                 task_name(id) + ", stops within " +
                     std::to_string(config_.spot.notice.us() / 1'000'000) + "s");
  }
  uncount(record);
  if (config_.spot.unavailable_chance > 0 &&
      spot_rng_.uniform_open01() < config_.spot.unavailable_chance) {
    const sim::Time until = now + config_.spot.unavailable_for.sample(spot_rng_);
    if (until > spot_unavailable_until_) {
      spot_unavailable_until_ = until;
      series_.count(unavailable_column_, now);
      if (events_) {
        events_->add(now, name(), "spot_capacity_unavailable",
                     "until +" + std::to_string((until - now).us() / 1'000'000) + "s");
      }
      sim_.schedule(until, *this, payload(kSpotBack, 0));
    }
  }
  tasks_.drain(id, config_.spot.notice, Outcome::kSpotInterrupted);
  schedule_reconcile(now);
}

// A replayed instant: that many running Spot tasks, picked at random, get notices.
void EcsService::replay(size_t index) {
  for (uint32_t n = 0; n < config_.spot.replay[index].tasks; ++n) {
    std::vector<uint64_t> candidates;
    for (uint64_t id = 0; id < records_.size(); ++id) {
      const TaskRecord& record = records_[id];
      if (record.alive && !record.interrupted && record.provider == CapacityProvider::kFargateSpot)
        candidates.push_back(id);
    }
    if (candidates.empty()) return;
    interrupt(candidates[spot_rng_.below(candidates.size())]);
  }
}

}  // namespace models
