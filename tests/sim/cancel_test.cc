// Cancelling and superseding pending events (the event queue) and timers (a timer set).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/event_queue.h"
#include "sim/random.h"
#include "sim/simulation.h"
#include "sim/timer_set.h"
#include "timer_recorder.h"

namespace {

// Logs "payload@time" for each event it receives.
class Log final : public sim::EventHandler {
 public:
  explicit Log(sim::Simulation& simulation) : sim_(simulation) {}
  void on_event(uint64_t payload) override {
    fired.push_back(std::to_string(payload) + "@" + std::to_string(sim_.now().us()));
  }
  std::vector<std::string> fired;

 private:
  sim::Simulation& sim_;
};

// Logs "index@time" for each timer it receives.
class TimerLog final : public sim::TimerHandler {
 public:
  explicit TimerLog(sim::Simulation& simulation) : sim_(simulation) {}
  void on_timer(uint32_t index) override {
    fired.push_back(std::to_string(index) + "@" + std::to_string(sim_.now().us()));
  }
  std::vector<std::string> fired;

 private:
  sim::Simulation& sim_;
};

sim::Time at(int64_t us) {
  return sim::Time::micros(us);
}

}  // namespace

TEST_CASE("A cancelled event never fires, and the others keep their order", "[sim]") {
  sim::Simulation simulation;
  Log log(simulation);
  simulation.schedule(at(10), log, 1);
  const sim::EventId second = simulation.schedule(at(10), log, 2);
  simulation.schedule(at(10), log, 3);
  const sim::EventId fourth = simulation.schedule_after(sim::Duration::micros(5), log, 4);
  simulation.schedule(at(20), log, 5);
  CHECK(simulation.cancel(second));
  CHECK(simulation.cancel(fourth));
  CHECK(simulation.pending_events() == 3);
  CHECK_FALSE(simulation.cancel(second));  // already cancelled
  simulation.run_until(at(100), nullptr);
  CHECK(log.fired == std::vector<std::string>{"1@10", "3@10", "5@20"});
}

TEST_CASE("Cancelling an event that already fired, or no event, returns false", "[sim]") {
  sim::Simulation simulation;
  Log log(simulation);
  const sim::EventId first = simulation.schedule(at(10), log, 1);
  const sim::EventId second = simulation.schedule(at(20), log, 2);
  CHECK(first.sequence() == 0);
  CHECK(second.sequence() == 1);
  simulation.run_until(at(15), nullptr);
  CHECK_FALSE(simulation.cancel(first));
  CHECK_FALSE(simulation.cancel(sim::EventId()));
  CHECK_FALSE(sim::EventId().valid());
  CHECK(simulation.pending_events() == 1);
  CHECK(simulation.cancel(second));
  CHECK(simulation.pending_events() == 0);
  simulation.run_until(at(100), nullptr);
  CHECK(log.fired == std::vector<std::string>{"1@10"});
}

TEST_CASE("An event cancelled by another at the same instant does not fire", "[sim]") {
  sim::Simulation simulation;
  // Cancels `victim` when it fires, then schedules a replacement for the same instant.
  struct Canceller final : sim::EventHandler {
    sim::Simulation* sim;
    Log* log;
    sim::EventId victim;
    bool cancelled = false;
    void on_event(uint64_t) override {
      cancelled = sim->cancel(victim);
      sim->schedule(sim->now(), *log, 9);
    }
  } canceller;
  Log log(simulation);
  canceller.sim = &simulation;
  canceller.log = &log;
  simulation.schedule(at(10), canceller);
  canceller.victim = simulation.schedule(at(10), log, 1);
  simulation.schedule(at(10), log, 2);
  simulation.run_until(at(10), nullptr);
  CHECK(canceller.cancelled);
  CHECK(log.fired == std::vector<std::string>{"2@10", "9@10"});
}

