#include "models/infrastructure/database.h"

#include <algorithm>
#include <cmath>

#include "models/infrastructure/request_count.h"
#include "models/pricing/billing_rules.h"
#include "models/topology/service_wait.h"

namespace models {

namespace {

constexpr int64_t kTickUs = 1'000'000;  // Aurora measures capacity every second
constexpr int64_t kTicksPerDownStep = 60;

// Whole steps of 0.5 ACU: capacities and increments are always multiples of 0.5,
// which doubles hold exactly, so comparisons of capacities are exact.
double half_steps_below(double acu) {
  return std::floor(acu * 2) / 2;
}
double half_steps_above(double acu) {
  return std::ceil(acu * 2 - 1e-9) / 2;
}

double scaling_step(double capacity, double fraction) {
  return std::max(0.5, half_steps_below(capacity * fraction));
}

// Capacity-seconds accrued over [from, to), put in the intervals they fall in and
// counted in the measured totals.
class AcuAccount {
 public:
  AcuAccount(AcuTrace& trace, sim::Duration interval, sim::Time measure_from)
      : trace_(trace), width_(interval.us()), measure_from_(measure_from.us()) {}

  void add(int64_t from, int64_t to, double capacity) {
    const auto last = static_cast<int64_t>(trace_.acu_seconds.size()) - 1;
    for (int64_t at = from; at < to;) {
      const int64_t bucket = std::min(at / width_, last);
      const int64_t stop = bucket == last ? to : std::min(to, (bucket + 1) * width_);
      trace_.acu_seconds[static_cast<size_t>(bucket)] +=
          capacity * static_cast<double>(stop - at) / 1e6;
      at = stop;
    }
    const int64_t measured = to - std::max(from, measure_from_);
    if (measured <= 0) return;
    trace_.measured_acu_seconds += capacity * static_cast<double>(measured) / 1e6;
    trace_.measured_peak = std::max(trace_.measured_peak, capacity);
  }

