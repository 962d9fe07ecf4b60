// An account's Lambda concurrency in a region, shared by its functions.
//
// A function with reserved concurrency runs at most that many invocations and
// takes them from no one else; the others share what is left of the account's
// limit, the unreserved pool (AWSDOCS-LAMBDA, reserved concurrency). Functions
// join the run's one LambdaAccount (SharedState) when they are built.
//
// Before 2023-11-27 new environments were also limited for the account as a
// whole: an immediate burst of 3,000, 1,000 or 500 by region, then 500 more a
// minute (AWSDOCS-LAMBDA, scaling, 2017-2023). Functions on that legacy model
// draw their new environments from the account's one bucket.
#ifndef SCALESIM_MODELS_SERVERLESS_LAMBDA_ACCOUNT_H_
#define SCALESIM_MODELS_SERVERLESS_LAMBDA_ACCOUNT_H_

#include <algorithm>
#include <cstdint>
#include <optional>

#include "models/token_bucket.h"

namespace models {

class LambdaAccount {
 public:
  // A function joins with the account's limit it was configured with (the
  // largest any function names is the account's) and its reservation, if any.
  void join(uint32_t account_concurrency, uint32_t reserved) {
    limit_ = std::max<uint64_t>(limit_, account_concurrency);
    reserved_ += reserved;
  }

  // A timeline's changes: the account's limit, and a function's reservation
  // (0: none) from `before` to `after`, with the invocations it runs now.
  void set_limit(uint32_t limit) { limit_ = limit; }
  uint64_t limit() const { return limit_; }
  uint64_t reserved() const { return reserved_; }
  void change_reservation(uint32_t before, uint32_t after, uint64_t running) {
    reserved_ = reserved_ - before + after;
    if (before == 0 && after > 0) unreserved_busy_ -= running;
    if (before > 0 && after == 0) unreserved_busy_ += running;
  }

  // The legacy model's bucket, made by the first function that asks, with the
  // burst it names.
  TokenBucket& legacy_scaling(double burst) {
    if (!legacy_) legacy_.emplace(burst, kLegacyPerMinute / 60);
    return *legacy_;
  }
  static constexpr double kLegacyPerMinute = 500;

  // Whether an unreserved function may start one more invocation now.
  bool unreserved_available() const {
    return reserved_ < limit_ && unreserved_busy_ < limit_ - reserved_;
  }
  void unreserved_started() { ++unreserved_busy_; }
  void unreserved_ended() { --unreserved_busy_; }

 private:
  uint64_t limit_ = 0;
  uint64_t reserved_ = 0;
  uint64_t unreserved_busy_ = 0;
  std::optional<TokenBucket> legacy_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_LAMBDA_ACCOUNT_H_
