// A node of a strategy's topology: the seam every cloud model plugs into.
//
// A component receives requests at the simulation's current time and, for each,
// does exactly one of: passes it to a successor (now or after a delay), serves it
// and finishes it as ok, or finishes it with a failure outcome. It never prints and
// never touches files; what it wants known goes into the run's time series and its
// end-of-run metrics.
//
// Each kind of component is one row of data beside its model (kind.h); the
// recipe for adding one is in docs/architecture.md.
#ifndef SCALESIM_MODELS_TOPOLOGY_COMPONENT_H_
#define SCALESIM_MODELS_TOPOLOGY_COMPONENT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "models/metrics.h"
#include "models/observe/event_log.h"
#include "models/outcome.h"
#include "models/pricing/ledger.h"
#include "models/request.h"
#include "models/topology/shared_state.h"
#include "sim/random.h"
#include "sim/simulation.h"
#include "sim/time_series.h"

namespace models {

struct ApiSpec;

// What a component is built with. Everything here outlives the component.
struct RunContext {
  sim::Simulation& simulation;
  RequestSink& sink;        // where requests end
  sim::TimeSeries& series;  // the run's time series; group columns by component name
  uint64_t seed = 0;
  uint64_t replication = 0;
  sim::Time measure_from;      // end of warm-up: metrics cover [measure_from, end]
  Ledger* ledger = nullptr;    // where costs go; null when the run is not priced
  EventLog* events = nullptr;  // where launches, scaling decisions and throttles go; may be null
  // Local time since Monday 00:00 at time zero, for cron schedules and daily curves.
  sim::Duration local_offset;
  // State components share (an account's limits); null in tests that need none.
  SharedState* shared = nullptr;
  // The strategy's cloud APIs, with the scenario's overrides; null: the catalogue's
  // (default_apis()). Components read the rates of what they call without a
  // controller (an ECS service's task launch buckets).
  const std::vector<ApiSpec>* apis = nullptr;

  sim::RandomStream stream(std::string_view name) const {
    return sim::RandomStream::derive(seed, replication, name);
  }
};

class Component {
 public:
  explicit Component(std::string name) : name_(std::move(name)) {}
  virtual ~Component() = default;
  Component(const Component&) = delete;
  Component& operator=(const Component&) = delete;

  const std::string& name() const { return name_; }

  // Takes responsibility for `request`, which arrives now.
  virtual void accept(const Request& request) = 0;
  // Requests held right now (queued, in service, in transit) that have not ended
  // for the client. The run checks that arrivals == finished + the sum of held()
  // over components when it ends. A component that ends a request early while a
  // component behind it still works on it (a gateway's timeout) subtracts it here,
  // so that the sum counts every unended request once.
  virtual int64_t held() const = 0;
  // Bills what is still open when the run ends at `end` (instances still running,
  // the hour in progress). Called once, before report().
  virtual void settle(sim::Time end) { (void)end; }
  // Appends end-of-run metrics named "component.<name>.<metric>". Called once,
  // after the time series is closed.
  virtual void report(MetricList& metrics) const { (void)metrics; }

 private:
  std::string name_;
};

}  // namespace models

#endif  // SCALESIM_MODELS_TOPOLOGY_COMPONENT_H_
