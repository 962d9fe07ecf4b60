// Fuzzes the access-log readers (app/import/access_log.h, line_source.h, log_import.h):
// the input is an ALB access log or a CloudFront standard log, plain or gzip.
//
// A first line "#fuzz format=alb;max_bad=5;spread=none" (fuzz_input.h) sets the import's
// options and is taken off before the rest is read; without one, the format is detected
// and no bad line is allowed. Each line is also parsed on its own, as both formats, so
// that the line parsers see inputs the importer would refuse at the first line.
#include <algorithm>
#include <string>
#include <string_view>

#include "app/import/access_log.h"
#include "app/import/log_import.h"
#include "app/scenario/input_error.h"
#include "fuzz/fuzz_input.h"

namespace {

// A view the parser returned lies within the line it was given.
bool within(std::string_view part, std::string_view line) {
  return part.empty() ||
         (part.data() >= line.data() && part.data() + part.size() <= line.data() + line.size());
}

void check_entry(const app::LogEntry& entry, std::string_view line) {
  fuzz::require(within(entry.method, line), "a method is a view into its line");
  // A URL without a path reads as "/", a view of a literal: valid as long as the line.
  fuzz::require(within(entry.path, line) || entry.path == "/",
                "a path is a view into its line, or \"/\"");
  fuzz::require(entry.service_us >= -1, "a service time is -1 (none) or at least 0");
  fuzz::require(entry.status >= 0 && entry.status <= 999, "a status has at most three digits");
}

// The line parsers on every line of the (plain) text, CloudFront with the columns of
// the last "#Fields:" line seen.
void parse_lines(std::string_view text) {
  std::optional<app::CloudFrontColumns> columns;
  std::string error;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    app::detect_log_format(line);
    if (line.starts_with("#Fields:")) {
      columns = app::read_cloudfront_fields(line, error);
      continue;
    }
    if (auto entry = app::parse_alb_line(line, error)) check_entry(*entry, line);
    if (columns) {
      if (auto entry = app::parse_cloudfront_line(line, *columns, error)) {
        check_entry(*entry, line);
        fuzz::require(entry->time_us % 1'000'000 == 0, "CloudFront times are whole seconds");
      }
    }
  }
}

// The promises of log_import.h about what an import returns.
void check(const app::ImportResult& result, const app::ImportOptions& options) {
  const auto& arrivals = result.arrivals_us;
  fuzz::require(!arrivals.empty(), "an import has at least one request");
  fuzz::require(std::is_sorted(arrivals.begin(), arrivals.end()), "arrivals are in time order");
  fuzz::require(arrivals.size() == result.counts.requests, "one arrival per request");
  fuzz::require(result.counts.bad <= options.max_bad_lines, "no more bad lines than allowed");
  fuzz::require(result.endpoints.size() <= app::kMaxEndpoints + 1, "endpoints are bounded");
  uint64_t requests = 0;
  for (size_t i = 0; i < result.endpoints.size(); ++i) {
    const app::Endpoint& e = result.endpoints[i];
    requests += e.requests;
    fuzz::require(std::is_sorted(e.service_us.begin(), e.service_us.end()),
                  "service times are sorted");
    fuzz::require(e.failed + e.untimed + e.service_us.size() == e.requests,
                  "an endpoint's requests are failed, untimed or timed");
    if (i > 0) {
      fuzz::require(result.endpoints[i - 1].requests >= e.requests,
                    "endpoints come most requests first");
    }
  }
  fuzz::require(requests == result.counts.requests, "the endpoints share out the requests");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto settings = fuzz::header_settings(text);
  app::ImportOptions options;
  if (!settings.empty()) {
    const size_t end = text.find('\n');
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (auto f = settings.find("format"); f != settings.end())
      options.format =
          f->second == "cloudfront" ? app::LogFormat::kCloudFront : app::LogFormat::kAlb;
    if (auto bad = settings.find("max_bad"); bad != settings.end())
      options.max_bad_lines = static_cast<uint64_t>(std::max(0, std::atoi(bad->second.c_str())));
    if (auto spread = settings.find("spread"); spread != settings.end())
      options.spread = spread->second != "none";
  }
  parse_lines(text);
  const std::string path =
      fuzz::write_input_file(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  app::ImportResult result;
  try {
    result = app::import_logs({path}, options);
  } catch (const app::InputError&) {
    return 0;  // the expected answer to bad input
  }
  check(result, options);
  return 0;
}
