// A pool's own timers, merged into the simulation's main loop.
//
// A pool with many requests in service (a fleet's slots, Lambda's execution
// environments) keeps their end times here instead of in the event queue: an 8-ary
// heap of 64-bit keys, the time in the high 44 bits and the owner's index in the
// low 20. One integer comparison orders two timers, a move copies 8 bytes, and
// the minimum of eight children is picked without branches. The simulation polls
// every attached set (Simulation::attach) next to its queue, so a completion costs
// one push and one pop here and nothing in the queue; when the owner starts the
// next request in the slot that freed, the two are one pass (fire_next).
//
// Order: timers due at the same instant fire in increasing index order.
#ifndef SCALESIM_SIM_TIMER_SET_H_
#define SCALESIM_SIM_TIMER_SET_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "sim/check.h"
#include "sim/time.h"

namespace sim {

class TimerHandler {
 public:
  virtual void on_timer(uint32_t index) = 0;

 protected:
  ~TimerHandler() = default;
};

class TimerSet {
 public:
  static constexpr uint32_t kMaxIndex = (1u << 20) - 1;
  // Instants from here on can't be packed. No run is this long (the scenario
  // loader caps horizons far below 203 days), so later timers are clamped: they
  // lie past the end of the run and never fire.
  static constexpr int64_t kTimeLimitUs = (int64_t{1} << 44) - 1;

  explicit TimerSet(TimerHandler& owner) : owner_(owner) {}
  TimerSet(const TimerSet&) = delete;
  TimerSet& operator=(const TimerSet&) = delete;

  // Pending timers; the one firing (fire_next) no longer counts.
  bool empty() const { return size() == 0; }
  size_t size() const { return size_ - (firing_ ? 1 : 0); }
  // REQUIRES: at is not before the simulation's now; index <= kMaxIndex.
  // Inline: the request path adds a timer per request.
  void add(Time at, uint32_t index) {
    SCALESIM_CHECK(at >= Time::zero() && index <= kMaxIndex, "bad timer");
    const int64_t us = at.us() < kTimeLimitUs ? at.us() : kTimeLimitUs;
    const uint64_t key = (static_cast<uint64_t>(us) << kIndexBits) | index;
    if (firing_) {
      firing_ = false;
      return replace_top(key);
    }
    push(key);
  }
  // The earliest timer, or Time::never() when empty. REQUIRES: not called from
  // the owner's on_timer (the simulation asks between timers).
  Time top_time() const {
    return size_ ? Time::micros(static_cast<int64_t>(heap_[0] >> kIndexBits)) : Time::never();
  }
  // REQUIRES: !empty(). Removes the earliest timer and tells its owner. The
  // first add() its owner makes meanwhile (the next request into the slot that
  // just freed) takes the fired timer's place in one pass down the heap, where
  // a pop and a push would take two.
  void fire_next() {
    firing_ = true;
    owner_.on_timer(static_cast<uint32_t>(heap_[0] & kMaxIndex));
    finish_firing();
  }
  // Removes the pending timer of `index` (the earliest, if several are pending), so
  // that it never fires: an interrupted slot's old completion. Returns when it
  // was due (clamped as add() clamps), or nothing, changing nothing, if none is
  // pending. To supersede a timer, cancel it and add the new one. O(size()): a
  // linear scan, then one sift. Meant for rare calls, so that add and pop carry
  // nothing for it.
  std::optional<Time> cancel(uint32_t index);
  // Removes every pending timer whose index is in [first, last], appending each
  // (index, due time) to `cancelled`, in one pass and one rebuild: an instance's
  // slots all at once. O(size()).
  void cancel_range(uint32_t first, uint32_t last,
                    std::vector<std::pair<uint32_t, Time>>& cancelled);

 private:
  static constexpr int kIndexBits = 20;
  // Slots past size_ hold kEmpty, so every node has eight children to compare
  // without bounds checks.
  static constexpr uint64_t kEmpty = UINT64_MAX;
  // Removes the earliest key.
  void pop();
  void push(uint64_t key);
  // Puts `key` in place of the root, which is removed (a pop and a push in one).
  void replace_top(uint64_t key);
  // While a timer fires, its key stays at the root until the owner's first add()
  // replaces it, or until anything else needs the set as it stands.
  void finish_firing() {
    if (firing_) {
      firing_ = false;
      pop();
    }
  }
  // Removes the key at heap position `position` < size_.
  void remove_at(size_t position);

  TimerHandler& owner_;
  std::vector<uint64_t> heap_ = std::vector<uint64_t>(9, kEmpty);  // the root and its children
  size_t size_ = 0;                                                // the firing timer included
  bool firing_ = false;
};

}  // namespace sim

#endif  // SCALESIM_SIM_TIMER_SET_H_
