#include "models/compute/least_outstanding.h"

#include <algorithm>

#include "sim/check.h"

namespace models {

namespace {

constexpr uint32_t kFirstBuckets = 8;

}  // namespace

LeastOutstanding::LeastOutstanding(uint32_t capacity) {
  reserve(capacity, kFirstBuckets);
}

void LeastOutstanding::grow(uint32_t capacity) {
  if (capacity > instances_) reserve(capacity, buckets_);
}

void LeastOutstanding::reserve(uint32_t instances, uint32_t buckets) {
  const uint32_t new_instances =
      instances > instances_ ? std::max(instances, 2 * instances_) : instances_;
  const uint32_t new_buckets = buckets > buckets_ ? std::max(buckets, 2 * buckets_) : buckets_;
  // A link to a sentinel moves with it; a link to an instance stays.
  const auto moved = [&](uint32_t link) {
    return link < instances_ ? link : link - instances_ + new_instances;
  };
  std::vector<Node> nodes(static_cast<size_t>(new_instances) + new_buckets);
  for (uint32_t i = 0; i < instances_ + buckets_; ++i) {
    Node node = nodes_[i];
    node.prev = moved(node.prev);
    node.next = moved(node.next);
    nodes[moved(i)] = node;
  }
  for (uint32_t count = buckets_; count < new_buckets; ++count) {
    const uint32_t bucket = new_instances + count;
    nodes[bucket].prev = bucket;  // empty: the sentinel links to itself
    nodes[bucket].next = bucket;
  }
  nodes_ = std::move(nodes);
  instances_ = new_instances;
  buckets_ = new_buckets;
}

void LeastOutstanding::insert(uint32_t instance, uint32_t outstanding) {
  SCALESIM_CHECK(!nodes_[instance].member, "instance inserted twice");
  nodes_[instance].member = true;
  if (lone_ != kNone) {
    // A second member: the first one's node goes to its count's bucket.
    unlink(lone_);
    link(lone_, nodes_[lone_].count);
    lone_ = kNone;
  }
  link(instance, outstanding);
  if (members_++ == 0 || outstanding < min_count_) min_count_ = outstanding;
  if (members_ == 1) lone_ = instance;
}

void LeastOutstanding::remove(uint32_t instance) {
  SCALESIM_CHECK(nodes_[instance].member, "removing an instance that is not a member");
  const uint32_t count = nodes_[instance].count;
  unlink(instance);
  nodes_[instance].member = false;
  if (--members_ == 0) {
    lone_ = kNone;
    return;
  }
  if (count == min_count_) {
    while (empty(min_count_)) ++min_count_;
  }
  if (members_ == 1) lone_ = nodes_[sentinel(min_count_)].next;
}

}  // namespace models
