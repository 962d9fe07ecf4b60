#include "models/compute/cpu_credits.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "models/compute/instance_catalog.h"
#include "sim/check.h"

namespace models {

namespace {

constexpr double kMicrosPerHour = 3.6e9;
constexpr double kSecondsPerCredit = 60;  // a credit is a vCPU-minute
constexpr sim::Duration kMicro = sim::Duration::micros(1);

// The first whole microsecond at or after `micros`, saturating at Duration::max().
sim::Duration ceil_micros(double micros) {
  const double whole = std::ceil(micros);
  if (!(whole < static_cast<double>(sim::Duration::max().us()))) return sim::Duration::max();
  return sim::Duration::micros(static_cast<int64_t>(whole));
}

}  // namespace

CreditAccount::CreditAccount(const InstanceType& type, CreditMode mode)
    : mode_(mode),
      vcpus_(type.vcpus),
      credits_per_hour_(type.burst.credits_per_hour),
      max_credits_(type.burst.max_credits) {
  SCALESIM_CHECK(type.burstable(), "CPU credits of a type that earns none");
  SCALESIM_CHECK(vcpus_ <= kMaxVcpus, "more vCPUs than kEmpty covers");
  SCALESIM_CHECK(mode == CreditMode::kStandard || type.burst.unlimited_available,
                 "unlimited mode on a type without it");
  // Only standard instances get launch credits (AWSDOCS-EC2-BURSTABLE, unlimited mode
  // concepts: "T2 Standard instances receive launch credits, but T2 Unlimited
  // instances do not").
  if (mode == CreditMode::kStandard) launch_ = type.burst.launch_credits;
}

CreditAccount::CreditAccount(const InstanceType& type, CreditMode mode, double earned)
    : CreditAccount(type, mode) {
  SCALESIM_CHECK(earned >= 0 && earned <= max_credits_, "earned credits outside [0, max]");
  launch_ = 0;
  earned_ = earned;
}

double CreditAccount::advance(sim::Duration elapsed, double used_vcpu_seconds) {
  SCALESIM_CHECK(elapsed >= sim::Duration() && used_vcpu_seconds >= 0, "negative usage");
  const double earned = credits_per_hour_ * static_cast<double>(elapsed.us()) / kMicrosPerHour;
  double used = used_vcpu_seconds / kSecondsPerCredit;
  const double from_launch = std::min(launch_, used);
  launch_ -= from_launch;
  used -= from_launch;
  // Earnings repay surplus before they accrue (AWSDOCS-EC2-BURSTABLE, "Calculate CPU
  // credit usage for Unlimited instances": the adjusted balance).
  const double net = earned_ - surplus_ + earned - used;
  if (net >= 0) {
    earned_ = std::min(max_credits_, net);
    surplus_ = 0;
    return 0;
  }
  earned_ = 0;
  if (mode_ == CreditMode::kStandard) return 0;  // held to the baseline, nothing owed
  surplus_ = std::min(max_credits_, -net);
  return -net - surplus_;
}

double CreditAccount::settle() {
  const double owed = surplus_;
  surplus_ = 0;
  return owed;
}

bool CreditAccount::exhausted() const {
  return mode_ == CreditMode::kStandard && balance() <= kEmpty;
}

sim::Duration CreditAccount::earliest_exhaustion(double busy_vcpus_max) const {
  SCALESIM_CHECK(busy_vcpus_max >= 0 && busy_vcpus_max <= vcpus_, "busy vCPUs out of range");
  if (mode_ == CreditMode::kUnlimited) return sim::Duration::max();
  if (exhausted()) return sim::Duration();
  const double spend = busy_vcpus_max * 60;  // credits per hour
  const double drain = spend - credits_per_hour_;
  if (drain <= 0) return sim::Duration::max();
  // Launch credits go first while earnings accrue, up to the cap; then the earned
  // balance drains linearly. Waste at the cap makes this earlier than advance()'s
  // netting would say, never later.
  double micros = 0;
  double earned = earned_;
  double launch = launch_;
  if (launch > 0) {
    const double launch_micros = launch * kMicrosPerHour / spend;
    const double earned_then =
        std::min(max_credits_, earned + credits_per_hour_ * launch_micros / kMicrosPerHour);
    if (earned_then > kEmpty) {
      micros = launch_micros;
      earned = earned_then;
      launch = 0;
    }
  }
  micros += (launch + earned - kEmpty) * kMicrosPerHour / drain;
  sim::Duration t = ceil_micros(micros);
  if (t == sim::Duration::max()) return t;
  // Rounding can put advance()'s crossing a microsecond either side of the exact
  // one; a microsecond at which advance() still has credits is a safe bound.
  if (t > kMicro && after(t - kMicro, busy_vcpus_max).exhausted()) return t - kMicro;
  if (!after(t, busy_vcpus_max).exhausted()) return t + kMicro;
  return t;
}

sim::Duration CreditAccount::earliest_recovery(double credits) const {
  SCALESIM_CHECK(credits >= 0, "negative credits");
  if (balance() >= credits) return sim::Duration();
  if (credits > launch_ + max_credits_) return sim::Duration::max();
  const double deficit = credits - balance() + surplus_;
  const sim::Duration t = ceil_micros(deficit * kMicrosPerHour / credits_per_hour_);
  if (t == sim::Duration::max()) return t;
  // As in earliest_exhaustion(): advance() has the last word on rounding.
  if (t > kMicro && after(t - kMicro, 0).balance() >= credits) return t - kMicro;
  if (after(t, 0).balance() < credits) return t + kMicro;
  return t;
}

CreditAccount CreditAccount::after(sim::Duration elapsed, double busy_vcpus) const {
  CreditAccount copy = *this;
  copy.advance(elapsed, busy_vcpus * elapsed.seconds());
  return copy;
}

}  // namespace models
