#include "models/traffic/workload.h"

namespace models {

WorkloadSource::WorkloadSource(const WorkloadConfig& config, const RunContext& context,
                               Component& entry, ArrivalObserver& observer)
    : arrivals_(make_arrival_process(config.arrivals, context.stream("workload.arrivals"))),
      service_time_(config.service_time),
      service_rng_(context.stream("workload.service")),
      entry_(entry),
      observer_(observer),
      client_(context.sink),
      next_(arrivals_->next()) {}

sim::Time WorkloadSource::fire() {
  Request request;
  request.id = next_id_++;
  request.arrival = next_;
  request.work = service_time_.sample(service_rng_);
  request.reply_to = &client_;
  observer_.on_arrival(request);
  entry_.accept(request);
  next_ = arrivals_->next();
  return next_;
}

}  // namespace models
