// The predictive group: its load history, forecasts, the capacity it schedules
// ahead, and target tracking beside it (predictive.h states the rules).
#include "models/policies/predictive.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/policies/fleet_metric.h"
#include "models/policies/predictive_scaler.h"
#include "models/policies/tracking_math.h"
#include "sim/check.h"

namespace models {

namespace {

// AWS: forecasts need 24 hours of the metric and use up to the last 14 days.
constexpr size_t kLeastHistoryMinutes = 24 * 60;
constexpr size_t kMostHistoryMinutes = 14 * 24 * 60;
constexpr sim::Duration kMinute = sim::Duration::minutes(1);

ScalableCapacity& capacity_of(Component& component) {
  auto* capacity = dynamic_cast<ScalableCapacity*>(&component);
  SCALESIM_CHECK(capacity != nullptr,
                 "a predictive group was wired to a component that cannot scale");
  return *capacity;
}

ApiId api(ControlPlane& control_plane, std::string_view name) {
  const std::optional<ApiId> id = control_plane.find(name);
  SCALESIM_CHECK(id.has_value(), "the control plane lacks an API a predictive group calls");
  return *id;
}

int64_t positive_mod(int64_t x, int64_t m) {
  const int64_t r = x % m;
  return r < 0 ? r + m : r;
}

}  // namespace

PredictiveScaler::PredictiveScaler(std::string name, const PredictiveConfig& config,
                                   Component& fleet, ControlContext& context)
    : Controller(std::move(name)),
      config_(config),
      policy_(config_.policy),
      fleet_component_(fleet),
      fleet_(capacity_of(fleet)),
      context_(context),
      sim_(context.run.simulation),
      termination_rng_(context.run.stream("asg:" + this->name() + ".termination")),
      reconcile_timer_(context.run.simulation, *this, kReconcile),
      refresh_timer_(context.run.simulation, *this, kRefresh),
      action_timer_(context.run.simulation, *this, kAction),
      run_instances_(api(context.control_plane, "ec2:RunInstances")),
      terminate_instances_(api(context.control_plane, "ec2:TerminateInstances")),
      min_(config.group.min),
      max_(config.group.max) {
  sim::TimeSeries& series = context.run.series;
  desired_column_ = series.level(this->name(), "instances_desired");
  forecast_column_ = series.level(this->name(), "forecast_capacity");
  scale_outs_column_ = series.counter(this->name(), "scale_outs");
  scale_ins_column_ = series.counter(this->name(), "scale_ins");
  for (const TargetTrackingPolicy& tracking : config.group.target_tracking) {
    const double factor = tracking.scale_in_factor.value_or(0.7);  // an Auto Scaling group's
    tracking_.push_back({Alarm({Comparison::kGreater, tracking.target, tracking.high_periods,
                                tracking.high_datapoints}),
                         Alarm({Comparison::kLess, tracking.target * factor, tracking.low_periods,
                                tracking.low_datapoints})});
  }
}

void PredictiveScaler::start() {
  const CapacityCounts counts = fleet_.counts();
  desired_ =
      std::clamp(config_.group.desired.value_or(counts.pending + counts.in_service), min_, max_);
  context_.run.series.change(desired_column_, sim_.now(), desired_);
  reconcile_timer_.start(sim_.now(), config_.group.reconcile_interval);
  refresh_timer_.start(sim_.now() + policy_.refresh, policy_.refresh);
  // Actions fire `scheduling_buffer` before each interval of the local clock.
  const int64_t step = policy_.forecast_interval.us();
  const int64_t lead = positive_mod(
      -(sim_.now().us() + policy_.scheduling_buffer.us() + context_.run.local_offset.us()), step);
  action_timer_.start(sim_.now() + sim::Duration::micros(lead), policy_.forecast_interval);
  auto* source = dynamic_cast<MetricSource*>(&fleet_component_);
  SCALESIM_CHECK(source != nullptr, "a predictive group's fleet publishes no metrics");
  context_.cloudwatch.subscribe(*source, *this, 0, config_.group.metric_delay);
}

void PredictiveScaler::on_tick(int tag) {
  switch (tag) {
    case kReconcile:
      return reconcile();
    case kRefresh:
      if (history_.per_minute.size() >= kLeastHistoryMinutes) refresh_forecast();
      return;
    case kAction:
      return act();
  }
}

// The load metric of one period: the target group's requests, or the sum of the
// instances' CPU utilisation.
double PredictiveScaler::load_of(const Datapoints& datapoints) const {
  if (policy_.metric == PredictiveMetric::kRequestCount) return datapoints.request_count;
  double total = 0;
  for (const InstanceDatapoint& instance : datapoints.instances) total += instance.cpu_percent;
  return total;
}

void PredictiveScaler::on_published(int /*tag*/, const Datapoints& datapoints) {
  if (history_.per_minute.empty()) history_.start = datapoints.period_start;
  history_.per_minute.push_back(load_of(datapoints));
  score_forecasts();
  if (!tracking_.empty()) apply_target_tracking(datapoints);
  // The first forecast as soon as there are 24 hours of data; then every refresh.
  if (!forecast_ && history_.per_minute.size() == kLeastHistoryMinutes) refresh_forecast();
}

void PredictiveScaler::refresh_forecast() {
  std::vector<double>& minutes = history_.per_minute;
  if (minutes.size() > kMostHistoryMinutes) {
    const size_t drop = minutes.size() - kMostHistoryMinutes;
    minutes.erase(minutes.begin(), minutes.begin() + static_cast<std::ptrdiff_t>(drop));
    history_.start += kMinute * static_cast<int64_t>(drop);
  }
  ForecastOptions options;
  options.interval = policy_.forecast_interval;
  options.daily_harmonics = policy_.daily_harmonics;
  options.spikes = policy_.known_spikes;
  try {
    forecast_ = forecast_load(history_, sim_.now(), context_.run.local_offset, options);
  } catch (const std::invalid_argument& e) {
    // Load in too few hours for the model: keep the last forecast.
    if (context_.run.events)
      context_.run.events->add(sim_.now(), name(), "forecast_failed", e.what());
    return;
  }
  ++forecasts_;
  if (!context_.run.events) return;
  double peak = 0;
  for (const ForecastInterval& interval : forecast_->intervals)
    peak = std::max(peak, interval.load);
  std::string detail = "from " + std::to_string(minutes.size() / 60) + " h of history, peak " +
                       figure(peak, 4) + " per minute -> capacity " +
                       std::to_string(capacity_for(peak));
  for (size_t j = 0; j < forecast_->spike_factors.size(); ++j) {
    detail += ", spike " + std::to_string(j + 1) + " x" + figure(forecast_->spike_factors[j], 3);
  }
  context_.run.events->add(sim_.now(), name(), "forecast", std::move(detail));
}

uint32_t PredictiveScaler::capacity_for(double load) const {
  return tracked_capacity(1, load, policy_.target);
}

// An interval starts `scheduling_buffer` from now: its forecast capacity becomes
// the floor, and in ForecastAndScale the group scales out to it (never in).
void PredictiveScaler::act() {
  const sim::Time start = sim_.now() + policy_.scheduling_buffer;
  const ForecastInterval* interval = forecast_ ? forecast_->find(start) : nullptr;
  const uint32_t capacity = interval ? capacity_for(interval->load) : 0;
  const int64_t shown = context_.run.series.current(forecast_column_);
  context_.run.series.change(forecast_column_, sim_.now(), int64_t{capacity} - shown);
  floor_ = 0;
  if (!interval) return;
  checks_.push_back({start, start + policy_.forecast_interval, interval->load});
  if (policy_.mode != PredictiveMode::kForecastAndScale) return;
  const double wanted = capacity * (1 + policy_.max_capacity_buffer / 100.0);
  if (policy_.increase_max && wanted > max_) {
    const auto raised = static_cast<uint32_t>(std::ceil(wanted - 1e-9));
    if (context_.run.events) {
      context_.run.events->add(sim_.now(), name(), "max_raised",
                               "max " + std::to_string(max_) + " -> " + std::to_string(raised));
    }
    max_ = raised;
  }
  floor_ = std::min(capacity, max_);
  if (floor_ <= desired_) return;
  ++predictive_scale_outs_;
  set_desired(floor_, "scale_out",
              "predictive: forecast " + figure(interval->load, 4) + " per minute from +" +
                  std::to_string(policy_.scheduling_buffer.us() / 1'000'000) + "s");
}

// Compares each interval's forecast with the load CloudWatch measured, once the
// interval is over; intervals before the end of the warm-up do not count.
void PredictiveScaler::score_forecasts() {
  const sim::Time measured_to =
      history_.start + kMinute * static_cast<int64_t>(history_.per_minute.size());
  size_t done = 0;
  for (; done < checks_.size() && checks_[done].end <= measured_to; ++done) {
    const Check& check = checks_[done];
    if (check.start < context_.run.measure_from || check.start < history_.start) continue;
    const auto first = static_cast<size_t>((check.start - history_.start).us() / kMinute.us());
    const auto count = static_cast<size_t>((check.end - check.start).us() / kMinute.us());
    double observed = 0;
    for (size_t i = first; i < first + count; ++i) observed += history_.per_minute[i];
    observed /= static_cast<double>(count);
    if (observed <= 0) continue;
    error_sum_ += std::abs(observed - check.forecast) / observed;
    ++errors_;
  }
  checks_.erase(checks_.begin(), checks_.begin() + static_cast<std::ptrdiff_t>(done));
}

// Target tracking as in an Auto Scaling group (asg_rules.cc), above the floor:
// out when any policy asks, in only when every policy that may scale in asks,
// never below the forecast capacity of the current interval.
void PredictiveScaler::apply_target_tracking(const Datapoints& datapoints) {
  uint32_t out_to = 0;
  bool any_out = false;
  bool all_in = true;
  bool any_may_scale_in = false;
  uint32_t in_to = 0;
  for (size_t i = 0; i < tracking_.size(); ++i) {
    const TargetTrackingPolicy& tracking = config_.group.target_tracking[i];
    const std::optional<MetricReading> reading =
        read_fleet_metric(datapoints, tracking.metric, Statistic::kAverage,
                          config_.group.instance_warmup, launched_ids_);
    const std::optional<double> value =
        reading ? std::optional<double>(reading->value) : std::nullopt;
    const bool high = tracking_[i].high.add(value) == AlarmState::kAlarm;
    const bool low = tracking_[i].low.add(value) == AlarmState::kAlarm;
    const uint32_t proposal =
        reading ? tracked_capacity(reading->capacity, reading->value, tracking.target) : 0;
    if (reading && high) {
      any_out = true;
      out_to = std::max(out_to, proposal);
    }
    if (!tracking.scale_in) continue;
    any_may_scale_in = true;
    all_in = all_in && reading && low;
    in_to = std::max(in_to, proposal);
  }
  if (any_out) {
    if (out_to > desired_) set_desired(out_to, "scale_out", "target tracking");
    return;
  }
  const uint32_t to = std::max({in_to, min_, floor_});
  if (any_may_scale_in && all_in && to < desired_ && !scale_in_blocked()) {
    set_desired(
        to, "scale_in",
        to == floor_ && floor_ > in_to ? "target tracking, to the forecast" : "target tracking");
  }
}

void PredictiveScaler::set_desired(uint32_t desired, std::string_view why, std::string detail) {
  desired = std::clamp(desired, min_, max_);
  if (desired == desired_) return;
  const bool out = desired > desired_;
  context_.run.series.change(desired_column_, sim_.now(),
                             static_cast<int64_t>(desired) - static_cast<int64_t>(desired_));
  context_.run.series.count(out ? scale_outs_column_ : scale_ins_column_, sim_.now());
  if (context_.run.events) {
    context_.run.events->add(sim_.now(), name(), why,
                             "desired " + std::to_string(desired_) + " -> " +
                                 std::to_string(desired) + (detail.empty() ? "" : ", " + detail));
  }
  desired_ = desired;
}

void PredictiveScaler::report(MetricList& metrics) const {
  const std::string prefix = "controller." + name() + ".";
  const sim::TimeSeries& series = context_.run.series;
  metrics.push_back({prefix + "scale_outs", series.total(scale_outs_column_), Unit::kCount});
  metrics.push_back({prefix + "scale_ins", series.total(scale_ins_column_), Unit::kCount});
  metrics.push_back({prefix + "desired_mean", series.mean(desired_column_), Unit::kNumber});
  metrics.push_back({prefix + "forecasts", static_cast<double>(forecasts_), Unit::kCount});
  metrics.push_back(
      {prefix + "forecast_capacity_mean", series.mean(forecast_column_), Unit::kNumber});
  metrics.push_back({prefix + "predictive_scale_outs", static_cast<double>(predictive_scale_outs_),
                     Unit::kCount});
  metrics.push_back({prefix + "forecast_intervals", static_cast<double>(errors_), Unit::kCount});
  metrics.push_back({prefix + "forecast_mape",
                     errors_ ? error_sum_ / static_cast<double>(errors_) : 0.0, Unit::kRatio});
}

namespace {

std::unique_ptr<Controller> make_predictive(const ControllerSpec& spec,
                                            const std::vector<Component*>& driven,
                                            ControlContext& context) {
  return std::make_unique<PredictiveScaler>(spec.name, spec.config_as<PredictiveConfig>(),
                                            *driven.front(), context);
}

std::vector<CallSite> predictive_calls(const ControllerSpec&) {
  return {{"ec2:RunInstances", ""}, {"ec2:TerminateInstances", ""}};
}

// An Auto Scaling group's target tracking has no cooldowns (its warm-up plays their part).
std::vector<BindingProblem> check_predictive(const ControllerSpec& spec, const ComponentSpec&) {
  const PredictiveConfig& config = spec.config_as<PredictiveConfig>();
  std::vector<BindingProblem> problems;
  for (size_t i = 0; i < config.group.target_tracking.size(); ++i) {
    const TargetTrackingPolicy& policy = config.group.target_tracking[i];
    for (const auto& [key, set] : {std::pair{"scale_out_cooldown", policy.scale_out_cooldown},
                                   std::pair{"scale_in_cooldown", policy.scale_in_cooldown}}) {
      if (!set) continue;
      problems.push_back({"/target_tracking/" + std::to_string(i) + "/" + key,
                          "expected no cooldown on a server_fleet (an Auto Scaling group's "
                          "target tracking has its warm-up instead), found one"});
    }
  }
  return problems;
}

}  // namespace

const ControllerKind& PredictiveConfig::kind() {
  static const ControllerKind row{"predictive", {"server_fleet"}, 1,       1,
                                  true,         make_predictive,  nullptr, predictive_calls,
                                  nullptr,      check_predictive};
  return row;
}

}  // namespace models
