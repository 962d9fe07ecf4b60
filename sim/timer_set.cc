#include "sim/timer_set.h"

#include "sim/check.h"

namespace sim {

namespace {
constexpr size_t kArity = 4;
}  // namespace

void TimerSet::add(Time at, uint32_t index) {
  SCALESIM_CHECK(at >= Time::zero() && index <= kMaxIndex, "bad timer");
  const int64_t us = at.us() < kTimeLimitUs ? at.us() : kTimeLimitUs;
  const uint64_t key = (static_cast<uint64_t>(us) << kIndexBits) | index;
  size_t hole = size_++;
  // Keep room for a full set of children below every node.
  if (size_ * kArity + 1 > heap_.size()) heap_.resize(heap_.size() * 2 + kArity, kEmpty);
  while (hole > 0) {
    const size_t parent = (hole - 1) / kArity;
    if (heap_[parent] <= key) break;
    heap_[hole] = heap_[parent];
    hole = parent;
  }
  heap_[hole] = key;
}

// Bottom-up deletion: walk the hole from the root to a leaf along the smallest
// child, then sift the last key up from there (it usually belongs near the bottom).
uint64_t TimerSet::pop() {
  const uint64_t top = heap_[0];
  const uint64_t last = heap_[--size_];
  heap_[size_] = kEmpty;
  if (size_ == 0) return top;
  size_t hole = 0;
  for (;;) {
    const size_t c = hole * kArity + 1;
    if (c >= size_) break;
    // Index arithmetic on comparison results rather than ?: so the compiler emits
    // no branches: which child is smallest is unpredictable by nature.
    const uint64_t* child = &heap_[c];
    const size_t low = static_cast<size_t>(child[1] < child[0]);
    const size_t high = 2 + static_cast<size_t>(child[3] < child[2]);
    const uint64_t low_key = child[low];
    const uint64_t high_key = child[high];
    const size_t pick_high = static_cast<size_t>(high_key < low_key);
    const size_t best = c + low + pick_high * (high - low);
    heap_[hole] = pick_high ? high_key : low_key;
    hole = best;
  }
  while (hole > 0) {
    const size_t parent = (hole - 1) / kArity;
    if (heap_[parent] <= last) break;
    heap_[hole] = heap_[parent];
    hole = parent;
  }
  heap_[hole] = last;
  return top;
}

}  // namespace sim
