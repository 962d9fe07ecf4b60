// A token bucket: `capacity` tokens, refilled continuously at `per_second`, one
// taken per admission. AWS throttles with these (API Gateway's rate and burst,
// Lambda's scaling rate, and the control-plane APIs' request limits).
#ifndef SCALESIM_MODELS_TOKEN_BUCKET_H_
#define SCALESIM_MODELS_TOKEN_BUCKET_H_

#include <algorithm>

#include "sim/time.h"

namespace models {

class TokenBucket {
 public:
  // Starts full at time zero.
  TokenBucket(double capacity, double per_second)
      : capacity_(capacity), per_second_(per_second), tokens_(capacity) {}

  // Takes a token if a whole one is there at `now`. REQUIRES: `now` never decreases.
  bool take(sim::Time now) {
    tokens_ = std::min(capacity_, tokens_ + (now - refilled_at_).seconds() * per_second_);
    refilled_at_ = now;
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

 private:
  double capacity_;
  double per_second_;
  double tokens_;
  sim::Time refilled_at_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_TOKEN_BUCKET_H_
