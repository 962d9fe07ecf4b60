// Reads an idle_target policy (docs/scenarios.md#idle_target).
#include "models/policies/idle_target.h"
#include "app/scenario/kinds/kind_table.h"
#include "app/scenario/kinds/policy_fields.h"

namespace app {

namespace {

constexpr int64_t kMostSpare = 10000;

void read_changes(const Json& value, const std::string& pointer, Problems& problems,
                  models::SpareTarget& spare) {
  for_each_element(value, pointer, problems, "{\"at\", \"value\"} changes",
                   [&](const Json& element, const std::string& at) {
                     ObjectReader r(element, at, problems);
                     if (!r.valid()) return;
                     const auto when = r.duration("at", Presence::kRequired);
                     const auto target = r.integer("value", 0, kMostSpare, Presence::kRequired);
                     r.reject_unknown_keys();
                     if (when && target)
                       spare.changes.push_back({*when, static_cast<uint32_t>(*target)});
                   });
}

void read_schedule(const Json& value, const std::string& pointer, Problems& problems,
                   models::SpareTarget& spare) {
  for_each_element(value, pointer, problems, "{\"cron\", \"value\"} entries",
                   [&](const Json& element, const std::string& at) {
                     ObjectReader r(element, at, problems);
                     if (!r.valid()) return;
                     const Json* cron = r.field("cron", Presence::kRequired, "a cron expression");
                     std::optional<sim::CronSchedule> when;
                     if (cron) when = read_cron(*cron, r.pointer("cron"), problems);
                     const auto target = r.integer("value", 0, kMostSpare, Presence::kRequired);
                     r.reject_unknown_keys();
                     if (when && target)
                       spare.schedule.push_back({*when, static_cast<uint32_t>(*target)});
                   });
}

// 10 (v1), or {"initial": 10, "changes": [...]} (v2) or {"initial": 10,
// "schedule": [...]} (v3): a remote tag.
void read_spare(const Json& value, const std::string& pointer, Problems& problems,
                models::SpareTarget& spare) {
  if (value.is_number()) {
    spare.initial = static_cast<uint32_t>(
        read_integer(value, pointer, problems, 0, kMostSpare).value_or(spare.initial));
    return;
  }
  ObjectReader r(value, pointer, problems, "a number, or an object for a remote tag");
  if (!r.valid()) return;
  spare.remote = true;
  spare.initial = static_cast<uint32_t>(
      r.integer("initial", 0, kMostSpare, Presence::kRequired).value_or(spare.initial));
  if (const Json* changes = r.field("changes")) {
    read_changes(*changes, r.pointer("changes"), problems, spare);
  }
  if (const Json* schedule = r.field("schedule")) {
    read_schedule(*schedule, r.pointer("schedule"), problems, spare);
  }
  r.reject_unknown_keys();
}

std::vector<std::string> read_calls(const Json& value, const std::string& pointer,
                                    Problems& problems) {
  std::vector<std::string> calls;
  for_each_element(value, pointer, problems, "API names",
                   [&](const Json& element, const std::string& at) {
                     if (auto name = read_string(element, at, problems)) calls.push_back(*name);
                   });
  return calls;
}

}  // namespace

std::optional<std::any> read_idle_target(ObjectReader& r) {
  models::IdleTargetConfig c;
  Problems& problems = r.problems();
  const size_t before = problems.list().size();
  if (auto interval = r.duration("interval")) {
    if (interval->us() > 0) c.interval = *interval;
    if (interval->us() <= 0)
      problems.expected(r.pointer("interval"), "a duration above 0s", r.field("interval"));
  }
  if (const Json* spare = r.field("spare", Presence::kRequired, "a spare target")) {
    read_spare(*spare, r.pointer("spare"), problems, c.spare);
  }
  if (const Json* calls = r.field("create_calls")) {
    c.create_calls = read_calls(*calls, r.pointer("create_calls"), problems);
  }
  c.delete_call = r.string("delete_call").value_or(c.delete_call);
  c.read_tag_call = r.string("read_tag_call").value_or(c.read_tag_call);
  c.write_tag_call = r.string("write_tag_call").value_or(c.write_tag_call);
  if (const Json* retry = r.field("retry")) {
    if (auto policy = read_retry(*retry, r.pointer("retry"), problems)) c.retry = *policy;
  }
  c.alerts = r.boolean("alerts").value_or(c.alerts);
  c.delete_zombies = r.boolean("delete_zombies").value_or(c.delete_zombies);
  c.count_pending = r.boolean("count_pending").value_or(c.count_pending);
  if (problems.list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
