#include "models/containers/capacity_providers.h"

#include "sim/check.h"

namespace models {

namespace {

// Whether provider a (count ca, weight wa) takes the next task before b.
bool before(uint32_t ca, uint32_t wa, uint32_t cb, uint32_t wb) {
  // (ca + 1) / wa < (cb + 1) / wb, in integers.
  const uint64_t left = uint64_t{ca + 1} * wb;
  const uint64_t right = uint64_t{cb + 1} * wa;
  if (left != right) return left < right;
  return wa > wb;
}

}  // namespace

ProviderCounts split_tasks(const std::vector<StrategyItem>& strategy, uint32_t tasks) {
  ProviderCounts counts{};
  for (const StrategyItem& item : strategy) {
    const uint32_t base = std::min(item.base, tasks);
    counts[static_cast<size_t>(item.provider)] += base;
    tasks -= base;
  }
  ProviderCounts beyond{};  // beyond the bases
  for (; tasks > 0; --tasks) {
    const StrategyItem* chosen = nullptr;
    for (const StrategyItem& item : strategy) {
      if (item.weight == 0) continue;
      const auto p = static_cast<size_t>(item.provider);
      if (!chosen || before(beyond[p], item.weight, beyond[static_cast<size_t>(chosen->provider)],
                            chosen->weight))
        chosen = &item;
    }
    SCALESIM_CHECK(chosen != nullptr, "a capacity provider strategy with no weight placed a task");
    ++beyond[static_cast<size_t>(chosen->provider)];
  }
  for (size_t p = 0; p < counts.size(); ++p) counts[p] += beyond[p];
  return counts;
}

std::optional<sim::Duration> time_to_interruption(const std::vector<double>& hazard_per_hour,
                                                  sim::Time from, sim::Duration local_offset,
                                                  sim::RandomStream& rng) {
  if (hazard_per_hour.empty()) return std::nullopt;
  double budget = sim::sample_exponential(rng, 1.0);  // in units of cumulative hazard
  if (hazard_per_hour.size() == 1) {
    if (hazard_per_hour[0] <= 0) return std::nullopt;
    return sim::Duration::from_seconds(budget / hazard_per_hour[0] * 3600);
  }
  // Piecewise constant by local hour: spend the budget hour by hour.
  constexpr int64_t kHour = sim::Duration::hours(1).us();
  constexpr int64_t kYear = sim::Duration::hours(24 * 366).us();
  const int64_t start = (from + local_offset).us();
  for (int64_t at = start; at - start < kYear;) {
    const int64_t hour_end = (at / kHour + 1) * kHour;
    const double rate = hazard_per_hour[static_cast<size_t>((at / kHour) % 24)];
    const double hours = static_cast<double>(hour_end - at) / kHour;
    if (rate > 0 && rate * hours >= budget) {
      return sim::Duration::micros(at - start) + sim::Duration::from_seconds(budget / rate * 3600);
    }
    budget -= rate * hours;
    at = hour_end;
  }
  return std::nullopt;
}

}  // namespace models
