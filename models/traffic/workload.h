// The workload: what users send. It drives a run as the simulation's event stream,
// creating each request at its arrival instant and handing it to the entry.
#ifndef SCALESIM_MODELS_TRAFFIC_WORKLOAD_H_
#define SCALESIM_MODELS_TRAFFIC_WORKLOAD_H_

#include <memory>

#include "models/topology/component.h"
#include "models/traffic/arrivals.h"
#include "sim/distribution.h"

namespace models {

struct WorkloadConfig {
  ArrivalConfig arrivals;
  // Work per request on the reference server (a fleet divides it by its speed).
  sim::DurationDistribution service_time;
};

// Told of every arrival before the entry sees it.
class ArrivalObserver {
 public:
  virtual void on_arrival(const Request& request) = 0;

 protected:
  ~ArrivalObserver() = default;
};

class WorkloadSource final : public sim::EventStream {
 public:
  // Draws from the streams "workload.arrivals" and "workload.service", which every
  // strategy shares: all strategies see the same requests.
  // Requests end at context.sink.
  WorkloadSource(const WorkloadConfig& config, const RunContext& context, Component& entry,
                 ArrivalObserver& observer);

  sim::Time next_time() const override { return next_; }
  sim::Time fire() override;

 private:
  std::unique_ptr<ArrivalProcess> arrivals_;
  sim::DurationDistribution service_time_;
  sim::RandomStream service_rng_;
  Component& entry_;
  ArrivalObserver& observer_;
  RequestSink& client_;
  sim::Time next_;
  uint64_t next_id_ = 0;
};

}  // namespace models

#endif  // SCALESIM_MODELS_TRAFFIC_WORKLOAD_H_
