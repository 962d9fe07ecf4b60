// CPU credits of one burstable instance (EC2 T3/T3a/T4g, Lightsail bundles), as
// pure arithmetic that a fleet calls lazily. Sources are keyed as in
// instance_catalog.cc (AWSDOCS-EC2-BURSTABLE, AWSDOCS-LIGHTSAIL).
//
// A credit is one vCPU at 100% for one minute. A running instance earns its type's
// credits_per_hour and spends what it uses; earned credits accrue up to
// max_credits, 24 hours of earnings. With the balance empty, a standard instance is
// held to its baseline (AWS lowers it gradually; the caller throttles when
// exhausted() says so), and an unlimited one spends surplus credits, which later
// earnings repay. Surplus beyond 24 hours of earnings is billed, as is whatever
// surplus remains when the instance stops or terminates.
//
// advance() nets an interval's earnings against its usage before the cap and the
// floor apply, as AWS's published equations book each five-minute period. That is
// exact whenever the balance touches neither the cap nor zero inside the interval,
// which earliest_exhaustion() and earliest_recovery() let a caller arrange.
#ifndef SCALESIM_MODELS_COMPUTE_CPU_CREDITS_H_
#define SCALESIM_MODELS_COMPUTE_CPU_CREDITS_H_

#include "sim/time.h"

namespace models {

struct InstanceType;

// What happens when the balance is empty: kStandard holds the instance to its
// baseline, kUnlimited lets it spend surplus credits at a price.
enum class CreditMode { kStandard, kUnlimited };

// The usage billed for `credits` surplus credits, in vCPU-hours (a credit is a
// vCPU-minute); AWS prices it per vCPU-hour.
constexpr double surplus_vcpu_hours(double credits) {
  return credits / 60;
}

class CreditAccount {
 public:
  // A balance at or below this many credits is empty. It exceeds what 60 busy vCPUs
  // spend in one microsecond (60 / 6e7), so the balance cannot go below zero in the
  // microsecond before earliest_exhaustion() says exhaustion could begin.
  static constexpr double kEmpty = 1e-6;
  static constexpr int kMaxVcpus = 60;

  // A newly launched instance, holding its type's launch credits in standard mode
  // (none for T3, T3a, T4g or Lightsail; unlimited instances never get any).
  // REQUIRES: type.burstable(), type.vcpus <= kMaxVcpus, and mode is kStandard
  // unless type.burst.unlimited_available. Copies what it needs from `type`.
  CreditAccount(const InstanceType& type, CreditMode mode);
  // An instance that has already accrued `earned` credits (max_credits after a day
  // idle), without launch credits. REQUIRES: as above, 0 <= earned <= max_credits.
  CreditAccount(const InstanceType& type, CreditMode mode, double earned);

  // Books `elapsed` of running in which the instance's vCPUs together used
  // `used_vcpu_seconds`. Returns the surplus credits to bill now: in unlimited mode
  // those beyond max_credits, what the instance can earn in 24 hours (AWS bills
  // them at the end of the hour); in standard mode none, the balance stopping at
  // zero. REQUIRES: elapsed and used_vcpu_seconds are not negative.
  double advance(sim::Duration elapsed, double used_vcpu_seconds);

  // Returns the surplus still owed, billed when the instance stops or terminates,
  // and clears it. Call advance() up to the stop first.
  double settle();

  double balance() const { return launch_ + earned_; }
  double surplus() const { return surplus_; }
  CreditMode mode() const { return mode_; }
  // Whether the instance is held to its baseline: standard mode, balance <= kEmpty.
  bool exhausted() const;

  // The first whole microsecond from now at which exhausted() could hold with at
  // most `busy_vcpus_max` vCPUs busy throughout: never later than with any usage up
  // to that. For usage flat out at it, the microsecond one advance() call reports
  // (earlier only while launch credits are spent and earnings spill at the cap).
  // Zero when already exhausted; Duration::max() in unlimited mode or when that
  // usage cannot lower the balance. REQUIRES: 0 <= busy_vcpus_max <= the type's vCPUs.
  sim::Duration earliest_exhaustion(double busy_vcpus_max) const;

  // The first whole microsecond from now at which the balance could reach
  // `credits` by earning alone (repaying any surplus first). Zero when it already
  // has; Duration::max() when earnings alone can never get there (above max_credits
  // plus launch credits left). REQUIRES: credits >= 0.
  sim::Duration earliest_recovery(double credits) const;

 private:
  // The balance after `elapsed` of `busy_vcpus` busy, booked by advance().
  CreditAccount after(sim::Duration elapsed, double busy_vcpus) const;

  CreditMode mode_;
  int vcpus_;
  double credits_per_hour_;
  double max_credits_;
  double launch_ = 0;   // spent first, outside the cap
  double earned_ = 0;   // 0 <= earned_ <= max_credits_
  double surplus_ = 0;  // unlimited only; 0 <= surplus_ <= max_credits_
};

}  // namespace models

#endif  // SCALESIM_MODELS_COMPUTE_CPU_CREDITS_H_
