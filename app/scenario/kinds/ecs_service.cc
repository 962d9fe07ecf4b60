// Reads an ecs_service (docs/scenarios.md#ecs_service).
#include "app/scenario/kinds/ecs_service.h"

#include <cmath>

#include "app/scenario/distributions.h"
#include "app/scenario/kinds/policy_fields.h"
#include "app/scenario/quantities.h"
#include "models/containers/ecs_service.h"
#include "sim/timer_set.h"

namespace app {

namespace {

std::string gb_text(uint32_t mib) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", mib / 1024.0);
  return text;
}

// "vcpu" and "memory_gb": one of the pairs Fargate offers.
void read_task_size(ObjectReader& r, models::EcsServiceConfig& c) {
  const auto vcpu = r.number("vcpu", 0, 16, true, Presence::kRequired);
  const auto memory = r.number("memory_gb", 0, 120, true, Presence::kRequired);
  if (!vcpu || !memory) return;
  const double units = *vcpu * 1024;
  const std::vector<uint32_t> choices =
      units == std::floor(units) ? models::task_memory_choices(static_cast<uint32_t>(units))
                                 : std::vector<uint32_t>{};
  if (choices.empty()) {
    r.problems().expected(r.pointer("vcpu"),
                          "a Fargate task size in vCPU: " + models::task_vcpu_choices(),
                          r.field("vcpu"));
    return;
  }
  c.size.cpu_units = static_cast<uint32_t>(units);
  const double mib = *memory * 1024;
  c.size.memory_mib = mib == std::floor(mib) ? static_cast<uint32_t>(mib) : 0;
  if (models::valid_task_size(c.size)) return;
  std::string offered;
  const bool stepped = choices.size() > 4;
  if (stepped) {
    offered = gb_text(choices.front()) + " to " + gb_text(choices.back()) + " GB in steps of " +
              gb_text(choices[1] - choices[0]);
  } else {
    for (size_t i = 0; i < choices.size(); ++i) {
      offered += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + gb_text(choices[i]);
    }
    offered += " GB";
  }
  char vcpu_text[16];
  std::snprintf(vcpu_text, sizeof vcpu_text, "%g", *vcpu);
  r.problems().expected(
      r.pointer("memory_gb"),
      "a memory Fargate offers with " + std::string(vcpu_text) + " vCPU (" + offered + ")",
      r.field("memory_gb"));
}

// How tasks serve: the server fleet's fields of the same names.
void read_serving(ObjectReader& r, models::ServerFleetConfig& s) {
  s.slots = static_cast<uint32_t>(r.integer("slots", 1, 65535).value_or(1));
  s.speed = r.number("speed", 0, 1000, true).value_or(s.speed);
  if (auto start = r.choice("start", {"running", "booting"}))
    s.running_at_start = *start == "running";
  const auto routing = r.choice("routing", {"round_robin", "least_outstanding_requests", "random"});
  if (routing == "least_outstanding_requests") s.routing = models::Routing::kLeastOutstanding;
  if (routing == "random") s.routing = models::Routing::kRandom;
  if (const Json* queue = r.field("queue")) {
    ObjectReader q(*queue, r.pointer("queue"), r.problems());
    s.queue_capacity =
        static_cast<uint32_t>(q.integer("capacity", 0, 1'000'000).value_or(s.queue_capacity));
    s.queue_timeout = q.duration("timeout");
    if (s.queue_timeout && s.queue_timeout->us() == 0) {
      r.problems().expected(q.pointer("timeout"), "a duration above 0s", q.field("timeout"));
    }
    q.reject_unknown_keys();
  }
  s.max_instances = static_cast<uint32_t>(r.integer("max_tasks", 1, 100000).value_or(0));
}

// "task_start": {"provisioning": ..., "image_size": "413MB", "pull_mb_per_second": 9.5,
// "app_start": ...}
void read_task_start(ObjectReader& r, models::TaskStartConfig& start) {
  const Json* value = r.field("task_start");
  if (!value) return;
  ObjectReader s(*value, r.pointer("task_start"), r.problems());
  if (const Json* d = s.field("provisioning")) {
    if (auto dist = read_duration_distribution(*d, s.pointer("provisioning"), s.problems()))
      start.provisioning = *dist;
  }
  if (const Json* size = s.field("image_size")) {
    if (auto bytes = read_bytes(*size, s.pointer("image_size"), s.problems()))
      start.image_mb = *bytes / 1e6;
  }
  start.pull_mb_per_second =
      s.number("pull_mb_per_second", 0, 1e5, true).value_or(start.pull_mb_per_second);
  if (const Json* d = s.field("app_start")) {
    if (auto dist = read_duration_distribution(*d, s.pointer("app_start"), s.problems()))
      start.app_start = *dist;
  }
  s.reject_unknown_keys();
}

// "capacity_providers": [{"provider": "FARGATE", "base": 1, "weight": 1}, ...]
void read_strategy(ObjectReader& r, models::EcsServiceConfig& c) {
  const Json* value = r.field("capacity_providers");
  if (!value) return;
  Problems& problems = r.problems();
  const size_t before = problems.list().size();
  std::vector<models::StrategyItem> items;
  std::vector<std::string> pointers;
  for_each_element(
      *value, r.pointer("capacity_providers"), problems, "capacity_providers",
      [&](const Json& element, const std::string& at) {
        ObjectReader e(element, at, problems);
        if (!e.valid()) return;
        models::StrategyItem item;
        const auto name = e.choice("provider", {"FARGATE", "FARGATE_SPOT"}, Presence::kRequired);
        item.provider = name == "FARGATE_SPOT" ? models::CapacityProvider::kFargateSpot
                                               : models::CapacityProvider::kFargate;
        item.base = static_cast<uint32_t>(e.integer("base", 0, 100000).value_or(0));
        item.weight = static_cast<uint32_t>(e.integer("weight", 0, 1000).value_or(0));
        e.reject_unknown_keys();
        for (size_t i = 0; i < items.size(); ++i) {
          if (name && items[i].provider == item.provider) {
            problems.add(at + "/provider",
                         "expected each provider once, found \"" + *name + "\" again");
          }
        }
        items.push_back(item);
        pointers.push_back(at);
      });
  if (problems.list().size() != before) return;
  if (items.empty()) {
    problems.expected(r.pointer("capacity_providers"), "at least one capacity provider", value);
    return;
  }
  uint32_t weights = 0;
  int bases = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    weights += items[i].weight;
    if (items[i].base > 0 && ++bases > 1) {
      problems.add(pointers[i] + "/base",
                   "expected a base on one capacity provider at most, found a second");
    }
  }
  // ECS places no task with a strategy whose weights are all 0.
  if (weights == 0) {
    problems.add(r.pointer("capacity_providers"),
                 "expected a weight above 0 for at least one capacity provider, found 0 for "
                 "every one");
  }
  c.strategy = items;
}

