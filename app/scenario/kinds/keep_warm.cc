// Reads a keep_warm pinger (docs/scenarios.md#keep_warm).
#include "models/policies/keep_warm.h"

#include "app/scenario/kinds/kind_table.h"
#include "app/scenario/kinds/policy_fields.h"

namespace app {

namespace {

void read_schedule(const Json& value, const std::string& pointer, Problems& problems,
                   models::KeepWarmConfig& c) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  models::PingSchedule s;
  if (const auto every = r.duration("every")) {
    if (*every >= sim::Duration::seconds(1)) {
      s.every = *every;
    } else {
      problems.expected(r.pointer("every"), "a duration of 1s or more", r.field("every"));
    }
  }
  s.offset = r.duration("offset").value_or(s.offset);
  s.concurrent = static_cast<uint32_t>(r.integer("concurrent", 1, 10000).value_or(1));
  r.reject_unknown_keys();
  c.schedules.push_back(s);
}

}  // namespace

std::optional<std::any> read_keep_warm(ObjectReader& r) {
  models::KeepWarmConfig c;
  const size_t before = r.problems().list().size();
  if (const Json* schedules = r.field("schedules")) {
    c.schedules.clear();
    for_each_element(
        *schedules, r.pointer("schedules"), r.problems(), "ping schedules",
        [&](const Json& v, const std::string& at) { read_schedule(v, at, r.problems(), c); });
  }
  if (const auto d = r.duration("ping_duration")) {
    if (d->us() >= 1000 && *d <= sim::Duration::seconds(900)) {
      c.ping_duration = *d;
    } else {
      r.problems().expected(r.pointer("ping_duration"), "a duration from 1ms to 900s",
                            r.field("ping_duration"));
    }
  }
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
