// Division by a divisor fixed at construction, as a multiplication and a shift.
//
// A hot path that divides by a run's constant (a fleet's slots per instance, to
// find the instance of a slot) pays a multiply instead of a hardware division,
// which takes several times as long. Exact for every numerator and divisor below
// 2^20, the limit of timer indices (TimerSet::kMaxIndex):
// with m = floor(2^44 / d) + 1, m is 2^44 / d + e for some 0 < e <= 1, so
// n * m / 2^44 = n / d + n * e / 2^44, and the error n * e / 2^44 < 2^-24 is
// smaller than 1 / d, the least distance from n / d up to the next integer.
#ifndef SCALESIM_SIM_EXACT_DIVIDER_H_
#define SCALESIM_SIM_EXACT_DIVIDER_H_

#include <cstdint>

#include "sim/check.h"

namespace sim {

class ExactDivider {
 public:
  static constexpr uint32_t kLimit = uint32_t{1} << 20;  // numerators and divisors below this

  // REQUIRES: 0 < divisor < kLimit.
  explicit ExactDivider(uint32_t divisor) : multiplier_((uint64_t{1} << kShift) / divisor + 1) {
    SCALESIM_CHECK(divisor > 0 && divisor < kLimit, "divisor out of range");
  }

  // n / divisor, rounded down. REQUIRES: n < kLimit.
  uint32_t divide(uint32_t n) const { return static_cast<uint32_t>((n * multiplier_) >> kShift); }

 private:
  static constexpr int kShift = 44;
  uint64_t multiplier_;
};

}  // namespace sim

#endif  // SCALESIM_SIM_EXACT_DIVIDER_H_
