#include "models/compute/least_outstanding.h"

#include "sim/check.h"

namespace models {

LeastOutstanding::LeastOutstanding(uint32_t capacity) : nodes_(capacity) {}

void LeastOutstanding::grow(uint32_t capacity) {
  if (capacity > nodes_.size()) nodes_.resize(capacity);
}

void LeastOutstanding::grow_buckets(uint32_t count) {
  buckets_.resize(count + 1);
}

void LeastOutstanding::insert(uint32_t instance, uint32_t outstanding) {
  SCALESIM_CHECK(!nodes_[instance].member, "instance inserted twice");
  nodes_[instance].member = true;
  link(instance, outstanding);
  if (members_++ == 0 || outstanding < min_count_) min_count_ = outstanding;
}

void LeastOutstanding::remove(uint32_t instance) {
  SCALESIM_CHECK(nodes_[instance].member, "removing an instance that is not a member");
  const uint32_t count = nodes_[instance].count;
  unlink(instance);
  nodes_[instance].member = false;
  if (--members_ == 0) return;
  if (count == min_count_) {
    while (buckets_[min_count_].head == kNone) ++min_count_;
  }
}

}  // namespace models
