#include <algorithm>
#include <charconv>
#include <cmath>

#include "app/output/local_time.h"
#include "app/output/outputs.h"
#include "app/output/text.h"
#include "models/outcome.h"

namespace app {

namespace {

// Shortest text that reads back as the same double: exact and reproducible.
// Empty for NaN: an interval without data (no request ended there).
std::string number(double value) {
  if (std::isnan(value)) return "";
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : "nan";
}

// Every column any strategy has, in order of first appearance.
std::vector<std::string> all_columns(const ExperimentResult& result) {
  std::vector<std::string> columns;
  for (const StrategySummary& strategy : result.strategies) {
    for (const models::SeriesColumn& column : strategy.mean_series) {
      if (std::find(columns.begin(), columns.end(), column.name) == columns.end())
        columns.push_back(column.name);
    }
  }
  return columns;
}

using Series = std::vector<models::SeriesColumn>;

const models::SeriesColumn* find_column(const Series& series, const std::string& name) {
  for (const models::SeriesColumn& column : series) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

// Requests that ended in interval `b` other than ok, as a share of all that
// ended there; empty when none did.
std::string error_rate(const Series& series, size_t b) {
  double finished = 0;
  double ok = 0;
  for (models::Outcome outcome : models::all_outcomes()) {
    const models::SeriesColumn* column =
        find_column(series, std::string(models::outcome_name(outcome)));
    if (!column) continue;
    finished += column->values[b];
    if (outcome == models::Outcome::kOk) ok = column->values[b];
  }
  return finished > 0 ? number((finished - ok) / finished) : "";
}

// The rows of one strategy's `series`, prefixed with `replication` when given.
void append_rows(const models::Scenario& scenario, const StrategySummary& strategy,
                 const Series& series, const std::string& replication,
                 const std::vector<std::string>& columns, std::string& out) {
  const std::string last_outcome(models::outcome_name(models::all_outcomes().back()));
  const size_t buckets = series.empty() ? 0 : series.front().values.size();
  for (size_t b = 0; b < buckets; ++b) {
    const int64_t start = static_cast<int64_t>(b) * strategy.interval.us();
    const int64_t end = std::min(start + strategy.interval.us(), scenario.horizon.us());
    out += csv_field(strategy.name);
    for (const std::string& field :
         {replication, number(static_cast<double>(start) * 1e-6),
          number(static_cast<double>(end) * 1e-6),
          csv_field(local_time_text(scenario.workload, sim::Duration::micros(start)))}) {
      if (field.empty()) continue;  // no replication column
      out += ',';
      out += field;
    }
    for (const std::string& name : columns) {
      out += ",";
      if (const models::SeriesColumn* column = find_column(series, name))
        out += number(column->values[b]);
      if (name == last_outcome) {
        out += ',';
        out += error_rate(series, b);
      }
    }
    out += "\n";
  }
}

}  // namespace

std::string render_timeseries_csv(const models::Scenario& scenario,
                                  const ExperimentResult& result) {
  const std::vector<std::string> columns = all_columns(result);
  const bool per_replication =
      !result.strategies.empty() && !result.strategies.front().replication_series.empty();
  // error_rate goes after the last outcome column.
  const std::string last_outcome(models::outcome_name(models::all_outcomes().back()));
  std::string out = "# scalesim timeseries version " + std::to_string(kTimeseriesFormatVersion) +
                    (per_replication ? "; one row per replication" : "; means over replications") +
                    "\n# clock starts " + local_time_text(scenario.workload, sim::Duration()) +
                    "; local_time is the scenario's local time at interval_start_s\n" +
                    (per_replication ? "strategy,replication," : "strategy,") +
                    "interval_start_s,interval_end_s,local_time";
  for (const std::string& name : columns) {
    out += ',';
    out += name;
    if (name == last_outcome) out += ",error_rate";
  }
  out += "\n";
  for (const StrategySummary& strategy : result.strategies) {
    if (!per_replication) {
      append_rows(scenario, strategy, strategy.mean_series, "", columns, out);
      continue;
    }
    for (size_t r = 0; r < strategy.replication_series.size(); ++r)
      append_rows(scenario, strategy, strategy.replication_series[r], std::to_string(r), columns,
                  out);
  }
  return out;
}

}  // namespace app
