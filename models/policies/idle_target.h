// idle_target: the home-made Lightsail scaler of field report 1 (a fleet's
// `policy`), in its four versions.
//
// Every `interval` it counts the idle servers (in service, nothing running or
// waiting) and creates one server when there are fewer than the spare target,
// or deletes one idle server when there are more. Each creation is a sequence
// of cloud calls (CreateInstances, then naming, ports and tags), each through the
// throttled control plane: the server is billed from the first call's success
// and serves only after the last; if a later call fails (throttled past its
// retries) the half-made server is a zombie, billed and never serving.
//  - v1: a fixed spare target.
//  - v2: the target is a remote tag that a person changes at given times; the
//    scaler reads it every interval (a DescribeTags call) and keeps the last
//    value it could read.
//  - v3: a cron job rewrites that tag by weekday and hour (a CreateTags call).
//  - v4: the calls are retried (exponential backoff with jitter) and a call that
//    still fails posts an alert.
// Like the field report's health check, it counts servers still being made or
// booting as nothing (unless count_pending): during a surge it keeps creating
// while new servers boot, then deletes what it made too much.
#ifndef SCALESIM_MODELS_POLICIES_IDLE_TARGET_H_
#define SCALESIM_MODELS_POLICIES_IDLE_TARGET_H_

#include <cstdint>
#include <string>
#include <vector>

#include "models/control/control_plane.h"
#include "models/control/controller.h"
#include "sim/cron.h"

namespace models {

struct TagChange {
  sim::Duration at;  // from the start of the run
  uint32_t value;
};

struct TagSchedule {
  sim::CronSchedule when;  // on the scenario's local clock
  uint32_t value;
};

struct SpareTarget {
  uint32_t initial = 10;
  // v2 and v3: read from a remote tag every interval.
  bool remote = false;
  std::vector<TagChange> changes;     // v2: a person edits the tag
  std::vector<TagSchedule> schedule;  // v3: a cron job writes it
};

struct IdleTargetConfig {
  static const ControllerKind& kind();  // "idle_target": drives one server_fleet

  sim::Duration interval = sim::Duration::seconds(5);
  SpareTarget spare;
  // The calls that make a usable server, in order; the first creates it. Empty:
  // the fleet's provider's (Lightsail: CreateInstances, TagResource for its name,
  // OpenInstancePublicPorts, TagResource for its role; EC2: RunInstances,
  // CreateTags), filled in by the kind's bind().
  std::vector<std::string> create_calls;
  std::string delete_call;  // empty: DeleteInstance or TerminateInstances
  std::string read_tag_call = "ec2:DescribeTags";
  std::string write_tag_call = "ec2:CreateTags";
  RetryPolicy retry{1, sim::Duration::seconds(1), sim::Duration::seconds(20), Jitter::kFull};
  bool alerts = false;          // v4: post an alert when a call gives up
  bool delete_zombies = false;  // delete the zombies it made, at the next interval
  // Count servers still being created or booting as spare, as the field
  // report's scaler did not: without it, a deficit creates a server every
  // interval until the first new one serves.
  bool count_pending = false;
};

// The calls that make and delete a server on `service` ("ec2", "lightsail"), for
// an IdleTargetConfig that names none.
std::vector<std::string> default_create_calls(std::string_view service);
std::string default_delete_call(std::string_view service);

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_IDLE_TARGET_H_
