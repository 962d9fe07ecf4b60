// The service's construction, what policies call, its metrics and its kind
// row. The scheduler, billing and Spot interruptions are in ecs_tasks.cc.
#include "models/containers/ecs_service.h"

#include "models/control/api_catalog.h"
#include "sim/check.h"

namespace models {

namespace {

const ApiSpec& launch_rate(CapacityProvider provider,
                           const std::vector<ApiSpec>& apis = default_apis()) {
  const ApiSpec* spec =
      find_api(apis, provider == CapacityProvider::kFargateSpot ? "ecs:FargateSpotTaskLaunch"
                                                                : "ecs:FargateTaskLaunch");
  SCALESIM_CHECK(spec != nullptr, "the API catalogue lacks the Fargate launch rates");
  return *spec;
}

// The inner fleet's config: the service's serving fields, no instance type.
ServerFleetConfig serving_config(const EcsServiceConfig& config) {
  ServerFleetConfig serving = config.serving;
  serving.instance_type = nullptr;
  serving.count = 0;
  serving.public_ipv4 = false;
  serving.cpu_credits = false;
  return serving;
}

bool uses(const std::vector<StrategyItem>& strategy, CapacityProvider provider) {
  for (const StrategyItem& item : strategy) {
    if (item.provider == provider && (item.base > 0 || item.weight > 0)) return true;
  }
  return false;
}

}  // namespace

FargateAccount::FargateAccount()
    : buckets_{TokenBucket(launch_rate(CapacityProvider::kFargate).burst,
                           launch_rate(CapacityProvider::kFargate).per_second),
               TokenBucket(launch_rate(CapacityProvider::kFargateSpot).burst,
                           launch_rate(CapacityProvider::kFargateSpot).per_second)},
      rates_{launch_rate(CapacityProvider::kFargate).per_second,
             launch_rate(CapacityProvider::kFargateSpot).per_second} {}

void FargateAccount::use_rates(const std::vector<ApiSpec>& apis) {
  if (rates_set_) return;
  rates_set_ = true;
  for (CapacityProvider provider : {CapacityProvider::kFargate, CapacityProvider::kFargateSpot}) {
    const ApiSpec& rate = launch_rate(provider, apis);
    buckets_[static_cast<size_t>(provider)] = TokenBucket(rate.burst, rate.per_second);
    rates_[static_cast<size_t>(provider)] = rate.per_second;
  }
}

EcsService::EcsService(std::string name, const EcsServiceConfig& config, const RunContext& context)
    : Component(std::move(name)),
      config_(config),
      sim_(context.simulation),
      series_(context.series),
      events_(context.events),
      ledger_(context.ledger),
      local_offset_(context.local_offset),
      own_account_(context.shared ? nullptr : std::make_unique<FargateAccount>()),
      account_(context.shared ? &context.shared->get<FargateAccount>() : own_account_.get()),
      start_rng_(context.stream("ecs:" + this->name() + ".start")),
      spot_rng_(context.stream("ecs:" + this->name() + ".spot")),
      tasks_(this->name(), serving_config(config), context, this) {
  SCALESIM_CHECK(valid_task_size(config.size) && config.start.pull_mb_per_second > 0,
                 "ecs_service config was not validated");
  if (context.apis) account_->use_rates(*context.apis);
  for (CapacityProvider provider : {CapacityProvider::kFargate, CapacityProvider::kFargateSpot}) {
    const auto p = static_cast<size_t>(provider);
    const std::string tag = provider == CapacityProvider::kFargateSpot ? "spot" : "on_demand";
    tasks_column_[p] = series_.level(this->name(), "tasks_" + tag);
    started_column_[p] = series_.counter(this->name(), "tasks_started_" + tag);
    if (ledger_ && uses(config.strategy, provider)) {
      const std::string prefix = this->name() + (p == 1 ? ".spot_" : ".");
      meters_[p].vcpu = ledger_->meter(prefix + "vcpu_hours", "fargate",
                                       fargate_vcpu_key(provider, config.architecture));
      meters_[p].memory = ledger_->meter(prefix + "gb_hours", "fargate",
                                         fargate_memory_key(provider, config.architecture));
    }
  }
  if (ledger_ && config.ephemeral_gb > kFreeEphemeralGb) {
    storage_meter_ =
        ledger_->meter(this->name() + ".ephemeral_storage", "fargate", kFargateStorageKey);
  }
  desired_column_ = series_.level(this->name(), "tasks_desired");
  interruptions_column_ = series_.counter(this->name(), "spot_interruptions");
  unavailable_column_ = series_.counter(this->name(), "spot_unavailable");
  start_initial_tasks();
  for (size_t i = 0; i < config.spot.replay.size(); ++i) {
    sim_.schedule(sim::Time::zero() + config.spot.replay[i].at, *this, payload(kReplay, i));
  }
}

void EcsService::attach_load_balancer(const TargetGroupSettings& settings) {
  load_balancer_ = settings;
  tasks_.attach_load_balancer(settings);
}

void EcsService::on_event(uint64_t event) {
  const auto kind = static_cast<EventKind>(event >> 60);
  const uint64_t value = event & ((uint64_t{1} << 60) - 1);
  switch (kind) {
    case kReconcile:
      if (reconcile_at_ <= sim_.now()) reconcile_at_ = sim::Time::never();
      return reconcile();
    case kInterrupt:
      return interrupt(value);
    case kReplay:
      return replay(static_cast<size_t>(value));
    case kSpotBack:
      if (events_ && spot_available()) events_->add(sim_.now(), name(), "spot_capacity_back", "");
      return reconcile();
  }
}

std::optional<uint64_t> EcsService::launch(bool configured) {
  SCALESIM_CHECK(configured, "an ECS task has nothing for its creator to configure");
  const ProviderCounts want = split_tasks(config_.strategy, desired_ + 1);
  for (CapacityProvider provider : {CapacityProvider::kFargate, CapacityProvider::kFargateSpot}) {
    const auto p = static_cast<size_t>(provider);
    if (want[p] <= active_[p]) continue;
    const std::optional<uint64_t> id = start_task(provider, false);
    if (id) {
      ++desired_;
      series_.change(desired_column_, sim_.now(), +1);
    }
    return id;
  }
  return std::nullopt;
}

void EcsService::configure(uint64_t) {
  SCALESIM_CHECK(false, "an ECS task has nothing for its creator to configure");
}

void EcsService::abandon(uint64_t) {
  SCALESIM_CHECK(false, "an ECS task has nothing for its creator to abandon");
}

void EcsService::terminate(uint64_t id, Termination how) {
  TaskRecord& record = records_.at(id);
  if (record.counted && desired_ > 0) {
    --desired_;
    series_.change(desired_column_, sim_.now(), -1);
  }
  uncount(record);
  tasks_.terminate(id, how);
}

void EcsService::set_desired_count(uint32_t count) {
  if (count == desired_) return;
  series_.change(desired_column_, sim_.now(),
                 static_cast<int64_t>(count) - static_cast<int64_t>(desired_));
  desired_ = count;
  reconcile();
}

void EcsService::report(MetricList& metrics) const {
  tasks_.report(metrics);
  const std::string prefix = "component." + name() + ".";
  const double on_demand = series_.mean(tasks_column_[0]);
  const double spot = series_.mean(tasks_column_[1]);
  metrics.push_back(
      {prefix + "tasks_started_on_demand", series_.total(started_column_[0]), Unit::kCount});
  metrics.push_back(
      {prefix + "tasks_started_spot", series_.total(started_column_[1]), Unit::kCount});
  metrics.push_back(
      {prefix + "spot_interruptions", series_.total(interruptions_column_), Unit::kCount});
  metrics.push_back(
      {prefix + "spot_unavailable", series_.total(unavailable_column_), Unit::kCount});
  metrics.push_back({prefix + "spot_share", on_demand + spot > 0 ? spot / (on_demand + spot) : 0.0,
                     Unit::kRatio});
  metrics.push_back({prefix + "tasks_desired_mean", series_.mean(desired_column_), Unit::kNumber});
}

namespace {

std::unique_ptr<Component> make_service(const ComponentSpec& spec, const std::vector<Successor>&,
                                        const RunContext& context) {
  return std::make_unique<EcsService>(spec.name, spec.config_as<EcsServiceConfig>(), context);
}

std::vector<std::string> service_prices(const ComponentSpec& spec) {
  const EcsServiceConfig& service = spec.config_as<EcsServiceConfig>();
  std::vector<std::string> keys;
  for (CapacityProvider provider : {CapacityProvider::kFargate, CapacityProvider::kFargateSpot}) {
    if (!uses(service.strategy, provider)) continue;
    keys.push_back(fargate_vcpu_key(provider, service.architecture));
    keys.push_back(fargate_memory_key(provider, service.architecture));
  }
  if (service.ephemeral_gb > kFreeEphemeralGb) keys.emplace_back(kFargateStorageKey);
  return keys;
}

}  // namespace

const ComponentKind& EcsServiceConfig::kind() {
  static const ComponentKind row{"ecs_service", true, {}, 0, 0, make_service, service_prices};
  return row;
}

}  // namespace models
