#include "sim/simulation.h"

#include "sim/check.h"

namespace sim {

EventId Simulation::schedule(Time at, EventHandler& handler, uint64_t payload) {
  SCALESIM_CHECK(at >= now_, "an event was scheduled in the past");
  return EventId(queue_.push(at, handler, payload));
}

TimerSet* Simulation::earliest_timer_set() const {
  TimerSet* earliest = nullptr;
  Time earliest_time = Time::never();
  for (TimerSet* set : timer_sets_) {
    if (set->top_time() < earliest_time) {
      earliest_time = set->top_time();
      earliest = set;
    }
  }
  return earliest;
}

void Simulation::run_until(Time until, EventStream* stream) {
  SCALESIM_CHECK(until >= now_, "run_until went back in time");
  Time next_external = stream ? stream->next_time() : Time::never();
  for (;;) {
    const Time next_queued = queue_.top_time();
    TimerSet* timers = only_timer_set_ ? only_timer_set_ : earliest_timer_set();
    const Time next_timer = timers ? timers->top_time() : Time::never();
    if (next_timer <= next_queued && next_timer <= next_external) {
      if (next_timer > until) break;
      now_ = next_timer;
      ++events_fired_;
      timers->fire_next();
    } else if (next_queued <= next_external) {
      if (next_queued > until) break;
      const Event event = queue_.pop();
      now_ = event.time;
      ++events_fired_;
      event.handler->on_event(event.payload);
    } else {
      if (next_external > until) break;
      SCALESIM_CHECK(next_external >= now_, "the event stream went back in time");
      now_ = next_external;
      ++events_fired_;
      next_external = stream->fire();
    }
  }
  now_ = until;
}

}  // namespace sim