// "spot": {"interruptions_per_task_hour": 0.05 or [24 numbers], "replay": [{"at": "2h",
// "tasks": 2}], "notice": "2m", "unavailable": {"chance": 0.3, "for": "10m"}}
void read_spot(ObjectReader& r, models::EcsServiceConfig& c) {
  const Json* value = r.field("spot");
  if (!value) return;
  Problems& problems = r.problems();
  ObjectReader s(*value, r.pointer("spot"), problems);
  if (!s.valid()) return;
  models::SpotInterruptionConfig& spot = c.spot;
  if (const Json* hazard = s.field("interruptions_per_task_hour")) {
    const std::string at = s.pointer("interruptions_per_task_hour");
    if (hazard->is_array()) {
      if (hazard->size() != 24) {
        problems.expected(at, "a number or an array of 24 numbers, one per local hour", hazard);
      } else {
        for (size_t h = 0; h < 24; ++h) {
          spot.hazard_per_hour.push_back(
              read_number((*hazard)[h], at + "/" + std::to_string(h), problems, 0, 1000)
                  .value_or(0));
        }
      }
    } else if (auto rate = read_number(*hazard, at, problems, 0, 1000)) {
      spot.hazard_per_hour = {*rate};
    }
  }
  if (const Json* replay = s.field("replay")) {
    sim::Duration last;
    for_each_element(*replay, s.pointer("replay"), problems, "replay",
                     [&](const Json& element, const std::string& at) {
                       ObjectReader e(element, at, problems);
                       if (!e.valid()) return;
                       models::ReplayedInterruption entry;
                       entry.at = e.duration("at", Presence::kRequired).value_or(last);
                       entry.tasks =
                           static_cast<uint32_t>(e.integer("tasks", 1, 100000).value_or(1));
                       e.reject_unknown_keys();
                       if (entry.at < last) {
                         problems.expected(at + "/at", "instants in time order", e.field("at"));
                       }
                       last = entry.at;
                       spot.replay.push_back(entry);
                     });
  }
  if (auto notice = s.duration("notice")) {
    if (*notice <= sim::Duration::minutes(10)) {
      spot.notice = *notice;
    } else {
      problems.expected(s.pointer("notice"), "a duration from 0s to 10m", s.field("notice"));
    }
  }
  if (const Json* unavailable = s.field("unavailable")) {
    ObjectReader u(*unavailable, s.pointer("unavailable"), problems);
    spot.unavailable_chance = u.number("chance", 0, 1, false, Presence::kRequired).value_or(0);
    if (const Json* d = u.field("for", Presence::kRequired, "a duration or a distribution")) {
      if (auto dist = read_duration_distribution(*d, u.pointer("for"), problems))
        spot.unavailable_for = *dist;
    }
    u.reject_unknown_keys();
  }
  s.reject_unknown_keys();
  bool spot_used = false;
  for (const models::StrategyItem& item : c.strategy) {
    spot_used = spot_used || (item.provider == models::CapacityProvider::kFargateSpot &&
                              (item.base > 0 || item.weight > 0));
  }
  if (!spot_used) {
    problems.expected(r.pointer("spot"),
                      "no \"spot\" settings without FARGATE_SPOT (with a base or weight) in "
                      "\"capacity_providers\"",
                      value);
  }
}

}  // namespace

