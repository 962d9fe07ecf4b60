#include "models/policies/keep_warm.h"

#include "models/outcome.h"
#include "models/serverless/lambda_function.h"
#include "sim/check.h"

namespace models {

namespace {

class KeepWarm final : public Controller, private sim::EventHandler, private RequestSink {
 public:
  KeepWarm(std::string name, const KeepWarmConfig& config, Component& target,
           ControlContext& context)
      : Controller(std::move(name)), config_(config), target_(target), context_(context) {}

  void start() override {
    for (size_t i = 0; i < config_.schedules.size(); ++i) {
      context_.run.simulation.schedule(sim::Time::zero() + config_.schedules[i].offset, *this, i);
    }
  }

  void report(MetricList& metrics) const override {
    const std::string prefix = "controller." + name() + ".";
    metrics.push_back({prefix + "pings", static_cast<double>(sent_), Unit::kCount});
    metrics.push_back({prefix + "pings_throttled", static_cast<double>(throttled_), Unit::kCount});
  }

 private:
  void on_event(uint64_t schedule) override {
    const PingSchedule& s = config_.schedules[schedule];
    const sim::Time now = context_.run.simulation.now();
    const bool measured = now >= context_.run.measure_from;
    for (uint32_t i = 0; i < s.concurrent; ++i) {
      Request ping;
      ping.id = next_id_++;
      ping.arrival = now;
      ping.fixed = config_.ping_duration;  // sleeping: no faster on a faster function
      ping.request_class = kPingClass;
      ping.reply_to = this;
      if (measured) ++sent_;
      target_.accept(ping);
    }
    context_.run.simulation.schedule(now + s.every, *this, schedule);
  }

  void finish(const Request& ping, Outcome outcome) override {
    if (ping.arrival >= context_.run.measure_from && outcome == Outcome::kLambdaThrottled)
      ++throttled_;
  }

  KeepWarmConfig config_;
  Component& target_;
  ControlContext& context_;
  uint64_t next_id_ = 0;
  uint64_t sent_ = 0;       // after warm-up
  uint64_t throttled_ = 0;  // of those
};

std::unique_ptr<Controller> make_keep_warm(const ControllerSpec& spec,
                                           const std::vector<Component*>& driven,
                                           ControlContext& context) {
  SCALESIM_CHECK(dynamic_cast<LambdaFunction*>(driven.front()) != nullptr,
                 "a keep_warm pinger was wired to a component that is not a Lambda function");
  return std::make_unique<KeepWarm>(spec.name, spec.config_as<KeepWarmConfig>(), *driven.front(),
                                    context);
}

}  // namespace

const ControllerKind& KeepWarmConfig::kind() {
  static const ControllerKind row{"keep_warm", {"lambda_function"}, 1, 1, false, make_keep_warm};
  return row;
}

}  // namespace models
