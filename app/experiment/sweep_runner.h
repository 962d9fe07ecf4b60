// Runs an experiment: every sweep point x strategy x replication, then, with an
// SLO, more replications where a decision is still open (selection.h).
//
// A strategy's run that is the same at several points (the sweep does not touch
// it) is simulated once and shown once. Every round runs its units in one pool,
// so the threads stay busy across points; results do not depend on --jobs.
#ifndef SCALESIM_APP_EXPERIMENT_SWEEP_RUNNER_H_
#define SCALESIM_APP_EXPERIMENT_SWEEP_RUNNER_H_

#include <optional>
#include <string>
#include <vector>

#include "app/experiment/experiment.h"
#include "app/experiment/selection.h"
#include "app/runner.h"

namespace app {

// The candidates one selection or front is over: one strategy's entries, or
// every entry (strategy empty).
struct CandidateSet {
  std::optional<size_t> strategy;  // index into the scenario's strategies
  std::vector<size_t> entries;     // indices into SweepResult::result.strategies
};

struct SelectionResult {
  CandidateSet over;
  Selection selection;  // candidate i is over.entries[i]
};

struct ParetoFront {
  CandidateSet over;
  std::string against;          // the metric the objective is traded against
  std::vector<size_t> entries;  // on the front, by increasing objective
};

struct SweepResult {
  // One summary per entry: each strategy's distinct runs, in strategy order and
  // then sweep order, named "strategy [target=40]" when the sweep varies it.
  ExperimentResult result;
  std::vector<size_t> entry_strategy;       // per entry, its index in the scenario
  std::vector<size_t> entry_point;          // per entry, the first point it ran at
  std::vector<SelectionResult> selections;  // with an SLO: per strategy, then across all
  std::vector<ParetoFront> fronts;          // per strategy and across all, per metric
  int rounds = 1;                           // rounds of replications run
};

// The sweep progress line's view of a round.
class RoundObserver {
 public:
  // `round` from 1; `runs` (point x strategy x replication) in this round and
  // the requests they are expected to simulate; `fraction_done` of this round.
  virtual void on_round_progress(int round, size_t runs, double expected_requests,
                                 double fraction_done) = 0;

 protected:
  ~RoundObserver() = default;
};

// Replications each entry starts with: the scenario's, and with an SLO at least
// this many, so that a first decision can be made.
inline constexpr int kMinSelectionReplications = 5;

// The units of the first round (for estimating the work before running).
std::vector<RunUnit> first_round_units(const Experiment& experiment,
                                       const std::vector<size_t>& strategies);

// `strategies`: indices into the scenario's strategies to run; empty means all.
// Rethrows what run_units throws (Interrupted when stopped).
SweepResult run_sweep(const Experiment& experiment, const std::vector<size_t>& strategies,
                      const RunOptions& options, RoundObserver* observer = nullptr);

}  // namespace app

#endif  // SCALESIM_APP_EXPERIMENT_SWEEP_RUNNER_H_
