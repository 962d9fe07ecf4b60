// lambda_function: an AWS Lambda function invoked on demand.
//
// Each invocation runs in an execution environment. A warm one (idle and not yet
// reclaimed) is reused, newest idle first; without one, Lambda creates an
// environment, which costs an init phase first (a cold start). Idle environments
// are reclaimed after an idle lifetime drawn per environment. Live environments
// (busy or warm) are measured beside busy ones: keeping idle ones is what
// keep-warm pings and provisioned concurrency pay for. Concurrency (busy
// environments) is capped by the function's reserved concurrency, or else by the
// account's limit; new environments are also capped by the scaling rate (1,000
// per 10 s per function since 2023-11-27). Requests over either cap end as
// lambda_throttled; an invocation longer than the timeout ends as lambda_timeout
// after running (and being billed) for the timeout.
//
// Provisioned concurrency keeps a number of environments initialised: requests
// take an idle provisioned one first, and spill over to on-demand ones beyond.
//
// Billing: requests, and duration rounded up to 1 ms times memory in GB, at the
// architecture's tiered GB-second price; invocations on provisioned environments
// at the provisioned-duration price instead, plus the provisioned environments'
// memory for every second they are configured (AWS Lambda pricing page). The init phase is billed
// too (AWS bills it for every on-demand function since 2025-08-01, AWS Compute Blog 2025-04-29);
// bill_init = false models earlier bills of ZIP functions on managed runtimes.
#ifndef SCALESIM_MODELS_SERVERLESS_LAMBDA_FUNCTION_H_
#define SCALESIM_MODELS_SERVERLESS_LAMBDA_FUNCTION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/pricing/batched_meter.h"
#include "models/serverless/environment_tally.h"
#include "models/serverless/function_vpc.h"
#include "models/serverless/lambda_account.h"
#include "models/serverless/lambda_limits.h"
#include "models/serverless/provisioned_capacity.h"
#include "models/token_bucket.h"
#include "models/topology/component.h"
#include "models/topology/kind.h"
#include "models/topology/service_wait.h"
#include "sim/distribution.h"
#include "sim/timer_set.h"

namespace models {

enum class Architecture { kX86_64, kArm64 };

struct LambdaConfig {
  static const ComponentKind& kind();  // "lambda_function": serves requests itself
  int memory_mb = 128;                 // AWS's default; 128 to 10,240
  Architecture architecture = Architecture::kX86_64;
  // Cold start: Python or Node.js with a small package by default; see
  // init_for_runtime().
  sim::DurationDistribution init_duration = init_for_runtime("python");
  // Added to every init: a deployment package's size (init_for_package()).
  sim::Duration init_extra;
  // AWS stops an on-demand init phase after 10 s and runs the init again within
  // the first invocation, under the function's timeout (AWSDOCS-LAMBDA, the
  // execution environment lifecycle): a longer init costs 10 s more, and counts
  // towards the timeout.
  static constexpr sim::Duration kInitLimit = sim::Duration::seconds(10);
  // How long an idle environment survives: about 10 minutes since mid-2019
  // (MIKHAIL 2019-08; SHAHRAD-ATC20 models AWS as a fixed 10 minutes).
  sim::DurationDistribution idle_lifetime =
      sim::DurationDistribution::constant(sim::Duration::minutes(10));
  sim::Duration timeout = sim::Duration::seconds(3);  // AWS's default function timeout
  double speed = 1.0;                                 // invoke duration = work / speed
  uint32_t account_concurrency = 1000;                // the regional default (AWSDOCS-LAMBDA)
  std::optional<uint32_t> reserved_concurrency;
  double scaling_burst = 1000;      // new environments available at once...
  double scaling_per_second = 100;  // ...refilled at 1,000 per 10 s (AWS-NEWS-2023-11-27)
  // The model before 2023-11-27 instead: an account-wide burst of this many new
  // environments (3,000, 1,000 or 500 by region), then 500 a minute
  // (lambda_account.h). Empty: the current per-function model above.
  std::optional<double> legacy_burst;
  bool bill_init = true;
  // Provisioned concurrency: environments initialised before the run starts and
  // kept warm through it. They serve first; what finds them all busy spills over
  // to on-demand environments (cold when none is warm). REQUIRES: at most the
  // function's concurrency limit.
  uint32_t provisioned_concurrency = 0;
  // How long a raised provisioned concurrency takes to serve: Lambda "starts
  // allocating after a minute or two" (AWSDOCS-LAMBDA, provisioned concurrency).
  sim::Duration allocation_delay = sim::Duration::minutes(2);
  // Its subnets and networking model, when the function runs in a VPC (vpc_config.h).
  std::optional<VpcConfig> vpc;

