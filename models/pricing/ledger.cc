#include "models/pricing/ledger.h"

#include <algorithm>

#include "models/pricing/billing_rules.h"
#include "sim/check.h"

namespace models {

namespace {

constexpr int64_t kDayUs = 24LL * 3600 * 1'000'000;

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

}  // namespace

std::vector<LocalDay> local_days(sim::Duration local_offset, sim::Time measure_from,
                                 sim::Time end) {
  SCALESIM_CHECK(measure_from <= end, "a measured window that ends before it starts");
  // Time zero is `into_day` past its local midnight.
  const int64_t into_day = ((local_offset.us() % kDayUs) + kDayUs) % kDayUs;
  std::vector<LocalDay> days;
  for (int64_t t = measure_from.us(); t < end.us();) {
    const int64_t index = floor_div(t + into_day, kDayUs);
    const int64_t day_end = std::min(end.us(), (index + 1) * kDayUs - into_day);
    days.push_back({index, sim::Time::micros(t), sim::Time::micros(day_end)});
    t = day_end;
  }
  return days;
}

Ledger::Ledger(const PriceBook& book, bool free_tier, sim::Duration interval, sim::Time end,
               sim::Time measure_from, sim::Duration local_offset)
    : book_(book),
      free_tier_(free_tier),
      interval_(interval),
      end_(end),
      measure_from_(measure_from),
      days_(local_days(local_offset, measure_from, end)) {
  SCALESIM_CHECK(interval.us() > 0 && measure_from <= end, "bad ledger span");
}

Ledger::MeterState& Ledger::add_meter(MeterTotal total, const Price* price, bool own_price) {
  const auto buckets = static_cast<size_t>((end_.us() + interval_.us() - 1) / interval_.us());
  return meters_.emplace_back(MeterState{std::move(total), price, std::vector<double>(buckets, 0.0),
                                         std::vector<double>(days_.size(), 0.0), own_price});
}

Ledger::Meter Ledger::meter(std::string name, std::string service, std::string_view price_key) {
  const Price* price = book_.find(price_key);
  SCALESIM_CHECK(price != nullptr, "a meter names a price the price book lacks");
  add_meter({std::move(name), std::move(service), price->key, price->per, 0, 0}, price, false);
  return static_cast<Meter>(meters_.size() - 1);
}

Ledger::Meter Ledger::meter(std::string name, std::string service, Price own) {
  const Price& price = own_prices_.emplace_back(std::move(own));
  add_meter({std::move(name), std::move(service), price.key, price.per, 0, 0}, &price, true);
  return static_cast<Meter>(meters_.size() - 1);
}

const FreeTier* Ledger::free_tier_for(const std::string& price_key) const {
  if (!free_tier_) return nullptr;
  for (const FreeTier& tier : book_.free_tiers) {
    if (std::find(tier.applies_to.begin(), tier.applies_to.end(), price_key) !=
        tier.applies_to.end())
      return &tier;
  }
  return nullptr;
}

// The cost of `usage` units of a meter's price in billing month `month`: the free
// tier's allowance goes first, the rest climbs the price's tiers.
double Ledger::bill(const MeterState& meter, int64_t month, double usage) {
  const Price& price = *meter.price;
  if (meter.own_price) return usage * price.first_tier_usd();
  double billable = usage;
  if (const FreeTier* tier = free_tier_for(price.key);
      tier && (!tier->months || month < *tier->months)) {
    MonthUsage& used = free_used_[tier->key];
    if (used.month != month) used = {month, 0};
    const double free = std::min(billable, std::max(0.0, tier->amount - used.billable));
    used.billable += free;
    billable -= free;
  }
  MonthUsage& used = price_usage_[price.key];
  if (used.month != month) used = {month, 0};
  const double usd = price.cost(used.billable, billable);
  used.billable += billable;
  return usd;
}

void Ledger::charge(Meter meter, sim::Time at, double usage) {
  MeterState& state = meters_[meter];
  const double usd = bill(state, at.us() / kBillingMonth.us(), usage);
  book_cost(state, at, at, usage, usd);
}

void Ledger::charge_span(Meter meter, sim::Time from, sim::Time to, double usage) {
  SCALESIM_CHECK(from <= to, "a charge span ends before it starts");
  if (from == to) return charge(meter, from, usage);
  MeterState& state = meters_[meter];
  const double length = static_cast<double>((to - from).us());
  // Month by month, so that tiers and free tiers reset where AWS resets them.
  for (sim::Time start = from; start < to;) {
    const int64_t month = start.us() / kBillingMonth.us();
    const sim::Time month_end = sim::Time::micros((month + 1) * kBillingMonth.us());
    const sim::Time stop = std::min(to, month_end);
    const double part = usage * static_cast<double>((stop - start).us()) / length;
    book_cost(state, start, stop, part, bill(state, month, part));
    start = stop;
  }
}

// Spreads a cost over the intervals [from, to) covers (or puts it in the interval
// of `from` for an instant), and counts the measured part in the totals.
void Ledger::book_cost(MeterState& meter, sim::Time from, sim::Time to, double usage, double usd) {
  const int64_t width = interval_.us();
  const auto last_bucket = static_cast<int64_t>(meter.spend.size()) - 1;
  if (from == to) {
    meter.spend[static_cast<size_t>(std::min(from.us() / width, last_bucket))] += usd;
    if (from >= measure_from_) {
      meter.total.usage += usage;
      meter.total.usd += usd;
      book_days(meter, from, to, usd);
    }
    return;
  }
  const double length = static_cast<double>((to - from).us());
  for (sim::Time start = from; start < to;) {
    const int64_t bucket = std::min(start.us() / width, last_bucket);
    const sim::Time stop = std::min(to, sim::Time::micros((bucket + 1) * width));
    meter.spend[static_cast<size_t>(bucket)] +=
        usd * static_cast<double>((stop - start).us()) / length;
    start = stop;
  }
  const sim::Time measured_from = std::max(from, measure_from_);
  if (to > measured_from) {
    const double share = static_cast<double>((to - measured_from).us()) / length;
    meter.total.usage += usage * share;
    meter.total.usd += usd * share;
    book_days(meter, measured_from, to, usd * share);
  }
}

// Spreads the measured cost `usd` of [from, to) over the local days it covers (an
// instant goes to its day; one at the end, to the last day).
void Ledger::book_days(MeterState& meter, sim::Time from, sim::Time to, double usd) {
  if (days_.empty()) return;
  // The first day that ends after `from` (the last day for an instant at the end).
  const auto after = std::upper_bound(days_.begin(), days_.end(), from,
                                      [](sim::Time t, const LocalDay& day) { return t < day.to; });
  size_t d = std::min(static_cast<size_t>(after - days_.begin()), days_.size() - 1);
  if (from == to) {
    meter.daily[d] += usd;
    return;
  }
  const double length = static_cast<double>((to - from).us());
  for (sim::Time start = from; start < to && d < days_.size(); ++d) {
    const sim::Time stop = d + 1 == days_.size() ? to : std::min(to, days_[d].to);
    meter.daily[d] += usd * static_cast<double>((stop - start).us()) / length;
    start = stop;
  }
}

std::vector<Ledger::MeterTotal> Ledger::totals() const {
  std::vector<MeterTotal> out;
  for (const MeterState& meter : meters_) out.push_back(meter.total);
  return out;
}

double Ledger::total_usd() const {
  double total = 0;
  for (const MeterState& meter : meters_) total += meter.total.usd;
  return total;
}

std::map<std::string, std::vector<double>> Ledger::cost_by_service_per_day() const {
  std::map<std::string, std::vector<double>> out;
  for (const MeterState& meter : meters_) {
    std::vector<double>& days = out[meter.total.service];
    days.resize(days_.size(), 0.0);
    for (size_t d = 0; d < days_.size(); ++d) days[d] += meter.daily[d];
  }
  return out;
}

void Ledger::day_metrics(MetricList& metrics) const {
  const auto by_service = cost_by_service_per_day();
  for (size_t d = 0; d < days_.size(); ++d) {
    const std::string prefix = "cost.day." + std::to_string(days_[d].index) + ".";
    double total = 0;
    for (const auto& [service, usd] : by_service) {
      metrics.push_back({prefix + service + "_usd", usd[d], Unit::kUsd});
      total += usd[d];
    }
    metrics.push_back({prefix + "total_usd", total, Unit::kUsd});
  }
}

std::vector<double> Ledger::spend_per_interval() const {
  std::vector<double> out(meters_.empty() ? 0 : meters_.front().spend.size(), 0.0);
  for (const MeterState& meter : meters_) {
    for (size_t b = 0; b < out.size(); ++b) out[b] += meter.spend[b];
  }
  return out;
}

}  // namespace models
