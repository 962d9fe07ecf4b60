// FIFO rings of values. They grow by doubling up to the largest backlog seen
// (bounded by the queue's capacity or the rate times a timeout), then never
// allocate again.
#ifndef SCALESIM_MODELS_REQUEST_RING_H_
#define SCALESIM_MODELS_REQUEST_RING_H_

#include <cstddef>
#include <vector>

#include "models/request.h"
#include "sim/time.h"

namespace models {

template <class T>
class Ring {
 public:
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // REQUIRES: i < size(). The i-th from the front.
  T& at(size_t i) { return slots_[(head_ + i) & (slots_.size() - 1)]; }
  // REQUIRES: !empty().
  const T& front() const { return slots_[head_]; }
  T& front() { return slots_[head_]; }

  void push_back(const T& value) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & (slots_.size() - 1)] = value;
    ++size_;
  }
  // Adds a slot at the back and returns it, to be filled in place.
  T& push_back() {
    if (size_ == slots_.size()) grow();
    return slots_[(head_ + size_++) & (slots_.size() - 1)];
  }
  // REQUIRES: !empty().
  void drop_front() {
    head_ = (head_ + 1) & (slots_.size() - 1);
    --size_;
  }
  // REQUIRES: !empty().
  T pop_front() {
    T out = slots_[head_];
    head_ = (head_ + 1) & (slots_.size() - 1);
    --size_;
    return out;
  }

 private:
  void grow() {
    std::vector<T> bigger(slots_.empty() ? 8 : slots_.size() * 2);
    for (size_t i = 0; i < size_; ++i) bigger[i] = slots_[(head_ + i) & (slots_.size() - 1)];
    slots_.swap(bigger);
    head_ = 0;
  }

  std::vector<T> slots_;  // size is zero or a power of two
  size_t head_ = 0;
  size_t size_ = 0;
};

struct WaitingRequest {
  Request request;
  sim::Time since;  // when it joined this queue
};

using RequestRing = Ring<WaitingRequest>;

}  // namespace models

#endif  // SCALESIM_MODELS_REQUEST_RING_H_
