// Fargate as data: the task sizes it offers, its capacity providers and
// architectures, the price keys a task bills, and how long a task takes to start.
//
// Task sizes: a task's vCPU and memory must be one of the pairs ECS documents
// for Fargate (AWSDOCS-ECS task_definition_parameters, "Task size"; the same
// table is in the ECS API reference of RegisterTaskDefinition's `memory`):
// 0.25 vCPU with 0.5, 1 or 2 GB; 0.5 vCPU with 1-4 GB; 1 vCPU with 2-8 GB; 2 vCPU
// with 4-16 GB and 4 vCPU with 8-30 GB, in 1 GB steps; 8 vCPU with 16-60 GB in
// 4 GB steps and 16 vCPU with 32-120 GB in 8 GB steps (Linux platform 1.4.0).
//
// Billing (FARGATE-PRICING, the AWS Fargate pricing page; docs/sources.md): per
// second with a one-minute minimum, from the start of the image pull until the
// task stops, for its vCPU-hours, its GB-hours and its ephemeral storage above
// the 20 GB every task gets free.
#ifndef SCALESIM_MODELS_CONTAINERS_FARGATE_H_
#define SCALESIM_MODELS_CONTAINERS_FARGATE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/distribution.h"
#include "sim/time.h"

namespace models {

enum class CapacityProvider : uint8_t { kFargate, kFargateSpot };
inline constexpr size_t kCapacityProviderCount = 2;
std::string_view capacity_provider_name(CapacityProvider provider);  // "FARGATE", "FARGATE_SPOT"

enum class CpuArchitecture : uint8_t { kX86_64, kArm64 };
std::string_view architecture_name(CpuArchitecture architecture);  // "x86_64", "arm64"

// vCPU in CPU units (1024 = 1 vCPU) and memory in MiB, as a task definition has them.
struct TaskSize {
  uint32_t cpu_units = 256;
  uint32_t memory_mib = 512;
  double vcpu() const { return cpu_units / 1024.0; }
  double memory_gb() const { return memory_mib / 1024.0; }
};

// Whether Fargate offers the pair.
bool valid_task_size(const TaskSize& size);
// The memory sizes Fargate offers with `cpu_units`, in MiB (empty for a CPU
// value it does not offer); for messages and tests.
std::vector<uint32_t> task_memory_choices(uint32_t cpu_units);
// "0.25, 0.5, 1, 2, 4, 8 or 16": the vCPU values Fargate offers.
std::string task_vcpu_choices();

// Ephemeral storage every task gets without charge, and the most it may have
// (AWSDOCS-ECS task_definition_parameters: 20 GiB by default, up to 200 GiB).
inline constexpr uint32_t kFreeEphemeralGb = 20;
inline constexpr uint32_t kMaxEphemeralGb = 200;

// The price keys of a task's vCPU and memory on a provider and architecture:
// "fargate.vcpu.x86_64", "fargate_spot.memory.arm64". Ephemeral storage is
// "fargate.ephemeral_storage" on either provider.
std::string fargate_vcpu_key(CapacityProvider provider, CpuArchitecture architecture);
std::string fargate_memory_key(CapacityProvider provider, CpuArchitecture architecture);
inline constexpr std::string_view kFargateStorageKey = "fargate.ephemeral_storage";

// What one task is billed for having run `running` (from its image pull),
// `stopped` saying whether it stopped then (the one-minute minimum applies).
struct TaskUsage {
  double vcpu_hours = 0;
  double gb_hours = 0;
  double storage_gb_hours = 0;  // above the free 20 GB
};
TaskUsage fargate_task_usage(const TaskSize& size, uint32_t ephemeral_gb, sim::Duration running,
                             bool stopped);

// A task's start, in parts: capacity provisioning (Fargate finding capacity and
// attaching the task's network interface), the image pull (its size at a pull
// throughput), then the application's own start before it answers (the slow
// part of an image that compiles at start). ECS registers the task with its
// target group once its containers run, after the pull; billing starts with the
// pull.
//
// Defaults from one measurement (ELASTICSCALE: a 413 MB image without lazy
// loading took 57 s on average from creation to running; the AWS Containers
// blog puts the pull at about 76% of a task's start): 57 x 0.76 = 43.3 s of pull,
// so 413 / 43.3 = 9.5 MB/s, and 57 - 43.3 = 13.7 s of provisioning (derived).
// The application starts at once unless told otherwise.
struct TaskStartConfig {
  sim::DurationDistribution provisioning =
      sim::DurationDistribution::constant(sim::Duration::millis(13'700));
  double image_mb = 413;
  double pull_mb_per_second = 9.5;
  sim::DurationDistribution app_start;
};

struct TaskStart {
  sim::Duration provisioning;
  sim::Duration pull;
  sim::Duration app_start;
  sim::Duration total() const { return provisioning + pull + app_start; }
};
TaskStart sample_task_start(const TaskStartConfig& config, sim::RandomStream& rng);

}  // namespace models

#endif  // SCALESIM_MODELS_CONTAINERS_FARGATE_H_
