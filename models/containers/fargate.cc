#include "models/containers/fargate.h"

#include <cmath>

#include "models/pricing/billing_rules.h"

namespace models {

namespace {

// One row of the task size table: memory from `low` to `high` MiB in `step`s.
struct SizeRow {
  uint32_t cpu_units;
  uint32_t low;
  uint32_t high;
  uint32_t step;
};

// AWSDOCS-ECS task_definition_parameters, "Task size" (fargate.h).
constexpr SizeRow kSizes[] = {
    {256, 512, 2048, 512},  // 0.5, 1 and 2 GB (the step is uneven: 512 MiB is listed below)
    {512, 1024, 4096, 1024},   {1024, 2048, 8192, 1024},   {2048, 4096, 16384, 1024},
    {4096, 8192, 30720, 1024}, {8192, 16384, 61440, 4096}, {16384, 32768, 122880, 8192},
};

const SizeRow* row_of(uint32_t cpu_units) {
  for (const SizeRow& row : kSizes) {
    if (row.cpu_units == cpu_units) return &row;
  }
  return nullptr;
}

}  // namespace

std::string_view capacity_provider_name(CapacityProvider provider) {
  return provider == CapacityProvider::kFargateSpot ? "FARGATE_SPOT" : "FARGATE";
}

std::string_view architecture_name(CpuArchitecture architecture) {
  return architecture == CpuArchitecture::kArm64 ? "arm64" : "x86_64";
}

std::vector<uint32_t> task_memory_choices(uint32_t cpu_units) {
  const SizeRow* row = row_of(cpu_units);
  if (!row) return {};
  // 0.25 vCPU takes 512, 1024 or 2048 MiB: not 1536.
  if (cpu_units == 256) return {512, 1024, 2048};
  std::vector<uint32_t> choices;
  for (uint32_t mib = row->low; mib <= row->high; mib += row->step) choices.push_back(mib);
  return choices;
}

bool valid_task_size(const TaskSize& size) {
  for (uint32_t mib : task_memory_choices(size.cpu_units)) {
    if (mib == size.memory_mib) return true;
  }
  return false;
}

std::string task_vcpu_choices() {
  return "0.25, 0.5, 1, 2, 4, 8 or 16";
}

std::string fargate_vcpu_key(CapacityProvider provider, CpuArchitecture architecture) {
  const std::string service =
      provider == CapacityProvider::kFargateSpot ? "fargate_spot" : "fargate";
  return service + ".vcpu." + std::string(architecture_name(architecture));
}

std::string fargate_memory_key(CapacityProvider provider, CpuArchitecture architecture) {
  const std::string service =
      provider == CapacityProvider::kFargateSpot ? "fargate_spot" : "fargate";
  return service + ".memory." + std::string(architecture_name(architecture));
}

TaskUsage fargate_task_usage(const TaskSize& size, uint32_t ephemeral_gb, sim::Duration running,
                             bool stopped) {
  const double hours = fargate_billed_hours(running, stopped);
  TaskUsage usage;
  usage.vcpu_hours = size.vcpu() * hours;
  usage.gb_hours = size.memory_gb() * hours;
  if (ephemeral_gb > kFreeEphemeralGb)
    usage.storage_gb_hours = (ephemeral_gb - kFreeEphemeralGb) * hours;
  return usage;
}

TaskStart sample_task_start(const TaskStartConfig& config, sim::RandomStream& rng) {
  TaskStart start;
  start.provisioning = config.provisioning.sample(rng);
  start.pull = sim::Duration::from_seconds(config.image_mb / config.pull_mb_per_second);
  start.app_start = config.app_start.sample(rng);
  return start;
}

}  // namespace models
