#include "models/request_ring.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <deque>
#include <random>

TEST_CASE("A ring is first in, first out through growth and wrap-around, like a deque") {
  std::mt19937_64 rng(11);
  models::Ring<uint64_t> ring;
  std::deque<uint64_t> reference;
  uint64_t next = 0;
  size_t largest = 0;
  for (int step = 0; step < 100'000; ++step) {
    // Pushes outrun pops for a while, then pops catch up: the ring grows, then wraps.
    const bool push = reference.empty() || rng() % 100 < (step % 2000 < 1000 ? 60u : 40u);
    if (push) {
      if (rng() % 2) {
        ring.push_back(next);
      } else {
        ring.push_back() = next;
      }
      reference.push_back(next++);
    } else if (rng() % 2) {
      REQUIRE(ring.pop_front() == reference.front());
      reference.pop_front();
    } else {
      ring.drop_front();
      reference.pop_front();
    }
    REQUIRE(ring.size() == reference.size());
    REQUIRE(ring.empty() == reference.empty());
    if (!reference.empty()) {
      REQUIRE(ring.front() == reference.front());
      const size_t i = rng() % reference.size();
      REQUIRE(ring.at(i) == reference[i]);
    }
    largest = std::max(largest, reference.size());
  }
  CHECK(largest > 64);  // grown several times from its first 8 slots
}

TEST_CASE("An emptied ring starts again at its first slot, so short queues reuse warm slots") {
  models::Ring<uint64_t> ring;
  ring.push_back(0);
  const uint64_t* first = &ring.front();
  for (uint64_t round = 1; round <= 5; ++round) {
    ring.push_back(round);
    ring.drop_front();
    CHECK(ring.pop_front() == round);
    REQUIRE(ring.empty());
    ring.push_back(round);
    CHECK(&ring.front() == first);
  }
}