TEST_CASE("Random cancels leave exactly the other events, in (time, sequence) order", "[sim]") {
  sim::Simulation simulation;  // only for the handler's clock; the queue is driven directly
  Log log(simulation);
  sim::EventQueue queue;
  sim::RandomStream rng(5);
  // The reference: what is pending, as (time, sequence).
  std::set<std::pair<int64_t, uint64_t>> pending;
  int64_t now = 0;
  for (int round = 0; round < 20000; ++round) {
    const int64_t time = now + static_cast<int64_t>(rng.below(200));
    pending.emplace(time, queue.push(at(time), log, 0));
    if (rng.below(3) == 0 && !pending.empty()) {
      // Any pending event: the root, a leaf or in between.
      auto victim = std::next(pending.begin(), static_cast<long>(rng.below(pending.size())));
      REQUIRE(queue.cancel(victim->second));
      REQUIRE_FALSE(queue.cancel(victim->second));
      pending.erase(victim);
    }
    if (rng.below(2) == 0 && !pending.empty()) {
      const sim::Event event = queue.pop();
      REQUIRE(std::make_pair(event.time.us(), event.sequence) == *pending.begin());
      pending.erase(pending.begin());
      now = event.time.us();
    }
    REQUIRE(queue.size() == pending.size());
  }
  while (!queue.empty()) {
    const sim::Event event = queue.pop();
    REQUIRE(std::make_pair(event.time.us(), event.sequence) == *pending.begin());
    pending.erase(pending.begin());
  }
  CHECK(pending.empty());
}

TEST_CASE("After cancel(i) and add(later, i) only the later timer of i fires", "[sim]") {
  sim::Simulation simulation;
  TimerLog log(simulation);
  sim::TimerSet timers(log);
  simulation.attach(timers);
  timers.add(at(10), 3);
  timers.add(at(20), 5);
  timers.add(at(15), 4);
  CHECK(timers.cancel(3) == std::optional<sim::Time>(at(10)));
  timers.add(at(30), 3);
  CHECK_FALSE(timers.cancel(7));  // nothing pending for 7
  CHECK(timers.size() == 3);
  simulation.run_until(at(100), nullptr);
  CHECK(log.fired == std::vector<std::string>{"4@15", "5@20", "3@30"});
  CHECK_FALSE(timers.cancel(3));  // it fired
  CHECK(timers.empty());
  CHECK(timers.top_time() == sim::Time::never());
}

TEST_CASE("A timer set's cancel removes the earliest of several timers of one index", "[sim]") {
  sim::Simulation simulation;
  TimerLog log(simulation);
  sim::TimerSet timers(log);
  simulation.attach(timers);
  timers.add(at(40), 2);
  timers.add(at(10), 2);
  timers.add(at(25), 2);
  CHECK(timers.cancel(2));
  CHECK(timers.top_time() == at(25));
  simulation.run_until(at(100), nullptr);
  CHECK(log.fired == std::vector<std::string>{"2@25", "2@40"});
}

TEST_CASE("Random cancels leave a timer set firing exactly the other timers in order", "[sim]") {
  sim::Simulation simulation;
  test::TimerRecorder recorder(simulation);
  std::vector<std::pair<int64_t, uint32_t>>& fired = recorder.fired;
  sim::TimerSet timers(recorder);
  simulation.attach(timers);
  sim::RandomStream rng(9);
  // The reference: what is pending, as (time, index); indices repeat.
  std::multiset<std::pair<int64_t, uint32_t>> pending;
  int64_t now = 0;
  for (int round = 0; round < 20000; ++round) {
    const int64_t time = now + static_cast<int64_t>(rng.below(300));
    const auto index = static_cast<uint32_t>(rng.below(500));
    timers.add(at(time), index);
    pending.emplace(time, index);
    if (rng.below(3) == 0) {
      const auto victim = static_cast<uint32_t>(rng.below(500));
      auto earliest = pending.end();
      for (auto it = pending.begin(); it != pending.end(); ++it) {
        if (it->second == victim) {
          earliest = it;
          break;
        }
      }
      const std::optional<sim::Time> due = timers.cancel(victim);
      REQUIRE(due.has_value() == (earliest != pending.end()));
      if (due) REQUIRE(due->us() == earliest->first);
      if (earliest != pending.end()) pending.erase(earliest);
    }
    if (rng.below(2) == 0 && !pending.empty()) {
      // Fire exactly one timer: everything due at its instant fires in one slice.
      const auto next = *pending.begin();
      fired.clear();
      simulation.run_until(at(next.first), nullptr);
      std::vector<std::pair<int64_t, uint32_t>> due;
      while (!pending.empty() && pending.begin()->first == next.first) {
        due.push_back(*pending.begin());
        pending.erase(pending.begin());
      }
      REQUIRE(fired == due);
      now = next.first;
    }
    REQUIRE(timers.size() == pending.size());
    REQUIRE(timers.top_time() ==
            (pending.empty() ? sim::Time::never() : at(pending.begin()->first)));
  }
  fired.clear();
  simulation.run_until(at(now + 1000), nullptr);
  CHECK(fired == std::vector<std::pair<int64_t, uint32_t>>(pending.begin(), pending.end()));
  CHECK(timers.empty());
}

