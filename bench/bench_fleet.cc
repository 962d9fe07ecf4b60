// Simulated requests per wall-clock second, end to end, on one thread.
//
// Each case is a whole run (arrivals, routing, queueing, completions, statistics,
// time series, conservation check) of a server fleet (a Lambda function, an ECS
// service) at 80% load, built in code so that scenario parsing is not measured.
// Usage: bench_fleet [requests per case [text that the cases to run contain [rounds]]]
//
// Times are the thread's CPU time, so that time spent descheduled while other
// work shares the machine does not count. Its speed still drifts (caches and
// cores are shared), so each case is also given as a ratio to a bare queueing
// loop of the same size run just before it in the same process (bare_loop): the
// engine's overhead, comparable between runs and machines. Each case runs for
// several rounds, a bare loop then the case in each, and the medians are
// printed: on a busy host one round's ratio can be a tenth off. Goals: every
// case at least 10 million requests/s and a ratio of at least 0.6.
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include <limits>

#include "models/compute/server_fleet.h"
#include "models/containers/ecs_service.h"
#include "models/network/alb.h"
#include "models/policies/asg.h"
#include "models/scenario.h"
#include "models/serverless/api_gateway.h"
#include "models/serverless/lambda_function.h"
#include "models/strategy_run.h"
#include "sim/distribution.h"

