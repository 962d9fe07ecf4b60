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
  sim::Duration work;    // service time on a reference server; drawn at arrival so that
                         // every strategy serves the same work (common random numbers)
  sim::Duration waited;  // time spent queued, summed over components
  bool queued = false;   // whether it waited in any queue
  // Where the request ends: the client's recorder, or a component that stands
  // between it and the client (an API gateway with its timeout) and has put
  // itself here. Whoever ends the request calls reply_to->finish() exactly once.
  RequestSink* reply_to = nullptr;
  uint64_t ticket = 0;  // private to the component in reply_to
};

}  // namespace models

#endif  // SCALESIM_MODELS_REQUEST_H_
