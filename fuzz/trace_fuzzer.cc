// Fuzzes the trace readers: the input is a trace file.
//
// A first line "#fuzz format=counts;period=5m;gaps=zero" (fuzz_input.h) picks the reader
// and its options; without one, the input is read both as timestamps and as counts.
#include <optional>
#include <string>

#include "app/scenario/input_error.h"
#include "app/scenario/quantities.h"
#include "app/trace/trace_file.h"
#include "fuzz/fuzz_input.h"

namespace {

// The promises of app/trace/trace_file.h about what a read returns.
void check(const app::TraceFile& trace, const app::TraceReadOptions& options) {
  fuzz::require(!trace.times_us.empty(), "a trace read has at least one row");
  if (options.format == app::TraceFormat::kTimestamps) {
    for (size_t i = 1; i < trace.times_us.size(); ++i)
      fuzz::require(trace.times_us[i - 1] <= trace.times_us[i], "timestamps are in time order");
    return;
  }
  fuzz::require(trace.counts.size() == trace.times_us.size(), "counts: one count per interval");
  fuzz::require(trace.period_us > 0, "counts: a period above 0");
  if (options.period_us)
    fuzz::require(trace.period_us == *options.period_us, "counts: the period asked for");
  for (size_t i = 1; i < trace.times_us.size(); ++i) {
    fuzz::require(trace.times_us[i] - trace.times_us[i - 1] == trace.period_us,
                  "counts: intervals are consecutive, start + i x period");
  }
}

void read(const std::string& path, const app::TraceReadOptions& options) {
  app::TraceFile trace;
  try {
    trace = app::read_trace_file(path, options);
  } catch (const app::InputError&) {
    return;  // the expected answer to bad input
  }
  check(trace, options);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto settings = fuzz::header_settings({reinterpret_cast<const char*>(data), size});
  const std::string path = fuzz::write_input_file(data, size);
  app::TraceReadOptions options;
  const auto format = settings.find("format");
  if (format == settings.end()) {
    read(path, options);
    options.format = app::TraceFormat::kCounts;
    read(path, options);
    return 0;
  }
  options.format =
      format->second == "counts" ? app::TraceFormat::kCounts : app::TraceFormat::kTimestamps;
  // The scenario loader passes only periods above 0 (app/scenario/traffic.cc).
  if (const auto period = settings.find("period"); period != settings.end()) {
    if (const auto d = app::parse_duration(period->second); d && d->us() > 0)
      options.period_us = d->us();
  }
  if (const auto gaps = settings.find("gaps"); gaps != settings.end())
    options.gaps_are_zero = gaps->second == "zero";
  read(path, options);
  return 0;
}
