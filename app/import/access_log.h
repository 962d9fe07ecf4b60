// One line of an AWS access log, in the two formats AWS documents:
//
//   ALB access logs: space-separated fields, some double-quoted:
//     type time elb client:port target:port request_processing_time
//     target_processing_time response_processing_time elb_status_code
//     target_status_code received_bytes sent_bytes "request" "user_agent" ...
//     (later fields, request_creation_time the 22nd, are read when present).
//   CloudFront standard logs: tab-separated, after "#Version:" and "#Fields:"
//     header lines that name the columns (date, time, cs-method, cs-uri-stem,
//     sc-status, sc-bytes, time-taken, cs-protocol, ...).
//
// Parsing is by view into the line: nothing is copied.
#ifndef SCALESIM_APP_IMPORT_ACCESS_LOG_H_
#define SCALESIM_APP_IMPORT_ACCESS_LOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace app {

enum class LogFormat { kAlb, kCloudFront };

// "ALB access log" or "CloudFront standard log", for messages.
const char* log_format_name(LogFormat format);

// The format a file's first line shows, if either.
std::optional<LogFormat> detect_log_format(std::string_view first_line);

struct LogEntry {
  // ALB: when the load balancer received the request (request_creation_time;
  // in older logs without it, time less the three processing times).
  // CloudFront: the start of the second the edge finished responding (the log
  // has whole seconds); the importer places the request within it.
  int64_t time_us = 0;
  std::string_view method;  // "GET"
  std::string_view path;    // "/users/42", without query string
  int status = 0;           // the load balancer's or edge's status; 0 for "-" or 000
  // ALB target_processing_time, CloudFront time-taken; -1 when the log has none
  // (ALB writes -1 when no target answered).
  int64_t service_us = -1;
  uint64_t response_bytes = 0;  // ALB sent_bytes, CloudFront sc-bytes
  // A WebSocket connection (ws, wss) or a line without an HTTP request line:
  // counted, but not a request.
  bool http = true;
};

// The column positions a CloudFront log's "#Fields:" line gives.
struct CloudFrontColumns {
  size_t date = 0, time = 0, method = 0, uri_stem = 0, status = 0, bytes = 0, time_taken = 0;
  std::optional<size_t> protocol;
  size_t count = 0;  // fields a data line must have at least
};

// Reads a "#Fields: date time ..." line; an error message names missing fields.
std::optional<CloudFrontColumns> read_cloudfront_fields(std::string_view line, std::string& error);

// Parse one data line. On failure return nullopt and set `error` to
// "expected ..., found ...".
std::optional<LogEntry> parse_alb_line(std::string_view line, std::string& error);
std::optional<LogEntry> parse_cloudfront_line(std::string_view line,
                                              const CloudFrontColumns& columns, std::string& error);

// Seconds as a log writes them ("0.001", "-1") in microseconds.
std::optional<int64_t> parse_log_seconds(std::string_view text);

}  // namespace app

#endif  // SCALESIM_APP_IMPORT_ACCESS_LOG_H_
