// The ledger: what a run costs, meter by meter and interval by interval.
//
// A meter bills one price of the price book for one component ("web.instance_hours"
// at "ec2.instance.t3.small"). Components charge usage in the price's unit, either
// at an instant (a request) or spread over a span of time (an instance's hours);
// the ledger applies monthly tiers and, when switched on, the free tier, and keeps
// the cost per meter per time-series interval, so spend over time and the
// breakdown by meter come from the same numbers. It also keeps each meter's cost
// per local calendar day of the measured window, for the cost by service and day
// that a bill (a Cost Explorer export) shows.
#ifndef SCALESIM_MODELS_PRICING_LEDGER_H_
#define SCALESIM_MODELS_PRICING_LEDGER_H_

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "models/metrics.h"
#include "models/pricing/price_book.h"
#include "sim/time.h"

namespace models {

// A local calendar day that the measured window [measure_from, end) touches, on a
// clock reading `local_offset` past some local midnight at time zero (a run's
// clock reads its time since Monday 00:00): day 0 is the local day time zero falls
// in, day 1 the next. [from, to) is the part of it in the measured window.
struct LocalDay {
  int64_t index = 0;
  sim::Time from;
  sim::Time to;
};
// In order; empty when the window is empty. REQUIRES: measure_from <= end.
std::vector<LocalDay> local_days(sim::Duration local_offset, sim::Time measure_from, sim::Time end);

class Ledger {
 public:
  using Meter = uint32_t;

  struct MeterTotal {
    std::string name;     // "web.instance_hours"
    std::string service;  // "ec2", "lightsail", "alb", "public_ipv4", ...
    std::string price_key;
    std::string unit;  // the price's unit
    double usage = 0;  // billed units in the measured window
    double usd = 0;    // their cost
  };

  // REQUIRES: `book` outlives the ledger; interval > 0; measure_from <= end.
  // `local_offset` places the local days (local_days()).
  Ledger(const PriceBook& book, bool free_tier, sim::Duration interval, sim::Time end,
         sim::Time measure_from, sim::Duration local_offset = sim::Duration());

  // REQUIRES: the book has `price_key` (the scenario loader checks).
  Meter meter(std::string name, std::string service, std::string_view price_key);
  // A meter at a price of its own rather than the book's: an amount the scenario
  // states (a domain's monthly fee, a support plan). It is billed alone, at its
  // first tier: no free tier applies and it shares no usage with the book's
  // prices, even one of the same key.
  Meter meter(std::string name, std::string service, Price own);

  // Bills `usage` units at instant `at`.
  void charge(Meter meter, sim::Time at, double usage);
  // Bills `usage` units accrued evenly over [from, to), such as an instance's hours.
  // REQUIRES: from <= to.
  void charge_span(Meter meter, sim::Time from, sim::Time to, double usage);

  // Per meter, over the measured window, in the order the meters were made.
  std::vector<MeterTotal> totals() const;
  double total_usd() const;
  // USD per time-series interval, all meters, warm-up included.
  std::vector<double> spend_per_interval() const;
  // The measured window's local days (local_days()) and, per service, USD per day:
  // every service with a meter, in name order. A day's costs sum to the measured
  // part of the charges, so all days together make total_usd().
  const std::vector<LocalDay>& days() const { return days_; }
  std::map<std::string, std::vector<double>> cost_by_service_per_day() const;
  // Appends, day by day, "cost.day.<index>.<service>_usd" for each service and then
  // "cost.day.<index>.total_usd" (docs/outputs.md#cost-by-day).
  void day_metrics(MetricList& metrics) const;

 private:
  struct MeterState {
    MeterTotal total;
    const Price* price;
    std::vector<double> spend;  // per interval
    std::vector<double> daily;  // per day of days_, measured part only
    bool own_price = false;     // a price of its own, not the book's
  };
  struct MonthUsage {
    int64_t month = -1;
    double billable = 0;  // this month's billable usage of one price, for its tiers
  };

  double bill(const MeterState& meter, int64_t month, double usage);
  void book_cost(MeterState& meter, sim::Time from, sim::Time to, double usage, double usd);
  void book_days(MeterState& meter, sim::Time from, sim::Time to, double usd);
  MeterState& add_meter(MeterTotal total, const Price* price, bool own_price);
  const FreeTier* free_tier_for(const std::string& price_key) const;

  const PriceBook& book_;
  bool free_tier_;
  sim::Duration interval_;
  sim::Time end_;
  sim::Time measure_from_;
  std::vector<LocalDay> days_;
  std::vector<MeterState> meters_;
  std::deque<Price> own_prices_;  // of meters with their own price; stable addresses
  std::map<std::string, MonthUsage> price_usage_;  // by price key
  std::map<std::string, MonthUsage> free_used_;    // by free-tier key
};

}  // namespace models

#endif  // SCALESIM_MODELS_PRICING_LEDGER_H_
