// The pending-event set: a 4-ary min-heap ordered by (time, sequence number).
//
// Equal times pop in insertion order, so a run never depends on addresses or hash
// order. Entries are plain values in one vector: after the vector has grown to the
// largest number of simultaneously pending events, pushing and popping allocate
// nothing. A 4-ary heap is shallower than a binary one and keeps a node's children
// in one cache line.
#ifndef SCALESIM_SIM_EVENT_QUEUE_H_
#define SCALESIM_SIM_EVENT_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/int128.h"
#include "sim/time.h"

namespace sim {

class EventHandler;

struct Event {
  Time time;
  uint64_t sequence = 0;
  EventHandler* handler = nullptr;  // not owned; must outlive the event
  uint64_t payload = 0;             // meaning private to the handler
};

class EventQueue {
 public:
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  // Time of the earliest event, or Time::never() when empty.
  Time top_time() const {
    return heap_.empty() ? Time::never()
                         : Time::micros(static_cast<int64_t>(heap_.front().key >> 64));
  }

  // Adds an event and returns its sequence number, assigned here in call order.
  uint64_t push(Time time, EventHandler& handler, uint64_t payload);
  // REQUIRES: !empty(). Removes and returns the earliest event.
  Event pop();
  // Removes the pending event with this sequence number, so that it never pops.
  // Returns false, and changes nothing, if no such event is pending (it already
  // popped, was cancelled, or never existed). O(size()): a linear scan for the
  // event, then one sift. Meant for rare calls (a controller superseding a
  // decision), so that push and pop carry nothing for it.
  bool cancel(uint64_t sequence);

 private:
  // The heap holds (time, sequence) packed into one 128-bit key: one comparison
  // orders by time, then by insertion. Times are never negative in a run.
  using Key = Uint128;
  struct Entry {
    Key key;
    EventHandler* handler;
    uint64_t payload;
  };
  static Key key_of(Time time, uint64_t sequence) {
    return (static_cast<Key>(static_cast<uint64_t>(time.us())) << 64) | sequence;
  }
  void sift_up(size_t index, Entry moving);
  // Walks the hole at `index` down to a leaf along the smaller child; returns the leaf.
  size_t hole_to_bottom(size_t index);

  std::vector<Entry> heap_;
  uint64_t next_sequence_ = 0;
};

}  // namespace sim

#endif  // SCALESIM_SIM_EVENT_QUEUE_H_
