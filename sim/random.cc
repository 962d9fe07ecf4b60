#include "sim/random.h"

namespace sim {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

namespace {

// FNV-1a: a stable hash of the stream name (std::hash may differ between libraries).
uint64_t fnv1a(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

uint64_t mix(uint64_t a, uint64_t b) {
  uint64_t state = a ^ (b * 0x9e3779b97f4a7c15ULL);
  return splitmix64(state);
}

}  // namespace

uint64_t stream_key(uint64_t seed, uint64_t replication, std::string_view name) {
  return mix(mix(mix(0x5ca1e51e, seed), replication), fnv1a(name));
}

RandomStream RandomStream::derive(uint64_t seed, uint64_t replication, std::string_view name) {
  return RandomStream(stream_key(seed, replication, name));
}

RandomStream::RandomStream(uint64_t key) {
  uint64_t state = key;
  for (auto& word : s_) word = splitmix64(state);
}

}  // namespace sim
