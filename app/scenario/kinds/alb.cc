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
  return c;
}

}  // namespace app
