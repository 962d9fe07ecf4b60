// An experiment: a scenario, the values a sweep varies in it, and the service
// level objective (SLO) its results are judged by.
//
// A sweep (docs/experiments.md) varies scenario values by JSON pointer: lists,
// ranges, and the grid of several parameters. Every point is a scenario of its
// own, checked by the scenario loader before anything runs; every point uses the
// scenario's seed, so points and strategies see the same random numbers.
#ifndef SCALESIM_APP_EXPERIMENT_EXPERIMENT_H_
#define SCALESIM_APP_EXPERIMENT_EXPERIMENT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/experiment/slo.h"
#include "models/scenario.h"

namespace app {

// Most points a sweep may have: every point is loaded and checked up front.
inline constexpr size_t kMaxSweepPoints = 1000;

struct SweepParameter {
  std::string name;                   // as in labels: "target"
  std::vector<std::string> pointers;  // into the scenario; all take the same value
  std::vector<std::string> values;    // each value as compact JSON text: 40, "5m"
};

struct SweepPoint {
  std::vector<size_t> choice;  // per parameter, the index of its value
  models::Scenario scenario;   // the scenario with those values in place
};

struct Experiment {
  std::string scenario_file;    // the scenario's path as given (or as an experiment file names it)
  std::string experiment_file;  // the file the sweep came from (the scenario file, or another)
  std::vector<SweepParameter> parameters;  // empty: not a sweep
  // Grid order, the first parameter varying slowest. One point, the scenario as
  // written, when there is no sweep.
  std::vector<SweepPoint> points;
  // [point][strategy]: the first point whose run of the strategy is the same run
  // (the same strategy, workload and settings), so that it is simulated once.
  std::vector<std::vector<size_t>> same_run_as;
  // [strategy][parameter]: whether the parameter changes the strategy's runs.
  std::vector<std::vector<bool>> varies;
  std::optional<Slo> slo;  // from the file or --slo
  SelectionSettings selection;

  bool is_sweep() const { return !parameters.empty(); }
  const models::Scenario& base() const { return points.front().scenario; }
  // "target=40, count=3": the values of the parameters that vary `strategy`
  // (all when `strategy` is empty), at `point`.
  std::string label(size_t point, std::optional<size_t> strategy = std::nullopt) const;
  // Whether any parameter varies the strategy.
  bool varied(size_t strategy) const;
};

// What the command line may override.
struct ExperimentOverrides {
  std::optional<std::string> slo;  // --slo
  std::optional<int> replications;
  std::optional<uint64_t> seed;
  std::optional<int> max_replications;
};

// Reads a scenario file (with an optional "sweep" block) or an experiment file
// ({"scenario": "file.json", "sweep": {...}}), expands and checks every point,
// and checks the SLO's metrics against what the strategies report. Throws
// InputError with every problem found, before anything runs.
Experiment load_experiment_file(const std::string& path, const ExperimentOverrides& overrides = {});
// The same from a file's text; `path` names it in messages and locates the
// files it names.
Experiment parse_experiment(const std::string& text, const std::string& path,
                            const ExperimentOverrides& overrides = {});

}  // namespace app

#endif  // SCALESIM_APP_EXPERIMENT_EXPERIMENT_H_
