#include "models/policies/timeline.h"

#include "models/control/capacity.h"
#include "models/serverless/lambda_function.h"
#include "sim/check.h"
#include "sim/duration_text.h"

namespace models {

namespace {

constexpr sim::Duration kDay = sim::Duration::hours(24);
constexpr sim::Duration kWeek = sim::Duration::hours(24 * 7);

// How long after `from` the clock next reads `at` of a cycle of `cycle`.
sim::Duration until(sim::Duration from, sim::Duration at, sim::Duration cycle) {
  const int64_t us = (at.us() - from.us() % cycle.us() + cycle.us()) % cycle.us();
  return sim::Duration::micros(us);
}

class Timeline final : public Controller, private sim::EventHandler {
 public:
  Timeline(std::string name, const TimelineConfig& config, Component& target,
           ControlContext& context)
      : Controller(std::move(name)),
        config_(config),
        fleet_(dynamic_cast<ScalableCapacity*>(&target)),
        function_(dynamic_cast<LambdaFunction*>(&target)),
        context_(context) {}

  void start() override {
    for (size_t i = 0; i < config_.events.size(); ++i) {
      const sim::Duration at = config_.events[i].instant(context_.run.local_offset);
      context_.run.simulation.schedule(sim::Time::zero() + at, *this, i);
    }
  }

 private:
  void on_event(uint64_t index) override {
    const TimelineEvent& event = config_.events[index];
    if (event.terminate_instances > 0) terminate(event.terminate_instances);
    if (event.changes_lambda()) change_limits(event);
  }

  void terminate(uint32_t left) {
    for (const InstanceView& instance : fleet_->instances()) {
      if (left == 0) break;
      if (instance.state != InstanceState::kInService) continue;
      log("terminated_by_hand", ScalableCapacity::instance_name(instance.id));
      fleet_->terminate(instance.id, Termination::kAtOnce);
      --left;
    }
  }

  // Each change AWS would refuse is logged as refused and left out.
  void change_limits(const TimelineEvent& event) {
    if (event.account_concurrency &&
        allowed("account concurrency", *event.account_concurrency,
                function_->account_refusal(*event.account_concurrency)))
      function_->set_account_concurrency(*event.account_concurrency);
    if (event.unreserve &&
        allowed("reservation deleted", std::nullopt, function_->reservation_refusal(std::nullopt)))
      function_->set_reserved_concurrency(std::nullopt);
    if (event.reserved_concurrency &&
        allowed("reserved concurrency", event.reserved_concurrency,
                function_->reservation_refusal(event.reserved_concurrency)))
      function_->set_reserved_concurrency(event.reserved_concurrency);
    if (event.provisioned_concurrency &&
        allowed("provisioned concurrency", event.provisioned_concurrency,
                function_->provisioned_refusal(*event.provisioned_concurrency)))
      function_->set_provisioned(*event.provisioned_concurrency);
    if (event.eni_quota) function_->set_eni_quota(*event.eni_quota);
    if (event.add_subnet) function_->add_subnet(*event.add_subnet);
    if (event.remove_subnet) function_->remove_subnet(*event.remove_subnet);
    log("limits_changed", event.description());
  }

  bool allowed(const std::string& change, std::optional<uint32_t> value, const std::string& why) {
    if (why.empty()) return true;
    std::string detail = change;
    if (value) {
      detail += ' ';
      detail += std::to_string(*value);
    }
    detail += " refused: " + why;
    log("limits_refused", detail);
    return false;
  }

  void log(const char* what, const std::string& detail) {
    if (context_.run.events) {
      context_.run.events->add(context_.run.simulation.now(), name(), what, detail);
    }
  }

