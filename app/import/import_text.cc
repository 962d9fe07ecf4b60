#include "app/import/import_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/output/number_text.h"
#include "app/trace/timestamp.h"

namespace app {

namespace {

constexpr int64_t kMinuteUs = 60'000'000;

std::string count_text(uint64_t n) {
  return fixed(static_cast<double>(n), 0);
}

std::string percent_text(double part, double whole) {
  return whole > 0 ? fixed(100 * part / whole, 2) + "%" : "-";
}

std::string span_text(int64_t us) {
  const int64_t s = us / 1'000'000;
  char text[64];
  if (s >= 86400) {
    std::snprintf(text, sizeof text, "%lldd%lldh%lldm", static_cast<long long>(s / 86400),
                  static_cast<long long>(s / 3600 % 24), static_cast<long long>(s / 60 % 60));
  } else if (s >= 3600) {
    std::snprintf(text, sizeof text, "%lldh%lldm", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60));
  } else {
    std::snprintf(text, sizeof text, "%lldm%llds", static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
  }
  return text;
}

double total_service_seconds(const ImportResult& result) {
  double total = 0;
  for (const Endpoint& e : result.endpoints) total += e.service_seconds();
  return total;
}

std::string ranking_table(const ImportResult& result, const std::vector<const Endpoint*>& rows,
                          const std::string& title) {
  const double total_calls = static_cast<double>(result.counts.requests);
  const double total_service = total_service_seconds(result);
  size_t name_width = 8;
  for (const Endpoint* e : rows) name_width = std::max(name_width, width(e->name));
  std::string out = title + "\n";
  out += "  " + pad_left("#", 3) + "  " + pad_right("endpoint", name_width) +
         pad_left("calls", 12) + pad_left("share", 9) + pad_left("failed", 9) +
         pad_left("p50 ms", 10) + pad_left("p99 ms", 10) + pad_left("service s", 12) +
         pad_left("share", 9) + "\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const Endpoint& e = *rows[i];
    const bool timed = !e.service_us.empty();
    out += "  " + pad_left(std::to_string(i + 1), 3) + "  " + pad_right(e.name, name_width) +
           pad_left(count_text(e.requests), 12) +
           pad_left(percent_text(static_cast<double>(e.requests), total_calls), 9) +
           pad_left(count_text(e.failed), 9) +
           pad_left(timed ? fixed(e.quantile_us(0.5) / 1000.0, 1) : "-", 10) +
           pad_left(timed ? fixed(e.quantile_us(0.99) / 1000.0, 1) : "-", 10) +
           pad_left(fixed(e.service_seconds(), 1), 12) +
           pad_left(percent_text(e.service_seconds(), total_service), 9) + "\n";
  }
  return out;
}

// The empirical table of `e`'s service times, each percentile a sample.
std::string percentiles_json(const Endpoint& e) {
  std::string out = "{ ";
  for (double p : kTablePercentiles) {
    const uint32_t us = e.quantile_us(p / 100);
    char key[16];
    std::snprintf(key, sizeof key, "%g", p);
    out += std::string(p == 0 ? "" : ", ") + "\"" + key + "\": \"" + duration_ms_text(us) + "\"";
  }
  return out + " }";
}

std::string class_json(const std::string& name, uint64_t weight, const Endpoint& service,
                       uint64_t bytes) {
  const uint64_t mean_bytes = weight > 0 ? (bytes + weight / 2) / weight : 0;
  return "    { \"name\": " + nlohmann::json(name).dump() +
         ", \"weight\": " + std::to_string(weight) +
         ", \"service_time\": { \"distribution\": \"empirical\", \"percentiles\": " +
         percentiles_json(service) + " }, \"response_bytes\": \"" + std::to_string(mean_bytes) +
         "B\" }";
}

void merge(Endpoint& into, const Endpoint& e) {
  into.requests += e.requests;
  into.response_bytes += e.response_bytes;
  into.service_sum_us += e.service_sum_us;
  const size_t middle = into.service_us.size();
  into.service_us.insert(into.service_us.end(), e.service_us.begin(), e.service_us.end());
  std::inplace_merge(into.service_us.begin(), into.service_us.begin() + middle,
                     into.service_us.end());
}

}  // namespace

std::string duration_ms_text(int64_t us) {
  if (us % 1000 == 0) return std::to_string(us / 1000) + "ms";
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%03lld", static_cast<long long>(us / 1000),
                static_cast<long long>(us % 1000));
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  return out + "ms";
}

