// The seam beside Component for what is not on the request path: scaling
// policies, keep-warm pingers, timelines of changes, billed infrastructure that
// serves no request.
//
// A controller is wired by name to the components it drives. It runs on ticks
// and schedules (sim/periodic_timer.h, sim/cron.h), reads metrics as CloudWatch
// publishes them (cloudwatch.h) and acts through the control plane
// (control_plane.h): throttled, with latency. It changes capacity only through
// the components' capacity interface (capacity.h), never through their
// internals, so every policy drives every kind that can scale.
//
// Like components, each kind of controller is one row of data (ControllerKind)
// beside its model, named by its config type's static kind().
#ifndef SCALESIM_MODELS_CONTROL_CONTROLLER_H_
#define SCALESIM_MODELS_CONTROL_CONTROLLER_H_

#include <any>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "models/metrics.h"
#include "models/topology/component.h"
#include "models/topology/kind.h"
#include "sim/check.h"

namespace models {

class CloudWatch;
class ControlPlane;
struct ControllerSpec;

// What a controller is built with. Everything here outlives the controller.
struct ControlContext {
  const RunContext& run;
  ControlPlane& control_plane;  // the strategy's account: its API buckets are shared
  CloudWatch& cloudwatch;       // metrics of the components, per period, after a delay
};

class Controller {
 public:
  explicit Controller(std::string name) : name_(std::move(name)) {}
  virtual ~Controller() = default;
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  const std::string& name() const { return name_; }

  // Called once at time zero, after every component and controller is built:
  // schedule the first tick here.
  virtual void start() = 0;
  // Bills what is still open at the end of the run. Called once, before report().
  virtual void settle(sim::Time end) { (void)end; }
  // Appends end-of-run metrics named "controller.<name>.<metric>". Called once.
  virtual void report(MetricList& metrics) const { (void)metrics; }

 private:
  std::string name_;
};

// A control-plane API a controller calls, and where its config names it (a
// JSON pointer below the controller, such as "/create_calls/1"; empty when the
// API is the kind's own choice).
struct CallSite {
  std::string api;
  std::string where;
};

// A controller's config at odds with the component it drives, at a JSON pointer
// below the controller ("/actions/2/provisioned_concurrency").
struct BindingProblem {
  std::string where;
  std::string message;  // "expected ..., found ..."
};

struct ControllerKind {
  std::string_view name;
  // Component kinds it may drive, and how many components it drives.
  std::vector<std::string_view> drives;
  size_t min_driven = 1;
  size_t max_driven = 1;
  // Whether it decides the capacity of what it drives: a component may have
  // only one such controller, or they would fight.
  bool sets_capacity = false;
  // Builds the controller. `driven` holds the components named in the spec, in order.
  std::unique_ptr<Controller> (*make)(const ControllerSpec& spec,
                                      const std::vector<Component*>& driven,
                                      ControlContext& context) = nullptr;
  // Price book keys it bills (null when it bills nothing).
  std::vector<std::string> (*price_keys)(const ControllerSpec& spec) = nullptr;
  // The control plane APIs it calls ("lightsail:CreateInstances"), so the loader
  // can check the strategy's control plane has them (null when it calls none).
  std::vector<CallSite> (*calls)(const ControllerSpec& spec) = nullptr;
  // Lets defaults depend on the component it drives (which provider's APIs to
  // call); null when none do. Called once, by the loader, before calls().
  void (*bind)(ControllerSpec& spec, const ComponentSpec& driven) = nullptr;
  // Checks the config against the component it drives (amounts beyond its
  // limits); null when there is nothing to check. Called by the loader after bind().
  std::vector<BindingProblem> (*check)(const ControllerSpec& spec,
                                       const ComponentSpec& driven) = nullptr;
  // Checks the config against the run's clock: instants past the horizon of a
  // run whose local clock reads `local_offset` at its start. Null when none.
  std::vector<BindingProblem> (*check_times)(const ControllerSpec& spec, sim::Duration local_offset,
                                             sim::Duration horizon) = nullptr;
};

struct ControllerSpec : TypedConfig {
  std::string name;
  const ControllerKind* kind = nullptr;
  std::vector<std::string> drives;  // names of components of the same strategy

  ControllerSpec() = default;
  template <class Config>
  ControllerSpec(std::string controller_name, std::vector<std::string> driven,
                 Config controller_config)
      : TypedConfig{std::move(controller_config)},
        name(std::move(controller_name)),
        kind(&Config::kind()),
        drives(std::move(driven)) {}
};

}  // namespace models

#endif  // SCALESIM_MODELS_CONTROL_CONTROLLER_H_
