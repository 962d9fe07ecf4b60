// Where an ECS service's tasks run: its capacity provider strategy, and how
// Fargate Spot takes its capacity back.
//
// Strategy (ECS-API-CPSTRATEGY, the ECS API reference's
// CapacityProviderStrategyItem; AWSDOCS-ECS fargate-capacity-providers): each
// provider has a `base`, the tasks it runs first (at most one provider may have
// one), and a `weight`, its share of the tasks beyond the bases; a provider of
// weight 0 gets none of them, and a strategy whose weights are all 0 places no
// task. ECS does not document the order in which it rounds the shares: here the
// n tasks beyond the bases are handed out one at a time, each to the provider
// whose count after it, over its weight, is the smallest, the heavier weight
// first on a tie, then the strategy's order. So FARGATE base 1 weight 1 with
// FARGATE_SPOT weight 3 runs 1+0, 1+1, 1+2, 1+3, 2+3, 2+4 ... tasks on each.
//
// Spot interruptions: AWS publishes no interruption rate for Fargate Spot. A
// scenario gives a hazard per task-hour, constant or one per hour of the local
// day, under which each Spot task is interrupted independently (a Poisson
// process in its lifetime), or a list of instants at which a number of running
// Spot tasks are interrupted, or both. An interrupted task gets a notice of
// 2 minutes (AWSDOCS-ECS fargate-capacity-providers), drains, and stops.
#ifndef SCALESIM_MODELS_CONTAINERS_CAPACITY_PROVIDERS_H_
#define SCALESIM_MODELS_CONTAINERS_CAPACITY_PROVIDERS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/containers/fargate.h"
#include "sim/distribution.h"
#include "sim/random.h"
#include "sim/time.h"

namespace models {

struct StrategyItem {
  CapacityProvider provider = CapacityProvider::kFargate;
  uint32_t base = 0;
  uint32_t weight = 1;
};

using ProviderCounts = std::array<uint32_t, kCapacityProviderCount>;

// How many of `tasks` tasks each provider runs under `strategy`.
// REQUIRES: some item has a weight above 0, or the bases cover `tasks`.
ProviderCounts split_tasks(const std::vector<StrategyItem>& strategy, uint32_t tasks);

struct ReplayedInterruption {
  sim::Duration at;    // since the start of the run
  uint32_t tasks = 1;  // Spot tasks interrupted then (fewer when fewer run)
};

struct SpotInterruptionConfig {
  // Interruptions per Spot task-hour: none, one constant, or 24, one per hour of
  // the local day from midnight.
  std::vector<double> hazard_per_hour;
  std::vector<ReplayedInterruption> replay;  // in time order
  // The notice before the task stops (AWSDOCS-ECS: two minutes).
  sim::Duration notice = sim::Duration::minutes(2);
  // After an interruption, the chance that Fargate has no Spot capacity for a
  // while (`unavailable_for`), during which no Spot task starts. Spot never
  // falls back to on-demand by itself.
  double unavailable_chance = 0;
  sim::DurationDistribution unavailable_for;
};

// How long after `from` (on a clock whose local time at zero is `local_offset`)
// a task under `hazard_per_hour` is interrupted; nothing when never (a zero
// hazard, or none within a year). Draws one exponential from `rng`.
std::optional<sim::Duration> time_to_interruption(const std::vector<double>& hazard_per_hour,
                                                  sim::Time from, sim::Duration local_offset,
                                                  sim::RandomStream& rng);

}  // namespace models

#endif  // SCALESIM_MODELS_CONTAINERS_CAPACITY_PROVIDERS_H_
