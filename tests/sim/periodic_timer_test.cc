#include "sim/periodic_timer.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/simulation.h"

namespace {

sim::Time seconds(int64_t s) {
  return sim::Time::zero() + sim::Duration::seconds(s);
}

// Logs "name@seconds" for ticks (named by tag) and queued events (named by payload).
class Log final : public sim::TickHandler, public sim::EventHandler {
 public:
  explicit Log(sim::Simulation& simulation) : sim_(simulation) {}
  void on_tick(int tag) override { add("tick" + std::to_string(tag)); }
  void on_event(uint64_t payload) override { add("event" + std::to_string(payload)); }
  std::vector<std::string> fired;

 private:
  void add(const std::string& name) {
    const int64_t us = sim_.now().us();
    fired.push_back(
        name + "@" +
        (us % 1000000 == 0 ? std::to_string(us / 1000000) + "s" : std::to_string(us) + "us"));
  }
  sim::Simulation& sim_;
};

}  // namespace

TEST_CASE("A periodic timer ticks at first + k * period until stopped", "[sim]") {
  sim::Simulation simulation;
  Log log(simulation);
  sim::PeriodicTimer timer(simulation, log, 1);
  timer.start(seconds(5), sim::Duration::seconds(2));
  CHECK(timer.running());
  CHECK(timer.next_tick() == seconds(5));
  simulation.run_until(seconds(11), nullptr);
  CHECK(log.fired == std::vector<std::string>{"tick1@5s", "tick1@7s", "tick1@9s", "tick1@11s"});
  CHECK(timer.next_tick() == seconds(13));
  CHECK(simulation.pending_events() == 1);  // one pending tick at a time
  timer.stop();
  CHECK_FALSE(timer.running());
  CHECK(timer.next_tick() == sim::Time::never());
  CHECK(simulation.pending_events() == 0);
  simulation.run_until(seconds(60), nullptr);
  CHECK(log.fired.size() == 4);
  timer.stop();  // stopping a stopped timer does nothing
  CHECK_FALSE(timer.running());
}

TEST_CASE("Ticks land on exact microseconds, with no drift over many periods", "[sim]") {
  sim::Simulation simulation;
  struct Counter final : sim::TickHandler {
    sim::Simulation* sim;
    int64_t ticks = 0;
    bool on_grid = true;
    void on_tick(int) override {
      on_grid = on_grid && sim->now().us() == 3 + ticks * 333333;
      ++ticks;
    }
  } counter;
  counter.sim = &simulation;
  sim::PeriodicTimer timer(simulation, counter, 0);
  timer.start(sim::Time::micros(3), sim::Duration::micros(333333));
  simulation.run_until(sim::Time::zero() + sim::Duration::hours(24), nullptr);
  CHECK(counter.on_grid);
  CHECK(counter.ticks == (sim::Duration::hours(24).us() - 3) / 333333 + 1);
}

TEST_CASE("One owner's timers are told apart by their tags", "[sim]") {
  sim::Simulation simulation;
  Log log(simulation);
  sim::PeriodicTimer health(simulation, log, 5);
  sim::PeriodicTimer metrics(simulation, log, 60);
  health.start(seconds(0), sim::Duration::seconds(5));
  metrics.start(seconds(0), sim::Duration::seconds(60));
  CHECK(health.tag() == 5);
  CHECK(metrics.tag() == 60);
  simulation.run_until(seconds(60), nullptr);
  // At 0 s the health check was started first; at 60 s the metric tick was
  // scheduled (at 0 s) before the health tick (at 55 s).
  CHECK(log.fired == std::vector<std::string>{"tick5@0s", "tick60@0s", "tick5@5s", "tick5@10s",
                                              "tick5@15s", "tick5@20s", "tick5@25s", "tick5@30s",
                                              "tick5@35s", "tick5@40s", "tick5@45s", "tick5@50s",
                                              "tick5@55s", "tick60@60s", "tick5@60s"});
}

