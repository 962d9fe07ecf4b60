#include "models/traffic/workload.h"

#include <algorithm>

namespace models {

std::vector<RequestClass> request_classes(const WorkloadConfig& workload) {
  if (!workload.classes.empty()) return workload.classes;
  RequestClass all;
  all.name = "all";
  all.service_time = workload.service_time;
  return {all};
}

WorkloadSource::WorkloadSource(const WorkloadConfig& config, const RunContext& context,
                               Component& entry, ArrivalObserver& observer)
    : arrivals_(make_arrival_process(config.arrivals, config.local_offset,
                                     context.stream("workload.arrivals"))),
      classes_(request_classes(config)),
      class_rng_(context.stream("workload.class")),
      service_rng_(context.stream("workload.service")),
      session_rng_(context.stream("workload.session_duration")),
      entry_(entry),
      observer_(observer),
      client_(context.sink),
      next_request_(arrivals_->next()) {
  double total = 0;
  for (const RequestClass& c : classes_) total += c.weight;
  double sum = 0;
  for (const RequestClass& c : classes_) cumulative_weight_.push_back((sum += c.weight) / total);
  cumulative_weight_.back() = 1;
  if (config.sessions) {
    session_arrivals_ = make_arrival_process(config.sessions->arrivals, config.local_offset,
                                             context.stream("workload.sessions"));
    session_duration_ = config.sessions->duration;
    next_session_ = session_arrivals_->next();
  }
}

// Sessions first at equal times: a broadcast and a request arriving together.
sim::Time WorkloadSource::fire() {
  Request request;
  if (next_session_ <= next_request_) {
    request = make_session(next_session_);
    next_session_ = session_arrivals_->next();
  } else {
    request = make_request(next_request_);
    next_request_ = arrivals_->next();
  }
  observer_.on_arrival(request);
  entry_.accept(request);
  return next_time();
}

uint16_t WorkloadSource::draw_class() {
  if (classes_.size() == 1) return 0;  // no draw: one class stays as fast as before
  const double u = class_rng_.uniform_open01();
  const auto at = std::upper_bound(cumulative_weight_.begin(), cumulative_weight_.end(), u);
  return static_cast<uint16_t>(
      std::min<size_t>(at - cumulative_weight_.begin(), classes_.size() - 1));
}

Request WorkloadSource::make_request(sim::Time at) {
  Request request;
  request.id = next_id_++;
  request.arrival = at;
  request.request_class = draw_class();
  const RequestClass& c = classes_[request.request_class];
  const sim::Duration work = c.service_time.sample(service_rng_);
  if (c.cpu_share == 1) {
    request.work = work;
  } else {
    request.work =
        sim::Duration::micros(sim::round_to_int(static_cast<double>(work.us()) * c.cpu_share));
    request.fixed = work - request.work;
  }
  request.response_bytes = c.response_bytes;
  request.reply_to = &client_;
  return request;
}

// A session's duration is wall-clock time on its server: it does not scale.
Request WorkloadSource::make_session(sim::Time at) {
  Request request;
  request.id = next_id_++;
  request.arrival = at;
  request.session = true;
  request.request_class =
      static_cast<uint16_t>(classes_.size());  // the class after the request classes
  request.fixed = session_duration_.sample(session_rng_);
  request.reply_to = &client_;
  return request;
}

}  // namespace models
