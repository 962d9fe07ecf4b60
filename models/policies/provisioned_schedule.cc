#include "models/policies/provisioned_schedule.h"

#include "models/serverless/lambda_function.h"
#include "models/serverless/provisioned_capacity.h"
#include "sim/check.h"

namespace models {

namespace {

class ProvisionedSchedule final : public Controller, private sim::EventHandler {
 public:
  ProvisionedSchedule(std::string name, const ProvisionedScheduleConfig& config,
                      ProvisionedCapacity& target, ControlContext& context)
      : Controller(std::move(name)), config_(config), target_(target), context_(context) {}

  // An action due at exactly time zero acts then, as it would have just before.
  void start() override {
    for (size_t i = 0; i < config_.actions.size(); ++i) {
      if (config_.actions[i].when.matches(sim::Time::zero(), context_.run.local_offset)) {
        context_.run.simulation.schedule(sim::Time::zero(), *this, i);
      } else {
        schedule_action(i);
      }
    }
  }

  void report(MetricList& metrics) const override {
    metrics.push_back(
        {"controller." + name() + ".actions", static_cast<double>(actions_taken_), Unit::kCount});
  }

 private:
  void schedule_action(size_t action) {
    const sim::Time next = config_.actions[action].when.next_after(context_.run.simulation.now(),
                                                                   context_.run.local_offset);
    if (next != sim::Time::never()) context_.run.simulation.schedule(next, *this, action);
  }

  void on_event(uint64_t action) override {
    const uint32_t before = target_.provisioned_configured();
    const uint32_t amount = config_.actions[action].provisioned_concurrency;
    target_.set_provisioned(amount);
    if (context_.run.simulation.now() >= context_.run.measure_from) ++actions_taken_;
    if (context_.run.events) {
      context_.run.events->add(
          context_.run.simulation.now(), name(), "provisioned",
          "provisioned concurrency " + std::to_string(before) + " -> " + std::to_string(amount));
    }
    schedule_action(action);
  }

  ProvisionedScheduleConfig config_;
  ProvisionedCapacity& target_;
  ControlContext& context_;
  uint64_t actions_taken_ = 0;
};

std::unique_ptr<Controller> make_schedule(const ControllerSpec& spec,
                                          const std::vector<Component*>& driven,
                                          ControlContext& context) {
  auto* target = dynamic_cast<ProvisionedCapacity*>(driven.front());
  SCALESIM_CHECK(target != nullptr, "a provisioned_schedule was wired to a non-Lambda component");
  return std::make_unique<ProvisionedSchedule>(
      spec.name, spec.config_as<ProvisionedScheduleConfig>(), *target, context);
}

std::vector<std::string> schedule_prices(const ControllerSpec& spec) {
  const std::string& arch = spec.config_as<ProvisionedScheduleConfig>().architecture;
  return {"lambda.provisioned." + arch, "lambda.provisioned_duration." + arch};
}

void bind_to_function(ControllerSpec& spec, const ComponentSpec& driven) {
  const bool arm = driven.config_as<LambdaConfig>().architecture == Architecture::kArm64;
  spec.config_as<ProvisionedScheduleConfig>().architecture = arm ? "arm64" : "x86_64";
}

// AWS refuses an amount beyond what the function may provision.
std::vector<BindingProblem> check_amounts(const ControllerSpec& spec, const ComponentSpec& driven) {
  const LambdaConfig& function = driven.config_as<LambdaConfig>();
  const auto& actions = spec.config_as<ProvisionedScheduleConfig>().actions;
  std::vector<BindingProblem> problems;
  for (size_t i = 0; i < actions.size(); ++i) {
    if (actions[i].provisioned_concurrency <= function.most_provisioned()) continue;
    problems.push_back({"/actions/" + std::to_string(i) + "/provisioned_concurrency",
                        "expected at most " + function.most_provisioned_text() + " of \"" +
                            driven.name + "\", found " +
                            std::to_string(actions[i].provisioned_concurrency)});
  }
  return problems;
}

}  // namespace

const ControllerKind& ProvisionedScheduleConfig::kind() {
  static const ControllerKind row{"provisioned_schedule",
                                  {"lambda_function"},
                                  1,
                                  1,
                                  true,
                                  make_schedule,
                                  schedule_prices,
                                  nullptr,
                                  bind_to_function,
                                  check_amounts};
  return row;
}

}  // namespace models
