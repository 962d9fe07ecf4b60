// Reading CloudWatch metric exports for `scalesim dry-run` (docs/importing.md):
//
//   GetMetricData JSON, as `aws cloudwatch get-metric-data` prints it: an object
//     with "MetricDataResults", an array of {Id, Label, Timestamps[], Values[],
//     StatusCode}. Timestamps are ISO 8601, newest first by default (any order is
//     accepted; they are sorted). StatusCode must be "Complete".
//   CSV: a header row naming the columns, then rows of a timestamp and one value
//     per column; an empty cell is a period without data. `timestamp,value` with
//     or without the header, and the wider layout of the console's download (a
//     first column of times, a column per metric) read alike.
//
// One series is chosen: by `name` (an Id or Label, or a column's header), or the
// only one. Its period is the smallest step between timestamps; every step must
// be a whole number of periods, and the periods skipped are gaps. Every problem
// throws InputError naming the file and the JSON pointer or line.
#ifndef SCALESIM_APP_DRYRUN_METRIC_HISTORY_H_
#define SCALESIM_APP_DRYRUN_METRIC_HISTORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace app {

struct MetricGap {
  int64_t from_us = 0;  // the first missing period's start
  int64_t periods = 0;  // how many are missing
};

struct MetricSeries {
  std::string name;       // the Label (or Id) or the column's header; "value" when none
  int64_t start_us = 0;   // the first datapoint's timestamp
  int64_t period_us = 0;  // inferred
  // One per period from start_us, the last one a datapoint; nothing in a gap.
  std::vector<std::optional<double>> values;
  std::vector<MetricGap> gaps;
  bool date_times = false;     // ISO date-times (UTC epoch) rather than plain seconds
  int utc_offset_minutes = 0;  // the zone written in the first timestamp
};

// The most periods a history may span, gaps included: a year of minutes, where
// CloudWatch keeps 15 days of them.
inline constexpr int64_t kMaxHistoryPeriods = 527'040;

// Reads `path`: GetMetricData JSON when its first character other than white
// space is '{', CSV otherwise. Throws InputError.
MetricSeries read_metric_history(const std::string& path, const std::optional<std::string>& name);

// The same from text, `path` naming it in messages.
MetricSeries parse_metric_history(const std::string& text, const std::string& path,
                                  const std::optional<std::string>& name);

}  // namespace app

#endif  // SCALESIM_APP_DRYRUN_METRIC_HISTORY_H_
