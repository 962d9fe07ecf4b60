#include "sim/event_queue.h"

#include <catch2/catch.hpp>
#include <vector>

#include "sim/random.h"
#include "sim/simulation.h"
#include "timer_recorder.h"

namespace {

// Records the payloads of the events it receives, in order.
class Log final : public sim::EventHandler {
 public:
  void on_event(uint64_t payload) override { fired.push_back(payload); }
  std::vector<uint64_t> fired;
};

}  // namespace

TEST_CASE("Events pop in time order, and equal times pop in insertion order") {
  sim::EventQueue queue;
  Log log;
  queue.push(sim::Time::micros(30), log, 1);
  queue.push(sim::Time::micros(10), log, 2);
  queue.push(sim::Time::micros(30), log, 3);
  queue.push(sim::Time::micros(20), log, 4);
  queue.push(sim::Time::micros(10), log, 5);
  std::vector<uint64_t> order;
  while (!queue.empty()) order.push_back(queue.pop().payload);
  CHECK(order == std::vector<uint64_t>{2, 5, 4, 1, 3});
}

TEST_CASE("A large random schedule comes out sorted by (time, sequence)") {
  sim::EventQueue queue;
  Log log;
  sim::RandomStream rng(7);
  for (uint64_t i = 0; i < 20000; ++i) {
    queue.push(sim::Time::micros(static_cast<int64_t>(rng.below(500))), log, i);
  }
  sim::Event previous = queue.pop();
  while (!queue.empty()) {
    const sim::Event next = queue.pop();
    REQUIRE((previous.time < next.time ||
             (previous.time == next.time && previous.sequence < next.sequence)));
    previous = next;
  }
}

TEST_CASE("Interleaved pushes and pops keep the heap ordered") {
  sim::EventQueue queue;
  Log log;
  sim::RandomStream rng(11);
  int64_t now = 0;
  for (int i = 0; i < 100000; ++i) {
    queue.push(sim::Time::micros(now + static_cast<int64_t>(rng.below(1000))), log, 0);
    if (i % 3 != 0) {
      const sim::Event e = queue.pop();
      REQUIRE(e.time.us() >= now);
      now = e.time.us();
    }
  }
}

namespace {

class Stream final : public sim::EventStream {
 public:
  Stream(std::vector<int64_t> times, std::vector<std::string>& log)
      : times_(std::move(times)), log_(log) {}
  sim::Time next_time() const override {
    return next_ < times_.size() ? sim::Time::micros(times_[next_]) : sim::Time::never();
  }
  sim::Time fire() override {
    log_.push_back("stream@" + std::to_string(times_[next_]));
    ++next_;
    return next_time();
  }

 private:
  std::vector<int64_t> times_;
  size_t next_ = 0;
  std::vector<std::string>& log_;
};

class Named final : public sim::EventHandler, public sim::TimerHandler {
 public:
  Named(std::string name, sim::Simulation& simulation, std::vector<std::string>& log)
      : name_(std::move(name)), sim_(simulation), log_(log) {}
  void on_event(uint64_t) override {
    log_.push_back(name_ + "@" + std::to_string(sim_.now().us()));
  }
  void on_timer(uint32_t index) override {
    log_.push_back(name_ + "[" + std::to_string(index) + "]@" + std::to_string(sim_.now().us()));
  }

 private:
  std::string name_;
  sim::Simulation& sim_;
  std::vector<std::string>& log_;
};

}  // namespace

TEST_CASE("At equal times timer sets fire first, then the queue, then the stream") {
  sim::Simulation simulation;
  std::vector<std::string> log;
  Named queued("queue", simulation, log);
  Named pool("pool", simulation, log);
  sim::TimerSet timers(pool);
  simulation.attach(timers);
  Stream stream({5, 10}, log);
  simulation.schedule(sim::Time::micros(10), queued, 0);
  timers.add(sim::Time::micros(10), 7);
  timers.add(sim::Time::micros(10), 3);
  timers.add(sim::Time::micros(2), 9);
  simulation.run_until(sim::Time::micros(100), &stream);
  CHECK(log == std::vector<std::string>{"pool[9]@2", "stream@5", "pool[3]@10", "pool[7]@10",
                                        "queue@10", "stream@10"});
  CHECK(simulation.now() == sim::Time::micros(100));
}

TEST_CASE("run_until stops at the limit, fires events at exactly the limit, and resumes") {
  sim::Simulation simulation;
  std::vector<std::string> log;
  Named queued("queue", simulation, log);
  simulation.schedule(sim::Time::micros(10), queued, 0);
  simulation.schedule(sim::Time::micros(20), queued, 0);
  simulation.run_until(sim::Time::micros(10), nullptr);
  CHECK(log == std::vector<std::string>{"queue@10"});
  simulation.run_until(sim::Time::micros(19), nullptr);
  CHECK(log.size() == 1);
  simulation.run_until(sim::Time::micros(25), nullptr);
  CHECK(log == std::vector<std::string>{"queue@10", "queue@20"});
}

TEST_CASE("A timer set pops a random schedule in (time, index) order") {
  sim::Simulation simulation;
  test::TimerRecorder recorder(simulation);
  std::vector<std::pair<int64_t, uint32_t>>& fired = recorder.fired;
  sim::TimerSet timers(recorder);
  simulation.attach(timers);
  sim::RandomStream rng(3);
  for (uint32_t i = 0; i < 5000; ++i)
    timers.add(sim::Time::micros(static_cast<int64_t>(rng.below(300))), i);
  simulation.run_until(sim::Time::micros(1000), nullptr);
  REQUIRE(fired.size() == 5000);
  for (size_t i = 1; i < fired.size(); ++i) REQUIRE(fired[i - 1] < fired[i]);
}
