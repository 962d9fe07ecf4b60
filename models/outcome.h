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
  kNoCapacity,    // no running server, or its queue was full
  kQueueTimeout,  // waited in a queue longer than the queue's timeout
};

inline constexpr size_t kOutcomeCount = 3;

constexpr std::string_view outcome_name(Outcome outcome) {
  constexpr std::array<std::string_view, kOutcomeCount> kNames = {"ok", "no_capacity",
                                                                  "queue_timeout"};
  return kNames[static_cast<size_t>(outcome)];
}

constexpr std::array<Outcome, kOutcomeCount> all_outcomes() {
  return {Outcome::kOk, Outcome::kNoCapacity, Outcome::kQueueTimeout};
}

// Where every request ends, exactly once, at the simulation's current time.
class RequestSink {
 public:
  virtual void finish(const Request& request, Outcome outcome) = 0;

 protected:
  ~RequestSink() = default;
};

}  // namespace models

#endif  // SCALESIM_MODELS_OUTCOME_H_
