#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "models/control/api_catalog.h"
#include "models/control/control_plane.h"
#include "models/observe/event_log.h"
#include "models/token_bucket.h"
#include "sim/simulation.h"

using models::ApiId;
using models::ApiSpec;
using models::CallResult;
using models::ControlPlane;
using models::Jitter;
using models::RetryPolicy;

namespace {

constexpr int64_t kSecond = 1'000'000;
constexpr int64_t kMs = 1000;

ApiSpec api(std::string name, double burst, double per_second,
            sim::Duration latency = sim::Duration()) {
  ApiSpec spec{};
  spec.name = std::move(name);
  spec.service = "test";
  spec.burst = burst;
  spec.per_second = per_second;
  spec.latency = sim::DurationDistribution::constant(latency);
  spec.throttle_error = "Throttled";
  return spec;
}

// A catalogue API with its latency replaced.
ApiSpec catalogued(std::string_view name, sim::Duration latency) {
  ApiSpec spec = *models::find_api(name);
  spec.latency = sim::DurationDistribution::constant(latency);
  return spec;
}

struct Done {
  uint64_t tag;
  bool ok;
  int attempts;
  int64_t at_us;
  const ApiSpec* api;
};

class Recorder final : public models::CallObserver {
 public:
  explicit Recorder(const sim::Simulation& simulation) : sim_(simulation) {}
  void on_call_done(uint64_t tag, const CallResult& result) override {
    done.push_back({tag, result.ok, result.attempts, sim_.now().us(), result.api});
  }
  const Done& of(uint64_t tag) const {
    for (const Done& d : done) {
      if (d.tag == tag) return d;
    }
    FAIL("no answer for call " << tag);
    return done.front();
  }
  std::vector<Done> done;

 private:
  const sim::Simulation& sim_;
};

struct Planned {
  int64_t at_us;
  ApiId api;
  uint32_t resources = 1;
  RetryPolicy retry = {};
  std::string caller = "policy";
};

// Makes each planned call at its instant; a call's tag is its index in the plan.
class Script final : public sim::EventHandler {
 public:
  Script(sim::Simulation& simulation, ControlPlane& control, models::CallObserver& observer,
         std::vector<Planned> plan)
      : control_(control), observer_(observer), plan_(std::move(plan)) {
    for (size_t i = 0; i < plan_.size(); ++i) {
      simulation.schedule(sim::Time::micros(plan_[i].at_us), *this, i);
    }
  }
  void on_event(uint64_t i) override {
    const Planned& p = plan_[i];
    control_.call(p.api, p.caller, observer_, i, p.retry, p.resources);
  }

 private:
  ControlPlane& control_;
  models::CallObserver& observer_;
  std::vector<Planned> plan_;
};

struct Bench {
  explicit Bench(std::vector<ApiSpec> apis, uint64_t seed = 7)
      : control(simulation, std::move(apis), sim::RandomStream(seed), &log) {}
  void run(std::vector<Planned> plan, int64_t until_us = 1000 * kSecond) {
    Script script(simulation, control, recorder, std::move(plan));
    simulation.run_until(sim::Time::micros(until_us), nullptr);
  }
  sim::Simulation simulation;
  models::EventLog log;
  ControlPlane control;
  Recorder recorder{simulation};
};

}  // namespace

TEST_CASE("A bucket takes n tokens only when all n are there", "[control]") {
  models::TokenBucket bucket(10, 1);
  const sim::Time t0 = sim::Time::zero();
  CHECK(bucket.take(t0, 4));
  CHECK_FALSE(bucket.take(t0, 7));  // 6 there: nothing is taken
  CHECK(bucket.tokens(t0) == 6);
  CHECK(bucket.take(t0, 6));
  CHECK_FALSE(bucket.take(t0 + sim::Duration::seconds(1), 2));  // 1 there
  CHECK(bucket.take(t0 + sim::Duration::seconds(2), 2));
  CHECK(bucket.tokens(t0 + sim::Duration::seconds(2)) == 0);
  // A full bucket never holds more than its capacity, so 11 never fit.
  CHECK_FALSE(bucket.take(t0 + sim::Duration::hours(1), 11));
  CHECK(bucket.tokens(t0 + sim::Duration::hours(1)) == 10);
  CHECK(bucket.take(t0 + sim::Duration::hours(1), 10));
}

