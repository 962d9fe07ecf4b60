// Shared fixtures for model tests: scripted arrivals, a sink that remembers how
// each request ended, scenario builders and queueing formulas.
#ifndef SCALESIM_TESTS_MODELS_HARNESS_H_
#define SCALESIM_TESTS_MODELS_HARNESS_H_

#include <cmath>
#include <string>
#include <vector>

#include "models/compute/server_fleet.h"
#include "models/scenario.h"
#include "models/strategy_run.h"
#include "models/topology/component.h"
#include "sim/estimate.h"
#include "sim/simulation.h"
#include "sim/time_series.h"

namespace test {

struct Ending {
  uint64_t id;
  models::Outcome outcome;
  int64_t at_us;
  int64_t waited_us;
};

class RecordingSink final : public models::RequestSink {
 public:
  explicit RecordingSink(const sim::Simulation& simulation) : sim_(simulation) {}
  void finish(const models::Request& r, models::Outcome outcome) override {
    endings.push_back({r.id, outcome, sim_.now().us(), r.waited.us()});
  }
  const Ending* find(uint64_t id) const {
    for (const Ending& e : endings) {
      if (e.id == id) return &e;
    }
    return nullptr;
  }
  std::vector<Ending> endings;

 private:
  const sim::Simulation& sim_;
};

struct Scripted {
  int64_t at_us;
  int64_t work_us;
};

// Delivers requests at scripted instants, with scripted work, to one component.
class ScriptedArrivals final : public sim::EventStream {
 public:
  // Requests end at `client`.
  ScriptedArrivals(std::vector<Scripted> script, models::Component& entry,
                   models::RequestSink& client)
      : script_(std::move(script)), entry_(entry), client_(client) {}
  sim::Time next_time() const override {
    return next_ < script_.size() ? sim::Time::micros(script_[next_].at_us) : sim::Time::never();
  }
  sim::Time fire() override {
    models::Request r;
    r.id = next_;
    r.arrival = sim::Time::micros(script_[next_].at_us);
    r.work = sim::Duration::micros(script_[next_].work_us);
    r.reply_to = &client_;
    ++next_;
    entry_.accept(r);
    return next_time();
  }

 private:
  std::vector<Scripted> script_;
  size_t next_ = 0;
  models::Component& entry_;
  models::RequestSink& client_;
};

// A simulation, series and sink to build components in by hand.
struct Bench {
  sim::Simulation simulation;
  sim::TimeSeries series{sim::Duration::seconds(1), sim::Time::micros(1'000'000'000),
                         sim::Time::zero()};
  RecordingSink sink{simulation};
  models::RunContext context{simulation, sink, series, 1, 0, sim::Time::zero()};
};

inline models::ServerFleetConfig fleet(uint32_t count, uint32_t slots) {
  models::ServerFleetConfig c;
  c.instance_type = models::find_instance_type(models::Provider::kEc2, "c6g.large");
  c.count = count;
  c.slots = slots;
  c.queue_capacity = 1'000'000;
  return c;
}

// One strategy made of one fleet, fed Poisson arrivals with exponential work.
inline models::Scenario mmc_scenario(double arrivals_per_s, double mean_service_s,
                                     const models::ServerFleetConfig& f, sim::Duration horizon,
                                     sim::Duration warmup, int replications) {
  models::Scenario s;
  s.name = "test";
  s.horizon = horizon;
  s.warmup = warmup;
  s.interval = sim::Duration::minutes(1);
  s.seed = 2024;
  s.replications = replications;
  s.workload.arrivals.rate = models::constant_curve(arrivals_per_s);
  s.workload.service_time =
      sim::DurationDistribution(sim::Distribution::exponential(mean_service_s * 1e6));
  s.strategies.push_back({"fleet", "", {{"web", {}, f}}});
  return s;
}

inline double metric(const models::RunResult& result, const std::string& name) {
  for (const models::Metric& m : result.metrics) {
    if (m.name == name) return m.value;
  }
  throw std::runtime_error("no metric " + name);
}

// A metric from every replication of a strategy.
inline std::vector<double> replicate(const models::Scenario& s, const std::string& name,
                                     size_t strategy = 0) {
  std::vector<double> values;
  for (int r = 0; r < s.replications; ++r) {
    models::StrategyRun run(s, strategy, static_cast<uint64_t>(r));
    values.push_back(metric(run.finish(), name));
  }
  return values;
}

// Half-width of the 99.9% Student t interval: the tolerance of the statistical
// tests below, so a correct model fails them about once in a thousand seeds (and
// these seeds are fixed).
inline double tolerance(const std::vector<double>& samples) {
  return *sim::estimate_mean(samples, 0.999).half_width;
}

// Erlang B: the probability that all c servers are busy in M/M/c/c with offered load a.
inline double erlang_b(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

// Erlang C: the probability of waiting in M/M/c with offered load a < c.
inline double erlang_c(int c, double a) {
  const double b = erlang_b(c, a);
  return c * b / (c - a * (1 - b));
}

}  // namespace test

#endif  // SCALESIM_TESTS_MODELS_HARNESS_H_
