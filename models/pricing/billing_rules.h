// AWS's billing rules, as pure functions of usage: how much of a price's unit one
// start, one invocation or one hour is billed as. Sources are in docs/sources.md;
// the tests check AWS's published examples.
#ifndef SCALESIM_MODELS_PRICING_BILLING_RULES_H_
#define SCALESIM_MODELS_PRICING_BILLING_RULES_H_

#include "sim/time.h"

namespace models {

// Usage for billing is counted in months of this many hours from the start of a
// run: tiers, free tiers and monthly caps reset every billing month. AWS bills
// calendar months; 730 hours is the average month its pricing pages use.
inline constexpr sim::Duration kBillingMonth = sim::Duration::hours(730);

// EC2 Linux: per second, with a minimum of 60 seconds per start, since 2017-10-02
// (AWS-WHATSNEW-2017-10-02). `stopped` says whether the instance stopped within the
// run; one still running at the horizon is billed for its time so far, since its
// minimum is already met or will be after the horizon.
double ec2_billed_hours(sim::Duration running, bool stopped);

// Fargate Linux: per second with a one-minute minimum, from the start of the image
// pull until the task stops (AWS Fargate pricing page).
double fargate_billed_hours(sim::Duration running, bool stopped);

// Lightsail: by the hour, every started hour in full, up to the bundle's monthly
// price (AWSDOCS-LIGHTSAIL FAQ). Returns hours billed; the cap is the ledger's.
double lightsail_billed_hours(sim::Duration running, bool stopped);
// Hourly rate of a bundle: the FAQ's 0.0067 USD/h for the 5 USD plan is 5 / 744
// (a 31-day month), so a bundle running a whole month costs its monthly price.
inline constexpr double kLightsailHoursPerMonth = 744;
// A bundle's usage within one billing month, in months (its price's unit): its
// billed hours at the hourly rate, capped at the monthly price.
double lightsail_billed_months(sim::Duration running, bool stopped);

// Lambda: duration rounded up to the next millisecond (since 2020-12-01,
// AWSDOCS-LAMBDA 682401c), times the configured memory in GB (1 GB = 1024 MB).
// Inline, and one rounding: MB-milliseconds are an exact integer, divided once.
// Lambda's request path calls it for every invocation.
inline double lambda_billed_gb_seconds(sim::Duration duration, int memory_mb) {
  const int64_t us = duration.us();
  const int64_t ms = us <= 0 ? 0 : (us + 999) / 1000;
  return static_cast<double>(ms * memory_mb) / 1'024'000.0;
}

// Lambda provisioned concurrency: from enabling to disabling, rounded up to the
// next 5 minutes (AWS Lambda pricing page).
double provisioned_concurrency_billed_seconds(sim::Duration enabled);

// ALB LCUs for one hour: the largest of its four dimensions (ELB pricing page):
// 25 new connections per second, 3,000 active connections per minute, 1 GB
// processed per hour (EC2, IP and container targets), 1,000 rule evaluations per
// second after the first 10 rules, which are free.
struct LcuUsage {
  double new_connections_per_second = 0;
  double active_connections_per_minute = 0;
  double processed_gb_per_hour = 0;
  double rule_evaluations_per_second = 0;  // already net of the 10 free rules
};
double alb_lcus(const LcuUsage& usage);

}  // namespace models

#endif  // SCALESIM_MODELS_PRICING_BILLING_RULES_H_
