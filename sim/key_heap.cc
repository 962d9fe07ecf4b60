#include "sim/key_heap.h"

namespace sim {

namespace {

constexpr size_t kArity = 8;

// Moves the hole at `hole` up until `key` fits there, and puts it there.
void sift_up(uint64_t* heap, size_t hole, uint64_t key) {
  while (hole > 0) {
    const size_t parent = (hole - 1) / kArity;
    if (heap[parent] <= key) break;
    heap[hole] = heap[parent];
    hole = parent;
  }
  heap[hole] = key;
}

// A child's key and its position in the heap.
struct Child {
  uint64_t key;
  size_t position;
};

// The smaller of two children, chosen by arithmetic rather than a branch: which
// child is smallest is unpredictable, so a branch, or a load that depends on a
// comparison, would stall on every level of the heap.
inline Child smaller(Child a, Child b) {
  const bool second = b.key < a.key;
  const size_t mask = 0 - static_cast<size_t>(second);  // a mask, or the compiler branches
  return {second ? b.key : a.key, a.position ^ ((a.position ^ b.position) & mask)};
}

// The smallest of the four keys from `first` on, loaded once: two pairs, then
// their winners, so the chain of dependent steps is two comparisons long.
inline Child smallest_of_four(const uint64_t* heap, size_t first) {
  const uint64_t k0 = heap[first], k1 = heap[first + 1], k2 = heap[first + 2], k3 = heap[first + 3];
  const bool right_low = k1 < k0;
  const bool right_high = k3 < k2;
  return smaller({right_low ? k1 : k0, first + static_cast<size_t>(right_low)},
                 {right_high ? k3 : k2, first + 2 + static_cast<size_t>(right_high)});
}

// The smallest of the eight children from `first` on.
inline Child smallest_child(const uint64_t* heap, size_t first) {
  return smaller(smallest_of_four(heap, first), smallest_of_four(heap, first + 4));
}

// Walks the hole at `hole` down to a leaf along the smallest child, then sifts
// `key` up from there (bottom-up deletion: a key taken from the bottom belongs
// near the bottom). `n` keys are in the heap, the hole included; every key above
// the hole is no larger than those below it.
void descend_and_place(uint64_t* heap, size_t hole, size_t n, uint64_t key) {
  for (size_t first = hole * kArity + 1; first < n; first = hole * kArity + 1) {
    const Child child = smallest_child(heap, first);
    heap[hole] = child.key;
    hole = child.position;
  }
  sift_up(heap, hole, key);
}

}  // namespace

void KeyHeap::push(uint64_t key) {
  const size_t hole = size_++;
  // Keep room for a full set of children below every node.
  if (size_ * kArity + 1 > heap_.size()) heap_.resize(heap_.size() * 2 + kArity, kEmpty);
  sift_up(heap_.data(), hole, key);
}

void KeyHeap::pop() {
  remove_at(0);
}

void KeyHeap::remove_at(size_t position) {
  uint64_t* heap = heap_.data();
  const size_t n = --size_;  // a local: stores into the heap can't be seen to change it
  const uint64_t last = heap[n];
  heap[n] = kEmpty;  // slots from size_ on hold kEmpty
  if (position < n) descend_and_place(heap, position, n, last);
}

void KeyHeap::rebuild(size_t kept) {
  uint64_t* heap = heap_.data();
  for (size_t i = kept; i < size_; ++i) heap[i] = kEmpty;
  size_ = kept;
  for (size_t i = 1; i < size_; ++i) {
    const uint64_t key = heap[i];
    heap[i] = kEmpty;
    sift_up(heap, i, key);
  }
}

}  // namespace sim
