// How a request ended. The names are stable: they appear in every output and in
// the documentation (docs/outputs.md), so rename nothing, only add.
#ifndef SCALESIM_MODELS_OUTCOME_H_
#define SCALESIM_MODELS_OUTCOME_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace models {

struct Request;

enum class Outcome : uint8_t {
  kOk,
  kNoCapacity,       // no running server, or its queue was full
  kQueueTimeout,     // waited in a queue longer than the queue's timeout
  kLambdaThrottled,  // over the function's concurrency or scaling rate (429)
  kLambdaTimeout,    // ran longer than the function's timeout
  kApigwThrottled,   // over the API's token bucket (429)
  kApigwTimeout,     // no response within the integration timeout (504)
  // In service or queued on an instance that ended under it: its deregistration
  // delay ran out, or it was terminated without a load balancer to drain it.
  kInstanceTerminated,
  // A Lambda function in a VPC (legacy model) could not create the network
  // interface a new environment needed: the region's ENI quota was reached
  // (ENILimitReachedException), or the subnet picked for it had no free address
  // (SubnetIPAddressLimitReachedException).
  kEniLimit,
  kSubnetIpExhausted,
  // In service or queued on a Fargate Spot task that stopped at the end of its
  // interruption notice before the request finished.
  kSpotInterrupted,
};

inline constexpr size_t kOutcomeCount = 11;

constexpr std::string_view outcome_name(Outcome outcome) {
  constexpr std::array<std::string_view, kOutcomeCount> kNames = {"ok",
                                                                  "no_capacity",
                                                                  "queue_timeout",
                                                                  "lambda_throttled",
                                                                  "lambda_timeout",
                                                                  "apigw_throttled",
                                                                  "apigw_timeout",
                                                                  "instance_terminated",
                                                                  "eni_limit",
                                                                  "subnet_ip_exhausted",
                                                                  "spot_interrupted"};
  return kNames[static_cast<size_t>(outcome)];
}

constexpr std::array<Outcome, kOutcomeCount> all_outcomes() {
  return {Outcome::kOk,
          Outcome::kNoCapacity,
          Outcome::kQueueTimeout,
          Outcome::kLambdaThrottled,
          Outcome::kLambdaTimeout,
          Outcome::kApigwThrottled,
          Outcome::kApigwTimeout,
          Outcome::kInstanceTerminated,
          Outcome::kEniLimit,
          Outcome::kSubnetIpExhausted,
          Outcome::kSpotInterrupted};
}

// Where every request ends, exactly once, at the simulation's current time.
// finish() must not call back into the component that reports the end (no sink
// does: they count, or pass the answer on towards the client), so that a
// component may report an end before or after its own bookkeeping.
class RequestSink {
 public:
  virtual void finish(const Request& request, Outcome outcome) = 0;

 protected:
  ~RequestSink() = default;
};

}  // namespace models

#endif  // SCALESIM_MODELS_OUTCOME_H_
