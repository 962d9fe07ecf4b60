// CPU credits of burstable instances, by hand and against AWS's published example.
#include <catch2/catch.hpp>

#include "models/compute/cpu_credits.h"
#include "models/compute/instance_catalog.h"

namespace {

using models::CreditAccount;
using models::CreditMode;
using sim::Duration;

const models::InstanceType& ec2(std::string_view name) {
  return *models::find_instance_type(models::Provider::kEc2, name);
}

// vCPU-seconds of `vcpus` busy for `d`.
double busy(double vcpus, Duration d) {
  return vcpus * d.seconds();
}

constexpr Duration kMicro = Duration::micros(1);

}  // namespace

TEST_CASE("The catalogue holds the EC2 credit table and the Lightsail baselines", "[credits]") {
  const models::BurstCredits& micro = ec2("t3.micro").burst;
  CHECK(micro.baseline == 0.10);
  CHECK(micro.credits_per_hour == 12);
  CHECK(micro.max_credits == 288);
  CHECK(micro.launch_credits == 0);
  CHECK(micro.default_mode == CreditMode::kUnlimited);
  CHECK(ec2("t4g.xlarge").burst.credits_per_hour == 96);
  CHECK(ec2("t4g.xlarge").burst.max_credits == 2304);
  CHECK(!ec2("m5.large").burstable());

  const auto* bundle = models::find_instance_type(models::Provider::kLightsail, "micro_3_0");
  CHECK(bundle->burst.credits_per_hour == 12);
  CHECK(bundle->burst.default_mode == CreditMode::kStandard);
  CHECK(!bundle->burst.unlimited_available);
  // The largest bundle accrues nothing and bursts as needed.
  CHECK(!models::find_instance_type(models::Provider::kLightsail, "4xlarge_3_0")->burstable());
}

TEST_CASE("Usage at the baseline keeps the balance, below it earns, above it spends", "[credits]") {
  // t3.small: 2 vCPUs, 20% each, 24 credits an hour.
  const auto& small = ec2("t3.small");
  const Duration hour = Duration::hours(1);
  CreditAccount at(small, CreditMode::kStandard, 100);
  CHECK(at.advance(hour, busy(0.4, hour)) == 0);
  CHECK(at.balance() == 100);

  CreditAccount below(small, CreditMode::kStandard, 100);
  below.advance(hour, busy(0.2, hour));  // spends 12 of the 24 earned
  CHECK(below.balance() == 112);

  CreditAccount above(small, CreditMode::kStandard, 100);
  above.advance(hour, busy(1, hour));  // spends 60, earns 24
  CHECK(above.balance() == 64);
  CHECK(!above.exhausted());
}

TEST_CASE("Earned credits stop at 24 hours of earnings", "[credits]") {
  CreditAccount account(ec2("t3.micro"), CreditMode::kStandard);
  CHECK(account.balance() == 0);  // T3 gets no launch credits
  account.advance(Duration::hours(30), 0);
  CHECK(account.balance() == 288);  // not 360

  CreditAccount nearly(ec2("t3.micro"), CreditMode::kStandard, 280);
  nearly.advance(Duration::hours(1), 0);
  CHECK(nearly.balance() == 288);
}

TEST_CASE("A standard balance stops at zero, owes nothing and is exhausted", "[credits]") {
  CreditAccount account(ec2("t3.micro"), CreditMode::kStandard, 10);
  const Duration hour = Duration::hours(1);
  CHECK(account.advance(hour, busy(2, hour)) == 0);  // wanted 120 - 12 - 10 more
  CHECK(account.balance() == 0);
  CHECK(account.surplus() == 0);
  CHECK(account.exhausted());
  CHECK(account.settle() == 0);
  CHECK(account.earliest_exhaustion(2) == Duration());
}

