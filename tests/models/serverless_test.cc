#include <catch2/catch.hpp>
#include <cmath>

#include "harness.h"
#include "models/policies/keep_warm.h"
#include "models/policies/provisioned_schedule.h"
#include "models/serverless/api_gateway.h"
#include "models/serverless/lambda_function.h"
#include "models/strategy_run.h"

using models::Outcome;

namespace {

constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kMs = 1000;

models::LambdaConfig function(sim::Duration init = sim::Duration()) {
  models::LambdaConfig c;
  c.memory_mb = 1024;
  c.init_duration = sim::DurationDistribution::constant(init);
  c.timeout = sim::Duration::seconds(900);
  return c;
}

// A bench whose ledger prices Lambda and API Gateway as us-east-1 does.
struct PricedBench : test::Bench {
  PricedBench() {
    const double inf = std::numeric_limits<double>::infinity();
    for (const models::Price& p :
         {models::Price{
              "lambda.requests", "million requests", {{inf, 0.20}}, "t", "t", "confirmed"},
          models::Price{
              "lambda.duration.x86_64", "GB-second", {{inf, 0.0000166667}}, "t", "t", "confirmed"},
          models::Price{
              "apigw.rest.requests", "million requests", {{inf, 3.50}}, "t", "t", "confirmed"}}) {
      book.prices.emplace(p.key, p);
    }
    context.ledger = &ledger;
  }
  models::PriceBook book;
  models::Ledger ledger{book, false, sim::Duration::seconds(10), sim::Time::micros(1000 * kSecond),
                        sim::Time::zero()};
};

double usage(const models::Ledger& ledger, const std::string& meter) {
  for (const auto& total : ledger.totals()) {
    if (total.name == meter) return total.usage;
  }
  throw std::runtime_error("no meter " + meter);
}

double value_of(const models::MetricList& metrics, const std::string& name) {
  for (const models::Metric& m : metrics) {
    if (m.name == name) return m.value;
  }
  throw std::runtime_error("no metric " + name);
}

// One request a minute, 10 ms each, to a function whose environments idle out
// after `lifetime_s`: 48 hours, 20 replications.
models::Scenario sparse_scenario(double lifetime_s) {
  models::Scenario s;
  s.name = "sparse";
  s.horizon = sim::Duration::hours(48);
  s.warmup = sim::Duration::minutes(10);
  s.interval = sim::Duration::hours(1);
  s.replications = 20;
  s.workload.arrivals.rate = models::constant_curve(1.0 / 60);
  s.workload.service_time = sim::DurationDistribution::constant(sim::Duration::millis(10));
  auto fn = function();
  fn.idle_lifetime = sim::DurationDistribution::constant(sim::Duration::from_seconds(lifetime_s));
  s.strategies.push_back({"fn", "", {{"fn", {}, fn}}});
  return s;
}

}  // namespace

TEST_CASE("A sparse function's cold fraction is exp(-lambda T) for idle lifetime T") {
  // One request a minute, 10 ms each: environments never overlap, so a request
  // is cold exactly when the gap since the last one ended exceeds T.
  for (double lifetime_s : {30.0, 60.0, 120.0}) {
    const models::Scenario s = sparse_scenario(lifetime_s);
    const auto cold = test::replicate(s, "lambda.cold_start_rate");
    // The gap from one request's end to the next arrival is exponential (rate
    // 1/60 s), less nothing: arrivals are memoryless.
    const double expected = std::exp(-lifetime_s / 60);
    INFO("T = " << lifetime_s << " s");
    CHECK(std::abs(sim::estimate_mean(cold).mean - expected) <= test::tolerance(cold));
    CHECK(*sim::estimate_mean(cold).half_width < 0.02);
  }
}

