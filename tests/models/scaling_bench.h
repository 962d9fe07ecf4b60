// A run assembled by hand for controller tests: components built in the test,
// an account's control plane and CloudWatch, and the controllers a test adds.
#ifndef SCALESIM_TESTS_MODELS_SCALING_BENCH_H_
#define SCALESIM_TESTS_MODELS_SCALING_BENCH_H_

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "harness.h"
#include "models/control/cloudwatch.h"
#include "models/control/control_plane.h"
#include "models/control/controller.h"
#include "models/observe/event_log.h"
#include "models/pricing/ledger.h"

namespace test {

inline constexpr int64_t kBenchSecond = 1'000'000;

// Every call answers after a fixed latency, so instants can be computed by hand.
inline std::vector<models::ApiSpec> fixed_latency_apis(double seconds) {
  std::vector<models::ApiSpec> apis = models::default_apis();
  for (models::ApiSpec& api : apis) {
    api.latency = sim::DurationDistribution::constant(sim::Duration::from_seconds(seconds));
  }
  return apis;
}

inline models::PricingConfig scaling_prices() {
  const double inf = std::numeric_limits<double>::infinity();
  models::PricingConfig p;
  for (const models::Price& price :
       {models::Price{"ec2.instance.t3.micro", "hour", {{inf, 0.0104}}, "", "", ""},
        models::Price{"ec2.instance.c6g.large", "hour", {{inf, 0.068}}, "", "", ""},
        models::Price{"ec2.cpu_credit.t3", "vCPU-hour", {{inf, 0.05}}, "", "", ""},
        models::Price{"lightsail.bundle.small_3_0", "month", {{inf, 12}}, "", "", ""}}) {
    p.book.prices.emplace(price.key, price);
  }
  return p;
}

// A run assembled by hand: a fleet, an account's control plane and CloudWatch,
// and whatever controllers a test adds.
// Its series and ledger end at `end` (about 27 hours unless a test needs days).
struct ScalingBench {
  explicit ScalingBench(std::vector<models::ApiSpec> apis = fixed_latency_apis(1.5),
                        sim::Time end = sim::Time::micros(100'000 * kBenchSecond))
      : series(sim::Duration::seconds(60), end, sim::Time::zero()),
        ledger(pricing.book, false, sim::Duration::seconds(60), end, sim::Time::zero()),
        control(simulation, std::move(apis), sim::RandomStream(5), &log) {}

  sim::Simulation simulation;
  sim::TimeSeries series;
  test::RecordingSink sink{simulation};
  models::EventLog log;
  models::PricingConfig pricing = scaling_prices();
  models::Ledger ledger;
  models::RunContext context{simulation, sink, series,         1, 0, sim::Time::zero(),
                             &ledger,    &log, sim::Duration()};
  models::ControlPlane control;
  models::CloudWatch cloudwatch{simulation};
  models::ControlContext control_context{context, control, cloudwatch};
  std::vector<std::unique_ptr<models::Controller>> controllers;

  template <class Config>
  void add(const Config& config, models::Component& driven) {
    const models::ControllerSpec spec("web.policy", {driven.name()}, config);
    controllers.push_back(spec.kind->make(spec, {&driven}, control_context));
    controllers.back()->start();
  }

  void run(models::Component& entry, std::vector<test::Scripted> script, int64_t until_s) {
    test::ScriptedArrivals arrivals(std::move(script), entry, sink);
    simulation.run_until(sim::Time::micros(until_s * kBenchSecond), &arrivals);
  }

  // The instants (in seconds) at which `what` was logged.
  std::vector<double> when(const std::string& what) const {
    std::vector<double> at;
    for (const models::LoggedEvent& e : log.entries()) {
      if (e.what == what) at.push_back(e.at.seconds());
    }
    return at;
  }
  const models::LoggedEvent* first(const std::string& what) const {
    for (const models::LoggedEvent& e : log.entries()) {
      if (e.what == what) return &e;
    }
    return nullptr;
  }
};

}  // namespace test

#endif  // SCALESIM_TESTS_MODELS_SCALING_BENCH_H_
