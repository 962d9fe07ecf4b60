// The Auto Scaling group controller behind AsgConfig (asg.h). Internal to
// models/policies: asg_group.cc keeps the fleet at its desired capacity,
// asg_rules.cc moves the desired capacity, asg_predictive.cc acts on the
// predictive scaling policy's forecasts (predictive_policy.h makes them).
#ifndef SCALESIM_MODELS_POLICIES_ASG_GROUP_H_
#define SCALESIM_MODELS_POLICIES_ASG_GROUP_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/control/alarm.h"
#include "models/control/capacity.h"
#include "models/control/cloudwatch.h"
#include "models/control/control_plane.h"
#include "models/control/controller.h"
#include "models/policies/asg.h"
#include "models/policies/predictive_policy.h"
#include "sim/periodic_timer.h"

namespace models {

class AutoScalingGroup final : public Controller,
                               private sim::TickHandler,
                               private sim::EventHandler,
                               private MetricSubscriber,
                               private CallObserver {
 public:
  AutoScalingGroup(std::string name, const AsgConfig& config, Component& fleet,
                   ControlContext& context);

  void start() override;
  void report(MetricList& metrics) const override;

 private:
  // The timers' tags.
  enum Timer : int { kReconcile, kForecastRefresh, kForecastAction };
  struct TrackingState {
    Alarm high;
    Alarm low;
  };
  struct Proposal {
    bool out = false;  // AlarmHigh in ALARM
    bool in = false;   // AlarmLow in ALARM (and scale-in enabled)
    uint32_t desired = 0;
  };
  // A call under way: a launch of `count`, or the termination of `ids`.
  struct PendingCall {
    bool launch = true;
    uint32_t count = 0;
    std::vector<uint64_t> ids;
  };

  // asg_group.cc: reconciling the fleet with the desired capacity.
  void on_tick(int tag) override;
  void on_call_done(uint64_t tag, const CallResult& result) override;
  void reconcile();
  uint32_t batch_limit(ApiId api) const;
  void request_launch(uint32_t count);
  void request_termination(uint32_t count);
  std::vector<uint64_t> pick_for_termination(uint32_t count);
  bool being_terminated(uint64_t id) const;
  uint64_t remember(PendingCall call);
  void update_service();
  double scale_in_factor(const TargetTrackingPolicy& policy) const;
  sim::Duration cooldown(const std::optional<sim::Duration>& set) const;
  void forget_warm_instances();

  // asg_rules.cc: what moves the desired capacity.
  void on_published(int tag, const Datapoints& datapoints) override;
  void on_event(uint64_t action) override;  // a scheduled action is due
  Proposal track(size_t policy, const Datapoints& datapoints);
  void apply_target_tracking(const Datapoints& datapoints);
  void apply_step_scaling(size_t policy, const Datapoints& datapoints);
  std::optional<int64_t> step_adjustment(const StepScalingPolicy& policy, double value,
                                         uint32_t base) const;
  bool scale_in_blocked() const;
  void schedule_action(size_t action);
  void set_desired(uint32_t desired, std::string_view why, std::string detail);

  // asg_predictive.cc: the predictive scaling policy.
  void start_predictive();
  void act_on_forecast();  // a forecast interval starts `scheduling_buffer` from now
  void report_predictive(const std::string& prefix, MetricList& metrics) const;

  AsgConfig config_;
  Component& fleet_component_;
  ScalableCapacity& fleet_;
  ControlContext& context_;
  sim::Simulation& sim_;
  sim::RandomStream termination_rng_;
  sim::PeriodicTimer reconcile_timer_;
  sim::PeriodicTimer refresh_timer_;  // predictive scaling's
  sim::PeriodicTimer action_timer_;   // predictive scaling's
  std::optional<ApiId> run_instances_;
  std::optional<ApiId> terminate_instances_;
  // Application Auto Scaling: the service whose desired count it sets, and how.
  DesiredCountCapacity* service_ = nullptr;
  std::optional<ApiId> update_service_;
  bool updating_ = false;  // an UpdateService call under way
  sim::Time scale_out_allowed_;
  sim::Time scale_in_allowed_;

  uint32_t min_;
  uint32_t max_;
  uint32_t desired_ = 0;
  uint32_t launching_ = 0;  // instances asked for, the call not yet answered
  // Instances the group launched and that may still be warming up; older ones
  // are forgotten once their warm-up is over.
  std::vector<uint64_t> launched_ids_;
  std::vector<std::optional<PendingCall>> calls_;
  std::vector<TrackingState> tracking_;
  std::vector<Alarm> step_alarms_;
  std::vector<sim::Time> step_cooldown_until_;
  // Predictive scaling, when configured.
  std::optional<PredictiveForecaster> forecaster_;
  // ForecastAndScale: the forecast capacity of the current interval, under which
  // dynamic policies do not scale in; 0 otherwise.
  uint32_t forecast_floor_ = 0;
  uint64_t predictive_scale_outs_ = 0;

  sim::TimeSeries::Column desired_column_;
  sim::TimeSeries::Column scale_outs_column_;
  sim::TimeSeries::Column scale_ins_column_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_ASG_GROUP_H_
