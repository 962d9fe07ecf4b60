// Named, reproducible random streams.
//
// Every source of randomness in a run is its own stream, derived from
// (scenario seed, replication, stable stream name) such as "workload.arrivals" or
// "fleet:web.boot". Two strategies that read the stream of the same name see the
// same numbers (common random numbers), and adding a stream never shifts another.
// The generator is xoshiro256++ (Blackman and Vigna), seeded through splitmix64;
// both are fully specified here so results do not depend on the standard library.
#ifndef SCALESIM_SIM_RANDOM_H_
#define SCALESIM_SIM_RANDOM_H_

#include <cstdint>
#include <string_view>

#include "sim/int128.h"

namespace sim {

class RandomStream {
 public:
  // The stream called `name` in replication `replication` of a run seeded `seed`.
  static RandomStream derive(uint64_t seed, uint64_t replication, std::string_view name);
  explicit RandomStream(uint64_t key);

  uint64_t next_u64() {
    const uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform on the open interval (0, 1): safe to take the logarithm of.
  double uniform_open01() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }
  // Uniform integer in [0, n). REQUIRES: n > 0. Lemire's multiply-shift; the bias
  // is below 2^-32 for the n this simulator uses (instances, targets).
  uint64_t below(uint64_t n) { return scale_below(next_u64(), n); }
  // What below(n) returns when next_u64() gives `draw`: for a caller that draws
  // ahead, before it knows n.
  static uint64_t scale_below(uint64_t draw, uint64_t n) {
    return static_cast<uint64_t>((static_cast<Uint128>(draw) * n) >> 64);
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Exposed for tests that pin derived keys.
uint64_t splitmix64(uint64_t& state);
uint64_t stream_key(uint64_t seed, uint64_t replication, std::string_view name);

}  // namespace sim

#endif  // SCALESIM_SIM_RANDOM_H_
