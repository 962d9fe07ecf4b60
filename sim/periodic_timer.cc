#include "sim/periodic_timer.h"

#include "sim/check.h"

namespace sim {

void PeriodicTimer::start(Time first, Duration period) {
  SCALESIM_CHECK(period > Duration(), "a periodic timer needs a period above zero");
  stop();
  period_ = period;
  next_ = first;
  pending_ = sim_.schedule(first, *this);
}

void PeriodicTimer::stop() {
  if (!running()) return;
  sim_.cancel(pending_);
  pending_ = EventId();
}

void PeriodicTimer::on_event(uint64_t) {
  // Scheduled before the handler runs, so that stop() or start() from on_tick
  // simply replace it.
  next_ = next_ + period_;
  pending_ = sim_.schedule(next_, *this);
  handler_.on_tick(tag_);
}

}  // namespace sim
