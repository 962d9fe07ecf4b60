// Reading trace files (docs/scenarios.md, Traces): CSV, one row per line.
//
//   timestamps: the first column of each row is a request's timestamp; any other
//               columns are ignored. Rows in time order (equal times allowed).
//   counts:     timestamp, value[, period]: the number of requests in the interval
//               that starts at the timestamp, as a CloudWatch metric export (Sum of
//               RequestCount or Invocations). Rows strictly in time order, on one
//               grid of one period; a missing interval is an error unless gaps
//               count as zero.
//
// A first line that does not start with a timestamp is a header; lines starting
// with '#' and blank lines are skipped. Fields may be double-quoted. Every problem
// is reported as "FILE:LINE: what is wrong" (at most a screenful of them).
#ifndef SCALESIM_APP_TRACE_TRACE_FILE_H_
#define SCALESIM_APP_TRACE_TRACE_FILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app {

enum class TraceFormat { kTimestamps, kCounts };

// The most intervals a counts trace may hold, missing ones filled included, and
// the most `fit` bins a trace into: a year of one-second intervals, 16 bytes each
// in memory, where real traces have tens of thousands.
inline constexpr uint64_t kMaxTraceIntervals = 32'000'000;

struct TraceReadOptions {
  TraceFormat format = TraceFormat::kTimestamps;
  // counts: the interval width when the file has no period column.
  std::optional<int64_t> period_us;
  // counts: fill missing intervals with zero instead of reporting them.
  bool gaps_are_zero = false;
};

struct TraceFile {
  // timestamps: every request's time. counts: each interval's start, consecutive
  // (start + i x period_us).
  std::vector<int64_t> times_us;
  std::vector<double> counts;  // counts only, one per interval
  int64_t period_us = 0;       // counts only
  bool date_times = false;     // ISO date-times (UTC epoch) rather than plain seconds
  int utc_offset_minutes = 0;  // the zone written in the first row's date-time
};

// Throws InputError naming `path` and each offending line.
TraceFile read_trace_file(const std::string& path, const TraceReadOptions& options);

// The fields of one line of a simple CSV export (a trace, a CloudWatch history):
// split at every comma, each trimmed of spaces, tabs and a '\r' and stripped of
// surrounding double quotes. A quoted field holding a comma is not one field.
std::vector<std::string_view> split_csv_fields(std::string_view line);

}  // namespace app

#endif  // SCALESIM_APP_TRACE_TRACE_FILE_H_