 private:
  AcuTrace& trace_;
  int64_t width_;
  int64_t measure_from_;
};

}  // namespace

AcuTrace aurora_capacity(const std::vector<double>& requests, sim::Duration interval, sim::Time end,
                         sim::Time measure_from, const AuroraScaling& scaling) {
  SCALESIM_CHECK(interval.us() > 0 && !requests.empty(), "bad Aurora capacity input");
  AcuTrace trace;
  trace.acu_seconds.assign(requests.size(), 0.0);
  AcuAccount account(trace, interval, measure_from);
  const int64_t width = interval.us();
  const int64_t stop = end.us();
  const auto last = requests.size() - 1;
  // The target in interval i: its mean request rate in ACUs, within [min, max].
  const auto target_in = [&](size_t i) {
    const int64_t length = std::min(width, stop - static_cast<int64_t>(i) * width);
    const double rate = length > 0 ? requests[i] / (static_cast<double>(length) / 1e6) : 0;
    const double acu = half_steps_above(rate / scaling.requests_per_second_per_acu);
    return std::clamp(acu, scaling.min_acu, scaling.max_acu);
  };

  double capacity = scaling.min_acu;
  int64_t below = 0;  // seconds in a row the target was below the capacity
  for (int64_t t = 0; t < stop;) {
    const size_t i = std::min(static_cast<size_t>(t / width), last);
    const double target = target_in(i);
    if (capacity == target) {
      // Steady until the interval ends: on to the first second at or after its end.
      const int64_t interval_end = i == last ? stop : (static_cast<int64_t>(i) + 1) * width;
      const int64_t next = std::min(stop, (interval_end + kTickUs - 1) / kTickUs * kTickUs);
      account.add(t, next, capacity);
      below = 0;
      t = next;
      continue;
    }
    const int64_t next = std::min(stop, t + kTickUs);
    account.add(t, next, capacity);
    if (target > capacity) {
      capacity = std::min(target, capacity + scaling_step(capacity, scaling.up_per_second));
      below = 0;
    } else if (++below >= kTicksPerDownStep) {
      capacity = std::max(target, capacity - scaling_step(capacity, scaling.down_per_minute));
      below = 0;
    }
    t = next;
  }
  return trace;
}

namespace {

std::string instance_price_key(const DatabaseConfig& c) {
  return "rds.instance." + c.engine + "." + c.instance_class;
}

// The meters a database bills, by price key, in order: compute, then storage and
// I/O when there are any.
std::vector<std::string> database_price_keys(const DatabaseConfig& c) {
  if (!c.serverless()) {
    std::vector<std::string> keys = {instance_price_key(c)};
    if (c.storage_gb > 0) keys.emplace_back("rds.storage.gp3");
    return keys;
  }
  std::vector<std::string> keys = {"aurora.serverless_v2.acu"};
  if (c.storage_gb > 0) keys.emplace_back("aurora.storage");
  if (c.io_per_request > 0) keys.emplace_back("aurora.io");
  return keys;
}

class Database final : public Controller {
 public:
  Database(std::string name, const DatabaseConfig& config, Component& watched,
           ControlContext& context)
      : Controller(std::move(name)),
        config_(config),
        count_(watched, context.run),
        run_(context.run) {
    if (config_.latency) {
      auto* waiting = dynamic_cast<WaitingComponent*>(&watched);
      SCALESIM_CHECK(waiting != nullptr, "a database latency on a component that serves nothing");
      wait_.emplace(*config_.latency, run_.stream("database." + this->name() + ".latency"),
                    run_.measure_from);
      waiting->add_service_wait(*wait_);
    }
    if (!run_.ledger) return;
    for (const std::string& key : database_price_keys(config_)) {
      const std::string what = key.starts_with("rds.instance.") ? "instance_hours"
                               : key.ends_with(".acu")          ? "acu_hours"
                               : key.ends_with(".io")           ? "io"
                                                                : "storage";
      meters_.push_back(run_.ledger->meter(this->name() + "." + what, "rds", key));
    }
  }

  void start() override {
    if (config_.serverless()) count_.start();
  }

  void settle(sim::Time end) override {
    const double run_hours = (end - sim::Time::zero()).seconds() / 3600;
    const double measured_hours = (end - run_.measure_from).seconds() / 3600;
    const double copies = config_.serverless() ? 1.0 + config_.readers : config_.multi_az ? 2 : 1;
    measured_hours_ = measured_hours;
    if (!config_.serverless()) {
      instance_hours_ = copies * measured_hours;
      if (!run_.ledger) return;
      run_.ledger->charge_span(meters_[0], sim::Time::zero(), end, copies * run_hours);
      if (config_.storage_gb > 0) charge_storage(meters_[1], copies, end);
      return;
    }
    const std::vector<double> requests = count_.per_interval(end);
    const AcuTrace trace =
        aurora_capacity(requests, run_.series.interval(), end, run_.measure_from, config_.aurora);
    acu_ = trace;
    if (!run_.ledger) return;
    std::vector<double> acu_hours = trace.acu_seconds;
    for (double& a : acu_hours) a *= copies / 3600;
    charge_intervals(meters_[0], acu_hours, end);
    size_t next = 1;
    // Aurora's storage is the cluster's, shared by its instances.
    if (config_.storage_gb > 0) charge_storage(meters_[next++], 1, end);
    if (config_.io_per_request > 0) {
      std::vector<double> millions = requests;
      for (double& m : millions) m *= config_.io_per_request / 1e6;
      charge_intervals(meters_[next], millions, end);
    }
  }

