#include "models/policies/timeline.h"

#include "models/control/capacity.h"
#include "sim/check.h"

namespace models {

namespace {

class Timeline final : public Controller, private sim::EventHandler {
 public:
  Timeline(std::string name, const TimelineConfig& config, Component& target,
           ControlContext& context)
      : Controller(std::move(name)),
        config_(config),
        target_(*dynamic_cast<ScalableCapacity*>(&target)),
        context_(context) {}

  void start() override {
    for (size_t i = 0; i < config_.events.size(); ++i) {
      context_.run.simulation.schedule(sim::Time::zero() + config_.events[i].at, *this, i);
    }
  }

 private:
  void on_event(uint64_t index) override {
    uint32_t left = config_.events[index].terminate_instances;
    for (const InstanceView& instance : target_.instances()) {
      if (left == 0) break;
      if (instance.state != InstanceState::kInService) continue;
      if (context_.run.events) {
        context_.run.events->add(context_.run.simulation.now(), name(), "terminated_by_hand",
                                 ScalableCapacity::instance_name(instance.id));
      }
      target_.terminate(instance.id, Termination::kAtOnce);
      --left;
    }
  }

  TimelineConfig config_;
  ScalableCapacity& target_;
  ControlContext& context_;
};

std::unique_ptr<Controller> make_timeline(const ControllerSpec& spec,
                                          const std::vector<Component*>& driven,
                                          ControlContext& context) {
  SCALESIM_CHECK(dynamic_cast<ScalableCapacity*>(driven.front()) != nullptr,
                 "a timeline was wired to a component that cannot scale");
  return std::make_unique<Timeline>(spec.name, spec.config_as<TimelineConfig>(), *driven.front(),
                                    context);
}

}  // namespace

const ControllerKind& TimelineConfig::kind() {
  static const ControllerKind row{"timeline", {"server_fleet"}, 1, 1, false, make_timeline};
  return row;
}

}  // namespace models
