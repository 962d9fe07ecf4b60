// FIFO rings of values. They grow by doubling up to the largest backlog seen
// (bounded by the queue's capacity or the rate times a timeout), then never
// allocate again.
#ifndef SCALESIM_MODELS_REQUEST_RING_H_
#define SCALESIM_MODELS_REQUEST_RING_H_

#include <cstddef>
#include <cstdint>
#include <memory>
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
  T& at(size_t i) { return slots_[(head_ + i) & mask_]; }
  // REQUIRES: !empty().
  const T& front() const { return slots_[head_]; }
  T& front() { return slots_[head_]; }

  void push_back(const T& value) {
    if (size_ == capacity()) grow();
    slots_[(head_ + size_) & mask_] = value;
    ++size_;
  }
  // Adds a slot at the back and returns it, to be filled in place.
  T& push_back() {
    if (size_ == capacity()) grow();
    return slots_[(head_ + size_++) & mask_];
  }
  // REQUIRES: !empty().
  void drop_front() { advance(); }
  // REQUIRES: !empty().
  T pop_front() {
    T out = slots_[head_];
    advance();
    return out;
  }

 private:
  // The slots are counted by their mask alone (a vector's size divides by
  // sizeof(T), for the 72-byte waiting requests a multiplication at every use),
  // and the ring stays 32 bytes: a fleet keeps one per instance.
  size_t capacity() const { return mask_ + 1; }  // 0 while there are no slots
  // An emptied ring starts again at its first slot: a queue that is mostly short
  // then keeps reusing the same few slots, still in cache, rather than walking
  // through every slot its longest backlog made.
  void advance() { head_ = --size_ == 0 ? 0 : (head_ + 1) & mask_; }
  void grow() {
    const size_t slots = capacity() == 0 ? 8 : capacity() * 2;
    auto bigger = std::make_unique<T[]>(slots);
    for (size_t i = 0; i < size_; ++i) bigger[i] = slots_[(head_ + i) & mask_];
    slots_ = std::move(bigger);
    mask_ = slots - 1;
    head_ = 0;
  }

  std::unique_ptr<T[]> slots_;  // a power of two of them
  size_t mask_ = SIZE_MAX;      // their count less one, wrapping to the maximum while none
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
