#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "app/output/local_time.h"
#include "app/output/number_text.h"
#include "app/output/outputs.h"
#include "app/output/text.h"
#include "app/scenario/quantities.h"
#include "models/control/api_catalog.h"
#include "models/outcome.h"

namespace app {

namespace {

struct Row {
  std::string label;
  std::string metric;
  double scale = 1;  // ratios are shown as percentages
  std::string suffix;
};

struct Section {
  std::string title;
  std::vector<Row> rows;
};

// Meters billed in any strategy, in order of first appearance, from the
// "cost.meter.<meter>_usd" metrics.
std::vector<std::string> billed_meters(const ExperimentResult& result) {
  const std::string prefix = "cost.meter.";
  const std::string suffix = "_usd";
  std::vector<std::string> meters;
  for (const StrategySummary& s : result.strategies) {
    for (const MetricSummary& m : s.metrics) {
      if (!m.name.starts_with(prefix)) continue;
      const std::string meter =
          m.name.substr(prefix.size(), m.name.size() - prefix.size() - suffix.size());
      if (std::find(meters.begin(), meters.end(), meter) == meters.end()) meters.push_back(meter);
    }
  }
  return meters;
}

Section cost_section(const ExperimentResult& result) {
  Section cost{"Cost (USD, measured window)",
               {{"total", "cost.total_usd"},
                {"per month at this rate", "cost.per_month_usd"},
                {"per million ok requests", "cost.per_million_ok_usd"}}};
  for (const std::string& meter : billed_meters(result)) {
    cost.rows.push_back({"  " + meter, "cost.meter." + meter + "_usd"});
  }
  return cost;
}

std::vector<Section> layout(const ExperimentResult& result) {
  Section requests{"Requests (share of finished requests)",
                   {{"arrivals", "requests.arrivals"}, {"ok", "rate.ok", 100, "%"}}};
  for (models::Outcome outcome : models::all_outcomes()) {
    if (outcome == models::Outcome::kOk) continue;
    const std::string name(models::outcome_name(outcome));
    requests.rows.push_back({name, "rate." + name, 100, "%"});
  }
  requests.rows.push_back({"all errors", "rate.error", 100, "%"});
  return {
      requests,
      {"Latency of successful requests (ms)",
       {{"mean", "latency.mean_ms"},
        {"p50", "latency.p50_ms"},
        {"p90", "latency.p90_ms"},
        {"p99", "latency.p99_ms"},
        {"p99.9", "latency.p999_ms"}}},
      {"Queueing",
       {{"share queued", "wait.probability", 100, "%"}, {"mean wait (ms)", "wait.mean_ms"}}},
      {"Capacity (time-weighted means)",
       {{"utilisation", "capacity.utilisation", 100, "%"},
        {"instances running", "capacity.instances_running_mean"},
        {"requests in service", "capacity.in_service_mean"},
        {"requests queued", "capacity.queued_mean"}}},
      {"Lambda",
       {{"cold starts (share of invocations)", "lambda.cold_start_rate", 100, "%"},
        {"mean concurrency", "lambda.concurrency_mean"},
        {"mean live environments (busy + warm)", "lambda.environments_mean"},
        {"peak live environments", "lambda.environments_peak"}}},
      {"Scaling (measured window)",
       {{"instance-hours", "fleet.instance_hours"},
        {"launches", "fleet.launches"},
        {"terminations", "fleet.terminations"},
        {"zombies (billed, never serving)", "fleet.zombies"},
        {"scale-outs", "policy.scale_outs"},
        {"scale-ins", "policy.scale_ins"},
        {"alerts", "policy.alerts"},
        {"control-plane calls", "control.calls"},
        {"  throttled", "control.throttled_calls"},
        {"  retries", "control.retries"},
        {"  given up", "control.failed_calls"}}},
      cost_section(result),
  };
}

const MetricSummary* find(const StrategySummary& strategy, const std::string& name) {
  for (const MetricSummary& m : strategy.metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::string cell(const MetricSummary* metric, const Row& row) {
  if (!metric) return "-";
  std::optional<double> half;
  if (metric->estimate.half_width) half = *metric->estimate.half_width * row.scale;
  // Identical replications leave rounding noise, not uncertainty: estimate_text says 0.
  return estimate_text(metric->estimate.mean * row.scale, half, row.suffix);
}

bool all_zero(const ExperimentResult& result, const std::string& metric) {
  for (const StrategySummary& s : result.strategies) {
    const MetricSummary* m = find(s, metric);
    if (m && m->estimate.mean != 0) return false;
  }
  return true;
}

bool any_present(const ExperimentResult& result, const std::string& metric) {
  for (const StrategySummary& s : result.strategies) {
    if (find(s, metric)) return true;
  }
  return false;
}

// The APIs that the shown strategies' controllers call with the catalogue's
// placeholder buckets or latencies (not set by the scenario), in first-use order.
std::vector<std::string> unsourced_calls(const models::Scenario& scenario,
                                         const ExperimentResult& result) {
  std::vector<std::string> names;
  for (const StrategySummary& shown : result.strategies) {
    for (const models::StrategyConfig& strategy : scenario.strategies) {
      if (strategy.name != shown.name) continue;
      const std::vector<models::ApiSpec>& apis =
          strategy.control_apis.empty() ? models::default_apis() : strategy.control_apis;
      for (const models::ControllerSpec& controller : strategy.controllers) {
        if (!controller.kind->calls) continue;
        for (const models::CallSite& call : controller.kind->calls(controller)) {
          const models::ApiSpec* api = models::find_api(apis, call.api);
          if (!api || api->confirmed || api->note == models::kSetByScenario) continue;
          const std::string name = api->service + ":" + api->name;
          if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
      }
    }
  }
  return names;
}

}  // namespace

// The interval whose mean error rate was highest, "12.3% at tue 16:00" (the
// first such), or "-" for a strategy with no error in any interval.
std::string worst_interval(const models::Scenario& scenario, const StrategySummary& strategy) {
  std::vector<double> finished, failed;
  for (const models::SeriesColumn& column : strategy.mean_series) {
    bool outcome = false;
    for (models::Outcome o : models::all_outcomes())
      outcome |= column.name == models::outcome_name(o);
    if (!outcome) continue;
    finished.resize(column.values.size());
    failed.resize(column.values.size());
    for (size_t b = 0; b < column.values.size(); ++b) {
      finished[b] += column.values[b];
      if (column.name != "ok") failed[b] += column.values[b];
    }
  }
  size_t worst = finished.size();
  double worst_rate = 0;
  for (size_t b = 0; b < finished.size(); ++b) {
    if (finished[b] <= 0 || failed[b] <= 0) continue;
    const double rate = failed[b] / finished[b];
    if (rate > worst_rate) {
      worst_rate = rate;
      worst = b;
    }
  }
  if (worst == finished.size()) return "-";
  const sim::Duration at =
      sim::Duration::micros(static_cast<int64_t>(worst) * strategy.interval.us());
  return fixed(100 * worst_rate, decimals_for(100 * worst_rate, std::nullopt)) + "% at " +
         local_time_text(scenario.workload, at);
}

// The interval with the highest mean p99 latency, "1,533 at mon 16:00", or "-".
std::string peak_p99(const models::Scenario& scenario, const StrategySummary& strategy) {
  for (const models::SeriesColumn& column : strategy.mean_series) {
    if (column.name != "latency_p99_ms") continue;
    size_t peak = column.values.size();
    for (size_t b = 0; b < column.values.size(); ++b) {
      if (!std::isnan(column.values[b]) &&
          (peak == column.values.size() || column.values[b] > column.values[peak]))
        peak = b;
    }
    if (peak == column.values.size()) break;
    const sim::Duration at =
        sim::Duration::micros(static_cast<int64_t>(peak) * strategy.interval.us());
    // Three significant digits at most: a coarse histogram's percentile is within 6.3%.
    const double v = column.values[peak];
    const int decimals =
        v > 0 ? std::clamp(2 - static_cast<int>(std::floor(std::log10(v))), 0, 3) : 0;
    return fixed(v, decimals) + " at " + local_time_text(scenario.workload, at);
  }
  return "-";
}

std::string render_table(const models::Scenario& scenario, const ExperimentResult& result) {
  std::vector<std::vector<std::string>>
      lines;  // label, then one cell per strategy; empty = section
  std::vector<std::string> hidden;
  for (const Section& section : layout(result)) {
    const size_t title = lines.size();
    lines.push_back({section.title});
    for (const Row& row : section.rows) {
      if (!any_present(result, row.metric)) continue;
      if (row.metric.starts_with("rate.") && row.metric != "rate.ok" &&
          all_zero(result, row.metric)) {
        hidden.push_back(row.label);
        continue;
      }
      // Counts of scaling happenings that never happened say nothing.
      if (section.title.starts_with("Scaling") && row.metric != "fleet.instance_hours" &&
          all_zero(result, row.metric))
        continue;
      std::vector<std::string> line = {"  " + row.label};
      for (const StrategySummary& s : result.strategies)
        line.push_back(cell(find(s, row.metric), row));
      lines.push_back(std::move(line));
    }
    if (lines.size() == title + 1) lines.pop_back();  // no row of it applies
  }
  lines.push_back({"Worst interval (means over replications, timeseries.csv)"});
  std::vector<std::string> p99 = {"  peak p99 latency (ms)"};
  for (const StrategySummary& s : result.strategies) p99.push_back(peak_p99(scenario, s));
  lines.push_back(std::move(p99));
  if (!all_zero(result, "rate.error")) {
    std::vector<std::string> errors = {"  peak error rate"};
    for (const StrategySummary& s : result.strategies)
      errors.push_back(worst_interval(scenario, s));
    lines.push_back(std::move(errors));
  }
  std::vector<size_t> widths(result.strategies.size() + 1, 0);
  for (size_t c = 0; c < result.strategies.size(); ++c)
    widths[c + 1] = width(result.strategies[c].name);
  for (const auto& line : lines) {
    if (line.size() == 1) continue;
    for (size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], width(line[c]));
  }
  for (const auto& line : lines)
    widths[0] = std::max(widths[0], line.size() == 1 ? size_t{0} : width(line[0]));

  std::string out =
      "Scenario \"" + scenario.name + "\": " + std::to_string(result.strategies.size()) +
      " strategies x " + std::to_string(scenario.replications) + " replications, horizon " +
      format_duration(scenario.horizon) + " (warm-up " + format_duration(scenario.warmup) +
      " left out), seed " + std::to_string(scenario.seed) + "\n";
  if (scenario.pricing) {
    out += "Priced with " + scenario.pricing->book.region + " prices of " +
           scenario.pricing->book.date +
           (scenario.pricing->free_tier ? ", free tier deducted" : ", no free tier") + ".\n";
  }
  out += "Each cell: mean ± 95% confidence half-width over replications.\n\n";
  out += pad_right("", widths[0]);
  for (size_t c = 0; c < result.strategies.size(); ++c)
    out += "   " + pad_left(result.strategies[c].name, widths[c + 1]);
  out += "\n";
  for (const auto& line : lines) {
    if (line.size() == 1) {
      out += line[0] + "\n";
      continue;
    }
    out += pad_right(line[0], widths[0]);
    for (size_t c = 1; c < line.size(); ++c) out += "   " + pad_left(line[c], widths[c]);
    out += "\n";
  }
  if (!hidden.empty()) {
    out += "\nNot shown, zero in every strategy:";
    for (const std::string& label : hidden) out += " " + label;
    out += "\n";
  }
  const std::vector<std::string> assumed = unsourced_calls(scenario, result);
  if (!assumed.empty()) {
    out +=
        "\nControl-plane figures with no published source (override them under "
        "\"control_plane\"):";
    for (const std::string& api : assumed) out += " " + api;
    out += "\n";
  }
  return valid_utf8(out);  // names are UTF-8 already; this keeps it so whatever comes in
}

}  // namespace app
