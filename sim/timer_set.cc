#include "sim/timer_set.h"

#include "sim/check.h"

namespace sim {

namespace {

// Eight children per node: 640 pending completions (800 slots at 80%) are 3.1
// levels deep rather than 4.7, and each level's eight keys share one or two
// cache lines. The descent is a chain of dependent loads and comparisons, so
// fewer levels beat fewer comparisons per level: about 4% more requests per
// second on every benchmark case than four children, at more instructions.
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

// Walks the hole at the root down to a leaf along the smallest child, then sifts
// `key` up from there (bottom-up deletion: a key taken from the bottom or a new
// completion, usually far off, belongs near the bottom). `n` keys are in the heap,
// the hole included.
void descend_and_place(uint64_t* heap, size_t n, uint64_t key) {
  size_t hole = 0;
  for (size_t first = 1; first < n; first = hole * kArity + 1) {
    const Child child = smallest_child(heap, first);
    heap[hole] = child.key;
    hole = child.position;
  }
  sift_up(heap, hole, key);
}

}  // namespace

void TimerSet::push(uint64_t key) {
  size_t hole = size_++;
  // Keep room for a full set of children below every node.
  if (size_ * kArity + 1 > heap_.size()) heap_.resize(heap_.size() * 2 + kArity, kEmpty);
  sift_up(heap_.data(), hole, key);
}

void TimerSet::pop() {
  uint64_t* heap = heap_.data();
  const size_t n = --size_;  // a local: stores into the heap can't be seen to change it
  const uint64_t last = heap[n];
  heap[n] = kEmpty;
  if (n > 0) descend_and_place(heap, n, last);
}

void TimerSet::replace_top(uint64_t key) {
  descend_and_place(heap_.data(), size_, key);
}

std::optional<Time> TimerSet::cancel(uint32_t index) {
  finish_firing();
  // Keys with the same index order by time, so the smallest matching key is the
  // earliest timer of that index.
  size_t found = size_;
  for (size_t i = 0; i < size_; ++i) {
    if ((heap_[i] & kMaxIndex) == index && (found == size_ || heap_[i] < heap_[found])) found = i;
  }
  if (found == size_) return std::nullopt;
  const Time due = Time::micros(static_cast<int64_t>(heap_[found] >> kIndexBits));
  remove_at(found);
  return due;
}

// The deletion pop does, from `position`: the hole walks down to a leaf along the
// smallest child, then the last key sifts up from there, past `position` if it
// belongs higher (every key above `position` is no larger than those below it).
// Plain branches: this is not the hot path.
void TimerSet::cancel_range(uint32_t first, uint32_t last,
                            std::vector<std::pair<uint32_t, Time>>& cancelled) {
  uint64_t* heap = heap_.data();
  size_t kept = 0;
  for (size_t i = 0; i < size_; ++i) {
    const auto index = static_cast<uint32_t>(heap[i] & kMaxIndex);
    if (index >= first && index <= last) {
      cancelled.emplace_back(index, Time::micros(static_cast<int64_t>(heap[i] >> kIndexBits)));
    } else {
      heap[kept++] = heap[i];
    }
  }
  if (kept == size_) return;
  for (size_t i = kept; i < size_; ++i) heap[i] = kEmpty;
  size_ = kept;
  // Rebuild by sifting every key up in order: O(n log n) at worst, and rare.
  for (size_t i = 1; i < size_; ++i) {
    const uint64_t key = heap[i];
    heap[i] = kEmpty;
    sift_up(heap, i, key);
  }
}

void TimerSet::remove_at(size_t position) {
  uint64_t* heap = heap_.data();
  const size_t n = --size_;
  const uint64_t last = heap[n];
  heap[n] = kEmpty;  // the padding invariant: slots from size_ on hold kEmpty
  if (position == n) return;
  size_t hole = position;
  // Children past n hold kEmpty, and every node below size_ has all its child slots.
  for (size_t c = hole * kArity + 1; c < n; c = hole * kArity + 1) {
    size_t best = c;
    for (size_t k = c + 1; k < c + kArity; ++k) {
      if (heap[k] < heap[best]) best = k;
    }
    heap[hole] = heap[best];
    hole = best;
  }
  sift_up(heap, hole, last);
}

}  // namespace sim
