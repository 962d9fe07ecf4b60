// Ziggurat samplers (Marsaglia and Tsang, "The Ziggurat Method for Generating
// Random Variables", JSS 5(8), 2000) for the standard exponential and normal.
//
// About 99% of draws cost one 64-bit random number, a multiply and a comparison;
// the rest fall back to exact rejection or tail sampling, so the distributions are
// exact. Tables are computed once from the published constants.
//
// The common case is inline, so that a draw costs no call on the per-request
// path; the rest is out of line in ziggurat.cc.
#ifndef SCALESIM_SIM_ZIGGURAT_H_
#define SCALESIM_SIM_ZIGGURAT_H_

#include <bit>
#include <cstdint>

#include "sim/random.h"

namespace sim {

namespace ziggurat_internal {

constexpr int kLayers = 256;

// Layer i spans [0, x[i]) horizontally and [f(x[i]), f(x[i+1])) vertically;
// layer 0 has the pseudo-width area / f(r), which covers its rectangle and the tail.
struct Tables {
  // What the fast test reads of layer i, side by side in one cache line: in a
  // large model the tables fall out of cache between draws, and two arrays cost
  // two misses a draw. First, so that a layer's address is its index times 16.
  struct Layer {
    double ratio;  // x[i+1] / x[i]: the share of layer i inside the curve
    double x;      // x[i]
  };
  alignas(64) Layer layer[kLayers];
  double x[kLayers + 1];
  double f[kLayers + 1];
};

extern const Tables kExponential;
extern const Tables kNormal;  // of the unnormalised density exp(-x^2/2)

// The uniform on [0, 1) in the top 53 bits of a draw; the low 8 pick the layer.
inline double uniform53(uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// The rest of a draw whose first 64 bits `bits` missed the fast test: what the
// loops below would do next, drawing on from `rng`.
double exponential_rest(RandomStream& rng, uint64_t bits);
double normal_rest(RandomStream& rng, uint64_t bits);

}  // namespace ziggurat_internal

// Exp(1).
inline double ziggurat_exponential(RandomStream& rng) {
  using namespace ziggurat_internal;
  const uint64_t bits = rng.next_u64();
  const int i = static_cast<int>(bits & 0xff);
  const double u = uniform53(bits);
  const Tables::Layer& layer = kExponential.layer[i];
  if (u < layer.ratio) [[likely]]
    return u * layer.x;
  return exponential_rest(rng, bits);
}

// N(0, 1).
inline double ziggurat_normal(RandomStream& rng) {
  using namespace ziggurat_internal;
  const uint64_t bits = rng.next_u64();
  const int i = static_cast<int>(bits & 0xff);
  // +1 or -1 by bit 8, made with integer operations: as a test, a coin toss that
  // a branch predictor misses half the time.
  const double sign = std::bit_cast<double>(((bits & 0x100) << 55) | std::bit_cast<uint64_t>(1.0));
  const double u = uniform53(bits);
  const Tables::Layer& layer = kNormal.layer[i];
  if (u < layer.ratio) [[likely]]
    return sign * u * layer.x;
  return normal_rest(rng, bits);
}

}  // namespace sim

#endif  // SCALESIM_SIM_ZIGGURAT_H_