TEST_CASE("The newest idle environment is reused first, so older ones are left to expire") {
  test::Bench bench;
  auto config = function(sim::Duration::millis(500));
  config.idle_lifetime = sim::DurationDistribution::constant(sim::Duration::seconds(10));
  models::LambdaFunction fn("fn", config, bench.context);
  // Two environments go idle at 1.5 s; then one request every 8 s keeps reusing
  // the newer, and at 30 s the older has expired: one of the two is cold.
  test::ScriptedArrivals arrivals({{0, kSecond},
                                   {0, kSecond},
                                   {8 * kSecond, 100 * kMs},
                                   {16 * kSecond, 100 * kMs},
                                   {24 * kSecond, 100 * kMs},
                                   {30 * kSecond, 100 * kMs},
                                   {30 * kSecond, 100 * kMs}},
                                  fn, bench.sink);
  bench.simulation.run_until(sim::Time::micros(100 * kSecond), &arrivals);
  CHECK(bench.sink.find(2)->at_us == 8 * kSecond + 100 * kMs);  // warm
  CHECK(bench.sink.find(4)->at_us == 24 * kSecond + 100 * kMs);
  CHECK(bench.sink.find(5)->at_us == 30 * kSecond + 100 * kMs);  // the newest, warm
  CHECK(bench.sink.find(6)->at_us == 30 * kSecond + 600 * kMs);  // a cold start
}

TEST_CASE("Reserved concurrency and the scaling rate throttle invocations") {
  test::Bench bench;
  auto reserved = function();
  reserved.reserved_concurrency = 2;
  models::LambdaFunction capped("capped", reserved, bench.context);
  auto slow_scaling = function();
  slow_scaling.scaling_burst = 2;
  slow_scaling.scaling_per_second = 0.2;  // one new environment every 5 s
  models::LambdaFunction scaling("scaling", slow_scaling, bench.context);

  test::ScriptedArrivals to_capped(
      {{0, kSecond}, {0, kSecond}, {0, kSecond}, {2 * kSecond, kSecond}}, capped, bench.sink);
  bench.simulation.run_until(sim::Time::micros(10 * kSecond), &to_capped);
  CHECK(bench.sink.find(2)->outcome == Outcome::kLambdaThrottled);
  CHECK(bench.sink.find(3)->outcome == Outcome::kOk);  // the first two have finished
  bench.sink.endings.clear();

  test::ScriptedArrivals to_scaling({{10 * kSecond, 60 * kSecond},
                                     {10 * kSecond, 60 * kSecond},
                                     {10 * kSecond, 60 * kSecond},
                                     {15 * kSecond, 60 * kSecond}},
                                    scaling, bench.sink);
  bench.simulation.run_until(sim::Time::micros(100 * kSecond), &to_scaling);
  CHECK(bench.sink.find(2)->outcome == Outcome::kLambdaThrottled);
  CHECK(bench.sink.find(2)->at_us == 10 * kSecond);
  CHECK(bench.sink.find(3)->outcome == Outcome::kOk);  // a token refilled by 15 s
}

TEST_CASE(
    "An invocation longer than the timeout ends at the timeout, is billed for it, and resets its "
    "environment") {
  PricedBench bench;
  auto config = function(sim::Duration::millis(200));
  config.timeout = sim::Duration::seconds(3);
  models::LambdaFunction fn("fn", config, bench.context);
  test::ScriptedArrivals arrivals({{0, 5 * kSecond}, {5 * kSecond, kSecond}}, fn, bench.sink);
  bench.simulation.run_until(sim::Time::micros(10 * kSecond), &arrivals);
  fn.settle(sim::Time::micros(10 * kSecond));
  CHECK(bench.sink.find(0)->outcome == Outcome::kLambdaTimeout);
  CHECK(bench.sink.find(0)->at_us == 3200 * kMs);
  CHECK(bench.sink.find(1)->at_us == 6200 * kMs);  // a cold start: the environment was reset
  CHECK(usage(bench.ledger, "fn.duration") == Approx(3.2 + 1.2));  // inits and runs at 1 GB
}

TEST_CASE("API Gateway's token bucket admits exactly the burst, then its refill") {
  test::Bench bench;
  models::LambdaFunction fn("fn", function(), bench.context);
  models::ApiGatewayConfig api;
  api.burst = 5;
  api.rate_per_second = 1;
  models::ApiGateway gateway("api", api, fn, bench.context);
  std::vector<test::Scripted> script(10, {0, kMs});
  for (int i = 0; i < 3; ++i) script.push_back({2500 * kMs, kMs});
  test::ScriptedArrivals arrivals(script, gateway, bench.sink);
  bench.simulation.run_until(sim::Time::micros(10 * kSecond), &arrivals);
  std::vector<Outcome> outcomes;
  for (uint64_t id = 0; id < 13; ++id) outcomes.push_back(bench.sink.find(id)->outcome);
  const Outcome ok = Outcome::kOk;
  const Outcome no = Outcome::kApigwThrottled;
  // 5 from the burst; 2.5 s later, 2.5 tokens: two more.
  CHECK(outcomes == std::vector<Outcome>{ok, ok, ok, ok, ok, no, no, no, no, no, ok, ok, no});
}