namespace {

struct Case {
  const char* label;
  models::Routing routing;
  uint32_t instances;
  uint32_t slots;
  bool lognormal;
  bool behind_alb = false;  // an alb (default settings) in front of the fleet
  bool lambda = false;      // on-demand Lambda behind a REST API instead of a fleet
  // An Auto Scaling group tracking 60% CPU on the fleet (behind an ALB), under an
  // hourly daily profile: the request path with capacity that moves.
  bool asg = false;
  // The Lambda case with capacity and networking: provisioned concurrency for
  // about 80% of the load (the rest spills over to on-demand environments), in a
  // VPC; on the legacy ENI model (no provisioned concurrency there) instead when
  // `legacy_vpc`.
  bool provisioned_vpc = false;
  bool legacy_vpc = false;
  // An ECS service of `instances` Fargate tasks behind an ALB instead of a fleet:
  // FARGATE base 1 weight 1, FARGATE_SPOT weight 3, Spot tasks interrupted at 1
  // per task-hour (drained, replaced, billed per second).
  bool ecs_spot = false;
};

// The us-east-1 prices the cases bill (scenarios/pricing/aws-us-east-1-2026-11.json),
// so that metering is part of what is measured.
models::PricingConfig pricing() {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<models::PriceTier> lambda_tiers = {
      {6e9, 0.0000166667}, {15e9, 0.000015}, {inf, 0.0000133334}};
  const std::vector<models::PriceTier> rest_tiers = {
      {333, 3.50}, {1000, 2.80}, {20000, 2.38}, {inf, 1.51}};
  models::PricingConfig p;
  for (const models::Price& price :
       {models::Price{"ec2.instance.c6g.large", "hour", {{inf, 0.068}}, "", "", ""},
        models::Price{"alb.hour", "hour", {{inf, 0.0225}}, "", "", ""},
        models::Price{"alb.lcu_hour", "LCU-hour", {{inf, 0.008}}, "", "", ""},
        models::Price{"public_ipv4.hour", "IP-hour", {{inf, 0.005}}, "", "", ""},
        models::Price{"lambda.requests", "million requests", {{inf, 0.20}}, "", "", ""},
        models::Price{"lambda.duration.x86_64", "GB-second", lambda_tiers, "", "", ""},
        models::Price{"lambda.provisioned.x86_64", "GB-second", {{inf, 0.0000041667}}, "", "", ""},
        models::Price{
            "lambda.provisioned_duration.x86_64", "GB-second", {{inf, 0.0000097222}}, "", "", ""},
        models::Price{"apigw.rest.requests", "million requests", rest_tiers, "", "", ""},
        models::Price{"fargate.vcpu.x86_64", "vCPU-hour", {{inf, 0.04048}}, "", "", ""},
        models::Price{"fargate.memory.x86_64", "GB-hour", {{inf, 0.004445}}, "", "", ""},
        models::Price{"fargate_spot.vcpu.x86_64", "vCPU-hour", {{inf, 0.012144}}, "", "", ""},
        models::Price{"fargate_spot.memory.x86_64", "GB-hour", {{inf, 0.0013335}}, "", "", ""}}) {
    p.book.prices.emplace(price.key, price);
  }
  return p;
}

// From 06:00 local, hour by hour: a morning ramp to the midday peak, whose mean
// over the hours a bench run covers is about `mean` per second.
models::Curve daily_profile(double mean) {
  models::HourlyCurve hourly;
  const std::array<double, 24> shape = {0.3, 0.25, 0.2, 0.2, 0.25, 0.35, 0.5, 0.7,
                                        0.9, 1.1,  1.2, 1.3, 1.3,  1.25, 1.2, 1.15,
                                        1.2, 1.1,  1.0, 0.9, 0.8,  0.6,  0.5, 0.4};
  for (size_t h = 0; h < 24; ++h) hourly.per_second[h] = mean * shape[h];
  return std::make_shared<const models::CurveSpec>(models::CurveSpec{hourly});
}

// Two /20 subnets, room enough: the bench measures the bookkeeping, not failures.
models::VpcConfig bench_vpc(bool legacy) {
  models::VpcConfig vpc;
  vpc.model = legacy ? models::VpcModel::kLegacy : models::VpcModel::kHyperplane;
  vpc.subnets = {{"a", 20}, {"b", 20}};
  return vpc;
}

constexpr double kMeanServiceUs = 50'000;

sim::Distribution service_time_us(const Case& c) {
  return c.lognormal ? sim::Distribution::lognormal_with_mean(kMeanServiceUs, 1.0)
                     : sim::Distribution::exponential(kMeanServiceUs);
}

models::Scenario fleet_scenario(const Case& c, double requests) {
  const double rate = 0.8 * c.instances * c.slots / (kMeanServiceUs * 1e-6);
  models::Scenario scenario;
  scenario.name = c.label;
  scenario.horizon = sim::Duration::from_seconds(requests / rate);
  scenario.warmup = sim::Duration();
  scenario.interval = sim::Duration::minutes(1);
  scenario.seed = 1;
  scenario.pricing = pricing();
  scenario.workload.arrivals.rate = c.asg ? daily_profile(rate) : models::constant_curve(rate);
  if (c.asg) scenario.workload.local_offset = sim::Duration::hours(6);
  scenario.workload.service_time = sim::DurationDistribution(service_time_us(c));
  models::ServerFleetConfig fleet;
  fleet.instance_type = models::find_instance_type(models::Provider::kEc2, "c6g.large");
  fleet.count = c.instances;
  fleet.slots = c.slots;
  fleet.queue_capacity = 1000;
  fleet.queue_timeout = sim::Duration::seconds(30);
  fleet.routing = c.routing;
  if (c.asg) {
    fleet.count = c.instances / 2;
    models::AsgConfig asg;
    asg.min = 2;
    asg.max = c.instances * 2;
    asg.target_tracking.push_back({models::FleetMetric::kCpu, 60});
    models::StrategyConfig strategy{
        c.label, "", {{"lb", {{"web", 1.0}}, models::AlbConfig{}}, {"web", {}, fleet}}, {}, {}};
    strategy.controllers.push_back(models::ControllerSpec("web.policy", {"web"}, asg));
    scenario.strategies.push_back(strategy);
  } else if (c.lambda) {
    models::LambdaConfig fn;
    fn.memory_mb = 512;
    fn.timeout = sim::Duration::seconds(30);
    if (c.provisioned_vpc || c.legacy_vpc) fn.vpc = bench_vpc(c.legacy_vpc);
    if (c.provisioned_vpc) fn.provisioned_concurrency = 40;
    scenario.strategies.push_back(
        {c.label, "", {{"api", {{"fn", 1.0}}, models::ApiGatewayConfig{}}, {"fn", {}, fn}}});
  } else if (c.ecs_spot) {
    models::EcsServiceConfig service;
    service.size = {1024, 2048};
    service.desired = c.instances;
    service.serving = fleet;
    service.strategy = {{models::CapacityProvider::kFargate, 1, 1},
                        {models::CapacityProvider::kFargateSpot, 0, 3}};
    service.spot.hazard_per_hour = {1.0};
    scenario.strategies.push_back(
        {c.label, "", {{"lb", {{"web", 1.0}}, models::AlbConfig{}}, {"web", {}, service}}});
  } else if (c.behind_alb) {
    scenario.strategies.push_back(
        {c.label, "", {{"lb", {{"web", 1.0}}, models::AlbConfig{}}, {"web", {}, fleet}}});
  } else {
    scenario.strategies.push_back({c.label, "", {{"web", {}, fleet}}});
  }
  return scenario;
}

// The calling thread's CPU time in seconds.
double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

constexpr double kGoalRate = 10e6;
constexpr double kGoalRatio = 0.6;

struct Measured {
  double arrivals;
  double seconds;
  double events;
  double rate() const { return arrivals / seconds; }
};

// A case's rounds: each round's rate and its ratio to the bare loop run just before.
struct Rounds {
  const char* label;
  Measured last;  // requests and events are the same in every round
  std::vector<double> rates;
  std::vector<double> bare_rates;
  std::vector<double> ratios;
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

Measured run_case(const Case& c, double requests) {
  const models::Scenario scenario = fleet_scenario(c, requests);
  const double start = cpu_seconds();
  models::StrategyRun run(scenario, 0, 0);
  const models::RunResult result = run.finish();
  const double seconds = cpu_seconds() - start;
  double arrivals = 0;
  for (const auto& metric : result.metrics) {
    if (metric.name == "requests.arrivals") arrivals = metric.value;
  }
  return {arrivals, seconds, static_cast<double>(result.events)};
}

// The ceiling for a case: a queue with the case's slots, arrival rate and
// service-time distribution, and nothing but a 4-ary heap of completion times and
// a waiting count (no requests, routing, statistics or time series), drawing from
// the same generator and samplers. The engine's figure is measured against it, so
// that neither the size of the event set (640 pending completions at 80% of 800
// slots make a deeper heap than 51) nor the price of a lognormal draw counts as
// the engine's overhead. Lambda has no slots to wait for (its concurrency limit is
// far above the load), so its loop starts every request at once. Returns the
// requests per second it simulated.
double bare_loop(double requests, const Case& c) {
  const auto slots = static_cast<size_t>(c.instances) * c.slots;  // the load is 80% of these
  const size_t servers = c.lambda ? std::numeric_limits<size_t>::max() : slots;
  const sim::Distribution service = service_time_us(c);
  const double mean_interarrival_us = kMeanServiceUs / (0.8 * static_cast<double>(slots));
  sim::RandomStream rng(1);
  std::vector<double> heap;
  const auto push = [&heap](double t) {
    heap.push_back(t);
    size_t i = heap.size() - 1;
    for (; i > 0 && heap[(i - 1) / 4] > t; i = (i - 1) / 4) heap[i] = heap[(i - 1) / 4];
    heap[i] = t;
  };
  const auto pop = [&heap] {
    const double top = heap.front();
    const double last = heap.back();
    heap.pop_back();
    size_t i = 0;
    for (;;) {
      const size_t first = 4 * i + 1;
      if (first >= heap.size()) break;
      size_t best = first;
      for (size_t k = first + 1; k < first + 4 && k < heap.size(); ++k) {
        if (heap[k] < heap[best]) best = k;
      }
      if (heap[best] >= last) break;
      heap[i] = heap[best];
      i = best;
    }
    if (!heap.empty()) heap[i] = last;
    return top;
  };
  const double start = cpu_seconds();
  double next_arrival = sim::sample_exponential(rng, mean_interarrival_us);
  double arrivals = 0;
  long waiting = 0;
  while (arrivals < requests) {
    if (!heap.empty() && heap.front() < next_arrival) {
      const double t = pop();
      if (waiting > 0) {
        --waiting;
        push(t + service.sample(rng));
      }
    } else {
      ++arrivals;
      const double t = next_arrival;
      next_arrival = t + sim::sample_exponential(rng, mean_interarrival_us);
      if (heap.size() < servers) {
        push(t + service.sample(rng));
      } else {
        ++waiting;
      }
    }
  }
  return arrivals / (cpu_seconds() - start);
}

}  // namespace

int main(int argc, char** argv) {
  const double requests = argc > 1 ? std::atof(argv[1]) : 1e7;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
  if (!(requests >= 1e3 && requests <= 1e12) || rounds < 1 || rounds > 100) {
    std::fprintf(stderr,
                 "usage: bench_fleet [requests per case, 1e3 to 1e12 (default 1e7) [text the case "
                 "labels contain (\"\" for all) [rounds, 1 to 100 (default 5)]]]\n");
    return 2;
  }
  const Case cases[] = {
      {"M/M/c, 1 x 64 slots, least outstanding", models::Routing::kLeastOutstanding, 1, 64, false},
      {"M/M/c, 20 x 4 slots, least outstanding", models::Routing::kLeastOutstanding, 20, 4, false},
      {"M/M/c, 20 x 4 slots, round robin", models::Routing::kRoundRobin, 20, 4, false},
      {"M/G/c lognormal, 200 x 4 slots, random", models::Routing::kRandom, 200, 4, true},
      {"ALB + M/G/c lognormal, 20 x 4, least outst", models::Routing::kLeastOutstanding, 20, 4,
       true, true},
      {"API Gateway + Lambda, lognormal, ~51 busy", models::Routing::kRoundRobin, 1, 64, true,
       false, true},
      {"ASG + ALB + M/G/c, daily profile, least outst", models::Routing::kLeastOutstanding, 20, 4,
       true, true, false, true},
      {"API GW + Lambda PC 40 + spill-over, Hyperplane", models::Routing::kRoundRobin, 1, 64, true,
       false, true, false, true},
      {"API GW + Lambda, legacy VPC ENIs", models::Routing::kRoundRobin, 1, 64, true, false, true,
       false, false, true},
      {"ALB + ECS 1+3 Fargate Spot, 20 x 4, interrupted", models::Routing::kLeastOutstanding, 20, 4,
       true, false, false, false, false, false, true},
  };
  std::printf(
      "scalesim bench_fleet: one thread, 80%% load, queue timeout on, billed at us-east-1 "
      "prices; median of %d round%s\n",
      rounds, rounds == 1 ? "" : "s");
  std::vector<Rounds> measured;
  for (const Case& c : cases) {
    if (argc > 2 && std::string(c.label).find(argv[2]) == std::string::npos) continue;
    Rounds r{c.label, {}, {}, {}, {}};
    for (int round = 0; round < rounds; ++round) {
      const double bare_rate = bare_loop(requests, c);
      r.last = run_case(c, requests);
      r.rates.push_back(r.last.rate());
      r.bare_rates.push_back(bare_rate);
      r.ratios.push_back(r.last.rate() / bare_rate);
    }
    measured.push_back(std::move(r));
  }
  double slowest = 0;
  double worst_ratio = 0;
  for (const Rounds& r : measured) {
    const double rate = median(r.rates);
    const double ratio = median(r.ratios);
    std::printf(
        "%-46s %9.0f requests %6.2f M requests/s %6.1f ns/request %4.2f events/request %5.2f of "
        "bare (%5.2f) [%4.2f-%4.2f]\n",
        r.label, r.last.arrivals, rate / 1e6, 1e9 / rate, r.last.events / r.last.arrivals, ratio,
        median(r.bare_rates) / 1e6, *std::min_element(r.ratios.begin(), r.ratios.end()),
        *std::max_element(r.ratios.begin(), r.ratios.end()));
    if (slowest == 0 || rate < slowest) slowest = rate;
    if (worst_ratio == 0 || ratio < worst_ratio) worst_ratio = ratio;
  }
  std::printf(
      "(bare: M requests/s of the same queue, slots and service times without the model, run "
      "just before the case in each round; [lowest-highest] ratio of the rounds)\n");
  const bool met = slowest >= kGoalRate && worst_ratio >= kGoalRatio;
  std::printf(
      "summary: slowest case %.2f M requests/s (goal %.0f), lowest ratio to bare %.2f (goal "
      "%.1f): %s\n",
      slowest / 1e6, kGoalRate / 1e6, worst_ratio, kGoalRatio, met ? "met" : "not met");
  return 0;
}
