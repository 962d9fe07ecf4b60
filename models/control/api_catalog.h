// The cloud APIs a scaling policy calls, as data: for each, its throttling token
// bucket(s) and how long its answer takes. ControlPlane (control_plane.h) runs
// them; a scenario copies default_apis() and overrides what it knows better.
//
// EC2 throttles each API with a request token bucket, and a few mutating APIs
// (RunInstances, TerminateInstances) also with a resource bucket that loses one
// token per instance the request touches (source key EC2-THROTTLE, "Request
// throttling for the Amazon EC2 API",
// docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html, ~2025).
// ECS throttles Fargate task launches with a token bucket per capacity provider
// (FARGATE and FARGATE_SPOT each burst 100, 20 tasks a second; AWSDOCS-ECS
// throttling.md); an ecs_service's scheduler takes a token per task it starts.
// Lightsail publishes no rate limits; its API reference documents only the
// ThrottlingException error (LIGHTSAIL-ERRORS, "Common Errors - Amazon Lightsail",
// docs.aws.amazon.com/lightsail/2016-11-28/api-reference/CommonErrors.html).
#ifndef SCALESIM_MODELS_CONTROL_API_CATALOG_H_
#define SCALESIM_MODELS_CONTROL_API_CATALOG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/distribution.h"

namespace models {

// EC2's "resource rate limit": tokens are resources (instances launched or
// terminated), not requests.
struct ResourceBucket {
  double burst;
  double per_second;
};

struct ApiSpec {
  std::string name;     // the API action as AWS spells it: "RunInstances"
  std::string service;  // "ec2", "lightsail"
  double burst;         // request bucket size
  double per_second;    // request bucket refill
  std::optional<ResourceBucket> resources;
  sim::DurationDistribution latency;  // from the request to its answer
  std::string source;                 // source keys, explained where the catalogue is written
  bool confirmed;                     // every number above has a source
  std::string note;                   // what is a placeholder, and why
  std::string throttle_error;         // the error a throttled request gets
};

// The built-in catalogue; never changes while the program runs.
// The note of an API whose figures a scenario set (its own claim, not a fact).
inline constexpr std::string_view kSetByScenario = "set by the scenario";

const std::vector<ApiSpec>& default_apis();

// The API called `name` ("TagResource") or `service:name` ("lightsail:TagResource")
// in `apis`; nullptr if there is none. An unqualified name finds the first API of
// that name. The pointer is into `apis`.
const ApiSpec* find_api(const std::vector<ApiSpec>& apis, std::string_view name);
// The same in default_apis().
inline const ApiSpec* find_api(std::string_view name) {
  return find_api(default_apis(), name);
}

}  // namespace models

#endif  // SCALESIM_MODELS_CONTROL_API_CATALOG_H_
