// Reads an alb (docs/scenarios.md#alb).
#include "models/network/alb.h"
#include "app/scenario/kinds/kind_table.h"
#include "app/scenario/quantities.h"

namespace app {

std::optional<std::any> read_alb(ObjectReader& r) {
  models::AlbConfig c;
  c.latency = r.duration("latency").value_or(c.latency);
  c.requests_per_connection =
      r.number("requests_per_connection", 1, 1e9).value_or(c.requests_per_connection);
  if (const Json* bytes = r.field("processed_bytes_per_request")) {
    c.processed_bytes_per_request =
        read_bytes(*bytes, r.pointer("processed_bytes_per_request"), r.problems()).value_or(0);
  }
  c.rules = static_cast<int>(r.integer("rules", 1, 100).value_or(c.rules));
  c.availability_zones =
      static_cast<int>(r.integer("availability_zones", 2, 6).value_or(c.availability_zones));
  models::TargetGroupSettings& group = c.target_group;
  if (const Json* check = r.field("health_check")) {
    ObjectReader h(*check, r.pointer("health_check"), r.problems());
    // ALB allows 5 to 300 s between checks and a healthy threshold of 2 to 10;
    // 1 reads the ALB page's "must pass one health check" for new targets.
    if (auto interval = h.duration("interval")) {
      if (*interval >= sim::Duration::seconds(5) && *interval <= sim::Duration::seconds(300)) {
        group.health_check_interval = *interval;
      } else {
        h.problems().expected(h.pointer("interval"), "a duration from 5s to 300s",
                              h.field("interval"));
      }
    }
    group.healthy_threshold =
        static_cast<int>(h.integer("healthy_threshold", 1, 10).value_or(group.healthy_threshold));
    h.reject_unknown_keys();
  }
  if (auto delay = r.duration("deregistration_delay")) {
    if (*delay <= sim::Duration::seconds(3600)) {
      group.deregistration_delay = *delay;
    } else {
      r.problems().expected(r.pointer("deregistration_delay"), "a duration from 0s to 3600s",
                            r.field("deregistration_delay"));
    }
  }
  return c;
}

}  // namespace app
