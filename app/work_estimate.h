// What a run will ask of the machine, known before it starts.
//
// A scenario that validates can still describe more work than any machine does
// in a day (a rate of 1e9/s over a month, 10,000 replications). The CLI
// estimates the requests first, from the workload's expected traffic, and
// refuses beyond a limit the user can raise, saying how long it would take.
#ifndef SCALESIM_APP_WORK_ESTIMATE_H_
#define SCALESIM_APP_WORK_ESTIMATE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "app/runner.h"
#include "models/scenario.h"

namespace app {

// The default of `run --max-requests`: some 15 minutes of simulating on one core.
inline constexpr double kDefaultMaxRequests = 1e10;
// The engine's speed goal (README, Performance), used to turn requests into time.
inline constexpr double kRequestsPerSecondPerThread = 1e7;

struct WorkEstimate {
  double requests_per_run = 0;  // mean arrivals (requests and sessions) of one replication
  size_t strategies = 0;
  int replications = 0;
  // A sweep's: its points' runs, each at its own rate, and the most an SLO's
  // extra replications could multiply them by.
  size_t points = 1;
  double sweep_requests = 0;  // at the first round's replications; 0: not a sweep
  double growth = 1;

  double requests() const {
    if (sweep_requests > 0) return sweep_requests * growth;
    return requests_per_run * static_cast<double>(strategies) * replications;
  }
};

WorkEstimate estimate_work(const models::Scenario& scenario, size_t strategies);
// `units`: the first round of a sweep; `growth`: the most an SLO may add.
WorkEstimate estimate_work(const std::vector<RunUnit>& units, size_t points, double growth);

// "about 14.4 million requests (1.44 million per replication x 5 strategies x 2 replications)".
std::string describe_work(const WorkEstimate& work);

// Throws InputError (exit status 2) when the run would simulate more than
// `max_requests`, with the figure, the time it would take on `threads`, and how
// to go on.
void check_work(const WorkEstimate& work, double max_requests, int threads);

// "14.4 million", "12 thousand", "3", "1.2e+15".
std::string count_text(double count);

}  // namespace app

#endif  // SCALESIM_APP_WORK_ESTIMATE_H_
