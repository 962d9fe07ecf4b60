#include "app/scenario/loader.h"

#include "sim/duration_text.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "app/scenario/components.h"
#include "app/scenario/input_file.h"
#include "app/scenario/json_reader.h"
#include "app/scenario/pricing.h"
#include "app/scenario/quantities.h"
#include "app/scenario/traffic.h"
#include "app/scenario/workload.h"
#include "models/traffic/expected_arrivals.h"
#include "sim/duration_text.h"

namespace app {

namespace {

// Time series intervals to choose from when a scenario names none: the finest
// that keeps a run under about 2,000 intervals.
sim::Duration default_interval(sim::Duration horizon) {
  const sim::Duration ladder[] = {sim::Duration::seconds(1),  sim::Duration::seconds(10),
                                  sim::Duration::minutes(1),  sim::Duration::minutes(5),
                                  sim::Duration::minutes(15), sim::Duration::hours(1),
                                  sim::Duration::hours(24)};
  for (sim::Duration step : ladder) {
    if (horizon.us() / step.us() <= 2000) return std::min(step, horizon);
  }
  return sim::Duration::hours(24);
}

void read_strategies(const Json* value, const std::string& pointer, Problems& problems,
                     const RunClock* clock, std::vector<models::StrategyConfig>& strategies) {
  if (!value) return;
  if (!value->is_array() || value->empty()) {
    problems.expected(pointer, "a non-empty array of strategies", value);
    return;
  }
  std::set<std::string> names;
  for (size_t i = 0; i < value->size(); ++i) {
    const std::string at = child_pointer(pointer, i);
    auto strategy = read_strategy((*value)[i], at, problems, clock);
    if (!strategy) continue;
    if (!names.insert(strategy->name).second) {
      problems.add(child_pointer(at, "name"),
                   "expected a name no other strategy has, found \"" + strategy->name + "\" again");
    }
    strategies.push_back(std::move(*strategy));
  }
}

// Reads horizon, warmup, interval, seed and replications. Checks that compare
// with the horizon are skipped when the horizon itself is bad, so one mistake
// gives one message.
void read_run_settings(ObjectReader& r, models::Scenario& scenario) {
  Problems& problems = r.problems();
  const auto horizon = r.duration("horizon", Presence::kRequired);
  const bool horizon_ok = horizon && horizon->us() > 0 && *horizon <= kMaxHorizon;
  if (horizon && !horizon_ok) {
    problems.expected(r.pointer("horizon"),
                      "a duration above 0s and at most " + format_duration(kMaxHorizon),
                      r.field("horizon"));
  }
  if (horizon_ok) scenario.horizon = *horizon;

  const auto warmup = r.duration("warmup");
  if (warmup && horizon_ok && *warmup >= scenario.horizon) {
    problems.expected(r.pointer("warmup"), "a duration shorter than the horizon",
                      r.field("warmup"));
  }
  scenario.warmup = warmup.value_or(sim::Duration());

  const auto interval = r.duration("interval");
  if (interval && horizon_ok &&
      (interval->us() == 0 || *interval > scenario.horizon ||
       scenario.horizon.us() / interval->us() > 1'000'000)) {
    problems.expected(r.pointer("interval"),
                      "a duration above 0s, at most the horizon, and at least a millionth of it",
                      r.field("interval"));
  }
  scenario.interval = interval.value_or(default_interval(scenario.horizon));

  const auto seed = r.integer("seed", 0, INT64_MAX);
  if (seed) scenario.seed = static_cast<uint64_t>(*seed);
  scenario.replications =
      static_cast<int>(r.integer("replications", 1, 10000).value_or(scenario.replications));
}

// A curve or trace whose rate overflows would make a run loop for ever after the
// file was said to be fine: caught here, at the arrivals' pointer.
void check_traffic_part(const models::ArrivalConfig& arrivals, const models::Scenario& scenario,
                        const std::string& pointer, Problems& problems) {
  const models::TrafficEstimate e =
      models::estimate_arrivals(arrivals, scenario.workload.local_offset, scenario.horizon);
  if (e.finite()) return;
  problems.add(pointer,
               "expected traffic with a finite rate and count, found one that overflows "
               "before t = " +
                   sim::duration_text(e.overflow_by));
}

void check_traffic(const models::Scenario& scenario, Problems& problems) {
  check_traffic_part(scenario.workload.arrivals, scenario, "/workload/arrivals", problems);
  if (scenario.workload.sessions) {
    check_traffic_part(scenario.workload.sessions->arrivals, scenario,
                       "/workload/sessions/arrivals", problems);
  }
}

}  // namespace

models::Scenario parse_scenario(const std::string& text, const std::string& file) {
  const Json root = parse_json_document(text, file);
  Problems problems;
  models::Scenario scenario;
  ObjectReader r(root, "", problems, "a scenario object");
  if (r.valid()) {
    r.string("$schema");  // for editors; its value is not used
    scenario.name = r.string("name", Presence::kRequired).value_or("");
    scenario.description = r.string("description").value_or("");
    read_run_settings(r, scenario);
    if (const Json* workload = r.field("workload", Presence::kRequired, "a workload object")) {
      read_workload(*workload, r.pointer("workload"), file, problems, scenario.workload);
    }
    // Instants are checked against the clock only when the settings it comes from are sound.
    const RunClock clock{scenario.workload.local_offset, scenario.horizon};
    read_strategies(r.field("strategies", Presence::kRequired, "an array of strategies"),
                    r.pointer("strategies"), problems, problems.empty() ? &clock : nullptr,
                    scenario.strategies);
    scenario.pricing = read_pricing(r.field("pricing"), r.pointer("pricing"), file, problems);
    r.reject_unknown_keys();
    if (problems.empty()) check_traffic(scenario, problems);
    if (problems.empty()) check_prices(scenario, problems);
  }
  if (!problems.empty()) throw InputError(file, problems.list());
  return scenario;
}

models::Scenario load_scenario_file(const std::string& path) {
  return parse_scenario(read_input_file(path, "scenario file", kMaxJsonFileBytes), path);
}

}  // namespace app
