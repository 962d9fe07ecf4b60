// Reads a timeline controller (docs/scenarios.md#timeline).
#include "models/policies/timeline.h"
#include "app/scenario/kinds/kind_table.h"
#include "app/scenario/kinds/policy_fields.h"

namespace app {

std::optional<std::any> read_timeline(ObjectReader& r) {
  models::TimelineConfig c;
  Problems& problems = r.problems();
  const size_t before = problems.list().size();
  const Json* events = r.field("events", Presence::kRequired, "an array of events");
  if (events) {
    for_each_element(
        *events, r.pointer("events"), problems, "events",
        [&](const Json& element, const std::string& at) {
          ObjectReader e(element, at, problems);
          if (!e.valid()) return;
          models::TimelineEvent event;
          event.at = e.duration("at", Presence::kRequired).value_or(event.at);
          event.terminate_instances = static_cast<uint32_t>(
              e.integer("terminate_instances", 1, 100000, Presence::kRequired).value_or(0));
          e.reject_unknown_keys();
          c.events.push_back(event);
        });
  }
  if (problems.list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
