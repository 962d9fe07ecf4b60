#include "app/scenario/workload.h"

#include <set>

#include "app/scenario/distributions.h"
#include "app/scenario/traffic.h"
#include "app/trace/timestamp.h"

namespace app {

namespace {

// Classes are numbered in 16 bits, with one number kept for sessions.
constexpr size_t kMaxClasses = 1000;

std::optional<uint32_t> read_response_bytes(ObjectReader& r) {
  const Json* value = r.field("response_bytes");
  if (!value) return 0;
  const auto bytes = read_bytes(*value, r.pointer("response_bytes"), r.problems());
  if (bytes && *bytes > 4e9) {
    r.problems().expected(r.pointer("response_bytes"), "a size up to 4GB", value);
    return std::nullopt;
  }
  return bytes ? std::optional(static_cast<uint32_t>(*bytes)) : std::nullopt;
}

// The fields a class shares with the one-class shorthand: service_time,
// response_bytes and cpu_share.
void read_class_fields(ObjectReader& r, models::RequestClass& c) {
  if (const Json* service =
          r.field("service_time", Presence::kRequired, "a duration or distribution")) {
    if (auto d = read_duration_distribution(*service, r.pointer("service_time"), r.problems()))
      c.service_time = *d;
  }
  c.response_bytes = read_response_bytes(r).value_or(0);
  c.cpu_share = r.number("cpu_share", 0, 1).value_or(1);
}

void read_classes(const Json& value, const std::string& pointer, Problems& problems,
                  std::vector<models::RequestClass>& classes) {
  if (!value.is_array() || value.empty() || value.size() > kMaxClasses) {
    problems.expected(pointer, "an array of 1 to 1000 request classes", &value);
    return;
  }
  std::set<std::string> names;
  for (size_t i = 0; i < value.size(); ++i) {
    ObjectReader r(value[i], child_pointer(pointer, i), problems, "a request class object");
    if (!r.valid()) continue;
    models::RequestClass c;
    c.name = r.string("name", Presence::kRequired).value_or("");
    if (!c.name.empty() && (c.name == "sessions" || !names.insert(c.name).second)) {
      problems.expected(r.pointer("name"), "a name no other class has, and not \"sessions\"",
                        r.field("name"));
    }
    c.weight = r.number("weight", 0, 1e12, true, Presence::kRequired).value_or(1);
    read_class_fields(r, c);
    r.reject_unknown_keys();
    classes.push_back(std::move(c));
  }
}

void read_sessions(const Json& value, const std::string& pointer, const std::string& file,
                   Problems& problems, std::optional<models::SessionConfig>& sessions) {
  ObjectReader r(value, pointer, problems, "a sessions object");
  if (!r.valid()) return;
  models::SessionConfig config;
  if (const Json* arrivals =
          r.field("arrivals", Presence::kRequired, "an arrival process object")) {
    read_arrivals(*arrivals, r.pointer("arrivals"), file, problems, config.arrivals);
  }
  if (const Json* duration =
          r.field("duration", Presence::kRequired, "a duration or distribution")) {
    if (auto d = read_duration_distribution(*duration, r.pointer("duration"), problems))
      config.duration = *d;
  }
  r.reject_unknown_keys();
  sessions = std::move(config);
}

void read_clock(ObjectReader& r, models::WorkloadConfig& workload) {
  const Json* clock = r.field("clock");
  if (!clock) return;
  ObjectReader c(*clock, r.pointer("clock"), r.problems());
  if (const Json* start =
          c.field("start", Presence::kRequired, "a day and local time such as \"mon 00:00\"")) {
    workload.local_offset =
        read_week_time(*start, c.pointer("start"), r.problems()).value_or(sim::Duration());
    const auto stamp =
        start->is_string() ? parse_timestamp(start->get<std::string>()) : std::nullopt;
    if (stamp && stamp->date_time) {
      workload.start_epoch_us = stamp->us;
      workload.utc_offset_minutes = stamp->utc_offset_minutes;
    }
  }
  c.reject_unknown_keys();
}

}  // namespace

void read_workload(const Json& value, const std::string& pointer, const std::string& file,
                   Problems& problems, models::WorkloadConfig& workload) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  read_clock(r, workload);
  if (const Json* sessions = r.field("sessions")) {
    read_sessions(*sessions, r.pointer("sessions"), file, problems, workload.sessions);
    // A workload of sessions alone (broadcasts) sends no requests.
    if (!value.contains("arrivals")) return r.reject_unknown_keys();
  }
  if (const Json* arrivals =
          r.field("arrivals", Presence::kRequired, "an arrival process object")) {
    read_arrivals(*arrivals, r.pointer("arrivals"), file, problems, workload.arrivals);
  }
  if (const Json* classes = r.field("classes")) {
    read_classes(*classes, r.pointer("classes"), problems, workload.classes);
    for (const char* key : {"service_time", "response_bytes", "cpu_share"}) {
      if (r.field(key))
        problems.add(r.pointer(key), "expected no \"" + std::string(key) +
                                         "\" beside \"classes\" (give it in each class)");
    }
  } else {
    models::RequestClass one;
    read_class_fields(r, one);
    workload.service_time = one.service_time;
    if (one.response_bytes != 0 || one.cpu_share != 1) {
      one.name = "all";
      workload.classes.push_back(one);
    }
  }
  r.reject_unknown_keys();
}

}  // namespace app
