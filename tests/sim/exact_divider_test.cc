#include "sim/exact_divider.h"

#include <catch2/catch.hpp>

// Every numerator below the limit, for the divisors fleets use (slots per
// instance) and the extremes: the quotient is the hardware division's.
TEST_CASE("An exact divider divides every numerator below 2^20 as division does") {
  for (const uint32_t divisor :
       {1u, 2u, 3u, 4u, 5u, 7u, 10u, 64u, 100u, 1000u, 65535u, 699051u, (1u << 20) - 1}) {
    const sim::ExactDivider divider(divisor);
    uint32_t wrong = 0;
    for (uint32_t n = 0; n < sim::ExactDivider::kLimit; ++n) {
      if (divider.divide(n) != n / divisor) ++wrong;
    }
    INFO("divisor " << divisor);
    CHECK(wrong == 0);
  }
}
