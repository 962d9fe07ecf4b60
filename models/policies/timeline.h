// timeline: things that happen to a strategy at given times, from outside its
// policies: a person terminating instances by hand (field report 4: the Auto
// Scaling group replaces them), or the limits of a Lambda function changing as
// support cases are answered and subnets are added (field report 5: account
// concurrency 200 -> 2,000 -> 3,000, ENI quota 350 -> 2,000).
//
// Each event happens at its instant, once: what is running keeps running, and
// what starts from then on meets the new limits (lambda_limits.h).
#ifndef SCALESIM_MODELS_POLICIES_TIMELINE_H_
#define SCALESIM_MODELS_POLICIES_TIMELINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/control/controller.h"
#include "models/serverless/vpc_config.h"

namespace models {

struct TimelineEvent {
  // When: `at` from the start of the run, or the first instant at or after the
  // start when the local clock reads `at` (a time of day, or a time of the week
  // since Monday 00:00).
  enum class Anchor { kStart, kTimeOfDay, kTimeOfWeek };
  Anchor anchor = Anchor::kStart;
  sim::Duration at;
  // The event's instant in a run whose local clock reads `local_offset` at its start.
  sim::Duration instant(sim::Duration local_offset) const;

  // What happens (at least one). On a server_fleet: instances in service to
  // terminate, oldest first, as someone would in the console; they end at once,
  // whatever they were serving.
  uint32_t terminate_instances = 0;
  // On a lambda_function (lambda_limits.h, provisioned_capacity.h).
  std::optional<uint32_t> account_concurrency;
  std::optional<uint32_t> reserved_concurrency;
  bool unreserve = false;  // the reservation is deleted
  std::optional<uint32_t> provisioned_concurrency;
  std::optional<uint32_t> eni_quota;
  std::optional<SubnetConfig> add_subnet;
  std::optional<std::string> remove_subnet;

  // What the event does, for the event log: "account concurrency 2000, ENI quota 2000".
  std::string description() const;
  bool changes_lambda() const;
};

struct TimelineConfig {
  static const ControllerKind& kind();  // "timeline": drives a server_fleet or a lambda_function
  std::vector<TimelineEvent> events;
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_TIMELINE_H_
