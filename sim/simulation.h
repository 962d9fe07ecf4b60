// The simulation clock and its main loop.
//
// A Simulation merges three sources of happenings in time order:
//  - attached TimerSets: pools' own timers (completions), see timer_set.h;
//  - the EventQueue: what the models schedule (boots, timeouts, forwarding);
//  - an EventStream: external, already-ordered events produced one at a time
//    (request arrivals), so a day of traffic never sits in the queue at once;
//    several are merged into one by a MergedStream (merged_stream.h).
// At equal times timer sets go first (in the order they were attached), then the
// queue, then the stream: a slot that frees at t is free for any request that
// reaches it at t, whether it comes straight from the client or through a load
// balancer's queued hop.
//
// There are no globals: every model holds a reference to its Simulation, and many
// simulations run side by side on different threads.
#ifndef SCALESIM_SIM_SIMULATION_H_
#define SCALESIM_SIM_SIMULATION_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/event_queue.h"
#include "sim/time.h"
#include "sim/timer_set.h"

namespace sim {

// Receives the events it scheduled. The payload is the handler's own business
// (an index, a kind); it lets one handler own many pending events without allocation.
class EventHandler {
 public:
  virtual void on_event(uint64_t payload) = 0;

 protected:
  ~EventHandler() = default;
};

// An ordered stream of external events.
class EventStream {
 public:
  // Time of the next event, or Time::never() when the stream is exhausted.
  virtual Time next_time() const = 0;
  // Fires the next event (the clock already reads its time) and returns the time of
  // the one after it. REQUIRES: successive times never decrease.
  virtual Time fire() = 0;

 protected:
  ~EventStream() = default;
};

// Names one scheduled event, for cancel(). A distinct type so that a payload or an
// index can't be passed by mistake. A default EventId names no event.
class EventId {
 public:
  constexpr EventId() = default;
  constexpr explicit EventId(uint64_t sequence) : sequence_(sequence) {}

  // False for a default EventId; true for one schedule() returned, pending or not.
  constexpr bool valid() const { return sequence_ != kNone; }
  // The event's sequence number in the queue (its rank among equal times).
  constexpr uint64_t sequence() const { return sequence_; }
  constexpr bool operator==(const EventId&) const = default;

 private:
  static constexpr uint64_t kNone = UINT64_MAX;
  uint64_t sequence_ = kNone;
};

class Simulation {
 public:
  Time now() const { return now_; }

  // REQUIRES: at >= now(). The returned id may be ignored; it is only needed to
  // cancel the event.
  EventId schedule(Time at, EventHandler& handler, uint64_t payload = 0);
  EventId schedule_after(Duration delay, EventHandler& handler, uint64_t payload = 0) {
    return schedule(now_ + delay, handler, payload);
  }
  // Removes a pending event so that it never fires. Returns false, and changes
  // nothing, if it already fired or was cancelled (or `id` names no event).
  // To supersede an event, cancel it and schedule the new one. O(pending_events()):
  // see EventQueue::cancel; meant for rare decisions, not for every request.
  bool cancel(EventId id) { return id.valid() && queue_.cancel(id.sequence()); }

  // Polls `timers` from now on. Meant for a handful of pools per run: each step
  // looks at every attached set. REQUIRES: `timers` outlives the last run_until().
  void attach(TimerSet& timers) {
    timer_sets_.push_back(&timers);
    only_timer_set_ = timer_sets_.size() == 1 ? &timers : nullptr;
  }

  // Fires every event with time <= `until` from the queue and the stream (which may
  // be null), in order, then sets the clock to `until`. May be called repeatedly
  // with increasing `until` to advance a run in slices.
  void run_until(Time until, EventStream* stream);

  uint64_t events_fired() const { return events_fired_; }
  size_t pending_events() const { return queue_.size(); }  // in the queue only

 private:
  // The attached set with the earliest timer (any, when all are empty); null when
  // none is attached.
  TimerSet* earliest_timer_set() const;

  EventQueue queue_;
  std::vector<TimerSet*> timer_sets_;
  // The one attached set, or null with none or several: most runs have one pool,
  // and the loop then skips the search.
  TimerSet* only_timer_set_ = nullptr;
  Time now_ = Time::zero();
  uint64_t events_fired_ = 0;
};

}  // namespace sim

#endif  // SCALESIM_SIM_SIMULATION_H_
