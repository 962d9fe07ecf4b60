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

// REQUIRES: more than one class.
uint16_t WorkloadSource::draw_class() {
  const double u = class_rng_.uniform_open01();
  const auto at = std::upper_bound(cumulative_weight_.begin(), cumulative_weight_.end(), u);
  return static_cast<uint16_t>(
      std::min<size_t>(at - cumulative_weight_.begin(), classes_.size() - 1));
}

// The fields that vary between requests; the others were set once, in the
// constructor, and nobody changes them (components see const requests). The id
// is a guess, put right when the request fires.
// Inline: fire() is the hot caller.
inline void WorkloadSource::make_request(sim::Time at) {
  Request& request = request_;
  request.id = next_id_;
  request.arrival = at;
  // No draw with one class: one class stays as fast as before.
  const uint16_t class_index = classes_.size() == 1 ? 0 : draw_class();
  const RequestClass& c = classes_[class_index];
  const sim::Duration work = c.service_time.sample(service_rng_);
  if (c.cpu_share == 1) {
    request.work = work;
    request.fixed = sim::Duration();
  } else {
    request.work =
        sim::Duration::micros(sim::round_to_int(static_cast<double>(work.us()) * c.cpu_share));
    request.fixed = work - request.work;
  }
  request.request_class = class_index;
  request.response_bytes = c.response_bytes;
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
  // What every request and every session shares (make_request, make_session).
  request_.reply_to = &client_;
  session_.session = true;
  session_.request_class =
      static_cast<uint16_t>(classes_.size());  // the class after the request classes
  session_.reply_to = &client_;
  if (config.sessions) {
    session_arrivals_ = make_arrival_process(config.sessions->arrivals, config.local_offset,
                                             context.stream("workload.sessions"));
    session_duration_ = config.sessions->duration;
    next_session_ = session_arrivals_->next();
    make_session(next_session_);
  }
  make_request(next_request_);
}

// Sessions first at equal times: a broadcast and a request arriving together.
//
// The next request and the next session are built ahead, in place, as soon as
// the previous one has fired, and passed on by reference. A request built just
// before it is passed on costs a store-forwarding stall where a component copies
// it (wide loads of fields just written narrow): a tenth of a run in profiles.
// Each draw comes from its own stream, so drawing ahead changes no value.
sim::Time WorkloadSource::fire() {
  if (next_session_ <= next_request_) [[unlikely]] {
    hand_on(session_);
    next_session_ = session_arrivals_->next();
    make_session(next_session_);
  } else {
    hand_on(request_);
    next_request_ = arrivals_->next();
    make_request(next_request_);
  }
  return next_time();
}

void WorkloadSource::hand_on(Request& request) {
  if (request.id != next_id_) request.id = next_id_;  // guessed right without sessions
  ++next_id_;
  observer_.on_arrival(request);
  entry_.accept(request);
}

// A session's duration is wall-clock time on its server: it does not scale.
// As in make_request, only the fields that vary are written.
void WorkloadSource::make_session(sim::Time at) {
  Request& request = session_;
  request.id = next_id_;
  request.arrival = at;
  request.fixed = session_duration_.sample(session_rng_);
}

}  // namespace models
