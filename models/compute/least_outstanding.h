// Finds the instance with the fewest outstanding requests in O(1).
//
// Instances sit in buckets by their outstanding count, each bucket a circular
// doubly linked list threaded through one array of nodes. A count changes by one
// at a time, so the minimum moves by at most one bucket per change. Ties go to
// the instance that has held the lowest count longest (the head of the bucket):
// deterministic and fair.
//
// A lone member (a fleet of one instance) keeps only its count: its lists are
// brought up to date when a second member joins, so that a single-instance
// fleet pays for no list work on its requests.
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
  // Neither branches on the lists: whether a bucket has other members is a coin
  // toss to a branch predictor, and a miss cost more than the rest of the call.
  void increment(uint32_t instance) {
    const uint32_t count = nodes_[instance].count;
    if (instance == lone_) [[unlikely]] {
      nodes_[instance].count = min_count_ = count + 1;
      return;
    }
    unlink(instance);
    link(instance, count + 1);
    // The minimum moves up if this was its bucket and the bucket is now empty.
    min_count_ += static_cast<uint32_t>(count == min_count_) & static_cast<uint32_t>(empty(count));
  }
  // REQUIRES: contains(instance) and its count > 0.
  void decrement(uint32_t instance) {
    const uint32_t count = nodes_[instance].count;
    SCALESIM_CHECK(count > 0, "decrement below zero outstanding");
    if (instance == lone_) [[unlikely]] {
      nodes_[instance].count = min_count_ = count - 1;
      return;
    }
    unlink(instance);
    link_within(instance, count - 1);  // a lower count's bucket exists
    min_count_ = count - 1 < min_count_ ? count - 1 : min_count_;
  }
  static constexpr uint32_t kNone = UINT32_MAX;
  // The member with the fewest outstanding requests; kNone when empty. A plain
  // integer, not an optional: the caller's wide load of an optional written
  // field by field stalled store forwarding on every request.
  uint32_t least() const {
    if (members_ <= 1) [[unlikely]]
      return lone_;
    return nodes_[sentinel(min_count_)].next;
  }

 private:
  // An instance's fields side by side (16 bytes). A bucket is a node too, the
  // sentinel of its circular list (its next is the head, its prev the tail), so
  // that linking and unlinking never test for an end. Instances are nodes
  // [0, instances_), the buckets' sentinels the buckets_ nodes after them.
  struct Node {
    uint32_t count = 0;
    uint32_t prev = 0;
    uint32_t next = 0;
    bool member = false;
  };

  uint32_t sentinel(uint32_t count) const { return instances_ + count; }
  bool empty(uint32_t count) const { return nodes_[sentinel(count)].next == sentinel(count); }
  // Appends the instance to the bucket of `count`, as its tail.
  void link(uint32_t instance, uint32_t count) {
    if (count >= buckets_) [[unlikely]]
      reserve(instances_, count + 1);
    link_within(instance, count);
  }
  // link() where the bucket exists: no call that would need registers saved
  // around it. REQUIRES: count < buckets_.
  void link_within(uint32_t instance, uint32_t count) {
    Node* nodes = nodes_.data();
    const uint32_t bucket = sentinel(count);
    const uint32_t tail = nodes[bucket].prev;
    nodes[instance].count = count;
    nodes[instance].prev = tail;
    nodes[instance].next = bucket;
    nodes[tail].next = instance;
    nodes[bucket].prev = instance;
  }
  void unlink(uint32_t instance) {
    Node* nodes = nodes_.data();
    const uint32_t prev = nodes[instance].prev;
    const uint32_t next = nodes[instance].next;
    nodes[prev].next = next;
    nodes[next].prev = prev;
  }
  // Makes room for at least `instances` instances and `buckets` buckets,
  // renumbering the sentinels if the instances' room grows. Rare: rooms double.
  void reserve(uint32_t instances, uint32_t buckets);

  std::vector<Node> nodes_;
  uint32_t instances_ = 0;  // room for instances
  uint32_t buckets_ = 0;    // room for counts [0, buckets_)
  uint32_t min_count_ = 0;
  uint32_t members_ = 0;
  // The only member, whose node's links may be stale (it is then the only node
  // in some bucket's list, maybe not its count's); kNone unless there is one.
  uint32_t lone_ = kNone;
};

}  // namespace models

#endif  // SCALESIM_MODELS_COMPUTE_LEAST_OUTSTANDING_H_