TEST_CASE("Exhaustion is never predicted later than constant usage reaches it", "[credits]") {
  // t3.micro from a full 144 credits, both vCPUs flat out: drains 120 - 12 = 108
  // an hour, so it empties (to kEmpty) at (144 - 1e-6) / 108 h = 4,799,999,966.67 us.
  const auto& micro = ec2("t3.micro");
  const CreditAccount start(micro, CreditMode::kStandard, 144);
  const Duration bound = start.earliest_exhaustion(2);
  CHECK(bound == Duration::micros(4'799'999'967));

  for (double vcpus : {0.5, 1.0, 1.5, 2.0}) {
    CAPTURE(vcpus);
    CreditAccount before = start;
    before.advance(bound - kMicro, busy(vcpus, bound - kMicro));
    CHECK(!before.exhausted());
    // Each usage's own bound is exact for it: exhausted at it, not a microsecond earlier.
    const Duration own = start.earliest_exhaustion(vcpus);
    CHECK(own >= bound);
    CreditAccount just_before = start;
    just_before.advance(own - kMicro, busy(vcpus, own - kMicro));
    CHECK(!just_before.exhausted());
    CreditAccount at = start;
    at.advance(own, busy(vcpus, own));
    CHECK(at.exhausted());
    CHECK(at.balance() >= 0);
  }
  // 0.2 vCPUs is the baseline: the balance cannot fall.
  CHECK(start.earliest_exhaustion(0.2) == Duration::max());
  CHECK(CreditAccount(micro, CreditMode::kUnlimited, 144).earliest_exhaustion(2) ==
        Duration::max());
}

TEST_CASE("Launch credits go first and sit outside the cap", "[credits]") {
  // A t2.medium (not in the catalogue): 2 vCPUs, 24 credits an hour, 576 at most,
  // 60 launch credits in standard mode.
  const models::InstanceType t2{models::Provider::kEc2,
                                "t2.medium",
                                2,
                                4,
                                "x86_64",
                                "test",
                                {0.20, 24, 576, 60, CreditMode::kStandard, true, "test"}};
  CreditAccount idle(t2, CreditMode::kStandard);
  idle.advance(Duration::hours(25), 0);
  CHECK(idle.balance() == 636);
  idle.advance(Duration::minutes(15), busy(2, Duration::minutes(15)));  // spends 30 launch
  CHECK(idle.balance() == 606);
  CHECK(CreditAccount(t2, CreditMode::kUnlimited).balance() == 0);

  // Fresh, flat out: the 60 launch credits last 0.5 h while 12 are earned, which
  // then last 12 / 96 h: empty (to kEmpty) at 2,250 s less 37.5 us.
  const CreditAccount fresh(t2, CreditMode::kStandard);
  const Duration bound = fresh.earliest_exhaustion(2);
  CHECK(bound == Duration::micros(2'249'999'963));
  CreditAccount before = fresh;
  before.advance(bound - kMicro, busy(2, bound - kMicro));
  CHECK(!before.exhausted());
  CreditAccount at = fresh;
  at.advance(bound, busy(2, bound));
  CHECK(at.exhausted());
}

TEST_CASE("Unlimited surplus beyond a day's earnings is billed at once", "[credits]") {
  // AWS's T3 Unlimited example: a t3.nano (6 credits an hour, 144 at most).
  CreditAccount nano(ec2("t3.nano"), CreditMode::kUnlimited);
  const Duration day = Duration::hours(24);
  CHECK(nano.advance(day, 0) == 0);  // P1: idle, fills to 144
  CHECK(nano.balance() == 144);
  nano.advance(Duration::hours(12), busy(0.05, Duration::hours(12)));  // P2: 2.5%
  CHECK(nano.balance() == 144);
  nano.advance(day, busy(0.14, day));  // P3: 7%, spends 201.6, earns 144
  CHECK(nano.balance() == Approx(86.4).margin(1e-9));
  nano.advance(Duration::hours(12), busy(0.05, Duration::hours(12)));  // P4: spends 36, earns 72
  CHECK(nano.balance() == Approx(122.4).margin(1e-9));
  // P5: 5 h flat out spends 600, earns 30: 447.6 surplus, of which 144 can be repaid
  // within a day and 303.6 is billed (AWS rounds the balance to 122 and says 304).
  const double billed = nano.advance(Duration::hours(5), busy(2, Duration::hours(5)));
  CHECK(billed == Approx(303.6).margin(1e-9));
  CHECK(models::surplus_vcpu_hours(billed) == Approx(5.06).margin(1e-9));
  CHECK(nano.balance() == 0);
  CHECK(nano.surplus() == 144);
  CHECK(!nano.exhausted());  // unlimited never throttles
  CHECK(nano.advance(Duration::hours(13), busy(0.1, Duration::hours(13))) == 0);  // P6: 5%
  CHECK(nano.surplus() == Approx(144).margin(1e-9));
  CHECK(nano.advance(day, 0) == 0);  // P7: idle, earns 144 and repays it all
  CHECK(nano.surplus() == Approx(0).margin(1e-9));
  CHECK(nano.settle() == Approx(0).margin(1e-9));
}

TEST_CASE("Stopping bills the outstanding surplus, and earnings repay it first", "[credits]") {
  const auto& micro = ec2("t3.micro");
  const Duration hour = Duration::hours(1);
  CreditAccount stopped(micro, CreditMode::kUnlimited);
  CHECK(stopped.advance(hour, busy(2, hour)) == 0);  // spends 120, earns 12
  CHECK(stopped.surplus() == 108);
  CHECK(stopped.settle() == 108);
  CHECK(models::surplus_vcpu_hours(108) == 1.8);
  CHECK(stopped.surplus() == 0);
  CHECK(stopped.settle() == 0);

  CreditAccount repaid(micro, CreditMode::kUnlimited);
  repaid.advance(hour, busy(2, hour));
  repaid.advance(Duration::hours(10), 0);  // earns 120: 108 repaid, 12 kept
  CHECK(repaid.surplus() == 0);
  CHECK(repaid.balance() == 12);
}

TEST_CASE("Recovery by earning alone takes the deficit over the earning rate", "[credits]") {
  const auto& micro = ec2("t3.micro");  // 12 credits an hour
  const CreditAccount empty(micro, CreditMode::kStandard);
  const Duration half_hour = empty.earliest_recovery(6);
  CHECK(half_hour == Duration::minutes(30));
  CreditAccount early = empty;
  early.advance(half_hour - kMicro, 0);
  CHECK(early.balance() < 6);
  CreditAccount on_time = empty;
  on_time.advance(half_hour, 0);
  CHECK(on_time.balance() == 6);

  CHECK(empty.earliest_recovery(0) == Duration());
  CHECK(empty.earliest_recovery(289) == Duration::max());  // above the cap

  // With 108 surplus to repay first, 12 credits take (108 + 12) / 12 = 10 h.
  CreditAccount owing(micro, CreditMode::kUnlimited);
  owing.advance(Duration::hours(1), busy(2, Duration::hours(1)));
  CHECK(owing.earliest_recovery(12) == Duration::hours(10));
}