std::optional<std::any> read_ecs_service(ObjectReader& r) {
  models::EcsServiceConfig c;
  const size_t before = r.problems().list().size();
  read_task_size(r, c);
  if (auto arch = r.choice("architecture", {"x86_64", "arm64"})) {
    c.architecture =
        *arch == "arm64" ? models::CpuArchitecture::kArm64 : models::CpuArchitecture::kX86_64;
  }
  c.ephemeral_gb = static_cast<uint32_t>(
      r.integer("ephemeral_storage_gb", models::kFreeEphemeralGb, models::kMaxEphemeralGb)
          .value_or(c.ephemeral_gb));
  c.desired =
      static_cast<uint32_t>(r.integer("desired", 0, 100000, Presence::kRequired).value_or(0));
  read_serving(r, c.serving);
  if (uint64_t{c.desired} * c.serving.slots > sim::TimerSet::kMaxIndex + 1) {
    r.problems().add(r.pointer("slots"), "expected desired x slots of at most " +
                                             std::to_string(sim::TimerSet::kMaxIndex + 1) +
                                             ", found " +
                                             std::to_string(uint64_t{c.desired} * c.serving.slots));
  }
  if (c.serving.max_instances > 0 && c.desired > c.serving.max_instances) {
    r.problems().expected(r.pointer("desired"),
                          "at most \"max_tasks\" (" + std::to_string(c.serving.max_instances) + ")",
                          r.field("desired"));
  }
  read_task_start(r, c.start);
  read_strategy(r, c);
  read_spot(r, c);
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
