// The requests that reach one component, per time-series interval, for
// infrastructure billed by the traffic it sees (a NAT gateway's GB processed, the
// log lines a function writes) without a cost on the request path.
//
// Where the count comes from depends on the component's kind:
//  - a lambda_function: its "invocations" column of the run's time series (the
//    users' invocations that ran; keep-warm pings are not counted);
//  - a component that is a MetricSource (a server_fleet): the requests its usage()
//    reports, read at every interval's end (one event per interval);
//  - any other kind (an alb, an api_gateway): no kind forwards to those, so they
//    are the strategy's entry and receive every arrival: the run's "arrivals".
#ifndef SCALESIM_MODELS_INFRASTRUCTURE_REQUEST_COUNT_H_
#define SCALESIM_MODELS_INFRASTRUCTURE_REQUEST_COUNT_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "models/topology/component.h"

namespace models {

class MetricSource;

class RequestCount final : private sim::EventHandler {
 public:
  // REQUIRES: `component` and `run` outlive this.
  RequestCount(Component& component, const RunContext& run);

  // Schedules the reads at intervals' ends, if the count needs them. Call at time zero.
  void start();
  // Requests per interval of the run's time series, over [0, end).
  // REQUIRES: the series is closed at `end` (a controller's settle()). Call once.
  std::vector<double> per_interval(sim::Time end);

 private:
  void on_event(uint64_t bucket) override;

  const RunContext& run_;
  MetricSource* source_ = nullptr;                 // when read at intervals' ends
  std::optional<sim::TimeSeries::Column> column_;  // otherwise
  std::vector<double> counts_;                     // per interval, as read from source_
  uint64_t read_ = 0;                              // source_'s requests at the last read
};

// The kinds a RequestCount can count: the kinds billed infrastructure may drive.
std::vector<std::string_view> request_counted_kinds();

// The part of `per_interval` (values per interval of `interval`) that falls in the
// measured window [measure_from, end), each interval's value taken as spread
// evenly over it.
double measured_part(const std::vector<double>& per_interval, sim::Duration interval,
                     sim::Time measure_from, sim::Time end);

}  // namespace models

#endif  // SCALESIM_MODELS_INFRASTRUCTURE_REQUEST_COUNT_H_
