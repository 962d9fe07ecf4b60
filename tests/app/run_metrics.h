// One run's metrics by name, for tests that check figures by hand.
#ifndef SCALESIM_TESTS_APP_RUN_METRICS_H_
#define SCALESIM_TESTS_APP_RUN_METRICS_H_

#include <map>
#include <stdexcept>
#include <string>

#include "app/scenario/loader.h"
#include "models/strategy_run.h"

namespace test {

// Replication 0 of `strategy`, its metrics by name.
inline std::map<std::string, double> run_metrics(const models::Scenario& s, size_t strategy = 0) {
  std::map<std::string, double> out;
  for (const auto& m : models::StrategyRun(s, strategy, 0).finish().metrics) out[m.name] = m.value;
  return out;
}

// The same for the first strategy of a scenario file's text ("s.json").
inline std::map<std::string, double> metrics_of(const std::string& text) {
  return run_metrics(app::parse_scenario(text, "s.json"));
}

// A metric that must be there.
inline double at(const std::map<std::string, double>& metrics, const std::string& name) {
  const auto it = metrics.find(name);
  if (it == metrics.end()) throw std::runtime_error("no metric " + name);
  return it->second;
}

}  // namespace test

#endif  // SCALESIM_TESTS_APP_RUN_METRICS_H_
