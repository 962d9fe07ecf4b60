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

  bool contains(uint32_t instance) const { return nodes_[instance].member; }
  bool empty() const { return members_ == 0; }
  // Makes room for instances numbered up to capacity - 1 (never shrinks).
  void grow(uint32_t capacity);
  // REQUIRES: !contains(instance).
  void insert(uint32_t instance, uint32_t outstanding);
  // REQUIRES: contains(instance).
  void remove(uint32_t instance);
  // REQUIRES: contains(instance). Inline, with decrement: one of each per request.
  void increment(uint32_t instance) {
    const uint32_t count = nodes_[instance].count;
    unlink(instance);
    link(instance, count + 1);
    if (count == min_count_ && buckets_[count].head == kNone) min_count_ = count + 1;
  }
  // REQUIRES: contains(instance) and its count > 0.
  void decrement(uint32_t instance) {
    const uint32_t count = nodes_[instance].count;
    SCALESIM_CHECK(count > 0, "decrement below zero outstanding");
    unlink(instance);
    link(instance, count - 1);
    if (count - 1 < min_count_) min_count_ = count - 1;
  }
  static constexpr uint32_t kNone = UINT32_MAX;
  // The member with the fewest outstanding requests; kNone when empty. A plain
  // integer, not an optional: the caller's wide load of an optional written
  // field by field stalled store forwarding on every request.
  uint32_t least() const { return members_ == 0 ? kNone : buckets_[min_count_].head; }

 private:
  // An instance's fields side by side (16 bytes), and a bucket's ends side by
  // side: a change touches one line of each, where separate arrays took one each.
  struct Node {
    uint32_t count = 0;
    uint32_t prev = kNone;
    uint32_t next = kNone;
    bool member = false;
  };
  struct Bucket {
    uint32_t head = kNone;
    uint32_t tail = kNone;
  };

  void link(uint32_t instance, uint32_t count) {
    if (count >= buckets_.size()) grow_buckets(count);
    Node& node = nodes_[instance];
    Bucket& bucket = buckets_[count];
    node.count = count;
    node.prev = bucket.tail;
    node.next = kNone;
    if (bucket.tail == kNone) {
      bucket.head = instance;
    } else {
      nodes_[bucket.tail].next = instance;
    }
    bucket.tail = instance;
  }
  void unlink(uint32_t instance) {
    const Node& node = nodes_[instance];
    Bucket& bucket = buckets_[node.count];
    (node.prev == kNone ? bucket.head : nodes_[node.prev].next) = node.next;
    (node.next == kNone ? bucket.tail : nodes_[node.next].prev) = node.prev;
  }
  // Makes buckets up to `count`.
  void grow_buckets(uint32_t count);

  std::vector<Node> nodes_;      // per instance
  std::vector<Bucket> buckets_;  // per outstanding count
  uint32_t min_count_ = 0;
  uint32_t members_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_COMPUTE_LEAST_OUTSTANDING_H_
