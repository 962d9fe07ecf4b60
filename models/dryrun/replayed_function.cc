#include "models/dryrun/replayed_function.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/check.h"

namespace models {

ReplayedFunction::ReplayedFunction(std::string name, const ReplayedFunctionConfig& config,
                                   const RunContext& context)
    : Component(name),
      gb_(config.function.memory_mb / 1024.0),
      concurrency_(config.concurrency),
      period_(config.period),
      allocation_delay_(config.function.allocation_delay),
      sim_(context.simulation),
      series_(context.series),
      ledger_(context.ledger),
      function_(name, config.function, context),
      boundaries_(context.simulation, *this, 0),
      integrated_to_(context.simulation.now()) {
  SCALESIM_CHECK(!concurrency_.empty() && period_ > sim::Duration(),
                 "a replayed function needs a history");
  if (ledger_) {
    const std::string arch =
        config.function.architecture == Architecture::kArm64 ? "arm64" : "x86_64";
    duration_meter_ =
        ledger_->meter(this->name() + ".replayed_duration", "lambda", "lambda.duration." + arch);
    provisioned_duration_meter_ = ledger_->meter(this->name() + ".replayed_provisioned_duration",
                                                 "lambda", "lambda.provisioned_duration." + arch);
  }
  ready_ = function_.provisioned_ready();
  concurrency_column_ = series_.level(this->name(), "replayed_concurrency_milli");
  boundaries_.start(sim_.now() + period_, period_);
}

void ReplayedFunction::integrate() const {
  const sim::Time from = integrated_to_;
  const sim::Time now = sim_.now();
  if (now <= from) return;
  const int64_t period = period_.us();
  std::vector<sim::Time> cuts{from};
  for (int64_t k = from.us() / period + 1; k * period < now.us(); ++k)
    cuts.push_back(sim::Time::micros(k * period));
  cuts.push_back(now);
  for (size_t s = 0; s + 1 < cuts.size(); ++s) {
    const sim::Time a = cuts[s];
    const sim::Time b = cuts[s + 1];
    const auto k = static_cast<size_t>(a.us() / period);
    const double concurrency = concurrency_[std::min(k, concurrency_.size() - 1)];
    const double busy = std::min(concurrency, static_cast<double>(ready_));
    const double seconds = (b - a).seconds();
    busy_seconds_ += busy * seconds;
    ready_seconds_ += ready_ * seconds;
    if (ledger_) {
      ledger_->charge_span(*provisioned_duration_meter_, a, b, busy * seconds * gb_);
      ledger_->charge_span(*duration_meter_, a, b, (concurrency - busy) * seconds * gb_);
    }
    const auto level = static_cast<int64_t>(std::llround(concurrency * 1000));
    series_.change(concurrency_column_, a, level - concurrency_level_);
    concurrency_level_ = level;
  }
  integrated_to_ = now;
}

void ReplayedFunction::set_provisioned(uint32_t amount) {
  integrate();
  const uint32_t before = function_.provisioned_configured();
  function_.set_provisioned(amount);
  ready_ = function_.provisioned_ready();
  // After the function's own allocation event at the same instant.
  if (amount > before) sim_.schedule_after(allocation_delay_, *this, 0);
}

void ReplayedFunction::on_event(uint64_t /*payload*/) {
  integrate();
  ready_ = function_.provisioned_ready();
}

double ReplayedFunction::provisioned_busy_seconds() const {
  integrate();
  return busy_seconds_;
}

double ReplayedFunction::provisioned_ready_seconds() const {
  integrate();
  return ready_seconds_;
}

UsageSnapshot ReplayedFunction::usage() const {
  integrate();
  UsageSnapshot snapshot;
  snapshot.provisioned_busy_seconds = busy_seconds_;
  snapshot.provisioned_ready_seconds = ready_seconds_;
  return snapshot;
}

void ReplayedFunction::settle(sim::Time end) {
  integrate();
  function_.settle(end);
}

void ReplayedFunction::report(MetricList& metrics) const {
  function_.report(metrics);
}

namespace {

std::unique_ptr<Component> make_replayed(const ComponentSpec& spec, const std::vector<Successor>&,
                                         const RunContext& context) {
  return std::make_unique<ReplayedFunction>(spec.name, spec.config_as<ReplayedFunctionConfig>(),
                                            context);
}

// What the function replayed bills, provisioned concurrency included.
std::vector<std::string> replayed_prices(const ComponentSpec& spec) {
  LambdaConfig function = spec.config_as<ReplayedFunctionConfig>().function;
  function.provisioned_concurrency = std::max<uint32_t>(function.provisioned_concurrency, 1);
  const ComponentSpec lambda{spec.name, {}, function};
  return LambdaConfig::kind().price_keys(lambda);
}

}  // namespace

const ComponentKind& ReplayedFunctionConfig::kind() {
  static const ComponentKind row{"replayed_function", true,           {}, 0, 0,
                                 make_replayed,       replayed_prices};
  return row;
}

}  // namespace models