TEST_CASE("A scripted burst is admitted as the bucket arithmetic says, at exact instants",
          "[control]") {
  // RunInstances' request bucket: 5 of burst, 2 a second (EC2-THROTTLE).
  Bench bench({api("Run", 5, 2)});
  const ApiId run = *bench.control.find("Run");
  struct Step {
    int64_t at_us;
    bool admitted;
  };
  const std::vector<Step> steps = {// The burst: five at once, then nothing.
                                   {0, true},
                                   {0, true},
                                   {0, true},
                                   {0, true},
                                   {0, true},
                                   {0, false},
                                   {0, false},
                                   // One token takes exactly 0.5 s to refill.
                                   {kSecond / 2 - 1, false},
                                   {kSecond / 2, true},
                                   {kSecond, true},
                                   {kSecond, false},
                                   // 2.5 s refill the whole burst of 5, and no more.
                                   {3 * kSecond + kSecond / 2, true},
                                   {3 * kSecond + kSecond / 2, true},
                                   {3 * kSecond + kSecond / 2, true},
                                   {3 * kSecond + kSecond / 2, true},
                                   {3 * kSecond + kSecond / 2, true},
                                   {3 * kSecond + kSecond / 2, false},
                                   {60 * kSecond, true},
                                   {60 * kSecond, true},
                                   {60 * kSecond, true},
                                   {60 * kSecond, true},
                                   {60 * kSecond, true},
                                   {60 * kSecond, false}};
  std::vector<Planned> plan;
  for (const Step& step : steps) plan.push_back({step.at_us, run});
  bench.run(plan);

  REQUIRE(bench.recorder.done.size() == steps.size());
  for (size_t i = 0; i < steps.size(); ++i) {
    INFO("call " << i << " at " << steps[i].at_us << " us");
    CHECK(bench.recorder.of(i).ok == steps[i].admitted);
    CHECK(bench.recorder.of(i).attempts == 1);
  }
  CHECK(bench.control.counters(run).attempts == 23);
  CHECK(bench.control.counters(run).throttled == 6);
  CHECK(bench.control.counters(run).failures == 6);
  CHECK(bench.control.counters(run).retries == 0);
}

TEST_CASE("RunInstances' resource bucket limits how many instances launch", "[control]") {
  // 1,000 instances of burst, then 2 a second (EC2-THROTTLE). A request refused
  // for want of instance tokens still spends its request token.
  Bench bench({catalogued("RunInstances", sim::Duration())});
  const ApiId run = *bench.control.find("ec2:RunInstances");
  bench.run({{0, run, 400},            // 600 instance tokens left
             {0, run, 400},            // 200 left
             {0, run, 400},            // refused: 200 < 400
             {0, run, 200},            // 0 left
             {0, run, 1},              // refused, spending the 5th request token
             {kSecond / 2, run, 2},    // 1 request token, 1 instance token: refused
             {kSecond, run, 2},        // 1 request token, 2 instance tokens
             {kSecond + 1, run, 1}});  // no request token
  std::vector<bool> admitted;
  for (uint64_t i = 0; i < 8; ++i) admitted.push_back(bench.recorder.of(i).ok);
  CHECK(admitted == std::vector<bool>{true, true, false, true, false, false, true, false});
  CHECK(bench.control.counters(run).attempts == 8);
  CHECK(bench.control.counters(run).throttled == 4);
}

