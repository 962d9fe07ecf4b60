#include "sim/event_queue.h"

#include "sim/check.h"

namespace sim {

namespace {
constexpr size_t kArity = 4;
}  // namespace

uint64_t EventQueue::push(Time time, EventHandler& handler, uint64_t payload) {
  SCALESIM_CHECK(time >= Time::zero(), "an event before time zero");
  heap_.emplace_back();
  const uint64_t sequence = next_sequence_++;
  sift_up(heap_.size() - 1, Entry{key_of(time, sequence), &handler, payload});
  return sequence;
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
  if (!heap_.empty()) sift_up(hole_to_bottom(0), last);
  return Event{Time::micros(static_cast<int64_t>(top.key >> 64)), static_cast<uint64_t>(top.key),
               top.handler, top.payload};
}

// The same deletion as pop's, from the cancelled entry's position: once the hole is
// at a leaf, the last entry sifts up from there, past `index` if it belongs higher
// (everything above `index` is no larger than what was below it).
bool EventQueue::cancel(uint64_t sequence) {
  for (size_t index = 0; index < heap_.size(); ++index) {
    if (static_cast<uint64_t>(heap_[index].key) != sequence) continue;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (index < heap_.size()) sift_up(hole_to_bottom(index), last);
    return true;
  }
  return false;
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

size_t EventQueue::hole_to_bottom(size_t index) {
  const size_t n = heap_.size();
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
