// A token bucket: `capacity` tokens, refilled continuously at `per_second`, one
// taken per admission. AWS throttles with these (API Gateway's rate and burst,
// Lambda's scaling rate, and the control-plane APIs' request limits).
#ifndef SCALESIM_MODELS_TOKEN_BUCKET_H_
#define SCALESIM_MODELS_TOKEN_BUCKET_H_

#include <algorithm>
#include <cstdint>

#include "sim/time.h"

namespace models {

class TokenBucket {
 public:
  // Starts full at time zero.
  TokenBucket(double capacity, double per_second)
      : capacity_(capacity * kScale), per_second_(per_second), tokens_(capacity_) {}

  // Takes a token if a whole one is there at `now`. REQUIRES: `now` never decreases.
  bool take(sim::Time now) { return take(now, 1); }

  // Takes `n` tokens if all `n` are there at `now`, and nothing otherwise (a
  // request for more than the capacity never succeeds).
  // REQUIRES: `now` never decreases.
  bool take(sim::Time now, uint32_t n) {
    refill(now);
    const double wanted = static_cast<double>(n) * kScale;
    if (tokens_ < wanted) return false;
    tokens_ -= wanted;
    return true;
  }

  // The (possibly fractional) tokens there at `now`. REQUIRES: `now` never decreases.
  double tokens(sim::Time now) {
    refill(now);
    return tokens_ / kScale;
  }

 private:
  // Tokens are counted in millionths, so that a refill is elapsed microseconds
  // times the rate: exact for whole and binary-fraction rates, so a bucket that
  // refills 2 a second has its token at exactly 0.5 s, not a rounding later.
  static constexpr double kScale = 1e6;

  void refill(sim::Time now) {
    const double earned = static_cast<double>((now - refilled_at_).us()) * per_second_;
    tokens_ = std::min(capacity_, tokens_ + earned);
    refilled_at_ = now;
  }

  double capacity_;  // millionths of a token
  double per_second_;
  double tokens_;  // millionths of a token
  sim::Time refilled_at_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_TOKEN_BUCKET_H_
