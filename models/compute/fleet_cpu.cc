// A fleet's CPU: each instance's use, integrated exactly as requests start and
// end, its CPU credits (checked lazily, never later than they could run out), and
// the usage CloudWatch samples.
#include <algorithm>

#include "models/compute/server_fleet.h"
#include "sim/check.h"

namespace models {

namespace {

// A throttled instance serves at full speed again once it has earned this many
// credits back: one vCPU-minute, so it bursts for a moment, then sinks back.
constexpr double kRecoverCredits = 1.0;

// An instance whose balance is empty but that uses no more than its baseline
// cannot fall below zero until its use rises; it is looked at again after this.
constexpr sim::Duration kEmptyRecheck = sim::Duration::seconds(1);

// Unlimited instances are booked once an hour, so that surplus beyond 24 hours
// of earnings is billed in the hour it arises, as AWS does.
constexpr sim::Duration kUnlimitedBooking = sim::Duration::hours(1);

std::string family_of(std::string_view type) {
  return std::string(type.substr(0, type.find('.')));
}

}  // namespace

std::optional<std::string> surplus_credit_price_key(const ServerFleetConfig& config) {
  if (!config.instance_type) return {};
  const InstanceType& type = *config.instance_type;
  if (!config.cpu_credits || !type.burstable() || type.provider != Provider::kEc2) return {};
  if (config.credit_mode.value_or(type.burst.default_mode) != CreditMode::kUnlimited) return {};
  return "ec2.cpu_credit." + family_of(type.name);
}

void ServerFleet::start_credits_model() {
  if (!config_.instance_type) return;  // an owner's instances: no credits
  const InstanceType& type = *config_.instance_type;
  model_credits_ = config_.cpu_credits && type.burstable();
  if (!model_credits_) return;
  credit_mode_ = config_.credit_mode.value_or(type.burst.default_mode);
  track_cpu_ = true;
  throttled_column_ = series_.level(name(), "instances_throttled");
  if (const std::optional<std::string> key = surplus_credit_price_key(config_); key && ledger_) {
    credit_meter_ = ledger_->meter(name() + ".cpu_credits", "ec2", *key);
  }
}

void ServerFleet::start_startup_load(uint32_t record) {
  if (config_.startup_share <= 0 || config_.startup_duration <= sim::Duration()) return;
  Instance& instance = instances_[record];
  instance.startup_rate =
      sim::round_to_int(config_.startup_share * static_cast<double>(kCpuUnit) * config_.slots);
  track_cpu(instance, instance.startup_rate);
  sim_.schedule_after(config_.startup_duration, *this, payload(kStartupDone, record));
}

void ServerFleet::end_startup_load(uint32_t record) {
  Instance& instance = instances_[record];
  track_cpu(instance, -instance.startup_rate);
  instance.startup_rate = 0;
}

// The share of a slot's CPU the request uses over its service: its CPU time (its
// work at full speed, whatever speed it gets) over its whole service time.
uint32_t ServerFleet::cpu_rate_of(const Request& request, sim::Duration service) const {
  if (service.us() <= 0 || request.work.us() <= 0) return 0;
  // x / 1.0 is x exactly: the division is skipped, not approximated.
  const double work_us = static_cast<double>(request.work.us());
  const double cpu_us = config_.speed == 1.0 ? work_us : work_us / config_.speed;
  const auto service_us = static_cast<double>(service.us());
  // All CPU (the common case: no fixed part, full speed): the division, whose
  // result the min would make 1 anyway, is skipped.
  if (cpu_us >= service_us) return kCpuUnit;
  const double share = cpu_us / service_us;
  return static_cast<uint32_t>(sim::round_to_int(share * kCpuUnit));
}

double ServerFleet::speed_of(const Instance& instance) const {
  return instance.throttled ? config_.speed * config_.instance_type->burst.baseline : config_.speed;
}

void ServerFleet::start_credits(uint32_t record) {
  if (!model_credits_) return;
  Instance& instance = instances_[record];
  const InstanceType& type = *config_.instance_type;
  if (config_.initial_credits) {
    instance.credits.emplace(type, credit_mode_, *config_.initial_credits);
  } else {
    instance.credits.emplace(type, credit_mode_);
  }
  instance.credits_booked_at = sim_.now();
  schedule_credit_check(record);
}

// Books the CPU the instance used since the last booking into its account.
void ServerFleet::book_credits(Instance& instance) {
  if (!instance.credits) return;
  track_cpu(instance, 0);
  const sim::Int128 used_area = instance.cpu_area - instance.cpu_area_booked;
  const double used_slot_seconds = static_cast<double>(used_area) / kCpuUnit * 1e-6;
  const double used_vcpu_seconds = used_slot_seconds / config_.slots * config_.instance_type->vcpus;
  const double surplus =
      instance.credits->advance(sim_.now() - instance.credits_booked_at, used_vcpu_seconds);
  instance.cpu_area_booked = instance.cpu_area;
  instance.credits_booked_at = sim_.now();
  bill_surplus(sim_.now(), sim_.now(), surplus);
}

// A standard instance is held to its baseline when its balance is empty while
// it uses more than its baseline; it serves at full speed again once it has
// earned kRecoverCredits back.
void ServerFleet::check_credits(uint32_t record) {
  Instance& instance = instances_[record];
  book_credits(instance);
  if (credit_mode_ == CreditMode::kStandard) {
    const bool was = instance.throttled;
    const double busy_share =
        static_cast<double>(effective_cpu_rate(instance)) / kCpuUnit / config_.slots;
    if (!was && instance.credits->exhausted() &&
        busy_share > config_.instance_type->burst.baseline) {
      instance.throttled = true;
    }
    if (was && instance.credits->balance() >= kRecoverCredits) instance.throttled = false;
    if (was != instance.throttled) {
      series_.change(throttled_column_, sim_.now(), instance.throttled ? +1 : -1);
    }
  }
  schedule_credit_check(record);
}

// The next check: for a standard instance at full speed, the soonest its credits
// could run out with every vCPU busy (an empty balance with usage at or below the
// baseline is looked at again after kEmptyRecheck); for a throttled one, the
// soonest it could have earned kRecoverCredits; for an unlimited one, the next
// hourly booking.
void ServerFleet::schedule_credit_check(uint32_t record) {
  Instance& instance = instances_[record];
  sim::Duration wait = kUnlimitedBooking;
  if (credit_mode_ == CreditMode::kStandard) {
    wait = instance.throttled ? instance.credits->earliest_recovery(kRecoverCredits)
                              : instance.credits->earliest_exhaustion(config_.instance_type->vcpus);
    if (wait == sim::Duration::max()) return;
    if (!instance.throttled && instance.credits->exhausted()) wait = kEmptyRecheck;
    wait = std::max(wait, sim::Duration::micros(1));
  }
  sim_.schedule_after(wait, *this, payload(kCreditCheck, record));
}

void ServerFleet::bill_surplus(sim::Time from, sim::Time to, double credits) {
  if (!ledger_ || credits <= 0 || credit_mode_ != CreditMode::kUnlimited) return;
  ledger_->charge_span(credit_meter_, from, to, surplus_vcpu_hours(credits));
}

bool ServerFleet::throttled(uint64_t id) const {
  return instances_[find(id)].throttled;
}

double ServerFleet::credit_balance(uint64_t id) const {
  const Instance& instance = instances_[find(id)];
  return instance.credits ? instance.credits->balance() : 0.0;
}

UsageSnapshot ServerFleet::usage() const {
  UsageSnapshot snapshot;
  const sim::Time now = sim_.now();
  for (const Instance& instance : instances_) {
    if (!instance.alive || instance.state != InstanceState::kInService) continue;
    const sim::Int128 area =
        instance.cpu_area +
        static_cast<sim::Int128>(effective_cpu_rate(instance)) * (now - instance.cpu_since).us();
    const double busy =
        static_cast<double>(area - instance.cpu_area_at_service) / kCpuUnit * 1e-6 / config_.slots;
    snapshot.in_service.push_back({instance.id, instance.in_service_since, busy});
  }
  snapshot.requests = accepted_;
  snapshot.response_seconds = static_cast<double>(response_us_) * 1e-6;
  snapshot.responses = responses_;
  return snapshot;
}

}  // namespace models