  void report(MetricList& metrics) const override {
    const std::string prefix = "controller." + name() + ".";
    if (wait_) {
      metrics.push_back(
          {prefix + "latency_mean_ms", wait_->measured_mean_ms(), Unit::kMilliseconds});
      metrics.push_back({prefix + "latency_requests",
                         static_cast<double>(wait_->measured_requests()), Unit::kCount});
    }
    if (!config_.serverless()) {
      metrics.push_back({prefix + "instance_hours", instance_hours_, Unit::kNumber});
      return;
    }
    const double seconds = measured_hours_ * 3600;
    metrics.push_back({prefix + "acu_mean", seconds > 0 ? acu_.measured_acu_seconds / seconds : 0,
                       Unit::kNumber});
    metrics.push_back({prefix + "acu_peak", acu_.measured_peak, Unit::kNumber});
    metrics.push_back({prefix + "acu_hours",
                       acu_.measured_acu_seconds * (1.0 + config_.readers) / 3600, Unit::kNumber});
  }

 private:
  void charge_storage(Ledger::Meter meter, double copies, sim::Time end) {
    const sim::Duration run = end - sim::Time::zero();
    run_.ledger->charge_span(meter, sim::Time::zero(), end,
                             copies * config_.storage_gb * run.seconds() / kBillingMonth.seconds());
  }
  // Bills per_interval[i] units of `meter` over interval i of the series.
  void charge_intervals(Ledger::Meter meter, const std::vector<double>& per_interval,
                        sim::Time end) {
    const sim::Duration width = run_.series.interval();
    for (size_t i = 0; i < per_interval.size(); ++i) {
      const sim::Time from = sim::Time::micros(static_cast<int64_t>(i) * width.us());
      const sim::Time to = std::min(end, from + width);
      if (per_interval[i] > 0 && from < to)
        run_.ledger->charge_span(meter, from, to, per_interval[i]);
    }
  }

  DatabaseConfig config_;
  RequestCount count_;
  const RunContext& run_;
  std::vector<Ledger::Meter> meters_;  // in the order of database_price_keys()
  double measured_hours_ = 0;
  double instance_hours_ = 0;        // RDS, in the measured window, standby included
  AcuTrace acu_;                     // Aurora, per instance
  std::optional<ServiceWait> wait_;  // with a latency: what the driven component's requests wait
};

std::unique_ptr<Controller> make_database(const ControllerSpec& spec,
                                          const std::vector<Component*>& driven,
                                          ControlContext& context) {
  return std::make_unique<Database>(spec.name, spec.config_as<DatabaseConfig>(), *driven.front(),
                                    context);
}

std::vector<std::string> database_prices(const ControllerSpec& spec) {
  return database_price_keys(spec.config_as<DatabaseConfig>());
}

// A latency needs a component whose requests are served there, not one that
// forwards them (an alb, an api_gateway): the time is spent in a request's service.
std::vector<BindingProblem> check_database(const ControllerSpec& spec,
                                           const ComponentSpec& driven) {
  if (!spec.config_as<DatabaseConfig>().latency || driven.kind->forwards_to.empty()) return {};
  return {{"/latency",
           "expected a latency on a database that drives a component serving "
           "requests itself (ecs_service, lambda_function, server_fleet), found one "
           "that drives " +
               std::string(driven.kind->name) + " \"" + driven.name + "\", which forwards them"}};
}

}  // namespace

// AWS's DB instance class tables (AWSDOCS-RDS "DB instance classes").
const std::vector<RdsInstanceClass>& rds_instance_classes() {
  static const std::vector<RdsInstanceClass> classes = {
      {"db.t3.micro", 2, 1},  {"db.t3.small", 2, 2},  {"db.t3.medium", 2, 4}, {"db.t3.large", 2, 8},
      {"db.t4g.micro", 2, 1}, {"db.t4g.small", 2, 2}, {"db.m5.large", 2, 8},
  };
  return classes;
}

const ControllerKind& DatabaseConfig::kind() {
  static const ControllerKind row{.name = "database",
                                  .drives = request_counted_kinds(),
                                  .sets_capacity = false,
                                  .make = make_database,
                                  .price_keys = database_prices,
                                  .check = check_database};
  return row;
}

}  // namespace models
