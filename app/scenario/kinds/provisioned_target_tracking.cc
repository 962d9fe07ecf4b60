// Reads a provisioned_target_tracking policy
// (docs/scenarios.md#provisioned_target_tracking).
#include "models/policies/provisioned_target_tracking.h"

#include "app/scenario/kinds/kind_table.h"

namespace app {

std::optional<std::any> read_provisioned_target_tracking(ObjectReader& r) {
  models::ProvisionedTargetTrackingConfig c;
  Problems& problems = r.problems();
  const size_t before = problems.list().size();
  const auto min = r.integer("min_capacity", 0, 1'000'000, Presence::kRequired);
  const auto max = r.integer("max_capacity", 0, 1'000'000, Presence::kRequired);
  if (min && max && *min > *max) {
    problems.expected(r.pointer("min_capacity"),
                      "at most \"max_capacity\" (" + std::to_string(*max) + ")",
                      r.field("min_capacity"));
  }
  c.min_capacity = static_cast<uint32_t>(min.value_or(0));
  c.max_capacity = static_cast<uint32_t>(max.value_or(0));
  // AAS accepts a target from 0.1 to 0.9 for this metric.
  c.target = r.number("target", 0.1, 0.9).value_or(c.target);
  c.scale_in_factor = r.number("scale_in_factor", 0, 1, true).value_or(c.scale_in_factor);
  c.disable_scale_in = r.boolean("disable_scale_in").value_or(c.disable_scale_in);
  c.scale_out_cooldown = r.duration("scale_out_cooldown").value_or(c.scale_out_cooldown);
  c.scale_in_cooldown = r.duration("scale_in_cooldown").value_or(c.scale_in_cooldown);
  c.metric_delay = r.duration("metric_delay").value_or(c.metric_delay);
  if (problems.list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
