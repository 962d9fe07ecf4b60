#include "models/pricing/billing_rules.h"

#include <algorithm>
#include <cstdint>

namespace models {

namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;

// Whole units of `unit` that cover `d`: a partly used unit is billed in full.
int64_t units_covering(sim::Duration d, sim::Duration unit) {
  return d.us() <= 0 ? 0 : (d.us() + unit.us() - 1) / unit.us();
}

double per_second_with_minimum(sim::Duration running, bool stopped, sim::Duration minimum) {
  if (!stopped) return running.seconds() / 3600.0;
  const int64_t seconds =
      std::max(units_covering(running, sim::Duration::seconds(1)), minimum.us() / kMicrosPerSecond);
  return static_cast<double>(seconds) / 3600.0;
}

}  // namespace

double ec2_billed_hours(sim::Duration running, bool stopped) {
  return per_second_with_minimum(running, stopped, sim::Duration::seconds(60));
}

double fargate_billed_hours(sim::Duration running, bool stopped) {
  return per_second_with_minimum(running, stopped, sim::Duration::seconds(60));
}

double lightsail_billed_hours(sim::Duration running, bool stopped) {
  if (!stopped) return running.seconds() / 3600.0;
  return static_cast<double>(units_covering(running, sim::Duration::hours(1)));
}

double lightsail_billed_months(sim::Duration running, bool stopped) {
  return std::min(1.0, lightsail_billed_hours(running, stopped) / kLightsailHoursPerMonth);
}

double provisioned_concurrency_billed_seconds(sim::Duration enabled) {
  return static_cast<double>(units_covering(enabled, sim::Duration::minutes(5)) * 300);
}

double alb_lcus(const LcuUsage& usage) {
  return std::max({usage.new_connections_per_second / 25.0,
                   usage.active_connections_per_minute / 3000.0, usage.processed_gb_per_hour / 1.0,
                   usage.rule_evaluations_per_second / 1000.0});
}

}  // namespace models
