// replayed_function: a Lambda function that runs no invocation and whose
// concurrency comes from a recorded history, for `scalesim dry-run` of a
// provisioned_target_tracking policy (docs/importing.md).
//
// Provisioned concurrency is a real LambdaFunction's (lambda_function.h): what
// is configured is billed, and an increase is ready after the function's
// allocation_delay. The history gives the concurrency C, one value per `period`
// from time zero (ConcurrentExecutions read as the period's mean). With R
// provisioned environments ready, min(C, R) of them are busy; the rest of C
// spills over to on-demand environments. CloudWatch's
// ProvisionedConcurrencyUtilization is then busy over ready, each averaged over
// the minute, and missing in a minute with nothing busy (cloudwatch.h).
// The invocations' duration is billed: GB-seconds of min(C, R) at the
// provisioned duration price and of the rest at the on-demand one. Not billed:
// requests (a concurrency history does not count them) and cold starts.
#ifndef SCALESIM_MODELS_DRYRUN_REPLAYED_FUNCTION_H_
#define SCALESIM_MODELS_DRYRUN_REPLAYED_FUNCTION_H_

#include <optional>
#include <vector>

#include "models/control/cloudwatch.h"
#include "models/pricing/ledger.h"
#include "models/serverless/lambda_function.h"
#include "sim/periodic_timer.h"

namespace models {

struct ReplayedFunctionConfig {
  static const ComponentKind& kind();  // "replayed_function": serves no request

  LambdaConfig function;
  sim::Duration period = sim::Duration::minutes(1);
  std::vector<double> concurrency;  // one per period from time zero; past the end, the last
};

class ReplayedFunction final : public Component,
                               public ProvisionedCapacity,
                               public MetricSource,
                               private sim::TickHandler,
                               private sim::EventHandler {
 public:
  // REQUIRES: concurrency not empty, period > 0.
  ReplayedFunction(std::string name, const ReplayedFunctionConfig& config,
                   const RunContext& context);

  void accept(const Request& request) override { function_.accept(request); }
  int64_t held() const override { return function_.held(); }
  void settle(sim::Time end) override;
  void report(MetricList& metrics) const override;

  // ProvisionedCapacity: configured and ready are the function's; busy and
  // ready seconds come from the history.
  uint32_t provisioned_configured() const override { return function_.provisioned_configured(); }
  uint32_t provisioned_ready() const override { return function_.provisioned_ready(); }
  void set_provisioned(uint32_t amount) override;
  double provisioned_busy_seconds() const override;
  double provisioned_ready_seconds() const override;
  void track_provisioned() override {}

  // MetricSource: the same two integrals (an alarm_watch reads them).
  void track_usage() override {}
  UsageSnapshot usage() const override;

 private:
  void on_tick(int /*tag*/) override { integrate(); }
  // An allocation came due: integrate up to it with the readiness before it.
  void on_event(uint64_t payload) override;
  void integrate() const;

  double gb_;  // the function's memory, GB
  std::vector<double> concurrency_;
  sim::Duration period_;
  sim::Duration allocation_delay_;
  sim::Simulation& sim_;
  sim::TimeSeries& series_;
  Ledger* ledger_;
  LambdaFunction function_;
  sim::PeriodicTimer boundaries_;
  std::optional<Ledger::Meter> duration_meter_;
  std::optional<Ledger::Meter> provisioned_duration_meter_;

  mutable sim::Time integrated_to_;
  mutable uint32_t ready_ = 0;  // the function's provisioned_ready() since integrated_to_
  mutable double busy_seconds_ = 0;
  mutable double ready_seconds_ = 0;
  sim::TimeSeries::Column concurrency_column_;  // concurrency x 1000
  mutable int64_t concurrency_level_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_DRYRUN_REPLAYED_FUNCTION_H_
