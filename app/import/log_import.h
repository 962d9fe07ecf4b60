// Reading ALB access logs or CloudFront standard logs (plain or gzip, any
// number of files, in any order) into per-request arrival times and per-endpoint
// statistics: what `scalesim import` writes as a trace and request classes.
#ifndef SCALESIM_APP_IMPORT_LOG_IMPORT_H_
#define SCALESIM_APP_IMPORT_LOG_IMPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/import/access_log.h"
#include "app/interrupt.h"
#include "app/scenario/input_error.h"

namespace app {

// Endpoints beyond this many distinct patterns (paths the normalisation could
// not reduce) are counted together as kOtherEndpoints, bounding memory.
inline constexpr size_t kMaxEndpoints = 2000;
inline constexpr const char* kOtherEndpoints = "(other endpoints)";

struct ImportOptions {
  std::optional<LogFormat> format;  // empty: detected from the first file's first line
  // Unreadable lines tolerated (left out, counted and reported); more fail the import.
  uint64_t max_bad_lines = 0;
  // CloudFront logs whole seconds: place the requests that finished in one
  // second evenly within it (true), or all at its start.
  bool spread = true;
  const StopFlag* stop = nullptr;
};

struct Endpoint {
  std::string name;  // "GET /users/{id}"
  uint64_t requests = 0;
  uint64_t failed = 0;          // status 5xx, or none (ALB "-", CloudFront 000)
  uint64_t untimed = 0;         // not failed, but without a service time (ALB -1)
  uint64_t response_bytes = 0;  // over all its requests
  // The others' service times in microseconds (at most 2^32 - 1, 71 minutes),
  // sorted: exact percentiles, 4 bytes a request.
  std::vector<uint32_t> service_us;
  uint64_t service_sum_us = 0;

  double service_seconds() const { return static_cast<double>(service_sum_us) / 1e6; }
  // Nearest rank: the smallest sample with at least q of them at or below it.
  // REQUIRES: service_us not empty, q in [0, 1].
  uint32_t quantile_us(double q) const;
};

struct ImportCounts {
  uint64_t files = 0;
  uint64_t lines = 0;     // data lines (not headers, comments or blank lines)
  uint64_t requests = 0;  // HTTP requests: the trace has one row each
  uint64_t failed = 0;    // of the requests: 5xx or no response
  uint64_t untimed = 0;   // of the requests: not failed, no service time
  uint64_t non_http = 0;  // WebSocket connections, lines without a request: not in the trace
  uint64_t bad = 0;       // unreadable lines left out under max_bad_lines
};

struct ImportResult {
  LogFormat format = LogFormat::kAlb;
  std::vector<int64_t> arrivals_us;  // UTC epoch microseconds, in time order
  std::vector<Endpoint> endpoints;   // most requests first, then by name
  ImportCounts counts;
  std::vector<Problem> bad_lines;  // "FILE:LINE" and what is wrong, the first ones
};

// Expands directories (every regular file below, in name order) and reads
// every file. Throws InputError naming the file (and line) for a file that
// cannot be read or is of another format, and for more bad lines than allowed;
// Interrupted when `stop` is set.
ImportResult import_logs(const std::vector<std::string>& paths, const ImportOptions& options);

}  // namespace app

#endif  // SCALESIM_APP_IMPORT_LOG_IMPORT_H_
