#include "sim/ziggurat.h"

#include <cmath>
#include <cstdint>

namespace sim {

namespace {

constexpr int kLayers = 256;

// Layer i spans [0, x[i]) horizontally and [f(x[i]), f(x[i+1])) vertically;
// layer 0 has the pseudo-width area / f(r), which covers its rectangle and the tail.
struct Tables {
  double x[kLayers + 1];
  double f[kLayers + 1];
  double ratio[kLayers];  // x[i+1] / x[i]: the share of layer i inside the curve
};

template <class Density, class Inverse>
Tables build(double r, double area, Density density, Inverse inverse) {
  Tables t{};
  t.x[0] = area / density(r);
  t.x[1] = r;
  for (int i = 1; i < kLayers - 1; ++i) t.x[i + 1] = inverse(density(t.x[i]) + area / t.x[i]);
  t.x[kLayers] = 0.0;
  for (int i = 0; i <= kLayers; ++i) t.f[i] = density(t.x[i]);
  for (int i = 0; i < kLayers; ++i) t.ratio[i] = t.x[i + 1] / t.x[i];
  return t;
}

// Constants for 256 layers from Marsaglia and Tsang (2000).
const Tables kExponential = build(
    7.69711747013104972, 3.949659822581572e-3, [](double x) { return std::exp(-x); },
    [](double y) { return -std::log(y); });

// The normal tables use the unnormalised density exp(-x^2/2).
const Tables kNormal = build(
    3.6541528853610088, 0.00492867323399, [](double x) { return std::exp(-0.5 * x * x); },
    [](double y) { return std::sqrt(-2.0 * std::log(y)); });

double uniform53(uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

}  // namespace

double ziggurat_exponential(RandomStream& rng) {
  for (;;) {
    const uint64_t bits = rng.next_u64();
    const int i = static_cast<int>(bits & 0xff);
    const double u = uniform53(bits);
    if (u < kExponential.ratio[i]) return u * kExponential.x[i];
    if (i == 0) return kExponential.x[1] - std::log(rng.uniform_open01());  // memoryless tail
    const double x = u * kExponential.x[i];
    const double y =
        kExponential.f[i] + rng.uniform_open01() * (kExponential.f[i + 1] - kExponential.f[i]);
    if (y < std::exp(-x)) return x;
  }
}

double ziggurat_normal(RandomStream& rng) {
  for (;;) {
    const uint64_t bits = rng.next_u64();
    const int i = static_cast<int>(bits & 0xff);
    const double sign = (bits & 0x100) ? -1.0 : 1.0;
    const double u = uniform53(bits);
    if (u < kNormal.ratio[i]) return sign * u * kNormal.x[i];
    if (i == 0) {
      // Marsaglia's tail method for |x| > r.
      const double r = kNormal.x[1];
      double x, y;
      do {
        x = -std::log(rng.uniform_open01()) / r;
        y = -std::log(rng.uniform_open01());
      } while (2.0 * y < x * x);
      return sign * (r + x);
    }
    const double x = u * kNormal.x[i];
    const double y = kNormal.f[i] + rng.uniform_open01() * (kNormal.f[i + 1] - kNormal.f[i]);
    if (y < std::exp(-0.5 * x * x)) return sign * x;
  }
}

}  // namespace sim
