// Reads a server_fleet (docs/scenarios.md#server_fleet).
#include "models/compute/server_fleet.h"
#include "app/scenario/distributions.h"
#include "app/scenario/kinds/kind_table.h"
#include "models/compute/instance_catalog.h"
#include "sim/timer_set.h"

namespace app {

namespace {

std::vector<std::string> strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

// "instance_type" (EC2) or "lightsail_bundle", exactly one, and the boot time
// its provider takes by default.
bool read_instance_type(ObjectReader& r, models::ServerFleetConfig& c) {
  const Json* ec2 = r.field("instance_type");
  const Json* lightsail = r.field("lightsail_bundle");
  if (!ec2 == !lightsail) {
    r.problems().add(r.pointer(), std::string("expected exactly one of \"instance_type\" (EC2) or "
                                              "\"lightsail_bundle\", found ") +
                                      (ec2 ? "both" : "neither"));
    return false;
  }
  const models::Provider provider = ec2 ? models::Provider::kEc2 : models::Provider::kLightsail;
  const std::string key = ec2 ? "instance_type" : "lightsail_bundle";
  const auto name = read_choice(ec2 ? *ec2 : *lightsail, r.pointer(key), r.problems(),
                                strings(models::instance_type_names(provider)));
  if (name) c.instance_type = models::find_instance_type(provider, *name);
  c.boot_time = models::default_boot_time(provider);
  return name.has_value();
}

void read_queue(ObjectReader& r, models::ServerFleetConfig& c) {
  const Json* queue = r.field("queue");
  if (!queue) return;
  ObjectReader q(*queue, r.pointer("queue"), r.problems());
  c.queue_capacity =
      static_cast<uint32_t>(q.integer("capacity", 0, 1'000'000).value_or(c.queue_capacity));
  c.queue_timeout = q.duration("timeout");
  if (c.queue_timeout && c.queue_timeout->us() == 0) {
    r.problems().expected(q.pointer("timeout"), "a duration above 0s", q.field("timeout"));
  }
  q.reject_unknown_keys();
}

// "cpu_credits": false turns the model off; "credit_mode" and "initial_credits"
// set it up. Only burstable types have credits, and settings that would do
// nothing are mistakes.
void read_credits(ObjectReader& r, models::ServerFleetConfig& c) {
  const auto modelled = r.boolean("cpu_credits");
  const auto mode = r.choice("credit_mode", {"standard", "unlimited"});
  const auto initial = r.number("initial_credits", 0, 1e6);
  c.cpu_credits = modelled.value_or(c.cpu_credits);
  if (!c.instance_type) return;
  const models::InstanceType& type = *c.instance_type;
  for (const char* key : {"cpu_credits", "credit_mode", "initial_credits"}) {
    const bool given =
        r.field(key) != nullptr && (std::string(key) != "cpu_credits" || c.cpu_credits);
    if (given && !type.burstable()) {
      r.problems().expected(r.pointer(key),
                            "no CPU credit settings for " + std::string(type.name) +
                                ", which is not a burstable type",
                            r.field(key));
    } else if (given && !c.cpu_credits && std::string(key) != "cpu_credits") {
      r.problems().expected(r.pointer(key), "no CPU credit settings with \"cpu_credits\": false",
                            r.field(key));
    }
  }
  if (!type.burstable() || !c.cpu_credits) return;
  if (mode == "unlimited" && !type.burst.unlimited_available) {
    r.problems().expected(
        r.pointer("credit_mode"),
        "\"standard\" for " + std::string(type.name) + ", which has no unlimited mode",
        r.field("credit_mode"));
  }
  if (mode) {
    c.credit_mode =
        *mode == "unlimited" ? models::CreditMode::kUnlimited : models::CreditMode::kStandard;
  }
  if (initial && *initial > type.burst.max_credits) {
    r.problems().expected(r.pointer("initial_credits"),
                          "at most the " +
                              std::to_string(static_cast<int>(type.burst.max_credits)) +
                              " credits " + std::string(type.name) + " can accrue",
                          r.field("initial_credits"));
  }
  c.initial_credits = initial;
}

// "startup_load": {"duration": "3m", "cpu": 0.9}
void read_startup_load(ObjectReader& r, models::ServerFleetConfig& c) {
  const Json* load = r.field("startup_load");
  if (!load) return;
  ObjectReader s(*load, r.pointer("startup_load"), r.problems());
  const auto duration = s.duration("duration", Presence::kRequired);
  const auto share = s.number("cpu", 0, 1, true, Presence::kRequired);
  s.reject_unknown_keys();
  if (duration && duration->us() <= 0) {
    r.problems().expected(s.pointer("duration"), "a duration above 0s", s.field("duration"));
  }
  if (duration && share) {
    c.startup_duration = *duration;
    c.startup_share = *share;
  }
}

}  // namespace

std::optional<std::any> read_server_fleet(ObjectReader& r) {
  models::ServerFleetConfig c;
  const size_t before = r.problems().list().size();
  read_instance_type(r, c);
  const auto count = r.integer("count", 1, 100000, Presence::kRequired);
  const auto slots = r.integer("slots", 1, 65535);
  c.count = static_cast<uint32_t>(count.value_or(1));
  c.slots = static_cast<uint32_t>(slots.value_or(1));
  if (count && uint64_t{c.count} * c.slots > sim::TimerSet::kMaxIndex + 1) {
    r.problems().add(r.pointer("slots"), "expected count x slots of at most " +
                                             std::to_string(sim::TimerSet::kMaxIndex + 1) +
                                             ", found " +
                                             std::to_string(uint64_t{c.count} * c.slots));
  }
  c.speed = r.number("speed", 0, 1000, true).value_or(c.speed);
  if (const Json* boot = r.field("boot_time")) {
    if (auto d = read_duration_distribution(*boot, r.pointer("boot_time"), r.problems()))
      c.boot_time = *d;
  }
  if (auto start = r.choice("start", {"running", "booting"}))
    c.running_at_start = *start == "running";
  c.public_ipv4 = r.boolean("public_ipv4").value_or(c.public_ipv4);
  if (c.public_ipv4 && c.instance_type &&
      c.instance_type->provider == models::Provider::kLightsail) {
    r.problems().expected(r.pointer("public_ipv4"),
                          "false for a Lightsail bundle, which includes its IPv4 address",
                          r.field("public_ipv4"));
  }
  const auto routing = r.choice("routing", {"round_robin", "least_outstanding_requests", "random"});
  if (routing == "round_robin") c.routing = models::Routing::kRoundRobin;
  if (routing == "least_outstanding_requests") c.routing = models::Routing::kLeastOutstanding;
  if (routing == "random") c.routing = models::Routing::kRandom;
  read_queue(r, c);
  c.max_instances = static_cast<uint32_t>(r.integer("max_instances", 1, 100000).value_or(0));
  if (c.max_instances > 0 && c.count > c.max_instances) {
    r.problems().expected(r.pointer("count"),
                          "at most \"max_instances\" (" + std::to_string(c.max_instances) + ")",
                          r.field("count"));
  }
  read_credits(r, c);
  read_startup_load(r, c);
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
