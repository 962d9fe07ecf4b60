// The Auto Scaling group keeping its fleet at the desired capacity.
#include <algorithm>

#include "models/policies/asg_group.h"
#include "sim/check.h"

namespace models {

namespace {

// The group's own calls are not retried by a retry policy: the next
// reconciliation asks again, as the group's activities do.
const RetryPolicy kNoRetry{1, sim::Duration(), sim::Duration(), Jitter::kNone};

// The tag of an UpdateService call; launch and termination calls are numbered from 0.
constexpr uint64_t kUpdateServiceTag = UINT64_MAX;

// Application Auto Scaling's defaults for an ECS service (asg.h).
constexpr double kAppScaleInFactor = 0.9;
constexpr double kAsgScaleInFactor = 0.7;
constexpr sim::Duration kEcsCooldown = sim::Duration::seconds(300);

ScalableCapacity& capacity_of(Component& component) {
  auto* capacity = dynamic_cast<ScalableCapacity*>(&component);
  SCALESIM_CHECK(capacity != nullptr, "an asg was wired to a component that cannot scale");
  return *capacity;
}

}  // namespace

AutoScalingGroup::AutoScalingGroup(std::string name, const AsgConfig& config, Component& fleet,
                                   ControlContext& context)
    : Controller(std::move(name)),
      config_(config),
      fleet_component_(fleet),
      fleet_(capacity_of(fleet)),
      context_(context),
      sim_(context.run.simulation),
      termination_rng_(context.run.stream("asg:" + this->name() + ".termination")),
      reconcile_timer_(context.run.simulation, *this, kReconcile),
      refresh_timer_(context.run.simulation, *this, kForecastRefresh),
      action_timer_(context.run.simulation, *this, kForecastAction),
      min_(config.min),
      max_(config.max) {
  if (config.app_auto_scaling) {
    service_ = dynamic_cast<DesiredCountCapacity*>(&fleet);
    SCALESIM_CHECK(service_ != nullptr, "Application Auto Scaling drives a desired count");
    update_service_ = context.control_plane.find(service_->desired_count_api());
    SCALESIM_CHECK(update_service_.has_value(), "the control plane lacks UpdateService");
  } else {
    run_instances_ = context.control_plane.find("ec2:RunInstances");
    terminate_instances_ = context.control_plane.find("ec2:TerminateInstances");
    SCALESIM_CHECK(run_instances_ && terminate_instances_,
                   "the control plane lacks RunInstances or TerminateInstances");
  }
  sim::TimeSeries& series = context.run.series;
  desired_column_ = series.level(this->name(), "instances_desired");
  scale_outs_column_ = series.counter(this->name(), "scale_outs");
  scale_ins_column_ = series.counter(this->name(), "scale_ins");
  if (config_.predictive) forecaster_.emplace(*config_.predictive, this->name(), context.run);
  for (const TargetTrackingPolicy& policy : config.target_tracking) {
    tracking_.push_back(
        {Alarm({Comparison::kGreater, policy.target, policy.high_periods, policy.high_datapoints}),
         Alarm({Comparison::kLess, policy.target * scale_in_factor(policy), policy.low_periods,
                policy.low_datapoints})});
  }
  for (const StepScalingPolicy& policy : config.step_scaling) {
    step_alarms_.emplace_back(policy.alarm);
    step_cooldown_until_.push_back(sim::Time::zero());
  }
}

void AutoScalingGroup::start() {
  const CapacityCounts counts = fleet_.counts();
  const uint32_t current =
      service_ ? service_->desired_count() : counts.pending + counts.in_service;
  desired_ = std::clamp(config_.desired.value_or(current), min_, max_);
  context_.run.series.change(desired_column_, sim_.now(), desired_);
  reconcile_timer_.start(sim_.now(), config_.reconcile_interval);
  if (forecaster_) start_predictive();
  if (!config_.target_tracking.empty() || !config_.step_scaling.empty() || forecaster_) {
    auto* source = dynamic_cast<MetricSource*>(&fleet_component_);
    SCALESIM_CHECK(source != nullptr, "an asg's fleet publishes no metrics");
    context_.cloudwatch.subscribe(*source, *this, 0, config_.metric_delay);
  }
  for (size_t action = 0; action < config_.scheduled.size(); ++action) schedule_action(action);
}

void AutoScalingGroup::on_tick(int tag) {
  switch (tag) {
    case kReconcile:
      return reconcile();
    case kForecastRefresh:
      return forecaster_->refresh();
    case kForecastAction:
      return act_on_forecast();
  }
}

// Launches what is missing and terminates what is too much. Capacity counts the
// instances pending or in service, and those asked for; instances already being
// terminated do not count.
void AutoScalingGroup::reconcile() {
  if (service_) return update_service();
  uint32_t live = launching_;
  for (const InstanceView& instance : fleet_.instances()) {
    const bool counts =
        instance.state == InstanceState::kPending || instance.state == InstanceState::kInService;
    if (counts && !being_terminated(instance.id)) ++live;
  }
  const uint32_t existing = live - launching_;
  if (live < desired_) request_launch(desired_ - live);
  if (live > desired_ && existing > 0) request_termination(std::min(live - desired_, existing));
}

// Application Auto Scaling: one UpdateService call at a time, until the
// service's desired count is the policy's; a throttled call is asked again at
// the next reconciliation.
void AutoScalingGroup::update_service() {
  if (updating_ || service_->desired_count() == desired_) return;
  updating_ = true;
  context_.control_plane.call(*update_service_, name(), *this, kUpdateServiceTag, kNoRetry);
}

double AutoScalingGroup::scale_in_factor(const TargetTrackingPolicy& policy) const {
  return policy.scale_in_factor.value_or(config_.app_auto_scaling ? kAppScaleInFactor
                                                                  : kAsgScaleInFactor);
}

sim::Duration AutoScalingGroup::cooldown(const std::optional<sim::Duration>& set) const {
  return set.value_or(config_.app_auto_scaling ? kEcsCooldown : sim::Duration());
}

// The most instances one call of `api` may touch: its resource bucket's size
// (a bigger call could never be admitted).
uint32_t AutoScalingGroup::batch_limit(ApiId api) const {
  const ApiSpec& spec = context_.control_plane.spec(api);
  if (!spec.resources) return UINT32_MAX;
  return std::max<uint32_t>(1, static_cast<uint32_t>(spec.resources->burst));
}

void AutoScalingGroup::request_launch(uint32_t count) {
  const uint32_t batch = batch_limit(*run_instances_);
  while (count > 0) {
    const uint32_t n = std::min(count, batch);
    launching_ += n;
    const uint64_t tag = remember({true, n, {}});
    context_.control_plane.call(*run_instances_, name(), *this, tag, kNoRetry, n);
    count -= n;
  }
}

void AutoScalingGroup::request_termination(uint32_t count) {
  const std::vector<uint64_t> ids = pick_for_termination(count);
  const size_t batch = batch_limit(*terminate_instances_);
  for (size_t from = 0; from < ids.size(); from += batch) {
    const size_t to = std::min(ids.size(), from + batch);
    std::vector<uint64_t> some(ids.begin() + static_cast<std::ptrdiff_t>(from),
                               ids.begin() + static_cast<std::ptrdiff_t>(to));
    const auto resources = static_cast<uint32_t>(some.size());
    const uint64_t tag = remember({false, 0, std::move(some)});
    context_.control_plane.call(*terminate_instances_, name(), *this, tag, kNoRetry, resources);
  }
}

// Pending instances first, newest first; then instances in service at random.
std::vector<uint64_t> AutoScalingGroup::pick_for_termination(uint32_t count) {
  std::vector<uint64_t> pending;
  std::vector<uint64_t> serving;
  for (const InstanceView& instance : fleet_.instances()) {
    if (being_terminated(instance.id)) continue;
    if (instance.state == InstanceState::kPending) pending.push_back(instance.id);
    if (instance.state == InstanceState::kInService) serving.push_back(instance.id);
  }
  std::vector<uint64_t> chosen;
  while (chosen.size() < count && !pending.empty()) {
    chosen.push_back(pending.back());
    pending.pop_back();
  }
  while (chosen.size() < count && !serving.empty()) {
    const size_t pick = termination_rng_.below(serving.size());
    chosen.push_back(serving[pick]);
    serving.erase(serving.begin() + static_cast<std::ptrdiff_t>(pick));
  }
  return chosen;
}

bool AutoScalingGroup::being_terminated(uint64_t id) const {
  for (const std::optional<PendingCall>& call : calls_) {
    if (call && !call->launch &&
        std::find(call->ids.begin(), call->ids.end(), id) != call->ids.end())
      return true;
  }
  return false;
}

uint64_t AutoScalingGroup::remember(PendingCall call) {
  for (size_t i = 0; i < calls_.size(); ++i) {
    if (!calls_[i]) {
      calls_[i] = std::move(call);
      return i;
    }
  }
  calls_.push_back(std::move(call));
  return calls_.size() - 1;
}

void AutoScalingGroup::on_call_done(uint64_t tag, const CallResult& result) {
  if (tag == kUpdateServiceTag) {
    updating_ = false;
    if (result.ok) service_->set_desired_count(desired_);
    return;
  }
  PendingCall call = std::move(*calls_[tag]);
  calls_[tag].reset();
  if (call.launch) {
    launching_ -= call.count;
    if (!result.ok) return;  // throttled: the next reconciliation asks again
    forget_warm_instances();
    for (uint32_t i = 0; i < call.count; ++i) {
      if (const std::optional<uint64_t> id = fleet_.launch(true)) {
        launched_ids_.push_back(*id);
      } else if (context_.run.events) {
        context_.run.events->add(sim_.now(), name(), "launch_failed",
                                 "the fleet holds no more instances (its max_instances)");
      }
    }
    return;
  }
  if (!result.ok) return;
  std::vector<uint64_t> alive;
  for (const InstanceView& instance : fleet_.instances()) alive.push_back(instance.id);
  for (uint64_t id : call.ids) {
    if (std::find(alive.begin(), alive.end(), id) != alive.end()) {
      fleet_.terminate(id, Termination::kDrain);
    }
  }
}

// Drops the instances that have ended or finished their warm-up, so the list
// stays as short as the instances warming up.
void AutoScalingGroup::forget_warm_instances() {
  std::vector<uint64_t> warming;
  for (const InstanceView& instance : fleet_.instances()) {
    const bool ours =
        std::find(launched_ids_.begin(), launched_ids_.end(), instance.id) != launched_ids_.end();
    if (!ours) continue;
    if (!instance.in_service_since ||
        *instance.in_service_since + config_.instance_warmup > sim_.now())
      warming.push_back(instance.id);
  }
  launched_ids_ = std::move(warming);
}

void AutoScalingGroup::set_desired(uint32_t desired, std::string_view why, std::string detail) {
  desired = std::clamp(desired, min_, max_);
  if (desired == desired_) return;
  const bool out = desired > desired_;
  context_.run.series.change(desired_column_, sim_.now(),
                             static_cast<int64_t>(desired) - static_cast<int64_t>(desired_));
  context_.run.series.count(out ? scale_outs_column_ : scale_ins_column_, sim_.now());
  if (context_.run.events) {
    context_.run.events->add(sim_.now(), name(), why,
                             "desired " + std::to_string(desired_) + " -> " +
                                 std::to_string(desired) + (detail.empty() ? "" : ", " + detail));
  }
  desired_ = desired;
}

void AutoScalingGroup::report(MetricList& metrics) const {
  const std::string prefix = "controller." + name() + ".";
  const sim::TimeSeries& series = context_.run.series;
  metrics.push_back({prefix + "scale_outs", series.total(scale_outs_column_), Unit::kCount});
  metrics.push_back({prefix + "scale_ins", series.total(scale_ins_column_), Unit::kCount});
  metrics.push_back({prefix + "desired_mean", series.mean(desired_column_), Unit::kNumber});
  if (forecaster_) report_predictive(prefix, metrics);
}

namespace {

std::unique_ptr<Controller> make_asg(const ControllerSpec& spec,
                                     const std::vector<Component*>& driven,
                                     ControlContext& context) {
  return std::make_unique<AutoScalingGroup>(spec.name, spec.config_as<AsgConfig>(), *driven.front(),
                                            context);
}

std::vector<CallSite> asg_calls(const ControllerSpec& spec) {
  if (spec.config_as<AsgConfig>().app_auto_scaling) return {{"ecs:UpdateService", ""}};
  return {{"ec2:RunInstances", ""}, {"ec2:TerminateInstances", ""}};
}

// An ecs_service is scaled by Application Auto Scaling, not an Auto Scaling group.
void bind_asg(ControllerSpec& spec, const ComponentSpec& driven) {
  spec.config_as<AsgConfig>().app_auto_scaling = driven.kind->name == "ecs_service";
}

// Cooldowns are Application Auto Scaling's: an Auto Scaling group's target
// tracking has none (its warm-up plays their part). Predictive scaling is the
// Auto Scaling group's.
std::vector<BindingProblem> check_asg(const ControllerSpec& spec, const ComponentSpec&) {
  const AsgConfig& config = spec.config_as<AsgConfig>();
  std::vector<BindingProblem> problems;
  if (config.app_auto_scaling) {
    if (config.predictive) {
      problems.push_back({"/predictive",
                          "expected no predictive policy on an ecs_service (this model offers "
                          "predictive scaling to an Auto Scaling group, a server_fleet's), "
                          "found one"});
    }
    return problems;
  }
  for (size_t i = 0; i < config.target_tracking.size(); ++i) {
    const TargetTrackingPolicy& policy = config.target_tracking[i];
    for (const auto& [key, set] : {std::pair{"scale_out_cooldown", policy.scale_out_cooldown},
                                   std::pair{"scale_in_cooldown", policy.scale_in_cooldown}}) {
      if (!set) continue;
      problems.push_back({"/target_tracking/" + std::to_string(i) + "/" + key,
                          "expected no cooldown on a server_fleet (an Auto Scaling group's "
                          "target tracking has its warm-up instead), found one"});
    }
  }
  return problems;
}

}  // namespace

const ControllerKind& AsgConfig::kind() {
  static const ControllerKind row{
      "asg",    {"server_fleet", "ecs_service"}, 1, 1, true, make_asg, nullptr, asg_calls, bind_asg,
      check_asg};
  return row;
}

}  // namespace models
