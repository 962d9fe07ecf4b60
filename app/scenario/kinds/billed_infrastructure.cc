// Reads the kinds of billed infrastructure that serve no request: nat_gateway,
// cloudwatch_logs, load_balancers, public_ipv4 and fixed_cost
// (docs/scenarios.md#nat_gateway and the sections after it).
#include <algorithm>

#include "app/scenario/kinds/kind_table.h"
#include "models/compute/instance_catalog.h"
#include "models/infrastructure/standing_charges.h"
#include "models/infrastructure/traffic_billed.h"

namespace app {

namespace {

constexpr int64_t kMaxCount = 10000;

// A size, required: what a request adds to the traffic or the logs.
std::optional<double> read_bytes_per_request(ObjectReader& r) {
  const Json* bytes = r.field("bytes_per_request", Presence::kRequired, "a size such as \"20KB\"");
  if (!bytes) return std::nullopt;
  return read_bytes(*bytes, r.pointer("bytes_per_request"), r.problems());
}

// A retention CloudWatch Logs offers: a number of days from its list, or "never".
std::string retention_choices() {
  std::string text = "a retention in days, one of ";
  for (int days : models::cloudwatch_logs_retention_days()) text += std::to_string(days) + ", ";
  return text + "or \"never\"";
}

bool read_retention(ObjectReader& r, models::CloudWatchLogsConfig& c) {
  const Json* value = r.field("retention");
  if (!value) return true;  // CloudWatch's default: never expire
  if (value->is_string() && value->get<std::string>() == "never") return true;
  const auto& days = models::cloudwatch_logs_retention_days();
  if (value->is_number_integer()) {
    // Compared as unsigned, so that values beyond int64 do not wrap onto a choice.
    const bool negative = !value->is_number_unsigned() && value->get<int64_t>() < 0;
    const uint64_t n = negative ? 0 : value->get<uint64_t>();
    if (std::find(days.begin(), days.end(), n) != days.end()) {
      c.retention = sim::Duration::hours(24 * static_cast<int64_t>(n));
      return true;
    }
  }
  r.problems().expected(r.pointer("retention"), retention_choices(), value);
  return false;
}

}  // namespace

std::optional<std::any> read_nat_gateway(ObjectReader& r) {
  models::NatGatewayConfig c;
  const size_t before = r.problems().list().size();
  c.count = static_cast<uint32_t>(r.integer("count", 1, kMaxCount).value_or(c.count));
  c.bytes_per_request = read_bytes_per_request(r).value_or(0);
  // A NAT instance: any EC2 type scalesim knows; the price book must price it.
  std::vector<std::string> types;
  for (std::string_view name : models::instance_type_names(models::Provider::kEc2))
    types.emplace_back(name);
  c.instance_type = r.choice("instance_type", types).value_or("");
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

std::optional<std::any> read_load_balancers(ObjectReader& r) {
  models::LoadBalancersConfig c;
  const size_t before = r.problems().list().size();
  c.count = static_cast<uint32_t>(r.integer("count", 1, kMaxCount).value_or(c.count));
  // As an alb's: an ALB needs subnets in at least two availability zones.
  c.availability_zones =
      static_cast<uint32_t>(r.integer("availability_zones", 2, 6).value_or(c.availability_zones));
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

std::optional<std::any> read_cloudwatch_logs(ObjectReader& r) {
  models::CloudWatchLogsConfig c;
  const size_t before = r.problems().list().size();
  c.bytes_per_request = read_bytes_per_request(r).value_or(0);
  const bool kept = read_retention(r, c);
  if (const auto gb = r.number("stored_gb_at_start", 0, 1e9)) {
    c.stored_gb_at_start = *gb;
    // Logs stored before the run would expire at times the scenario does not say.
    if (kept && c.retention && *gb > 0) {
      r.problems().expected(r.pointer("stored_gb_at_start"),
                            "logs stored at the start only with \"retention\": \"never\"",
                            r.field("stored_gb_at_start"));
    }
  }
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

std::optional<std::any> read_public_ipv4(ObjectReader& r) {
  models::PublicIpv4Config c;
  const size_t before = r.problems().list().size();
  c.count = static_cast<uint32_t>(r.integer("count", 1, kMaxCount).value_or(c.count));
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

std::optional<std::any> read_fixed_cost(ObjectReader& r) {
  models::FixedCostConfig c;
  const size_t before = r.problems().list().size();
  c.usd = r.number("usd", 0, 1e9, true, Presence::kRequired).value_or(0);
  c.per = r.choice("per", {"hour", "day", "month"}, Presence::kRequired).value_or(c.per);
  if (r.problems().list().size() != before) return std::nullopt;
  return c;
}

}  // namespace app
