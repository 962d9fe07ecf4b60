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

void LeastOutstanding::link(uint32_t instance, uint32_t count) {
  if (count >= head_.size()) {
    head_.resize(count + 1, kNone);
    tail_.resize(count + 1, kNone);
  }
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

void LeastOutstanding::unlink(uint32_t instance) {
  const uint32_t count = count_[instance];
  const uint32_t before = prev_[instance];
  const uint32_t after = next_[instance];
  (before == kNone ? head_[count] : next_[before]) = after;
  (after == kNone ? tail_[count] : prev_[after]) = before;
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

void LeastOutstanding::increment(uint32_t instance) {
  const uint32_t count = count_[instance];
  unlink(instance);
  link(instance, count + 1);
  if (count == min_count_ && head_[count] == kNone) min_count_ = count + 1;
}

void LeastOutstanding::decrement(uint32_t instance) {
  const uint32_t count = count_[instance];
  SCALESIM_CHECK(count > 0, "decrement below zero outstanding");
  unlink(instance);
  link(instance, count - 1);
  if (count - 1 < min_count_) min_count_ = count - 1;
}

}  // namespace models
