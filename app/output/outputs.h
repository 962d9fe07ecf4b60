// Renderings of an experiment's results. Pure functions to text; writing them to
// the terminal or to files is the CLI's business (atomic_file.h).
//
// The formats of results.json, timeseries.csv and events.csv are documented, with their
// version, in docs/outputs.md; change them only together.
#ifndef SCALESIM_APP_OUTPUT_OUTPUTS_H_
#define SCALESIM_APP_OUTPUT_OUTPUTS_H_

#include <string>

#include "app/runner.h"
#include "models/scenario.h"

namespace app {

struct Experiment;
struct SweepResult;

inline constexpr int kResultsFormatVersion = 1;
inline constexpr int kTimeseriesFormatVersion = 2;
inline constexpr int kEventsFormatVersion = 1;

// The side-by-side table printed by `scalesim run`.
std::string render_table(const models::Scenario& scenario, const ExperimentResult& result);
// results.json.
std::string render_results_json(const models::Scenario& scenario, const std::string& scenario_file,
                                const ExperimentResult& result);
// What `scalesim run` prints and writes for a sweep or an SLO
// (app/experiment/): a block per strategy with the SLO's verdicts, and
// results.json with an entry per strategy and point and the "sweep" object.
std::string render_sweep_table(const Experiment& experiment, const SweepResult& sweep);
std::string render_results_json(const Experiment& experiment, const SweepResult& sweep);
// timeseries.csv.
std::string render_timeseries_csv(const models::Scenario& scenario, const ExperimentResult& result);
// events.csv: every run's log of launches, scaling decisions, throttles and zombies.
std::string render_events_csv(const ExperimentResult& result);

}  // namespace app

#endif  // SCALESIM_APP_OUTPUT_OUTPUTS_H_
