#include "sim/ziggurat.h"

#include <cmath>

namespace sim {

namespace ziggurat_internal {

namespace {

template <class Density, class Inverse>
Tables build(double r, double area, Density density, Inverse inverse) {
  Tables t{};
  t.x[0] = area / density(r);
  t.x[1] = r;
  for (int i = 1; i < kLayers - 1; ++i) t.x[i + 1] = inverse(density(t.x[i]) + area / t.x[i]);
  t.x[kLayers] = 0.0;
  for (int i = 0; i <= kLayers; ++i) t.f[i] = density(t.x[i]);
  for (int i = 0; i < kLayers; ++i) t.layer[i] = {t.x[i + 1] / t.x[i], t.x[i]};
  return t;
}

}  // namespace

// Constants for 256 layers from Marsaglia and Tsang (2000).
const Tables kExponential = build(
    7.69711747013104972, 3.949659822581572e-3, [](double x) { return std::exp(-x); },
    [](double y) { return -std::log(y); });

const Tables kNormal = build(
    3.6541528853610088, 0.00492867323399, [](double x) { return std::exp(-0.5 * x * x); },
    [](double y) { return std::sqrt(-2.0 * std::log(y)); });

// Each loop starts with the draw the inline fast test rejected; later rounds
// repeat that test, exactly as one loop from the start would.
double exponential_rest(RandomStream& rng, uint64_t bits) {
  for (;;) {
    const int i = static_cast<int>(bits & 0xff);
    const double u = uniform53(bits);
    if (u < kExponential.layer[i].ratio) return u * kExponential.x[i];
    if (i == 0) return kExponential.x[1] - std::log(rng.uniform_open01());  // memoryless tail
    const double x = u * kExponential.x[i];
    const double y =
        kExponential.f[i] + rng.uniform_open01() * (kExponential.f[i + 1] - kExponential.f[i]);
    if (y < std::exp(-x)) return x;
    bits = rng.next_u64();
  }
}

double normal_rest(RandomStream& rng, uint64_t bits) {
  for (;;) {
    const int i = static_cast<int>(bits & 0xff);
    const double sign = (bits & 0x100) ? -1.0 : 1.0;
    const double u = uniform53(bits);
    if (u < kNormal.layer[i].ratio) return sign * u * kNormal.x[i];
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
    bits = rng.next_u64();
  }
}

}  // namespace ziggurat_internal

}  // namespace sim
