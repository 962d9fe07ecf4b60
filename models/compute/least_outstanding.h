// Finds the instance with the fewest outstanding requests in O(1).
//
// Instances sit in buckets by their outstanding count, each bucket a doubly linked
// list threaded through arrays. A count changes by one at a time, so the minimum
// moves by at most one bucket per change. Ties go to the instance that has held the
// lowest count longest (the head of the bucket): deterministic and fair.
#ifndef SCALESIM_MODELS_COMPUTE_LEAST_OUTSTANDING_H_
#define SCALESIM_MODELS_COMPUTE_LEAST_OUTSTANDING_H_

#include <cstdint>
#include <vector>

#include "sim/check.h"

namespace models {

class LeastOutstanding {
 public:
  // Instances are numbered [0, capacity); none is a member at first.
  explicit LeastOutstanding(uint32_t capacity);

  bool contains(uint32_t instance) const { return member_[instance]; }
  bool empty() const { return members_ == 0; }
  // Makes room for instances numbered up to capacity - 1 (never shrinks).
  void grow(uint32_t capacity);
  // REQUIRES: !contains(instance).
  void insert(uint32_t instance, uint32_t outstanding);
  // REQUIRES: contains(instance).
  void remove(uint32_t instance);
  // REQUIRES: contains(instance). Inline, with decrement: one of each per request.
  void increment(uint32_t instance) {
    const uint32_t count = count_[instance];
    unlink(instance);
    link(instance, count + 1);
    if (count == min_count_ && head_[count] == kNone) min_count_ = count + 1;
  }
  // REQUIRES: contains(instance) and its count > 0.
  void decrement(uint32_t instance) {
    const uint32_t count = count_[instance];
    SCALESIM_CHECK(count > 0, "decrement below zero outstanding");
    unlink(instance);
    link(instance, count - 1);
    if (count - 1 < min_count_) min_count_ = count - 1;
  }
  static constexpr uint32_t kNone = UINT32_MAX;
  // The member with the fewest outstanding requests; kNone when empty. A plain
  // integer, not an optional: the caller's wide load of an optional written
  // field by field stalled store forwarding on every request.
  uint32_t least() const { return members_ == 0 ? kNone : head_[min_count_]; }

 private:
  void link(uint32_t instance, uint32_t count) {
    if (count >= head_.size()) grow_buckets(count);
    count_[instance] = count;
    prev_[instance] = tail_[count];
    next_[instance] = kNone;
    if (tail_[count] == kNone) {
      head_[count] = instance;
    } else {
      next_[tail_[count]] = instance;
    }
    tail_[count] = instance;
  }
  void unlink(uint32_t instance) {
    const uint32_t count = count_[instance];
    const uint32_t before = prev_[instance];
    const uint32_t after = next_[instance];
    (before == kNone ? head_[count] : next_[before]) = after;
    (after == kNone ? tail_[count] : prev_[after]) = before;
  }
  // Makes buckets up to `count`.
  void grow_buckets(uint32_t count);

  std::vector<uint32_t> count_;
  std::vector<uint32_t> prev_;
  std::vector<uint32_t> next_;
  std::vector<bool> member_;
  std::vector<uint32_t> head_;  // per count
  std::vector<uint32_t> tail_;  // per count
  uint32_t min_count_ = 0;
  uint32_t members_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_COMPUTE_LEAST_OUTSTANDING_H_
