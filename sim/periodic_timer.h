// A tick every `period` from a first instant, until stopped: a controller's
// evaluation period, a health check.
//
// Ticks go through the simulation's event queue, one pending event per timer, so
// they interleave with everything else scheduled there in (time, insertion) order.
// The next tick is scheduled just before the handler is told of the current one:
// at equal times it precedes whatever the handler schedules during its tick.
// Ticks land exactly on first + k * period (integer microseconds, no drift). A
// timer that was never started schedules nothing and costs nothing.
#ifndef SCALESIM_SIM_PERIODIC_TIMER_H_
#define SCALESIM_SIM_PERIODIC_TIMER_H_

#include <cstdint>

#include "sim/simulation.h"
#include "sim/time.h"

namespace sim {

// Receives ticks. The tag, given to each timer at construction, tells one owner's
// timers apart (a 5 s health check and a 60 s metric period).
class TickHandler {
 public:
  virtual void on_tick(int tag) = 0;

 protected:
  ~TickHandler() = default;
};

class PeriodicTimer final : private EventHandler {
 public:
  // REQUIRES: `simulation` and `handler` outlive this.
  PeriodicTimer(Simulation& simulation, TickHandler& handler, int tag)
      : sim_(simulation), handler_(handler), tag_(tag) {}
  // Stops the timer, so the queue never holds a tick for a destroyed timer.
  ~PeriodicTimer() { stop(); }
  PeriodicTimer(const PeriodicTimer&) = delete;
  PeriodicTimer& operator=(const PeriodicTimer&) = delete;

  // Ticks at first, first + period, first + 2 * period, ... A running timer is
  // stopped first: start() also restarts. May be called from on_tick.
  // REQUIRES: first >= the simulation's now(); period > 0.
  void start(Time first, Duration period);
  // Cancels the pending tick; nothing more fires until start(). Does nothing if
  // stopped. May be called from on_tick. O(pending events), see Simulation::cancel.
  void stop();
  bool running() const { return pending_.valid(); }
  // The instant of the pending tick, or Time::never() when stopped.
  Time next_tick() const { return running() ? next_ : Time::never(); }
  int tag() const { return tag_; }

 private:
  void on_event(uint64_t payload) override;

  Simulation& sim_;
  TickHandler& handler_;
  const int tag_;
  Duration period_;
  Time next_;        // meaningful while running
  EventId pending_;  // the scheduled tick; none when stopped
};

}  // namespace sim

#endif  // SCALESIM_SIM_PERIODIC_TIMER_H_