int64_t trace_start_us(const ImportResult& result) {
  const int64_t first = result.arrivals_us.front();
  return first - ((first % kMinuteUs) + kMinuteUs) % kMinuteUs;
}

std::string render_import_summary(const ImportResult& r) {
  const ImportCounts& c = r.counts;
  std::string out = "Read " + count_text(c.files) + (c.files == 1 ? " file" : " files") + " (" +
                    log_format_name(r.format) + "s): " + count_text(c.lines) + " lines\n";
  const int64_t first = r.arrivals_us.front(), last = r.arrivals_us.back();
  out += "  " + count_text(c.requests) + " HTTP requests, " + format_timestamp({first, true, 0}) +
         " to " + format_timestamp({last, true, 0}) + " (" + span_text(last - first) +
         "): every one in the trace\n";
  const char* timing = r.format == LogFormat::kAlb ? "target_processing_time" : "time-taken";
  out += "    " + count_text(c.failed) + " failed (5xx or no response, " +
         percent_text(static_cast<double>(c.failed), static_cast<double>(c.requests)) + ") and " +
         count_text(c.untimed) + " without a " + timing + " (-1): left out of the service times\n";
  out += "  " + count_text(c.non_http) +
         " not HTTP requests (WebSocket connections, lines without a request): not in the trace\n";
  out += "  " + count_text(c.bad) + " bad lines left out" +
         (c.bad > 0 ? " (--max-bad-lines):" : "") + "\n";
  for (const Problem& p : r.bad_lines) out += "    " + p.file + ": " + p.message + "\n";
  if (c.bad > r.bad_lines.size())
    out += "    " + count_text(c.bad - r.bad_lines.size()) + " more not shown\n";
  return out;
}

std::string render_ranking(const ImportResult& r, int top) {
  const size_t n = std::min(r.endpoints.size(), static_cast<size_t>(std::max(top, 0)));
  std::vector<const Endpoint*> by_calls, by_service;
  for (const Endpoint& e : r.endpoints) by_service.push_back(&e);
  std::stable_sort(by_service.begin(), by_service.end(), [](const Endpoint* a, const Endpoint* b) {
    return a->service_seconds() > b->service_seconds();
  });
  by_service.resize(n);
  for (size_t i = 0; i < n; ++i) by_calls.push_back(&r.endpoints[i]);
  const std::string shown =
      " (" + std::to_string(n) + " of " + std::to_string(r.endpoints.size()) + " endpoints)";
  return ranking_table(r, by_calls, "Endpoints by calls" + shown) + "\n" +
         ranking_table(r, by_service, "Endpoints by total service time" + shown);
}

std::string render_workload_block(const ImportResult& r, const BlockOptions& options) {
  const int64_t start = trace_start_us(r);
  std::string out = "{\n  \"clock\": { \"start\": \"" +
                    format_local_date_time(start, options.utc_offset_minutes) + "\" },\n";
  out += "  \"arrivals\": { \"process\": \"trace\", \"file\": " +
         nlohmann::json(options.trace_file).dump() + ", \"format\": \"timestamps\", \"start\": \"" +
         format_timestamp({start, true, 0}) + "\" },\n  \"classes\": [\n";
  Endpoint all, rest;
  for (const Endpoint& e : r.endpoints) merge(all, e);
  std::vector<std::string> classes;
  for (size_t i = 0; i < r.endpoints.size(); ++i) {
    const Endpoint& e = r.endpoints[i];
    if (i < static_cast<size_t>(options.classes) && !e.service_us.empty()) {
      classes.push_back(class_json(e.name, e.requests, e, e.response_bytes));
    } else {
      merge(rest, e);
    }
  }
  // Endpoints whose every request failed have no service times of their own.
  if (rest.requests > 0) {
    classes.push_back(class_json("other endpoints", rest.requests,
                                 rest.service_us.empty() ? all : rest, rest.response_bytes));
  }
  for (size_t i = 0; i < classes.size(); ++i)
    out += classes[i] + (i + 1 < classes.size() ? ",\n" : "\n");
  return out + "  ]\n}\n";
}

std::string render_trace(const ImportResult& r) {
  std::string out = "timestamp\n";
  out.reserve(r.arrivals_us.size() * 28 + out.size());
  for (int64_t us : r.arrivals_us) {
    out += format_timestamp({us, true, 0});
    out += '\n';
  }
  return out;
}

}  // namespace app
