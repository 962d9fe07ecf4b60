#include "sim/event_queue.h"

#include "sim/check.h"

namespace sim {

namespace {
constexpr size_t kArity = 4;
}  // namespace

void EventQueue::push(Time time, EventHandler& handler, uint64_t payload) {
  SCALESIM_CHECK(time >= Time::zero(), "an event before time zero");
  heap_.emplace_back();
  sift_up(heap_.size() - 1, Entry{key_of(time, next_sequence_++), &handler, payload});
}

// Bottom-up deletion (Wegener): walk the hole from the root down along the smaller
// child to a leaf, then sift the last entry up from there. The last entry usually
// belongs near the bottom, so this does about half the comparisons of a classic
// sift-down.
Event EventQueue::pop() {
  SCALESIM_CHECK(!heap_.empty(), "pop from an empty event queue");
  const Entry top = heap_.front();
  const Entry last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_up(hole_to_bottom(), last);
  return Event{Time::micros(static_cast<int64_t>(top.key >> 64)), static_cast<uint64_t>(top.key),
               top.handler, top.payload};
}

// Moves the hole at `index` up until `moving` fits, then fills it: one write per level.
void EventQueue::sift_up(size_t index, Entry moving) {
  while (index > 0) {
    const size_t parent = (index - 1) / kArity;
    if (heap_[parent].key <= moving.key) break;
    heap_[index] = heap_[parent];
    index = parent;
  }
  heap_[index] = moving;
}

size_t EventQueue::hole_to_bottom() {
  const size_t n = heap_.size();
  size_t index = 0;
  for (;;) {
    const size_t first = index * kArity + 1;
    if (first >= n) return index;
    const size_t end = first + kArity < n ? first + kArity : n;
    size_t best = first;
    for (size_t c = first + 1; c < end; ++c) {
      if (heap_[c].key < heap_[best].key) best = c;
    }
    heap_[index] = heap_[best];
    index = best;
  }
}

}  // namespace sim
