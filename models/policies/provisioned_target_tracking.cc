#include "models/policies/provisioned_target_tracking.h"

#include <algorithm>

#include "models/control/alarm.h"
#include "models/policies/provisioned_binding.h"
#include "models/policies/tracking_math.h"

namespace models {

namespace {

// The alarms AAS creates for a target tracking policy.
constexpr int kHighDatapoints = 3;
constexpr int kLowDatapoints = 15;

// The function's provisioned environments as CloudWatch reads them.
class ProvisionedUsage final : public MetricSource {
 public:
  explicit ProvisionedUsage(ProvisionedCapacity& function) : function_(function) {}
  void track_usage() override { function_.track_provisioned(); }
  UsageSnapshot usage() const override {
    UsageSnapshot snapshot;
    snapshot.provisioned_busy_seconds = function_.provisioned_busy_seconds();
    snapshot.provisioned_ready_seconds = function_.provisioned_ready_seconds();
    return snapshot;
  }

 private:
  ProvisionedCapacity& function_;
};

class ProvisionedTargetTracking final : public Controller, private MetricSubscriber {
 public:
  ProvisionedTargetTracking(std::string name, const ProvisionedTargetTrackingConfig& config,
                            ProvisionedCapacity& function, ControlContext& context)
      : Controller(std::move(name)),
        config_(config),
        function_(function),
        usage_(function),
        context_(context),
        high_({Comparison::kGreater, config.target, kHighDatapoints, kHighDatapoints}),
        low_({Comparison::kLess, config.target * config.scale_in_factor, kLowDatapoints,
              kLowDatapoints}) {
    sim::TimeSeries& series = context.run.series;
    configured_column_ = series.level(this->name(), "provisioned_configured");
    scale_outs_column_ = series.counter(this->name(), "scale_outs");
    scale_ins_column_ = series.counter(this->name(), "scale_ins");
  }

  // Registering the scalable target brings the amount within its bounds.
  void start() override {
    const uint32_t configured = function_.provisioned_configured();
    const uint32_t bounded = std::clamp(configured, config_.min_capacity, config_.max_capacity);
    if (bounded != configured) {
      set_and_log_provisioned(function_, bounded, name(), "scalable target registered",
                              context_.run);
    }
    context_.run.series.change(configured_column_, now(), bounded);
    context_.cloudwatch.subscribe(usage_, *this, 0, config_.metric_delay);
  }

  void report(MetricList& metrics) const override {
    const std::string prefix = "controller." + name() + ".";
    const sim::TimeSeries& series = context_.run.series;
    metrics.push_back({prefix + "scale_outs", series.total(scale_outs_column_), Unit::kCount});
    metrics.push_back({prefix + "scale_ins", series.total(scale_ins_column_), Unit::kCount});
    metrics.push_back(
        {prefix + "provisioned_mean", series.mean(configured_column_), Unit::kNumber});
  }

 private:
  sim::Time now() const { return context_.run.simulation.now(); }

  void on_published(int /*tag*/, const Datapoints& datapoints) override {
    const std::optional<double> utilization = datapoints.provisioned_utilization;
    const bool high = high_.add(utilization) == AlarmState::kAlarm;
    const bool low = low_.add(utilization) == AlarmState::kAlarm;
    if (!utilization) return;
    // allocated x utilisation: the mean busy provisioned environments.
    const uint32_t wanted =
        tracked_capacity(datapoints.provisioned_allocated, *utilization, config_.target);
    const std::string why = "utilization " + figure(*utilization, 3);
    if (high) {
      scale_out(wanted, why);
    } else if (low) {
      scale_in(wanted, why);
    }
  }

  void scale_out(uint32_t wanted, const std::string& why) {
    const uint32_t amount = std::min(wanted, config_.max_capacity);
    if (amount <= function_.provisioned_configured() || now() < scale_out_allowed_) return;
    change(amount, scale_outs_column_, why);
    scale_out_allowed_ = now() + config_.scale_out_cooldown;
  }

  void scale_in(uint32_t wanted, const std::string& why) {
    const uint32_t configured = function_.provisioned_configured();
    const uint32_t amount = std::max(wanted, config_.min_capacity);
    if (config_.disable_scale_in || amount >= configured || now() < scale_in_allowed_) return;
    if (function_.provisioned_ready() < configured) return;  // an allocation under way
    change(amount, scale_ins_column_, why);
    scale_in_allowed_ = now() + config_.scale_in_cooldown;
  }

  void change(uint32_t amount, sim::TimeSeries::Column decisions, const std::string& why) {
    const uint32_t before = function_.provisioned_configured();
    set_and_log_provisioned(function_, amount, name(), why, context_.run);
    context_.run.series.change(configured_column_, now(),
                               static_cast<int64_t>(amount) - static_cast<int64_t>(before));
    context_.run.series.count(decisions, now());
  }

  ProvisionedTargetTrackingConfig config_;
  ProvisionedCapacity& function_;
  ProvisionedUsage usage_;
  ControlContext& context_;
  Alarm high_;
  Alarm low_;
  sim::Time scale_out_allowed_;
  sim::Time scale_in_allowed_;
  sim::TimeSeries::Column configured_column_{};
  sim::TimeSeries::Column scale_outs_column_{};
  sim::TimeSeries::Column scale_ins_column_{};
};

std::unique_ptr<Controller> make_tracking(const ControllerSpec& spec,
                                          const std::vector<Component*>& driven,
                                          ControlContext& context) {
  return std::make_unique<ProvisionedTargetTracking>(
      spec.name, spec.config_as<ProvisionedTargetTrackingConfig>(),
      provisioned_capacity_of(*driven.front()), context);
}

std::vector<std::string> tracking_prices(const ControllerSpec& spec) {
  return provisioned_price_keys(spec.config_as<ProvisionedTargetTrackingConfig>().architecture);
}

void bind_to_function(ControllerSpec& spec, const ComponentSpec& driven) {
  spec.config_as<ProvisionedTargetTrackingConfig>().architecture = provisioned_architecture(driven);
}

std::vector<BindingProblem> check_bounds(const ControllerSpec& spec, const ComponentSpec& driven) {
  const auto& config = spec.config_as<ProvisionedTargetTrackingConfig>();
  if (auto problem = check_provisioned_amount(config.max_capacity, "/max_capacity", driven))
    return {*problem};
  return {};
}

}  // namespace

const ControllerKind& ProvisionedTargetTrackingConfig::kind() {
  static const ControllerKind row{"provisioned_target_tracking",
                                  {"lambda_function"},
                                  1,
                                  1,
                                  true,
                                  make_tracking,
                                  tracking_prices,
                                  nullptr,
                                  bind_to_function,
                                  check_bounds};
  return row;
}

}  // namespace models
