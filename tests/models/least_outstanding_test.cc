#include "models/compute/least_outstanding.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <vector>

namespace {

// The rule spelled out: among members, the fewest outstanding; among those, the
// one whose count changed to that value first.
struct Reference {
  struct Entry {
    bool member = false;
    uint32_t count = 0;
    uint64_t since = 0;
  };
  std::vector<Entry> entries;
  uint64_t clock = 0;

  void set(uint32_t instance, uint32_t count) {
    entries[instance].count = count;
    entries[instance].since = clock++;
  }
  uint32_t least() const {
    uint32_t best = models::LeastOutstanding::kNone;
    for (uint32_t i = 0; i < entries.size(); ++i) {
      if (!entries[i].member) continue;
      if (best == models::LeastOutstanding::kNone || entries[i].count < entries[best].count ||
          (entries[i].count == entries[best].count && entries[i].since < entries[best].since)) {
        best = i;
      }
    }
    return best;
  }
};

}  // namespace

TEST_CASE("Least outstanding picks the fewest, ties to the longest held, through growth") {
  std::mt19937_64 rng(7);
  models::LeastOutstanding lor(2);
  Reference ref;
  ref.entries.resize(2);
  uint32_t checked = 0;
  for (int step = 0; step < 200'000; ++step) {
    const uint64_t op = rng() % 8;
    if (op == 0 && ref.entries.size() < 300 && rng() % 4 == 0) {
      // Room for one more instance: past the first capacity, it grows.
      ref.entries.resize(ref.entries.size() + 1);
      lor.grow(static_cast<uint32_t>(ref.entries.size()));
    }
    const auto instance = static_cast<uint32_t>(rng() % ref.entries.size());
    Reference::Entry& entry = ref.entries[instance];
    switch (op) {
      case 0:  // an instance joins
        if (!entry.member) {
          const auto outstanding = static_cast<uint32_t>(rng() % 12);
          lor.insert(instance, outstanding);
          entry.member = true;
          ref.set(instance, outstanding);
        }
        break;
      case 1:
        if (entry.member && rng() % 3 == 0) {
          lor.remove(instance);
          entry.member = false;
        }
        break;
      case 2:
      case 3:
      case 4:  // counts climb past the first buckets
        if (entry.member) {
          lor.increment(instance);
          ref.set(instance, entry.count + 1);
        }
        break;
      default:
        if (entry.member && entry.count > 0) {
          lor.decrement(instance);
          ref.set(instance, entry.count - 1);
        }
        break;
    }
    for (uint32_t i = 0; i < ref.entries.size() && i < 16; ++i) {
      REQUIRE(lor.contains(i) == ref.entries[i].member);
    }
    REQUIRE(lor.least() == ref.least());
    REQUIRE(lor.empty() == (ref.least() == models::LeastOutstanding::kNone));
    ++checked;
  }
  CHECK(checked == 200'000);
  uint32_t highest = 0;
  for (const auto& entry : ref.entries) highest = std::max(highest, entry.count);
  CHECK(ref.entries.size() > 100);  // the room for instances grew several times
  CHECK(highest > 16);              // and so did the buckets'
}
