#include "models/policies/provisioned_schedule.h"

#include "models/policies/provisioned_binding.h"

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
    set_and_log_provisioned(target_, config_.actions[action].provisioned_concurrency, name(), "",
                            context_.run);
    if (context_.run.simulation.now() >= context_.run.measure_from) ++actions_taken_;
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
  return std::make_unique<ProvisionedSchedule>(spec.name,
                                               spec.config_as<ProvisionedScheduleConfig>(),
                                               provisioned_capacity_of(*driven.front()), context);
}

std::vector<std::string> schedule_prices(const ControllerSpec& spec) {
  return provisioned_price_keys(spec.config_as<ProvisionedScheduleConfig>().architecture);
}

void bind_to_function(ControllerSpec& spec, const ComponentSpec& driven) {
  spec.config_as<ProvisionedScheduleConfig>().architecture = provisioned_architecture(driven);
}

std::vector<BindingProblem> check_amounts(const ControllerSpec& spec, const ComponentSpec& driven) {
  const auto& actions = spec.config_as<ProvisionedScheduleConfig>().actions;
  std::vector<BindingProblem> problems;
  for (size_t i = 0; i < actions.size(); ++i) {
    const std::string where = "/actions/" + std::to_string(i) + "/provisioned_concurrency";
    if (auto problem = check_provisioned_amount(actions[i].provisioned_concurrency, where, driven))
      problems.push_back(*problem);
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
