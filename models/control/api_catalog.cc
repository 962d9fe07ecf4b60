#include "models/control/api_catalog.h"

namespace models {

namespace {

// Source keys:
//  EC2-THROTTLE   "Request throttling for the Amazon EC2 API",
//                 docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html, ~2025:
//                 the request and resource token buckets (size, refill per second).
//  PERCIVAL-2021  Colin Percival, "EC2 boot time benchmarking",
//                 daemonology.net/blog/2021-08-12-EC2-boot-time-benchmarking.html, 2021:
//                 "RunInstances API call took: 1.543152 s" (c5.xlarge, us-east-1).
//  AWSDOCS-ECS    awsdocs/amazon-ecs-developer-guide @49232cf, throttling.md (2023-06):
//                 the Fargate task launch rate, a token bucket of 100 tasks refilled
//                 at 20 a second, one for on-demand tasks and a separate one for
//                 Fargate Spot tasks.
//  LIGHTSAIL-ERRORS  "Common Errors - Amazon Lightsail",
//                 docs.aws.amazon.com/lightsail/2016-11-28/api-reference/CommonErrors.html:
//                 ThrottlingException is documented; no rate or burst is published.

constexpr const char* kEc2Throttled = "RequestLimitExceeded";       // EC2-THROTTLE
constexpr const char* kLightsailThrottled = "ThrottlingException";  // LIGHTSAIL-ERRORS

sim::DurationDistribution seconds(double s) {
  return sim::DurationDistribution::constant(sim::Duration::from_seconds(s));
}

// What no source gives: an API answers in 0.2-0.5 s.
sim::DurationDistribution placeholder_latency() {
  return sim::DurationDistribution(sim::Distribution::uniform(0.2e6, 0.5e6));
}

constexpr const char* kLatencyPlaceholder = "latency is a placeholder (0.2-0.5 s), no source";

ApiSpec ec2(std::string name, double burst, double per_second) {
  return ApiSpec{.name = std::move(name),
                 .service = "ec2",
                 .burst = burst,
                 .per_second = per_second,
                 .latency = placeholder_latency(),
                 .source = "EC2-THROTTLE",
                 .confirmed = false,
                 .note = kLatencyPlaceholder,
                 .throttle_error = kEc2Throttled};
}

// Lightsail's buckets are guesses: 10 requests of burst, 1 a second.
ApiSpec lightsail(std::string name) {
  return ApiSpec{.name = std::move(name),
                 .service = "lightsail",
                 .burst = 10,
                 .per_second = 1,
                 .latency = placeholder_latency(),
                 .source = "LIGHTSAIL-ERRORS",
                 .confirmed = false,
                 .note =
                     "Lightsail publishes no rate limits (its API reference documents only "
                     "ThrottlingException): bucket 10, 1/s is a placeholder; latency is a "
                     "placeholder (0.2-0.5 s)",
                 .throttle_error = kLightsailThrottled};
}

std::vector<ApiSpec> build_catalog() {
  std::vector<ApiSpec> apis;

  // RunInstances: request bucket 5, refill 2/s; resource bucket 1,000 instances,
  // refill 2/s (EC2-THROTTLE). Answers in about 1.5 s (PERCIVAL-2021).
  ApiSpec run = ec2("RunInstances", 5, 2);
  run.resources = ResourceBucket{1000, 2};
  run.latency = seconds(1.5);
  run.source = "EC2-THROTTLE; PERCIVAL-2021";
  run.confirmed = true;
  run.note = "latency is one benchmark's typical call, held constant";
  apis.push_back(std::move(run));

  // TerminateInstances: request bucket 100, refill 5/s; resource bucket 1,000
  // instances, refill 20/s (EC2-THROTTLE).
  ApiSpec terminate = ec2("TerminateInstances", 100, 5);
  terminate.resources = ResourceBucket{1000, 20};
  apis.push_back(std::move(terminate));

  apis.push_back(ec2("CreateTags", 100, 10));         // EC2-THROTTLE
  apis.push_back(ec2("DescribeTags", 100, 20));       // EC2-THROTTLE, non-mutating
  apis.push_back(ec2("DescribeInstances", 100, 20));  // EC2-THROTTLE, non-mutating

  // Fargate task launches, per capacity provider: bucket 100, 20/s (AWSDOCS-ECS).
  // A rate, not a call: the service scheduler takes a token per task it starts.
  // ECS's UpdateService (how Application Auto Scaling sets a service's desired
  // count) has no published rate here: bucket 50, 5/s is EC2's mutating-action
  // category (EC2-THROTTLE) standing in, a placeholder.
  for (const char* name : {"FargateTaskLaunch", "FargateSpotTaskLaunch"}) {
    apis.push_back(ApiSpec{.name = name,
                           .service = "ecs",
                           .burst = 100,
                           .per_second = 20,
                           .latency = placeholder_latency(),
                           .source = "AWSDOCS-ECS",
                           .confirmed = false,
                           .note = "the task launch rate is sourced; latency is a placeholder "
                                   "(0.2-0.5 s), unused by the service scheduler",
                           .throttle_error = "ThrottlingException"});
  }
  apis.push_back(ApiSpec{.name = "UpdateService",
                         .service = "ecs",
                         .burst = 50,
                         .per_second = 5,
                         .latency = placeholder_latency(),
                         .source = "EC2-THROTTLE",
                         .confirmed = false,
                         .note = "ECS publishes no UpdateService rate here: EC2's mutating "
                                 "bucket (50, 5/s) stands in; latency is a placeholder (0.2-0.5 s)",
                         .throttle_error = "ThrottlingException"});

  for (const char* name : {"CreateInstances", "TagResource", "OpenInstancePublicPorts",
                           "DeleteInstance", "GetInstances"}) {
    apis.push_back(lightsail(name));
  }
  return apis;
}

}  // namespace

const std::vector<ApiSpec>& default_apis() {
  static const std::vector<ApiSpec> apis = build_catalog();  // immutable once built
  return apis;
}

const ApiSpec* find_api(const std::vector<ApiSpec>& apis, std::string_view name) {
  std::string_view service;
  if (const size_t colon = name.find(':'); colon != std::string_view::npos) {
    service = name.substr(0, colon);
    name = name.substr(colon + 1);
  }
  for (const ApiSpec& api : apis) {
    if (api.name == name && (service.empty() || api.service == service)) return &api;
  }
  return nullptr;
}

}  // namespace models
