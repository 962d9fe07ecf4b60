#include "models/serverless/lambda_function.h"

#include <algorithm>

#include "models/pricing/billing_rules.h"
#include "models/serverless/lambda_checks.h"
#include "sim/check.h"

namespace models {

LambdaFunction::LambdaFunction(std::string name, const LambdaConfig& config,
                               const RunContext& context)
    : Component(std::move(name)),
      config_(config),
      sim_(context.simulation),
      series_(context.series),
      init_rng_(context.stream("lambda:" + this->name() + ".init")),
      lifetime_rng_(context.stream("lambda:" + this->name() + ".lifetime")),
      completions_(*this),
      measure_from_(context.measure_from),
      ledger_(context.ledger),
      limit_(config.reserved_concurrency.value_or(config.account_concurrency)),
      tally_(context.shared ? &context.shared->get<EnvironmentTally>() : nullptr),
      account_(context.shared && !config.reserved_concurrency
                   ? &context.shared->get<LambdaAccount>()
                   : nullptr),
      shared_account_(context.shared ? &context.shared->get<LambdaAccount>() : nullptr),
      scaling_(config.scaling_burst, config.scaling_per_second) {
  SCALESIM_CHECK(config.memory_mb >= 128 && config.speed > 0 &&
                     limit_ <= sim::TimerSet::kMaxIndex && config.provisioned_concurrency <= limit_,
                 "lambda_function config was not validated");
  concurrency_column_ = series_.level(this->name(), "concurrency");
  environments_column_ = series_.level(this->name(), "environments");
  if (tally_) tally_->join(*this);
  if (shared_account_) {
    shared_account_->join(config.account_concurrency, config.reserved_concurrency.value_or(0));
    if (config.legacy_burst)
      legacy_scaling_ = &shared_account_->legacy_scaling(*config.legacy_burst);
  }
  if (account_) limit_ = sim::TimerSet::kMaxIndex;  // the unreserved pool is the limit
  if (config.vpc) {
    // Without shared state (in tests) the function has an account of its own.
    VpcAccount& vpc_account =
        context.shared ? context.shared->get<VpcAccount>() : own_vpc_account_.emplace();
    vpc_ = std::make_unique<FunctionVpc>(*config.vpc, config.memory_mb, vpc_account,
                                         context.stream("lambda:" + this->name() + ".eni"),
                                         sim::Time::zero());
  }
  invocations_column_ = series_.counter(this->name(), "invocations");
  cold_starts_column_ = series_.counter(this->name(), "cold_starts");
  sim_.attach(completions_);
  if (Ledger* ledger = context.ledger) {
    const char* arch = config.architecture == Architecture::kArm64 ? "arm64" : "x86_64";
    requests_meter_ =
        BatchedMeter(ledger, ledger->meter(this->name() + ".requests", "lambda", "lambda.requests"),
                     series_.interval());
    duration_meter_ = BatchedMeter(
        ledger,
        ledger->meter(this->name() + ".duration", "lambda", std::string("lambda.duration.") + arch),
        series_.interval());
  }
  if (config.provisioned_concurrency > 0) {
    // Configured before the run: ready, initialised and warm at time zero.
    start_provisioning();
    provisioned_configured_ = config.provisioned_concurrency;
    allocate_provisioned(config.provisioned_concurrency);
  }
}

void LambdaFunction::start_provisioning() {
  if (provisioned_column_) return;
  provisioned_column_ = series_.counter(name(), "provisioned_invocations");
  if (!ledger_) return;
  const std::string arch = config_.architecture == Architecture::kArm64 ? "arm64" : "x86_64";
  provisioned_meter_ =
      ledger_->meter(name() + ".provisioned", "lambda", "lambda.provisioned." + arch);
  provisioned_duration_meter_ =
      BatchedMeter(ledger_,
                   ledger_->meter(name() + ".provisioned_duration", "lambda",
                                  "lambda.provisioned_duration." + arch),
                   series_.interval());
}

void LambdaFunction::allocate_provisioned(uint32_t environments) {
  for (uint32_t i = 0; i < environments; ++i) {
    uint32_t environment = 0;
    if (!free_.empty()) {
      environment = free_.back();
      free_.pop_back();
    } else {
      environment = static_cast<uint32_t>(environments_.size());
      environments_.emplace_back();
    }
    Environment& env = environments_[environment];
    env = Environment();
    env.born = sim_.now();
    env.live = true;
    env.provisioned = true;
    provisioned_idle_.push_back(environment);
  }
  integrate_provisioned();
  provisioned_ready_ += environments;
  if (environments > 0 && sim_.now() >= measure_from_) observe_environments(false);
}

void LambdaFunction::set_provisioned(uint32_t amount) {
  SCALESIM_CHECK(amount <= limit_, "provisioned concurrency set beyond the function's limit");
  start_provisioning();
  bill_provisioned_until(sim_.now());
  const uint32_t before = provisioned_configured_;
  if (before == 0 && amount > 0) provisioned_enabled_at_ = sim_.now();
  // AWS rounds each enabled period up to 5 minutes: the rest is billed when it ends.
  if (before > 0 && amount == 0 && provisioned_meter_) {
    const sim::Duration enabled = sim_.now() - provisioned_enabled_at_;
    const double extra_seconds =
        provisioned_concurrency_billed_seconds(enabled) - enabled.seconds();
    ledger_->charge(*provisioned_meter_, sim_.now(),
                    before * (config_.memory_mb / 1024.0) * extra_seconds);
  }
  provisioned_configured_ = amount;
  if (amount > before) {
    sim_.schedule_after(config_.allocation_delay, *this, amount - before);
  } else {
    release_idle_provisioned();
  }
}

// An allocation ordered `environments` ago is ready, as far as the configured
// amount still wants it.
void LambdaFunction::on_event(uint64_t environments) {
  const uint32_t wanted = provisioned_configured_ > provisioned_ready_
                              ? provisioned_configured_ - provisioned_ready_
                              : 0;
  allocate_provisioned(std::min(wanted, static_cast<uint32_t>(environments)));
}

void LambdaFunction::release_idle_provisioned() {
  while (provisioned_ready_ > provisioned_configured_ && !provisioned_idle_.empty()) {
    const uint32_t environment = provisioned_idle_.back();
    provisioned_idle_.pop_back();
    integrate_provisioned();
    --provisioned_ready_;
    retire(environment, sim_.now());
  }
}

void LambdaFunction::bill_provisioned_until(sim::Time now) {
  if (provisioned_meter_ && provisioned_configured_ > 0 && now > provisioned_billed_to_) {
    ledger_->charge_span(*provisioned_meter_, provisioned_billed_to_, now,
                         provisioned_configured_ * (config_.memory_mb / 1024.0) *
                             (now - provisioned_billed_to_).seconds());
  }
  provisioned_billed_to_ = now;
}

void LambdaFunction::track_provisioned() {
  tracking_provisioned_ = true;
  provisioned_integrated_to_ = sim_.now();
}

void LambdaFunction::integrate_provisioned() {
  if (!tracking_provisioned_) return;
  const double seconds = (sim_.now() - provisioned_integrated_to_).seconds();
  provisioned_busy_seconds_ += provisioned_busy_ * seconds;
  provisioned_ready_seconds_ += provisioned_ready_ * seconds;
  provisioned_integrated_to_ = sim_.now();
}

double LambdaFunction::provisioned_busy_seconds() const {
  return provisioned_busy_seconds_ +
         provisioned_busy_ * (sim_.now() - provisioned_integrated_to_).seconds();
}

double LambdaFunction::provisioned_ready_seconds() const {
  return provisioned_ready_seconds_ +
         provisioned_ready_ * (sim_.now() - provisioned_integrated_to_).seconds();
}

void LambdaFunction::accept(const Request& request) {
  if (busy_ >= limit_ || (account_ && !account_->unreserved_available())) {
    return request.reply_to->finish(request, Outcome::kLambdaThrottled);
  }
  if (vpc_) [[unlikely]] {
    const Outcome refusal = vpc_->admit(busy_, sim_.now());
    if (refusal != Outcome::kOk) return request.reply_to->finish(request, refusal);
  }
  if (!provisioned_idle_.empty()) {
    const uint32_t environment = provisioned_idle_.back();
    provisioned_idle_.pop_back();
    integrate_provisioned();
    ++provisioned_busy_;
    count_invocation(request, false, true);
    start(environment, request, sim::Duration());
    if (!measuring_environments_ && sim_.now() >= measure_from_) observe_environments(false);
    return;
  }
  uint32_t environment = take_warm();
  const bool created = environment == kNoEnvironment;
  sim::Duration init;
  sim::Duration setup;
  if (created) {
    Outcome refusal = Outcome::kOk;
    environment = create(refusal, setup);
    if (environment == kNoEnvironment) return request.reply_to->finish(request, refusal);
    init = config_.init_duration.sample(init_rng_) + config_.init_extra;
  }
  count_invocation(request, created, false);
  start(environment, request, init, setup);
  if (sim_.now() >= measure_from_) [[likely]] {
    if (created || !measuring_environments_) observe_environments(created);
  }
}

// Live environments can only have risen since the last look if one was created:
// then none is idle (take_warm() found none warm) and all are busy.
void LambdaFunction::observe_environments(bool created) {
  const uint64_t live = created && measuring_environments_ ? busy_ : live_environments(sim_.now());
  peak_environments_ = std::max(peak_environments_, live);
  measuring_environments_ = true;
  if (tally_) tally_->observe(sim_.now());
}

uint64_t LambdaFunction::live_environments(sim::Time now) const {
  uint64_t warm = provisioned_idle_.size();
  for (uint32_t environment : idle_) warm += environments_[environment].expires > now;
  return busy_ + warm;
}

// The newest idle environment that has not been reclaimed; older reclaimed ones
// are found and dropped when they reach the top.
uint32_t LambdaFunction::take_warm() {
  while (!idle_.empty()) {
    const uint32_t environment = idle_.back();
    idle_.pop_back();
    if (environments_[environment].expires > sim_.now()) return environment;
    retire(environment, environments_[environment].expires);
  }
  return kNoEnvironment;
}

void LambdaFunction::retire(uint32_t environment, sim::Time at) {
  Environment& env = environments_[environment];
  series_.add_span(environments_column_, env.born, at);
  env.live = false;
  env.provisioned = false;  // create() may reuse the slot for an on-demand environment
  if (env.eni != FunctionVpc::kNoEni) {
    vpc_->release(env.eni);
    env.eni = FunctionVpc::kNoEni;
  }
  free_.push_back(environment);
}

void LambdaFunction::reclaim_expired(sim::Time now) {
  std::erase_if(idle_, [&](uint32_t environment) {
    const sim::Time expires = environments_[environment].expires;
    if (expires > now) return false;
    retire(environment, expires);
    return true;
  });
}

uint32_t LambdaFunction::create(Outcome& refusal, sim::Duration& setup) {
  refusal = Outcome::kLambdaThrottled;
  TokenBucket& bucket = legacy_scaling_ ? *legacy_scaling_ : scaling_;
  if (!bucket.take(sim_.now())) return kNoEnvironment;
  uint32_t eni = FunctionVpc::kNoEni;
  if (vpc_) [[unlikely]] {
    if (vpc_->needs_new_eni()) reclaim_expired(sim_.now());
    const FunctionVpc::Placement placement = vpc_->place(sim_.now());
    refusal = placement.outcome;
    if (refusal != Outcome::kOk) return kNoEnvironment;
    eni = placement.eni;
    setup = placement.wait;
  }
  uint32_t environment = 0;
  if (!free_.empty()) {
    environment = free_.back();
    free_.pop_back();
  } else {
    if (environments_.size() > sim::TimerSet::kMaxIndex) {
      if (eni != FunctionVpc::kNoEni) vpc_->release(eni);
      refusal = Outcome::kLambdaThrottled;
      return kNoEnvironment;
    }
    environment = static_cast<uint32_t>(environments_.size());
    environments_.emplace_back();
  }
  environments_[environment].born = sim_.now();
  environments_[environment].live = true;
  environments_[environment].eni = eni;
  return environment;
}

// Keep-warm pings are counted and billed apart from the users' invocations.
[[gnu::always_inline]] inline void LambdaFunction::count_invocation(const Request& request,
                                                                    bool cold, bool provisioned) {
  const sim::Time now = sim_.now();
  if (request.request_class == kPingClass) [[unlikely]] {
    start_pinging();
    series_.count(*pings_column_, now);
    if (cold) series_.count(*ping_cold_starts_column_, now);
    return;
  }
  series_.count(invocations_column_, now);
  if (cold) series_.count(cold_starts_column_, now);
  if (provisioned) series_.count(*provisioned_column_, now);
}

void LambdaFunction::start_pinging() {
  if (pings_column_) return;
  pings_column_ = series_.counter(name(), "pings");
  ping_cold_starts_column_ = series_.counter(name(), "ping_cold_starts");
  if (!ledger_) return;
  const std::string arch = config_.architecture == Architecture::kArm64 ? "arm64" : "x86_64";
  ping_requests_meter_ =
      BatchedMeter(ledger_, ledger_->meter(name() + ".ping_requests", "lambda", "lambda.requests"),
                   series_.interval());
  ping_duration_meter_ = BatchedMeter(
      ledger_, ledger_->meter(name() + ".ping_duration", "lambda", "lambda.duration." + arch),
      series_.interval());
}

[[gnu::always_inline]] inline void LambdaFunction::start(uint32_t environment,
                                                         const Request& request, sim::Duration init,
                                                         sim::Duration setup) {
  const sim::Time now = sim_.now();
  sim::Duration invoke = service_time(request, config_.speed);
  if (!waits_.empty() && request.request_class != kPingClass) [[unlikely]] {
    invoke += waits_.draw(now);
  }
  if (init > LambdaConfig::kInitLimit) [[unlikely]] {
    invoke += init;  // the init again, within the invocation
    init = LambdaConfig::kInitLimit;
  }
  Outcome outcome = Outcome::kOk;
  if (invoke > config_.timeout) {
    invoke = config_.timeout;
    outcome = Outcome::kLambdaTimeout;
  }
  Environment& env = environments_[environment];
  env.request = request;
  env.outcome = outcome;
  env.busy = true;
  ++busy_;
  if (account_) account_->unreserved_started();
  if (now >= measure_from_) peak_busy_ = std::max(peak_busy_, busy_);
  const sim::Time done = now + setup + init + invoke;
  series_.add_span(concurrency_column_, now, done);
  completions_.add(done, environment);
  const double gb_seconds = lambda_billed_gb_seconds(
      (config_.bill_init ? init : sim::Duration()) + invoke, config_.memory_mb);
  if (request.request_class == kPingClass) [[unlikely]] {
    ++busy_pings_;
    ping_requests_meter_.add(now, 1e-6);
    (env.provisioned ? provisioned_duration_meter_ : ping_duration_meter_).add(now, gb_seconds);
    return;
  }
  requests_meter_.add(now, 1e-6);  // the price is per million requests
  (env.provisioned ? provisioned_duration_meter_ : duration_meter_).add(now, gb_seconds);
}

void LambdaFunction::on_timer(uint32_t environment) {
  Environment& env = environments_[environment];
  --busy_;
  if (account_) account_->unreserved_ended();
  if (env.request.request_class == kPingClass) [[unlikely]]
    --busy_pings_;
  env.busy = false;
  if (env.provisioned) {
    integrate_provisioned();
    --provisioned_busy_;
  }
  if (env.provisioned && provisioned_ready_ > provisioned_configured_) {
    --provisioned_ready_;  // released while it was busy
    retire(environment, sim_.now());
  } else if (env.provisioned) {
    provisioned_idle_.push_back(environment);  // reset after a timeout, but still provisioned
  } else if (env.outcome == Outcome::kLambdaTimeout) {
    retire(environment, sim_.now());  // Lambda resets an environment whose invocation timed out
  } else {
    env.expires = sim_.now() + config_.idle_lifetime.sample(lifetime_rng_);
    idle_.push_back(environment);
  }
  env.request.reply_to->finish(env.request, env.outcome);
}

void LambdaFunction::settle(sim::Time end) {
  requests_meter_.flush(end);
  duration_meter_.flush(end);
  provisioned_duration_meter_.flush(end);
  ping_requests_meter_.flush(end);
  ping_duration_meter_.flush(end);
  // Still configured at the end: AWS's rounding of the enabled time up to 5
  // minutes falls on a disable, after the run.
  bill_provisioned_until(end);
  // Environments still live at the end: busy and provisioned ones to the end,
  // idle ones until they were to be reclaimed (add_span clips to the run).
  for (Environment& env : environments_) {
    if (!env.live) continue;
    const bool to_end = env.busy || env.provisioned;
    series_.add_span(environments_column_, env.born, to_end ? end : std::min(env.expires, end));
    env.live = false;
  }
}

void LambdaFunction::report(MetricList& metrics) const {
  const std::string prefix = "component." + name() + ".";
  const double invocations = series_.total(invocations_column_);
  const double cold = series_.total(cold_starts_column_);
  metrics.push_back({prefix + "invocations", invocations, Unit::kCount});
  metrics.push_back({prefix + "cold_starts", cold, Unit::kCount});
  metrics.push_back(
      {prefix + "cold_start_rate", invocations > 0 ? cold / invocations : 0.0, Unit::kRatio});
  metrics.push_back(
      {prefix + "concurrency_mean", series_.mean(concurrency_column_), Unit::kNumber});
  metrics.push_back({prefix + "concurrency_peak", static_cast<double>(peak_busy_), Unit::kCount});
  metrics.push_back(
      {prefix + "environments_mean", series_.mean(environments_column_), Unit::kNumber});
  metrics.push_back(
      {prefix + "environments_peak", static_cast<double>(peak_environments_), Unit::kCount});
  if (pings_column_) {
    metrics.push_back({prefix + "pings", series_.total(*pings_column_), Unit::kCount});
    metrics.push_back(
        {prefix + "ping_cold_starts", series_.total(*ping_cold_starts_column_), Unit::kCount});
  }
  if (vpc_) {
    metrics.push_back(
        {prefix + "enis_created", static_cast<double>(vpc_->enis_created()), Unit::kCount});
    metrics.push_back({prefix + "enis_peak", static_cast<double>(vpc_->peak_enis()), Unit::kCount});
  }
  if (provisioned_column_) {
    const double provisioned = series_.total(*provisioned_column_);
    metrics.push_back({prefix + "provisioned_invocations", provisioned, Unit::kCount});
    metrics.push_back({prefix + "spillover_invocations", invocations - provisioned, Unit::kCount});
  }
}

void LambdaFunction::set_account_concurrency(uint32_t limit) {
  config_.account_concurrency = limit;
  if (shared_account_) {
    shared_account_->set_limit(limit);
  } else if (!config_.reserved_concurrency) {
    limit_ = limit;
  }
}

// Invocations running beyond a lowered limit finish; it refuses new ones.
void LambdaFunction::set_reserved_concurrency(std::optional<uint32_t> reserved) {
  if (shared_account_) {
    shared_account_->change_reservation(config_.reserved_concurrency.value_or(0),
                                        reserved.value_or(0), busy_);
    account_ = reserved ? nullptr : shared_account_;
  }
  config_.reserved_concurrency = reserved;
  limit_ = reserved ? *reserved : account_ ? sim::TimerSet::kMaxIndex : config_.account_concurrency;
}

// The account's limit and reservations now: the shared account's, or this
// function's own config without shared state.
std::string LambdaFunction::account_refusal(uint32_t limit) const {
  const uint64_t reserved =
      shared_account_ ? shared_account_->reserved() : config_.reserved_concurrency.value_or(0);
  if (reserved > 0 && uint64_t{limit} < reserved + 100) {
    return "the reservations (" + std::to_string(reserved) + ") and the 100 AWS keeps unreserved";
  }
  if (!config_.reserved_concurrency && provisioned_configured_ > 0 &&
      limit < provisioned_configured_ + 100) {
    return "the provisioned concurrency (" + std::to_string(provisioned_configured_) +
           ") and the 100 AWS keeps unreserved";
  }
  return "";
}

std::string LambdaFunction::reservation_refusal(std::optional<uint32_t> reserved) const {
  const uint32_t after = reserved.value_or(0);
  if (reserved && after < provisioned_configured_) {
    return "below the provisioned concurrency (" + std::to_string(provisioned_configured_) + ")";
  }
  const uint64_t limit = shared_account_ ? shared_account_->limit() : config_.account_concurrency;
  const uint64_t others = (shared_account_ ? shared_account_->reserved() : 0) -
                          (shared_account_ ? config_.reserved_concurrency.value_or(0) : 0);
  if (others + after > 0 && others + after + 100 > limit) {
    return "beyond the account's " + std::to_string(limit) + " less the 100 AWS keeps unreserved";
  }
  return "";
}

std::string LambdaFunction::provisioned_refusal(uint32_t amount) const {
  LambdaConfig now = config_;
  if (shared_account_) now.account_concurrency = static_cast<uint32_t>(shared_account_->limit());
  if (amount <= now.most_provisioned()) return "";
  return "beyond " + now.most_provisioned_text();
}

void LambdaFunction::set_eni_quota(uint32_t quota) {
  SCALESIM_CHECK(vpc_ != nullptr, "an ENI quota was set on a function outside a VPC");
  vpc_->set_quota(quota);
}

void LambdaFunction::add_subnet(const SubnetConfig& subnet) {
  SCALESIM_CHECK(vpc_ != nullptr, "a subnet was added to a function outside a VPC");
  vpc_->add_subnet(subnet, sim_.now());
}

void LambdaFunction::remove_subnet(const std::string& name) {
  SCALESIM_CHECK(vpc_ != nullptr, "a subnet was removed from a function outside a VPC");
  vpc_->remove_subnet(name);
}

std::string LambdaConfig::most_provisioned_text() const {
  if (vpc && vpc->model == VpcModel::kLegacy) {
    return "0 on the legacy VPC model (provisioned concurrency came after it)";
  }
  std::string text = reserved_concurrency
                         ? "the reserved_concurrency ("
                         : "the account_concurrency less the 100 AWS keeps unreserved (";
  text += std::to_string(most_provisioned());
  text += ")";
  return text;
}

std::vector<std::string> LambdaConfig::runtimes() {
  return {"python", "nodejs", "java", "dotnet", "go", "custom"};
}

sim::DurationDistribution LambdaConfig::init_for_runtime(std::string_view runtime) {
  const auto uniform_ms = [](double low, double high) {
    return sim::DurationDistribution(sim::Distribution::uniform(low * 1e3, high * 1e3));
  };
  if (runtime == "java") return uniform_ms(1000, 3000);
  if (runtime == "dotnet") return uniform_ms(300, 1200);
  if (runtime == "go" || runtime == "custom") return uniform_ms(80, 250);
  return uniform_ms(150, 400);  // python, nodejs
}

sim::Duration LambdaConfig::init_for_package(double megabytes) {
  return sim::Duration::from_seconds(megabytes * 0.010);
}

namespace {

std::unique_ptr<Component> make_lambda(const ComponentSpec& spec, const std::vector<Successor>&,
                                       const RunContext& context) {
  return std::make_unique<LambdaFunction>(spec.name, spec.config_as<LambdaConfig>(), context);
}

std::vector<std::string> lambda_prices(const ComponentSpec& spec) {
  const LambdaConfig& config = spec.config_as<LambdaConfig>();
  const std::string arch = config.architecture == Architecture::kArm64 ? "arm64" : "x86_64";
  std::vector<std::string> keys = {"lambda.requests", "lambda.duration." + arch};
  if (config.provisioned_concurrency > 0) {
    keys.push_back("lambda.provisioned." + arch);
    keys.push_back("lambda.provisioned_duration." + arch);
  }
  return keys;
}

}  // namespace

const ComponentKind& LambdaConfig::kind() {
  static const ComponentKind row{"lambda_function",     true, {}, 0, 0, make_lambda, lambda_prices,
                                 check_lambda_functions};
  return row;
}

}  // namespace models
