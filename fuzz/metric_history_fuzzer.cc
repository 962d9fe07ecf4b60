// Fuzzes the metric-history readers of `scalesim dry-run` (app/dryrun/metric_history.h):
// the input is GetMetricData JSON or a CSV of CloudWatch datapoints.
//
// A first line "#fuzz metric=CPUUtilization" (fuzz_input.h) names the series to read and
// is taken off before the rest is read (a JSON input starts with '{'); without one, the
// only series is read.
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "app/dryrun/metric_history.h"
#include "app/scenario/input_error.h"
#include "fuzz/fuzz_input.h"

namespace {

// The promises of metric_history.h about what a read returns.
void check(const app::MetricSeries& series) {
  const auto& values = series.values;
  fuzz::require(!values.empty(), "a history has at least one datapoint");
  fuzz::require(values.front().has_value() && values.back().has_value(),
                "a history starts and ends with a datapoint");
  fuzz::require(series.period_us > 0, "a period above 0");
  fuzz::require(static_cast<int64_t>(values.size()) <= app::kMaxHistoryPeriods,
                "a history spans at most kMaxHistoryPeriods periods");
  int64_t missing = 0;
  for (const auto& v : values) {
    if (!v) ++missing;
    fuzz::require(!v || std::isfinite(*v), "values are finite numbers");
  }
  int64_t in_gaps = 0;
  int64_t after_last = series.start_us;  // where the last gap ended
  for (const app::MetricGap& gap : series.gaps) {
    fuzz::require(gap.periods >= 1, "a gap is at least one period");
    fuzz::require(gap.from_us > after_last, "gaps are in time order, apart, after the start");
    const int64_t since = gap.from_us - series.start_us;
    fuzz::require(since % series.period_us == 0, "a gap starts on the grid");
    const int64_t first = since / series.period_us;
    fuzz::require(first + gap.periods < static_cast<int64_t>(values.size()),
                  "a gap ends before the last datapoint");
    for (int64_t i = first; i < first + gap.periods; ++i)
      fuzz::require(!values[static_cast<size_t>(i)], "a gap's periods have no value");
    fuzz::require(values[static_cast<size_t>(first - 1)].has_value() &&
                      values[static_cast<size_t>(first + gap.periods)].has_value(),
                  "a gap lies between datapoints");
    in_gaps += gap.periods;
    after_last = gap.from_us + gap.periods * series.period_us;
  }
  fuzz::require(in_gaps == missing, "every period without a value is in a gap");
  fuzz::require(series.utc_offset_minutes >= -14 * 60 && series.utc_offset_minutes <= 14 * 60,
                "a zone within 14 hours of UTC");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto settings = fuzz::header_settings(text);
  std::optional<std::string> name;
  if (!settings.empty()) {
    const size_t end = text.find('\n');
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (auto metric = settings.find("metric"); metric != settings.end()) name = metric->second;
  }
  const std::string path =
      fuzz::write_input_file(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  app::MetricSeries series;
  try {
    series = app::read_metric_history(path, name);
  } catch (const app::InputError&) {
    return 0;  // the expected answer to bad input
  }
  check(series);
  return 0;
}
