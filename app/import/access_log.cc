#include "app/import/access_log.h"

#include <charconv>
#include <cmath>

#include "app/scenario/input_error.h"
#include "app/trace/timestamp.h"

namespace app {

namespace {

constexpr size_t kAlbMinFields = 14;        // type through user_agent
constexpr size_t kAlbRequestCreation = 21;  // request_creation_time, when present

bool is_alb_type(std::string_view t) {
  return t == "http" || t == "https" || t == "h2" || t == "grpcs" || t == "ws" || t == "wss";
}

// Space-separated fields; a field that starts with a quote runs to the quote
// that is followed by a space or the end, so quotes inside a user agent survive.
// A backslash inside quotes escapes the next character.
std::vector<std::string_view> split_alb(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ') {
      ++i;
      continue;
    }
    if (line[i] == '"') {
      size_t j = i + 1;
      while (j < line.size()) {
        if (line[j] == '\\' && j + 1 < line.size()) {
          j += 2;
          continue;
        }
        if (line[j] == '"' && (j + 1 == line.size() || line[j + 1] == ' ')) break;
        ++j;
      }
      fields.push_back(line.substr(i + 1, j - i - 1));
      i = j + 1;
      continue;
    }
    const size_t j = std::min(line.find(' ', i), line.size());
    fields.push_back(line.substr(i, j - i));
    i = j;
  }
  return fields;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t begin = 0;
  for (;;) {
    const size_t tab = line.find('\t', begin);
    fields.push_back(line.substr(begin, tab == line.npos ? line.npos : tab - begin));
    if (tab == line.npos) return fields;
    begin = tab + 1;
  }
}

template <typename T>
std::optional<T> parse_integer(std::string_view text) {
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "200", or "-" (no response) as 0.
std::optional<int> parse_status(std::string_view text) {
  if (text == "-") return 0;
  const auto code = parse_integer<int>(text);
  if (!code || *code < 0 || *code > 999) return std::nullopt;
  return *code;
}

// "GET https://example.com:443/users/42?x=1 HTTP/1.1": the method and the path.
// False for "- http://example.com:80- -", a request ALB could not read.
bool split_request(std::string_view request, std::string_view& method, std::string_view& path) {
  const size_t space = request.find(' ');
  if (space == request.npos) return false;
  method = request.substr(0, space);
  std::string_view url = request.substr(space + 1);
  url = url.substr(0, url.find(' '));
  if (method == "-" || method.empty()) return false;
  const size_t scheme = url.find("://");
  if (scheme != url.npos) {
    const size_t slash = url.find('/', scheme + 3);
    url = slash == url.npos ? std::string_view("/") : url.substr(slash);
  }
  path = url.substr(0, url.find_first_of("?#"));
  if (path.empty()) path = "/";
  return true;
}

}  // namespace

const char* log_format_name(LogFormat format) {
  return format == LogFormat::kAlb ? "ALB access log" : "CloudFront standard log";
}

std::optional<LogFormat> detect_log_format(std::string_view line) {
  if (line.starts_with("#Version:") || line.starts_with("#Fields:")) return LogFormat::kCloudFront;
  const size_t space = line.find(' ');
  if (space == line.npos || !is_alb_type(line.substr(0, space))) return std::nullopt;
  const std::string_view rest = line.substr(space + 1);
  const auto time = parse_timestamp(rest.substr(0, rest.find(' ')));
  if (!time || !time->date_time) return std::nullopt;
  return LogFormat::kAlb;
}

std::optional<int64_t> parse_log_seconds(std::string_view text) {
  if (text == "-1") return -1;
  double seconds = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(seconds) || seconds < 0 || seconds > 1e7) {
    return std::nullopt;
  }
  return std::llround(seconds * 1e6);
}

