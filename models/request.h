// A request in flight, and where requests end.
#ifndef SCALESIM_MODELS_REQUEST_H_
#define SCALESIM_MODELS_REQUEST_H_

#include <cstdint>

#include "sim/time.h"

namespace models {

class RequestSink;

// Small and copied by value: components keep requests in their own arrays and
// queues, so nothing is allocated per request.
struct Request {
  uint64_t id = 0;       // arrival order within the run, from 0
  sim::Time arrival;     // when the client sent it
  sim::Duration work;    // service time on a reference server that scales with the
                         // server's speed (CPU); drawn at arrival so that every
                         // strategy serves the same work (common random numbers)
  sim::Duration fixed;   // service time that no speed changes (waiting on a database)
  sim::Duration waited;  // time spent queued, summed over components
  bool queued = false;   // whether it waited in any queue
  // A session (a broadcast, a long job) needs a whole idle server for its
  // duration; a server fleet refuses it when none is idle.
  bool session = false;
  uint16_t request_class = 0;   // index into the workload's classes
  uint32_t response_bytes = 0;  // for load balancer and gateway metering
  // Where the request ends: the client's recorder, or a component that stands
  // between it and the client (an API gateway with its timeout) and has put
  // itself here. Whoever ends the request calls reply_to->finish() exactly once.
  RequestSink* reply_to = nullptr;
  uint64_t ticket = 0;  // private to the component in reply_to
};

// The class of keep-warm pings (models/policies/keep_warm.h): invocations that
// are not user requests. Workload classes number at most a thousand.
inline constexpr uint16_t kPingClass = 0xFFFF;

// The service time of `request` on a server `speed` times as fast as the reference.
inline sim::Duration service_time(const Request& request, double speed) {
  const sim::Duration scaled = speed == 1.0 ? request.work
                                            : sim::Duration::micros(sim::round_to_int(
                                                  static_cast<double>(request.work.us()) / speed));
  return scaled + request.fixed;
}

}  // namespace models

#endif  // SCALESIM_MODELS_REQUEST_H_
