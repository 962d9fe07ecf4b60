// Reads an api_gateway (docs/scenarios.md#api_gateway).
#include "models/serverless/api_gateway.h"
#include "app/scenario/kinds/kind_table.h"
#include "app/scenario/quantities.h"

namespace app {

std::optional<std::any> read_api_gateway(ObjectReader& r) {
  using models::ApiGatewayConfig;
  const models::ApiType type = r.choice("type", {"rest", "http"}) == "http"
                                   ? models::ApiType::kHttp
                                   : models::ApiType::kRest;
  ApiGatewayConfig c = ApiGatewayConfig::defaults(type);
  c.rate_per_second = r.rate("rate").value_or(c.rate_per_second);
  c.burst = r.number("burst", 1, 1e9).value_or(c.burst);
  const sim::Duration least = ApiGatewayConfig::min_integration_timeout();
  const sim::Duration most = ApiGatewayConfig::max_integration_timeout(type);
  if (auto timeout = r.duration("integration_timeout")) {
    if (*timeout >= least && *timeout <= most) {
      c.integration_timeout = *timeout;
    } else {
      r.problems().expected(
          r.pointer("integration_timeout"),
          "a duration from " + format_duration(least) + " to " + format_duration(most),
          r.field("integration_timeout"));
    }
  }
  return c;
}

}  // namespace app