std::optional<LogEntry> parse_alb_line(std::string_view line, std::string& error) {
  const std::vector<std::string_view> f = split_alb(line);
  if (f.size() < kAlbMinFields) {
    error = "expected at least " + std::to_string(kAlbMinFields) +
            " space-separated fields (type through \"user_agent\"), found " +
            std::to_string(f.size());
    return std::nullopt;
  }
  if (!is_alb_type(f[0])) {
    error = "expected a type (http, https, h2, grpcs, ws or wss), found " + quoted_excerpt(f[0]);
    return std::nullopt;
  }
  const auto time = parse_timestamp(f[1]);
  if (!time || !time->date_time) {
    error = "expected the time, an ISO 8601 date-time, found " + quoted_excerpt(f[1]);
    return std::nullopt;
  }
  static const char* const kTimeNames[] = {"request_processing_time", "target_processing_time",
                                           "response_processing_time"};
  int64_t times[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    const auto t = parse_log_seconds(f[5 + i]);
    if (!t) {
      error = std::string("expected the ") + kTimeNames[i] + " in seconds (or -1), found " +
              quoted_excerpt(f[5 + i]);
      return std::nullopt;
    }
    times[i] = *t;
  }
  LogEntry e;
  const auto status = parse_status(f[8]);
  const auto bytes = parse_integer<uint64_t>(f[11]);
  if (!status) {
    error = "expected the elb_status_code, such as 200 or -, found " + quoted_excerpt(f[8]);
    return std::nullopt;
  }
  if (!bytes) {
    error = "expected the sent_bytes, a whole number, found " + quoted_excerpt(f[11]);
    return std::nullopt;
  }
  e.status = *status;
  e.response_bytes = *bytes;
  e.service_us = times[1];
  e.http = f[0] != "ws" && f[0] != "wss" && split_request(f[12], e.method, e.path);
  e.time_us = time->us;
  const auto created =
      f.size() > kAlbRequestCreation ? parse_timestamp(f[kAlbRequestCreation]) : std::nullopt;
  if (created && created->date_time && created->us <= time->us) {
    e.time_us = created->us;
  } else {
    for (int64_t t : times) e.time_us -= std::max<int64_t>(t, 0);
  }
  return e;
}

std::optional<CloudFrontColumns> read_cloudfront_fields(std::string_view line, std::string& error) {
  line.remove_prefix(std::string_view("#Fields:").size());
  std::vector<std::string_view> names;
  for (size_t i = 0; i < line.size();) {
    const size_t j = std::min(line.find_first_of(" \t", i), line.size());
    if (j > i) names.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  CloudFrontColumns c;
  struct Wanted {
    const char* name;
    size_t* at;
  };
  const Wanted wanted[] = {{"date", &c.date},
                           {"time", &c.time},
                           {"cs-method", &c.method},
                           {"cs-uri-stem", &c.uri_stem},
                           {"sc-status", &c.status},
                           {"sc-bytes", &c.bytes},
                           {"time-taken", &c.time_taken}};
  std::string missing;
  for (const Wanted& w : wanted) {
    size_t i = 0;
    while (i < names.size() && names[i] != w.name) ++i;
    if (i == names.size()) {
      missing += std::string(missing.empty() ? "" : ", ") + w.name;
      continue;
    }
    *w.at = i;
    c.count = std::max(c.count, i + 1);
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] != "cs-protocol") continue;
    c.protocol = i;
    c.count = std::max(c.count, i + 1);  // a line must reach it before it is read
  }
  if (!missing.empty()) {
    error =
        "expected a #Fields line naming date, time, cs-method, cs-uri-stem, sc-status, "
        "sc-bytes and time-taken, found one without " +
        missing;
    return std::nullopt;
  }
  return c;
}

std::optional<LogEntry> parse_cloudfront_line(std::string_view line,
                                              const CloudFrontColumns& columns,
                                              std::string& error) {
  const std::vector<std::string_view> f = split_tabs(line);
  if (f.size() < columns.count) {
    error = "expected at least " + std::to_string(columns.count) +
            " tab-separated fields (as the #Fields line names), found " + std::to_string(f.size());
    return std::nullopt;
  }
  const std::string date_time =
      std::string(f[columns.date]) + "T" + std::string(f[columns.time]) + "Z";
  const auto time = parse_timestamp(date_time);
  if (!time || f[columns.time].size() != 8) {
    error = "expected a date and time such as 2026-11-17 and 09:00:00, found " +
            quoted_excerpt(f[columns.date]) + " and " + quoted_excerpt(f[columns.time]);
    return std::nullopt;
  }
  LogEntry e;
  e.time_us = time->us;
  const auto status = parse_status(f[columns.status]);
  const auto bytes = parse_integer<uint64_t>(f[columns.bytes]);
  const auto taken = parse_log_seconds(f[columns.time_taken]);
  if (!status) {
    error =
        "expected the sc-status, such as 200 or 000, found " + quoted_excerpt(f[columns.status]);
    return std::nullopt;
  }
  if (!bytes) {
    error = "expected the sc-bytes, a whole number, found " + quoted_excerpt(f[columns.bytes]);
    return std::nullopt;
  }
  if (!taken || *taken < 0) {
    error = "expected the time-taken in seconds, found " + quoted_excerpt(f[columns.time_taken]);
    return std::nullopt;
  }
  e.status = *status;
  e.response_bytes = *bytes;
  e.service_us = *taken;
  e.method = f[columns.method];
  e.path = f[columns.uri_stem];
  const std::string_view protocol = columns.protocol ? f[*columns.protocol] : "";
  e.http = protocol != "ws" && protocol != "wss" && e.method != "-" && !e.method.empty() &&
           e.path.starts_with('/');
  return e;
}

}  // namespace app