  TimelineConfig config_;
  ScalableCapacity* fleet_;
  LambdaFunction* function_;
  ControlContext& context_;
};

std::unique_ptr<Controller> make_timeline(const ControllerSpec& spec,
                                          const std::vector<Component*>& driven,
                                          ControlContext& context) {
  SCALESIM_CHECK(dynamic_cast<ScalableCapacity*>(driven.front()) != nullptr ||
                     dynamic_cast<LambdaFunction*>(driven.front()) != nullptr,
                 "a timeline was wired to a component it cannot change");
  return std::make_unique<Timeline>(spec.name, spec.config_as<TimelineConfig>(), *driven.front(),
                                    context);
}

std::string event_pointer(size_t index, const char* key) {
  return "/events/" + std::to_string(index) + "/" + key;
}

// What each event changes must exist on the component it drives.
std::vector<BindingProblem> check_events(const ControllerSpec& spec, const ComponentSpec& driven) {
  const auto& events = spec.config_as<TimelineConfig>().events;
  const bool function = driven.kind == &LambdaConfig::kind();
  const std::string found = "found \"" + driven.name + "\", a " + std::string(driven.kind->name);
  std::vector<BindingProblem> problems;
  for (size_t i = 0; i < events.size(); ++i) {
    const TimelineEvent& e = events[i];
    if (e.terminate_instances > 0 && function) {
      problems.push_back({event_pointer(i, "terminate_instances"),
                          "expected a timeline driving a server_fleet, " + found});
    }
    if (e.changes_lambda() && !function) {
      problems.push_back({"/events/" + std::to_string(i),
                          "expected a timeline driving a lambda_function, " + found});
    }
  }
  if (!function) return problems;
  const LambdaConfig& config = driven.config_as<LambdaConfig>();
  for (size_t i = 0; i < events.size(); ++i) {
    const TimelineEvent& e = events[i];
    const bool networked = e.eni_quota || e.add_subnet || e.remove_subnet;
    if (networked && !config.vpc) {
      problems.push_back({"/events/" + std::to_string(i),
                          "expected a function with a \"vpc\" for ENI and subnet changes, " +
                              found + " outside a VPC"});
    }
    if (e.provisioned_concurrency && *e.provisioned_concurrency > config.most_provisioned()) {
      problems.push_back({event_pointer(i, "provisioned_concurrency"),
                          "expected at most " + config.most_provisioned_text() + " of \"" +
                              driven.name + "\", found " +
                              std::to_string(*e.provisioned_concurrency)});
    }
  }
  return problems;
}

std::vector<BindingProblem> check_instants(const ControllerSpec& spec, sim::Duration local_offset,
                                           sim::Duration horizon) {
  const auto& events = spec.config_as<TimelineConfig>().events;
  std::vector<BindingProblem> problems;
  for (size_t i = 0; i < events.size(); ++i) {
    const sim::Duration at = events[i].instant(local_offset);
    if (at < horizon) continue;
    problems.push_back({event_pointer(i, "at"), "expected an instant before the horizon (" +
                                                    sim::duration_text(horizon) + "), found one " +
                                                    sim::duration_text(at) + " after the start"});
  }
  return problems;
}

}  // namespace

sim::Duration TimelineEvent::instant(sim::Duration local_offset) const {
  switch (anchor) {
    case Anchor::kTimeOfDay:
      return until(local_offset, at, kDay);
    case Anchor::kTimeOfWeek:
      return until(local_offset, at, kWeek);
    case Anchor::kStart:
      break;
  }
  return at;
}

bool TimelineEvent::changes_lambda() const {
  return account_concurrency || reserved_concurrency || unreserve || provisioned_concurrency ||
         eni_quota || add_subnet || remove_subnet;
}

std::string TimelineEvent::description() const {
  std::string text;
  const auto part = [&](const std::string& words) {
    if (!text.empty()) text += ", ";
    text += words;
  };
  if (account_concurrency) part("account concurrency " + std::to_string(*account_concurrency));
  if (unreserve) part("reservation deleted");
  if (reserved_concurrency) part("reserved concurrency " + std::to_string(*reserved_concurrency));
  if (provisioned_concurrency)
    part("provisioned concurrency " + std::to_string(*provisioned_concurrency));
  if (eni_quota) part("ENI quota " + std::to_string(*eni_quota));
  if (add_subnet) {
    part("subnet " + add_subnet->name + " (/" + std::to_string(add_subnet->prefix) + ") added");
  }
  if (remove_subnet) part("subnet " + *remove_subnet + " removed");
  return text;
}

const ControllerKind& TimelineConfig::kind() {
  static const ControllerKind row{"timeline",
                                  {"server_fleet", "lambda_function"},
                                  1,
                                  1,
                                  false,
                                  make_timeline,
                                  nullptr,
                                  nullptr,
                                  nullptr,
                                  check_events,
                                  check_instants};
  return row;
}

}  // namespace models
