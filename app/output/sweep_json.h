// The "sweep" object of results.json (docs/outputs.md). Only the results.json
// writer includes this header: it brings in nlohmann_json.
#ifndef SCALESIM_APP_OUTPUT_SWEEP_JSON_H_
#define SCALESIM_APP_OUTPUT_SWEEP_JSON_H_

#include <nlohmann/json.hpp>

#include "app/experiment/sweep_runner.h"

namespace app {

// Adds "sweep" to `root`, and to each of root["strategies"] (one per entry) the
// strategy it ran, its sweep point and its replications.
void add_sweep(nlohmann::ordered_json& root, const Experiment& experiment,
               const SweepResult& sweep);

}  // namespace app

#endif  // SCALESIM_APP_OUTPUT_SWEEP_JSON_H_
