#include "models/compute/least_outstanding.h"

#include "sim/check.h"

namespace models {

LeastOutstanding::LeastOutstanding(uint32_t capacity)
    : count_(capacity, 0), prev_(capacity, kNone), next_(capacity, kNone), member_(capacity) {}

void LeastOutstanding::grow(uint32_t capacity) {
  if (capacity <= count_.size()) return;
  count_.resize(capacity, 0);
  prev_.resize(capacity, kNone);
  next_.resize(capacity, kNone);
  member_.resize(capacity, false);
}

void LeastOutstanding::grow_buckets(uint32_t count) {
  head_.resize(count + 1, kNone);
  tail_.resize(count + 1, kNone);
}

void LeastOutstanding::insert(uint32_t instance, uint32_t outstanding) {
  SCALESIM_CHECK(!member_[instance], "instance inserted twice");
  member_[instance] = true;
  link(instance, outstanding);
  if (members_++ == 0 || outstanding < min_count_) min_count_ = outstanding;
}

void LeastOutstanding::remove(uint32_t instance) {
  SCALESIM_CHECK(member_[instance], "removing an instance that is not a member");
  const uint32_t count = count_[instance];
  unlink(instance);
  member_[instance] = false;
  if (--members_ == 0) return;
  if (count == min_count_) {
    while (head_[min_count_] == kNone) ++min_count_;
  }
}

}  // namespace models
