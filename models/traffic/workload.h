// The workload: what users send. It drives a run as the simulation's event stream,
// creating each request at its arrival instant and handing it to the entry.
#ifndef SCALESIM_MODELS_TRAFFIC_WORKLOAD_H_
#define SCALESIM_MODELS_TRAFFIC_WORKLOAD_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/topology/component.h"
#include "models/traffic/arrivals.h"
#include "sim/distribution.h"

namespace models {

// One kind of request (an endpoint) in the mix.
struct RequestClass {
  std::string name;
  double weight = 1;  // share of arrivals, relative to the other classes' weights
  // Work per request on the reference server.
  sim::DurationDistribution service_time;
  // The part of the service time that is CPU and scales with a server's speed;
  // the rest (waiting on a database or another service) does not.
  double cpu_share = 1;
  uint32_t response_bytes = 0;
};

// Long jobs that each need a whole idle server: broadcasts on media servers.
struct SessionConfig {
  ArrivalConfig arrivals;
  sim::DurationDistribution duration;
};

struct WorkloadConfig {
  ArrivalConfig arrivals;
  // Local time since Monday 00:00 at the start of the run, for daily and weekly
  // curves: the run starts on a Monday at midnight unless the scenario says.
  sim::Duration local_offset;
  // When the clock was given as a date-time, the start's UTC instant and zone,
  // so outputs can show local dates; empty when only a weekday was given.
  std::optional<int64_t> start_epoch_us;
  int utc_offset_minutes = 0;
  // The request mix. Empty: every request is of one class with `service_time`.
  std::vector<RequestClass> classes;
  sim::DurationDistribution service_time;
  std::optional<SessionConfig> sessions;
};

// The classes requests are drawn from: `classes`, or the one class "all".
std::vector<RequestClass> request_classes(const WorkloadConfig& workload);

// Told of every arrival before the entry sees it.
class ArrivalObserver {
 public:
  virtual void on_arrival(const Request& request) = 0;

 protected:
  ~ArrivalObserver() = default;
};

class WorkloadSource final : public sim::EventStream {
 public:
  // Draws from the streams "workload.arrivals", "workload.class",
  // "workload.service", "workload.sessions" and "workload.session_duration",
  // which every strategy shares: all strategies see the same requests.
  // Requests end at context.sink.
  WorkloadSource(const WorkloadConfig& config, const RunContext& context, Component& entry,
                 ArrivalObserver& observer);

  sim::Time next_time() const override { return std::min(next_request_, next_session_); }
  sim::Time fire() override;

 private:
  // Build the next request in request_, the next session in session_.
  void make_request(sim::Time at);
  void make_session(sim::Time at);
  uint16_t draw_class();
  // Numbers `request` and passes it to the observer and the entry.
  void hand_on(Request& request);

  std::unique_ptr<ArrivalProcess> arrivals_;
  std::vector<RequestClass> classes_;
  std::vector<double> cumulative_weight_;  // normalised, the last exactly 1
  sim::RandomStream class_rng_;
  sim::RandomStream service_rng_;
  std::unique_ptr<ArrivalProcess> session_arrivals_;
  sim::DurationDistribution session_duration_;
  sim::RandomStream session_rng_;
  Component& entry_;
  ArrivalObserver& observer_;
  RequestSink& client_;
  sim::Time next_request_;
  sim::Time next_session_ = sim::Time::never();
  uint64_t next_id_ = 0;
  Request request_;  // the next request, built ahead
  Request session_;  // the next session, built ahead
};

}  // namespace models

#endif  // SCALESIM_MODELS_TRAFFIC_WORKLOAD_H_