TEST_CASE("Answers arrive after the API's latency, throttled or not", "[control]") {
  // RunInstances answers in 1.5 s (PERCIVAL-2021).
  std::vector<ApiSpec> apis = {*models::find_api("RunInstances"), api("Never", 0, 0)};
  apis[1].latency = sim::DurationDistribution::constant(sim::Duration::millis(250));
  Bench bench(apis);
  const ApiId run = *bench.control.find("RunInstances");
  const ApiId never = *bench.control.find("Never");
  bench.run({{2 * kSecond, run}, {2 * kSecond, never}});
  CHECK(bench.recorder.of(0).ok);
  CHECK(bench.recorder.of(0).at_us == 3 * kSecond + kSecond / 2);
  CHECK(bench.recorder.of(0).api == &bench.control.spec(run));
  CHECK_FALSE(bench.recorder.of(1).ok);
  CHECK(bench.recorder.of(1).at_us == 2 * kSecond + 250 * kMs);
  CHECK(bench.control.in_flight() == 0);
}

TEST_CASE("Retries without jitter wait base, 2 base, 4 base, capped, after each answer",
          "[control]") {
  // A bucket that never refills: every attempt is throttled.
  const sim::Duration latency = sim::Duration::millis(50);
  Bench bench({api("Never", 0, 0, latency)});
  const ApiId never = *bench.control.find("Never");
  const RetryPolicy retry{5, sim::Duration::millis(100), sim::Duration::millis(300), Jitter::kNone};
  bench.run({{0, never, 1, retry}});

  // Attempt k + 1 starts latency + min(cap, base * 2^(k-1)) after attempt k.
  const std::vector<int64_t> waits_ms = {100, 200, 300, 300};
  std::vector<int64_t> expected_us = {0};
  for (int64_t wait : waits_ms) expected_us.push_back(expected_us.back() + (50 + wait) * kMs);
  std::vector<int64_t> attempts_us;
  for (const models::LoggedEvent& row : bench.log.entries()) {
    if (row.what == "throttled") attempts_us.push_back(row.at.us());
  }
  CHECK(attempts_us == expected_us);
  const Done& done = bench.recorder.of(0);
  CHECK_FALSE(done.ok);
  CHECK(done.attempts == 5);
  CHECK(done.at_us == expected_us.back() + 50 * kMs);
}

TEST_CASE("A retry that finds a refilled token succeeds", "[control]") {
  // One token of burst, a new one every 0.25 s.
  Bench bench({api("Slow", 1, 4)});
  const ApiId slow = *bench.control.find("Slow");
  const RetryPolicy retry{5, sim::Duration::millis(100), sim::Duration::seconds(10), Jitter::kNone};
  // The second call is refused at 0 and at 0.1 s (0.4 tokens), admitted at 0.3 s.
  bench.run({{0, slow, 1, retry}, {0, slow, 1, retry}});
  CHECK(bench.recorder.of(0).attempts == 1);
  CHECK(bench.recorder.of(1).ok);
  CHECK(bench.recorder.of(1).attempts == 3);
  CHECK(bench.recorder.of(1).at_us == 300 * kMs);
  const models::CallCounters& c = bench.control.counters(slow);
  CHECK(c.attempts == 4);
  CHECK(c.throttled == 2);
  CHECK(c.retries == 2);
  CHECK(c.failures == 0);
}

namespace {

// For each caller, the gaps between its throttled attempts, in order.
std::map<std::string, std::vector<int64_t>> gaps_by_caller(const models::EventLog& log) {
  std::map<std::string, std::vector<int64_t>> gaps;
  std::map<std::string, int64_t> last;
  for (const models::LoggedEvent& row : log.entries()) {
    if (row.what != "throttled") continue;
    if (auto it = last.find(row.source); it != last.end()) {
      gaps[row.source].push_back(row.at.us() - it->second);
    }
    last[row.source] = row.at.us();
  }
  return gaps;
}

std::map<std::string, std::vector<int64_t>> jittered_run(uint64_t seed,
                                                         const std::vector<std::string>& names) {
  Bench bench({api("Never", 0, 0)}, seed);
  const ApiId never = *bench.control.find("Never");
  const RetryPolicy retry{4, sim::Duration::seconds(1), sim::Duration::seconds(3), Jitter::kFull};
  std::vector<Planned> plan;
  for (const std::string& name : names) plan.push_back({0, never, 1, retry, name});
  bench.run(plan);
  REQUIRE(bench.recorder.done.size() == names.size());
  return gaps_by_caller(bench.log);
}

}  // namespace

