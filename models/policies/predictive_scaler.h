// The controller behind PredictiveConfig (predictive.h). Internal to
// models/policies: predictive.cc forecasts and moves the desired capacity,
// predictive_fleet.cc keeps the fleet at it as an Auto Scaling group does.
#ifndef SCALESIM_MODELS_POLICIES_PREDICTIVE_SCALER_H_
#define SCALESIM_MODELS_POLICIES_PREDICTIVE_SCALER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/control/alarm.h"
#include "models/control/capacity.h"
#include "models/control/cloudwatch.h"
#include "models/control/control_plane.h"
#include "models/control/controller.h"
#include "models/policies/predictive.h"
#include "sim/periodic_timer.h"

namespace models {

class PredictiveScaler final : public Controller,
                               private sim::TickHandler,
                               private MetricSubscriber,
                               private CallObserver {
 public:
  PredictiveScaler(std::string name, const PredictiveConfig& config, Component& fleet,
                   ControlContext& context);

  void start() override;
  void report(MetricList& metrics) const override;

 private:
  enum Timer : int { kReconcile, kRefresh, kAction };
  struct TrackingState {
    Alarm high;
    Alarm low;
  };
  // A call under way: a launch of `count`, or the termination of `ids`.
  struct PendingCall {
    bool launch = true;
    uint32_t count = 0;
    std::vector<uint64_t> ids;
  };
  // An interval whose forecast is compared with what CloudWatch then measures.
  struct Check {
    sim::Time start;
    sim::Time end;
    double forecast;
  };

  void on_tick(int tag) override;
  void on_published(int tag, const Datapoints& datapoints) override;

  // predictive.cc: the forecast and what moves the desired capacity.
  double load_of(const Datapoints& datapoints) const;
  void refresh_forecast();
  void act();  // an interval begins `scheduling_buffer` from now
  uint32_t capacity_for(double load) const;
  void score_forecasts();
  void apply_target_tracking(const Datapoints& datapoints);
  void set_desired(uint32_t desired, std::string_view why, std::string detail);

  // predictive_fleet.cc: reconciling the fleet with the desired capacity.
  void on_call_done(uint64_t tag, const CallResult& result) override;
  void reconcile();
  uint32_t batch_limit(ApiId api) const;
  void request_launch(uint32_t count);
  void request_termination(uint32_t count);
  std::vector<uint64_t> pick_for_termination(uint32_t count);
  bool being_terminated(uint64_t id) const;
  uint64_t remember(PendingCall call);
  void forget_warm_instances();
  bool scale_in_blocked() const;

  PredictiveConfig config_;
  const PredictivePolicy& policy_;
  Component& fleet_component_;
  ScalableCapacity& fleet_;
  ControlContext& context_;
  sim::Simulation& sim_;
  sim::RandomStream termination_rng_;
  sim::PeriodicTimer reconcile_timer_;
  sim::PeriodicTimer refresh_timer_;
  sim::PeriodicTimer action_timer_;
  ApiId run_instances_ = 0;
  ApiId terminate_instances_ = 0;

  uint32_t min_;
  uint32_t max_;
  uint32_t desired_ = 0;
  uint32_t floor_ = 0;      // the forecast capacity of the current interval (scaling mode)
  uint32_t launching_ = 0;  // instances asked for, the call not yet answered
  std::vector<uint64_t> launched_ids_;
  std::vector<std::optional<PendingCall>> calls_;
  std::vector<TrackingState> tracking_;

  LoadHistory history_;
  std::optional<LoadForecast> forecast_;
  uint64_t forecasts_ = 0;
  uint64_t predictive_scale_outs_ = 0;
  std::vector<Check> checks_;  // in start order
  double error_sum_ = 0;       // of |observed - forecast| / observed
  uint64_t errors_ = 0;

  sim::TimeSeries::Column desired_column_;
  sim::TimeSeries::Column forecast_column_;
  sim::TimeSeries::Column scale_outs_column_;
  sim::TimeSeries::Column scale_ins_column_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_POLICIES_PREDICTIVE_SCALER_H_