TEST_CASE("Ticks interleave with other events at equal times in insertion order", "[sim]") {
  sim::Simulation simulation;
  Log log(simulation);
  sim::PeriodicTimer timer(simulation, log, 1);
  simulation.schedule(seconds(10), log, 1);
  timer.start(seconds(10), sim::Duration::seconds(10));
  simulation.schedule(seconds(10), log, 2);
  simulation.schedule(seconds(20), log, 3);  // before the 20 s tick, scheduled at 10 s
  simulation.run_until(seconds(25), nullptr);
  CHECK(log.fired == std::vector<std::string>{"event1@10s", "tick1@10s", "event2@10s", "event3@20s",
                                              "tick1@20s"});
}

TEST_CASE("The next tick precedes what the handler schedules for the same instant", "[sim]") {
  sim::Simulation simulation;
  Log log(simulation);
  // Logs its tick, then schedules an event one period on.
  struct Scheduler final : sim::TickHandler {
    sim::Simulation* sim;
    Log* log;
    void on_tick(int tag) override {
      log->on_tick(tag);
      sim->schedule_after(sim::Duration::seconds(1), *log, 7);
    }
  } scheduler;
  scheduler.sim = &simulation;
  scheduler.log = &log;
  sim::PeriodicTimer timer(simulation, scheduler, 4);
  timer.start(seconds(0), sim::Duration::seconds(1));
  simulation.run_until(seconds(2), nullptr);
  CHECK(log.fired ==
        std::vector<std::string>{"tick4@0s", "tick4@1s", "event7@1s", "tick4@2s", "event7@2s"});
}

TEST_CASE("start() restarts a running timer from its new first instant", "[sim]") {
  sim::Simulation simulation;
  Log log(simulation);
  sim::PeriodicTimer timer(simulation, log, 3);
  timer.start(seconds(0), sim::Duration::seconds(10));
  simulation.run_until(seconds(15), nullptr);
  timer.start(seconds(17), sim::Duration::seconds(4));  // the 20 s tick is dropped
  CHECK(simulation.pending_events() == 1);
  simulation.run_until(seconds(30), nullptr);
  timer.stop();
  simulation.run_until(seconds(40), nullptr);
  timer.start(seconds(41), sim::Duration::seconds(1));  // after a stop
  simulation.run_until(seconds(42), nullptr);
  CHECK(log.fired == std::vector<std::string>{"tick3@0s", "tick3@10s", "tick3@17s", "tick3@21s",
                                              "tick3@25s", "tick3@29s", "tick3@41s", "tick3@42s"});
}

TEST_CASE("A handler may stop or restart its timer from on_tick", "[sim]") {
  sim::Simulation simulation;
  struct Controller final : sim::TickHandler {
    sim::Simulation* sim;
    sim::PeriodicTimer* timer;
    std::vector<int64_t> at;
    void on_tick(int) override {
      at.push_back(sim->now().us() / 1000000);
      if (at.size() == 2)
        timer->start(sim->now() + sim::Duration::seconds(100), sim::Duration::seconds(1));
      if (at.size() == 4) timer->stop();
    }
  } controller;
  controller.sim = &simulation;
  sim::PeriodicTimer timer(simulation, controller, 0);
  controller.timer = &timer;
  timer.start(seconds(1), sim::Duration::seconds(1));
  simulation.run_until(seconds(1000), nullptr);
  CHECK(controller.at == std::vector<int64_t>{1, 2, 102, 103});
  CHECK_FALSE(timer.running());
  CHECK(simulation.pending_events() == 0);
}

TEST_CASE("A timer never started schedules nothing, and a destroyed one leaves no tick", "[sim]") {
  sim::Simulation simulation;
  Log log(simulation);
  sim::PeriodicTimer idle(simulation, log, 1);
  CHECK_FALSE(idle.running());
  CHECK(idle.next_tick() == sim::Time::never());
  CHECK(simulation.pending_events() == 0);
  {
    sim::PeriodicTimer doomed(simulation, log, 2);
    doomed.start(seconds(5), sim::Duration::seconds(5));
    CHECK(simulation.pending_events() == 1);
  }
  CHECK(simulation.pending_events() == 0);
  simulation.run_until(seconds(100), nullptr);
  CHECK(log.fired.empty());
  CHECK(simulation.events_fired() == 0);
}
