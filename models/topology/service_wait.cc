#include "models/topology/service_wait.h"

namespace models {

sim::Duration ServiceWait::draw(sim::Time now) {
  const sim::Duration wait = per_request_.sample(rng_);
  if (now >= measure_from_) {
    ++measured_requests_;
    measured_us_ += wait.us();
  }
  return wait;
}

double ServiceWait::measured_mean_ms() const {
  if (measured_requests_ == 0) return 0;
  return static_cast<double>(measured_us_) / 1e3 / static_cast<double>(measured_requests_);
}

sim::Duration ServiceWaits::draw(sim::Time now) const {
  sim::Duration total;
  for (ServiceWait* wait : waits_) total += wait->draw(now);
  return total;
}

Request ServiceWaits::applied(const Request& request, sim::Time now) const {
  Request waiting = request;
  waiting.fixed += draw(now);
  return waiting;
}

}  // namespace models
