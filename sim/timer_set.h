// A pool's own timers, merged into the simulation's main loop.
//
// A pool with many requests in service (a fleet's slots, Lambda's execution
// environments) keeps their end times here instead of in the event queue. A
// timer is a 64-bit key, the time in the high 44 bits and the owner's index in
// the low 20, so one integer comparison orders two. The simulation polls every
// attached set (Simulation::attach) next to its queue, so a completion costs an
// add and a pop here and nothing in the queue.
//
// Most timers sit in a wheel: 2,048 buckets of 2^shift microseconds each from
// the last timer that fired, each bucket a short list sorted by key, with a
// bitmap of the buckets in use. Adding one is a few stores and popping one a few
// loads and a bit scan, where a heap of 640 timers took a descent of three levels
// (about 200 instructions a request). The width follows the timers: every 4,096
// adds it is set to about 1/256 of their mean delay (sampled from every 16th
// add), so the wheel spans some eight times that. A timer past the wheel's span, or whose bucket
// already holds eight, goes to an 8-ary heap instead (key_heap.h); the earliest timer is the
// smaller of the two fronts, so the order is exact whatever the width.
//
// Where buckets hold a quarter of a timer or more on average (hundreds of
// instances' slots), whether a new timer goes first in its bucket, and whether a
// pop empties it, are coin tosses that a branch predictor misses half the time;
// there the set decides both by arithmetic (crowded()), which made the
// 200-instance benchmark a ninth faster.
//
// Order: timers due at the same instant fire in increasing index order.
#ifndef SCALESIM_SIM_TIMER_SET_H_
#define SCALESIM_SIM_TIMER_SET_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "sim/check.h"
#include "sim/key_heap.h"
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

  explicit TimerSet(TimerHandler& owner);
  TimerSet(const TimerSet&) = delete;
  TimerSet& operator=(const TimerSet&) = delete;

  // Whether adds place a key first or second in its bucket without a branch:
  // when buckets hold a quarter of a timer or more on average (as last adapted).
  // For tests; the order is the same either way.
  bool crowded() const { return crowded_; }
  // Pending timers; the one firing (fire_next) has left the set.
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // REQUIRES: at is not before the simulation's now; index <= kMaxIndex.
  // Inline: the request path adds a timer per request.
  void add(Time at, uint32_t index) {
    SCALESIM_CHECK(at >= Time::zero() && index <= kMaxIndex, "bad timer");
    const int64_t us = at.us() < kTimeLimitUs ? at.us() : kTimeLimitUs;
    const uint64_t key = (static_cast<uint64_t>(us) << kIndexBits) | index;
    ++size_;
    if (key < top_) top_ = key;
    if (--until_sample_ == 0) [[unlikely]]
      sample_delay(us);
    // The common case inline: a key within the span, first in its bucket (an
    // empty bucket's head is the sentinel, above every such key), or, when
    // buckets are crowded, first or second. There a branch on which would be a
    // coin toss for the predictor, so the place is chosen by arithmetic.
    const uint64_t bucket = bucket_of(key);
    const size_t slot = slot_of(bucket);
    if (bucket - base_ < kBuckets && free_ != kNil) [[likely]] {
      uint32_t* link = &heads_[slot];
      if (crowded_) {
        const uint32_t head = *link;
        link = select_without_branch(key < nodes_[head].key, link, &nodes_[head].next);
      }
      if (key < nodes_[*link].key) [[likely]] {
        const uint32_t node = free_;
        free_ = nodes_[node].next;
        nodes_[node] = {key, *link};
        *link = node;
        mark(slot);
        return;
      }
    }
    place(key);
  }
  // The earliest timer, or Time::never() when empty. REQUIRES: not called from
  // the owner's on_timer (the simulation asks between timers).
  Time top_time() const {
    return top_ != kNone ? Time::micros(static_cast<int64_t>(top_ >> kIndexBits)) : Time::never();
  }
  // REQUIRES: !empty(). Removes the earliest timer, then tells its owner, which
  // may add and cancel timers meanwhile.
  void fire_next() {
    const uint64_t key = top_;
    take_top();
    owner_.on_timer(static_cast<uint32_t>(key & kMaxIndex));
  }
  // Removes the pending timer of `index` (the earliest, if several are pending), so
  // that it never fires: an interrupted slot's old completion. Returns when it
  // was due (clamped as add() clamps), or nothing, changing nothing, if none is
  // pending. To supersede a timer, cancel it and add the new one. O(size()) plus
  // the wheel's buckets: meant for rare calls, so that add and pop carry nothing
  // for it.
  std::optional<Time> cancel(uint32_t index);
  // Removes every pending timer whose index is in [first, last], appending each
  // (index, due time) to `cancelled` in no particular order, in one pass: an
  // instance's slots all at once. O(size()) plus the wheel's buckets.
  void cancel_range(uint32_t first, uint32_t last,
                    std::vector<std::pair<uint32_t, Time>>& cancelled);

 private:
  static constexpr int kIndexBits = 20;
  static constexpr uint64_t kNone = KeyHeap::kEmpty;  // no timer: larger than every key
  // The end of a bucket's list and of the free list: node 0, the sentinel,
  // whose key is kNone, above every key within the wheel's span. An empty
  // bucket's head is the sentinel.
  static constexpr uint32_t kNil = 0;
  static constexpr uint64_t kBuckets = 2048;
  static constexpr uint64_t kWords = kBuckets / 64;  // of the bitmap, one bit a bucket
  static constexpr int kMostWalked = 8;              // keys passed in a bucket before the heap
  // Every 16th add's delay is sampled, and the width checked every 256 samples
  // (4,096 adds): the order is exact whatever the width, so a sample does as well
  // as every add for choosing it, and the other adds skip the bookkeeping.
  static constexpr uint32_t kSampleEvery = 16;
  static constexpr uint32_t kSamplesPerAdapt = 256;

  struct Node {
    uint64_t key;
    uint32_t next;  // the bucket's next node, or the free list's
  };

  // `first` when `condition`, else `second`, by arithmetic: a compiler may turn
  // a conditional expression into a branch, which a coin toss mispredicts.
  static uint32_t* select_without_branch(bool condition, uint32_t* first, uint32_t* second) {
    const auto a = reinterpret_cast<uintptr_t>(first);
    const auto b = reinterpret_cast<uintptr_t>(second);
    return reinterpret_cast<uint32_t*>(b ^ ((a ^ b) & (uintptr_t{0} - uintptr_t{condition})));
  }
  uint64_t bucket_of(uint64_t key) const { return key >> key_shift_; }
  static size_t slot_of(uint64_t bucket) { return bucket & (kBuckets - 1); }
  // Puts `key` in its bucket, or in the heap when it is past the wheel's span or
  // its bucket is crowded. Does not touch top_ or size_.
  void place(uint64_t key);
  // Removes the key top_ names, from the wheel or the heap, and finds the next.
  void take_top();
  // The smallest key in the wheel: the head of the first bucket in use from the
  // wheel's base on (every key in the wheel lies in its span); kNone if empty.
  uint64_t wheel_front() const;
  // The smaller of the two fronts.
  uint64_t front() const { return std::min(wheel_front(), heap_.top()); }
  void free_node(uint32_t node) {
    nodes_[node].next = free_;
    free_ = node;
  }
  void mark(size_t slot) {
    used_[slot / 64] |= uint64_t{1} << (slot % 64);
    used_words_ |= uint64_t{1} << (slot / 64);
  }
  // Clears the slot's bit when its bucket is empty. In crowded buckets, whether
  // a pop empties its bucket is a coin toss too, so it is done by arithmetic.
  void unmark_if_empty(size_t slot) {
    uint64_t& word = used_[slot / 64];
    if (crowded_) {
      word &= ~(uint64_t{heads_[slot] == kNil} << (slot % 64));
      used_words_ &= ~(uint64_t{word == 0} << (slot / 64));
    } else if (heads_[slot] == kNil) {
      word &= ~(uint64_t{1} << (slot % 64));
      if (word == 0) used_words_ &= ~(uint64_t{1} << (slot / 64));
    }
  }
  // Empties nodes_ but for the sentinel.
  void reset_nodes();
  // Adds a sampled delay (from the last timer fired to `us`); every
  // kSamplesPerAdapt samples, adapts.
  [[gnu::noinline]] void sample_delay(int64_t us);
  // Re-spreads the wheel over buckets of about 1/256 of the mean sampled delay,
  // when the width is off by a factor of four or more; then tells whether the
  // buckets are crowded.
  void adapt();
  void respread(int shift);
  // Unlinks the node that `link` points to and frees it.
  void unlink(uint32_t* link, size_t slot);

  TimerHandler& owner_;
  uint64_t top_ = kNone;  // the earliest key, wherever it is
  size_t size_ = 0;
  int shift_ = 7;                   // buckets of 2^shift_ us: 128 until the first adapt()
  int key_shift_ = kIndexBits + 7;  // from a key to its bucket number
  // The bucket number of the last key fired: every key in the wheel lies in
  // [base_, base_ + kBuckets).
  uint64_t base_ = 0;
  int64_t last_fired_us_ = 0;
  uint32_t until_sample_ = kSampleEvery;  // adds left until the next sampled one
  uint32_t samples_ = 0;                  // since the last adapt()
  uint64_t delay_sum_ = 0;  // of the samples since the last adapt(), in us from the last fired
  bool crowded_ = false;    // crowded(): set at each adapt()
  std::array<uint32_t, kBuckets> heads_;  // of each bucket's list, kNil when empty
  std::array<uint64_t, kWords> used_{};  // the bitmap: bit s of word s / 64 when bucket s is in use
  uint64_t used_words_ = 0;              // bit w when word w of used_ is not zero
  std::vector<Node> nodes_;
  uint32_t free_ = kNil;  // the first free node
  KeyHeap heap_;
};

}  // namespace sim

#endif  // SCALESIM_SIM_TIMER_SET_H_