  // The most provisioned concurrency AWS lets the function have: its reserved
  // concurrency, or the account's less the 100 AWS keeps unreserved. None on
  // the legacy VPC model: provisioned concurrency came in 2019-12, after it.
  uint32_t most_provisioned() const {
    if (vpc && vpc->model == VpcModel::kLegacy) return 0;
    if (reserved_concurrency) return *reserved_concurrency;
    return account_concurrency > 100 ? account_concurrency - 100 : 0;
  }
  // That limit in words, for messages: "the reserved_concurrency (50)".
  std::string most_provisioned_text() const;

  // The runtimes init_for_runtime() knows.
  static std::vector<std::string> runtimes();
  // Cold start of a small package without VPC, uniform over the range reported
  // for the runtime (blog aggregations such as MIKHAIL, secondary; see
  // docs/sources.md): Python and Node.js 150-400 ms, Go and custom runtimes
  // 80-250 ms, .NET 300-1,200 ms, Java 1-3 s. REQUIRES: a name from runtimes().
  static sim::DurationDistribution init_for_runtime(std::string_view runtime);
  // What a deployment package of `megabytes` adds to every init: cold starts
  // grow roughly linearly with package size, "tens of MB add hundreds of ms"
  // (MIKHAIL, secondary), taken as 10 ms per MB.
  static sim::Duration init_for_package(double megabytes);
};

class LambdaFunction final : public Component,
                             public ProvisionedCapacity,
                             public LambdaLimits,
                             public WaitingComponent,
                             private sim::TimerHandler,
                             private sim::EventHandler,
                             private EnvironmentTally::Member {
 public:
  LambdaFunction(std::string name, const LambdaConfig& config, const RunContext& context);

  void accept(const Request& request) override;
  // Pings are not the client's requests.
  int64_t held() const override { return static_cast<int64_t>(busy_ - busy_pings_); }
  void settle(sim::Time end) override;
  void report(MetricList& metrics) const override;

  uint32_t provisioned_configured() const override { return provisioned_configured_; }
  uint32_t provisioned_ready() const override { return provisioned_ready_; }
  void set_provisioned(uint32_t amount) override;
  double provisioned_busy_seconds() const override;
  double provisioned_ready_seconds() const override;
  void track_provisioned() override;

  void set_account_concurrency(uint32_t limit) override;
  std::string account_refusal(uint32_t limit) const override;
  void set_reserved_concurrency(std::optional<uint32_t> reserved) override;
  std::string reservation_refusal(std::optional<uint32_t> reserved) const override;
  std::string provisioned_refusal(uint32_t amount) const override;
  void set_eni_quota(uint32_t quota) override;
  void add_subnet(const SubnetConfig& subnet) override;
  void remove_subnet(const std::string& name) override;

  // WaitingComponent: invocations that run (not throttled, not pings) wait on
  // `wait`, billed as duration.
  void add_service_wait(ServiceWait& wait) override { waits_.add(wait); }

 private:
  struct Environment {
    Request request;    // the invocation it runs, while busy
    sim::Time expires;  // when idle: reclaimed from then on
    sim::Time born;     // created (its cold start began)
    Outcome outcome = Outcome::kOk;
    bool live = false;  // created and not yet reclaimed
    bool busy = false;
    bool provisioned = false;            // never reclaimed while configured
    uint32_t eni = FunctionVpc::kNoEni;  // its slot on a legacy VPC ENI
  };

  void on_timer(uint32_t environment) override;
  uint64_t live_environments(sim::Time now) const override;
  // Environment numbers, or kNoEnvironment: a plain integer, as an optional
  // returned by value stalled store forwarding on every invocation.
  static constexpr uint32_t kNoEnvironment = UINT32_MAX;
  uint32_t take_warm();
  // A new environment, or kNoEnvironment with why not in `refusal`; `setup` is
  // how long it waits for its network interface first.
  uint32_t create(Outcome& refusal, sim::Duration& setup);
  // Reclaims the idle environments past their lifetime, which take_warm() drops
  // only when it reaches them: their ENI slots are needed before a new ENI is.
  void reclaim_expired(sim::Time now);
  // Lambda reclaimed it at `at`: its life is added to the environments level.
  void retire(uint32_t environment, sim::Time at);
  // `setup` (waiting for an ENI) comes before the init and is not billed.
  void start(uint32_t environment, const Request& request, sim::Duration init,
             sim::Duration setup = sim::Duration());
  void observe_environments(bool created);
  void count_invocation(const Request& request, bool cold, bool provisioned);
  // Makes the columns and meters of keep-warm pings, on the first ping.
  void start_pinging();
  void on_event(uint64_t environments) override;  // an allocation is ready
  // Makes the column and meters of provisioned concurrency, on first use.
  void start_provisioning();
  void allocate_provisioned(uint32_t environments);
  void release_idle_provisioned();
  void bill_provisioned_until(sim::Time now);
  // Runs the provisioned integrals to now: call before provisioned_busy_ or
  // provisioned_ready_ changes.
  void integrate_provisioned();

  LambdaConfig config_;
  sim::Simulation& sim_;
  sim::TimeSeries& series_;
  ServiceWaits waits_;  // a database's queries, drawn as an invocation starts
  sim::RandomStream init_rng_;
  sim::RandomStream lifetime_rng_;
  sim::TimerSet completions_;
  sim::Time measure_from_;
  Ledger* ledger_;  // null when the run is not priced
  // Concurrency: the reservation, or without one the account's limit (only the
  // unreserved pool counts then, when there is shared state).
  uint32_t limit_;

  std::vector<Environment> environments_;
  std::vector<uint32_t> idle_;  // newest idle last; reclaimed ones are dropped lazily
  std::vector<uint32_t> free_;  // environment slots to reuse
  std::vector<uint32_t> provisioned_idle_;
  uint64_t busy_ = 0;
  uint64_t busy_pings_ = 0;  // of those, keep-warm pings
  uint64_t peak_busy_ = 0;   // after warm-up
  // Live environments peak when one is created, where none idle is left; the
  // first invocation after warm-up counts them once.
  uint64_t peak_environments_ = 0;
  bool measuring_environments_ = false;
  EnvironmentTally* tally_;  // every function's environments; null without shared state
  // The unreserved pool this function draws on; null when it has a reservation
  // (or runs without shared state, in tests: then only limit_ applies).
  LambdaAccount* account_;
  LambdaAccount* shared_account_;  // the account, reserved or not; null without shared state
  std::optional<VpcAccount> own_vpc_account_;  // without shared state
  std::unique_ptr<FunctionVpc> vpc_;           // null outside a VPC
  TokenBucket scaling_;                        // new environments
  TokenBucket* legacy_scaling_ = nullptr;      // the account's, on the legacy model

  sim::TimeSeries::Column concurrency_column_;
  sim::TimeSeries::Column environments_column_;
  sim::TimeSeries::Column invocations_column_;
  sim::TimeSeries::Column cold_starts_column_;
  std::optional<sim::TimeSeries::Column> provisioned_column_;  // invocations on provisioned ones
  std::optional<sim::TimeSeries::Column> pings_column_;
  std::optional<sim::TimeSeries::Column> ping_cold_starts_column_;
  BatchedMeter ping_requests_meter_;
  BatchedMeter ping_duration_meter_;
  BatchedMeter requests_meter_;
  BatchedMeter duration_meter_;
  BatchedMeter provisioned_duration_meter_;
  std::optional<Ledger::Meter> provisioned_meter_;  // configured environments' GB-s
  uint32_t provisioned_configured_ = 0;
  uint32_t provisioned_ready_ = 0;    // allocated, busy or idle
  sim::Time provisioned_billed_to_;   // configured environments are billed up to here
  sim::Time provisioned_enabled_at_;  // when the configured amount last rose from 0
  // Provisioned environments busy, and the integrals of busy and ready ones up to
  // provisioned_integrated_to_: kept where provisioned environments start, end,
  // arrive or leave, never on the on-demand path; the integrals only once a
  // policy tracks them (track_provisioned()).
  uint32_t provisioned_busy_ = 0;
  bool tracking_provisioned_ = false;
  double provisioned_busy_seconds_ = 0;
  double provisioned_ready_seconds_ = 0;
  sim::Time provisioned_integrated_to_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_LAMBDA_FUNCTION_H_
