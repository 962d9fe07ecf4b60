#include "models/serverless/lambda_function.h"

#include <algorithm>

#include "models/pricing/billing_rules.h"
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
      limit_(config.reserved_concurrency.value_or(config.account_concurrency)),
      scaling_(config.scaling_burst, config.scaling_per_second) {
  SCALESIM_CHECK(config.memory_mb >= 128 && config.speed > 0 && limit_ <= sim::TimerSet::kMaxIndex,
                 "lambda_function config was not validated");
  concurrency_column_ = series_.level(this->name(), "concurrency");
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
}

void LambdaFunction::accept(const Request& request) {
  if (busy_ >= limit_) return request.reply_to->finish(request, Outcome::kLambdaThrottled);
  uint32_t environment = take_warm();
  sim::Duration init;
  if (environment == kNoEnvironment) {
    environment = create();
    if (environment == kNoEnvironment) {
      return request.reply_to->finish(request, Outcome::kLambdaThrottled);
    }
    init = config_.init_duration.sample(init_rng_) + config_.init_extra;
    series_.count(cold_starts_column_, sim_.now());
  }
  series_.count(invocations_column_, sim_.now());
  start(environment, request, init);
}

// The newest idle environment that has not been reclaimed; older reclaimed ones
// are found and dropped when they reach the top.
uint32_t LambdaFunction::take_warm() {
  while (!idle_.empty()) {
    const uint32_t environment = idle_.back();
    idle_.pop_back();
    if (environments_[environment].expires > sim_.now()) return environment;
    free_.push_back(environment);
  }
  return kNoEnvironment;
}

uint32_t LambdaFunction::create() {
  if (!scaling_.take(sim_.now())) return kNoEnvironment;
  if (!free_.empty()) {
    const uint32_t environment = free_.back();
    free_.pop_back();
    return environment;
  }
  if (environments_.size() > sim::TimerSet::kMaxIndex) return kNoEnvironment;
  environments_.emplace_back();
  return static_cast<uint32_t>(environments_.size() - 1);
}

void LambdaFunction::start(uint32_t environment, const Request& request, sim::Duration init) {
  const sim::Time now = sim_.now();
  sim::Duration invoke = service_time(request, config_.speed);
  Outcome outcome = Outcome::kOk;
  if (invoke > config_.timeout) {
    invoke = config_.timeout;
    outcome = Outcome::kLambdaTimeout;
  }
  Environment& env = environments_[environment];
  env.request = request;
  env.outcome = outcome;
  ++busy_;
  if (now >= measure_from_) peak_busy_ = std::max(peak_busy_, busy_);
  const sim::Time done = now + init + invoke;
  series_.add_span(concurrency_column_, now, done);
  completions_.add(done, environment);
  requests_meter_.add(now, 1e-6);  // the price is per million requests
  duration_meter_.add(
      now, lambda_billed_gb_seconds((config_.bill_init ? init : sim::Duration()) + invoke,
                                    config_.memory_mb));
}

void LambdaFunction::on_timer(uint32_t environment) {
  Environment& env = environments_[environment];
  --busy_;
  if (env.outcome == Outcome::kLambdaTimeout) {
    free_.push_back(environment);  // Lambda resets an environment whose invocation timed out
  } else {
    env.expires = sim_.now() + config_.idle_lifetime.sample(lifetime_rng_);
    idle_.push_back(environment);
  }
  env.request.reply_to->finish(env.request, env.outcome);
}

void LambdaFunction::settle(sim::Time end) {
  requests_meter_.flush(end);
  duration_meter_.flush(end);
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
  const bool arm = spec.config_as<LambdaConfig>().architecture == Architecture::kArm64;
  return {"lambda.requests", std::string("lambda.duration.") + (arm ? "arm64" : "x86_64")};
}

}  // namespace

const ComponentKind& LambdaConfig::kind() {
  static const ComponentKind row{"lambda_function", true, {}, 0, 0, make_lambda, lambda_prices};
  return row;
}

}  // namespace models
