#include "app/output/cost_by_day.h"

#include <array>

#include "app/output/local_time.h"
#include "models/pricing/ledger.h"

namespace app {

namespace {

constexpr std::string_view kPrefix = "cost.day.";
constexpr std::string_view kSuffix = "_usd";
constexpr int64_t kDayUs = 24LL * 3600 * 1'000'000;

std::string weekday(const models::WorkloadConfig& clock, sim::Time at) {
  static constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu",
                                                       "fri", "sat", "sun"};
  const int64_t week_us = (clock.local_offset.us() + at.us()) % (7 * kDayUs);
  return kDays[static_cast<size_t>(week_us / kDayUs)];
}

}  // namespace

bool is_day_cost_metric(const std::string& name) {
  return name.starts_with(kPrefix);
}

std::vector<CostDay> cost_by_day(const models::Scenario& scenario,
                                 const StrategySummary& strategy) {
  std::vector<CostDay> days;
  const models::WorkloadConfig& clock = scenario.workload;
  const sim::Time end = sim::Time::zero() + scenario.horizon;
  for (const models::LocalDay& day :
       models::local_days(clock.local_offset, sim::Time::zero() + scenario.warmup, end)) {
    CostDay out;
    out.number = day.index + 1;
    if (clock.start_epoch_us)
      out.date = local_time_text(clock, day.from - sim::Time::zero()).substr(0, 10);
    out.weekday = weekday(clock, day.from);
    out.hours = (day.to - day.from).seconds() / 3600;
    const std::string prefix = std::string(kPrefix) + std::to_string(day.index) + ".";
    const MetricSummary* total = nullptr;
    for (const MetricSummary& m : strategy.metrics) {
      if (!m.name.starts_with(prefix) || !m.name.ends_with(kSuffix)) continue;
      std::string service =
          m.name.substr(prefix.size(), m.name.size() - prefix.size() - kSuffix.size());
      if (service == "total") {
        total = &m;
      } else {
        out.services.emplace_back(std::move(service), &m);
      }
    }
    if (!total) return {};  // not priced
    out.services.emplace_back("total", total);
    days.push_back(std::move(out));
  }
  return days;
}

}  // namespace app
