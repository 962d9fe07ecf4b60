// What target-tracking policies share: the capacity a reading asks for, and
// how a reading is written in the event log.
#ifndef SCALESIM_MODELS_POLICIES_TRACKING_MATH_H_
#define SCALESIM_MODELS_POLICIES_TRACKING_MATH_H_

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace models {

// The capacity that brings `metric` measured on `capacity` to `target`:
// ceil(capacity x metric / target), forgiving floating-point dust (2 x 50 / 50
// and 7 x 0.7 / 0.7 must stay 2 and 7). 0 for a non-positive result.
inline uint32_t tracked_capacity(double capacity, double metric, double target) {
  const double x = capacity * metric / target;
  return x <= 0 ? 0 : static_cast<uint32_t>(std::ceil(x - 1e-9));
}

// `value` to `digits` significant digits, for event details: "0.967".
inline std::string figure(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_TRACKING_MATH_H_
