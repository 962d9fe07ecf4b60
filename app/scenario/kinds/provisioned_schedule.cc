// Reads a provisioned_schedule policy (docs/scenarios.md#provisioned_schedule).
#include "models/policies/provisioned_schedule.h"

#include "app/scenario/kinds/kind_table.h"
#include "app/scenario/kinds/policy_fields.h"

namespace app {

namespace {

void read_action(const Json& value, const std::string& pointer, Problems& problems,
                 models::ProvisionedScheduleConfig& c) {
  ObjectReader r(value, pointer, problems);
  if (!r.valid()) return;
  const Json* cron = r.field("cron", Presence::kRequired, "a cron expression");
  std::optional<sim::CronSchedule> when;
  if (cron) when = read_cron(*cron, r.pointer("cron"), problems);
  const auto amount = r.integer("provisioned_concurrency", 0, 1'000'000, Presence::kRequired);
  r.reject_unknown_keys();
  if (when && amount) c.actions.push_back({*when, static_cast<uint32_t>(*amount)});
}

}  // namespace

std::optional<std::any> read_provisioned_schedule(ObjectReader& r) {
  models::ProvisionedScheduleConfig c;
  const size_t before = r.problems().list().size();
  const Json* actions = r.field("actions", Presence::kRequired, "an array of scheduled actions");
  if (actions) {
    for_each_element(
        *actions, r.pointer("actions"), r.problems(), "scheduled actions",
        [&](const Json& v, const std::string& at) { read_action(v, at, r.problems(), c); });
  }
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
