// Time a request spends, during its service, waiting on something outside the
// topology: a database's queries (models/infrastructure/database.h).
//
// A wait is drawn per request when the component that serves it accepts it, and
// added to Request::fixed: it holds the request's slot (or function environment)
// and is billed as duration like the rest of the service, but it is no CPU and is
// no shorter on a faster server. Keep-warm pings and sessions do not wait.
#ifndef SCALESIM_MODELS_TOPOLOGY_SERVICE_WAIT_H_
#define SCALESIM_MODELS_TOPOLOGY_SERVICE_WAIT_H_

#include <cstdint>
#include <vector>

#include "models/request.h"
#include "sim/distribution.h"
#include "sim/random.h"
#include "sim/time.h"

namespace models {

// One source of waiting, with its own random stream. Counts what it drew in the
// measured window, for its owner's metrics.
class ServiceWait {
 public:
  ServiceWait(sim::DurationDistribution per_request, sim::RandomStream rng, sim::Time measure_from)
      : per_request_(per_request), rng_(rng), measure_from_(measure_from) {}

  // A request accepted at `now` waits this long.
  sim::Duration draw(sim::Time now);
  // The requests that waited in the measured window, and their mean wait.
  uint64_t measured_requests() const { return measured_requests_; }
  double measured_mean_ms() const;

 private:
  sim::DurationDistribution per_request_;
  sim::RandomStream rng_;
  sim::Time measure_from_;
  uint64_t measured_requests_ = 0;
  int64_t measured_us_ = 0;
};

// The waits every request of one component makes, in the order they were added.
class ServiceWaits {
 public:
  void add(ServiceWait& wait) { waits_.push_back(&wait); }
  bool empty() const { return waits_.empty(); }
  // The sum of every wait's draw for a request accepted at `now`.
  sim::Duration draw(sim::Time now) const;
  // `request` with draw(now) added to its fixed time.
  Request applied(const Request& request, sim::Time now) const;

 private:
  std::vector<ServiceWait*> waits_;  // not owned
};

// A component whose requests can wait during their service: the kinds that serve
// requests themselves. Found by dynamic_cast from the component a database drives.
class WaitingComponent {
 public:
  // Every request accepted from now on waits on `wait` too. REQUIRES: `wait`
  // outlives the component's run.
  virtual void add_service_wait(ServiceWait& wait) = 0;

 protected:
  ~WaitingComponent() = default;
};

}  // namespace models

#endif  // SCALESIM_MODELS_TOPOLOGY_SERVICE_WAIT_H_
