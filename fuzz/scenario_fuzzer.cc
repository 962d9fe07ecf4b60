// Fuzzes the scenario loader: the input is a scenario file's text, with a sweep
// and an SLO when it has them (or an experiment file's).
//
// It is loaded as if it were a file in scenarios/, so the relative paths of the shipped
// scenarios (traces/..., the price books in pricing/) resolve as they do for the real files.
#include <string>

#include "app/experiment/experiment.h"
#include "app/scenario/loader.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string kFile = std::string(SCALESIM_SOURCE_DIR) + "/scenarios/fuzz-input.json";
  app::Experiment experiment;
  try {
    experiment =
        app::parse_experiment(std::string(reinterpret_cast<const char*>(data), size), kFile);
  } catch (const app::InputError&) {
    return 0;  // the expected answer to bad input
  }
  fuzz::require(!experiment.points.empty() && experiment.points.size() <= app::kMaxSweepPoints,
                "an experiment has from 1 to kMaxSweepPoints points");
  for (const app::SweepPoint& point : experiment.points) {
    const models::Scenario& scenario = point.scenario;
    // What a run relies on (app/scenario/loader.cc, read_run_settings and read_strategies).
    fuzz::require(scenario.horizon.us() > 0 && scenario.horizon <= app::kMaxHorizon,
                  "a loaded horizon is above 0s and at most kMaxHorizon");
    fuzz::require(scenario.warmup < scenario.horizon,
                  "a loaded warm-up is shorter than the horizon");
    fuzz::require(scenario.interval.us() > 0, "a loaded interval is above 0s");
    fuzz::require(scenario.replications >= 1, "a loaded scenario has a replication");
    fuzz::require(!scenario.strategies.empty(), "a loaded scenario has a strategy");
  }
  return 0;
}
