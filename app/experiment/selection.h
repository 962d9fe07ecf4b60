// The cheapest candidate that meets an SLO, with stated confidence.
//
// A candidate is one strategy at one sweep point, with each replication's
// metrics. The procedure follows the constrained ranking-and-selection
// literature (Andradottir and Kim 2010, "Fully sequential procedures for
// comparing constrained systems via simulation"; Batur and Kim 2010, "Finding
// feasible systems in the presence of constraints on multiple performance
// measures"): first decide which candidates are feasible, then which feasible
// one is best, and ask for more replications only where a decision is open.
//
// It is a Bonferroni procedure rather than their fully sequential one: half of
// the error budget 1 - confidence goes to the k x m feasibility decisions
// (candidates x SLO terms), each a one-sided Student t bound, and half to the
// k - 1 comparisons of the winner with the other feasible candidates, each a
// one-sided bound on their paired cost difference (paired because every
// candidate's replication r uses the same random numbers). When every decision
// is made, the winner meets the SLO and is the cheapest that does with at least
// the stated confidence, up to the normal approximation of each mean.
#ifndef SCALESIM_APP_EXPERIMENT_SELECTION_H_
#define SCALESIM_APP_EXPERIMENT_SELECTION_H_

#include <optional>
#include <string>
#include <vector>

#include "app/experiment/slo.h"
#include "app/runner.h"

namespace app {

enum class CandidateStatus {
  kWins,       // meets the SLO and is the cheapest that does
  kMeets,      // meets the SLO, costs more than the winner (or is not yet told apart)
  kFails,      // fails a term of the SLO
  kUndecided,  // a term is still open at the replications run
};

std::string_view candidate_status_name(CandidateStatus status);  // "wins", "meets", ...

struct CandidateVerdict {
  CandidateStatus status = CandidateStatus::kUndecided;
  std::string reason;       // one line for the table and results.json
  bool needs_more = false;  // more replications could close an open decision
};

struct Selection {
  std::optional<size_t> winner;            // index into the candidates
  bool decided = false;                    // every decision was made
  std::vector<CandidateVerdict> verdicts;  // one per candidate
};

// REQUIRES: every candidate is non-null. Candidates lacking a metric of the SLO
// or the objective fail, with the reason saying so.
Selection select_cheapest(const std::vector<const StrategySummary*>& candidates, const Slo& slo,
                          const SelectionSettings& settings);

// One line on the outcome: "X meets the SLO and is the cheapest that does,
// with at least 95% confidence", or what is still open. `names`: the candidates'.
std::string verdict_text(const Selection& selection, const std::vector<std::string>& names,
                         const SelectionSettings& settings);

// The candidates on the Pareto front of minimising both coordinates: none
// other is as good in both and better in one. Ordered by x, then y.
std::vector<size_t> pareto_front(const std::vector<std::pair<double, double>>& points);

}  // namespace app

#endif  // SCALESIM_APP_EXPERIMENT_SELECTION_H_
