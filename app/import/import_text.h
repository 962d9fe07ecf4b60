// What `scalesim import` prints and writes: the summary of the logs, the
// endpoint ranking, the workload block and the trace file.
#ifndef SCALESIM_APP_IMPORT_IMPORT_TEXT_H_
#define SCALESIM_APP_IMPORT_IMPORT_TEXT_H_

#include <cstdint>
#include <string>

#include "app/import/log_import.h"

namespace app {

// Percentiles of the service-time tables, as the workload's "empirical"
// distribution takes them.
inline constexpr double kTablePercentiles[] = {0, 10, 25, 50, 75, 90, 95, 99, 99.9, 100};

// What the logs held, where every line went, and the bad lines left out.
std::string render_import_summary(const ImportResult& result);

// The `top` endpoints by calls, then by total service time.
std::string render_ranking(const ImportResult& result, int top);

struct BlockOptions {
  std::string trace_file;  // as the block's "file" names it
  int classes = 10;        // endpoints with a class of their own; the rest share one
  int utc_offset_minutes = 0;
};

// {"clock", "arrivals", "classes"} to paste into a scenario's workload: the
// run starts at the minute the first request falls in.
std::string render_workload_block(const ImportResult& result, const BlockOptions& options);

// The start of the minute of the first arrival, where the block starts the run.
int64_t trace_start_us(const ImportResult& result);

// "timestamp" and one ISO 8601 UTC date-time a request, in time order.
std::string render_trace(const ImportResult& result);

// "12.5ms": whole microseconds in the scenario's duration notation.
std::string duration_ms_text(int64_t us);

}  // namespace app

#endif  // SCALESIM_APP_IMPORT_IMPORT_TEXT_H_
