// timeline: things that happen to a strategy at given times, from outside its
// policies. Today: a person terminating instances by hand (field report 4: the
// Auto Scaling group replaces them). Later issues add limit changes, subnets,
// deployments.
#ifndef SCALESIM_MODELS_POLICIES_TIMELINE_H_
#define SCALESIM_MODELS_POLICIES_TIMELINE_H_

#include <cstdint>
#include <vector>

#include "models/control/controller.h"

namespace models {

struct TimelineEvent {
  sim::Duration at;  // from the start of the run
  // Instances in service to terminate, oldest first, as someone would in the
  // console; they end at once, whatever they were serving.
  uint32_t terminate_instances = 0;
};

struct TimelineConfig {
  static const ControllerKind& kind();  // "timeline": drives one server_fleet
  std::vector<TimelineEvent> events;
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_TIMELINE_H_
