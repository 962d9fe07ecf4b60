// The peak of live execution environments over all Lambda functions of a run.
//
// An environment is live from its creation until Lambda reclaims it: busy, or
// idle and warm. A function's count only rises when it creates an environment,
// so the total's peak is found by summing every function's count at those
// instants (and once when measuring starts); in between, counts only fall.
#ifndef SCALESIM_MODELS_SERVERLESS_ENVIRONMENT_TALLY_H_
#define SCALESIM_MODELS_SERVERLESS_ENVIRONMENT_TALLY_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/time.h"

namespace models {

class EnvironmentTally {
 public:
  class Member {
   public:
    // Environments live at `now`, busy or warm.
    virtual uint64_t live_environments(sim::Time now) const = 0;

   protected:
    ~Member() = default;
  };

  void join(const Member& member) { members_.push_back(&member); }

  // Sums the members' counts at `now`, a moment the total may peak.
  void observe(sim::Time now) {
    uint64_t total = 0;
    for (const Member* member : members_) total += member->live_environments(now);
    peak_ = std::max(peak_, total);
  }

  uint64_t peak() const { return peak_; }

 private:
  std::vector<const Member*> members_;
  uint64_t peak_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_SERVERLESS_ENVIRONMENT_TALLY_H_
