// The timer set's wheel and heap together (timer_set.h): whatever the delays,
// timers fire in (time, index) order, exactly as a sorted reference has them.
#include "sim/timer_set.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "sim/random.h"
#include "sim/simulation.h"
#include "timer_recorder.h"

namespace {

using Pending = std::multiset<std::pair<int64_t, uint32_t>>;

// A timer set attached to a simulation, beside a sorted reference of what it
// should hold.
struct Rig {
  explicit Rig(uint64_t seed) : rng(seed) { simulation.attach(timers); }

  void add(int64_t at, uint32_t index) {
    timers.add(sim::Time::micros(at), index);
    pending.emplace(at, index);
  }

  // Fires the earliest pending timer, with every other due at its instant, and
  // checks them against the reference.
  void fire_one_instant() {
    const int64_t when = pending.begin()->first;
    recorder.fired.clear();
    simulation.run_until(sim::Time::micros(when), nullptr);
    std::vector<std::pair<int64_t, uint32_t>> due;
    while (!pending.empty() && pending.begin()->first == when) {
      due.push_back(*pending.begin());
      pending.erase(pending.begin());
    }
    REQUIRE(recorder.fired == due);
  }

  // Adds `count` timers due `delay(rng)` after now, firing one instant after each
  // add with probability 1/2, and checks size and front all along.
  template <typename Delay>
  void churn(int count, Delay delay) {
    for (int i = 0; i < count; ++i) {
      const int64_t at = simulation.now().us() + delay(rng);
      add(at, static_cast<uint32_t>(rng.below(1000)));
      if (rng.below(2) == 0) fire_one_instant();
      REQUIRE(timers.size() == pending.size());
      REQUIRE(timers.top_time() == sim::Time::micros(pending.begin()->first));
    }
  }

  sim::Simulation simulation;
  test::TimerRecorder recorder{simulation};
  sim::TimerSet timers{recorder};
  Pending pending;
  sim::RandomStream rng;
};

}  // namespace

TEST_CASE("Timers fire in (time, index) order whatever their delays, crowding or spread", "[sim]") {
  Rig rig(23);
  sim::RandomStream& rng = rig.rng;
  // Microseconds: the wheel narrows to its finest buckets.
  rig.churn(20000, [](sim::RandomStream& r) { return static_cast<int64_t>(r.below(20)); });
  // Seconds, with the microsecond timers still pending: it widens around them.
  rig.churn(20000, [](sim::RandomStream& r) { return static_cast<int64_t>(r.below(4'000'000)); });
  // From a microsecond to a day, log-uniform: many past any span the wheel has.
  rig.churn(20000, [](sim::RandomStream& r) {
    return static_cast<int64_t>(r.below(uint64_t{1} << r.below(37)));
  });
  // Crowds: hundreds due at one instant, more than a bucket's list takes.
  for (int burst = 0; burst < 20; ++burst) {
    const int64_t at = rig.simulation.now().us() + static_cast<int64_t>(rng.below(1000));
    for (uint32_t k = 0; k < 300; ++k) rig.add(at, static_cast<uint32_t>(rng.below(1000)));
    rig.fire_one_instant();
    REQUIRE(rig.timers.size() == rig.pending.size());
  }
  while (!rig.pending.empty()) rig.fire_one_instant();
  CHECK(rig.timers.empty());
  CHECK(rig.timers.top_time() == sim::Time::never());
}

TEST_CASE("Cancels find timers wherever the set keeps them, near, far or crowded", "[sim]") {
  Rig rig(29);
  sim::RandomStream& rng = rig.rng;
  sim::TimerSet& timers = rig.timers;
  Pending& pending = rig.pending;
  for (int round = 0; round < 5000; ++round) {
    const int64_t now = rig.simulation.now().us();
    // Near, far (an hour) or with 30 others at one instant.
    const uint64_t shape = rng.below(3);
    const int copies = shape == 2 ? 30 : 1;
    const int64_t at =
        now + static_cast<int64_t>(shape == 1 ? rng.below(3'600'000'000) : rng.below(5000));
    for (int k = 0; k < copies; ++k) rig.add(at, static_cast<uint32_t>(rng.below(300)));
    const auto victim = static_cast<uint32_t>(rng.below(300));
    auto earliest = pending.end();
    for (auto it = pending.begin(); it != pending.end(); ++it) {
      if (it->second == victim && (earliest == pending.end() || *it < *earliest)) earliest = it;
    }
    const std::optional<sim::Time> due = timers.cancel(victim);
    REQUIRE(due.has_value() == (earliest != pending.end()));
    if (due) {
      REQUIRE(due->us() == earliest->first);
      pending.erase(earliest);
    }
    if (round % 7 == 0) {
      const auto first = static_cast<uint32_t>(rng.below(300));
      std::vector<std::pair<uint32_t, sim::Time>> cancelled;
      timers.cancel_range(first, first + 9, cancelled);
      std::multiset<std::pair<int64_t, uint32_t>> expected, got;
      for (auto it = pending.begin(); it != pending.end();) {
        if (it->second >= first && it->second <= first + 9) {
          expected.insert(*it);
          it = pending.erase(it);
        } else {
          ++it;
        }
      }
      for (const auto& [index, when] : cancelled) got.emplace(when.us(), index);
      REQUIRE(got == expected);
    }
    if (!pending.empty() && rng.below(2) == 0) rig.fire_one_instant();
    REQUIRE(timers.size() == pending.size());
    REQUIRE(timers.top_time() ==
            (pending.empty() ? sim::Time::never() : sim::Time::micros(pending.begin()->first)));
  }
}

// Hundreds pending over a delay a few hundred buckets wide crowd the buckets,
// where adds and pops decide by arithmetic; a few dozen leave them sparse, where
// they branch. Both fire in the reference's order.
TEST_CASE("Crowded and sparse buckets both fire timers in order", "[sim]") {
  Rig rig(31);
  sim::RandomStream& rng = rig.rng;
  const auto delay = [&rng] { return static_cast<int64_t>(rng.below(100'000)); };
  const auto steady = [&](size_t pending, int steps) {
    for (int step = 0; step < steps; ++step) {
      rig.add(rig.simulation.now().us() + delay(), static_cast<uint32_t>(rng.below(1000)));
      while (rig.pending.size() > pending) rig.fire_one_instant();
      REQUIRE(rig.timers.size() == rig.pending.size());
    }
  };
  steady(640, 20000);
  CHECK(rig.timers.crowded());
  steady(20, 20000);
  CHECK_FALSE(rig.timers.crowded());
  steady(640, 20000);
  CHECK(rig.timers.crowded());
  while (!rig.pending.empty()) rig.fire_one_instant();
  CHECK(rig.timers.empty());
}