TEST_CASE("Full jitter waits uniformly up to the capped backoff, the same for a seed",
          "[control]") {
  std::vector<std::string> names;
  for (int i = 0; i < 400; ++i) names.push_back("caller-" + std::to_string(i));
  const auto gaps = jittered_run(11, names);
  REQUIRE(gaps.size() == names.size());

  // The k-th retry waits at most min(3 s, 1 s * 2^(k-1)): 1 s, 2 s, 3 s.
  const std::vector<int64_t> bounds = {kSecond, 2 * kSecond, 3 * kSecond};
  std::vector<double> mean(3, 0.0);
  for (const auto& [caller, waits] : gaps) {
    REQUIRE(waits.size() == 3);
    for (size_t k = 0; k < 3; ++k) {
      CHECK(waits[k] >= 0);
      CHECK(waits[k] <= bounds[k]);
      mean[k] += static_cast<double>(waits[k]) / static_cast<double>(names.size());
    }
  }
  // Uniform on [0, bound]: mean bound / 2, standard error bound / sqrt(12 * 400).
  for (size_t k = 0; k < 3; ++k) {
    const double bound = static_cast<double>(bounds[k]);
    CHECK(std::abs(mean[k] - bound / 2) < 4 * bound / std::sqrt(12.0 * 400));
  }

  CHECK(jittered_run(11, names) == gaps);
  CHECK(jittered_run(12, names) != gaps);
}

TEST_CASE("Counters add up per API and over all APIs", "[control]") {
  Bench bench({api("A", 1, 0), api("B", 2, 0)});
  const ApiId a = *bench.control.find("A");
  const ApiId b = *bench.control.find("B");
  const RetryPolicy three{3, sim::Duration::millis(10), sim::Duration::seconds(1), Jitter::kNone};
  // A: one admitted, one refused three times. B: two admitted, one refused once.
  bench.run({{0, a}, {0, a, 1, three}, {0, b}, {0, b}, {0, b}});
  const models::CallCounters& ca = bench.control.counters(a);
  const models::CallCounters& cb = bench.control.counters(b);
  CHECK((ca.attempts == 4 && ca.throttled == 3 && ca.retries == 2 && ca.failures == 1));
  CHECK((cb.attempts == 3 && cb.throttled == 1 && cb.retries == 0 && cb.failures == 1));
  const models::CallCounters& all = bench.control.totals();
  CHECK((all.attempts == 7 && all.throttled == 4 && all.retries == 2 && all.failures == 2));
}

TEST_CASE("Throttled attempts and give-ups are logged for the caller", "[control]") {
  // Lightsail's placeholder bucket: 10 of burst, 1 a second.
  Bench bench({catalogued("TagResource", sim::Duration::millis(200))});
  const ApiId tag = *bench.control.find("lightsail:TagResource");
  const RetryPolicy retry{3, sim::Duration::millis(100), sim::Duration::seconds(1), Jitter::kNone};
  std::vector<Planned> plan(10, Planned{0, tag});
  plan.push_back({0, tag, 1, retry, "web-scaler"});
  bench.run(plan, 10 * kSecond);

  const std::vector<models::LoggedEvent>& rows = bench.log.entries();
  REQUIRE(rows.size() == 4);
  // Attempts at 0, 0.3 s (answer at 0.2 s, then 0.1 s) and 0.7 s (0.5 s, then 0.2 s):
  // 0.7 tokens have refilled by then, less than one.
  const std::vector<int64_t> at_ms = {0, 300, 700, 900};
  const std::vector<std::string> what = {"throttled", "throttled", "throttled", "gave_up"};
  const std::vector<std::string> detail = {
      "TagResource attempt 1 of 3 (ThrottlingException)",
      "TagResource attempt 2 of 3 (ThrottlingException)",
      "TagResource attempt 3 of 3 (ThrottlingException)",
      "TagResource failed after 3 attempts (ThrottlingException)"};
  for (size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].at.us() == at_ms[i] * kMs);
    CHECK(rows[i].source == "web-scaler");
    CHECK(rows[i].what == what[i]);
    CHECK(rows[i].detail == detail[i]);
  }
  CHECK_FALSE(bench.recorder.of(10).ok);
  CHECK(bench.recorder.of(10).attempts == 3);
}

