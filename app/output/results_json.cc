#include <nlohmann/json.hpp>

#include "app/output/local_time.h"
#include "app/output/outputs.h"
#include "app/output/sweep_json.h"

namespace app {

namespace {

using Json = nlohmann::ordered_json;

const char* unit_name(models::Unit unit) {
  switch (unit) {
    case models::Unit::kCount:
      return "count";
    case models::Unit::kRatio:
      return "ratio";
    case models::Unit::kMilliseconds:
      return "ms";
    case models::Unit::kNumber:
      return "number";
    case models::Unit::kUsd:
      return "usd";
  }
  return "number";
}

Json metric_json(const MetricSummary& metric) {
  Json out;
  out["mean"] = metric.estimate.mean;
  out["half_width"] =
      metric.estimate.half_width ? Json(*metric.estimate.half_width) : Json(nullptr);
  out["unit"] = unit_name(metric.unit);
  return out;
}

Json results_root(const models::Scenario& scenario, const std::string& scenario_file,
                  const ExperimentResult& result) {
  Json root;
  root["format"] = "scalesim-results";
  root["version"] = kResultsFormatVersion;
  root["generator"] = "scalesim " SCALESIM_VERSION;
  root["scenario"] = {{"name", scenario.name},
                      {"file", scenario_file},
                      {"seed", scenario.seed},
                      {"replications", scenario.replications},
                      {"horizon_s", scenario.horizon.seconds()},
                      {"warmup_s", scenario.warmup.seconds()},
                      {"interval_s", scenario.interval.seconds()}};
  if (scenario.pricing) {
    const models::PriceBook& book = scenario.pricing->book;
    root["scenario"]["pricing"] = {{"region", book.region},
                                   {"price_book", book.file},
                                   {"price_book_date", book.date},
                                   {"free_tier", scenario.pricing->free_tier}};
  }
  root["scenario"]["clock"] = {
      {"start", local_time_text(scenario.workload, sim::Duration())},
      {"utc_offset", utc_offset_text(scenario.workload) ? Json(*utc_offset_text(scenario.workload))
                                                        : Json(nullptr)}};
  root["confidence"] = 0.95;
  root["strategies"] = Json::array();
  for (const StrategySummary& strategy : result.strategies) {
    Json metrics = Json::object();
    for (const MetricSummary& metric : strategy.metrics) metrics[metric.name] = metric_json(metric);
    root["strategies"].push_back({{"name", strategy.name},
                                  {"description", strategy.description},
                                  {"events", strategy.events},
                                  {"metrics", std::move(metrics)}});
  }
  return root;
}

// Paths from the command line need not be UTF-8: invalid bytes become U+FFFD.
std::string text_of(const Json& root) {
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_results_json(const models::Scenario& scenario, const std::string& scenario_file,
                                const ExperimentResult& result) {
  return text_of(results_root(scenario, scenario_file, result));
}

std::string render_results_json(const Experiment& experiment, const SweepResult& sweep) {
  Json root = results_root(experiment.base(), experiment.experiment_file, sweep.result);
  add_sweep(root, experiment, sweep);
  return text_of(root);
}

}  // namespace app
