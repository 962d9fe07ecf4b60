// An 8-ary min-heap of 64-bit keys: the part of a TimerSet (timer_set.h) that
// holds the timers its wheel does not, those far off or in a crowded bucket.
//
// One integer comparison orders two keys and a move copies 8 bytes. Eight
// children per node keep the chain of dependent loads short (640 keys are 3.1
// levels deep, not 4.7 as with four), and their minimum is picked without
// branches. Slots past the last key hold kEmpty, so every node has eight
// children to compare without bounds checks.
#ifndef SCALESIM_SIM_KEY_HEAP_H_
#define SCALESIM_SIM_KEY_HEAP_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim {

class KeyHeap {
 public:
  // Larger than every key: top() of an empty heap.
  static constexpr uint64_t kEmpty = UINT64_MAX;

  size_t size() const { return size_; }
  uint64_t top() const { return heap_[0]; }
  // The keys in heap order, for scans: [data(), data() + size()).
  const uint64_t* data() const { return heap_.data(); }

  // REQUIRES: key != kEmpty.
  void push(uint64_t key);
  // REQUIRES: size() > 0. Removes top().
  void pop();
  // REQUIRES: position < size(). Removes the key at heap position `position`.
  void remove_at(size_t position);
  // Removes every key for which keep(key) is false, calling it once per key, and
  // restores the heap in one pass: O(size() log size()) at worst, for rare calls.
  template <typename Keep>
  void filter(Keep keep) {
    size_t kept = 0;
    for (size_t i = 0; i < size_; ++i) {
      if (keep(heap_[i])) heap_[kept++] = heap_[i];
    }
    if (kept != size_) rebuild(kept);
  }

 private:
  // Sifts every key of [0, kept) up in order, and clears the slots from kept on.
  void rebuild(size_t kept);

  std::vector<uint64_t> heap_ = std::vector<uint64_t>(9, kEmpty);  // the root and its children
  size_t size_ = 0;
};

}  // namespace sim

#endif  // SCALESIM_SIM_KEY_HEAP_H_