TEST_CASE(
    "After the integration timeout the client gets a 504, while Lambda runs on and is billed") {
  PricedBench bench;
  models::LambdaFunction fn("fn", function(), bench.context);
  models::ApiGateway gateway("api", models::ApiGatewayConfig{}, fn, bench.context);
  test::ScriptedArrivals arrivals({{0, 40 * kSecond}, {kSecond, 2 * kSecond}}, gateway, bench.sink);

  bench.simulation.run_until(sim::Time::micros(35 * kSecond), &arrivals);
  REQUIRE(bench.sink.endings.size() == 2);
  CHECK(bench.sink.find(1)->outcome == Outcome::kOk);
  CHECK(bench.sink.find(0)->outcome == Outcome::kApigwTimeout);
  CHECK(bench.sink.find(0)->at_us == 29 * kSecond);
  // Ended for the client, still running in Lambda: counted once in flight.
  CHECK(fn.held() + gateway.held() == 0);

  bench.simulation.run_until(sim::Time::micros(100 * kSecond), &arrivals);
  fn.settle(sim::Time::micros(100 * kSecond));
  gateway.settle(sim::Time::micros(100 * kSecond));
  CHECK(bench.sink.endings.size() == 2);  // Lambda's late answer is dropped
  CHECK(fn.held() + gateway.held() == 0);
  CHECK(usage(bench.ledger, "fn.duration") == Approx(42.0));  // 40 s + 2 s at 1 GB
  CHECK(usage(bench.ledger, "fn.requests") == Approx(2e-6));
  CHECK(usage(bench.ledger, "api.requests") == Approx(2e-6));
}

