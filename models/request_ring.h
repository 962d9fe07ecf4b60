// A FIFO of waiting requests in a ring buffer. It grows by doubling up to the
// largest backlog seen (bounded by the queue's capacity), then never allocates.
#ifndef SCALESIM_MODELS_REQUEST_RING_H_
#define SCALESIM_MODELS_REQUEST_RING_H_

#include <cstddef>
#include <vector>

#include "models/request.h"
#include "sim/time.h"

namespace models {

struct WaitingRequest {
  Request request;
  sim::Time since;  // when it joined this queue
};

class RequestRing {
 public:
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // REQUIRES: !empty().
  const WaitingRequest& front() const { return slots_[head_]; }

  void push_back(const WaitingRequest& waiting) {
    if (size_ == slots_.size()) grow();
    slots_[(head_ + size_) & (slots_.size() - 1)] = waiting;
    ++size_;
  }
  // REQUIRES: !empty().
  WaitingRequest pop_front() {
    WaitingRequest out = slots_[head_];
    head_ = (head_ + 1) & (slots_.size() - 1);
    --size_;
    return out;
  }

 private:
  void grow() {
    std::vector<WaitingRequest> bigger(slots_.empty() ? 8 : slots_.size() * 2);
    for (size_t i = 0; i < size_; ++i) bigger[i] = slots_[(head_ + i) & (slots_.size() - 1)];
    slots_.swap(bigger);
    head_ = 0;
  }

  std::vector<WaitingRequest> slots_;  // size is zero or a power of two
  size_t head_ = 0;
  size_t size_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_REQUEST_RING_H_
