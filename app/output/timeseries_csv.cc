#include <algorithm>
#include <charconv>

#include "app/output/outputs.h"
#include "app/output/text.h"

namespace app {

namespace {

// Shortest text that reads back as the same double: exact and reproducible.
std::string number(double value) {
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

}  // namespace

std::string render_timeseries_csv(const models::Scenario& scenario,
                                  const ExperimentResult& result) {
  const std::vector<std::string> columns = all_columns(result);
  std::string out = "# scalesim timeseries version " + std::to_string(kTimeseriesFormatVersion) +
                    "; means over replications\nstrategy,interval_start_s,interval_end_s";
  for (const std::string& name : columns) out += "," + name;
  out += "\n";
  for (const StrategySummary& strategy : result.strategies) {
    const size_t buckets =
        strategy.mean_series.empty() ? 0 : strategy.mean_series.front().values.size();
    for (size_t b = 0; b < buckets; ++b) {
      const int64_t start = static_cast<int64_t>(b) * strategy.interval.us();
      const int64_t end = std::min(start + strategy.interval.us(), scenario.horizon.us());
      out += csv_field(strategy.name) + "," + number(static_cast<double>(start) * 1e-6) + "," +
             number(static_cast<double>(end) * 1e-6);
      for (const std::string& name : columns) {
        out += ",";
        for (const models::SeriesColumn& column : strategy.mean_series) {
          if (column.name == name) out += number(column.values[b]);
        }
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace app