TEST_CASE(
    "Through API Gateway each request ends as Lambda ends it, or with a 504 at its deadline, "
    "whichever comes first") {
  // 400 requests 250 ms apart, one in six of them longer than the timeout, so
  // answers come out of order, slots are reused while older requests wait, and
  // late answers from Lambda arrive after their 504s.
  std::vector<test::Scripted> script;
  uint64_t draw = 12345;
  for (int i = 0; i < 400; ++i) {
    draw = draw * 6364136223846793005u + 1442695040888963407u;
    const int64_t ms = static_cast<int64_t>(draw >> 33) % 60'000;
    const bool slow = (draw >> 20) % 6 == 0;
    // 7 us past a millisecond: no answer lands exactly on a deadline.
    script.push_back({i * 250 * kMs, (slow ? 20'000 + ms : ms / 20) * kMs + 7});
  }
  const auto config = function(sim::Duration::millis(300));

  test::Bench direct;
  models::LambdaFunction alone("fn", config, direct.context);
  test::ScriptedArrivals to_lambda(script, alone, direct.sink);
  direct.simulation.run_until(sim::Time::micros(200 * kSecond), &to_lambda);

  test::Bench bench;
  models::LambdaFunction fn("fn", config, bench.context);
  models::ApiGateway gateway("api", models::ApiGatewayConfig{}, fn, bench.context);
  test::ScriptedArrivals to_gateway(script, gateway, bench.sink);
  bench.simulation.run_until(sim::Time::micros(60 * kSecond), &to_gateway);
  CHECK(fn.held() + gateway.held() ==
        static_cast<int64_t>(60 * kSecond / (250 * kMs) + 1 - bench.sink.endings.size()));
  bench.simulation.run_until(sim::Time::micros(200 * kSecond), &to_gateway);

  REQUIRE(direct.sink.endings.size() == script.size());
  REQUIRE(bench.sink.endings.size() == script.size());
  CHECK(fn.held() + gateway.held() == 0);
  int timeouts = 0;
  for (uint64_t id = 0; id < script.size(); ++id) {
    const test::Ending& lambda = *direct.sink.find(id);
    const test::Ending& client = *bench.sink.find(id);
    const int64_t deadline = script[id].at_us + 29 * kSecond;
    INFO("request " << id);
    if (lambda.at_us < deadline) {
      CHECK(client.outcome == lambda.outcome);
      CHECK(client.at_us == lambda.at_us);
    } else {
      ++timeouts;
      CHECK(client.outcome == Outcome::kApigwTimeout);
      CHECK(client.at_us == deadline);
    }
  }
  CHECK(timeouts > 40);
}

TEST_CASE("A sparse function keeps an environment live with probability 1 - exp(-lambda (T + s))",
          "[environments]") {
  // One environment at a time: it is live while busy and for T after, so at a
  // random instant it is live when the last arrival came within T + s.
  const models::Scenario s = sparse_scenario(60);
  const auto live = test::replicate(s, "component.fn.environments_mean");
  const double expected = 1 - std::exp(-(60 + 0.01) / 60);
  CHECK(std::abs(sim::estimate_mean(live).mean - expected) <= test::tolerance(live));
  CHECK(*sim::estimate_mean(live).half_width < 0.01);
  // The strategy's total is the function's, and busy ones are a small part.
  CHECK(test::replicate(s, "lambda.environments_mean") == live);
  const auto busy = test::replicate(s, "lambda.concurrency_mean");
  CHECK(sim::estimate_mean(busy).mean < 0.001);
}

TEST_CASE("Live environments: each from its creation until reclaimed, and their peak",
          "[environments]") {
  test::Bench bench;
  models::SharedState shared;
  bench.context.shared = &shared;
  auto config = function(sim::Duration::millis(500));
  config.idle_lifetime = sim::DurationDistribution::constant(sim::Duration::seconds(10));
  models::LambdaFunction fn("fn", config, bench.context);
  models::LambdaFunction other("other", config, bench.context);
  // Two environments are born at 0 and idle from 1.5 s. At 8 s the newer is
  // reused until 8.1 s (reclaimed at 18.1 s); the older is reclaimed at 11.5 s.
  // At 30 s a third is born, busy to 30.6 s, reclaimed at 40.6 s.
  test::ScriptedArrivals arrivals(
      {{0, kSecond}, {0, kSecond}, {8 * kSecond, 100 * kMs}, {30 * kSecond, 100 * kMs}}, fn,
      bench.sink);
  // Meanwhile another function creates one at 5 s: three live at once in all.
  test::ScriptedArrivals to_other({{5 * kSecond, 100 * kMs}}, other, bench.sink);
  bench.simulation.run_until(sim::Time::micros(3 * kSecond), &arrivals);
  bench.simulation.run_until(sim::Time::micros(6 * kSecond), &to_other);
  bench.simulation.run_until(sim::Time::micros(100 * kSecond), &arrivals);
  const sim::Time end = sim::Time::micros(100 * kSecond);
  fn.settle(end);
  other.settle(end);
  bench.series.close(end);
  models::MetricList metrics;
  fn.report(metrics);
  // (18.1 + 11.5 + 10.6) environment-seconds over 100 s.
  CHECK(value_of(metrics, "component.fn.environments_mean") == Approx(0.402));
  CHECK(value_of(metrics, "component.fn.environments_peak") == 2);
  CHECK(value_of(metrics, "component.fn.concurrency_peak") == 2);
  CHECK(shared.find<models::EnvironmentTally>()->peak() == 3);
}

TEST_CASE("Provisioned concurrency is billed for every configured second, by hand",
          "[provisioned]") {
  // 1,536 MB x 100 environments x 8 hours at us-east-1's 0.0000041667 USD/GB-s.
  const double inf = std::numeric_limits<double>::infinity();
  models::PriceBook book;
  for (const models::Price& p :
       {models::Price{"lambda.requests", "million requests", {{inf, 0.20}}, "t", "t", "c"},
        models::Price{"lambda.duration.x86_64", "GB-second", {{inf, 0.0000166667}}, "t", "t", "c"},
        models::Price{
            "lambda.provisioned.x86_64", "GB-second", {{inf, 0.0000041667}}, "t", "t", "c"},
        models::Price{"lambda.provisioned_duration.x86_64",
                      "GB-second",
                      {{inf, 0.0000097222}},
                      "t",
                      "t",
                      "c"}}) {
    book.prices.emplace(p.key, p);
  }
  const sim::Time end = sim::Time::micros(8 * 3600 * kSecond);
  test::Bench bench;
  models::Ledger ledger{book, false, sim::Duration::minutes(5), end, sim::Time::zero()};
  bench.context.ledger = &ledger;
  auto config = function(sim::Duration::seconds(8));
  config.memory_mb = 1536;
  config.provisioned_concurrency = 100;
  models::LambdaFunction fn("fn", config, bench.context);
  // One invocation of 2 s on a provisioned environment: no init, the
  // provisioned-duration price.
  test::ScriptedArrivals arrivals({{kSecond, 2 * kSecond}}, fn, bench.sink);
  bench.simulation.run_until(end, &arrivals);
  fn.settle(end);
  CHECK(bench.sink.find(0)->at_us == 3 * kSecond);
  CHECK(usage(ledger, "fn.provisioned") == 1.5 * 100 * 8 * 3600);
  CHECK(usage(ledger, "fn.provisioned_duration") == 1.5 * 2);
  CHECK(usage(ledger, "fn.duration") == 0);
  double pc_usd = 0;
  for (const auto& total : ledger.totals()) {
    if (total.name == "fn.provisioned") pc_usd = total.usd;
  }
  CHECK(pc_usd == Approx(18.00).margin(0.0005));  // 4,320,000 GB-s x 0.0000041667
}

TEST_CASE("Requests take idle provisioned environments first and spill over beyond them",
          "[provisioned]") {
  PricedBench bench;
  const double inf = std::numeric_limits<double>::infinity();
  for (const char* key : {"lambda.provisioned.x86_64", "lambda.provisioned_duration.x86_64"})
    bench.book.prices.emplace(key, models::Price{key, "GB-second", {{inf, 1e-6}}, "t", "t", "c"});
  auto config = function(sim::Duration::millis(500));
  config.provisioned_concurrency = 2;
  config.idle_lifetime = sim::DurationDistribution::constant(sim::Duration::seconds(10));
  models::LambdaFunction fn("fn", config, bench.context);
  // Three at once: two on provisioned environments, the third cold (500 ms init).
  // At 2 s the provisioned ones are free again and serve; at 4 s three come
  // again: the spilled-over environment is warm now.
  test::ScriptedArrivals arrivals({{0, kSecond},
                                   {0, kSecond},
                                   {0, kSecond},
                                   {2 * kSecond, 100 * kMs},
                                   {4 * kSecond, kSecond},
                                   {4 * kSecond, kSecond},
                                   {4 * kSecond, kSecond}},
                                  fn, bench.sink);
  const sim::Time end = sim::Time::micros(100 * kSecond);
  bench.simulation.run_until(end, &arrivals);
  fn.settle(end);
  bench.series.close(end);
  CHECK(bench.sink.find(0)->at_us == kSecond);
  CHECK(bench.sink.find(1)->at_us == kSecond);
  CHECK(bench.sink.find(2)->at_us == 1500 * kMs);   // spilled over, cold
  CHECK(bench.sink.find(3)->at_us == 2100 * kMs);   // provisioned again
  CHECK(bench.sink.find(6)->at_us == 5 * kSecond);  // spilled over, warm
  models::MetricList metrics;
  fn.report(metrics);
  CHECK(value_of(metrics, "component.fn.invocations") == 7);
  CHECK(value_of(metrics, "component.fn.provisioned_invocations") == 5);
  CHECK(value_of(metrics, "component.fn.spillover_invocations") == 2);
  CHECK(value_of(metrics, "component.fn.cold_starts") == 1);
  // Billed GB-s (1 GB): provisioned 4 x 1 s + 0.1 s; on demand 1.5 s + 1 s.
  CHECK(usage(bench.ledger, "fn.provisioned_duration") == Approx(4.1));
  CHECK(usage(bench.ledger, "fn.duration") == Approx(2.5));
  CHECK(usage(bench.ledger, "fn.provisioned") == Approx(2 * 100.0));
  // Live: two provisioned through the run, and the spilled-over one from 0 to
  // 15 s (idle from 5 s, reclaimed 10 s later).
  CHECK(value_of(metrics, "component.fn.environments_mean") == Approx((200.0 + 15) / 100));
  CHECK(value_of(metrics, "component.fn.environments_peak") == 3);
}

TEST_CASE(
    "A provisioned concurrency schedule acts at its instants, serves after the allocation "
    "delay and is billed rounded up to 5 minutes",
    "[provisioned]") {
  const double inf = std::numeric_limits<double>::infinity();
  models::PricingConfig pricing;
  for (const char* key : {"lambda.requests", "lambda.duration.x86_64", "lambda.provisioned.x86_64",
                          "lambda.provisioned_duration.x86_64"}) {
    pricing.book.prices.emplace(key, models::Price{key, "unit", {{inf, 1e-6}}, "t", "t", "c"});
  }
  models::Scenario s;
  s.name = "pc";
  s.horizon = sim::Duration::hours(24);  // Monday, from midnight
  s.interval = sim::Duration::minutes(1);
  s.replications = 1;
  s.pricing = pricing;
  s.workload.arrivals.kind = models::ArrivalConfig::Kind::kPeriodic;
  s.workload.arrivals.every = sim::Duration::minutes(1);
  s.workload.arrivals.offset = sim::Duration::seconds(30);
  s.workload.service_time = sim::DurationDistribution::constant(sim::Duration::millis(100));
  auto fn = function(sim::Duration::seconds(8));
  fn.memory_mb = 1536;
  models::ProvisionedScheduleConfig schedule;
  std::string error;
  schedule.actions = {{*sim::CronSchedule::parse("0 8 * * mon-fri", &error), 100},
                      {*sim::CronSchedule::parse("3 16 * * mon-fri", &error), 0}};
  s.strategies.push_back({"pc", "", {{"fn", {}, fn}}, {{"fn.policy", {"fn"}, schedule}}, {}});
  models::StrategyRun run(s, 0, 0);
  run.advance_to(sim::Time::zero() + s.horizon);
  const models::RunResult result = run.finish();
  // Configured from 08:00, ready at 08:02: the arrivals at 08:02:30 to 16:02:30
  // are served by provisioned environments; released at 16:03.
  CHECK(test::metric(result, "component.fn.provisioned_invocations") == 8 * 60 + 1);
  CHECK(test::metric(result, "component.fn.invocations") == 24 * 60);
  CHECK(test::metric(result, "controller.fn.policy.actions") == 2);
  // Enabled 8 h 3 min, billed as 8 h 5 min: 100 x 1.5 GB x 29,100 s.
  CHECK(test::metric(result, "usage.meter.fn.provisioned") == Approx(100 * 1.5 * 29100));
  // Provisioned environments live from 08:02 to 16:03, besides on-demand ones.
  const double pc_env_hours = 100 * (8 + 1.0 / 60);
  CHECK(test::metric(result, "component.fn.environments_mean") * 24 >= pc_env_hours);
  CHECK(test::metric(result, "component.fn.environments_peak") >= 100);
}

TEST_CASE("Keep-warm pings are real invocations, billed and counted apart from users'",
          "[keep-warm]") {
  // The field report's pinger: 100 concurrent pings every 4 minutes for 30 days
  // is 1,080,000 pings; at 3,072 MB and 0.1 s each that is 324,000 GB-s of
  // duration (5.40 USD in us-east-1) besides 0.216 USD of requests.
  const double inf = std::numeric_limits<double>::infinity();
  models::PricingConfig pricing;
  pricing.book.prices.emplace(
      "lambda.requests",
      models::Price{"lambda.requests", "million requests", {{inf, 0.20}}, "t", "t", "c"});
  pricing.book.prices.emplace(
      "lambda.duration.x86_64",
      models::Price{"lambda.duration.x86_64", "GB-second", {{inf, 0.0000166667}}, "t", "t", "c"});
  models::Scenario s;
  s.name = "keep-warm";
  s.horizon = sim::Duration::hours(24 * 30);
  s.interval = sim::Duration::hours(1);
  s.replications = 1;
  s.pricing = pricing;
  s.workload.arrivals.rate = models::constant_curve(1.0 / 3600);  // a user an hour
  s.workload.service_time = sim::DurationDistribution::constant(sim::Duration::millis(200));
  auto fn = function(sim::Duration::seconds(8));
  fn.memory_mb = 3072;
  fn.bill_init = false;
  models::KeepWarmConfig pinger;
  pinger.schedules = {{sim::Duration::minutes(4), sim::Duration::seconds(1), 100}};
  s.strategies.push_back({"warm", "", {{"fn", {}, fn}}, {{"pinger", {"fn"}, pinger}}, {}});
  models::StrategyRun run(s, 0, 0);
  run.advance_to(sim::Time::zero() + s.horizon);
  const models::RunResult result = run.finish();  // checks conservation
  CHECK(test::metric(result, "lambda.pings") == 1'080'000);
  CHECK(test::metric(result, "controller.pinger.pings") == 1'080'000);
  CHECK(test::metric(result, "controller.pinger.pings_throttled") == 0);
  // Only the first round is cold: 100 environments stay warm all month.
  CHECK(test::metric(result, "lambda.ping_cold_starts") == 100);
  CHECK(test::metric(result, "usage.meter.fn.ping_requests") == Approx(1.08));
  CHECK(test::metric(result, "usage.meter.fn.ping_duration") == Approx(324'000));
  CHECK(test::metric(result, "cost.meter.fn.ping_duration_usd") == Approx(5.40).margin(0.001));
  CHECK(test::metric(result, "cost.meter.fn.ping_requests_usd") == Approx(0.216));
  // Users' invocations are the users' only, and all of them found a warm one.
  const double users = test::metric(result, "requests.arrivals");
  CHECK(test::metric(result, "lambda.invocations") == users);
  CHECK(test::metric(result, "lambda.cold_starts") == 0);
  CHECK(test::metric(result, "requests.ok") == users);
  CHECK(test::metric(result, "lambda.environments_mean") == Approx(100).margin(0.1));
}

TEST_CASE("A user request that finds the warm environment busy with a ping goes cold",
          "[keep-warm]") {
  // Environments idle out after a minute, so a ping every 4 minutes keeps
  // nothing warm: each ping is cold, and a user 50 ms after it finds the one
  // environment busy with the ping (init and sleep take 400 ms) and is cold too.
  models::Scenario s;
  s.name = "collide";
  s.horizon = sim::Duration::hours(2);
  s.interval = sim::Duration::minutes(1);
  s.replications = 1;
  s.workload.arrivals.kind = models::ArrivalConfig::Kind::kPeriodic;
  s.workload.arrivals.every = sim::Duration::minutes(4);
  s.workload.arrivals.offset = sim::Duration::millis(1050);
  s.workload.service_time = sim::DurationDistribution::constant(sim::Duration::millis(10));
  auto fn = function(sim::Duration::millis(300));
  fn.idle_lifetime = sim::DurationDistribution::constant(sim::Duration::minutes(1));
  models::KeepWarmConfig pinger;
  pinger.schedules = {{sim::Duration::minutes(4), sim::Duration::seconds(1), 1}};
  pinger.ping_duration = sim::Duration::millis(100);
  s.strategies.push_back({"warm", "", {{"fn", {}, fn}}, {{"pinger", {"fn"}, pinger}}, {}});
  models::StrategyRun run(s, 0, 0);
  run.advance_to(sim::Time::zero() + s.horizon);
  const models::RunResult result = run.finish();
  CHECK(test::metric(result, "lambda.invocations") == 30);
  CHECK(test::metric(result, "lambda.cold_starts") == 30);
  CHECK(test::metric(result, "lambda.pings") == 30);
  CHECK(test::metric(result, "lambda.ping_cold_starts") == 30);  // 1-minute lifetime: all cold
}

TEST_CASE(
    "An init longer than 10 s is stopped and run again within the first invocation, "
    "under the timeout",
    "[init-limit]") {
  PricedBench bench;
  auto config = function(sim::Duration::seconds(12));
  config.timeout = sim::Duration::seconds(20);
  models::LambdaFunction fn("fn", config, bench.context);
  auto tight = function(sim::Duration::seconds(12));
  tight.timeout = sim::Duration::seconds(12);
  models::LambdaFunction short_timeout("short", tight, bench.context);
  // 10 s of init, then 12 s of init again and 1 s of work: done at 23 s, billed
  // for all 23 s (1 GB).
  test::ScriptedArrivals arrivals({{0, kSecond}}, fn, bench.sink);
  bench.simulation.run_until(sim::Time::micros(50 * kSecond), &arrivals);
  CHECK(bench.sink.find(0)->at_us == 23 * kSecond);
  CHECK(bench.sink.find(0)->outcome == Outcome::kOk);
  fn.settle(sim::Time::micros(50 * kSecond));
  CHECK(usage(bench.ledger, "fn.duration") == Approx(23));
  bench.sink.endings.clear();
  // With a 12 s timeout the retried init and the work (13 s) time out at 22 s.
  test::ScriptedArrivals again({{60 * kSecond, kSecond}}, short_timeout, bench.sink);
  bench.simulation.run_until(sim::Time::micros(200 * kSecond), &again);
  CHECK(bench.sink.find(0)->at_us == 82 * kSecond);
  CHECK(bench.sink.find(0)->outcome == Outcome::kLambdaTimeout);
}

TEST_CASE("Functions without a reservation share what the reserved ones leave of the account",
          "[account]") {
  test::Bench bench;
  models::SharedState shared;
  bench.context.shared = &shared;
  auto reserved = function();
  reserved.account_concurrency = 5;
  reserved.reserved_concurrency = 2;
  auto open = function();
  open.account_concurrency = 5;
  models::LambdaFunction a("a", reserved, bench.context);
  models::LambdaFunction b("b", open, bench.context);
  models::LambdaFunction c("c", open, bench.context);
  // b and c share 5 - 2 = 3: b takes two, c one, and c's second is throttled
  // although c alone runs one; a's reservation is untouched.
  test::ScriptedArrivals to_b({{0, 10 * kSecond}, {0, 10 * kSecond}}, b, bench.sink);
  bench.simulation.run_until(sim::Time::micros(kSecond), &to_b);
  test::ScriptedArrivals to_c({{2 * kSecond, 10 * kSecond}, {2 * kSecond, 10 * kSecond}}, c,
                              bench.sink);
  bench.simulation.run_until(sim::Time::micros(3 * kSecond), &to_c);
  CHECK(bench.sink.endings.size() == 1);
  CHECK(bench.sink.endings.back().outcome == Outcome::kLambdaThrottled);
  test::ScriptedArrivals to_a({{4 * kSecond, kSecond}, {4 * kSecond, kSecond}}, a, bench.sink);
  bench.simulation.run_until(sim::Time::micros(100 * kSecond), &to_a);
  size_t throttled = 0;
  for (const auto& ending : bench.sink.endings)
    throttled += ending.outcome == Outcome::kLambdaThrottled;
  CHECK(throttled == 1);
  CHECK(bench.sink.endings.size() == 6);
}

TEST_CASE(
    "On the legacy scaling model, the account's functions share one burst, then 500 a "
    "minute",
    "[account]") {
  test::Bench bench;
  models::SharedState shared;
  bench.context.shared = &shared;
  auto legacy = function(sim::Duration::millis(100));
  legacy.legacy_burst = 3;
  models::LambdaFunction a("a", legacy, bench.context);
  models::LambdaFunction b("b", legacy, bench.context);
  // Three new environments at once for the account: a takes two, b one, and b's
  // second is throttled. 500 a minute refill a token in 0.12 s.
  test::ScriptedArrivals to_a({{0, 10 * kSecond}, {0, 10 * kSecond}}, a, bench.sink);
  bench.simulation.run_until(sim::Time::micros(1), &to_a);
  test::ScriptedArrivals to_b(
      {{1, 10 * kSecond}, {1, 10 * kSecond}, {100 * kMs, kSecond}, {200 * kMs, kSecond}}, b,
      bench.sink);
  bench.simulation.run_until(sim::Time::micros(100 * kSecond), &to_b);
  size_t throttled = 0;
  for (const auto& ending : bench.sink.endings)
    throttled += ending.outcome == Outcome::kLambdaThrottled;
  // b's second (at 1 us) and its third (at 100 ms, 0.83 tokens refilled) are
  // throttled; its fourth (at 200 ms) finds a token.
  CHECK(throttled == 2);
  CHECK(bench.sink.endings.size() == 6);
}