namespace {

// Calls again from on_call_done until it has made `calls` calls.
class Chain final : public models::CallObserver {
 public:
  Chain(ControlPlane& control, ApiId api, int calls) : control_(control), api_(api), left_(calls) {}
  void start() { next(); }
  void on_call_done(uint64_t tag, const CallResult& result) override {
    ended.push_back(tag);
    CHECK(result.ok);
    next();
  }
  std::vector<uint64_t> ended;

 private:
  void next() {
    if (left_-- > 0) control_.call(api_, "chain", *this, ended.size(), RetryPolicy{});
  }
  ControlPlane& control_;
  ApiId api_;
  int left_;
};

}  // namespace

TEST_CASE("An observer may call again from on_call_done", "[control]") {
  Bench bench({api("Fast", 100, 100, sim::Duration::millis(10))});
  Chain chain(bench.control, *bench.control.find("Fast"), 5);
  chain.start();
  CHECK(bench.control.in_flight() == 1);
  bench.simulation.run_until(sim::Time::micros(kSecond), nullptr);
  CHECK(chain.ended == std::vector<uint64_t>{0, 1, 2, 3, 4});
  CHECK(bench.control.in_flight() == 0);
  CHECK(bench.simulation.now().us() == kSecond);
}

TEST_CASE("The default catalogue holds EC2's published buckets and Lightsail placeholders",
          "[control]") {
  const ApiSpec* run = models::find_api("RunInstances");
  REQUIRE(run != nullptr);
  CHECK((run->service == "ec2" && run->burst == 5 && run->per_second == 2));
  REQUIRE(run->resources);
  CHECK((run->resources->burst == 1000 && run->resources->per_second == 2));
  CHECK(run->latency.mean_seconds() == Approx(1.5));
  CHECK(run->confirmed);
  CHECK(run->throttle_error == "RequestLimitExceeded");

  const ApiSpec* terminate = models::find_api("ec2:TerminateInstances");
  REQUIRE(terminate != nullptr);
  CHECK((terminate->burst == 100 && terminate->per_second == 5));
  REQUIRE(terminate->resources);
  CHECK((terminate->resources->burst == 1000 && terminate->resources->per_second == 20));

  for (auto [name, burst, rate] :
       {std::tuple{"CreateTags", 100.0, 10.0}, std::tuple{"DescribeTags", 100.0, 20.0},
        std::tuple{"DescribeInstances", 100.0, 20.0}}) {
    const ApiSpec* spec = models::find_api(name);
    REQUIRE(spec != nullptr);
    CHECK((spec->burst == burst && spec->per_second == rate && !spec->resources));
  }

  for (const char* name : {"CreateInstances", "TagResource", "OpenInstancePublicPorts",
                           "DeleteInstance", "GetInstances"}) {
    const ApiSpec* spec = models::find_api(std::string("lightsail:") + name);
    REQUIRE(spec != nullptr);
    CHECK((spec->burst == 10 && spec->per_second == 1));
    CHECK_FALSE(spec->confirmed);
    CHECK(spec->note.find("no rate limits") != std::string::npos);
    CHECK(spec->throttle_error == "ThrottlingException");
  }

  for (const ApiSpec& spec : models::default_apis()) {
    INFO(spec.name);
    CHECK_FALSE(spec.source.empty());
    CHECK((spec.confirmed || !spec.note.empty()));
  }
  CHECK(models::find_api("ec2:TagResource") == nullptr);
  CHECK(models::find_api("NoSuchApi") == nullptr);
}