TEST_CASE("cancel_range removes exactly the timers of a range and returns when each was due",
          "[sim]") {
  sim::Simulation simulation;
  TimerLog log(simulation);
  sim::TimerSet timers(log);
  simulation.attach(timers);
  // Indices 0-19, due in an order unrelated to their index.
  for (uint32_t i = 0; i < 20; ++i) timers.add(at((i * 7) % 20 * 10 + 5), i);
  std::vector<std::pair<uint32_t, sim::Time>> cancelled;
  timers.cancel_range(4, 7, cancelled);
  std::sort(cancelled.begin(), cancelled.end());
  REQUIRE(cancelled.size() == 4);
  for (uint32_t k = 0; k < 4; ++k) {
    CHECK(cancelled[k].first == 4 + k);
    CHECK(cancelled[k].second == at(((4 + k) * 7) % 20 * 10 + 5));
  }
  CHECK(timers.size() == 16);
  simulation.run_until(at(1000), nullptr);
  REQUIRE(log.fired.size() == 16);
  int64_t last = -1;
  for (const std::string& fired : log.fired) {
    const auto index = std::stoul(fired.substr(0, fired.find('@')));
    const auto when = std::stoll(fired.substr(fired.find('@') + 1));
    CHECK((index < 4 || index > 7));
    CHECK(when > last);  // still in time order
    last = when;
  }
}

namespace {

// While each of its timers fires, adds, cancels and counts timers of its own set
// at random, checking the set against a reference of what should be pending.
class Churner final : public sim::TimerHandler {
 public:
  Churner(const sim::Simulation& simulation, std::multiset<std::pair<int64_t, uint32_t>>& pending)
      : sim_(simulation), pending_(pending) {}
  void set_timers(sim::TimerSet& timers) { timers_ = &timers; }

  void on_timer(uint32_t index) override {
    const int64_t now = sim_.now().us();
    // What fires is the earliest pending timer, and it has left the set.
    REQUIRE(!pending_.empty());
    REQUIRE(*pending_.begin() == std::make_pair(now, index));
    pending_.erase(pending_.begin());
    REQUIRE(timers_->size() == pending_.size());
    REQUIRE(timers_->empty() == pending_.empty());
    ++fired;
    for (uint64_t action = rng_.below(4); action > 0; --action) {
      const auto other = static_cast<uint32_t>(rng_.below(40));
      // Cancels a third of the time, more when many are pending, so that the
      // set neither empties nor grows without bound.
      if (rng_.below(3 * 40) < pending_.size()) {
        const std::optional<sim::Time> due = timers_->cancel(other);
        auto earliest = std::find_if(pending_.begin(), pending_.end(),
                                     [&](const auto& timer) { return timer.second == other; });
        REQUIRE(due.has_value() == (earliest != pending_.end()));
        if (due) {
          REQUIRE(due->us() == earliest->first);
          pending_.erase(earliest);
        }
      } else {
        // Often due now, with an index below the one firing: it fires next.
        const int64_t time = now + static_cast<int64_t>(rng_.below(2) * rng_.below(50));
        timers_->add(sim::Time::micros(time), other);
        pending_.emplace(time, other);
      }
      REQUIRE(timers_->size() == pending_.size());
    }
  }
  int fired = 0;

 private:
  const sim::Simulation& sim_;
  std::multiset<std::pair<int64_t, uint32_t>>& pending_;
  sim::TimerSet* timers_ = nullptr;
  sim::RandomStream rng_{17};
};

}  // namespace

TEST_CASE("A timer's owner may add, cancel and count while it fires, as if it had left the set",
          "[sim]") {
  sim::Simulation simulation;
  std::multiset<std::pair<int64_t, uint32_t>> pending;
  Churner churner(simulation, pending);
  sim::TimerSet timers(churner);
  churner.set_timers(timers);
  simulation.attach(timers);
  for (uint32_t i = 0; i < 40; ++i) {
    timers.add(at(i % 7), i);
    pending.emplace(i % 7, i);
  }
  for (int64_t until = 0; until < 20000 && !pending.empty(); until += 5) {
    simulation.run_until(at(until), nullptr);
    REQUIRE(timers.size() == pending.size());
    REQUIRE(timers.top_time() ==
            (pending.empty() ? sim::Time::never() : at(pending.begin()->first)));
  }
  CHECK(churner.fired > 1000);
}
