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

// Random joins, leaves, increments and decrements, up to `most_instances`
// instances, checking the structure against the reference after each step.
// Returns the highest count any instance reached.
uint32_t churn(models::LeastOutstanding& lor, Reference& ref, std::mt19937_64& rng, int steps,
               size_t most_instances) {
  uint32_t highest = 0;
  for (int step = 0; step < steps; ++step) {
    const uint64_t op = rng() % 8;
    if (op == 0 && ref.entries.size() < most_instances && rng() % 4 == 0) {
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
    highest = std::max(highest, entry.count);
  }
  return highest;
}

}  // namespace

TEST_CASE("Least outstanding picks the fewest, ties to the longest held, through growth") {
  std::mt19937_64 rng(7);
  models::LeastOutstanding lor(2);
  Reference ref;
  ref.entries.resize(2);
  const uint32_t highest = churn(lor, ref, rng, 200'000, 300);
  CHECK(ref.entries.size() > 100);  // the room for instances grew several times
  CHECK(highest > 16);              // and so did the buckets'
}

// With two instances, membership keeps passing through one member alone, whose
// lists wait until another joins; counts climb past the buckets meanwhile.
TEST_CASE("Least outstanding stays right as a lone member's company comes and goes") {
  std::mt19937_64 rng(11);
  models::LeastOutstanding lor(2);
  Reference ref;
  ref.entries.resize(2);
  CHECK(churn(lor, ref, rng, 100'000, 2) > 16);
}
